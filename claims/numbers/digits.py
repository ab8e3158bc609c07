"""Digits as a language writes them: "2.500" and "1,5" in Vietnamese, "2,500" and "1.5" in English."""

from __future__ import annotations

import math


def read_digits(written: str, group: str, decimal: str) -> float | None:
    value = _read_digits(written, group, decimal)
    # 400 digits are beyond a float (inf): a code or junk, no figure to check or compute with.
    return value if value is None or math.isfinite(value) else None


def _read_digits(written: str, group: str, decimal: str) -> float | None:
    """The value of a digit string, or None when its separators make no number.

    The document's language decides the ambiguous cases: "1.200" is 1,200 in
    Vietnamese and 1.2 in English. A lone separator followed by other than three
    digits is a decimal point in either language ("2.5" in a Vietnamese text).
    Plain string work, no pattern: this runs for every number in every text.
    """
    if written.isdigit():
        return float(written)
    if "\u00a0" in written:  # "1 234" grouped by a no-break or thin space, either decimal mark after
        whole, mark, fraction = _split_decimal(written, ".,")
        return _grouped(whole, "\u00a0", fraction, mark)
    if written.count(group) + written.count(decimal) == 1:  # "1,5", "2.500", "1.5", "2,500"
        whole, mark, fraction = _split_decimal(written, group + decimal)
        if not (whole.isdigit() and fraction.isdigit()):
            return None  # other separators too ("0:94.823")
        return float(whole + fraction) if mark == group and len(fraction) == 3 else float(f"{whole}.{fraction}")
    whole, mark, fraction = _split_decimal(written, decimal)  # "1.234.567", "12.345,6"
    return _grouped(whole, group, fraction, mark)


def _split_decimal(written: str, marks: str) -> tuple[str, str, str]:
    at = max(written.rfind(mark) for mark in marks)
    if at < 0:
        return written, "", ""
    return written[:at], written[at], written[at + 1 :]


def _grouped(whole: str, group: str, fraction: str, mark: str) -> float | None:
    """Digits in groups of three after a first group of one to three: '1.234.567'."""
    groups = whole.split(group)
    if len(groups) < 2 or not 1 <= len(groups[0]) <= 3 or not all(len(g) == 3 for g in groups[1:]):
        return None
    digits = "".join(groups)
    if not digits.isdigit() or (mark and not fraction.isdigit()):
        return None
    return float(f"{digits}.{fraction}" if mark else digits)
