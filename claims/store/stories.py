"""Group articles into stories: the distinctive terms of title and lead, compared through a term index.

An article joins the story whose articles share the most weight of its terms, each term
weighted by how rare it is in the archive (plus a background count of ordinary news from the
language pack, so that a young archive does not take "cho biết" for a clue). Only the
SIGNATURE_TERMS heaviest terms of an article are indexed, and terms too common to tell stories
apart are not looked up, so finding the story of one more article reads a few short postings
lists, never the archive; how many postings one article may read is capped besides.

How many articles hold each term is counted over all of an article's terms. A run of writes (an
ingest, a regrouping) reads each term's count once into a `TermCounts`, counts its own articles
there, and writes what a batch added in one statement before the batch commits.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import regex
from sqlalchemy import bindparam, insert, or_, select
from sqlalchemy.engine import Connection

from claims.lang import LanguagePack
from claims.text.normalize import fold_for_matching
from claims.text.word_search import WordSearch

from .models import Article, Story, StoryPin, StoryTerm, StoryTermCount, table_of, utcnow
from .rows import insert_rows, upsert_rows

# How much of the article besides its title speaks for its story; the title counts twice.
LEAD_CHARS = 2000
TITLE_REPEAT = 2
# The heaviest terms of an article that are indexed and compared.
SIGNATURE_TERMS = 80
# Articles published further apart than WINDOW_DAYS are grouped only when they are FAR_LINK alike
# (a follow-up a week later), and further apart than FAR_WINDOW_DAYS never automatically.
WINDOW_DAYS = 3
FAR_WINDOW_DAYS = 21
FAR_LINK = 0.3
# An article joins a story when its closest article there is this similar (cosine of the
# weighted terms) and the story as a whole, on average over its articles, too.
MIN_LINK = 0.15
MIN_STORY_LINK = 0.15
# Terms in more articles than this share of the archive (and than COMMON_FLOOR) are not looked up:
# they add little to a score and their postings would be long.
COMMON_SHARE = 0.01
COMMON_FLOOR = 20
# At most this many postings are read for one article (counted on the archive-wide counts, an upper
# bound of what the date window leaves): the rarest terms are looked up first, so a large archive
# costs each article about as much as a small one.
MAX_POSTINGS = 4000
# The row of story_term_counts that counts the indexed articles themselves.
TOTAL = ""
TERM_LENGTH = 64
_LOOKUP_CHUNK = 400
_COUNTS_CHUNK = 2000
# How many terms' counts a run of writes keeps in memory from one batch to the next (about 30 MB).
KNOWN_TERMS = 200_000

# Words and numbers; "23/10", "2.500" and "12,5" stay one token, and so does a place put as "lao_cai".
_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}_]*(?:[.,/][\p{N}]+)*")
_JOINER = "_"

_articles = table_of(Article)
_stories = table_of(Story)
_terms = table_of(StoryTerm)
_counts = table_of(StoryTermCount)
_pins = table_of(StoryPin)


@dataclass(eq=False)
class Signature:
    """The terms of an article's title and lead with how often each occurs (title counted twice).

    Weighed against the archive once (`weigh`): `chosen` then holds the heaviest terms with
    their frequency weight, `idf` the rarity of every term, `norm` the length of the chosen vector.
    `days` are the days its title names ("Sáng 22/10": "22/10"), as the pack's day pattern reads them.
    """

    counts: dict[str, int]
    background: dict[str, int] = field(default_factory=dict)
    background_articles: int = 0
    chosen: dict[str, float] | None = None
    idf: dict[str, float] = field(default_factory=dict)
    norm: float = 1.0
    archive: int = 0
    seen: dict[str, int] = field(default_factory=dict)
    days: frozenset[str] = frozenset()
    day_pattern: regex.Pattern | None = None

    def __iter__(self):
        return iter(sorted(self.counts))

    def __len__(self) -> int:
        return len(self.counts)

    def __contains__(self, term: object) -> bool:
        return term in self.counts


@dataclass(frozen=True)
class _Rules:
    stop: frozenset[str]
    aliases: dict[str, str]
    search: WordSearch
    background: dict[str, int]
    background_articles: int
    day_pattern: regex.Pattern | None


def _rules(pack: LanguagePack) -> _Rules:
    rules = pack.compiled.get("store.stories.rules")
    if rules is None:
        stop = frozenset(w.casefold() for w in pack.value("stories.stopwords"))
        # Every way of writing a place is one term ("TP.HCM", "TP Hồ Chí Minh", "Sài Gòn"), and so
        # is every alias in [stories.aliases].
        aliases: dict[str, str] = {}
        for canonical, written in pack.value("places.names").items():
            for alias in [canonical, *written]:
                aliases.setdefault(fold_for_matching(" ".join(alias.split())), canonical)
        for canonical, written in pack.value("stories.aliases").items():
            for alias in [canonical, *written]:
                aliases[fold_for_matching(" ".join(alias.split()))] = canonical
        aliases = {alias: _JOINER.join(canonical.casefold().split()) for alias, canonical in aliases.items() if alias}
        day_pattern = pack.value("stories.day_pattern")
        rules = _Rules(
            stop,
            aliases,
            WordSearch(aliases),
            {_JOINER.join(t.split()): n for t, n in pack.value("stories.background.terms").items()},
            int(pack.value("stories.background.articles")),
            regex.compile(day_pattern) if day_pattern else None,
        )
        pack.compiled["store.stories.rules"] = rules
    return rules


def _is_word_char(char: str) -> bool:
    return bool(char) and (char.isalnum() or char in "_")


def _tokens(text: str, aliases: dict[str, str], search: WordSearch) -> list[str]:
    """Case-folded words of `text`, a place written any of its ways standing as one token."""
    pieces, at = [], 0
    for index, start, end in sorted(search.occurrences(text), key=lambda o: (o[1], -o[2])):
        if start < at or _is_word_char(text[start - 1 : start]) or _is_word_char(text[end : end + 1]):
            continue
        pieces.append(text[at:start])
        pieces.append(f" {aliases[search.words[index]]} ")
        at = end
    pieces.append(text[at:])
    return [t.casefold() for t in _TOKEN.findall("".join(pieces), timeout=1)]


def days_named(title: str | None, pattern: regex.Pattern | None) -> frozenset[str]:
    """The days a title names, as "day/month" without leading zeros ("Sáng 02/10" -> "2/10")."""
    if not title or pattern is None:
        return frozenset()
    return frozenset(
        f"{int(found.group('day'))}/{int(found.group('month'))}" for found in pattern.finditer(title, timeout=1)
    )


def signature(title: str | None, text: str, pack: LanguagePack) -> Signature:
    """Words, pairs of words and places of the title and lead, with their counts.

    Vietnamese writes a word syllable by syllable, so a pair of neighbouring syllables
    ("biểu_tình", "tàu_cứu", "12_tàu") is closer to a word than either syllable; a pair with a
    stopword in it ("gia_và") and bare numbers say nothing about a story and are left out. A
    place counts under its canonical name however it is written.
    """
    rules = _rules(pack)
    stop = rules.stop
    counts: dict[str, int] = {}
    for part, repeat in ((title or "", TITLE_REPEAT), (text[:LEAD_CHARS], 1)):
        words = _tokens(fold_for_matching(part), rules.aliases, rules.search)
        terms = [w for w in words if w not in stop and not w[0].isdigit() and len(w) > 1]
        terms += [f"{a}{_JOINER}{b}" for a, b in zip(words, words[1:]) if a not in stop and b not in stop]
        for term in terms:
            term = term[:TERM_LENGTH]
            counts[term] = counts.get(term, 0) + repeat
    days = days_named(title, rules.day_pattern)
    return Signature(counts, rules.background, rules.background_articles, days=days, day_pattern=rules.day_pattern)


# Statements built once, their term lists bound at run time ("expanding"): written as
# `.in_(list)`, every term of every lookup became an expression object of its own, which cost
# more than the database's work.
_COUNTS_OF = select(_counts.c.term, _counts.c.articles).where(_counts.c.term.in_(bindparam("terms", expanding=True)))
_POSTINGS_OF = select(
    _terms.c.term, _terms.c.article_id, _terms.c.story_id, _terms.c.weight, _terms.c.norm, _terms.c.published
).where(_terms.c.term.in_(bindparam("terms", expanding=True)))
_POSTINGS_NEAR = _POSTINGS_OF.where(
    or_(_terms.c.published.is_(None), _terms.c.published.between(bindparam("first_day"), bindparam("last_day")))
)
_TITLES_OF = select(_articles.c.story_id, _articles.c.title).where(
    _articles.c.story_id.in_(bindparam("stories", expanding=True))
)


class TermCounts:
    """In how many indexed articles each term occurs, kept in memory for a run of writes.

    Counts are read from story_term_counts once per term; the run's own articles are added here
    (the next article of the run weighs its terms with them) and written by `flush`, one
    statement, before the run commits. `mark` and `undo` take back the articles counted since the
    mark, for a write rolled back to its savepoint.
    """

    def __init__(self) -> None:
        # As the database holds them (what this run flushed included), and what it added since.
        self.stored: dict[str, int] = {}
        self.added: Counter[str] = Counter()
        self._since_mark: list[list[str]] = []

    def read(self, conn: Connection, terms: Iterable[str]) -> None:
        """Read the stored counts of the terms not read yet."""
        stored = self.stored
        missing = sorted({t for t in terms if t not in stored})
        for start in range(0, len(missing), _COUNTS_CHUNK):
            chunk = missing[start : start + _COUNTS_CHUNK]
            found = dict(conn.execute(_COUNTS_OF, {"terms": chunk}).all())
            for term in chunk:
                stored[term] = found.get(term, 0)

    def of(self, conn: Connection, terms: list[str]) -> dict[str, int]:
        stored, added = self.stored, self.added
        missing = [t for t in terms if t not in stored]
        if missing:
            self.read(conn, missing)
        return {t: stored[t] + added[t] for t in terms}

    def add(self, terms: list[str]) -> None:
        """Count one more article holding `terms` (TOTAL counts the article itself)."""
        terms = [TOTAL, *terms]
        self.added.update(terms)
        self._since_mark.append(terms)

    def mark(self) -> None:
        self._since_mark = []

    def undo(self) -> None:
        """Take back the articles counted since the last mark."""
        for terms in self._since_mark:
            self.added.subtract(terms)
        self._since_mark = []

    def flush(self, conn: Connection) -> None:
        """Write what the run added (beyond KNOWN_TERMS terms read, what was read is dropped)."""
        rows = [{"term": t, "articles": n} for t, n in sorted(self.added.items()) if n]
        upsert_rows(conn, _counts, rows, key="term", add="articles")
        stored = self.stored
        if len(stored) > KNOWN_TERMS:
            stored.clear()
        else:
            for term, n in self.added.items():
                if term in stored:
                    stored[term] += n
        self.added = Counter()
        self._since_mark = []

    def forget(self) -> None:
        """Drop everything: the transaction that read and added it was rolled back."""
        self.stored, self.added, self._since_mark = {}, Counter(), []


def weigh(conn: Connection, sig: Signature, counts: TermCounts | None = None) -> dict[str, float]:
    """Weigh the terms against the archive as it is now and keep the heaviest (once per signature):
    those terms, with their frequency weights (`sig.chosen`)."""
    if sig.chosen is not None:
        return sig.chosen
    seen = (counts or TermCounts()).of(conn, [TOTAL, *sig.counts])
    sig.archive = seen.pop(TOTAL, 0)
    sig.seen = seen
    articles = sig.archive + sig.background_articles + 1
    background, log = sig.background, math.log
    sig.idf = idf = {t: log(articles / (seen[t] + background.get(t, 0) + 1)) for t in sig.counts}
    weight = {t: (1 + log(c)) * idf[t] for t, c in sig.counts.items()}
    # Heaviest first, ties by term: a stable sort by weight of the terms in order.
    heaviest = sorted(sorted(weight), key=weight.__getitem__, reverse=True)[:SIGNATURE_TERMS]
    sig.chosen = chosen = {t: 1 + math.log(sig.counts[t]) for t in heaviest}
    # 0 when no term weighs anything (the first article of an archive without background counts):
    # such an article is like no other, and indexed with norm 0 no later article is like it.
    sig.norm = math.sqrt(sum(weight[t] ** 2 for t in heaviest))
    return chosen


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _window(published: str | None, days: int) -> dict[str, str] | None:
    """The days around a dated article's; None for an undated one (it may join any story)."""
    day = _parse_date(published)
    if day is None:
        return None
    window = timedelta(days=days)
    return {"first_day": (day - window).isoformat(), "last_day": (day + window).isoformat()}


def _lookup_terms(sig: Signature, chosen: dict[str, float]) -> list[str]:
    """The chosen terms worth looking up: not too common, the rarest first within MAX_POSTINGS."""
    common = max(COMMON_FLOOR, COMMON_SHARE * sig.archive)
    budget = MAX_POSTINGS
    lookup = []
    for term in sorted((t for t in chosen if sig.seen.get(t, 0) <= common), key=lambda t: (sig.seen.get(t, 0), t)):
        budget -= sig.seen.get(term, 0)
        if budget < 0:
            break
        lookup.append(term)
    return sorted(lookup)


def article_links(
    conn: Connection, sig: Signature, published: str | None, counts: TermCounts | None = None
) -> dict[int, tuple[int | None, float, bool]]:
    """article id -> (its story, cosine similarity, whether it is near in time) for every stored
    article within FAR_WINDOW_DAYS sharing a looked-up term; near is within WINDOW_DAYS, or undated."""
    chosen = weigh(conn, sig, counts)
    lookup = _lookup_terms(sig, chosen)
    if not lookup or not sig.norm:
        return {}
    query_weight = {t: chosen[t] * sig.idf[t] ** 2 for t in lookup}
    window = _window(published, FAR_WINDOW_DAYS)
    near = _window(published, WINDOW_DAYS)
    totals: dict[int, float] = {}
    found: dict[int, tuple[int | None, bool]] = {}
    for start in range(0, len(lookup), _LOOKUP_CHUNK):
        terms = lookup[start : start + _LOOKUP_CHUNK]
        rows = (
            conn.execute(_POSTINGS_OF, {"terms": terms})
            if window is None
            else conn.execute(_POSTINGS_NEAR, {"terms": terms, **window})
        )
        for term, article_id, story_id, weight, norm, day in rows:
            if not norm:
                continue
            totals[article_id] = totals.get(article_id, 0.0) + query_weight[term] * weight / norm
            found[article_id] = story_id, near is None or day is None or near["first_day"] <= day <= near["last_day"]
    return {a: (found[a][0], total / sig.norm, found[a][1]) for a, total in totals.items()}


def story_links(
    conn: Connection, sig: Signature, published: str | None, counts: TermCounts | None = None
) -> list[tuple[int, float, float]]:
    """(story, closest article's similarity, average similarity over the story's articles), best first.

    Articles within WINDOW_DAYS count when the closest is MIN_LINK alike; a story further away (up
    to FAR_WINDOW_DAYS) only when its closest article is FAR_LINK alike: a follow-up a week later.
    A story whose titles name days, none of them a day the article's title names, is left out:
    "Sáng 22/10" and "23/10" are two days' market reports however alike their words."""
    closest: dict[int, float] = {}
    summed: dict[int, float] = {}
    closest_near: dict[int, float] = {}
    summed_near: dict[int, float] = {}
    for story_id, similarity, is_near in article_links(conn, sig, published, counts).values():
        if story_id is None:
            continue
        closest[story_id] = max(closest.get(story_id, 0.0), similarity)
        summed[story_id] = summed.get(story_id, 0.0) + similarity
        if is_near:
            closest_near[story_id] = max(closest_near.get(story_id, 0.0), similarity)
            summed_near[story_id] = summed_near.get(story_id, 0.0) + similarity
    near = sorted(
        s for s, best in closest.items() if closest_near.get(s, 0.0) >= MIN_LINK or (best >= FAR_LINK >= MIN_LINK)
    )
    if not near:
        return []
    sizes: dict[int, int] = {}
    days: dict[int, set[str]] = {}
    for start in range(0, len(near), _LOOKUP_CHUNK):
        for story_id, title in conn.execute(_TITLES_OF, {"stories": near[start : start + _LOOKUP_CHUNK]}):
            sizes[story_id] = sizes.get(story_id, 0) + 1
            if sig.days:
                days.setdefault(story_id, set()).update(days_named(title, sig.day_pattern))
    if sig.days:
        near = [s for s in near if not days.get(s) or days[s] & sig.days]
    links = []
    for s in near:
        size = max(sizes.get(s, 1), 1)
        if closest_near.get(s, 0.0) >= MIN_LINK:
            links.append((s, closest_near[s], summed_near[s] / size))
        else:
            links.append((s, closest[s], summed[s] / size))
    return sorted(links, key=lambda link: (-(link[1] + link[2]), link[0]))


def find_story(conn: Connection, sig: Signature, published: str | None, counts: TermCounts | None = None) -> int | None:
    """The story an article belongs in, if one is close enough: its closest article there and the
    story on average must both be similar. Averaging keeps one shared detail from pulling an
    article into a story about something else; the closest article lets a follow-up join."""
    for story_id, best, average in story_links(conn, sig, published, counts):
        if best >= MIN_LINK and average >= MIN_STORY_LINK:
            return story_id
    return None


def index_terms(
    conn: Connection,
    article_id: int,
    story_id: int,
    sig: Signature,
    published: str | None,
    counts: TermCounts | None = None,
) -> None:
    """Put the article's heaviest terms in the term index, under its story, and count all its terms.

    With `counts`, the counts are added there (the run writes them); without, they are written now."""
    own = counts is None
    counts = counts or TermCounts()
    chosen = weigh(conn, sig, counts)
    rows = [
        {
            "term": t,
            "article_id": article_id,
            "story_id": story_id,
            "published": published,
            "weight": w,
            "norm": sig.norm,
        }
        for t, w in sorted(chosen.items())
    ]
    insert_rows(conn, _terms, rows)
    counts.add(sorted(sig.counts))
    if own:
        counts.flush(conn)


def story_named(conn: Connection, name: str) -> int:
    """The id of the story a person named, created on first use."""
    found = conn.execute(select(_stories.c.id).where(_stories.c.name == name)).scalar()
    if found is not None:
        return found
    return _insert_story(conn, name, manual=True)


def pinned_story(conn: Connection, content_hash: str) -> int | None:
    """The story an editor put this text in, if one did (kept by content hash, like reviews)."""
    name = conn.execute(select(_pins.c.story_name).where(_pins.c.content_hash == content_hash)).scalar()
    return story_named(conn, name) if name is not None else None


def new_story(conn: Connection, title: str | None, article_hash: str) -> int:
    # A story is named after its first article; the hash keeps names unique.
    name = f"{(title or 'untitled')[:80]} [{article_hash[:8]}]"
    return _insert_story(conn, name, manual=False)


def _insert_story(conn: Connection, name: str, *, manual: bool) -> int:
    """A new story row and its id."""
    inserted = conn.execute(insert(_stories).values(name=name, manual=manual, created_at=utcnow())).inserted_primary_key
    if inserted is None:
        raise RuntimeError(f"the database gave no id for the new story {name!r}")
    return inserted[0]
