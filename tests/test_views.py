"""The database as a data desk reads it: views that join a discrepancy to its claims, articles,
story and review; and datasette metadata that describes every table, view and column."""

from __future__ import annotations

import json
import sqlite3

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from claims.check.triage import discrepancies
from claims.store.database import _alembic_config, open_store
from claims.store.metadata import TABLES, datasette_metadata

from .conftest import FIXTURES

STORIES = FIXTURES / "stories"
VIEWS = ("discrepancy_overview", "review_decisions", "claim_overview")


@pytest.fixture
def audited(run, db_url):
    """The story fixtures audited into `db_url`, one discrepancy confirmed with a note, one dismissed."""
    assert run("audit", STORIES, "--db", db_url, "--exit-zero").exit_code == 0
    found = json.loads(run("conflicts", "--db", db_url, "--format", "json").stdout)["conflicts"]
    assert len(found) >= 2
    confirmed, dismissed = found[0], found[-1]
    assert (
        run(
            "review",
            confirmed["id"],
            "--db",
            db_url,
            "--confirm",
            "--reviewer",
            "Desk editor",
            "--note",
            "Called the ministry",
        ).exit_code
        == 0
    )
    assert run("review", dismissed["id"], "--db", db_url, "--dismiss", "--reviewer", "Night editor").exit_code == 0
    store = open_store(db_url)
    yield store, confirmed["id"], dismissed["id"]
    store.dispose()


def _rows(store, query: str, **params) -> list[dict]:
    # Plain SQL, as sqlite3, psql or datasette would send it.
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(text(query), params)]


def test_discrepancy_overview_shows_both_claims_their_articles_story_and_review(audited):
    store, confirmed_id, dismissed_id = audited
    expected = {d["id"]: d for d in discrepancies(store, include_dismissed=True, include_inactive=True)}
    rows = {row["id"]: row for row in _rows(store, "SELECT * FROM discrepancy_overview")}
    assert rows.keys() == expected.keys()
    for number, row in rows.items():
        item = expected[number]
        assert (row["fingerprint"], row["kind"], row["severity"], row["status"], row["explanation"]) == (
            item["fingerprint"],
            item["kind"],
            item["severity"],
            item["status"],
            item["explanation"],
        )
        assert row["story_name"] == (item["story"] or {}).get("name")
        for side, claim in zip("ab", item["claims"]):
            assert row[f"claim_{side}_id"] == claim["id"]
            assert row[f"claim_{side}_text"] == claim["text"]
            assert row[f"claim_{side}_value"] == claim["value"]
            assert row[f"claim_{side}_sentence"] == claim["sentence"]
            assert row[f"claim_{side}_article_title"] == claim["article"]["title"]
            assert row[f"claim_{side}_article_url"] == claim["article"]["url"]
            assert row[f"claim_{side}_article_published"] == claim["article"]["published"]
    assert (rows[confirmed_id]["status"], rows[confirmed_id]["reviewer"], rows[confirmed_id]["note"]) == (
        "confirmed",
        "Desk editor",
        "Called the ministry",
    )
    assert rows[confirmed_id]["reviewed_at"] is not None
    assert rows[dismissed_id]["status"] == "dismissed"
    unreviewed = [row for number, row in rows.items() if number not in (confirmed_id, dismissed_id)]
    assert unreviewed and all(row["status"] == "open" and row["review_id"] is None for row in unreviewed)


def test_review_decisions_lead_back_to_their_discrepancies(audited):
    store, confirmed_id, dismissed_id = audited
    decisions = _rows(store, "SELECT discrepancy_id, status, reviewer FROM review_decisions ORDER BY discrepancy_id")
    assert sorted((d["discrepancy_id"], d["status"], d["reviewer"]) for d in decisions) == sorted(
        [(confirmed_id, "confirmed", "Desk editor"), (dismissed_id, "dismissed", "Night editor")]
    )
    # And from a discrepancy to its decision: the overview names the review row.
    joined = _rows(
        store,
        "SELECT o.id FROM discrepancy_overview o JOIN reviews r ON r.id = o.review_id WHERE r.status = :status",
        status="confirmed",
    )
    assert [row["id"] for row in joined] == [confirmed_id]


def test_claim_overview_counts_the_discrepancies_each_figure_is_in(audited):
    store, _, _ = audited
    per_claim = _rows(store, "SELECT id, article_title, story_name, discrepancies FROM claim_overview")
    assert len(per_claim) == _rows(store, "SELECT COUNT(*) AS n FROM claims")[0]["n"]
    active = _rows(store, "SELECT claim_a_id, claim_b_id FROM discrepancies WHERE active = :yes", yes=True)
    assert sum(row["discrepancies"] for row in per_claim) == 2 * len(active)
    involved = {row["claim_a_id"] for row in active} | {row["claim_b_id"] for row in active}
    assert {row["id"] for row in per_claim if row["discrepancies"]} == involved
    assert all(row["article_title"] and row["story_name"] for row in per_claim)


def test_sqlite3_reads_the_view_without_claims_installed(run, tmp_path):
    # What `sqlite3 claims.db` and datasette see: the standard library, no SQLAlchemy.
    path = tmp_path / "desk.db"
    assert run("audit", STORIES, "--db", f"sqlite:///{path}", "--exit-zero").exit_code == 0
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT kind, status, claim_a_sentence, claim_b_article_title FROM discrepancy_overview"
        ).fetchall()
    assert rows and all(status == "open" and sentence and title for _, status, sentence, title in rows)


def test_downgrading_past_0006_drops_the_views_and_upgrading_brings_them_back(db_url):
    open_store(db_url).dispose()
    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:
            command.downgrade(_alembic_config(conn), "0005")
        assert not set(VIEWS) & set(inspect(engine).get_view_names())
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "head")
        assert set(VIEWS) <= set(inspect(engine).get_view_names())
    finally:
        engine.dispose()


def test_every_table_view_and_column_of_the_schema_is_described(store):
    inspector = inspect(store.engine)
    schema = {
        name: {column["name"] for column in inspector.get_columns(name)}
        for name in inspector.get_table_names() + inspector.get_view_names()
    }
    described = {name: set(d.columns) for name, d in TABLES.items()}
    assert set(schema) == set(described), "describe every table and view in claims/store/metadata.py"
    for name, columns in schema.items():
        assert columns == described[name], f"{name}: describe every column, and only columns that exist"
    assert all(text.strip() for d in TABLES.values() for text in [d.description, *d.columns.values()])


def test_claims_metadata_writes_datasette_json_named_after_the_database_file(run, tmp_path):
    target = tmp_path / "metadata.json"
    result = run("metadata", "--db", f"sqlite:///{tmp_path / 'newsroom.db'}", "-o", target)
    assert result.exit_code == 0, result.output
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written == datasette_metadata("newsroom")
    tables = written["databases"]["newsroom"]["tables"]
    overview = tables["discrepancy_overview"]
    assert overview["description"] and overview["columns"]["claim_a_sentence"]
    assert tables["stories"]["label_column"] == "name"
    # Written again over its own file, as a Makefile would.
    assert run("metadata", "--db", f"sqlite:///{tmp_path / 'newsroom.db'}", "-o", target).exit_code == 0


def test_claims_metadata_never_overwrites_a_file_it_did_not_write(run, tmp_path):
    database = tmp_path / "claims.db"
    assert run("audit", STORIES, "--db", f"sqlite:///{database}", "--exit-zero").exit_code == 0
    before = database.read_bytes()
    result = run("metadata", "-o", database)
    assert result.exit_code == 2
    assert str(database) in result.output and "--force" in result.output
    assert database.read_bytes() == before
