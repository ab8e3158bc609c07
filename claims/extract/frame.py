"""The frame of a figure beyond who, where and when: a plan or a result, a change or a level, the
span of time it covers, and the content words that tie it to its fact.

Two articles' figures state one fact only when their frames agree and their words overlap
(claims/check/alignment.py): "dự kiến doanh thu cả năm 9.800 tỷ đồng" is a plan, "doanh thu 6
tháng đạt 4.120 tỷ đồng" a result; "CPI tháng 5 tăng 0,31%" a change in one month, "CPI bình quân
5 tháng tăng 3,9%" an average over five. The words come from the language pack ([frame] in
frame.toml); the reading is a few string searches over the figure's clause.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from claims.lang import LanguagePack
from claims.text.word_search import WordSearch, whole_word

# How many content words on each side of a figure, inside its clause, count as its evidence:
# enough for the noun and the verb it completes, few enough to stay with one fact.
WORDS_BEFORE = 8
WORDS_AFTER = 6
# A clause longer than this is read only this far either side of the figure.
REACH = 120
# A figure whose own clause holds evidence words of fewer syllables (or words) than this takes them
# from the rest of its sentence: an age in apposition ("Cowell, 54,") or a figure in brackets has a
# clause of its own. The checker asks as many of two figures of one fact (claims/check/alignment.py).
MIN_OWN_EVIDENCE_TOKENS = 3

# Punctuation becomes a token of its own, one character long: never content, so a unit of
# syllables never spans it ("Hà Nội, Hải Phòng").
_SPACED = tuple((mark, f" {mark} ") for mark in "\"'“”‘’()[]{}<>.,;:!?…–—/|*#")
ASPECTS = ("plan", "target", "forecast", "estimate", "hypothetical")
MEASURES = ("change", "share")
PERIODS = ("year_to_date", "average", "same_period", "session")


@dataclass(frozen=True)
class FrameWords:
    """One pack's frame words, compiled once: all kinds found in one pass over a clause."""

    search: WordSearch  # every aspect, measure and period phrase, casefolded
    kinds: tuple[str, ...]  # the kind of each of `search.words`
    per_unit: regex.Pattern | None
    per_unit_starts: tuple[str, ...]  # what a match of `per_unit` must start with: most clauses fail this
    stopwords: frozenset[str]
    syllables_per_unit: int


def frame_words(pack: LanguagePack) -> FrameWords:
    cached = pack.compiled.get("frame")
    if cached is None:
        groups = {name: pack.value(f"frame.aspect.{name}") for name in ASPECTS}
        groups |= {name: pack.value(f"frame.measure.{name}") for name in MEASURES}
        groups |= {name: pack.value(f"frame.period.{name}") for name in (*PERIODS, "background")}
        kind_of: dict[str, str] = {}
        for name, phrases in groups.items():
            for phrase in phrases:
                kind_of.setdefault(phrase.casefold(), name)  # a phrase listed twice keeps its first kind
        search = WordSearch(kind_of)
        cached = FrameWords(
            search=search,
            kinds=tuple(kind_of[word] for word in search.words),
            per_unit=_per_unit(pack.value("frame.measure.per_unit")),
            per_unit_starts=("/", *_per_unit_words(pack.value("frame.measure.per_unit"))),
            stopwords=frozenset(w.casefold() for w in pack.value("frame.evidence.stopwords")),
            syllables_per_unit=int(pack.value("frame.evidence.syllables_per_unit")),
        )
        pack.compiled["frame"] = cached
    return cached


def _per_unit(phrases: list[str]) -> regex.Pattern | None:
    # "/kg" right after the figure, or a word such as "mỗi" / "per" before a noun.
    words = _per_unit_words(phrases)
    if not words:
        return None
    return regex.compile(r"/\s*[\p{L}\p{M}]|(?:" + "|".join(regex.escape(w) for w in words) + r")\s+[\p{L}\p{M}]")


def _per_unit_words(phrases: list[str]) -> list[str]:
    return sorted({p.casefold() for p in phrases if p.strip()}, key=len, reverse=True)


def read_frame(
    words: FrameWords,
    clause_before: str,
    own_before: str,
    own_after: str,
    unit: str | None,
    timeout: float,
    opens: bool = False,
    beyond: tuple[str, str, bool] = ("", "", False),
) -> dict:
    """The frame of one figure from its clause: `clause_before` is all of it before the figure (a
    plan covers every figure it governs: "dự kiến bán 3.200 chiếc và 4.000 chiếc"), `own_before`
    (its tail) and `own_after` the part no other figure stands in (qualifier included: "tăng
    khoảng 5%" still changes). Only what differs from a measured level of an actual result is
    written, so most frames are just their words.

    `beyond` is the rest of the sentence on either side, up to the next figures, and whether it
    opens the sentence: a figure whose clause says too little to tie it ("Cowell, 54, said ...",
    "ở tuổi 44, cựu hoa hậu ...") takes its words and names from there."""
    before = clause_before[-REACH:].casefold()
    after = own_after[:REACH].casefold()
    own_from = max(0, len(before) - len(own_before))  # where the figure's own part of `before` starts
    shared_clause = len(own_before) < len(clause_before)
    text = before + " | " + after
    after_from = len(before) + 3
    frame: dict = {}
    aspect = measure = None
    periods: set[str] = set()
    background = False
    tail = before.rstrip()
    for index, at, end in words.search.occurrences(text):
        if not whole_word(text, at, end):
            continue
        kind = words.kinds[index]
        if kind in ASPECTS:
            if end <= len(before):
                aspect = kind  # the nearest before the figure wins
        elif kind in MEASURES:
            # The verb must stand right before the figure: "tăng 15%", not "tăng trưởng ... đạt 7%".
            if end == len(tail):
                measure = kind
        elif at >= after_from or (at >= own_from and not shared_clause):
            # Between two figures a span is the earlier one's: "fell 7% in early trading and are down 22%".
            if kind == "background":
                background = True
            else:
                periods.add(kind)
    if (unit and "/" in unit) or _per_unit_follows(words, after.lstrip(), timeout):
        measure = "unit_price"  # "250 nghìn đồng/kg" against "gần 40 triệu đồng"
    if aspect:
        frame["aspect"] = aspect
    if measure:
        frame["measure"] = measure
    if periods:
        frame["period"] = sorted(periods)
    if background:
        frame["background"] = True
    evidence = evidence_words(words, before[own_from:], after)
    names = named_things(
        own_before[-REACH:],
        own_after[:REACH],
        opens_sentence=len(own_before) == len(clause_before) and opens,
        stopwords=words.stopwords,
    )
    wider_before, wider_after, wider_opens = beyond
    if len({token for word in evidence for token in word.split()}) < MIN_OWN_EVIDENCE_TOKENS and (
        wider_before or wider_after
    ):
        wider = evidence_words(words, wider_before[-REACH:].casefold(), wider_after[:REACH].casefold())
        evidence = sorted(set(evidence) | set(wider))
        if not names:
            names = named_things(
                wider_before[-REACH:], wider_after[:REACH], opens_sentence=wider_opens, stopwords=words.stopwords
            )
    frame["words"] = evidence
    if names:
        frame["names"] = names
    return frame


def _per_unit_follows(words: FrameWords, after: str, timeout: float) -> bool:
    # A prefix test first: a pattern call reads the process clock twice for its timeout, and few figures have one.
    if words.per_unit is None or not after.startswith(words.per_unit_starts):
        return False
    return words.per_unit.match(after, timeout=timeout) is not None


def named_things(
    before: str, after: str, *, opens_sentence: bool, stopwords: frozenset[str] = frozenset()
) -> list[str]:
    """The names written in a figure's own part of its clause, casefolded: runs of capitalised
    words and acronyms ("Norges Bank", "VNM", "FA-50"). A figure about VCS and one about PVV
    state two facts, however alike their words. The word that opens a sentence is no name, nor
    is a stop word written with a capital ("I", "Mr", "Ông")."""
    names, run = [], []
    for part, skip_first in ((before, opens_sentence), (after, False)):
        tokens = _tokens(part)
        for position, token in enumerate(tokens):
            if token[:1].isupper() and not (skip_first and position == 0) and token.casefold() not in stopwords:
                run.append(token)
                continue
            if run:
                names.append(" ".join(run).casefold())
                run = []
        if run:
            names.append(" ".join(run).casefold())
            run = []
    return sorted(set(names))


def _tokens(text: str) -> list[str]:
    # One str.replace per mark the text holds: several times faster than str.translate with a table.
    for mark, spaced in _SPACED:
        if mark in text:
            text = text.replace(mark, spaced)
    return text.split()


def evidence_words(words: FrameWords, before: str, after: str) -> list[str]:
    """The content words nearest the figure in its clause, sorted: what another article's
    figure must share to state the same fact. Where a word is written as several syllables
    (Vietnamese "cảnh sát", "điều động"), a unit is a run of adjacent content syllables, so that
    one shared word is not counted as two."""
    reach = (WORDS_BEFORE + words.syllables_per_unit) * 3  # tokens enough for the units wanted, stop words between
    left = _units(_tokens(before)[-reach:], words)[-WORDS_BEFORE:]
    right = _units(_tokens(after)[:reach], words)[:WORDS_AFTER]
    return sorted(set(left + right))


def _units(tokens: list[str], words: FrameWords) -> list[str]:
    stopwords, size = words.stopwords, words.syllables_per_unit
    keep = [len(t) > 1 and t not in stopwords and not t[0].isdigit() and not t[-1].isdigit() for t in tokens]
    if size <= 1:
        return [token for token, content in zip(tokens, keep) if content]
    if size == 2:  # Vietnamese: pairs of syllables, without slicing a list for each
        return [f"{a} {b}" for a, b, x, y in zip(tokens, tokens[1:], keep, keep[1:]) if x and y]
    return [" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1) if all(keep[i : i + size])]
