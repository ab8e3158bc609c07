"""claims.pipeline: sources to claims to the store, the one path `extract`, `ingest` and `audit` share.

The store only stores: the topic each claim is checked by comes from the checker's module
(claims.check.topics) and extraction happens before the store is called.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from functools import partial

import pytest
from sqlalchemy import select

import claims.extract.pool as pool
import claims.pipeline.extract as pipeline_extract
from claims.check.topics import topic_of
from claims.extract.article import ExtractionFailed, extract_article
from claims.pipeline.audit import check_ingested
from claims.pipeline.extract import ArticleRead, claim_dicts, extract_articles
from claims.pipeline.ingest import ingest_articles
from claims.pipeline.read import read_sources
from claims.sources import SourceProblem, article_from_text
from claims.store.ingest import stored_article_id, write_article
from claims.store.models import Article, ClaimRecord

from .conftest import ROOT, SEED

BROKEN = "this article breaks the extractor"


def breaks_on_marker(article, lang=None):
    # What extract_article returns for an article that trips a bug (claims.extract.article).
    if BROKEN in article.text:
        return ExtractionFailed(article.origin, "extraction failed: RuntimeError: a bug one article triggers")
    return extract_article(article, lang)


def _articles():
    return [
        article_from_text("Lũ ở Lào Cai\n\nCó 12 người mất tích ở Lào Cai.\n", origin="a.txt", path="a.txt"),
        SourceProblem("missing.txt", "no such file or directory"),
        article_from_text(f"Tin hỏng\n\n{BROKEN}: 45 người.\n", origin="broken.txt", path="broken.txt"),
        article_from_text("Flood\n\nAbout 300 people were evacuated in Lao Cai.\n", origin="b.txt", path="b.txt"),
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_extract_articles_keeps_input_order_and_names_each_problem_in_its_place(monkeypatch, jobs):
    monkeypatch.setattr(pool, "CHUNK_ITEMS", 1)  # with 2 jobs, the articles go through the workers
    monkeypatch.setattr(pipeline_extract, "extract_in_order", partial(pool.extract_in_order, extract=breaks_on_marker))
    outcomes = list(extract_articles(_articles(), jobs=jobs))
    assert [type(outcome) for outcome in outcomes] == [ArticleRead, SourceProblem, ExtractionFailed, ArticleRead]
    first, _, failed, last = outcomes
    assert (first.article.origin, first.lang, [c.text for c in first.claims]) == ("a.txt", "vi", ["12"])
    assert str(failed) == "broken.txt: extraction failed: RuntimeError: a bug one article triggers"
    assert (last.article.origin, last.lang, [c.text for c in last.claims]) == ("b.txt", "en", ["About 300"])


def test_extract_articles_reads_undeclared_articles_in_the_language_given():
    [read] = extract_articles([article_from_text("Flood\n\nAbout 300 people were evacuated.\n", origin="f")], lang="vi")
    assert read.lang == "vi" and {claim.lang for claim in read.claims} <= {"vi"}


def test_claim_dicts_carry_their_article_and_no_ids():
    [read] = extract_articles(_articles()[:1])
    [row] = claim_dicts(read)
    assert row["id"] is None and row["text"] == "12" and row["lang"] == "vi"
    assert row["article"] == {"id": None, "title": "Lũ ở Lào Cai", "path": "a.txt", "url": None, "published": None}


def test_read_sources_names_each_warning_with_its_origin_and_keeps_the_article(tmp_path):
    path = tmp_path / "b.txt"
    path.write_text("title: Lũ ở Yên Bái\ndate: tuần trước\n\nCó 5 người mất tích.\n", encoding="utf-8")
    heard: list[str] = []
    items = list(read_sources([str(path)], on_warning=heard.append))
    assert len(items) == 1 and items[0].title == "Lũ ở Yên Bái" and items[0].published is None
    assert heard == [f"{path}: date 'tuần trước' is not a date we can read: left empty"]


def test_read_sources_applies_the_size_cap(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Tin\n\n" + "Có 12 người. " * 20, encoding="utf-8")
    [item] = read_sources([str(path)], max_bytes=50)
    assert isinstance(item, SourceProblem) and item.origin == str(path)


def test_ingest_stores_the_topic_the_checker_groups_by(store):
    article = article_from_text(SEED.read_text(encoding="utf-8"), origin="seed")
    expected = [topic_of(claim) for claim in extract_article(article).claims]
    result = ingest_articles(store, [article])
    assert len(result.stored) == 1 and result.claims_stored == len(expected)
    with store.reading() as conn:
        table = ClaimRecord.__table__
        stored = list(conn.execute(select(table.c.topic).order_by(table.c.id)).scalars())
    assert stored == expected and "troops" in stored


def test_topic_is_the_concept_else_the_folded_subject_and_only_for_figures():
    by_text = {
        claim.text: claim for claim in extract_article(article_from_text(SEED.read_text("utf-8"), origin="seed")).claims
    }
    troops = by_text["khoảng 2.500"]
    assert troops.concept == "troops" and topic_of(troops) == "troops"
    dates = [claim for claim in by_text.values() if claim.kind == "date"]
    assert dates and all(topic_of(claim) is None for claim in dates)
    [bridges] = extract_article(article_from_text("Tin\n\nCó 12 chiếc cầu bị sập ở Lào Cai.\n", origin="b")).claims
    assert bridges.concept is None and topic_of(bridges) == "~chiếc cầu"
    # Written in other case and spacing, the subject is the same topic.
    assert topic_of(replace(bridges, subject="Chiếc  CẦU")) == "~chiếc cầu"


def test_the_store_refuses_claims_without_their_topics_and_stores_nothing(store):
    article = article_from_text(SEED.read_text(encoding="utf-8"), origin="seed")
    extracted = extract_article(article)
    with pytest.raises(ValueError, match="topic"):
        write_article(store, article, "vi", extracted.claims, set(), None)
    assert stored_article_id(store, article.content_hash) is None


def test_ingest_goes_on_after_a_bad_article_and_a_rerun_stores_it(store, monkeypatch):
    import claims.pipeline.ingest as pipeline_ingest

    monkeypatch.setattr(pipeline_ingest, "extract_in_order", partial(pool.extract_in_order, extract=breaks_on_marker))
    result = ingest_articles(store, _articles())
    assert [str(problem) for problem in result.problems] == [
        "missing.txt: no such file or directory",
        "broken.txt: extraction failed: RuntimeError: a bug one article triggers",
    ]
    assert len(result.stored) == 2 and result.already_stored == []
    monkeypatch.undo()
    again = ingest_articles(store, _articles())
    assert len(again.stored) == 1 and sorted(again.already_stored) == sorted(result.stored)
    with store.reading() as conn:
        assert sorted(conn.execute(select(Article.__table__.c.path)).scalars()) == ["a.txt", "b.txt", "broken.txt"]


def test_check_ingested_returns_what_involves_the_articles(store):
    assert check_ingested(store, []) == []
    result = ingest_articles(store, [article_from_text(SEED.read_text(encoding="utf-8"), origin="seed")])
    found = check_ingested(store, result.article_ids)
    assert any(item["kind"] == "context" for item in found)


def _modules_loaded_by(statement: str) -> set[str]:
    probe = f"import sys; {statement}; print(' '.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_extract_path_loads_no_database_code():
    loaded = _modules_loaded_by("import claims.pipeline.extract, claims.pipeline.read")
    assert not {name for name in loaded if name.startswith(("sqlalchemy", "sqlmodel", "claims.store", "claims.check"))}


def test_the_store_runs_no_extraction():
    loaded = _modules_loaded_by("import claims.store.ingest")
    assert "claims.store.ingest" in loaded
    assert not {"claims.extract.pool", "claims.extract.article", "claims.pipeline"} & loaded


def _flood(i: int):
    return article_from_text(f"Lũ số {i}\n\nCó {i + 3} người mất tích ở Lào Cai.\n", origin=f"{i}.txt", path=f"{i}.txt")


def test_ingest_commits_once_per_batch_and_each_article_whole(store, monkeypatch):
    from sqlalchemy import event

    import claims.pipeline.ingest as pipeline_ingest

    monkeypatch.setattr(pipeline_ingest, "SECONDS_PER_COMMIT", 3600)
    monkeypatch.setattr(pipeline_ingest, "ARTICLES_PER_COMMIT", 4)
    commits = []
    event.listen(store.engine, "commit", lambda conn: commits.append(conn))
    articles = [_flood(i) for i in range(10)]
    # The same text twice in one batch: stored once, the second named as stored already.
    result = ingest_articles(store, [*articles[:3], articles[1], *articles[3:]])
    assert len(result.stored) == 10 and result.already_stored == [result.stored[1]]
    assert len(commits) == 3  # batches of 4, 4 and the last 3 (11 inputs, one a repeat)
    with store.reading() as conn:
        rows = conn.execute(select(ClaimRecord.__table__.c.article_id)).scalars().all()
    assert set(rows) == set(result.stored) and len(rows) == result.claims_stored  # none lost, none twice


def test_an_article_that_cannot_be_written_rolls_back_alone(store, monkeypatch):
    # A clash inside one article's savepoint (as a concurrent writer would cause) undoes that
    # article only; the others of the batch are committed.
    from sqlalchemy.exc import IntegrityError

    import claims.store.ingest as store_ingest

    real = store_ingest._store_article
    calls = []

    def clashing(conn, article, *args):
        calls.append(article.origin)
        if article.origin == "1.txt" and calls.count("1.txt") == 1:
            real(conn, article, *args)  # rows written, then the clash: all of them must go
            raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))
        return real(conn, article, *args)

    monkeypatch.setattr(store_ingest, "_store_article", clashing)
    result = ingest_articles(store, [_flood(i) for i in range(3)])
    assert len(result.stored) == 3 and calls == ["0.txt", "1.txt", "1.txt", "2.txt"]
    with store.reading() as conn:
        paths = conn.execute(select(Article.__table__.c.path)).scalars().all()
        claims = conn.execute(select(ClaimRecord.__table__.c.id)).scalars().all()
    assert sorted(paths) == ["0.txt", "1.txt", "2.txt"] and len(claims) == result.claims_stored


@pytest.mark.postgres
def test_a_large_ingest_refreshes_the_planners_statistics_on_postgresql(postgres_url, monkeypatch):
    # With no statistics PostgreSQL scanned the whole term index for every article it grouped.
    import claims.pipeline.ingest as pipeline_ingest
    from claims.store.database import open_store

    monkeypatch.setattr(pipeline_ingest, "FIRST_STATISTICS_REFRESH", 4)
    monkeypatch.setattr(pipeline_ingest, "ARTICLES_PER_COMMIT", 3)
    store = open_store(postgres_url)
    rows_seen = "select reltuples from pg_class where oid = 'story_terms'::regclass"
    try:
        with store.reading() as conn:
            assert conn.exec_driver_sql(rows_seen).scalar() < 0  # never analyzed
        assert len(ingest_articles(store, [_flood(i) for i in range(10)]).stored) == 10
        with store.reading() as conn:
            assert conn.exec_driver_sql(rows_seen).scalar() > 0
    finally:
        store.dispose()
