"""Articles into the store with their claims: `claims ingest` and the first half of `claims audit`."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from claims.check.topics import topic_of
from claims.extract.article import ArticleClaims, ExtractionFailed
from claims.extract.pool import extract_in_order
from claims.sources import SourceArticle, SourceProblem
from claims.store.database import Store
from claims.store.ingest import ArticleWrite, stored_article_id, write_articles
from claims.store.stories import TermCounts, signature

from .read import Item


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


def ingest_articles(
    store: Store,
    items: Iterable[Item],
    *,
    story: str | None = None,
    on_item: Callable[[Item], None] | None = None,
    jobs: int = 1,
) -> IngestResult:
    """Store every article in `items`; refused inputs are collected, the rest goes on.

    Re-ingesting a text already stored adds nothing. Each article is one transaction,
    so an interrupted run leaves whole articles only and a rerun completes the rest.
    With `jobs` above 1, claims are extracted in that many worker processes; this
    process still writes every article, in input order, so the stories and the result
    are the same as with one. `on_item` hears each item as its turn comes (a progress bar).
    """
    result = IngestResult()
    batch = _Batch(store, result)

    def worth_extracting(item: Item) -> bool:
        if isinstance(item, SourceProblem) or not item.text.strip():
            return False
        return stored_article_id(store, item.content_hash) is None

    # Extraction runs before the write transaction so the write lock is held briefly. An article
    # it fails on is named and not stored, so a rerun tries it again.
    for item, extracted in extract_in_order(items, wanted=worth_extracting, jobs=jobs):
        if on_item:
            on_item(item)
        if isinstance(item, SourceProblem):
            result.problems.append(item)
        elif not item.text.strip():
            result.problems.append(SourceProblem(item.origin, "no text to read"))
        elif isinstance(extracted, ExtractionFailed):
            result.problems.append(SourceProblem(extracted.origin, extracted.reason))
        elif extracted is not None:
            batch.add(_write(item, extracted, story))
        elif (already := stored_article_id(store, item.content_hash)) is not None:
            # Stored already when it was read.
            result.already_stored.append(already)
    batch.flush()
    return result


# A commit per batch, not per article; the batch is kept small and short so that another
# writer waits briefly, progress is visible in the database, and a crash loses little.
ARTICLES_PER_COMMIT = 100
SECONDS_PER_COMMIT = 0.5
# The database's planner is told the tables grew after this many articles, then after twice as
# many, and so on: a few refreshes however large the archive (claims.store.database).
FIRST_STATISTICS_REFRESH = 500
WRITTEN_TABLES = ("articles", "claims", "stories", "story_terms", "story_term_counts")


class _Batch:
    def __init__(self, store: Store, result: IngestResult):
        self.store, self.result = store, result
        self.writes: list[ArticleWrite] = []
        self.opened = 0.0
        self.refresh_at = FIRST_STATISTICS_REFRESH
        # Term counts read by one batch serve the next ones (claims.store.stories.TermCounts).
        self.counts = TermCounts()

    def add(self, write: ArticleWrite) -> None:
        if not self.writes:
            self.opened = time.monotonic()
        self.writes.append(write)
        if len(self.writes) >= ARTICLES_PER_COMMIT or time.monotonic() - self.opened >= SECONDS_PER_COMMIT:
            self.flush()

    def flush(self) -> None:
        if not self.writes:
            return
        writes, self.writes = self.writes, []
        for write, article_id in zip(writes, write_articles(self.store, writes, self.counts)):
            if article_id is not None:
                self.result.stored.append(article_id)
                self.result.claims_stored += len(write.claims)
            elif (already := stored_article_id(self.store, write.article.content_hash)) is not None:
                # The same text earlier in this run, or stored by another writer meanwhile.
                self.result.already_stored.append(already)
        if len(self.result.stored) >= self.refresh_at:
            self.store.refresh_statistics(WRITTEN_TABLES)
            self.refresh_at = 2 * len(self.result.stored)


def _write(article: SourceArticle, extracted: ArticleClaims, story: str | None) -> ArticleWrite:
    terms = signature(article.title, article.text, extracted.pack)
    topics = [topic_of(claim) for claim in extracted.claims]
    return ArticleWrite(article, extracted.lang, extracted.claims, terms, story, topics)
