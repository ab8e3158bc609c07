"""One sentence as its figures see it: what it says once, read lazily and shared by all its figures.

Clause breaks, located places, time marks, role markers and the source are read once per
sentence, only when a figure asks and only where the article's cue words stand
(claims/extract/cues.py), and never again for the next figure of the same sentence.
"""

from __future__ import annotations

from bisect import bisect_right
from enum import Enum
from typing import Final

from claims.numbers.mention import NumberMention

from .cues import CueIndex
from .lexicon import ExtractLexicon
from .phrases import may_start
from .places import Located, located_places
from .roles import Marker, role_markers, sentence_source
from .times import Calendar, TimeMark, time_marks

# Where a clause ends: a comma, semicolon or colon not inside a number, or a spaced dash.
_CLAUSE_MARKS = ((",", 1), (";", 1), (":", 1), (" - ", 3))
# "Năm 2022 cả nước có ...": a mark this close to the sentence start opens it without a comma.
_OPENING_SLACK = 12
# Longer than any word dropped from the start of a clause before its name ("The", "Các").
_DROPPED_FIRST_WORD = 12
# Longer than any lower-case word (a verb) that shows a name after a conjunction opens a new subject.
_FOLLOWING_VERB = 24


class _Unset(Enum):
    """Marks the sentence's source as not looked for yet (None: looked for, and there is none)."""

    UNSET = 0


_UNSET: Final = _Unset.UNSET
_NOT_FIGURES = frozenset({"date", "year", "time", "duration", "ordinal", "identifier", "phone", "score"})


class Sentence:
    __slots__ = (
        "folded",
        "original",
        "lex",
        "calendar",
        "timeout",
        "start",
        "end",
        "mentions",
        "_breaks",
        "_break_ends",
        "_located",
        "_marks",
        "_markers",
        "_source",
        "_openings",
        "_cues",
        "cue_index",
    )

    def __init__(
        self,
        folded: str,
        original: str,
        lex: ExtractLexicon,
        calendar: Calendar,
        timeout: float,
        cue_index: CueIndex,
        start: int,
        end: int,
        mentions: list[NumberMention],
    ):
        self.folded, self.original, self.lex, self.calendar, self.timeout = folded, original, lex, calendar, timeout
        self.cue_index = cue_index
        self.start, self.end, self.mentions = start, end, mentions
        self._breaks: list[int] | None = None
        self._break_ends: list[int] = []
        self._located: list[Located] | None = None
        self._marks: list[TimeMark] | None = None
        self._markers: list[Marker] | None = None
        self._source: str | None | _Unset = _UNSET
        self._openings: dict[int, tuple] = {}
        self._cues: dict[str, list[int]] | None = None

    def cues(self, kind: str) -> list[int]:
        """Where the sentence holds a word that may open a marker of `kind` ("location", "against", ...)."""
        if self._cues is None:
            self._cues = self.cue_index.in_sentence(self.start, self.end)
        return self._cues.get(kind, [])

    def phrases(self, phrases, kind: str, start: int | None = None, end: int | None = None) -> list[tuple[int, int]]:
        """(start, end) of the phrases of a PhraseSet that stand at cues of `kind`, in order, none overlapping."""
        start = self.start if start is None else start
        end = self.end if end is None else end
        found, taken_until = [], start
        for at in self.cues(kind):
            if at < taken_until or at >= end:
                continue
            phrase_end = phrases.end_at(self.folded, at, end)
            if phrase_end >= 0:
                found.append((at, phrase_end))
                taken_until = phrase_end
        return found

    # Clauses.
    def _read_breaks(self) -> list[int]:
        if self._breaks is None:
            # A comma, semicolon or colon not inside a number ("2,5"), or a spaced dash: str.find
            # costs a fraction of a pattern pass over the sentence.
            folded, start, end = self.folded, self.start, self.end
            spans = []
            for mark, width in _CLAUSE_MARKS:
                at = folded.find(mark, start, end)
                while at >= 0:
                    if mark != "," or not folded[at + 1 : at + 2].isdigit():
                        spans.append((at, at + width))
                    at = folded.find(mark, at + width, end)
            spans.sort()
            self._breaks = [s for s, _ in spans]
            self._break_ends = [e for _, e in spans]
        return self._breaks

    def clause_start(self, at: int) -> int:
        self._read_breaks()
        index = bisect_right(self._break_ends, at)
        return self._break_ends[index - 1] if index else self.start

    def clause_end(self, at: int) -> int:
        breaks = self._read_breaks()
        index = bisect_right(breaks, at - 1)
        return breaks[index] if index < len(breaks) else self.end

    def opens(self, item, figure_start: int) -> bool:
        """Whether a place or date opens the sentence, or the figure's clause, and so frames the figure:
        'Ở Lào Cai, 12 người chết', 'Năm 2017, bão Damrey ...', 'Theo thống kê, năm 2023 cả nước có ...'."""
        if item.end > figure_start:
            return False
        breaks = self._read_breaks()
        if breaks and item.end <= breaks[0] < figure_start:
            if self.lex.source_before.end_at(self.folded, self.start, breaks[0]) >= 0:
                return False  # "Theo báo cáo ngày 15/9 của Ban Chỉ đạo, ...": the report's date, not the figure's
            return not any(m.kind not in _NOT_FIGURES and m.start < breaks[0] for m in self.mentions)
        clause_start = self.clause_start(figure_start)
        while self.folded[clause_start : clause_start + 1] == " ":
            clause_start += 1
        return clause_start <= item.start <= clause_start + _OPENING_SLACK and self.folded[item.end : item.end + 1] in (
            " ",
            ",",
        )

    def place_opening(self, clause_start: int, figure_start: int) -> tuple[str | None, str | None]:
        """(place, side) that opens the clause: 'Nga đã điều 10.000 binh sĩ', 'Lực lượng Houthi tuyên bố ...'."""
        found = self._openings.get(clause_start)
        if found is None:
            at = clause_start
            while at < figure_start and self.folded[at] in " \"'(":
                at += 1
            first = self.folded[at : at + _DROPPED_FIRST_WORD].split(" ", 1)[0]
            if first.casefold() in self.lex.filler_drop_first:  # "The United States keeps ..."
                at += len(first) + 1
            place, side, _ = self._name_at(at, figure_start)
            found = self._openings[clause_start] = (place, side)
        return found

    def _name_at(self, at: int, limit: int) -> tuple[str | None, str | None, int]:
        """(place, side, end) of a country or a side named at `at`; (None, None, at) when none is."""
        lex = self.lex
        if may_start(lex.place_initials, self.folded, at):
            match = lex.place_at.match(self.folded, at, limit, timeout=self.timeout)
            if match is not None:
                return lex.places[" ".join(match["place"].split())], None, match.end()
        if not may_start(lex.alias_initials, self.folded, at):
            return None, None, at
        alias = lex.alias_at.match(self.folded, at, limit, timeout=self.timeout)
        if alias is not None:
            canonical = lex.role_aliases[" ".join(alias["alias"].split())]
            if canonical in lex.sides:
                return None, canonical, alias.end()
        return None, None, at

    def subject_start(self, figure_start: int) -> int:
        """Where the figure's clause names its subject: the clause, or its part after a conjunction
        and a new subject that acts ("Mỹ có 2.500 lính ở Iraq và Anh có 900 lính", "..., trong khi
        Anh có 900 lính"). "Mỹ và Anh có 900 lính" and "lính Mỹ ở Iraq và Syria" open no new subject."""
        clause_start = self.clause_start(figure_start)
        conjunctions = self.lex.subject_conjunctions
        if not conjunctions:
            return clause_start
        lowered = self.folded[clause_start:figure_start].casefold()
        if len(lowered) != figure_start - clause_start:
            return clause_start  # a letter whose case fold is longer: offsets would shift
        subject_start = clause_start
        for word in conjunctions:
            at = lowered.find(word + " ")
            while at >= 0:
                start = clause_start + at
                if (at == 0 or lowered[at - 1] == " ") and self._opens_subject(
                    clause_start, start, start + len(word) + 1, figure_start
                ):
                    subject_start = max(subject_start, start + len(word) + 1)
                at = lowered.find(word + " ", at + 1)
        return subject_start

    def _opens_subject(self, clause_start: int, conjunction: int, after: int, figure_start: int) -> bool:
        """Whether the conjunction at `conjunction` opens a new subject: it opens the clause or
        follows a figure of it, and a name stands after it with a lower-case word (a verb) next."""
        if self.folded[clause_start:conjunction].strip(" ") and not any(
            clause_start <= m.start and m.end <= conjunction and m.kind not in _NOT_FIGURES for m in self.mentions
        ):
            return False
        place, side, end = self._name_at(after, figure_start)
        if place is None and side is None:
            return False
        follower = self.folded[end + 1 : end + _FOLLOWING_VERB].split(" ", 1)[0]
        return (
            self.folded[end : end + 1] == " "
            and follower.isalpha()
            and follower.islower()
            and follower not in self.lex.elision_followers
        )

    # What the sentence holds, read once.
    def located(self) -> list[Located]:
        if self._located is None:
            self._located = located_places(self)
        return self._located

    def marks(self) -> list[TimeMark]:
        if self._marks is None:
            self._marks = time_marks(self)
        return self._marks

    def markers(self) -> list[Marker]:
        if self._markers is None:
            self._markers = role_markers(self)
        return self._markers

    def source(self) -> str | None:
        if self._source is _UNSET:
            self._source = sentence_source(self)
        return self._source

    def gap_text(self, start: int, end: int) -> str:
        """The text between two points without the places and roles in it, durations as '#'."""
        spans = [(p.start, p.end, "") for p in self.located() if start <= p.start and p.end <= end]
        spans += [(m.start, m.filler_end, "") for m in self.markers() if start <= m.start and m.filler_end <= end]
        spans += [
            (m.start, m.end, "#") for m in self.mentions if m.kind == "duration" and start <= m.start and m.end <= end
        ]
        if not spans:
            return self.folded[start:end]
        pieces, at = [], start
        for span_start, span_end, stands_for in sorted(spans):
            if span_start < at:
                continue
            pieces.append(self.folded[at:span_start])
            pieces.append(stands_for)
            at = span_end
        pieces.append(self.folded[at:end])
        return "".join(pieces)
