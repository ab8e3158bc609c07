"""The second half of `claims audit`: check what was just ingested against itself and everything stored."""

from __future__ import annotations

from claims.check.checker import Progress, run_check
from claims.check.triage import discrepancies
from claims.store.database import Store
from claims.store.queries import story_ids_of


def check_ingested(store: Store, article_ids: list[int], progress: Progress | None = None) -> list[dict]:
    """Check the stories these articles are in, and return the discrepancies that involve them."""
    if not article_ids:
        return []
    run_check(store, story_ids_of(store, article_ids), progress=progress)
    return discrepancies(store, article_ids=article_ids)
