"""Group articles into stories: the distinctive terms of title and lead, compared through a term index.

An article joins the story whose articles share the most weight of its terms, each term
weighted by how rare it is in the archive (plus a background count of ordinary news from the
language pack, so that a young archive does not take "cho biết" for a clue). Only the
SIGNATURE_TERMS heaviest terms of an article are indexed, and terms too common to tell stories
apart are not looked up, so finding the story of one more article reads a few short postings
lists, never the archive.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

import regex
from sqlalchemy import bindparam, func, insert, or_, select
from sqlalchemy.engine import Connection

from claims.lang import LanguagePack
from claims.text.normalize import fold_for_matching
from claims.text.word_search import WordSearch

from .models import Article, Story, StoryPin, StoryTerm, StoryTermCount, table_of, utcnow
from .rows import insert_rows, upsert_rows

# How much of the article besides its title speaks for its story; the title counts twice.
LEAD_CHARS = 1000
TITLE_REPEAT = 2
# The heaviest terms of an article that are indexed and compared.
SIGNATURE_TERMS = 40
# Articles published further apart than this are never grouped automatically.
WINDOW_DAYS = 21
# An article joins a story when its closest article there is this similar (cosine of the
# weighted terms) and the story as a whole, on average over its articles, too.
MIN_LINK = 0.15
MIN_STORY_LINK = 0.15
# Terms in more articles than this share of the archive (and than COMMON_FLOOR) are not looked up:
# they add little to a score and their postings would be long.
COMMON_SHARE = 0.01
COMMON_FLOOR = 20
# The row of story_term_counts that counts the indexed articles themselves.
TOTAL = ""
TERM_LENGTH = 64
_LOOKUP_CHUNK = 400

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
    """

    counts: dict[str, int]
    background: dict[str, int] = field(default_factory=dict)
    background_articles: int = 0
    chosen: dict[str, float] | None = None
    idf: dict[str, float] = field(default_factory=dict)
    norm: float = 1.0
    archive: int = 0
    seen: dict[str, int] = field(default_factory=dict)

    def __iter__(self):
        return iter(sorted(self.counts))

    def __len__(self) -> int:
        return len(self.counts)

    def __contains__(self, term: object) -> bool:
        return term in self.counts


def _rules(pack: LanguagePack) -> tuple[set[str], dict[str, str], WordSearch, dict[str, int], int]:
    rules = pack.compiled.get("store.stories.rules")
    if rules is None:
        stop = {w.casefold() for w in pack.value("stories.stopwords")}
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
        rules = (
            stop,
            aliases,
            WordSearch(aliases),
            {_JOINER.join(t.split()): n for t, n in pack.value("stories.background.terms").items()},
            int(pack.value("stories.background.articles")),
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


def signature(title: str | None, text: str, pack: LanguagePack) -> Signature:
    """Words, pairs of words and places of the title and lead, with their counts.

    Vietnamese writes a word syllable by syllable, so a pair of neighbouring syllables
    ("biểu_tình", "tàu_cứu", "12_tàu") is closer to a word than either syllable; pairs of two
    stopwords and bare numbers say nothing about a story and are left out. A place counts under
    its canonical name however it is written.
    """
    stop, aliases, search, background, background_articles = _rules(pack)
    counts: dict[str, int] = {}
    for part, repeat in ((title or "", TITLE_REPEAT), (text[:LEAD_CHARS], 1)):
        words = _tokens(fold_for_matching(part), aliases, search)
        terms = [w for w in words if w not in stop and not w[0].isdigit() and len(w) > 1]
        terms += [f"{a}{_JOINER}{b}" for a, b in zip(words, words[1:]) if not (a in stop and b in stop)]
        for term in terms:
            term = term[:TERM_LENGTH]
            counts[term] = counts.get(term, 0) + repeat
    return Signature(counts, background, background_articles)


# Statements built once, their term lists bound at run time ("expanding"): written as
# `.in_(list)`, every term of every lookup became an expression object of its own, which cost
# more than the database's work.
_COUNTS_OF = select(_counts.c.term, _counts.c.articles).where(_counts.c.term.in_(bindparam("terms", expanding=True)))
_POSTINGS_OF = select(_terms.c.term, _terms.c.article_id, _terms.c.story_id, _terms.c.weight, _terms.c.norm).where(
    _terms.c.term.in_(bindparam("terms", expanding=True))
)
_POSTINGS_NEAR = _POSTINGS_OF.where(
    or_(_terms.c.published.is_(None), _terms.c.published.between(bindparam("first_day"), bindparam("last_day")))
)


def _read_counts(conn: Connection, terms: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(terms), _LOOKUP_CHUNK):
        found.update(conn.execute(_COUNTS_OF, {"terms": terms[start : start + _LOOKUP_CHUNK]}).all())
    return found


def weigh(conn: Connection, sig: Signature) -> dict[str, float]:
    """Weigh the terms against the archive as it is now and keep the heaviest (once per signature):
    those terms, with their frequency weights (`sig.chosen`)."""
    if sig.chosen is not None:
        return sig.chosen
    seen = _read_counts(conn, [TOTAL, *sorted(sig.counts)])
    sig.archive = seen.pop(TOTAL, 0)
    sig.seen = seen
    articles = sig.archive + sig.background_articles + 1
    sig.idf = {t: math.log(articles / (seen.get(t, 0) + sig.background.get(t, 0) + 1)) for t in sig.counts}
    weight = {t: (1 + math.log(c)) * sig.idf[t] for t, c in sig.counts.items()}
    heaviest = sorted(weight, key=lambda t: (-weight[t], t))[:SIGNATURE_TERMS]
    sig.chosen = chosen = {t: 1 + math.log(sig.counts[t]) for t in heaviest}
    sig.norm = math.sqrt(sum(weight[t] ** 2 for t in heaviest)) or 1.0
    return chosen


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _window(published: str | None) -> dict[str, str] | None:
    """The days a dated article's story may span; undated articles may join any story, dated ones
    only stories of nearby days."""
    day = _parse_date(published)
    if day is None:
        return None
    window = timedelta(days=WINDOW_DAYS)
    return {"first_day": (day - window).isoformat(), "last_day": (day + window).isoformat()}


def article_links(conn: Connection, sig: Signature, published: str | None) -> dict[int, tuple[int | None, float]]:
    """article id -> (its story, cosine similarity) for every stored article sharing a looked-up term."""
    chosen = weigh(conn, sig)
    common = max(COMMON_FLOOR, COMMON_SHARE * sig.archive)
    lookup = sorted(t for t in chosen if sig.seen.get(t, 0) <= common)
    if not lookup:
        return {}
    query_weight = {t: chosen[t] * sig.idf[t] ** 2 for t in lookup}
    window = _window(published)
    totals: dict[int, float] = {}
    stories: dict[int, int | None] = {}
    for start in range(0, len(lookup), _LOOKUP_CHUNK):
        terms = lookup[start : start + _LOOKUP_CHUNK]
        rows = (
            conn.execute(_POSTINGS_OF, {"terms": terms})
            if window is None
            else conn.execute(_POSTINGS_NEAR, {"terms": terms, **window})
        )
        for term, article_id, story_id, weight, norm in rows:
            totals[article_id] = totals.get(article_id, 0.0) + query_weight[term] * weight / (norm or 1.0)
            stories[article_id] = story_id
    return {a: (stories[a], total / sig.norm) for a, total in totals.items()}


def story_links(conn: Connection, sig: Signature, published: str | None) -> list[tuple[int, float, float]]:
    """(story, closest article's similarity, average similarity over the story's articles), best first."""
    closest: dict[int, float] = {}
    summed: dict[int, float] = {}
    for story_id, similarity in article_links(conn, sig, published).values():
        if story_id is None:
            continue
        closest[story_id] = max(closest.get(story_id, 0.0), similarity)
        summed[story_id] = summed.get(story_id, 0.0) + similarity
    near = [s for s, best in closest.items() if best >= MIN_LINK]
    if not near:
        return []
    sizes: dict[int, int] = dict(
        conn.execute(
            select(_articles.c.story_id, func.count())
            .where(_articles.c.story_id.in_(near))
            .group_by(_articles.c.story_id)
        ).all()
    )
    links = [(s, closest[s], summed[s] / max(sizes.get(s, 1), 1)) for s in near]
    return sorted(links, key=lambda link: (-(link[1] + link[2]), link[0]))


def find_story(conn: Connection, sig: Signature, published: str | None) -> int | None:
    """The story an article belongs in, if one is close enough: its closest article there and the
    story on average must both be similar. Averaging keeps one shared detail from pulling an
    article into a story about something else; the closest article lets a follow-up join."""
    for story_id, best, average in story_links(conn, sig, published):
        if best >= MIN_LINK and average >= MIN_STORY_LINK:
            return story_id
    return None


def _upsert_counts(conn: Connection, terms: list[str]) -> None:
    rows = [{"term": t, "articles": 1} for t in [TOTAL, *terms]]
    upsert_rows(conn, _counts, rows, key="term", add="articles")


def index_terms(conn: Connection, article_id: int, story_id: int, sig: Signature, published: str | None) -> None:
    """Put the article's heaviest terms in the term index, under its story."""
    chosen = weigh(conn, sig)
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
    _upsert_counts(conn, sorted(chosen))


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
