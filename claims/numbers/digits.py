"""Digits as a language writes them: "2.500" and "1,5" in Vietnamese, "2,500" and "1.5" in English."""

from __future__ import annotations

import regex

_GROUPED = {
    ".": regex.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?"),
    ",": regex.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"),
}
_SPACED = regex.compile(r"[0-9]{1,3}(?:\u00a0[0-9]{3})+(?:[.,][0-9]+)?")
_PLAIN = regex.compile(r"[0-9]+(?:[.,][0-9]+)?")


def read_digits(written: str, group: str, decimal: str) -> float | None:
    """The value of a digit string, or None when its separators make no number.

    The document's language decides the ambiguous cases: "1.200" is 1,200 in
    Vietnamese and 1.2 in English. A lone separator followed by other than three
    digits is a decimal point in either language ("2.5" in a Vietnamese text).
    """
    if written.isdigit():
        return float(written)
    if _SPACED.fullmatch(written):
        written = written.replace("\u00a0", "")
        return float(written.replace(",", "."))
    if _GROUPED[group].fullmatch(written):
        whole, _, fraction = written.partition(decimal)
        return float(whole.replace(group, "") + ("." + fraction if fraction else ""))
    if _PLAIN.fullmatch(written):
        return float(written.replace(",", "."))
    return None
