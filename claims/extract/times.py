"""When a figure holds: dates and years tied to it, not to another noun of its sentence.

Time marks are the sentence's dates and years, its relative dates ("năm ngoái", "last
year") and its looking-ahead durations ("trong 12 tháng tới", "over the next 12 months").
A mark is a figure's time when it
- follows "kể từ" / "since" after the figure (then "since:<date>"),
- follows "tính đến" / "as of" anywhere in the sentence,
- stands right after the figure's phrase ("106 người chết năm 2017", "$2.5 billion for 2024"),
- looks ahead from later in the figure's clause ("rút 1.000 binh sĩ ... trong 12 tháng tới"),
- stands between a noun and the figure it names ("GDP năm 2023 tăng 5,05%"),
- opens the sentence ("Năm 2017, ...", "Kể từ năm 2020, ..."),
- or is a year whose clause is about it ("năm 2014 - năm mà nhóm này chiếm 1/3 lãnh thổ").
A year inside another clause ("liên minh được thành lập vào năm 2014") is left alone, and so is a
year that is part of a name ("iPhone SE 2020", "Tokyo 2020").

Readings: "2024", "2024-09", "2024-09-27", "2024-Q3"; dates without a year take the
publication year when it is known, else stay "--09-27". Relative years without a
publication date are written "Y-1" (the year before publication), "Y", "Y+1". A
looking-ahead duration is "2024-09-28/P12M" from a known publication date, else "next:P12M".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, overload

from claims.numbers.mention import NumberMention
from claims.text.names import capitalised_before

from .lexicon import phrase_key

if TYPE_CHECKING:
    import regex

    from .context import Sentence

# ISO 8601 duration designators, with a factor: a decade is ten years, a quarter three months.
_ISO_DURATION = {
    "year": ("Y", 1),
    "month": ("M", 1),
    "week": ("W", 1),
    "day": ("D", 1),
    "decade": ("Y", 10),
    "quarter": ("M", 3),
}
# How far before a date its "since" or "as of" may stand: "kể từ giữa tháng 10".
_MARKER_WINDOW = 32
# Holds the day word and a space before a date: "đêm 12/9", "sáng 3/4", "on September 27".
_DAY_WORD_REACH = 12
# Holds the spaces between a time phrase and the digits that make it part of a date: "đầu năm  2024".
_DIGITS_REACH = 6
# Filler between a figure's phrase and a time mark ("trong", "vào năm") never runs longer than this.
_LONGEST_FILLER = 80


@dataclass(slots=True)
class Calendar:
    published: str | None

    @overload
    def resolve(self, normalized: str, year_offset: int | None = None) -> str: ...

    @overload
    def resolve(self, normalized: str | None, year_offset: int | None = None) -> str | None: ...

    def resolve(self, normalized: str | None, year_offset: int | None = None) -> str | None:
        """An ISO-like reading with the year filled in from the publication date where possible."""
        if normalized is None:
            return None
        if not normalized.startswith("-") and not normalized.startswith("Q"):
            return normalized
        year = self.year
        if year is not None:
            year += year_offset or 0
        if normalized.startswith("---"):  # a day alone
            return normalized
        rest = normalized[2:] if normalized.startswith("--") else normalized
        if year is None:
            return f"Y{year_offset:+d}-{rest}" if year_offset else normalized
        resolved = f"{year:04d}-{rest}"
        published = self.published or ""  # there is a year only where there is a publication date
        # "27/9" in an article of 5 January is last September.
        if year_offset is None and resolved[: len(published)] > published and not rest.startswith("Q"):
            resolved = f"{year - 1:04d}-{rest}"
        return resolved

    @property
    def year(self) -> int | None:
        if self.published and len(self.published) >= 4 and self.published[:4].isdigit():
            return int(self.published[:4])
        return None

    def relative(self, offsets: tuple) -> str | None:
        """'năm ngoái' (-1,) -> '2023' or 'Y-1'; 'tháng trước' (0, -1) -> '2024-08'; 'hôm qua' (0, 0, -1)."""
        if self.year is None:
            return ("Y" if offsets[0] == 0 else f"Y{offsets[0]:+d}") if len(offsets) == 1 else None
        if len(offsets) == 1:
            return f"{self.year + offsets[0]:04d}"
        try:
            today = date.fromisoformat((self.published or "")[:10])  # there is a year, so there is a date
        except ValueError:
            return None
        months = today.year * 12 + today.month - 1 + offsets[0] * 12 + offsets[1]
        if len(offsets) == 2:
            return f"{months // 12:04d}-{months % 12 + 1:02d}"
        return (today + timedelta(days=offsets[2])).isoformat()

    def ahead(self, duration: NumberMention) -> str | None:
        """'trong 12 tháng tới' -> '2024-09-28/P12M', or 'next:P12M' without a publication date."""
        designator = _ISO_DURATION.get(duration.unit or "")
        if designator is None or duration.value is None:
            return None
        period = f"P{duration.value * designator[1]:g}{designator[0]}"
        if self.published and len(self.published) >= 10:
            return f"{self.published[:10]}/{period}"
        return f"next:{period}"


@dataclass(slots=True)
class TimeMark:
    start: int
    end: int
    reading: str
    since: bool = False  # after "kể từ" / "since"
    since_near: bool = False  # after a bare "từ": "since" only next to the figure
    as_of: bool = False
    looks_ahead: bool = False  # "trong 12 tháng tới"
    apposition: bool = False  # "năm 2014 - năm mà ..."
    on_day: bool = False  # "đêm 12/9", "on September 27": when the clause's event happened


def time_marks(sentence: Sentence) -> list[TimeMark]:
    """Every mark of the sentence, in order."""
    lex, folded, calendar = sentence.lex, sentence.folded, sentence.calendar
    marks: list[TimeMark] = []
    taken_until = sentence.start
    for mention in sentence.mentions:
        if mention.kind in ("date", "year"):
            if mention.kind == "year" and _names_a_thing(sentence, mention):
                continue
            offset, end = _relative_after(sentence, mention.end)
            reading = calendar.resolve(mention.normalized, offset[0] if offset else None)
            if reading:
                marks.append(TimeMark(mention.start, end, reading, on_day=_on_day(sentence, mention)))
                taken_until = end
        elif mention.kind == "duration" and mention.start >= taken_until:
            mark = _looking_ahead(sentence, mention)
            if mark is not None:
                marks.append(mark)
    for start, end in sentence.phrases(lex.relative_phrases, "relative"):
        if any(m.start <= start < m.end for m in marks) or _digits_follow(folded, end):
            continue
        offsets = lex.relative[phrase_key(folded[start:end])]
        reading = calendar.relative(offsets)
        if reading:  # "hôm qua", "yesterday" name a day, like "hôm 23/1"
            marks.append(TimeMark(start, end, reading, on_day=len(offsets) == 3))
    if lex.month_at is not None:
        marks.extend(_named_months(sentence, marks, lex.month_at))
    marks.sort(key=lambda m: m.start)
    for index, mark in enumerate(marks):
        _read_frame(sentence, mark, marks[index + 1] if index + 1 < len(marks) else None)
    return [m for m in marks if m.reading]


def _names_a_thing(sentence: Sentence, year: NumberMention) -> bool:
    """'iPhone SE 2020', 'Tokyo 2020': a bare year after a capitalised word is part of a name; a
    capital that opens the sentence ("In 2020, ...") or a date word ("Năm 2020") is none."""
    if not sentence.folded[year.start : year.end].isdigit():
        return False
    _, words, opens_sentence = capitalised_before(sentence.folded, year.start, sentence.start)
    return bool(words) and not opens_sentence and words[-1].casefold() not in sentence.lex.date_words


def _on_day(sentence: Sentence, mention: NumberMention) -> bool:
    """'Hà Nội đêm 12/9 đã làm 56 người chết': a day named with its day word dates its clause."""
    parts = (mention.normalized or "").split("-")
    if mention.kind != "date" or len(parts) < 3 or not parts[-2]:  # a day of a month: "--09-12", "2023-09-12"
        return False
    words = sentence.lex.day_words
    first = mention.text.split(" ", 1)[0].casefold()
    before = sentence.folded[max(sentence.start, mention.start - _DAY_WORD_REACH) : mention.start].split()
    return first in words or bool(before) and before[-1].casefold() in words


def _relative_after(sentence: Sentence, end: int):
    """'tháng 10 năm ngoái': a relative year right after a date sets its year."""
    folded, lex = sentence.folded, sentence.lex
    if folded[end : end + 1] != " ":
        return None, end
    found = lex.relative_phrases.end_at(folded, end + 1, sentence.end)
    if found < 0 or _digits_follow(folded, found):
        return None, end
    return lex.relative[phrase_key(folded[end + 1 : found])], found


def _digits_follow(folded: str, end: int) -> bool:
    # "đầu năm 2024" is a year, not "đầu năm" (the start of this year).
    return folded[end : end + _DIGITS_REACH].lstrip(" ")[:1].isdigit()


def _looking_ahead(sentence: Sentence, duration: NumberMention) -> TimeMark | None:
    lex, folded = sentence.lex, sentence.folded
    before = lex.next_before.start_before(folded, duration.start, sentence.start) if lex.next_before else -1
    after = (
        lex.next_after.end_at(folded, duration.end + 1, sentence.end)
        if folded[duration.end : duration.end + 1] == " "
        else -1
    )
    if before < 0 or (after < 0 and lex.next_needs_after):
        return None
    reading = sentence.calendar.ahead(duration)
    if reading is None:
        return None
    return TimeMark(before, after if after >= 0 else duration.end, reading, looks_ahead=True)


def _named_months(sentence: Sentence, marks: list[TimeMark], month_at: regex.Pattern[str]) -> list[TimeMark]:
    """'since mid-October last year', 'in August': months in words, which carry no digits."""
    lex, calendar = sentence.lex, sentence.calendar
    found_marks = []
    for at in sentence.cues("month"):
        found = month_at.match(sentence.folded, at, sentence.end, timeout=sentence.timeout)
        if found is None or any(m.start <= at < m.end for m in marks):
            continue
        month = lex.month_names[found["month"].casefold()]
        offset = lex.relative[phrase_key(found["relative"])][0] if found["relative"] else None
        reading = calendar.resolve(f"--{month:02d}", offset)
        found_marks.append(TimeMark(found.start(), found.end(), reading))
    return found_marks


def _read_frame(sentence: Sentence, mark: TimeMark, following: TimeMark | None) -> None:
    """What the words around a mark make of it: since, as of, a period, an apposition."""
    lex, folded, timeout = sentence.lex, sentence.folded, sentence.timeout
    window = max(sentence.start, mark.start - _MARKER_WINDOW)
    if mark.looks_ahead:
        return
    before = folded[window : mark.start].lower()
    if any(word in before for word in lex.frame_words):
        frame = lex.frame_before.search(folded, window, mark.start, timeout=timeout)
        if frame is not None:
            mark.since, mark.since_near, mark.as_of = bool(frame["since"]), bool(frame["near"]), bool(frame["as_of"])
    if (mark.since or mark.since_near) and following is not None and folded[mark.end : mark.end + 1] == " ":
        until = lex.until.end_at(folded, mark.end + 1, following.start)
        if until >= 0 and not folded[until : following.start].strip():
            # "từ năm 1898 đến năm 1902": a period, not "since".
            mark.since = mark.since_near = False
            mark.reading = f"{mark.reading}/{following.reading}"
            following.reading = ""
    after = mark.end
    while folded[after : after + 1] in (" ", ",", "-") and after < sentence.end:
        after += 1
    if lex.apposition.end_at(folded, after, sentence.end) >= 0:
        mark.apposition = True


def figure_time(
    sentence: Sentence, figure: NumberMention, phrase_end: int, scope_end: int, named_from: int | None
) -> str | None:
    """The time of one figure. `scope_end`: where the next figure with another subject starts;
    `named_from`: where the noun that names the figure stands before it, if it does."""
    marks = sentence.marks()
    if not marks:
        return None
    clause_end = sentence.clause_end(phrase_end)
    clause_start = sentence.clause_start(figure.start)
    opening = dated = named = None
    for mark in marks:
        if mark.start >= phrase_end:
            if mark.start < scope_end and (mark.since or _adjacent(sentence, phrase_end, mark)):
                return f"since:{mark.reading}" if mark.since or mark.since_near else mark.reading
            if mark.looks_ahead and mark.start < min(clause_end, scope_end):
                return mark.reading
        elif mark.end <= figure.start:
            if named_from is not None and mark.start >= named_from and mark.start >= clause_start:
                named = mark  # "GDP năm 2023 tăng 5,05%"; the nearest, and only if none follows the figure
            if mark.on_day and mark.start >= clause_start:
                dated = mark
            if opening is None and sentence.opens(mark, figure.start):
                opening = mark
    # "GDP tăng 3,4% năm 2020 và 4,0% năm 2021": a mark right after the figure is its own, before the one
    # between its noun and it, which the figure before may have taken.
    if named is not None:
        return named.reading
    for mark in marks:
        if mark.as_of:
            return mark.reading
    if dated is not None:
        return dated.reading
    if opening is not None:
        return f"since:{opening.reading}" if opening.since or opening.since_near else opening.reading
    for mark in marks:
        if mark.apposition and mark.end <= figure.start:
            return mark.reading
    return None


def looks_ahead(sentence: Sentence, duration: NumberMention) -> bool:
    """Whether a duration is a looking-ahead time mark: "trong 12 tháng tới"."""
    return any(m.looks_ahead and m.start <= duration.start < m.end for m in sentence.marks())


def _adjacent(sentence: Sentence, phrase_end: int, mark: TimeMark) -> bool:
    """Only filler words ("trong", "vào năm", "for") stand between the phrase and the mark,
    besides the figure's places and roles ("3.000 cuộc không kích chống IS trong năm 2015")
    and a duration ("8 triệu tấn gạo trong 11 tháng đầu năm 2024" reads "trong # đầu")."""
    gap = sentence.folded[phrase_end : mark.start]
    if not gap.strip(" ,"):
        return True
    if len(gap) > _LONGEST_FILLER:
        return False
    gap = phrase_key(sentence.gap_text(phrase_end, mark.start).strip(" ,"))
    return sentence.lex.after_figure.fullmatch(gap, timeout=sentence.timeout) is not None
