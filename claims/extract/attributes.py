"""What names a figure from before it, when no noun after it says what it counts.

A measured attribute right before the figure ("đường kính 38mm", "người đẹp tuổi 50", "revenue of
$5bn"), the English words before "of" or "worth" ("a combined tally of $80m"), what an amount of money
is made of ("$20bn in investment"), an age in commas after a name ("John Houston, 54,"), and words
that point back to the figure before ("it is 15%").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from claims.numbers.mention import NumberMention

from .lexicon import ExtractLexicon, phrase_key
from .subjects import _LONGEST_WORD, _WORD, Subject, _ends_longer_word, _is_stop, _plain_words, is_elided, may_name

if TYPE_CHECKING:
    from .context import Sentence

# How far before a figure a measured attribute and the words linking it may start: "độ tin cậy đều đạt".
_ATTRIBUTE_WINDOW = 40
# Longer than any link and the words that may follow it before the figure: "of just", "valued at".
_LINK_WINDOW = 24
# How far before a link ("of", "worth") the words naming a figure may start: "the projected eurozone average".
_NAMED_BY_WINDOW = 48
# The oldest age a bare number after a name may give: "John Houston, 54, said".
_OLDEST = 120
# A person's name right before a figure in commas: "John Houston, 54,".
_NAME_AND_COMMA = regex.compile(r"(?r)(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}'’-]+(?:[ ]\p{Lu}[\p{L}\p{M}'’-]+){1,3},[ ]\Z")


def attribute_before(sentence: Sentence, figure: NumberMention) -> Subject | None:
    """A measured attribute right before the figure, with at most a linking word between: "đường kính
    38mm", "người đẹp tuổi 50", "cách ly đủ 14 ngày", "revenue of $5bn". It names what the figure
    measures even where words follow the figure ("giá 2 triệu tệ", "kích thước 6,4 inch cùng ...")."""
    lex = sentence.lex
    if not lex.attribute_concepts:
        return None
    window_start = max(sentence.start, figure.start - _ATTRIBUTE_WINDOW)
    if figure.start <= window_start or sentence.folded[figure.start - 1] != " ":
        return None  # the pattern ends in spaces right before the figure: "(5%", "$5bn" have none
    found = lex.attribute_before.search(sentence.folded, window_start, figure.start, timeout=sentence.timeout)
    if found is not None and not _in_its_units(lex, lex.attribute_concepts.get(phrase_key(found["noun"])), figure):
        # "tốc độ cao 200 km/h": "cao" is high, no height; the attribute before it names the figure.
        found = lex.attribute_before.search(sentence.folded, window_start, found.start(), timeout=sentence.timeout)
    if found is None:
        return None
    concept = lex.attribute_concepts.get(phrase_key(found["noun"]))
    if not may_name(lex, figure.kind, figure.unit, concept) or not _in_its_units(lex, concept, figure):
        return None
    if _ends_longer_word(sentence, window_start, found):
        return None  # "trị giá 5 tỷ": worth, not a price
    start, end = found.span("noun")
    words = sentence.folded[max(window_start, start - _LONGEST_WORD) : start].split()
    for size in (2, 1):  # the longest attribute: "chiều cao", not its "cao"
        longer = " ".join([*words[-size:], found["noun"]]) if len(words) >= size else ""
        longer_concept = lex.attribute_concepts.get(phrase_key(longer)) if longer else None
        if (
            longer
            and may_name(lex, figure.kind, figure.unit, longer_concept)
            and _in_its_units(lex, longer_concept, figure)
        ):
            start, concept = end - len(longer), lex.attribute_concepts[phrase_key(longer)]
            break
    return Subject(sentence.original[start:end], start, figure.start, concept, named_from=start)


def _in_its_units(lex: ExtractLexicon, concept: str | None, figure: NumberMention) -> bool:
    """Whether a figure with a unit is given in one its attribute is measured in: "cao 90 Hz" is no height."""
    units = lex.attribute_units.get(concept or "")
    return not units or not figure.unit or figure.unit in units


def amount_made_of(sentence: Sentence, after: int, limit: int) -> Subject | None:
    """English names what an amount of money is made of after it: "$20bn (£10.6bn) in investment",
    "$600m in ticket sales"."""
    if not sentence.lex.has_amount_of_words:
        return None
    made_of = sentence.lex.amount_of_at.match(sentence.folded, after, limit, timeout=sentence.timeout)
    subject = _plain_words(sentence, made_of.end(), limit) if made_of else None
    return subject if subject is not None and subject.text is not None else None


def named_by_words(sentence: Sentence, figure: NumberMention) -> Subject | None:
    """English names a figure with the words before "of" or "worth": "a combined tally of $80m",
    "a takeover offer worth $2.3bn", "a factory site measuring 250 acres"."""
    lex, folded = sentence.lex, sentence.folded
    if not lex.has_named_by_links:
        return None  # no link, no words it could follow
    if lex.of_at.match(folded, figure.end, sentence.end, timeout=sentence.timeout):
        return None  # "winners of 11 of the 12 awards": a part of something named after it
    if figure.kind == "count" and not is_elided(sentence, figure.end):
        return None  # "the support of 62 Labour rebels": a count's noun follows it
    link = lex.named_by_link.search(
        folded, max(sentence.start, figure.start - _LINK_WINDOW), figure.start, timeout=sentence.timeout
    )
    if link is None:
        return None
    end = link.start()
    words = list(_WORD.finditer(folded, max(sentence.start, end - _NAMED_BY_WINDOW), end, timeout=sentence.timeout))
    taken: list = []
    for word in reversed(words):
        following = taken[0].start() if taken else end
        written = word.group()
        is_name = written[0].isupper() and not (written.isupper() and len(written) > 1)  # "I", "Premiership"
        if folded[word.end() : following].strip() or _is_stop(written, lex) or is_name:
            break  # punctuation, a function word or a name ends the words
        taken.insert(0, word)
        if len(taken) == lex.max_subject_words:
            break
    if not taken or taken[-1].group().casefold() in lex.not_named_by:
        return None
    start = taken[0].start()
    concept = None
    for first in range(len(taken)):  # the longest known phrase ending at the head: "trade deficit"
        concept = lex.concepts.get(phrase_key(folded[taken[first].start() : end]))
        if concept is not None:
            break
    return Subject(sentence.original[start:end], start, figure.start, concept or None, named_from=start)


def measures_as_before(sentence: Sentence, figure: NumberMention) -> bool:
    """Whether a bare amount measures what the last amount in its unit did: a link word right before it
    ("trọng lượng 70kg ... chỉ còn 35kg", "47,8mg kẽm ... là 5,2mg và 0,8mg"); not "rộng 26m", a width."""
    before = sentence.folded[max(sentence.start, figure.start - _LINK_WINDOW) : figure.start].split()
    return bool(before) and before[-1].casefold() in sentence.lex.same_measure_links


def is_age_in_apposition(sentence: Sentence, mention: NumberMention) -> bool:
    """'John Houston, 54, was due to stand': a bare whole number in commas right after a person's
    name is the person's age."""
    folded = sentence.folded
    if mention.kind != "count" or not mention.text.isdigit() or not 0 < (mention.value or 0) <= _OLDEST:
        return False
    if folded[mention.end : mention.end + 1] != ",":
        return False
    start = max(sentence.start, mention.start - _NAMED_BY_WINDOW)
    return _NAME_AND_COMMA.search(folded, start, mention.start, timeout=sentence.timeout) is not None


def takes_previous(sentence: Sentence, figure: NumberMention) -> bool:
    """Whether a figure with no words of its own counts what the figure before it counts: money whose
    noun was left out ("sell for £339 in the UK and $499 in the US"), or a figure after words that
    point back ("the unemployment rate is 12%, in some areas it is 15%")."""
    if figure.kind == "money" and is_elided(sentence, figure.end):
        return True
    window_start = max(sentence.start, figure.start - _LINK_WINDOW)
    return (
        sentence.lex.back_reference.search(sentence.folded, window_start, figure.start, timeout=sentence.timeout)
        is not None
    )
