"""extract_claims: every numeric claim of one article, with what it counts, where, when and in what frame.

Pure: text in, plain Claim dataclasses out; no database, nothing global that changes.
"""

from __future__ import annotations

import regex

from claims.lang import LanguagePack, detect_language, load_pack
from claims.numbers.lexicon import lexicon_for
from claims.numbers.mention import FIGURE_KINDS, NumberMention
from claims.numbers.parse import matching_copy, scan_numbers
from claims.text.normalize import normalize_with_offsets
from claims.text.sentences import split_sentences

from .claim import Claim
from .layout import line_flags
from .lexicon import ExtractLexicon, extract_lexicon_for
from .places import location_after, location_before
from .roles import read_roles
from .subjects import Subject, concept_before, concept_from_verb, read_subject
from .times import Calendar, figure_time

# A comma, semicolon or colon not inside a number, or a spaced dash: where a clause ends.
_CLAUSE_BREAK = regex.compile(r"[;:]|,(?![0-9])| - ")
_GENERIC = (None, "people")
# Kinds whose noun often stands before the figure: "ngân sách ... 2,5 tỷ đồng", "GDP tăng 7,4%".
# A duration measures the time of an event, and a count's noun follows it.
_NAMED_BEFORE = ("money", "percent", "percentage_point", "quantity", "fraction")


def extract_claims(text: str, lang: str | None = None, *, pack: LanguagePack | None = None,
                   published: str | None = None, tail_start: int | None = None) -> list[Claim]:
    """The claims of one article. Offsets index `text` (NFC-normalised text maps one to one).

    `lang` is "vi" or "en" (detected when None); `published` is the ISO publication
    date, used to resolve "27/9" and "năm ngoái"; claims at or past `tail_start`
    (a second story pasted after the article) are marked as boilerplate.
    """
    normalized, offsets = normalize_with_offsets(text)
    if pack is None:
        pack = load_pack(lang or detect_language(normalized))
    claims = _Article(normalized, pack, published, tail_start).claims()
    if offsets is not None:
        for claim in claims:
            claim.start, claim.end = offsets.to_raw(claim.start, claim.end)
            sentence_start, sentence_end = offsets.to_raw(claim.sentence_start, claim.sentence_start + len(claim.sentence))
            claim.text, claim.sentence, claim.sentence_start = text[claim.start:claim.end], text[sentence_start:sentence_end], sentence_start
    return claims


class _Article:
    def __init__(self, normalized: str, pack: LanguagePack, published: str | None, tail_start: int | None):
        self.text, self.pack, self.tail_start = normalized, pack, tail_start
        self.lex: ExtractLexicon = extract_lexicon_for(pack)
        self.folded = matching_copy(normalized)
        self.timeout = max(1.0, len(normalized) / 2e6)
        self.calendar = Calendar(published)

    def claims(self) -> list[Claim]:
        mentions = scan_numbers(self.text, lexicon_for(self.pack), self.folded)
        if not mentions:
            return []
        lines = line_flags(self.folded, self.lex, self.timeout)
        found: list[Claim] = []
        index = 0
        line_index = 0
        for sentence in split_sentences(self.folded, self.lex.abbreviations):
            inside = []
            while index < len(mentions) and mentions[index].start < sentence[1]:
                if mentions[index].start >= sentence[0]:
                    inside.append(mentions[index])
                index += 1
            if not inside:
                continue
            previous: Subject | None = None
            for position, mention in enumerate(inside):
                while line_index + 1 < len(lines) and lines[line_index][1] < mention.start:
                    line_index += 1
                _, _, caption, boilerplate = lines[line_index]
                claim = self._claim(sentence, mention, inside, position, previous)
                claim.is_caption = caption
                claim.is_boilerplate = boilerplate or (self.tail_start is not None and mention.start >= self.tail_start)
                if mention.kind in FIGURE_KINDS and claim.subject:
                    previous = Subject(claim.subject, 0, 0, claim.concept, claim.actor)
                found.append(claim)
        return found

    def _claim(self, sentence, mention: NumberMention, inside: list[NumberMention], position: int,
               previous: Subject | None) -> Claim:
        start, end = sentence
        claim = Claim(
            text=mention.text, start=mention.start, end=mention.end, value=mention.value, low=mention.low,
            high=mention.high, qualifier=mention.qualifier, kind=mention.kind, unit=mention.unit,
            sentence=self.text[start:end], sentence_start=start, lang=self.pack.code,
        )
        if mention.kind not in FIGURE_KINDS:
            if mention.kind in ("date", "year"):
                claim.time = self.calendar.resolve(mention.normalized)
            elif mention.normalized:
                claim.time = mention.normalized if mention.kind == "time" else None
            return claim
        following = next((m.start for m in inside[position + 1:] if m.kind in FIGURE_KINDS), end)
        self._structure(claim, sentence, mention, following, inside, previous)
        return claim

    def _structure(self, claim: Claim, sentence, mention: NumberMention, following: int,
                   inside: list[NumberMention], previous: Subject | None) -> None:
        folded, lex, timeout = self.folded, self.lex, self.timeout
        start, end = sentence
        subject = read_subject(folded, self.text, mention.start, mention.end, following, lex, timeout)
        if subject.text is None and previous is not None and mention.kind == "count" and _elided(folded, mention.end, end):
            # "khoảng 2.500 lính Mỹ ở Iraq và khoảng 900 ở Syria": the 900 are troops too.
            subject = Subject(previous.text, mention.end, mention.end, previous.concept, previous.actor)
        if subject.text is None and mention.kind in _NAMED_BEFORE:
            before = concept_before(folded, self._clause_start(start, mention.start), mention.start, lex, timeout)
            if before is not None:
                subject.text, subject.concept = before
        if subject.concept in _GENERIC:
            subject.concept = concept_from_verb(folded, mention.start, lex, timeout) or subject.concept
        claim.subject, claim.concept, claim.actor = subject.text, subject.concept, subject.actor
        phrase_end = max(subject.end, mention.end)
        clause_end = self._clause_end(phrase_end, end)
        claim.location = (subject.place
                          or location_after(folded, phrase_end, min(following, clause_end), lex, timeout)
                          or location_before(folded, start, mention.start, lex, timeout))
        calendar_mentions = [m for m in inside if m.kind in ("date", "year")]
        claim.time = figure_time(folded, sentence, mention, phrase_end, calendar_mentions, self.calendar, lex, timeout)
        claim.roles = read_roles(folded, self.text, sentence, mention.end, phrase_end, lex, timeout)

    def _clause_start(self, sentence_start: int, at: int) -> int:
        last = sentence_start
        for found in _CLAUSE_BREAK.finditer(self.folded, sentence_start, at, timeout=self.timeout):
            last = found.end()
        return last

    def _clause_end(self, at: int, sentence_end: int) -> int:
        found = _CLAUSE_BREAK.search(self.folded, at, sentence_end, timeout=self.timeout)
        return found.start() if found else sentence_end


_ELIDED_NEXT = regex.compile(r"[ ]*(?:[,.;:)]|$|[ ](?:ở|tại|trong|in|at|on|and|và|across)\b)")


def _elided(folded: str, end: int, sentence_end: int) -> bool:
    """The counted noun is left out when a place word or punctuation follows the figure at once."""
    return bool(_ELIDED_NEXT.match(folded, end, sentence_end, timeout=1.0))
