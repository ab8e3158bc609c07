"""Group articles into stories: shared names and distinctive words, close publication dates."""

from __future__ import annotations

from datetime import date, timedelta

import regex
from sqlalchemy import func, insert, or_, select
from sqlalchemy.engine import Connection

from claims.lang import LanguagePack
from claims.text.normalize import fold_for_matching

from .models import Article, Story, StoryTerm

# How much of the article besides its title speaks for its story.
LEAD_CHARS = 400
# Articles published further apart than this are never grouped automatically.
WINDOW_DAYS = 21
# How many of the most similar articles are scored; an undated article looks at the latest ones.
CANDIDATES = 50
UNDATED_CANDIDATES = 300
# Share of the smaller signature that must recur, and the fewest shared terms, to join a story.
MIN_OVERLAP = 0.4
MIN_SHARED = 3

_TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}'-]*")
# The words of a name are joined with this into one term (terms are stored space-separated).
_NAME_JOINER = "_"

_articles = Article.__table__
_stories = Story.__table__
_terms = StoryTerm.__table__
TERM_LENGTH = 64


def signature(title: str | None, text: str, pack: LanguagePack) -> set[str]:
    """Names and distinctive words of the title and lead, case-folded.

    A name is a run of capitalised words, kept whole ("hà_nội", "joe_biden"): Vietnamese writes
    a name syllable by syllable, and articles that share only "Hà" and "Nội", or "Trung" and
    "Quốc", are no story. Names too common to tell stories apart ("Việt Nam") are left out.
    Other words must be long enough to be distinctive.
    """
    rules = pack.compiled.get("store.stories.rules")
    if rules is None:
        section = pack.section("stories")
        rules = ({w.casefold() for w in section.get("stopwords", [])},
                 {_NAME_JOINER.join(w.casefold().split()) for w in section.get("common_names", [])})
        pack.compiled["store.stories.rules"] = rules
    stop, common_names = rules
    lead = fold_for_matching(f"{title or ''}\n{text[:LEAD_CHARS]}")
    terms: set[str] = set()
    name: list[str] = []
    end = -1
    for match in _TOKEN.finditer(lead, timeout=1):
        token, folded = match.group(), match.group().casefold()
        if token[0].isupper():
            if name and not (match.start() == end + 1 and lead[end] == " "):
                _add_name(terms, name, stop, common_names)
                name = []
            name.append(folded)
        else:
            _add_name(terms, name, stop, common_names)
            name = []
            if folded not in stop and len(token) >= 6:
                terms.add(folded)
        end = match.end()
    _add_name(terms, name, stop, common_names)
    return terms


def _add_name(terms: set[str], name: list[str], stop: set[str], common_names: set[str]) -> None:
    # A capitalised stopword opens a sentence ("Theo", "Các"): it is no part of the name after it.
    start = 0
    while start < len(name) and name[start] in stop:
        start += 1
    joined = _NAME_JOINER.join(name[start:])
    if joined and joined not in common_names:
        terms.add(joined)


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def find_story(conn: Connection, terms: set[str], published: str | None) -> int | None:
    """The story of the most similar article published nearby, if similar enough.

    Candidates come from the term index (story_terms): only articles sharing at least
    MIN_SHARED terms are read, so the cost does not grow with the archive.
    """
    if len(terms) < MIN_SHARED:
        return None
    terms = {t[:TERM_LENGTH] for t in terms}
    shared = func.count().label("shared")
    query = (
        select(_terms.c.article_id, _terms.c.story_id, shared)
        .where(_terms.c.term.in_(sorted(terms)), _terms.c.story_id.is_not(None))
        .group_by(_terms.c.article_id, _terms.c.story_id)
        .having(func.count() >= MIN_SHARED)
        .order_by(shared.desc(), _terms.c.article_id.desc())
        .limit(CANDIDATES)
    )
    day = _parse_date(published)
    if day is not None:
        window = timedelta(days=WINDOW_DAYS)
        # Undated articles may join any story; dated ones only stories of nearby days.
        query = query.where(or_(_terms.c.published.is_(None),
                                _terms.c.published.between((day - window).isoformat(), (day + window).isoformat())))
    else:
        latest = conn.execute(select(func.max(_articles.c.id))).scalar() or 0
        query = query.where(_terms.c.article_id > latest - UNDATED_CANDIDATES)
    candidates = conn.execute(query).all()
    if not candidates:
        return None
    sizes = dict(conn.execute(select(_articles.c.id, _articles.c.signature).where(
        _articles.c.id.in_([c.article_id for c in candidates]))).all())
    best_story, best_score = None, 0.0
    for article_id, story_id, count in candidates:
        other = len(set((sizes.get(article_id) or "").split())) or 1
        score = count / min(len(terms), other)
        if score >= MIN_OVERLAP and score > best_score:
            best_story, best_score = story_id, score
    return best_story


def index_terms(conn: Connection, article_id: int, story_id: int, terms: set[str], published: str | None) -> None:
    rows = [{"term": t, "article_id": article_id, "story_id": story_id, "published": published}
            for t in sorted({t[:TERM_LENGTH] for t in terms})]
    if rows:
        conn.execute(insert(_terms), rows)


def story_named(conn: Connection, name: str) -> int:
    """The id of the story a person named, created on first use."""
    found = conn.execute(select(_stories.c.id).where(_stories.c.name == name)).scalar()
    if found is not None:
        return found
    return conn.execute(insert(_stories).values(name=name, manual=True, created_at=Story().created_at)).inserted_primary_key[0]


def new_story(conn: Connection, title: str | None, article_hash: str) -> int:
    # A story is named after its first article; the hash keeps names unique.
    name = f"{(title or 'untitled')[:80]} [{article_hash[:8]}]"
    return conn.execute(insert(_stories).values(name=name, manual=False, created_at=Story().created_at)).inserted_primary_key[0]
