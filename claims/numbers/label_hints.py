"""What around digits or a number word says they name, date or point back rather than count.

Read once per language pack from [numbers.dates], [numbers.units], [numbers.identifiers] and
[numbers.words.context]; the reader's digit and word readings consult it (digit_reading.py,
word_reading.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from claims.lang import LanguagePack

if TYPE_CHECKING:
    from .lexicon import NumberLexicon

# A list of labelled numbers: "modun 2, 3", "number seven or eight"; an item is a few digits or one word.
_ITEM = r"(?:[0-9]{1,4}[A-Za-z]?|[\p{L}]+)"
# What may end the noun phrase a number word opens, before the demonstrative closes it ("hai màn hình này").
_PHRASE_END = regex.compile(r"[,.;:!?()\"“”]")
_PHRASE_WORDS = 4
_LIST_ITEMS = 6
# Units that make a number after an ordinal word an amount: "the top 1%", "to top a billion US dollars".
_AMOUNT_KINDS = frozenset({"percent", "percentage_point", "money"})


@dataclass(frozen=True)
class LabelHints:
    time_zones: frozenset  # as written: "0001 GMT" is a time of day
    year_before: frozenset  # folded: "in 1701" is a year, older than a bare year-like number
    relative_days: frozenset  # folded: "sáng nay (1/10)" is a date
    hundredths: dict  # glued suffix -> currency: "79p" is GBP 0.79
    height_joiners: frozenset  # "1m60" is 1.60 m
    hyphen_labels: frozenset  # folded: "18-rated" is a label
    demonstratives: frozenset  # folded: "hai màn hình này" points back
    list_joins: frozenset  # folded: "và", "or"
    list_before: regex.Pattern | None  # one item of a list and its join, matched back from a number
    # The last letters of the joins, casefolded (None: a join that ends in no letter).
    list_join_ends: frozenset | None


def read_label_hints(pack: LanguagePack) -> LabelHints:
    return LabelHints(
        time_zones=frozenset(pack.value("numbers.dates.time_zones")),
        year_before=frozenset(w.casefold() for w in pack.value("numbers.dates.year_before")),
        relative_days=frozenset(w.casefold() for w in pack.value("numbers.dates.relative_days")),
        hundredths=dict(pack.value("numbers.units.hundredths")),
        height_joiners=frozenset(pack.value("numbers.units.height_joiners")),
        hyphen_labels=frozenset(w.casefold() for w in pack.value("numbers.identifiers.hyphen_labels")),
        demonstratives=frozenset(w.casefold() for w in pack.value("numbers.words.context.demonstratives")),
        list_joins=frozenset(w.casefold() for w in pack.value("numbers.identifiers.list_joins")),
        list_before=_list_before(pack.value("numbers.identifiers.list_joins")),
        list_join_ends=_list_join_ends(pack.value("numbers.identifiers.list_joins")),
    )


def _list_before(joins: list[str]) -> regex.Pattern | None:
    if not joins:
        return None
    words = "|".join(regex.escape(j) for j in sorted(joins, key=len, reverse=True))
    return regex.compile(f"(?r)(?<![\\p{{L}}\\p{{M}}0-9.,])(?P<item>{_ITEM})(?:,[ ]|[ ]+(?i:{words})[ ]+)\\Z")


def _list_join_ends(joins: list[str]) -> frozenset | None:
    if any(not join or not join[-1].isalpha() for join in joins):
        return None
    return frozenset(join[-1].casefold() for join in joins)


def _may_close_list(folded: str, at: int, hints: LabelHints) -> bool:
    """Whether what stands before `at` can end list_before: ", " or a join and spaces. Tested on the
    join's last letter: most numbers follow neither, and a pattern call reads the process clock twice
    for its timeout."""
    if folded[at - 1 : at] != " ":
        return False
    if hints.list_join_ends is None or folded[at - 2 : at] == ", ":
        return True
    last = folded[max(0, at - 40) : at].rstrip(" ")[-1:]
    return bool(last) and last.casefold() in hints.list_join_ends


def listed_label(folded: str, s: int, lex: NumberLexicon, timeout: float) -> str | None:
    """'modun 2, 3', 'number seven or eight': the kind of a number that goes on a list opened by an
    identifier label ("identifier") or an ordinal word ("ordinal"), else None."""
    pattern = lex.hints.list_before
    if pattern is None:
        return None
    at, items = s, 0
    while items < _LIST_ITEMS:
        if not _may_close_list(folded, at, lex.hints):
            return None
        item = pattern.search(folded, max(0, at - 40), at, timeout=timeout)
        if item is None:
            return None
        listed = item["item"]
        # A weak word is no item: "phòng không, 6 trạm" (air defence, six stations).
        if not (listed[:1].isdigit() or (lex.kind_of_word(listed) and listed.casefold() not in lex.weak)):
            return None
        at, items = item.start(), items + 1
        words = folded[max(0, at - 24) : at].casefold().split()
        for size in (2, 1):
            label = " ".join(words[-size:]) if len(words) >= size else ""
            if label in lex.identifier_labels:
                return "identifier"
            if label in lex.ordinal_before:
                return "ordinal"
    return None


def amount_after(unit: regex.Match[str] | None, lex: NumberLexicon) -> bool:
    """A percent or a currency after a number makes it an amount, whatever word stands before it.
    `unit` is the lexicon's unit_after matched after the number (the reader's cached match)."""
    found = lex.unit_of(unit["unit"]) if unit is not None else None
    return found is not None and found[0] in _AMOUNT_KINDS


def unit_after(unit: regex.Match[str] | None, lex: NumberLexicon) -> bool:
    """'the two hours of sport': a unit after a number word makes it a figure, whatever points back.
    `unit` is the lexicon's unit_after matched after the number word."""
    return unit is not None and lex.unit_of(unit["unit"]) is not None


def points_back(folded: str, end: int, lex: NumberLexicon, timeout: float) -> bool:
    """'hai màn hình này': a number word whose noun phrase a demonstrative closes names things already named."""
    if not lex.hints.demonstratives:
        return False
    following = folded[end : end + 60]
    stop = _PHRASE_END.search(following, timeout=timeout)
    words = (following[: stop.start()] if stop else following).casefold().split()
    return any(word in lex.hints.demonstratives for word in words[1:_PHRASE_WORDS])
