"""Shared fixtures: a database per test, on SQLite and, where configured, PostgreSQL."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "iraq-withdrawal.vi.txt"

POSTGRES_ENV = "CLAIMS_TEST_POSTGRES_URL"
# Set by .ci/run: there a skipped PostgreSQL test is a failure, not a skip.
REQUIRE_ENV = "CLAIMS_REQUIRE_POSTGRES"


def _postgres_url_or_skip() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        reason = f"PostgreSQL tests need {POSTGRES_ENV} (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)"
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(f"{REQUIRE_ENV} is set but {reason}")
        pytest.skip(reason)
    return url


@pytest.fixture
def postgres_url():
    """A URL whose search_path is a fresh schema, dropped afterwards."""
    from sqlalchemy import create_engine, text

    base = _postgres_url_or_skip()
    schema = f"claims_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(base)
    try:
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # the server named by the variable must be reachable
        engine.dispose()
        pytest.fail(f"{POSTGRES_ENV} is set but the server is unreachable: {exc.__class__.__name__}")
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'claims.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """Each store test runs on both backends."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'claims.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(db_url):
    from claims.store.database import open_store

    opened = open_store(db_url)
    yield opened
    opened.dispose()


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Runs `claims ...` in-process with its database in a temporary folder; a traceback fails the test."""
    from typer.testing import CliRunner

    from claims.cli import app

    monkeypatch.setenv("CLAIMS_DB", f"sqlite:///{tmp_path / 'cli.db'}")
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke
