"""A check shared among processes by story finds what one process finds, in the same order."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from claims.check import shares
from claims.check.checker import find_discrepancies
from claims.pipeline.ingest import ingest_articles
from claims.sources import read_articles
from claims.store.models import ClaimRecord, table_of

from .conftest import FIXTURES


@pytest.fixture
def stored(store):
    # The fixture stories and the seed: several stories, findings of every kind but update.
    ingest_articles(store, read_articles([str(FIXTURES)]))
    return store


def _shown(findings):
    return [(f.kind, f.severity, f.fingerprint, f.explanation) for f in findings]


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [2, 3])
def test_shared_check_finds_the_same_in_the_same_order(stored, monkeypatch, jobs):
    alone, read_alone = find_discrepancies(stored, accounts=(accounts_alone := {}))
    assert alone, "the fixtures hold discrepancies"
    monkeypatch.setattr(shares, "MIN_CLAIMS_TO_SHARE", 0)
    shared, read_shared = find_discrepancies(stored, accounts=(accounts_shared := {}), jobs=jobs)
    assert _shown(shared) == _shown(alone)
    assert (read_shared, accounts_shared) == (read_alone, accounts_alone)


def test_shares_split_the_stories_and_cover_every_claim(stored):
    claims = table_of(ClaimRecord)
    with stored.reading() as conn:
        every = {row.id for row in conn.execute(select(claims.c.id))}
        parts = [
            {row.id for row in conn.execute(shares.Share(index, 3).of(select(claims.c.id), claims.c.story_id))}
            for index in range(3)
        ]
    assert set().union(*parts) == every
    assert sum(len(part) for part in parts) == len(every)  # no claim in two shares
    assert sum(1 for part in parts if part) > 1  # the stories are spread, not all in one share


def test_a_small_check_stays_in_one_process(stored, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(shares, "ProcessPoolExecutor", no_pool)
    found, _ = find_discrepancies(stored, jobs=4)
    assert found
