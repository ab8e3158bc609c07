"""Calendar readings of dates and clock times, as ISO-like strings the extractor can compare."""

from __future__ import annotations

import calendar as _calendar

# A four-digit number in this span, with nothing that makes it an amount, is a year.
FIRST_YEAR, LAST_YEAR = 1800, 2100


def valid_year_like(value: float) -> bool:
    return value == int(value) and FIRST_YEAR <= value <= LAST_YEAR


# Days in each month of a leap year: without a year, 29/2 is a date.
_LONGEST = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def day_month(day: int, month: int, year: int | None = None) -> str | None:
    """'2024-09-27', or '--09-27' without a year; None when no such day exists."""
    if not (1 <= month <= 12 and 1 <= day <= _LONGEST[month]):
        return None
    if year and month == 2 and day == 29 and not _calendar.isleap(year):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def clock(written: str) -> str | None:
    """'19:15' -> '19:15'; None when it is no time of day (then it is a score or a ratio)."""
    parts = written.split(":")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        return None
    hours, minutes = int(parts[0]), int(parts[1])
    if len(parts[1]) != 2 or hours > 24 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"
