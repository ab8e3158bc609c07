"""The number mention: one figure as written, read as an interval."""

from __future__ import annotations

from dataclasses import asdict, dataclass

QUALIFIERS = ("exact", "approx", "more_than", "at_least", "less_than", "at_most", "range", "vague", "nearly")

KINDS = (
    "count",
    "quantity",
    "money",
    "percent",
    "percentage_point",
    "fraction",
    "duration",
    "date",
    "time",
    "year",
    "ordinal",
    "score",
    "phone",
    "identifier",
)

# Kinds that state an amount of something and can therefore disagree with another figure.
FIGURE_KINDS = frozenset({"count", "quantity", "money", "percent", "percentage_point", "fraction", "duration"})


@dataclass(slots=True)
class NumberMention:
    """A figure found in text.

    `start`/`end` index the string given to `parse_numbers`; `text` is that slice,
    qualifier included ("khoảng 2.500"). `value` is None for ranges and vague amounts;
    `low`/`high` bound what the writer can have meant (None = unbounded on that side).
    `normalized` carries the calendar reading of dates, times and years ("2025-09",
    "--09-27", "19:15"); `number_start` is where the digits or number words begin, after
    any qualifier. `sides` is set on a range that leaves a bound out, written as an interval's
    brackets: "(]" for "more than 20 and up to 35", "[)" for "from 20 to under 30" (a range is
    otherwise read with both bounds in, and a one-sided qualifier tells its own side).
    """

    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    kind: str
    unit: str | None = None
    normalized: str | None = None
    number_start: int | None = None
    sides: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)
