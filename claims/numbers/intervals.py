"""Qualifiers read as intervals: what range of values a writer can have meant.

The tolerance of "about" is a documented 10 % either side (a pack may set
[numbers.tolerance]); "nearly" is read as up to 10 % below and not above. Open
bounds are None. "hơn 150" is (150, None): the bound is kept, strictness is not.
"""

from __future__ import annotations


def interval(value: float, qualifier: str, tolerance: dict) -> tuple[float | None, float | None]:
    if qualifier == "approx":
        spread = abs(value) * tolerance["approx"]
        return value - spread, value + spread
    if qualifier == "nearly":  # short of the value, towards zero: "nearly -10 degrees" is [-10, -9]
        spread = abs(value) * tolerance["nearly"]
        return (value - spread, value) if value >= 0 else (value, value + spread)
    if qualifier in ("more_than", "at_least"):
        return value, None
    if qualifier in ("less_than", "at_most"):
        return None, value
    return value, value


def vague_interval(head: str, scale: float, *, many: bool) -> tuple[float, float]:
    """'hàng trăm' (many hundreds) is [100, 999]; 'vài trăm' (a few hundred) is [200, 900]."""
    if many:
        return scale, scale * 10 - (1 if scale >= 1 else 0)
    return 2 * scale, 9 * scale
