"""Store articles and their claims: idempotent by content hash, one transaction per article."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import regex
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from claims.extract.article import ExtractionFailed
from claims.extract.claim import Claim
from claims.extract.pool import extract_in_order
from claims.numbers.mention import FIGURE_KINDS
from claims.sources.article import SourceArticle, SourceProblem
from claims.text.normalize import fold_for_matching

from .database import Store
from .models import Article, ClaimRecord, utcnow
from .stories import find_story, index_terms, new_story, pinned_story, signature, story_named

_articles = Article.__table__
_claims = ClaimRecord.__table__

_SPACES = regex.compile(r"\s+")
CLAIM_ROWS_PER_INSERT = 1000


@dataclass
class IngestResult:
    """What one ingest did: new articles, ones already stored, and inputs refused."""

    stored: list[int] = field(default_factory=list)
    already_stored: list[int] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    claims_stored: int = 0

    @property
    def article_ids(self) -> list[int]:
        return self.stored + self.already_stored


def topic_of(claim: Claim) -> str | None:
    """What the checker groups a claim by: its concept, else its subject as folded text."""
    if claim.kind not in FIGURE_KINDS:
        return None
    if claim.concept:
        return claim.concept
    if claim.subject:
        return "~" + _SPACES.sub(" ", fold_for_matching(claim.subject).casefold()).strip()
    return None


def claim_row(claim: Claim, article_id: int, story_id: int | None) -> dict:
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
        "topic": topic_of(claim),
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


def _store_article(
    conn: Connection, article: SourceArticle, lang: str, claims: list[Claim], terms: set[str], story: str | None
) -> int:
    if story:
        story_id = story_named(conn, story)
    else:
        story_id = pinned_story(conn, article.content_hash) or find_story(conn, terms, article.published)
    article_id = conn.execute(
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
    ).inserted_primary_key[0]
    if story_id is None:
        story_id = new_story(conn, article.title, article.content_hash)
        conn.execute(update(_articles).where(_articles.c.id == article_id).values(story_id=story_id))
    index_terms(conn, article_id, story_id, terms, article.published)
    # Rows go in by the thousand: a long article's claims as row dicts at once took more memory than the claims.
    for first in range(0, len(claims), CLAIM_ROWS_PER_INSERT):
        chunk = claims[first : first + CLAIM_ROWS_PER_INSERT]
        conn.execute(insert(_claims), [claim_row(c, article_id, story_id) for c in chunk])
    return article_id


def _write_article(
    store: Store, item: SourceArticle, lang: str, claims: list[Claim], terms: set[str], story: str | None
) -> int | None:
    """The new article's id, or None when another writer stored the same text first."""
    for attempt in range(2):
        try:
            with store.writing() as conn:
                if _existing_article(conn, item.content_hash) is not None:
                    return None
                return _store_article(conn, item, lang, claims, terms, story)
        except IntegrityError:
            # On PostgreSQL two transactions can both see no such article (or no such
            # named story) and both insert: the loser rolls back whole and looks again.
            if attempt:
                raise
    return None


def ingest_articles(
    store: Store,
    items: Iterable[SourceArticle | SourceProblem],
    *,
    story: str | None = None,
    on_item: Callable[[SourceArticle | SourceProblem], None] | None = None,
    jobs: int = 1,
) -> IngestResult:
    """Store every article in `items`; refused inputs are collected, the rest goes on.

    Re-ingesting a text already stored adds nothing. Each article is one transaction,
    so an interrupted run leaves whole articles only and a rerun completes the rest.
    With `jobs` above 1, claims are extracted in that many worker processes; this
    process still writes every article, in input order, so the stories and the result
    are the same as with one.
    """
    result = IngestResult()

    def worth_extracting(item: SourceArticle | SourceProblem) -> bool:
        if isinstance(item, SourceProblem) or not item.text.strip():
            return False
        with store.reading() as conn:
            return _existing_article(conn, item.content_hash) is None

    # Extraction runs before the write transaction so the write lock is held briefly. An article
    # it fails on is named and not stored, so a rerun tries it again.
    for item, extracted in extract_in_order(items, wanted=worth_extracting, jobs=jobs):
        if on_item:
            on_item(item)
        if isinstance(item, SourceProblem):
            result.problems.append(item)
            continue
        if not item.text.strip():
            result.problems.append(SourceProblem(item.origin, "no text to read"))
            continue
        if extracted is None:  # stored already when it was read
            with store.reading() as conn:
                result.already_stored.append(_existing_article(conn, item.content_hash))
            continue
        if isinstance(extracted, ExtractionFailed):
            result.problems.append(SourceProblem(extracted.origin, extracted.reason))
            continue
        lang, claims = extracted.lang, extracted.claims
        terms = signature(item.title, item.text, extracted.pack)
        article_id = _write_article(store, item, lang, claims, terms, story)
        if article_id is None:
            with store.reading() as conn:
                result.already_stored.append(_existing_article(conn, item.content_hash))
            continue
        result.stored.append(article_id)
        result.claims_stored += len(claims)
    return result
