"""Figures: a number with its scale, range, unit, fraction and qualifier, read as an interval.

"khoảng 2.500", "1,5 triệu USD", "từ 2.000 đến 2.500", "hai phần ba", "15 tuổi trở lên"
(a mixin of claims/numbers/reader.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import copysign, log10
from typing import TYPE_CHECKING

from .calendar import day_month, valid_year_like
from .comparisons import LOWER_BOUNDS, UPPER_BOUNDS, comparison_pair
from .context import spaces
from .digits import read_digits
from .intervals import interval
from .mention import NumberMention
from .reader_parts import ReaderParts
from .words import read_number_words

if TYPE_CHECKING:
    from .reader_parts import Before, Reading


@dataclass(frozen=True, slots=True)
class _Bounds:
    """A range read after its first number ("2.000-2.500", "từ 2 đến 3 triệu"): its bounds and where it ends."""

    low: float
    high: float
    end: int


class FigureReading(ReaderParts):
    """Amounts: what follows a number and makes it a count, quantity, money or share (a mixin of Reader)."""

    def _figure(
        self,
        before: Before,
        s: int,
        e: int,
        value: float,
        *,
        fraction: bool = False,
        integer: bool = False,
        year_like: bool = False,
        words_used: list[str] | None = None,
    ) -> Reading:
        lex, end = self.lex, e
        qualifier = lex.qualifiers.get(spaces(before["qual"]).casefold()) if before and before["qual"] else None
        currency = lex.currency_prefixes.get(before["cur"]) if before and before["cur"] else None
        if before and before["sign"]:  # "-5%", "âm 3 độ C": the qualifier's interval is read around -value
            value, year_like = -value, False
        kind, unit = ("fraction", None) if fraction else ("count", None)
        if not self._may_follow(e):  # no scale, range, unit, fraction or suffix can follow
            if year_like and not currency:
                return self._label("year", s, e, s, value, normalized=f"{int(value):04d}"), e
            return self._plain_figure(before, s, e, value, qualifier, currency, kind, words_used)
        scale = self._scale(end, currency)
        if scale:
            value, end = value * scale[0], scale[1]
            half = self._match(lex.half_after, end) if value == int(value) else None
            half = half or (self._match(lex.and_half_after, end) if value == int(value) else None)
            if half is not None:  # "3 triệu rưỡi" = 3.5 million, "1 million and a half" = 1.5 million
                value, end = value + copysign(scale[0] / 2, value), half.end()
        elif not fraction:
            and_half = self._match(lex.and_half_after, end)
            if and_half is not None:  # "two and a half (million) (years)"; "one million and a half" = 1.5 million
                value, end = value + copysign(self.lex.last_multiplier(words_used or []) / 2, value), and_half.end()
                scale = self._scale(end, currency)
                if scale:
                    value, end = value * scale[0], scale[1]
        # A range: "2.000-2.500", "từ 2.000 đến 2.500", "2 đến 3 triệu", "between 2,000 and 2,500".
        ranged = None if fraction else self._range(before, s, end, value, scale, currency, integer, year_like)
        if ranged is not None:
            if not isinstance(ranged, _Bounds):  # a date, a span of years or a score, read to its end
                return ranged
            end = ranged.end
        elif year_like and not scale and not currency:
            unit_match = self._match(lex.unit_after, end)
            if unit_match is None:
                return self._label("year", s, e, s, value, normalized=f"{int(value):04d}"), e
        unit_match = self._match(lex.unit_after, end)
        if unit_match is not None:
            found = lex.unit_of(unit_match["unit"])
            if found:
                kind, unit = found
                end = unit_match.end()
                if kind == "money":
                    unit, end = self._per_unit(found[1], end)
                half = (
                    self._match(lex.half_after, end) if ranged is None and not scale and value == int(value) else None
                )
                if half is not None:  # "một năm rưỡi" = a year and a half
                    value, end = value + copysign(0.5, value), half.end()
                if ranged is None and not fraction:
                    unit_range = self._range_of_units(before, s, end, value, scale, currency, integer, (kind, unit))
                    clock = self._clock_range_start(s, end, value, unit, unit_range)
                    if clock is not None:
                        return clock
                    if unit_range is not None:  # "từ 30% đến 40%", "between 30% and 40%"
                        ranged, end = unit_range, unit_range.end
        if currency and kind != "money":
            kind, unit = "money", currency
        if currency and unit == currency:  # "$2,400/oz"
            unit, end = self._per_unit(currency, end)
        if kind == "count" and not fraction and before and before["word"] and lex.unit_before:
            kind, unit = lex.unit_before.get(before["word"].casefold(), (kind, unit))  # "aged 60"
        if kind == "duration" and unit == "hour":
            # A range has no single value: both its bounds are read on the clock ("4-5 giờ chiều").
            timed = (
                self._clock_words(before, s, end, ranged.low, ranged.high)
                if ranged is not None
                else self._clock_words(before, s, end, value)
            )
            if timed is not None:
                return timed
        if kind == "count" and not fraction and ranged is None:
            fraction_match = self._match(lex.fraction_after, end)
            if fraction_match is not None:
                denominator = self._denominator(fraction_match.groupdict())
                if denominator:
                    value, kind, end = value / denominator, "fraction", fraction_match.end()
            elif not scale and unit is None and value == int(value) and value > 0:
                ratio = self._ratio(end, value)
                if ratio is not None:  # "1 in 5 adults", "seven out of 10 voters"
                    value, kind, end = ratio
        if words_used is not None and not self._words_stand(words_used, before, kind, scale, end, e):
            return None, e
        suffix = self._match(lex.suffix_after, end) if ranged is None else None
        if suffix is not None:
            suffixed = _suffixed(qualifier, lex.suffix_qualifiers[spaces(suffix["suffix"]).casefold()])
            if suffixed is not None:
                qualifier, end = suffixed, suffix.end()
        start = (
            self._include(before, "qual", "open", "sign", "cur")
            if ranged
            else self._include(before, "qual", "sign", "cur")
        )
        start = s if start is None else start
        if ranged is not None:
            if qualifier == "approx":
                low = interval(ranged.low, "approx", lex.tolerance)[0]
                high = interval(ranged.high, "approx", lex.tolerance)[1]
                return self._mention(start, end, s, None, low, high, "range", kind, unit), end
            return self._mention(start, end, s, None, ranged.low, ranged.high, "range", kind, unit), end
        paired = self._comparison_range(before, start, s, end, value, qualifier, kind, unit, currency, bool(scale))
        if paired is not None:
            return paired
        qualifier = qualifier or "exact"
        low, high = interval(value, qualifier, lex.tolerance)
        return self._mention(start, end, s, value, low, high, qualifier, kind, unit), end

    def _ratio(self, at: int, value: float) -> tuple[float, str, int] | None:
        """'1 in 5', 'two out of five hundred': a count of a larger whole, read as a fraction and where it
        ends; None for "2 in 5 minutes", "3 in 2008" or a whole no larger than the count."""
        found = self._match(self.lex.ratio_after, at)
        second = self._second_number(found.end()) if found is not None else None
        if found is None or second is None:
            return None
        whole, end, _ = second
        scale = self._scale(end, None)
        if scale:
            whole, end = whole * scale[0], scale[1]
        written = self.folded[found.end() : end]
        if (
            written.split(" ", 1)[0].casefold() in self.lex.articles  # "one in a million": a saying
            or whole <= value
            or whole != int(whole)
            or (written.isdigit() and valid_year_like(whole))
            or self.folded[end : end + 1].isalnum()
            or self._match(self.lex.unit_after, end) is not None
            or self.lex.word_anchor.match(self.folded, end + 1, timeout=self.timeout) is not None  # "five hundreds"
            or (found["ratio"].casefold() in self.lex.ratio_loose and value > 10 and not _round_whole(whole))
        ):
            return None
        return value / whole, "fraction", end

    def _comparison_range(
        self, before, start, s, end, value, qualifier, kind, unit, currency, scaled=False
    ) -> Reading | None:
        """A range bounded by two one-sided figures ("above 1,000 and below 1,500", "at most 100 and at
        least 20") or by a range opener and a qualified second bound ("from 20 to under 30"), read to
        the second bound's end; None when no such second side follows."""
        lex = self.lex
        opened = qualifier is None and before is not None and bool(before["open"])
        if not (opened or qualifier in LOWER_BOUNDS or qualifier in UPPER_BOUNDS):
            return None
        found = lex.pair_after.match(self.folded, end, timeout=self.timeout)
        if found is None or bool(found["to"]) != opened:
            return None
        second = self._second_number(found.end())
        if second is None:
            return None
        second_value, second_end, _ = second
        fraction = self._match(lex.fraction_after, second_end)
        if fraction is not None:  # "above one quarter and below a half": "a half" is 1/2, not the number 1
            denominator = self._denominator(fraction.groupdict())
            if kind != "fraction" or not denominator:
                return None
            second_value, second_end = second_value / denominator, fraction.end()
        scale = self._scale(second_end, currency)
        if scale:
            second_value, second_end = second_value * scale[0], scale[1]
            if not scaled and value * scale[0] < second_value:  # "từ 20 đến dưới 30 triệu": both in millions
                value *= scale[0]
        repeated = self._match(lex.unit_after, second_end)
        second_unit = lex.unit_of(repeated["unit"]) if repeated is not None else None
        if repeated is not None and second_unit is not None:
            # "above 10% and below 20%"; "more than 10 and less than 20 percent" gives the first its unit.
            if (kind, unit) != second_unit and not (kind == "count" and unit is None):
                return None
            (kind, unit), second_end = second_unit, repeated.end()
            if kind == "money":  # "từ 20 đến dưới 30 triệu đồng/m2"
                unit, second_end = self._per_unit(unit, second_end)
        first = "at_least" if opened else qualifier  # "from 20": 20 itself is in
        pair = comparison_pair(first, lex.qualifiers.get(spaces(found["qual"]).casefold(), ""), value, second_value)
        if pair is None:
            return None
        low, high, sides = pair
        if opened:
            start = self._include(before, "open", "sign", "cur")
        mention = self._mention(start, second_end, s, None, low, high, "range", kind, unit)
        mention.sides = None if sides == "[]" else sides
        return mention, second_end

    def _range_of_units(self, before, s, at, value, scale, currency, integer, unit) -> _Bounds | None:
        ranged = self._range(before, s, at, value, scale, currency, integer, False)
        if not isinstance(ranged, _Bounds):
            return None
        repeated = self._match(self.lex.unit_after, ranged.end)
        found = self.lex.unit_of(repeated["unit"]) if repeated is not None else None
        if repeated is None or found is None:
            return None
        # "từ 20.000 đồng/lít đến 22.000 đồng/lít": a price per unit on both bounds.
        repeated_unit, repeated_end = (
            self._per_unit(found[1], repeated.end()) if found[0] == "money" else (found[1], repeated.end())
        )
        if (found[0], repeated_unit) != unit:
            return None
        return _Bounds(ranged.low, ranged.high, repeated_end)

    def _per_unit(self, currency: str, at: int) -> tuple[str, int]:
        """'2.400 USD/ounce', '$80 per barrel': a price per unit reads "USD/oz"; the unit and where it ends."""
        per = self._match(self.lex.per_after, at)
        measure = self.lex.unit_of(per["per"]) if per is not None else None
        return (f"{currency}/{measure[1]}", per.end()) if per is not None and measure is not None else (currency, at)

    def _clock_range_start(self, s, end, value, unit, unit_range: _Bounds | None) -> tuple[NumberMention, int] | None:
        """'từ 9 giờ đến 11 giờ sáng': two times of day, the first read with the second's part of the day."""
        if unit != "hour" or unit_range is None or value > 24 or value != int(value):
            return None
        after = self._match(self.lex.clock_after_pattern, unit_range.end)
        if not (after and (after["part"] or after["min"])):
            return None
        hour = self._on_24_hour_clock(int(value), after["part"])
        return self._label("time", s, end, s, normalized=f"{hour:02d}:00"), end

    def _plain_figure(
        self, before, s, e, value, qualifier, currency, kind, words_used
    ) -> tuple[NumberMention | None, int]:
        """_figure's reading when nothing readable follows the number: the common case, kept short."""
        unit = None
        if currency:
            kind, unit = "money", currency
        elif kind == "count" and before and before["word"] and self.lex.unit_before:
            kind, unit = self.lex.unit_before.get(before["word"].casefold(), (kind, unit))  # "aged 60"
        if words_used is not None and not self._words_stand(words_used, before, kind, None, e, e):
            return None, e
        start = self._include(before, "qual", "sign", "cur")
        start = s if start is None else start
        paired = self._comparison_range(before, start, s, e, value, qualifier, kind, unit, currency)
        if paired is not None:
            return paired
        qualifier = qualifier or "exact"
        low, high = interval(value, qualifier, self.lex.tolerance)
        return self._mention(start, e, s, value, low, high, qualifier, kind, unit), e

    def _scale(self, at: int, currency: str | None) -> tuple[float, int] | None:
        lex = self.lex
        glued = self._match(lex.glued, at)
        if glued is not None:
            suffix = glued.group()
            factor = lex.attached_scales.get(suffix) or (lex.currency_scales.get(suffix) if currency else None)
            factor = factor or self._power_of_ten(suffix)
            return (float(factor), glued.end()) if factor else None
        spaced = self._match(lex.scale_after, at)
        if spaced is None:
            return None
        factor = lex.spaced_scale(spaced["scale"])
        return (factor, spaced.end()) if factor else None

    def _power_of_ten(self, suffix: str) -> float | None:
        """'e6' in "1.3e6": scientific notation, as statistics tables write it."""
        exponent = suffix[1:]
        if suffix[:1] in self.lex.exponents and exponent.isdigit() and len(exponent) <= 2:
            return 10.0 ** int(exponent)
        return None

    def _second_number(self, at: int) -> tuple[float, int, bool] | None:
        digit = at < len(self.folded) and self.folded[at].isdigit()
        second = (self.lex.digit_anchor if digit else self.lex.word_anchor).match(self.folded, at, timeout=self.timeout)
        if second is None:
            return None
        if digit:
            written = second["digits"]
            if not all(ch.isdigit() or ch in ".,\u00a0" for ch in written):
                return None
            value = read_digits(written, self.lex.group, self.lex.decimal)
            return (value, second.end(), written.isdigit()) if value is not None else None
        if second.lastgroup == "words":
            tokens, spans = self._tokens(second.start("words"), second.end("words"))
            value, used = read_number_words(tokens, self.lex)
            return (value, spans[used - 1][1], True) if value is not None else None
        return None

    def _trailing_scale(self, at: int, end: int) -> float | None:
        """The scale word that closes a number in words ("ba triệu"), which a bare first bound shares."""
        words = self.folded[at:end].split()
        found = self.lex.kind_of_word(words[-1]) if words else None
        return found[1] if found and found[0] == "scale" and len(words) > 1 else None

    def _range(self, before, s, end, value, scale, currency, integer, year_like) -> _Bounds | Reading | None:
        """The range that a number opens ("2.000-2.500", "từ 2 đến 3 triệu"), or what the dash
        or the joining word made of it instead: a date ("6-2", "9 đến 11/10"), a span of years
        ("2020-2024") or a score ("3-1"), read to its end."""
        lex = self.lex
        join = self._match(lex.range_after, end)
        if join is None:
            return None
        joined_by = spaces(join["join"]).casefold() if join["join"] else "-"
        opened = before["open"].casefold() if before and before["open"] else None
        if joined_by in lex.range_needs_open and opened not in lex.range_needs_open[joined_by]:
            return None
        second = self._second_number(join.end())
        if second is None:
            day_of = self._day_before_date(s, value, integer, join.end())
            return (day_of, day_of.end) if day_of else None
        second_value, second_end, second_integer = second
        if join["sign"]:  # "từ -5 đến -1"
            second_value = -second_value
        word = before["word"].casefold() if before and before["word"] else None
        tight_dash = joined_by == "-" and join["sep"] == "-" and integer and second_integer and not scale
        if (
            tight_dash
            and (word in lex.day_words or word in lex.date_words)
            and value <= 31
            and second_value <= 12
            and not self._counts_something(second_end)  # "Một ngày 3-4 lần": three or four times a day
        ):
            start = self._include(before, "word") if word in lex.date_words else None
            normalized = day_month(int(value), int(second_value))
            mention = self._label("date", start if start is not None else s, second_end, s, normalized=normalized)
            return mention, second_end
        if (
            year_like
            and valid_year_like(second_value)
            and second_integer
            and len(self.folded[join.end() : second_end]) == 4
        ):
            return self._label("year", s, s + 4, s, value, normalized=f"{int(value):04d}"), s + 4
        second_scale = self._scale(second_end, currency)
        if second_scale:
            second_value, second_end = second_value * second_scale[0], second_scale[1]
        shared = second_scale[0] if second_scale else self._trailing_scale(join.end(), second_end)
        # "từ 2 đến 3 triệu": the first bound shares the scale, unless that would pass the second.
        if shared and not scale and value * shared < second_value:
            value *= shared
        unit_follows = self._match(lex.unit_after, second_end) is not None
        if tight_dash and not unit_follows and (word in lex.score_context or value > second_value):
            written = f"{int(value)}-{int(second_value)}"
            return self._label("score", s, second_end, s, normalized=written), second_end
        if second_value <= value:
            return None
        return _Bounds(value, second_value, second_end)

    def _denominator(self, parts: dict) -> float | None:
        if parts.get("half"):
            return 2.0
        written = parts.get("den") or parts.get("den_word")
        if not written:
            return None
        if written.isdigit():
            return float(written) or None
        found = self.lex.denominators.get(written.casefold())
        return float(found) if found else None


def _suffixed(qualifier: str | None, suffix: str) -> str | None:
    """The qualifier once a suffix is read ("or more", "or equal"), or None when the suffix does not
    go with it: "about 500 or more" is at least 500, "equal to 5,000 or less" at most 5,000, "less
    than 5,000 or equal" at most 5,000; "more than 5 or less" is left as it is."""
    if suffix == "or_equal":
        return {"more_than": "at_least", "less_than": "at_most"}.get(qualifier or "", None)
    return suffix if qualifier in (None, "exact", "approx") else None


def _round_whole(whole: float) -> bool:
    """10, 100, 1,000, ...: the wholes a ratio of a larger count is given in ("15 in 100 patients")."""
    return whole >= 10 and log10(whole) == int(log10(whole))
