"""Comparison words and signs around a figure, compiled from a pack's qualifiers.

Qualifiers written in signs (">30", "<= 100", "≥ 5") stand straight before the digits; two
one-sided figures in a row bound one range ("above 1,000 and below 1,500", "trên 1.000 và
dưới 1.500"), and so does a range whose second bound is qualified ("from 20 to under 30").
"""

from __future__ import annotations

import regex

from claims.text.pattern_cache import compile_cached

# Which side of a value each one-sided qualifier bounds, and whether it leaves the value out.
LOWER_BOUNDS = {"more_than": True, "at_least": False}
UPPER_BOUNDS = {"less_than": True, "at_most": False}
# A qualifier sign that another sign stands before is no qualifier: "<>30", "=>30", "->30".
_NOT_AFTER_SIGN = r"(?<![<>=\-])"


def is_sign(phrase: str) -> bool:
    """Whether a qualifier is written in signs (">", "<=", "≥") rather than words."""
    return not any(ch.isalpha() for ch in phrase)


def sign_qualifier(signs: list[str], alternation) -> str:
    """The `before` pattern's part for qualifier signs: no word boundary, spaces optional ("< = 100")."""
    if not signs:
        return r"(?!x)x"
    return f"{_NOT_AFTER_SIGN}(?P<qual>{alternation(signs)})[ ]*"


def pair_after(qualifiers: dict, linkers: list, pair_join: list, range_join: list, word_alternation) -> regex.Pattern:
    """What may follow a one-sided figure to make it one side of a range: a joining word (or a comma)
    and a qualifier of the other side ("and below"), or a range's join word and an upper-bound
    qualifier ("to under"); the second bound's number follows."""
    one_sided = [q for q, name in qualifiers.items() if name in LOWER_BOUNDS or name in UPPER_BOUNDS]
    words = [q for q in one_sided if not is_sign(q)]
    signs = [q for q in one_sided if is_sign(q)]
    upper = [q for q in words if qualifiers[q] in UPPER_BOUNDS]
    if not words or not (pair_join or range_join):
        return regex.compile(r"(?!x)x")
    linker = f"(?:{word_alternation(linkers)}[ ]+)?" if linkers else ""
    qualifier = f"(?P<qual>{word_alternation(words)})[ ]+{linker}"
    if signs:
        qualifier = f"(?:{qualifier}|(?P<qual>{word_alternation(signs)})[ ]*)"
    pair = "[ ]*,[ ]*" + (f"|[ ]+{word_alternation(pair_join)}[ ]+" if pair_join else "")
    joins = [f"(?P<pair>{pair}){qualifier}"]
    if range_join and upper:
        joins.append(f"[ ]+(?P<to>{word_alternation(range_join)})[ ]+(?P<qual>{word_alternation(upper)})[ ]+{linker}")
    # A number must follow (digits or a word; the reader reads it); whether the two sides bound one
    # range is the reader's to check ("more than 40 and less than 10" are two figures).
    return compile_cached(f"(?:{'|'.join(joins)})(?=[0-9]|\\p{{L}})")  # compiled in milliseconds: later runs load it


def comparison_pair(
    first: str | None, second: str, first_value: float, second_value: float
) -> tuple[float, float, str] | None:
    """The range two one-sided figures bound, as (low, high, sides), or None when they bound
    the same side or no values between them ("more than 40 and less than 10" are two figures)."""
    if first is None:
        return None
    if first in LOWER_BOUNDS and second in UPPER_BOUNDS:
        low, high, low_open, high_open = first_value, second_value, LOWER_BOUNDS[first], UPPER_BOUNDS[second]
    elif first in UPPER_BOUNDS and second in LOWER_BOUNDS:
        low, high, low_open, high_open = second_value, first_value, LOWER_BOUNDS[second], UPPER_BOUNDS[first]
    else:
        return None
    if not low < high:
        return None
    return low, high, ("(" if low_open else "[") + (")" if high_open else "]")
