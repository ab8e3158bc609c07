"""The claims table on both backends: idempotent ingest, migrations, reviews that survive re-runs."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, text

from claims.check.checker import run_check
from claims.check.triage import discrepancies, review
from claims.pipeline.ingest import ingest_articles
from claims.sources import article_from_text
from claims.store.database import MIGRATIONS, open_store
from claims.store.models import Article, ClaimRecord
from claims.store.queries import list_claims, list_stories

from .conftest import ROOT, SEED


def _seed_article():
    return article_from_text(SEED.read_text(encoding="utf-8"), origin=str(SEED), path=str(SEED))


def _head() -> str:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def _count(store, table) -> int:
    with store.reading() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def test_migrations_create_every_table_and_record_the_revision(store):
    tables = set(inspect(store.engine).get_table_names())
    assert {"articles", "claims", "discrepancies", "reviews", "stories", "alembic_version"} <= tables
    with store.reading() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == _head()


def test_reopening_a_current_database_changes_nothing(db_url):
    open_store(db_url).dispose()
    again = open_store(db_url)
    with again.reading() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    again.dispose()


def test_ingest_stores_the_article_and_its_claims_once(store):
    first = ingest_articles(store, [_seed_article()])
    assert len(first.stored) == 1 and first.claims_stored > 10
    second = ingest_articles(store, [_seed_article()])
    assert second.stored == [] and second.already_stored == first.stored
    assert _count(store, Article.__table__) == 1
    assert _count(store, ClaimRecord.__table__) == first.claims_stored


def test_stored_offsets_slice_the_stored_text(store):
    ingest_articles(store, [_seed_article()])
    with store.reading() as conn:
        body = conn.execute(select(Article.__table__.c.text)).scalar()
        rows = conn.execute(
            select(ClaimRecord.__table__.c.start, ClaimRecord.__table__.c.end, ClaimRecord.__table__.c.text)
        ).all()
    assert rows and all(body[start:end] == claim for start, end, claim in rows)


def test_list_filters_by_concept_location_and_kind(store):
    ingest_articles(store, [_seed_article()])
    troops = list_claims(store, subject="troops")
    assert troops and all(c["concept"] == "troops" for c in troops)
    in_syria = list_claims(store, subject="troops", location="Syria")
    assert [c["value"] for c in in_syria] == [900.0]
    years = list_claims(store, kind="year")
    assert {c["value"] for c in years} >= {2014.0, 2017.0, 2024.0}


def test_seed_context_conflict_is_recorded_with_both_sentences(store):
    ingest_articles(store, [_seed_article()])
    run_check(store)
    found = [d for d in discrepancies(store) if d["kind"] == "context"]
    assert len(found) == 1
    sentences = " || ".join(c["sentence"] for c in found[0]["claims"])
    assert "chống Israel" in sentences and "chống IS" in sentences


def test_a_dismissal_survives_reingest_and_recheck(store, tmp_path):
    ingest_articles(store, [_seed_article()])
    run_check(store)
    target = discrepancies(store)[0]
    review(store, str(target["id"]), "dismissed", "caption error, reported to the desk", "editor")
    assert target["fingerprint"] not in {d["fingerprint"] for d in discrepancies(store)}
    ingest_articles(store, [_seed_article()])
    run_check(store)
    run_check(store)
    kept = discrepancies(store, include_dismissed=True)
    match = [d for d in kept if d["fingerprint"] == target["fingerprint"]]
    assert match and match[0]["status"] == "dismissed" and match[0]["note"] == "caption error, reported to the desk"
    assert match[0]["reviewer"] == "editor"


def test_a_note_alone_keeps_the_status(store):
    ingest_articles(store, [_seed_article()])
    run_check(store)
    target = discrepancies(store)[0]
    review(store, target["fingerprint"][:10], "confirmed", None, "a")
    updated = review(store, str(target["id"]), None, "called the ministry", "b")
    assert updated["status"] == "confirmed" and updated["note"] == "called the ministry"


def test_manual_story_groups_articles(store):
    a = article_from_text("title: Bài một\n\nCó 10 người chết ở Hà Nội.", origin="a")
    b = article_from_text("title: Bài hai\n\nCó 12 người chết ở Đà Nẵng.", origin="b")
    ingest_articles(store, [a, b], story="flood-2024")
    stories = list_stories(store)
    assert [(s["name"], len(s["articles"])) for s in stories] == [("flood-2024", 2)]


def test_an_0001_database_is_upgraded_and_its_articles_still_attract_their_story(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine

    from claims.store.database import _alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
        conn.execute(
            text("INSERT INTO stories (id, name, manual, created_at) VALUES (1, 'Bão Yagi', 0, '2024-09-08 00:00:00')")
        )
        conn.execute(
            text(
                "INSERT INTO articles "
                "(id, content_hash, title, published, lang, text, signature, story_id, ingested_at) "
                "VALUES (1, 'h1', 'Bão Yagi đổ bộ Quảng Ninh', '2024-09-08', 'vi', "
                "'Bão Yagi đổ bộ Quảng Ninh, Hải Phòng và Thái Bình.', "
                "'bão bình dương hải ninh phòng quảng thái yagi', 1, '2024-09-08 00:00:00')"
            )
        )
    engine.dispose()
    store = open_store(url)  # upgrades to head: the term index, then signatures read again with whole names
    with store.reading() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == _head()
        terms = set(conn.execute(text("SELECT term FROM story_terms WHERE article_id = 1")).scalars())
        # Read again by today's grouping: pairs of syllables, and places under their canonical name.
        assert {"bão_yagi", "quang_ninh", "hai_phong", "thai_binh"} <= terms
        assert {"bão_yagi", "quang_ninh"} <= set(
            conn.execute(text("SELECT signature FROM articles WHERE id = 1")).scalar().split()
        )
    later = article_from_text(
        "title: Bão Yagi: Quảng Ninh thiệt hại nặng\ndate: 2024-09-09\n\n"
        "Bão Yagi quét qua Quảng Ninh và Hải Phòng, 3 người chết.",
        origin="later",
    )
    result = ingest_articles(store, [later])
    with store.reading() as conn:
        story = conn.execute(text("SELECT story_id FROM articles WHERE id = :id"), {"id": result.stored[0]}).scalar()
    assert story == 1


def test_migrations_match_the_models(store):
    # Every schema change ships as a migration: the migrated schema has nothing the models lack or add.
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []


# Opens the store at argv[1] at the wall-clock time argv[2], so the processes race for real.
_OPEN_AT = """
import sys, time
from claims.store.database import MIGRATIONS, open_store
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
open_store(sys.argv[1]).dispose()
"""


@pytest.mark.postgres
def test_concurrent_first_opens_of_a_fresh_postgres_schema_all_succeed(postgres_url):
    # Separate processes, as separate `claims ingest` runs are (alembic's context is process-wide,
    # so threads would not do). Before the migration lock, those that created the same tables
    # at once failed on pg_type's unique index.
    start_at = time.time() + 4
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN_AT, postgres_url, str(start_at)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    failures = []
    for process in processes:
        _, err = process.communicate(timeout=120)
        if process.returncode != 0:
            failures.append(err.strip().splitlines()[-1:])
    assert not failures
    store = open_store(postgres_url)
    with store.reading() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [_head()]
    store.dispose()
