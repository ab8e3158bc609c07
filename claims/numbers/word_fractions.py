"""Fractions after number words: "five eighths", "five and a quarter", "six million and two thirds".

English writes a share with a denominator word ("two thirds") and a whole number and its
fraction with "and" ("three and a fifth"). After a scale the fraction is of the scale:
"two million and three fifths" is 2.6 million, "one billion and a half million" 1,000,500,000.
Read here, before the figure reader (claims/numbers/figures.py) sees the number words, so
that it reads neither part alone. Vietnamese writes fractions with "phần" ("ba phần tư"),
which figures.py reads; its pack has no denominator words and so nothing is read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from .lexicon import NOT_LETTER_AFTER, NumberLexicon, alternation, word_alternation
from .words import read_number_words

# A scale of at least this much takes the fraction after it: "two million and a half" is 2.5 million,
# "one hundred and three quarters" 100.75.
_SCALE_TAKES_FRACTION = 1000.0


@dataclass(frozen=True, slots=True)
class WordFraction:
    """A fraction read after number words: its value, where it ends, and the words it took."""

    value: float
    end: int
    words: list[str]
    share: bool  # "two thirds" is a share; "five and a quarter" and "two thirds of a million" are amounts


# The words a rank ("a third term") leaves to the ordinal reader.
RANK = WordFraction(0.0, 0, [], share=False)


@dataclass(frozen=True, slots=True)
class _Patterns:
    denominator: regex.Pattern  # "thirds", "- eighths" after the numerator
    whole_and: regex.Pattern  # "and a quarter", "and two thirds" after a whole number
    scale: regex.Pattern  # "million", "of a million" after a fraction


@cache
def fraction_openers(lex: NumberLexicon) -> frozenset:
    """The words after number words that may open a fraction: a denominator ("thirds") or the joiner ("and")."""
    return frozenset(lex.fraction_words) | ({lex.whole_joiner} if lex.whole_joiner and lex.fraction_words else set())


@cache
def _patterns(lex: NumberLexicon) -> _Patterns | None:
    if not lex.fraction_words:
        return None
    denominator = word_alternation(lex.fraction_words)
    numerators = word_alternation([w for w, (kind, _) in lex.word_kinds.items() if kind == "digit"])
    joiner = regex.escape(lex.whole_joiner) if lex.whole_joiner else r"(?!x)x"
    before_scale = f"(?:{word_alternation(lex.fraction_before_scale)}[ ]+)?" if lex.fraction_before_scale else ""
    return _Patterns(
        # "five eighths", "one-eighth", "five - eighths"
        denominator=regex.compile(f"(?:[ ]*-[ ]*|[ ]+)(?P<den>{denominator}){NOT_LETTER_AFTER}"),
        whole_and=regex.compile(
            f"[ ]+(?i:{joiner})[ ]+(?P<num>{numerators})(?:[ ]*-[ ]*|[ ]+)(?P<den>{denominator}){NOT_LETTER_AFTER}"
        ),
        scale=regex.compile(f"[ ]+{before_scale}(?P<scale>{alternation(lex.spaced_scales)}){NOT_LETTER_AFTER}"),
    )


def fraction_after_words(
    folded: str,
    tokens: list[str],
    used: int,
    value: float,
    end: int,
    lex: NumberLexicon,
    timeout: float,
    *,
    qualified: bool = False,
) -> WordFraction | None:
    """The fraction that the number words `tokens[:used]` (worth `value`, ending at `end`) open or
    close, RANK when a denominator after them is a rank ("a third term"), or None. A qualifier
    before them makes a share of any "a third": "nearly a fifth saying"."""
    patterns = _patterns(lex)
    if patterns is None or end >= len(folded) or folded[end] not in " -":
        return None
    words = tokens[:used]
    den = patterns.denominator.match(folded, end, timeout=timeout)
    if den is not None:
        return _share(folded, words, value, den, patterns, lex, timeout, qualified)
    return whole_and_fraction(folded, words, value, end, lex, timeout)


def whole_and_fraction(
    folded: str, words: list[str], value: float, end: int, lex: NumberLexicon, timeout: float
) -> WordFraction | None:
    """'five and a quarter', 'six million and two thirds', '3 million and a quarter': the whole
    number `words` (worth `value`, ending at `end`) and the fraction after it, or None."""
    patterns = _patterns(lex)
    tail = patterns.whole_and.match(folded, end, timeout=timeout) if patterns is not None else None
    if patterns is None or tail is None:
        return None
    numerator = lex.word_kinds[tail["num"].casefold()][1]
    part = numerator / lex.fraction_words[tail["den"].casefold()]
    multiplier = lex.last_multiplier(words)
    read = words + tail.group().split()
    if multiplier < _SCALE_TAKES_FRACTION:
        if lex.fraction_words[tail["den"].casefold()] == 2 and multiplier > 1:
            return None  # "a dozen and a half" is 18: the figure reader halves the dozen
        return WordFraction(value + part, tail.end(), read, share=False)  # "five and a quarter"
    scale = patterns.scale.match(folded, tail.end(), timeout=timeout)
    if scale is not None:  # "one billion and a half million"
        return WordFraction(value + part * _scale_of(scale, lex), scale.end(), read, share=False)
    return WordFraction(value + part * multiplier, tail.end(), read, share=False)  # "six million and two thirds"


def _share(
    folded: str,
    words: list[str],
    value: float,
    den: regex.Match,
    patterns: _Patterns,
    lex: NumberLexicon,
    timeout: float,
    qualified: bool,
) -> WordFraction:
    """'five eighths', 'one hundred and three quarters' (100.75), 'two thirds of a million'."""
    written = den["den"].casefold()
    denominator = lex.fraction_words[written]
    if (
        not qualified
        and written in lex.ordinal_words
        and len(words) == 1
        and words[0].casefold() in lex.articles
        and folded[den.start()] == " "
        and _rank_follows(folded, den.end(), lex, timeout)
    ):
        return RANK
    whole, numerator, multiplier = _split_whole(words, value, lex)
    part = numerator / denominator
    read = words + den.group().replace("-", " ").split()
    scale = patterns.scale.match(folded, den.end(), timeout=timeout)
    if whole:
        if multiplier < _SCALE_TAKES_FRACTION:
            return WordFraction(whole + part, den.end(), read, share=False)  # "one hundred and three quarters"
        if scale is not None:  # "one billion and three quarters million"
            return WordFraction(whole + part * _scale_of(scale, lex), scale.end(), read, share=False)
        # "five billion and three quarters"
        return WordFraction(whole + part * multiplier, den.end(), read, share=False)
    if scale is not None:  # "two thirds of a million", "a quarter million"
        return WordFraction(part * _scale_of(scale, lex), scale.end(), read, share=False)
    return WordFraction(part, den.end(), read, share=True)


def _split_whole(words: list[str], value: float, lex: NumberLexicon) -> tuple[float, float, float]:
    """The whole number, the numerator and the whole's last multiplier of number words before a
    denominator: "one hundred and three" (quarters) is 100 and 3; "twenty one" (fifths) is 0 and 21."""
    joiner = lex.whole_joiner
    for at in range(len(words) - 2, 0, -1):
        if words[at].casefold() != joiner:
            continue
        whole, used = read_number_words(words[:at], lex)
        numerator, rest = read_number_words(words[at + 1 :], lex)
        if whole is not None and numerator is not None and used == at and rest == len(words) - at - 1:
            return whole, numerator, lex.last_multiplier(words[:at])
        break
    return 0.0, value, 1.0


def _scale_of(scale: regex.Match, lex: NumberLexicon) -> float:
    return lex.spaced_scale(scale["scale"]) or 1.0


def _rank_follows(folded: str, at: int, lex: NumberLexicon, timeout: float) -> bool:
    """Whether a word after "a third" makes it a rank: "a third term", "a fourth-quarter charge",
    not "a third of" or "a third."."""
    if at + 1 >= len(folded) or folded[at] not in " -":
        return False
    following = lex.word_token.match(folded, at + 1, timeout=timeout)
    if folded[at] == "-":
        return following is not None
    return following is not None and following.group().casefold() not in lex.share_before
