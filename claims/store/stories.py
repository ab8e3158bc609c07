"""Group articles into stories: shared names and distinctive words, close publication dates."""

from __future__ import annotations

from datetime import date, timedelta

import regex
from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from claims.lang import LanguagePack
from claims.text.normalize import fold_for_matching

from .models import Article, Story

# How much of the article besides its title speaks for its story.
LEAD_CHARS = 400
# Articles published further apart than this are never grouped automatically.
WINDOW_DAYS = 21
# How many articles an incoming one is compared with: dated ones within the window, else the latest.
CANDIDATES = 1000
UNDATED_CANDIDATES = 300
# Share of the smaller signature that must recur, and the fewest shared terms, to join a story.
MIN_OVERLAP = 0.4
MIN_SHARED = 3

_TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}'-]*")

_articles = Article.__table__
_stories = Story.__table__


def signature(title: str | None, text: str, pack: LanguagePack) -> set[str]:
    """Names and distinctive words of the title and lead, case-folded."""
    stop = pack.compiled.get("store.stories.stop")
    if stop is None:
        stop = {w.casefold() for w in pack.section("stories").get("stopwords", [])}
        pack.compiled["store.stories.stop"] = stop
    lead = fold_for_matching(f"{title or ''}\n{text[:LEAD_CHARS]}")
    terms = set()
    for token in _TOKEN.findall(lead, timeout=1):
        folded = token.casefold()
        # Capitalised tokens are names in both languages; other words must be long enough to be distinctive.
        if folded not in stop and (token[0].isupper() or len(token) >= 6):
            terms.add(folded)
    return terms


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _days_apart(a: str | None, b: str | None) -> int | None:
    first, second = _parse_date(a), _parse_date(b)
    return abs((first - second).days) if first and second else None


def find_story(conn: Connection, terms: set[str], published: str | None) -> int | None:
    """The story of the most similar recent article, if similar enough."""
    if not terms:
        return None
    query = select(_articles.c.story_id, _articles.c.signature, _articles.c.published).where(_articles.c.story_id.is_not(None))
    day = _parse_date(published)
    if day is not None:
        window = timedelta(days=WINDOW_DAYS)
        query = query.where(_articles.c.published.between((day - window).isoformat(), (day + window).isoformat()))
        query = query.order_by(_articles.c.id.desc()).limit(CANDIDATES)
    else:
        query = query.order_by(_articles.c.id.desc()).limit(UNDATED_CANDIDATES)
    rows = conn.execute(query)
    best_story, best_score = None, 0.0
    for story_id, other_signature, other_published in rows:
        apart = _days_apart(published, other_published)
        if apart is not None and apart > WINDOW_DAYS:
            continue
        other = set(other_signature.split())
        shared = len(terms & other)
        if shared < MIN_SHARED or not other:
            continue
        score = shared / min(len(terms), len(other))
        if score >= MIN_OVERLAP and score > best_score:
            best_story, best_score = story_id, score
    return best_story


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
