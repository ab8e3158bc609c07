"""An editor's corrections to story grouping: rename, merge, split, move.

Every correction pins the articles it touches to their story by content hash (story_pins), the
way a review is kept by fingerprint: re-grouping leaves them where the editor put them, and an
article stored again lands there too. A story an editor touched becomes manual, like one named
with `--story`, so automatic grouping never folds it into another. `--story NAME` at ingest
still decides where a new article goes.
"""

from __future__ import annotations

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection

from claims.errors import InputError

from .database import Store
from .models import Article, ClaimRecord, Story, StoryPin, StoryTerm, table_of, utcnow
from .stories import story_named

_articles = table_of(Article)
_claims = table_of(ClaimRecord)
_stories = table_of(Story)
_terms = table_of(StoryTerm)
_pins = table_of(StoryPin)


def _story_id(conn: Connection, reference: str) -> int:
    """A story by id or by exact name."""
    reference = reference.strip()
    if reference.isdigit():
        found = conn.execute(select(_stories.c.id).where(_stories.c.id == int(reference))).scalar()
        if found is not None:
            return found
    found = conn.execute(select(_stories.c.id).where(_stories.c.name == reference)).scalar()
    if found is None:
        raise InputError(f"no story {reference!r} (give its id or its exact name; see `claims stories`)")
    return found


def _article_id(conn: Connection, reference: str) -> int:
    """An article by id, by content-hash prefix (8 or more hex digits) or by exact path."""
    reference = reference.strip()
    if reference.isdigit():
        found = conn.execute(select(_articles.c.id).where(_articles.c.id == int(reference))).scalar()
        if found is not None:
            return found
    matches = conn.execute(select(_articles.c.id).where(_articles.c.path == reference)).scalars().all()
    if not matches and len(reference) >= 8 and all(c in "0123456789abcdef" for c in reference.lower()):
        matches = (
            conn.execute(
                select(_articles.c.id)
                .where(_articles.c.content_hash.startswith(reference.lower(), autoescape=True))
                .limit(2)
            )
            .scalars()
            .all()
        )
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise InputError(f"article {reference!r} names several articles: give its id")
    raise InputError(f"no article {reference!r} (give its id, its path or a prefix of its content hash)")


def _name_of(conn: Connection, story_id: int) -> str:
    return conn.execute(select(_stories.c.name).where(_stories.c.id == story_id)).scalar_one()


def _place(conn: Connection, article_ids: list[int], story_id: int) -> None:
    """Put articles (their claims and index rows too) in a story and pin them there."""
    if not article_ids:
        return
    for table in (_articles, _claims, _terms):
        column = table.c.id if table is _articles else table.c.article_id
        conn.execute(update(table).where(column.in_(article_ids)).values(story_id=story_id))
    name = _name_of(conn, story_id)
    hashes = conn.execute(select(_articles.c.content_hash).where(_articles.c.id.in_(article_ids))).scalars().all()
    conn.execute(delete(_pins).where(_pins.c.content_hash.in_(hashes)))
    now = utcnow()
    conn.execute(insert(_pins), [{"content_hash": h, "story_name": name, "pinned_at": now} for h in hashes])
    conn.execute(update(_stories).where(_stories.c.id == story_id).values(manual=True))


def _members(conn: Connection, story_id: int) -> list[int]:
    return list(
        conn.execute(select(_articles.c.id).where(_articles.c.story_id == story_id).order_by(_articles.c.id))
        .scalars()
        .all()
    )


def _drop_if_empty(conn: Connection, story_id: int) -> None:
    if not conn.execute(select(func.count()).select_from(_articles).where(_articles.c.story_id == story_id)).scalar():
        conn.execute(delete(_stories).where(_stories.c.id == story_id))


def _check_free(conn: Connection, name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InputError("a story name cannot be empty")
    if conn.execute(select(_stories.c.id).where(_stories.c.name == name)).scalar() is not None:
        raise InputError(f"a story named {name!r} already exists (merge into it instead)")
    return name


def rename_story(store: Store, story: str, name: str) -> int:
    """Give a story a new name; its articles stay pinned to it under that name."""
    with store.writing() as conn:
        story_id = _story_id(conn, story)
        name = _check_free(conn, name)
        old = _name_of(conn, story_id)
        conn.execute(update(_stories).where(_stories.c.id == story_id).values(name=name))
        conn.execute(update(_pins).where(_pins.c.story_name == old).values(story_name=name))
        _place(conn, _members(conn, story_id), story_id)
        return story_id


def merge_stories(store: Store, target: str, other: str) -> int:
    """Move every article of `other` into `target`, which keeps its name; `other` is gone."""
    with store.writing() as conn:
        target_id, other_id = _story_id(conn, target), _story_id(conn, other)
        if target_id == other_id:
            raise InputError("cannot merge a story with itself")
        old = _name_of(conn, other_id)
        _place(conn, _members(conn, target_id) + _members(conn, other_id), target_id)
        conn.execute(update(_pins).where(_pins.c.story_name == old).values(story_name=_name_of(conn, target_id)))
        conn.execute(delete(_stories).where(_stories.c.id == other_id))
        return target_id


def split_story(store: Store, story: str, articles: list[str], name: str | None = None) -> int:
    """Take some articles out of a story into a new one (named `name`, else after its first article)."""
    with store.writing() as conn:
        story_id = _story_id(conn, story)
        chosen = sorted({_article_id(conn, a) for a in articles})
        members = _members(conn, story_id)
        strangers = [a for a in chosen if a not in members]
        if strangers:
            raise InputError(f"article {strangers[0]} is not in story {story!r}")
        if not chosen or len(chosen) == len(members):
            raise InputError("a split takes some of the story's articles, not none or all")
        if name is None:
            title, content_hash = conn.execute(
                select(_articles.c.title, _articles.c.content_hash).where(_articles.c.id == chosen[0])
            ).one()
            name = f"{(title or 'untitled')[:80]} [{content_hash[:8]}]"
        new_id = story_named(conn, _check_free(conn, name))
        _place(conn, chosen, new_id)
        # The rest is pinned too, or re-grouping could fold the two halves together again.
        _place(conn, [a for a in members if a not in chosen], story_id)
        return new_id


def move_article(store: Store, article: str, story: str) -> int:
    """Put one article in another existing story (by id or exact name); `split` makes new ones."""
    with store.writing() as conn:
        article_id = _article_id(conn, article)
        story_id = _story_id(conn, story)
        before = conn.execute(select(_articles.c.story_id).where(_articles.c.id == article_id)).scalar()
        _place(conn, [article_id], story_id)
        if before is not None and before != story_id:
            _drop_if_empty(conn, before)
        return story_id
