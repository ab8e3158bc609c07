"""Which figures of different articles state the same fact: alignment on frame and evidence.

Two figures of one story are one fact only when their frames agree (what is measured, the span
of time, plan or result, background or the story's own) and their words tie them: the content
words of their clauses overlap ("cảnh sát ... điều động" on both sides). An unknown field never
ties two figures by itself. Inside a story each figure joins the fact it is best tied to, and a
fact holds at most one figure of each article, so the items of two lists meet item by item ("ban
đầu dự định bán 3.200 chiếc" with "ban đầu dự định bán 1.600 chiếc", not "sau tăng lên 4.000 chiếc").
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter, itemgetter

from .figures import SCALE_RATIOS, Figure, times_compatible

# What ties two figures as one fact: content words of their clauses shared, plus the same concept
# and the same noun. One is too often the story's own topic ("bão", "CPI"), which every figure carries.
MIN_SUPPORT = 2
# And the shared words must span this many distinct syllables or words: one shared two-syllable
# noun ("đơn vị", "cổ phiếu", "lợi nhuận") ties every figure of a market report to every other
# (on the judged VietnameseMDS flags, none of those tied by two syllables was worth a look).
MIN_SHARED_TOKENS = 3
# A word in more facts than this in one story ties too many to tell any apart.
MAX_FACTS_PER_WORD = 200
# Two outlets' figures for one fact differ by less than this factor, unless a scale word slipped
# (a thousand, a million): "3 người bị bắt" and "150 triệu" are two facts that share words.
MAX_FACTOR = 10.0
# An estimate is how counts are given in breaking news: it states the same fact as a count.
_ASPECT_AS: dict[str | None, str | None] = {"estimate": None}


def frame_label(figure: Figure) -> str:
    labels = [figure.aspect or "", figure.measure or "", *figure.periods, "background" if figure.background else ""]
    return ", ".join(label.replace("_", " ") for label in labels if label)


def _frame_signature(figure: Figure) -> tuple:
    """What two figures of one fact share exactly: kind and unit, aspect, measure, span, background."""
    return (
        figure.family,
        _ASPECT_AS.get(figure.aspect, figure.aspect),
        figure.measure,
        figure.periods,
        figure.background,
    )


def _holds_for_its_day(figure: Figure) -> bool:
    """A price per unit, a change ("tăng 3,7%") or a trading session's figure says what held on
    its day: two articles of different days give two days' figures, not one fact updated."""
    return figure.measure in ("unit_price", "change") or "session" in figure.periods


@dataclass(slots=True)
class _Known:
    """What the figures of one fact (or one figure) name: at most one of each may be known."""

    actors: set = field(default_factory=set)
    locations: set = field(default_factory=set)
    concepts: set = field(default_factory=set)  # topics that are concepts ("troops")
    nouns: set = field(default_factory=set)  # topics that are nouns as written ("~lính")
    times: list = field(default_factory=list)
    dates: set = field(default_factory=set)  # publication dates, for figures that hold for their day
    day_bound: bool = False
    names: set = field(default_factory=set)  # the names written around the figures

    @classmethod
    def of(cls, figure: Figure) -> _Known:
        # Built at once, literal sets and no loop: it runs for every figure the checker aligns.
        topic = figure.topic
        noun = bool(topic) and topic.startswith("~")
        return cls(
            {figure.actor} if figure.actor else set(),
            {figure.location} if figure.location else set(),
            {topic} if topic and not noun else set(),
            {topic} if noun else set(),
            [figure.time] if figure.time else [],
            {figure.published} if figure.published else set(),
            _holds_for_its_day(figure),
            set(figure.names),
        )

    def agrees(self, other: _Known) -> bool:
        """Whether nothing known of the two keeps them apart."""
        if len(self.actors | other.actors) > 1 or len(self.locations | other.locations) > 1:
            return False
        if len(self.concepts | other.concepts) > 1 or len(self.nouns | other.nouns) > 1:
            return False
        if (self.day_bound or other.day_bound) and len(self.dates | other.dates) > 1:
            return False  # "giá vàng" on the 22nd and on the 23rd: two days' prices, not one fact updated
        mine, theirs = _name_words(self.names), _name_words(other.names)
        if mine and theirs and not mine & theirs:
            return False  # "VCS thỏa thuận 4,1 triệu đơn vị" and "PVV khớp 25.700 đơn vị": two stocks
        return all(times_compatible(a, b) for a in self.times for b in other.times)

    def merge(self, other: _Known) -> None:
        self.actors |= other.actors
        self.locations |= other.locations
        self.concepts |= other.concepts
        self.nouns |= other.nouns
        self.times += other.times
        self.dates |= other.dates
        self.day_bound = self.day_bound or other.day_bound
        self.names |= other.names


# A name's words shorter than this say nothing of who it is ("g" of "John G. Roberts"); "F1" and
# "F2" (close contacts of a case) are two names. Titles ("Mr") are left out when names are read.
MIN_NAME_WORD = 2


def _name_words(names: set) -> set:
    """The words of names, so that "chief justice john g" and "justice john roberts" meet."""
    return {word for name in names for word in name.split() if len(word) >= MIN_NAME_WORD}


def frames_agree(a: Figure, b: Figure) -> bool:
    """Whether nothing known about the two figures keeps them apart."""
    return _frame_signature(a) == _frame_signature(b) and _Known.of(a).agrees(_Known.of(b))


def facts(figures: list[Figure]) -> list[list[Figure]]:
    """The facts that several articles of one story state: groups of figures, at most one of
    each article, that agree in frame and share words. In order of their first figure's id."""
    groups: dict[tuple, list[Figure]] = {}
    for figure in figures:
        if figure.words:
            groups.setdefault(_frame_signature(figure), []).append(figure)
    found: list[_Fact] = []
    for members in groups.values():
        if len(members) > 1 and len({f.article_id for f in members}) > 1:
            found.extend(fact for fact in _gather(sorted(members, key=lambda f: f.id)) if len(fact.figures) > 1)
    return sorted((fact.figures for fact in found), key=lambda figures: figures[0].id)


@dataclass(slots=True)
class _Fact:
    figures: list[Figure]
    words: set[str]  # the words of all its figures
    known: _Known
    articles: set[int]


def _gather(members: list[Figure]) -> list[_Fact]:
    """Each figure, in order, joins the fact it is best tied to, or opens one. One pass with a
    word index: a story's figures meet the facts that share their words, not every other figure."""
    facts: list[_Fact] = []
    by_word: defaultdict[str, list[int]] = defaultdict(list)
    for figure in members:
        # Counted in one call over all the holders' lists: a Counter built from one iterable counts in C.
        shared = Counter(
            chain.from_iterable(
                holders
                for word in figure.words
                if (holders := by_word.get(word)) is not None and len(holders) <= MAX_FACTS_PER_WORD
            )
        )
        known = _Known.of(figure)
        # Best supported first; among equals the closer value, then the older fact. Facts are looked
        # at by shared words, most first, and none that could not reach the best support found.
        best = level = None
        for index, count in sorted(shared.items(), key=_by_count, reverse=True):
            if count + MAX_NAMING < (MIN_SUPPORT if level is None else level):
                break
            fact = facts[index]
            if figure.article_id in fact.articles:
                continue
            first = fact.figures[0]
            support = count + _naming(figure, first)
            if support < (MIN_SUPPORT if level is None else level):
                continue
            if (
                _far_apart(figure, first)
                or _shared_tokens(figure, fact) < MIN_SHARED_TOKENS
                or not counted_alike(figure, first)
                or not known.agrees(fact.known)
            ):
                continue
            rank = (_distance(figure, first), index)
            if level is None or support > level:
                level, best = support, rank
            elif best is not None and rank < best:
                best = rank
        if best is None:
            fact = _Fact([figure], set(figure.words), known, {figure.article_id})
            for word in figure.words:
                by_word[word].append(len(facts))
            facts.append(fact)
            continue
        index = best[1]
        fact = facts[index]
        fact.figures.append(figure)
        fact.articles.add(figure.article_id)
        fact.known.merge(known)
        for word in figure.words:
            if word not in fact.words:
                by_word[word].append(index)
        fact.words |= figure.words
    return facts


_by_count = itemgetter(1)
_by_id = attrgetter("id")


def _shared_tokens(figure: Figure, fact: _Fact) -> int:
    """How many distinct syllables (or words) a figure shares with a fact in its evidence words
    and the noun it counts: "cảnh sát" and "sát điều" share three, not two; "37 người bị thương"
    and "39 người bị thương" share the noun's three."""
    same_noun = any(figure.subject == other.subject for other in fact.figures)
    return len(_evidence(figure.words & fact.words, figure.names, figure.subject if same_noun else None))


def _evidence(shared: Iterable[str], names: frozenset[str], subject: str | None) -> set[str]:
    """The tokens of shared evidence words and of the noun both count (None: not the same noun)."""
    tokens = _tokens(shared, names)
    if subject:
        tokens.update(subject.split())
    return tokens


def _tokens(words: Iterable[str], names: frozenset[str]) -> set[str]:
    """The distinct syllables (or words) of shared evidence words, a name counting once however
    many it is written in: "Long Qingquan, Trung Quốc" near two weights is who lifted, one thing
    each, not four words that tie a snatch to a total."""
    # A syllable in several names belongs to the longest: the same owner whatever the set's order.
    of_name = {token: name for name in sorted(names, key=lambda n: (len(n), n)) for token in name.split()}
    tokens: set[str] = set()
    for word in words:
        parts = word.split()
        owners = {of_name.get(part) for part in parts}
        if None in owners:
            tokens.update(parts)
        else:
            tokens.update(f"<{owner}>" for owner in owners)
    return tokens


def tied(a: Figure, b: Figure) -> bool:
    """Whether two figures of one fact are tied by their own words, not only through the fact's
    other figures: a fact gathers the words of all its figures, and "218 vụ xử lý hình sự" can join
    it through one figure and "300 DN vào kiểm tra" through another, sharing nothing themselves."""
    subject = a.subject if a.subject == b.subject else None
    return len(_evidence(a.words & b.words, a.names | b.names, subject)) >= MIN_SHARED_TOKENS and counted_alike(a, b)


def restated(a: Figure, b: Figure) -> bool:
    """Whether two figures of one article may be one fact stated twice: their frames agree (not a
    forecast against a toll, not a year's price against this year's) and their own words tie them
    ("Apple ... doanh thu quý I đạt 89,6 tỷ USD" and "Amazon thu về 108,5 tỷ USD doanh thu" share
    only "doanh thu")."""
    return _frame_signature(a) == _frame_signature(b) and tied(a, b)


def counted_alike(a: Figure, b: Figure) -> bool:
    """Whether two counts count the same thing, as far as their nouns tell. A count whose noun was
    read against one whose noun was not ("12 vũ công" and "Chung kết 5") is no evidence of one fact,
    nor are two nouns with nothing in common ("2 bên" and "12 chiếc máy bay"). The same concept
    ("lính Mỹ", "binh sĩ": troops) or nouns that share a word of two syllables or one contains the
    other ("cuộc tấn công", "vụ tấn công của Israel"; "troops", "US troops") count alike.
    Other kinds are measured by their unit, which the frame signature already compares."""
    if a.kind != "count":
        return True
    left, right = _counted(a), _counted(b)
    if left is None or right is None:
        return left is None and right is None
    if a.topic and a.topic == b.topic:
        return True
    return _nouns_meet(a.subject or "", b.subject or "")


def _counted(figure: Figure) -> str | None:
    """What a count counts: its noun as written, else its concept."""
    if figure.subject:
        return figure.subject
    topic = figure.topic
    return topic if topic and not topic.startswith("~") else None


def _nouns_meet(left: str, right: str) -> bool:
    if not left or not right:
        return False
    mine, theirs = left.split(), right.split()
    if _contains(mine, theirs) or _contains(theirs, mine):
        return True
    return bool(_pairs(mine) & _pairs(theirs))


def _contains(words: list[str], part: list[str]) -> bool:
    size = len(part)
    return any(words[i : i + size] == part for i in range(len(words) - size + 1))


def _pairs(words: list[str]) -> set[tuple[str, str]]:
    return set(zip(words, words[1:]))


# The most `_naming` adds: the same concept and the same noun.
MAX_NAMING = 2


def _naming(a: Figure, b: Figure) -> int:
    """What the nouns counted add to the words shared: the same concept, the same noun as written
    when it says more than one syllable ("người bị thương", not "điểm")."""
    support = 1 if a.topic and a.topic == b.topic else 0
    if a.subject and a.subject == b.subject and " " in a.subject:
        support += 1
    return support


def shared_evidence(a: Figure, b: Figure) -> str:
    """The words two figures of one fact share and the frame they share, in one line."""
    parts = [", ".join(sorted(a.words & b.words)[:6])]
    frame = frame_label(a)
    if frame:
        parts.append(frame)
    return "; ".join(p for p in parts if p)


def _far_apart(a: Figure, b: Figure) -> bool:
    left, right = abs(_stated(a)), abs(_stated(b))
    if not (math.isfinite(left) and math.isfinite(right)) or min(left, right) == 0:
        return False
    factor = max(left, right) / min(left, right)
    return factor > MAX_FACTOR and not any(math.isclose(factor, scale, rel_tol=0.01) for scale in SCALE_RATIOS)


def _stated(f: Figure) -> float:
    if f.value is not None:
        return f.value
    return f.low if math.isfinite(f.low) else f.high


def _distance(a: Figure, b: Figure) -> float:
    left, right = _stated(a), _stated(b)
    if not (math.isfinite(left) and math.isfinite(right)):
        return math.inf
    return abs(left - right) / max(abs(left), abs(right), 1e-9)


class SentenceNeighbours:
    """The other figures of each figure's sentence: what tells one report of a set of figures from
    another. "Toàn sàn có 74 mã tăng, 62 mã giảm" and "có 48 mã tăng, 93 mã giảm" differ in every
    figure, as do "khối lượng 3,14 triệu đơn vị, trị giá 74,99 tỷ đồng" and "14,5 triệu đơn vị, trị
    giá 117,5 tỷ đồng": two sessions or two exchanges, not one fact misreported. "82 mã tăng, 132 mã
    giảm và 65 mã đứng giá" against "82 mã tăng, 132 mã giảm và 90 mã đứng giá" agree but for one:
    that one is worth a look. Neighbours of kinds and units the other sentence lacks say nothing."""

    def __init__(self, figures: list[Figure]):
        self._by_sentence: dict[tuple, list[Figure]] = {}
        for figure in figures:
            if figure.sentence_start is not None:
                self._by_sentence.setdefault((figure.article_id, figure.sentence_start), []).append(figure)

    def of(self, figure: Figure) -> list[Figure]:
        if figure.sentence_start is None:
            return []
        return [
            other
            for other in self._by_sentence.get((figure.article_id, figure.sentence_start), ())
            if other.id != figure.id
        ]

    def twins(self, a: Figure, b: Figure) -> bool:
        """Whether two figures stand at the same place in sentences whose other figures all agree:
        "Malaysia có 9 điểm sau 5 trận, kém ... 2 điểm" against "có 3 điểm sau 5 trận, kém ... 2
        điểm", "$700m (£374m)" against "$700m (£230m)". One sentence told twice with one figure
        changed, however few words stand in the figure's own clause."""
        if a.family != b.family or _frame_signature(a) != _frame_signature(b) or not counted_alike(a, b):
            return False
        if not _Known.of(a).agrees(_Known.of(b)):
            return False  # "mã STB tăng 1,2% lên 17.500 đồng" and "mã BVH giảm 1,2% xuống 39.500 đồng"
        left, right = self._place(a), self._place(b)
        if left is None or left != right:
            return False
        # One other figure agreeing may be chance ("1-1" and "2 – 1"): the sentences' words must meet too.
        return len(left[1]) > 1 or len(_tokens(self._words(a) & self._words(b), a.names | b.names)) >= MIN_SHARED_TOKENS

    def _together(self, figure: Figure) -> list[Figure]:
        return self._by_sentence.get((figure.article_id, figure.sentence_start), [])

    def _words(self, figure: Figure) -> frozenset[str]:
        return frozenset().union(*(f.words for f in self._together(figure)))

    def _place(self, figure: Figure) -> tuple | None:
        """Where a figure stands in its sentence, with the other figures there, or None alone."""
        together = self._together(figure) if figure.sentence_start is not None else []
        found = _places(together).get(figure.id) if len(together) > 1 else None
        return found[1] if found is not None else None

    def twin_facts(self, taken: set[int]) -> list[list[Figure]]:
        """Facts of twin figures (`twins`) of different articles that no fact holds yet."""
        by_place: dict[tuple, list[Figure]] = {}
        for together in self._by_sentence.values():
            if len(together) < 2:
                continue
            for figure, place in _places(together).values():
                if figure.id not in taken:
                    by_place.setdefault((figure.family, _frame_signature(figure), place), []).append(figure)
        found = []
        for members in by_place.values():
            one_each: dict[int, Figure] = {}
            for figure in sorted(members, key=_by_id):
                one_each.setdefault(figure.article_id, figure)
            if len(one_each) > 1:
                found.append(list(one_each.values()))
        return found

    def compare(self, a: Figure, b: Figure) -> tuple[bool, list[Figure]]:
        """(whether the two sentences give other figures of a kind and unit in common and none of
        them agree, those of a's that agree)."""
        left, right = self.of(a), self.of(b)
        if not {f.family for f in left} & {f.family for f in right}:
            return False, []
        agreeing = [x for x in left if any(x.family == y.family and _same_number(x, y) for y in right)]
        return not agreeing, agreeing


def _places(together: list[Figure]) -> dict[int, tuple[Figure, tuple]]:
    """Each figure of one sentence, by id, with its place: where it stands among them and what
    the others are (kind, unit and interval), in order."""
    ordered = sorted(together, key=_by_id)
    shapes = [(f.family, f.low, f.high) for f in ordered]
    return {f.id: (f, (i, tuple(shapes[:i] + shapes[i + 1 :]))) for i, f in enumerate(ordered)}


def _same_number(a: Figure, b: Figure) -> bool:
    # isclose(inf, inf) holds: "hơn 150" is the same number as "hơn 150".
    return math.isclose(a.low, b.low, rel_tol=1e-9) and math.isclose(a.high, b.high, rel_tol=1e-9)
