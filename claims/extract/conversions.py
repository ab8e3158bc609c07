"""A figure restated in other terms right after it: "$850m (£415m)", "chưa đến ½ (46%)".

The restatement counts what the first figure counts, and the first figure's own words go on after
the brackets: "the FCC's $550,000 (£293,000) fine".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claims.numbers.mention import NumberMention

if TYPE_CHECKING:
    from .context import Sentence

# A money figure's conversion into another currency, in brackets after it: "$850m (£415m)".
_CONVERSION_OPENS = frozenset({"(", "["})
_CONVERSION_JOINS = frozenset({";", ",", "/"})


def is_conversion(sentence: Sentence, earlier: NumberMention, mention: NumberMention) -> bool:
    """Whether `mention` restates `earlier` in other terms: money in another currency ("$850m (£415m)",
    "3.1bn Australian dollars ($2.3bn; £1.8bn)"), a share as a percent ("chưa đến ½ (46%)"). It
    counts what the first figure counts."""
    money = earlier.kind == mention.kind == "money" and earlier.unit != mention.unit
    share = earlier.kind == "fraction" and mention.kind == "percent"
    if not (money or share):
        return False
    between = sentence.folded[earlier.end : mention.start].strip()
    if between in _CONVERSION_OPENS:
        return True
    folded = sentence.folded
    inside = folded.rfind("(", sentence.start, earlier.start) > folded.rfind(")", sentence.start, earlier.start)
    return between in _CONVERSION_JOINS and inside


def words_after(sentence: Sentence, position: int) -> tuple[int | None, int]:
    """Where the words of the figure at `position` start (None: right after it) and end (the next
    mention or the sentence's end). A money figure's words resume after its conversions in brackets:
    "the FCC's $550,000 (£293,000) fine" reads "fine"."""
    mentions, folded = sentence.mentions, sentence.folded
    figure, last = mentions[position], position
    while last + 1 < len(mentions) and is_conversion(sentence, mentions[last], mentions[last + 1]):
        last += 1
    if last > position and folded.startswith("(", figure.end + 1):
        close = folded.find(")", mentions[last].end, sentence.end)
        if close >= 0 and not folded[mentions[last].end : close].strip():
            return close + 1, mentions[last + 1].start if last + 1 < len(mentions) else sentence.end
    return None, mentions[position + 1].start if position + 1 < len(mentions) else sentence.end
