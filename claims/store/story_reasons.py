"""Why a story's articles are together: the names and words they share, rarest and most shared first."""

from __future__ import annotations

import math

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from .models import StoryTerm, StoryTermCount, table_of
from .stories import TOTAL

_terms = table_of(StoryTerm)
_counts = table_of(StoryTermCount)

REASONS = 6


def story_reasons(conn: Connection, story_ids: list[int], limit: int = REASONS) -> dict[int, list[str]]:
    """story id -> the indexed terms most of its articles share, as words ("bão yagi", "12 tàu").

    A term counts when at least two articles of the story hold it; terms held by more of them and
    rarer in the archive come first. A story of one article has no reasons.
    """
    reasons: dict[int, list[str]] = {}
    if not story_ids:
        return reasons
    shared = func.count().label("articles")
    rows = conn.execute(
        select(_terms.c.story_id, _terms.c.term, shared, _counts.c.articles.label("archive"))
        .join(_counts, _counts.c.term == _terms.c.term, isouter=True)
        .where(_terms.c.story_id.in_(story_ids))
        .group_by(_terms.c.story_id, _terms.c.term, _counts.c.articles)
        .having(func.count() >= 2)
    ).all()
    total = conn.execute(select(_counts.c.articles).where(_counts.c.term == TOTAL)).scalar() or 1
    ranked: dict[int, list[tuple[float, str]]] = {}
    for story_id, term, count, archive in rows:
        rarity = math.log((total + 1) / ((archive or count) + 1)) + 1
        ranked.setdefault(story_id, []).append((count * rarity, term))
    for story_id, scored in ranked.items():
        words: list[str] = []
        for _score, term in sorted(scored, key=lambda s: (-s[0], s[1])):
            word = term.replace("_", " ")
            # "bão yagi" already says "yagi".
            if any(word in kept.split(" ") or word in kept for kept in words):
                continue
            words.append(word)
            if len(words) == limit:
                break
        reasons[story_id] = words
    return reasons
