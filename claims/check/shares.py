"""A large check shared among processes by story: stories are checked independently of each other,
so each process reads and checks every n-th story and the findings are merged back in story order.

A check of a million stored claims spends most of its time in Python, story by story (aligning
figures into facts, then the rules); with two cores, two processes each read and check half.
The arithmetic pass and saving stay in the calling process.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement, Select

from claims.extract.pool import process_context
from claims.store.models import ClaimRecord, table_of

if TYPE_CHECKING:
    from .checker import Progress, ShareChecked

# Below this many stored claims one process is done before another has started (about half a second).
MIN_CLAIMS_TO_SHARE = 100_000
_claims = table_of(ClaimRecord)


@dataclass(frozen=True)
class Share:
    """Every `count`-th story, from the `index`-th: one process's part of a check."""

    index: int = 0
    count: int = 1

    def of(self, query: Select, story_id: ColumnElement) -> Select:
        if self.count == 1:
            return query
        part = story_id % self.count == self.index
        # Claims of no story are one group, checked by the first share.
        return query.where(or_(story_id.is_(None), part) if self.index == 0 else part)


WHOLE = Share()


def check_in_shares(
    conn: Connection, url: str, story_ids: list[int] | None, jobs: int, progress: Progress | None, total: int
) -> list[ShareChecked]:
    """The findings of every story, checked by `jobs` processes when the check is large enough."""
    from .checker import check_share

    if jobs <= 1 or _stored_claims(conn, story_ids) < MIN_CLAIMS_TO_SHARE:
        return [check_share(conn, story_ids, WHOLE, progress, total)]
    # Not fork: this process holds open database connections.
    with ProcessPoolExecutor(jobs - 1, mp_context=process_context()) as pool:
        others = [
            pool.submit(_check_apart, url, story_ids, Share(index, jobs), dict(os.environ)) for index in range(1, jobs)
        ]
        own = check_share(conn, story_ids, Share(0, jobs), progress, total)
        return [own, *(other.result() for other in others)]


def _stored_claims(conn: Connection, story_ids: list[int] | None) -> int:
    query = select(func.count()).select_from(_claims)
    if story_ids is not None:
        query = query.where(_claims.c.story_id.in_(story_ids))
    return conn.execute(query).scalar_one()


def _check_apart(url: str, story_ids: list[int] | None, share: Share, environment: dict[str, str]) -> ShareChecked:
    """One share, in a worker process with a connection of its own."""
    # Lexicon folders and the pattern cache are read from the environment the check was started in.
    os.environ.clear()
    os.environ.update(environment)
    from claims.store.database import open_store

    from .checker import check_share

    store = open_store(url, migrate=False)
    try:
        with store.reading() as conn:
            return check_share(conn, story_ids, share)
    finally:
        store.dispose()
