"""Publication dates as metadata gives them -> ISO "YYYY-MM-DD" (or None when unreadable)."""

from __future__ import annotations

import datetime as dt

import regex

# Day-first is the Vietnamese (and British) order: "27/9/2024", "27-09-2024", "27.09.2024".
_DAY_FIRST = regex.compile(r"(?<![0-9])([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})(?![0-9])")
# ISO, alone or as the start of a timestamp: "2024-09-27", "2024-09-27T10:00:00+07:00", "2024/09/27".
_YEAR_FIRST = regex.compile(r"(?<![0-9])([0-9]{4})[/.\-]([0-9]{1,2})[/.\-]([0-9]{1,2})(?![0-9])")
# Written out: "ngày 27 tháng 9 năm 2024".
_VI_WORDS = regex.compile(r"(?i)ngày\s+([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})")


def parse_date(value: object) -> str | None:
    """The date a metadata value names, as ISO; None when it names none we can trust."""
    return read_date(value)[0]


def read_date(value: object) -> tuple[str | None, str | None]:
    """(ISO date, None), or (None, why not) for a value given but unreadable, or (None, None)."""
    if not isinstance(value, str) or not value.strip():
        return None, None
    text = value.strip()[:100]  # a date is short; never scan a pasted paragraph
    for pattern, order in ((_YEAR_FIRST, "ymd"), (_DAY_FIRST, "dmy"), (_VI_WORDS, "dmy")):
        match = pattern.search(text, timeout=1)
        if match is None:
            continue
        parts = dict(zip(order, map(int, match.groups())))
        try:
            return dt.date(parts["y"], parts["m"], parts["d"]).isoformat(), None
        except ValueError:
            # "31/2/2024": a date that does not exist is not guessed at
            return None, f"date {_quoted(value)} names no day that exists: left empty"
    return None, f"date {_quoted(value)} is not a date we can read: left empty"


def _quoted(value: str) -> str:
    shown = value.strip()
    return repr(shown if len(shown) <= 40 else shown[:39] + "…")
