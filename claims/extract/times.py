"""When a figure holds: dates and years tied to it, not to another noun of its sentence.

A date is the figure's time when it follows "since" / "kể từ" (then "since:<date>"),
follows "as of" / "tính đến" anywhere in the sentence, opens the sentence ("Năm 2017,
..."), or stands right after the figure's phrase ("$2.5 billion for 2024"). A year
inside another clause ("liên minh được thành lập vào năm 2014") is left alone.

Dates without a year take the publication year when it is known. Relative years
("năm ngoái", "last year") without a publication date are written "Y-1": the year
before publication.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from claims.numbers.mention import NumberMention

from .lexicon import ExtractLexicon, phrase_key

_CALENDAR_KINDS = ("date", "year")
_GAP = regex.compile(r"[ ,]+")
# "Năm 2017, ...", "In 2018, ...", "Trong năm 2023, ...": a date that opens the sentence.
_OPENING_SLACK = 12


@dataclass(slots=True)
class Calendar:
    published: str | None

    def resolve(self, normalized: str | None, year_offset: int | None = None) -> str | None:
        """An ISO-like reading with the year filled in from the publication date where possible."""
        if normalized is None:
            return None
        if not normalized.startswith("-") and not normalized.startswith("Q"):
            return normalized
        year = None
        if self.published and len(self.published) >= 4 and self.published[:4].isdigit():
            year = int(self.published[:4]) + (year_offset or 0)
        if normalized.startswith("---"):  # a day alone
            return normalized
        rest = normalized[2:] if normalized.startswith("--") else normalized
        if year is None:
            return f"Y{year_offset:+d}-{rest}" if year_offset else normalized
        resolved = f"{year:04d}-{rest}"
        # "27/9" in an article of 5 January is last September.
        if year_offset is None and self.published and resolved[:len(self.published)] > self.published and not rest.startswith("Q"):
            resolved = f"{year - 1:04d}-{rest}"
        return resolved


def _relative_after(folded: str, end: int, limit: int, lex: ExtractLexicon, timeout: float):
    found = lex.relative_pattern.match(folded, end + 1, limit, timeout=timeout) if folded[end:end + 1] == " " else None
    return (lex.relative[phrase_key(found["relative"])], found.end()) if found else (None, end)


def figure_time(folded: str, sentence: tuple[int, int], figure: NumberMention, phrase_end: int,
                calendar_mentions: list[NumberMention], calendar: Calendar, lex: ExtractLexicon, timeout: float) -> str | None:
    sentence_start, sentence_end = sentence
    for mention in calendar_mentions:
        if mention.kind not in _CALENDAR_KINDS:
            continue
        offset, _ = _relative_after(folded, mention.end, sentence_end, lex, timeout)
        reading = calendar.resolve(mention.normalized, offset[0] if offset else None)
        if mention.start >= figure.end and lex.since_pattern.search(folded, figure.end, mention.start, timeout=timeout):
            return f"since:{reading}"
        if lex.as_of_pattern.search(folded, max(sentence_start, mention.start - 40), mention.start, timeout=timeout):
            return reading
        if mention.end <= figure.start and mention.start - sentence_start <= _OPENING_SLACK and \
                _GAP.fullmatch(folded, mention.end, min(mention.end + 2, figure.start), timeout=timeout):
            return reading
        if mention.start >= phrase_end:
            gap = folded[phrase_end:mention.start].strip(" ,").casefold()
            if not gap or phrase_key(gap) in lex.after_figure:
                return reading
    named = lex.since_month_pattern.search(folded, figure.end, sentence_end, timeout=timeout)
    if named is not None:
        month = lex.month_names[named["month"].casefold()]
        if named["year"]:
            return f"since:{int(named['year']):04d}-{month:02d}"
        offset = lex.relative[phrase_key(named["relative"])][0] if named["relative"] else None
        return f"since:{calendar.resolve(f'--{month:02d}', offset)}"
    # "kể từ năm ngoái", "since last year": a relative year with no digits.
    for found in lex.relative_pattern.finditer(folded, figure.end, sentence_end, timeout=timeout):
        if lex.since_pattern.search(folded, figure.end, found.start(), timeout=timeout):
            offset = lex.relative[phrase_key(found["relative"])]
            return f"since:{calendar.resolve('--', offset[0]).rstrip('-')}" if calendar.published else f"since:Y{offset[0]:+d}"
        break
    return None
