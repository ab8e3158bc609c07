"""Read stored claims, articles and stories back as plain dicts (the JSON contract)."""

from __future__ import annotations

import json

from sqlalchemy import func, or_, select

from claims.errors import InputError

from .database import Store
from .models import Article, ClaimRecord, Story, table_of
from .story_reasons import story_reasons

_claims = table_of(ClaimRecord)
_articles = table_of(Article)
_stories = table_of(Story)
# Ids are 64-bit on both backends; a larger number names nothing, and a larger LIMIT means none.
_LARGEST_ID = 2**63 - 1

CLAIM_COLUMNS = [
    _claims.c.id,
    _claims.c.sentence,
    _claims.c.start,
    _claims.c.end,
    _claims.c.text,
    _claims.c.value,
    _claims.c.low,
    _claims.c.high,
    _claims.c.qualifier,
    _claims.c.kind,
    _claims.c.unit,
    _claims.c.subject,
    _claims.c.concept,
    _claims.c.actor,
    _claims.c.location,
    _claims.c.time,
    _claims.c.roles,
    _claims.c.is_caption,
    _claims.c.is_boilerplate,
    _claims.c.lang,
    _articles.c.id.label("article_id"),
    _articles.c.title.label("article_title"),
    _articles.c.path.label("article_path"),
    _articles.c.url.label("article_url"),
    _articles.c.published.label("article_published"),
]


def claim_dict(row) -> dict:
    """A stored claim in the JSON contract's shape."""
    m = row._mapping
    return {
        "id": m["id"],
        "article": {
            "id": m["article_id"],
            "title": m["article_title"],
            "path": m["article_path"],
            "url": m["article_url"],
            "published": m["article_published"],
        },
        "sentence": m["sentence"],
        "start": m["start"],
        "end": m["end"],
        "text": m["text"],
        "value": m["value"],
        "low": m["low"],
        "high": m["high"],
        "qualifier": m["qualifier"],
        "kind": m["kind"],
        "unit": m["unit"],
        "subject": m["subject"],
        "concept": m["concept"],
        "actor": m["actor"],
        "location": m["location"],
        "time": m["time"],
        "roles": json.loads(m["roles"] or "{}"),
        "is_caption": bool(m["is_caption"]),
        "is_boilerplate": bool(m["is_boilerplate"]),
        "lang": m["lang"],
    }


def claims_by_id(conn, ids: list[int]) -> dict[int, dict]:
    found: dict[int, dict] = {}
    for start in range(0, len(ids), 500):
        query = (
            select(*CLAIM_COLUMNS)
            .join(_articles, _articles.c.id == _claims.c.article_id)
            .where(_claims.c.id.in_(ids[start : start + 500]))
        )
        for row in conn.execute(query):
            found[row.id] = claim_dict(row)
    return found


def list_claims(
    store: Store,
    *,
    article: str | None = None,
    subject: str | None = None,
    location: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Stored claims, filtered. `article` matches an id, a title fragment or a path; `subject`
    matches the concept or a fragment of the subject as written. Fragments are matched as written:
    "%" and "_" in them are not wildcards. `limit` 0 gives nothing; a negative limit is an error."""
    if limit is not None and limit < 0:
        raise InputError(f"the limit must be 0 or more, not {limit}")
    query = select(*CLAIM_COLUMNS).join(_articles, _articles.c.id == _claims.c.article_id)
    if article:
        conditions = [
            _articles.c.title.contains(article, autoescape=True),
            _articles.c.path.contains(article, autoescape=True),
        ]
        # ASCII only: str.isdigit() accepts "²", which int() rejects.
        if article.isascii() and article.isdigit() and int(article) <= _LARGEST_ID:
            conditions.append(_articles.c.id == int(article))
        query = query.where(or_(*conditions))
    if subject:
        query = query.where(
            or_(_claims.c.concept == subject, func.lower(_claims.c.subject).contains(subject.lower(), autoescape=True))
        )
    if location:
        query = query.where(func.lower(_claims.c.location) == location.lower())
    if kind:
        query = query.where(_claims.c.kind == kind)
    query = query.order_by(_articles.c.id, _claims.c.start)
    if limit is not None:
        query = query.limit(min(limit, _LARGEST_ID))
    with store.reading() as conn:
        return [claim_dict(row) for row in conn.execute(query)]


def list_stories(store: Store) -> list[dict]:
    with store.reading() as conn:
        stories = {
            row.id: {"id": row.id, "name": row.name, "manual": bool(row.manual), "articles": []}
            for row in conn.execute(select(_stories).order_by(_stories.c.id))
        }
        articles = conn.execute(
            select(
                _articles.c.id,
                _articles.c.title,
                _articles.c.published,
                _articles.c.path,
                _articles.c.url,
                _articles.c.story_id,
            ).order_by(_articles.c.published, _articles.c.id)
        )
        for row in articles:
            if row.story_id in stories:
                stories[row.story_id]["articles"].append(
                    {"id": row.id, "title": row.title, "published": row.published, "path": row.path, "url": row.url}
                )
        reasons = story_reasons(conn, [i for i, s in stories.items() if len(s["articles"]) > 1])
    for story_id, story in stories.items():
        story["why"] = reasons.get(story_id, [])
    return [s for s in stories.values() if s["articles"]]


def story_ids_of(store: Store, article_ids: list[int]) -> list[int]:
    if not article_ids:
        return []
    with store.reading() as conn:
        return sorted(
            {
                sid
                for (sid,) in conn.execute(select(_articles.c.story_id).where(_articles.c.id.in_(article_ids)))
                if sid is not None
            }
        )
