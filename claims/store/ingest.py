"""Write one article and its claims: idempotent by content hash, one transaction per article.

What is written is worked out before (claims.pipeline reads, extracts and asks the checker
for each claim's topic): this module only stores it and puts the article in a story.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Table, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from claims.extract.claim import Claim
from claims.sources.article import SourceArticle

from .database import Store
from .models import Article, ClaimRecord, StoryPin, table_of, utcnow
from .rows import insert_rows
from .stories import TOTAL, Signature, TermCounts, find_story, index_terms, new_story, story_named

# SQLModel sets __table__ on each table class when it is defined; its stubs do not declare it.
_articles: Table = Article.__table__  # type: ignore[attr-defined]
_claims: Table = ClaimRecord.__table__  # type: ignore[attr-defined]
_pins = table_of(StoryPin)

CLAIM_ROWS_PER_INSERT = 1000


def claim_row(claim: Claim, article_id: int, story_id: int | None, topic: str | None) -> dict:
    return {
        "article_id": article_id,
        "story_id": story_id,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "value": claim.value,
        "low": claim.low,
        "high": claim.high,
        "qualifier": claim.qualifier,
        "kind": claim.kind,
        "unit": claim.unit,
        "sentence": claim.sentence,
        "sentence_start": claim.sentence_start,
        "subject": claim.subject,
        "concept": claim.concept,
        "topic": topic,
        "actor": claim.actor,
        "location": claim.location,
        "time": claim.time,
        "roles": json.dumps(claim.roles, ensure_ascii=False, sort_keys=True),
        "frame": json.dumps(claim.frame, ensure_ascii=False, sort_keys=True),
        "is_caption": claim.is_caption,
        "is_boilerplate": claim.is_boilerplate,
        "lang": claim.lang,
    }


def _existing_article(conn: Connection, content_hash: str) -> int | None:
    return conn.execute(select(_articles.c.id).where(_articles.c.content_hash == content_hash)).scalar()


def stored_article_id(store: Store, content_hash: str) -> int | None:
    """The id of the article stored with this text, if any."""
    with store.reading() as conn:
        return _existing_article(conn, content_hash)


def _store_article(
    conn: Connection,
    article: SourceArticle,
    lang: str,
    claims: Sequence[Claim],
    topics: Sequence[str | None],
    terms: Signature,
    story: str | None,
    batch: _BatchLook,
) -> int:
    counts = batch.counts
    pinned = batch.pins.get(article.content_hash)
    if story or pinned:
        story_id = story_named(conn, story or pinned or "")
    else:
        story_id = find_story(conn, terms, article.published, counts) or new_story(
            conn, article.title, article.content_hash
        )
    inserted = conn.execute(
        insert(_articles).values(
            content_hash=article.content_hash,
            title=article.title,
            source=article.source,
            url=article.url,
            author=article.author,
            published=article.published,
            lang=lang,
            path=article.path,
            text=article.text,
            tail_start=article.tail_start,
            signature=" ".join(sorted(terms)),
            story_id=story_id,
            ingested_at=utcnow(),
        )
    ).inserted_primary_key
    assert inserted is not None  # an INSERT of one row always has its key
    article_id: int = inserted[0]
    index_terms(conn, article_id, story_id, terms, article.published, counts)
    # Rows go in by the thousand: a long article's claims as row dicts at once took more memory than the claims.
    for first in range(0, len(claims), CLAIM_ROWS_PER_INSERT):
        chunk = zip(claims[first : first + CLAIM_ROWS_PER_INSERT], topics[first : first + CLAIM_ROWS_PER_INSERT])
        insert_rows(conn, _claims, [claim_row(claim, article_id, story_id, topic) for claim, topic in chunk])
    return article_id


@dataclass(frozen=True, slots=True)
class ArticleWrite:
    """One article to store, with what was worked out for it before the write."""

    article: SourceArticle
    lang: str
    claims: Sequence[Claim]
    terms: Signature
    story: str | None
    topics: Sequence[str | None]

    def __post_init__(self) -> None:
        if len(self.topics) != len(self.claims):
            raise ValueError(f"{len(self.claims)} claim(s) but {len(self.topics)} topic(s)")


@dataclass
class _BatchLook:
    """What a batch looks up once for all its articles: the texts stored already (the batch's own
    added as they are written), the editors' pins, the term counts (claims.store.stories.TermCounts)."""

    counts: TermCounts
    stored: set[str]
    pins: dict[str, str]


def _look(conn: Connection, writes: Sequence[ArticleWrite], counts: TermCounts) -> _BatchLook:
    hashes = sorted({write.article.content_hash for write in writes})
    stored: set[str] = set()
    pins: dict[str, str] = {}
    for start in range(0, len(hashes), 500):
        chunk = hashes[start : start + 500]
        stored.update(
            conn.execute(select(_articles.c.content_hash).where(_articles.c.content_hash.in_(chunk))).scalars()
        )
        pins.update(
            conn.execute(select(_pins.c.content_hash, _pins.c.story_name).where(_pins.c.content_hash.in_(chunk))).all()
        )
    counts.read(conn, {TOTAL, *(term for write in writes for term in write.terms.counts)})
    return _BatchLook(counts, stored, pins)


def write_articles(store: Store, writes: Sequence[ArticleWrite], counts: TermCounts | None = None) -> list[int | None]:
    """Each new article's id, in order; None where the same text is stored already.

    One transaction for the batch, a savepoint for each article: an article is stored
    whole or not at all, and a batch pays one commit (on SQLite, most of the cost of
    storing a short article was its own commit). A crash loses only the uncommitted
    batch, which a rerun stores: nothing half-written is ever visible. What every article
    needs looked up (stored texts, pins, term counts) is read once for the batch, and the
    batch's term counts are written once; `counts`, kept by the caller from batch to batch,
    also keeps the counts read (an ingest run).
    """
    counts = counts if counts is not None else TermCounts()
    for attempt in range(2):
        try:
            with store.writing() as conn:
                batch = _look(conn, writes, counts)
                written = [_write_one(conn, write, batch) for write in writes]
                counts.flush(conn)
                return written
        except BaseException as error:
            # What this attempt counted is rolled back with it.
            counts.forget()
            # On PostgreSQL a concurrent writer can store the same text (or create the same
            # named story) between our look and our insert; the savepoint catches the first
            # kind, but a clash at commit time rolls the batch back: it is written again.
            if attempt or not isinstance(error, IntegrityError):
                raise
    return [None] * len(writes)


def _write_one(conn: Connection, write: ArticleWrite, batch: _BatchLook) -> int | None:
    content_hash = write.article.content_hash
    for attempt in range(2):
        if content_hash in batch.stored or (attempt and _existing_article(conn, content_hash) is not None):
            return None
        savepoint = conn.begin_nested()
        batch.counts.mark()
        try:
            article_id = _store_article(
                conn, write.article, write.lang, write.claims, write.topics, write.terms, write.story, batch
            )
        except IntegrityError:
            # Another writer stored the same text, or made the same named story, after our
            # look: ours is rolled back to the savepoint and looked at again.
            savepoint.rollback()
            batch.counts.undo()
            if attempt:
                raise
            continue
        savepoint.commit()
        batch.stored.add(content_hash)
        return article_id
    return None


def write_article(
    store: Store,
    item: SourceArticle,
    lang: str,
    claims: Sequence[Claim],
    terms: Signature,
    story: str | None,
    topics: Sequence[str | None] = (),
) -> int | None:
    """The new article's id, or None when another writer stored the same text first.

    `topics` holds each claim's topic (claims.check.topics), in the order of `claims`;
    `terms` are the article's story signature (claims.store.stories.signature); `story`,
    when given, is the story it goes in, else it is grouped with the stories stored.
    """
    [article_id] = write_articles(store, [ArticleWrite(item, lang, claims, terms, story, topics)])
    return article_id


# benchmarks/bench_grouping.py writes articles without claims through the old name.
_write_article = write_article
