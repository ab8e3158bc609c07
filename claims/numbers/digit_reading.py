"""What digits are: a date, a time, a year, a label's number, a phone number, or a figure.

The calendar and label readings of the reader (a mixin of claims/numbers/reader.py);
figures go on to claims/numbers/figures.py.
"""

from __future__ import annotations

import unicodedata
from math import isfinite
from typing import TYPE_CHECKING

import regex

from claims.text.names import capitalised_before

from .calendar import clock, day_month, valid_year_like
from .context import OneWordBefore
from .digit_spans import wider_digits
from .digit_words import MULTIPLIERS, digits_and_words
from .digits import read_digits
from .fraction_signs import FRACTION_SIGNS
from .intervals import interval
from .label_hints import amount_after, listed_label
from .lexicon import DIGIT_FOLLOWS
from .mention import NumberMention
from .not_counts import (
    brand_before,
    dated_around,
    dated_year,
    glued_amount,
    hyphen_label_end,
    quoted_alone,
    score_in_run,
    time_before_zone,
    whole_phone,
)
from .reader_parts import ReaderParts

if TYPE_CHECKING:
    from .reader_parts import Before

# A name's number is small ("Mazda 3", "Đak Mi 4", "Tháp Bà 86"); a name runs a few words back.
_NAME_NUMBER_DIGITS = 3
_NAME_WORDS = 4
_DASH_DAY = regex.compile(r"-([0-9]{1,2})(?![0-9])")
# Characters before digits that glue them to no word.
_SPACE_OR_SIGN = frozenset(" \n\t(\"'$€£¥+")
# Holds the one or two label words ("Điều", "Nghị định") before a number that a label word follows.
_LABEL_WORDS_REACH = 24
# A year written with two digits ("1.1.16", "27/9/24") is of this century.
_TWO_DIGIT_YEARS_FROM = 2000
# What the reader reports after digits that may go on (context.py, _next_word): a digit after a space
# ("1 234 567", "2 1/4"), more spaces ("2  1/4"), or a fraction sign ("2½").
_WIDER_FOLLOWING = frozenset({DIGIT_FOLLOWS, ""}) | frozenset(FRACTION_SIGNS)
# "1/2", "2/3", "3/4", "1/10": denominators that make a slash a share, where the parts could also be a day and month.
_SMALL_DENOMINATORS = frozenset({2, 3, 4, 5, 8, 10})
# A currency after a label's number is its price from here on: "loại 200.000 đồng/kg", not "iPhone 12 đồng loạt".
_PRICE_FROM = 1000


# How far past a number the word after it is looked for, and what ends a clause there.
_ROUND_REACH = 24
_CLAUSE_ENDS = ".,;:!?)\"'”"


class DigitReading(ReaderParts):
    """Digits read as dates, times, years, ordinals and labels (a mixin of Reader)."""

    def _glued_before(self, s: int) -> int | None:
        """Start of the word that digits are glued to ("Covid-19", "MH17", "F-16"), if any."""
        if s == 0 or self.folded[s - 1] in _SPACE_OR_SIGN:
            return None
        i = s
        if i > 1 and self.folded[i - 1] == "-" and self.folded[i - 2].isalpha():
            i -= 1
        if i == 0 or not (self.folded[i - 1].isalpha() or unicodedata.combining(self.folded[i - 1])):
            return None
        while i > 0 and (self.folded[i - 1].isalnum() or unicodedata.combining(self.folded[i - 1])):
            i -= 1
        if i < s and self.folded[i:s] in self.lex.currency_prefixes:
            return None  # "RM45": a currency code glued to the amount
        return i

    def read_digits_at(self, s: int, e: int) -> tuple[NumberMention | None, int]:
        """The mention made by the digits at s:e (a match of the digit pattern), and where to read on."""
        lex, written = self.lex, self.folded[s:e]
        glued_start = self._glued_before(s)
        if glued_start is not None:
            end = self._glued_end(e)
            return self._label("identifier", glued_start, end, s), end
        integer = written.isdigit()
        not_counted = self._name_or_clock(s, e, written) if integer else None
        if not_counted is not None:
            return not_counted
        # What follows (cached: the readings after the number ask the same) opens "1 234 567", "2  1/4", "2½".
        wider = (
            wider_digits(self.folded, s, e, lex.decimal, self.timeout)
            if integer and (self._next_word(e) in _WIDER_FOLLOWING or (s and self.folded[s - 1] == "."))
            else None
        )
        if wider is not None:  # ".08", "1 234 567", "2 1/4"
            before = self._before(wider.start)
            word = before["word"].casefold() if before and before["word"] else None
            whole = wider.value == int(wider.value)
            if whole or word is None:  # "ngày 2 1/3" is no fraction
                return self._number(before, word, wider.start, wider.end, wider.value, integer=whole)
        before = self._before(s)
        if (
            integer
            or written.count(lex.group) + written.count(lex.decimal) == 1
            and "/" not in written
            and ":" not in written
        ):
            # A plain number ("2.500", "1,5", "150"): most numbers in news.
            if type(before) is not OneWordBefore or before.group == "qual":
                plain = self._plain_number(before, s, e, written, integer)
                if plain is not None:
                    return plain
            elif (
                integer
                and before.group == "word"
                and before.text.casefold() == lex.year_word
                and e - s >= 3
                and not self.folded[e : e + 1].isalnum()
            ):
                # "năm 2024": the year word and a year, as _number reads it, without its other checks.
                return self._label("year", before.at, e, s, float(written), normalized=f"{int(written):04d}"), e
        word = before["word"].casefold() if before and before["word"] else None
        if "-" in written:  # d-m-yyyy, or yyyy-mm-dd
            parts = written.split("-")
            day, month, year = (int(p) for p in (reversed(parts) if len(parts[0]) == 4 else parts))
            return self._date(before, s, e, day, month, year)
        if ":" in written:
            reading = clock(written)
            if reading is None:
                return self._label("score", s, e, s, normalized=written.replace(":", "-")), e
            meridiem = self._match(lex.meridiem_after, e)
            if meridiem is not None and int(reading[:2]) <= 12:  # "7:15 pm"
                hour = self._on_24_hour_clock(int(reading[:2]) % 12, meridiem["meridiem"])
                return self._label("time", s, meridiem.end(), s, normalized=f"{hour:02d}{reading[2:]}"), meridiem.end()
            return self._label("time", s, e, s, normalized=reading), e
        if "/" in written:
            return self._slash(before, word, s, e, written)
        parts = written.split(".")
        if (
            lex.group == "."
            and len(parts) == 2
            and len(parts[1]) == 2
            and all(p.isdigit() for p in parts)
            and int(parts[0]) <= 23
            and int(parts[1]) <= 59
        ):
            # "12.40 sáng", "lúc 9.30": where a dot groups thousands it can also part hours and minutes.
            after = self._match(lex.clock_after_pattern, e)
            part = after["part"] if after else None
            if word in lex.clock_before or (part and word not in lex.day_words and word not in lex.date_words):
                stop = after.end() if after is not None and part else e
                hour = self._on_24_hour_clock(int(parts[0]), part)
                return self._label("time", s, stop, s, normalized=f"{hour:02d}:{parts[1]}"), stop
        if (
            lex.group == "."
            and len(parts) == 2
            and all(p.isdigit() for p in parts)
            and len(parts[1]) != 3
            and word is not None
            and (word in lex.day_words or word in lex.date_words)
        ):
            # Where a dot groups thousands, "5.11" groups nothing: after "ngày", "chiều", "tháng" it is
            # a day and month ("ngày 8.11") or a month and year ("tháng 1.2013"), as newsrooms write them.
            first, second = int(parts[0]), int(parts[1])
            if len(parts[1]) == 4 and word == lex.month_word and 1 <= first <= 12 and valid_year_like(second):
                start = self._word_start(before)
                return self._label("date", start, e, s, normalized=f"{second:04d}-{first:02d}"), e
            if len(parts[1]) <= 2 and day_month(first, second) is not None:
                return self._date(before, s, e, first, second)
        if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) in (2, 4) and len(parts[1]) <= 2:
            day, month, year = int(parts[0]), int(parts[1]), int(parts[2])
            if 1 <= day <= 31 and 1 <= month <= 12:  # "1.1.2016"
                return self._date(before, s, e, day, month, year if year > 99 else _TWO_DIGIT_YEARS_FROM + year)
        value = read_digits(written, lex.group, lex.decimal)
        if value is None:
            return None, e
        # "Halo 2 and Half-Life 2", "Android 5.0 trở lên": the names _plain_number leaves to this reading.
        following = self._next_word(e)
        closes_or_lists = following is None or following in self.lex.hints.list_joins
        named = (written.isdigit() and e - s <= _NAME_NUMBER_DIGITS and closes_or_lists) or self._is_version(written)
        if before is None and named and not self.folded[e : e + 1].isalpha() and not self._measured_after(e):
            name_start = self._name_before(s, e)
            if name_start is not None:  # "Android 5.0 trở lên", "Halo 2 and Half-Life 2"
                return self._label("identifier", name_start, e, s), e
        return self._number(before, word, s, e, value, integer=written.isdigit())

    def _is_version(self, written: str) -> bool:
        """Where a dot groups thousands, "4.4" groups nothing: after a name it is a version ("Android 4.4")."""
        return self.lex.group == "." and "." in written and len(written.rpartition(".")[2]) != 3

    def _name_or_clock(self, s: int, e: int, written: str) -> tuple[NumberMention | None, int] | None:
        """Whole digits that are no count whatever stands before them (not_counts.py): a time before a
        time zone, a phone number, a label joined by a hyphen, a name alone in quotes, a set of a match,
        or one more number of a list of labels ("modun 2, 3")."""
        folded, lex, timeout = self.folded, self.lex, self.timeout
        zoned = time_before_zone(folded, e, written, lex, timeout)
        if zoned is not None:
            return self._label("time", s, zoned[1], s, normalized=zoned[0]), zoned[1]
        if whole_phone(folded, e, written):
            return self._label("phone", s, e, s, normalized=written), e
        label_end = hyphen_label_end(folded, e, lex, timeout)
        if label_end is not None:
            return self._label("identifier", s, label_end, s), label_end
        if quoted_alone(folded, s, e):
            return self._label("identifier", s, e, s), e
        score = score_in_run(folded, s, e, timeout)
        if score is not None and not self._measured_after(score.end()):
            return self._label("score", s, score.end(), s, normalized=score.group()), score.end()
        if s and folded[s - 1] == " " and not folded[e : e + 1].isalpha():
            if self._counts_something(e) or self._measured_after(e):
                return None
            listed = listed_label(folded, s, lex, timeout)
            if listed is not None:
                return self._label(listed, s, e, s, float(written) if listed == "ordinal" else None), e
        return None

    def _name_before(self, s: int, e: int) -> int | None:
        """Where the name starts that a small plain number right after it belongs to: capitalised
        words before it that are no place ("Hà Nội 320, TP HCM 210" are figures), not one word
        that only opens the sentence ("Có 5 người"), in no title-case headline, and no classifier
        after the number ("Ông Trump 2 lần bị luận tội")."""
        start, names, opens_sentence = capitalised_before(self.folded, s, 0, _NAME_WORDS)
        if not names:
            brand = brand_before(self.folded, s, e)
            return brand if brand is not None and not self._classifier_after(e) else None
        if opens_sentence and len(names) == 1:
            return None
        if any(" ".join(names[-size:]) in self.lex.place_names for size in range(1, len(names) + 1)):
            return None
        if names[-1].casefold() in self.lex.before_last_words or (
            self.lex.title_case_lines and self._in_title_case_line(s)
        ):
            return None
        return None if self._classifier_after(e) else start

    def _classifier_after(self, e: int) -> bool:
        following = self._next_word(e)  # case-folded, as the reader's other checks read it
        return bool(following) and (following in self.lex.classifiers or following in self.lex.classifier_first_words)

    def _counted_by_number_before(self, label_start: int) -> bool:
        """'8 tầng 33 phòng': a label word right after a number is that number's noun, unless
        that number is itself a label's ("Khoản 2 Điều 8")."""
        folded = self.folded
        if label_start < 2 or folded[label_start - 1] != " " or not folded[label_start - 2].isdigit():
            return False
        at = label_start - 2
        while at > 0 and (folded[at - 1].isdigit() or folded[at - 1] in ".,"):
            at -= 1
        words = folded[max(0, at - _LABEL_WORDS_REACH) : at].casefold().split()
        labels = self.lex.identifier_labels
        return not (words and (words[-1] in labels or " ".join(words[-2:]) in labels))  # "Điều", "Nghị định"

    def _plain_number(
        self, before: Before, s: int, e: int, written: str, integer: bool
    ) -> tuple[NumberMention | None, int] | None:
        """A number with at most one qualifier word before it and nothing readable after it.

        The same reading as _number and _figure give, without their dozen checks; None
        when this shortcut does not apply.
        """
        if (before is not None and type(before) is not OneWordBefore) or self._may_follow(e):
            return None
        lex = self.lex
        value = read_digits(written, lex.group, lex.decimal)
        if value is None:
            return None
        if integer and len(written) == 4 and self._year_like_at(s, value) and not self._counts_something(e):
            return self._label("year", s, e, s, value, normalized=written), e
        if before is None:
            # Where a dot groups thousands, "4.4" groups nothing: after a name it is a version ("Android 4.4").
            version = not integer and self._is_version(written)
            name_start = (
                self._name_before(s, e) if (integer and len(written) <= _NAME_NUMBER_DIGITS) or version else None
            )
            if name_start is not None:  # "Mazda 3", "thủy điện Đak Mi 4", "chùa Kỳ Quang 2"
                return self._label("identifier", name_start, e, s), e
            return NumberMention(self.original[s:e], s, e, value, value, value, "exact", "count", None, None, s), e
        qualifier = lex.qualifiers[before.text.casefold()]
        low, high = interval(value, qualifier, lex.tolerance)
        return self._mention(before.at, e, s, value, low, high, qualifier, "count"), e

    def _year_like_at(self, s: int, value: float) -> bool:
        """'2014', and an older year after a word that dates it ("in 1701")."""
        return valid_year_like(value) or dated_year(self.folded, s, value, self.lex)

    def _glued_end(self, e: int) -> int:
        glued = self._match(self.lex.glued, e)
        end = glued.end() if glued else e
        while end < len(self.folded) and (
            self.folded[end].isalnum()
            or self.folded[end] == "-"
            and end + 1 < len(self.folded)
            and self.folded[end + 1].isalnum()
        ):
            end += 1
        return end

    def _date(self, before, s, e, day, month, year=None) -> tuple[NumberMention | None, int]:
        word = before["word"].casefold() if before and before["word"] else None
        start = self._include(before, "word") if word in self.lex.date_words else None
        normalized = day_month(day, month, year)
        if normalized is None:
            return None, e
        return self._label("date", start if start is not None else s, e, s, normalized=normalized), e

    def _slash(self, before, word, s, e, written) -> tuple[NumberMention | None, int]:
        if written in self.lex.not_numbers:
            return None, e
        parts = written.split("/")
        if not all(p.isdigit() for p in parts):
            return None, e
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            year = numbers[2] if numbers[2] > 99 else _TWO_DIGIT_YEARS_FROM + numbers[2]
            # US order ("9/27/2024") where the language writes the month first and the first part can be one.
            day, month = (numbers[1], numbers[0]) if self.lex.month_first and numbers[0] <= 12 else numbers[:2]
            return self._date(before, s, e, day, month, year)
        if len(numbers) != 2:
            return None, e
        first, second = numbers
        if len(parts[1]) == 4 and 1 <= first <= 12 and valid_year_like(second):  # "9/2025"
            start = self._include(before, "word") if word in self.lex.date_words else None
            return self._label(
                "date", start if start is not None else s, e, s, normalized=f"{second:04d}-{first:02d}"
            ), e
        # "Từ 1/10" (from 1 October): a date, where "1/10" alone could be a tenth.
        dated = (
            word in self.lex.day_words
            or word in self.lex.date_words
            or bool(before and before["open"])
            or dated_around(self.folded, s, self.lex, self.timeout)
        )
        qualified = bool(before and before["qual"])
        small_fraction = first < second and second in _SMALL_DENOMINATORS
        if not dated and (qualified or small_fraction or day_month(first, second) is None) and second:
            return self._figure(before, s, e, first / second, fraction=True)
        return self._date(before, s, e, first, second)

    def _measure_after(self, e: int, value: float) -> bool:
        """A measure or a percent after a number, or a currency after a price; not a duration ("lớp 6 năm học",
        "số 41 ngày 9/4"), nor a currency after a model's number ("iPhone 12 đồng loạt giảm": at once)."""
        unit = self._match(self.lex.unit_after, e)
        found = self.lex.unit_of(unit["unit"]) if unit is not None else None
        if found is None or found[0] == "duration":
            return False
        return found[0] != "money" or value >= _PRICE_FROM

    def _amount_after(self, before: Before, e: int) -> bool:
        return bool(before is not None and before["cur"]) or amount_after(self._match(self.lex.unit_after, e), self.lex)

    def _measured_after(self, e: int) -> bool:
        """'top 1%', 'tuyến 2, 3 triệu': a unit, a scale or a range after the number makes it an amount."""
        lex = self.lex
        return (
            self._match(lex.unit_after, e) is not None
            or self._match(lex.scale_after, e) is not None
            or self.folded.startswith("-", e)
        )

    def _number(self, before, word, s, e, value: float, *, integer: bool) -> tuple[NumberMention | None, int]:
        lex = self.lex
        if word in lex.identifier_labels and not self._measure_after(e, value):  # "loại 400 gram" is a weight
            label_start = self._word_start(before)
            if not self._counted_by_number_before(label_start):
                end = self._glued_end(e) if self._match(lex.glued, e) else e
                return self._label("identifier", label_start, end, s), end
        if (
            word in lex.ordinal_before
            and not self._counted_by_number_before(self._word_start(before))
            and not self._amount_after(before, e)  # "the top 1% of earners" is a share, "to top £20m" money
        ):
            return self._label("ordinal", self._word_start(before), e, s, value), e
        if word in lex.round_before and integer and self._ends_a_round(e):  # "reached the last 32"
            return self._label("ordinal", self._word_start(before), e, s, value), e
        meridiem = self._match(lex.meridiem_after, e) if integer and value <= 12 else None
        if meridiem is not None:  # "10am", "3 p.m."
            hour = self._on_24_hour_clock(int(value) % 12, meridiem["meridiem"])
            return self._label("time", s, meridiem.end(), s, normalized=f"{hour:02d}:00"), meridiem.end()
        glued = self._match(lex.glued, e)
        if glued is not None:
            handled = self._glued_suffix(before, s, e, value, glued)
            if handled is not None:
                return handled
        if integer and word == lex.month_word and 1 <= value <= 12:  # "tháng 9", "tháng 9/2025"
            year = self._match(lex.month_after, e)
            end = year.end() if year else e
            normalized = f"{int(year['y']):04d}-{int(value):02d}" if year else f"--{int(value):02d}"
            return self._label("date", self._word_start(before), end, s, normalized=normalized), end
        if integer and word == lex.quarter_word and 1 <= value <= 4:
            year = self._match(lex.month_after, e)
            end = year.end() if year else e
            normalized = f"{int(year['y']):04d}-Q{int(value)}" if year else f"Q{int(value)}"
            return self._label("date", self._word_start(before), end, s, normalized=normalized), end
        if integer and word and word in lex.standalone_month_names:  # "September 27", "September 2025"
            month = lex.standalone_month_names[word]
            if valid_year_like(value) and value > 31:
                return self._label(
                    "date", self._word_start(before), e, s, normalized=f"{int(value):04d}-{month:02d}"
                ), e
            year = lex.year_after.match(self.folded, e, timeout=self.timeout)  # ", 2023" passes the comma gate
            end = year.end() if year else e
            return self._date_span(before, s, end, int(value), month, int(year["y"]) if year else None)
        if integer and value <= 31 and (word in lex.date_words or word in lex.day_words or not lex.month_word):
            long_date = self._match(lex.long_date_after, e)
            if long_date is not None:
                month = (
                    int(long_date["m"])
                    if "m" in long_date.groupdict() and long_date["m"]
                    else lex.standalone_month_names.get((long_date.groupdict().get("mon") or "").casefold().rstrip("."))
                )
                long_year = int(long_date["y"]) if long_date["y"] else None
                if month:
                    return self._date_span(
                        before, s, long_date.end(), int(value), month, long_year, include_word=word in lex.date_words
                    )
        if integer and word == lex.year_word and lex.year_word and value >= 100:  # "năm 2014"
            return self._label("year", self._word_start(before), e, s, value, normalized=f"{int(value):04d}"), e
        dated = word in lex.date_words or word in lex.day_words
        dash = (
            _DASH_DAY.match(self.folded, e, e + 4, timeout=self.timeout)
            if integer and dated and self.folded.startswith("-", e)
            else None
        )
        if (
            dash
            and word != lex.year_word
            and day_month(int(value), int(dash[1])) is not None
            and not self._counts_something(dash.end())  # "Một ngày 3-4 lần": three or four times a day
        ):
            # "ngày 6-2", but "ban ngày 28-32 độ C" is a range
            return self._date_span(
                before, s, dash.end(), int(value), int(dash[1]), None, include_word=word in lex.date_words
            )
        counted = dash is not None and self._counts_something(dash.end())
        if integer and word in lex.date_words and word != lex.year_word and not counted:  # "ngày 27"
            return self._label("date", self._word_start(before), e, s, normalized=f"---{int(value):02d}"), e
        year_like = integer and e - s == 4 and valid_year_like(value) and not self._counts_something(e)
        if not year_like and self._goes_on_in_words(e):
            compound = digits_and_words(self.folded, e, value, lex, self.timeout)
            if compound is not None and isfinite(compound.value):  # "3 hundred and 21", "3 million and a quarter"
                whole = compound.value == int(compound.value)
                return self._figure(before, s, compound.end, compound.value, integer=whole)
        return self._figure(before, s, e, value, integer=integer, year_like=year_like)

    def _goes_on_in_words(self, e: int) -> bool:
        """Whether words after the digits at `e` go on the number past what the figure reader reads:
        a hundred ("3 hundred"), or a scale with more of the number after it ("4 thousand 3 hundred")."""
        following = self._next_word(e)
        kind = self.lex.word_kinds.get(following) if following else None
        if not following or kind is None or kind[0] not in MULTIPLIERS:
            return False
        if kind[0] != "scale":
            return True
        after = self._next_word(e + 1 + len(following))  # "and", "3", "hundred"
        return after == DIGIT_FOLLOWS or (bool(after) and after in self.lex.word_kinds)

    def _ends_a_round(self, e: int) -> bool:
        """Nothing counted follows the number: the clause ends, or a word of the round's follows."""
        rest = self.folded[e : e + _ROUND_REACH]
        if not rest or rest[0] in _CLAUSE_ENDS:
            return True
        following = rest.split(maxsplit=1) if rest[0] == " " else []
        return bool(following) and following[0].casefold().rstrip(_CLAUSE_ENDS) in self.lex.round_after

    def _counts_something(self, e: int) -> bool:
        """'2014 người': a classifier after a year-like number makes it a count."""
        following = self._next_word(e)
        return bool(following) and following in self.lex.classifier_first_words

    def _date_span(
        self, before: Before, s: int, end: int, day: int, month: int, year: int | None, include_word: bool = True
    ) -> tuple[NumberMention | None, int]:
        start = self._include(before, "word") if include_word else None
        normalized = day_month(day, month, year)
        if normalized is None:
            return None, end
        return self._label("date", start if start is not None else s, end, s, normalized=normalized), end

    def _glued_suffix(self, before, s, e, value, glued) -> tuple[NumberMention | None, int] | None:
        """Letters straight after digits: a scale ("3bn"), a clock ("19h15"), an ordinal ("1st"), a unit ("10km")."""
        lex, suffix = self.lex, glued.group()
        currency = before["cur"] if before and before["cur"] else None
        if suffix in lex.attached_scales or (currency and suffix in lex.currency_scales) or self._power_of_ten(suffix):
            return None  # read as a scale by _figure
        if suffix[:1] in lex.clock_attached and value <= 24 and value == int(value):
            rest = suffix[1:]
            minutes = self.folded[glued.end() : glued.end() + 2] if not rest else rest
            if rest == "" and minutes.isdigit() and len(minutes) == 2:
                end = glued.end() + 2
            elif rest == "" or (rest.isdigit() and len(rest) == 2):
                end = glued.end()
                minutes = rest or "00"
            else:
                end = None
            if end is not None and (not minutes.isdigit() or int(minutes) < 60):
                minutes = minutes if minutes.isdigit() else "00"
                part = self._match(lex.clock_after_pattern, end)
                hour = self._on_24_hour_clock(int(value), part["part"] if part and not part["min"] else None)
                return self._label("time", s, end, s, normalized=f"{hour:02d}:{minutes}"), end
        measured = self._glued_measure(before, s, value, glued)
        if measured is not None:
            return measured
        if suffix.casefold() in lex.ordinal_suffixes:
            long_date = self._match(lex.long_date_after, e) if value <= 31 and lex.standalone_month_names else None
            month = lex.standalone_month_names.get((long_date["mon"] or "").casefold()) if long_date else None
            if long_date is not None and month:  # "3rd of June"
                return self._date_span(
                    before,
                    s,
                    long_date.end(),
                    int(value),
                    month,
                    int(long_date["y"]) if long_date["y"] else None,
                    include_word=False,
                )
            return self._label("ordinal", s, glued.end(), s, value), glued.end()
        if lex.unit_of(suffix) is not None or suffix[:1] in "%°" or lex.unit_of(suffix.partition("/")[0]) is not None:
            return None  # a unit, read by _figure ("50.000đ/h": the money, whatever it is paid for)
        end = self._glued_end(e)
        return self._label("identifier", s, end, s), end

    def _glued_measure(self, before, s, value, glued) -> tuple[NumberMention | None, int] | None:
        """'48h', '1m60', '79p': an amount whose unit is glued to its digits (not_counts.py)."""
        lex, end = self.lex, glued.end()
        currency = bool(before and before["cur"])
        found = glued_amount(glued.group(), value, lex, self.timeout, currency_before=currency)
        if found is None:
            return None
        kind, unit, amount = found
        qualifier = lex.qualifiers[before["qual"].casefold()] if before and before["qual"] else "exact"
        low, high = interval(amount, qualifier, lex.tolerance)
        start = before.start("qual") if qualifier != "exact" else s
        return self._mention(start, end, s, amount, low, high, qualifier, kind, unit), end

    def _day_before_date(self, s: int, value: float, integer: bool, at: int) -> NumberMention | None:
        """'từ 9 đến 11/10': the first day of a span of dates takes its month from the second."""
        second = self.lex.digit_anchor.match(self.folded, at, timeout=self.timeout)
        parts = second.group().split("/") if second else []
        if not integer or len(parts) not in (2, 3) or not all(p.isdigit() for p in parts) or value >= int(parts[0]):
            return None
        normalized = day_month(
            int(value), int(parts[1]), int(parts[2]) if len(parts) == 3 and len(parts[2]) == 4 else None
        )
        if normalized is None or day_month(int(parts[0]), int(parts[1])) is None:
            return None
        end = s + len(str(int(value)))
        return self._label("date", s, end, s, normalized=normalized)

    def _clock_words(
        self, before: Before, s: int, end: int, value: float, last: float | None = None
    ) -> tuple[NumberMention | None, int] | None:
        """'lúc 7 giờ', '7 giờ 30 sáng': a time of day, not a duration. With `last`, `value` opens
        a span of times of day ('4-5 giờ chiều' is "16:00/17:00"): the part of the day and the
        minutes written once after the span hold for its end, the part of the day for both."""
        lex = self.lex
        word = before["word"].casefold() if before and before["word"] else None
        after = self._match(lex.clock_after_pattern, end)
        if word not in lex.clock_before and not (after and after["part"]) and not (after and after["min"]):
            return None
        minutes = int(after["min"]) if after and after["min"] else 0
        if (value if last is None else last) > 24 or minutes >= 60:
            return None
        stop = after.end() if after and after.end() > end else end
        part = after["part"] if after else None
        closing = f"{self._on_24_hour_clock(int(value if last is None else last), part):02d}:{minutes:02d}"
        normalized = closing if last is None else f"{self._on_24_hour_clock(int(value), part):02d}:00/{closing}"
        return self._label("time", s, stop, s, normalized=normalized), stop

    def _on_24_hour_clock(self, hour: int, part: str | None) -> int:
        """'3 giờ chiều' is 15:00: a part of the day moves the hours written on a 12-hour clock."""
        span = self.lex.afternoon.get(part.casefold()) if part else None
        return hour + 12 if span and span[0] <= hour <= span[1] else hour

    def _month_name(self) -> tuple[NumberMention | None, int]:
        """'tháng giêng' (January), 'tháng chạp' (December): a month only after the month word."""
        s, e = self.anchor.span("monthname")
        before = self._before(s)
        if not before or not before["word"] or before["word"].casefold() != self.lex.month_word:
            return None, e
        month = self.lex.month_names[self.folded[s:e].casefold()]
        return self._label("date", self._word_start(before), e, s, normalized=f"--{month:02d}"), e

    def _roman_quarter(self) -> tuple[NumberMention | None, int]:
        s, e = self.anchor.span("quarter")
        numeral = self.folded[s:e].split()[-1]
        quarter = self.lex.roman_quarters[numeral]
        year = self._match(self.lex.month_after, e)
        end = year.end() if year else e
        normalized = f"{int(year['y']):04d}-Q{quarter}" if year else f"Q{quarter}"
        return self._label("date", s, end, s, normalized=normalized), end

    def _ordinal_quarter(self) -> NumberMention | None:
        """'the third quarter (of 2024)': a quarter of the year, like 'quý III/2024'."""
        s, e = self.anchor.span("ordword")
        value = int(self.lex.ordinal_words[self.folded[s:e].casefold()])
        quarter = self.lex.quarter_after_ordinal.match(self.folded, e, timeout=self.timeout) if value <= 4 else None
        if quarter is None:
            return None
        normalized = f"{int(quarter['y']):04d}-Q{value}" if quarter["y"] else f"Q{value}"
        return self._label("date", s, quarter.end(), s, normalized=normalized)
