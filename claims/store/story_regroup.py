"""Group the archive again with today's grouping, leaving alone what a person decided."""

from __future__ import annotations

from sqlalchemy import delete, or_, select, true, update

from claims.lang import languages, load_pack
from claims.lang.detect import detect_language

from .database import Store
from .models import Article, ClaimRecord, Story, StoryTerm, StoryTermCount, table_of
from .stories import TermCounts, find_story, index_terms, new_story, pinned_story, signature

_articles = table_of(Article)
_claims = table_of(ClaimRecord)
_stories = table_of(Story)
_terms = table_of(StoryTerm)
_counts = table_of(StoryTermCount)
_BATCH = 500


def regroup_stories(store: Store) -> int:
    """Replay automatic grouping over every stored article, oldest first; returns the number of stories.

    Articles in manual stories (named with --story, or touched by an editor) stay where they are,
    and a pinned article goes to its pinned story; every other article is grouped as if it were
    ingested again in its original order. One transaction: it completes whole or not at all.
    """
    with store.writing() as conn:
        manual = set(conn.execute(select(_stories.c.id).where(_stories.c.manual.is_(True))).scalars())
        conn.execute(delete(_terms))
        conn.execute(delete(_counts))
        automatic = or_(_articles.c.story_id.is_(None), _articles.c.story_id.not_in(manual)) if manual else true()
        conn.execute(
            update(_claims)
            .where(_claims.c.article_id.in_(select(_articles.c.id).where(automatic)))
            .values(story_id=None)
        )
        conn.execute(update(_articles).where(automatic).values(story_id=None))
        conn.execute(delete(_stories).where(_stories.c.manual.is_(False)))
        packs: dict = {}
        known = languages()
        # Term counts are kept in memory and written once a batch of articles (claims.store.stories.TermCounts).
        counts = TermCounts()
        last = 0
        while True:
            rows = conn.execute(
                select(
                    _articles.c.id,
                    _articles.c.title,
                    _articles.c.text,
                    _articles.c.lang,
                    _articles.c.published,
                    _articles.c.story_id,
                    _articles.c.content_hash,
                )
                .where(_articles.c.id > last)
                .order_by(_articles.c.id)
                .limit(_BATCH)
            ).all()
            if not rows:
                break
            for article_id, title, text, lang, published, story_id, content_hash in rows:
                # An article stored in a language whose pack is gone since is grouped in the one its text reads as.
                code = lang if lang in known else detect_language(f"{title or ''}\n{text or ''}")
                pack = packs.get(code) or packs.setdefault(code, load_pack(code))
                sig = signature(title, text or "", pack)
                if story_id is None:
                    story_id = (
                        pinned_story(conn, content_hash)
                        or find_story(conn, sig, published, counts)
                        or new_story(conn, title, content_hash)
                    )
                    conn.execute(update(_articles).where(_articles.c.id == article_id).values(story_id=story_id))
                    conn.execute(update(_claims).where(_claims.c.article_id == article_id).values(story_id=story_id))
                index_terms(conn, article_id, story_id, sig, published, counts)
            counts.flush(conn)
            last = rows[-1][0]
        return len(set(conn.execute(select(_articles.c.story_id)).scalars()))
