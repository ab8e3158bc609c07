"""Digits that go on past what the digit pattern took: ".08", "1 234 567", "2 1/4".

The digit pattern (claims/numbers/lexicon.py) reads one run of digits and separators; these
forms are read around such a run, only where the run is plain digits:
- a leading decimal point after a space: ".08" (a blood-alcohol limit) is 0.08, not 8;
- groups of three parted by plain spaces, at least two of them: "1 234 567" (a single group,
  "5 200", is as often two numbers, "June 5 200 people"), or one that opens with a nought:
  "40 000" (no count is written "000");
- a whole number and a fraction: "2 1/4" = 2.25, "2 1/2 years".
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .fraction_signs import FRACTION_SIGNS, fraction_sign_value

# "1 234 567": two to five groups after the first (up to the quadrillions), and no digit, decimal
# part or further group after them: a longer run of groups is a list or a code.
_SPACE_GROUPS = regex.compile(r"(?:(?:[ ][0-9]{3}){2,5}|[ ]0[0-9]{2})(?![0-9]|[.,][0-9]|[ ][0-9])")
# "2 1/4", "2  1/4": a proper fraction with a small denominator after one or two spaces.
_FRACTION = regex.compile(r"[ ]{1,2}(?P<num>[1-9])/(?P<den>[0-9]{1,2})(?![0-9/]|[.,][0-9])")
_DENOMINATORS = frozenset({2, 3, 4, 8})
# What may stand before the point of ".08": nothing, a space or an opening bracket or quote.
_BEFORE_POINT = frozenset(" \n\t(\"'")
# The most digits of a first group: "1 234 567" opens with one to three.
_GROUP = 3
# More digits than any figure has before a fraction ("2 1/4", "2½").
_MOST_DIGITS = 18


@dataclass(frozen=True, slots=True)
class WiderDigits:
    start: int
    end: int
    value: float


def wider_digits(folded: str, s: int, e: int, decimal: str, timeout: float) -> WiderDigits | None:
    """The number that the plain digits at s:e are part of, when it is wider than them; else None."""
    if s and folded[s - 1] == "." == decimal and (s == 1 or folded[s - 2] in _BEFORE_POINT):
        return WiderDigits(s - 1, e, float("0." + folded[s:e]))
    if e - s > _MOST_DIGITS:
        return None  # no figure has so many digits; a float of them is no number
    if e < len(folded) and folded[e] in FRACTION_SIGNS:  # "2½"
        return WiderDigits(s, e + 1, float(folded[s:e]) + fraction_sign_value(folded[e]))
    if folded[e : e + 1] != " " or not folded[e + 1 : e + 3].lstrip(" ")[:1].isdigit():
        return None
    if e - s <= _GROUP and (s < 2 or not folded[s - 2].isdigit()):  # not the middle of "2019 100 200"
        groups = _SPACE_GROUPS.match(folded, e, timeout=timeout)
        if groups is not None:
            return WiderDigits(s, groups.end(), float(folded[s : groups.end()].replace(" ", "")))
    fraction = _FRACTION.match(folded, e, timeout=timeout)
    if fraction is not None and int(fraction["num"]) < int(fraction["den"]) in _DENOMINATORS:
        value = float(folded[s:e]) + int(fraction["num"]) / int(fraction["den"])
        return WiderDigits(s, fraction.end(), value)
    return None
