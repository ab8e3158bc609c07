"""Faults: a killed ingest, several ingests at once, a read-only database, a full disk, secrets in errors."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from sqlalchemy import event
from typer.testing import CliRunner

from claims import extract_claims
from claims.cli import app
from claims.errors import StoreError
from claims.pipeline.ingest import ingest_articles
from claims.sources import article_from_text, read_articles
from claims.store.database import open_store

from .conftest import ROOT, SEED

PROVINCES = ["Quảng Ninh", "Hải Phòng", "Lào Cai", "Yên Bái", "Thái Nguyên", "Nghệ An", "Quảng Bình", "Hà Giang"]


def write_articles(folder, count: int) -> list:
    """`count` distinct small Vietnamese articles, each with a few figures."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        province = PROVINCES[i % len(PROVINCES)]
        text = (
            f"title: Mưa lũ ở {province}, bản tin số {i}\n"
            f"date: 2024-09-{1 + i % 28:02d}\n\n"
            f"Tính đến chiều nay, mưa lũ đã làm {i + 3} người chết "
            f"và khoảng {10 * i + 7} người bị thương ở {province}.\n"
            f"Hơn {1000 + i} ngôi nhà bị ngập, thiệt hại ước tính {i + 2},5 tỷ đồng.\n"
            f"Khoảng {i % 9 + 1}/10 diện tích lúa bị hư hại, theo Ban Chỉ đạo.\n"
        )
        path = folder / f"article-{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _cli(*args, env_db: str) -> subprocess.Popen:
    env = {**os.environ, "CLAIMS_DB": env_db}
    return subprocess.Popen(
        [sys.executable, "-m", "claims.cli", *map(str, args)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _counts(db_path) -> tuple[int, int, int]:
    with sqlite3.connect(db_path) as conn:
        articles = conn.execute("select count(*) from articles").fetchone()[0]
        distinct = conn.execute("select count(distinct content_hash) from articles").fetchone()[0]
        claims = conn.execute("select count(*) from claims").fetchone()[0]
    return articles, distinct, claims


@pytest.mark.slow
def test_ingest_killed_mid_run_leaves_whole_articles_and_a_rerun_completes(tmp_path):
    paths = write_articles(tmp_path / "batch", 300)
    db_path = tmp_path / "claims.db"
    url = f"sqlite:///{db_path}"
    process = _cli("ingest", tmp_path / "batch", env_db=url)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and stored < 20:
        time.sleep(0.05)
        if db_path.exists():
            try:
                stored = _counts(db_path)[0]
            except sqlite3.OperationalError:  # schema not created yet
                stored = 0
    assert process.poll() is None, "the ingest finished before it could be killed; make the batch larger"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)

    with sqlite3.connect(db_path) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        per_article = conn.execute(
            "select a.text, a.published, a.tail_start, count(c.id) from articles a "
            "left join claims c on c.article_id = a.id group by a.id"
        ).fetchall()
    assert 0 < len(per_article) < len(paths)
    for text, published, tail_start, stored_claims in per_article:
        # No article is half-written: each has every claim its text yields.
        assert stored_claims == len(extract_claims(text, published=published, tail_start=tail_start))

    rerun = _cli("ingest", tmp_path / "batch", env_db=url)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    articles, distinct, _ = _counts(db_path)
    assert articles == distinct == len(paths)


@pytest.mark.slow
def test_several_processes_ingesting_one_sqlite_file_all_succeed(tmp_path):
    paths = write_articles(tmp_path / "shared", 60)
    db_path = tmp_path / "claims.db"
    url = f"sqlite:///{db_path}"
    open_store(url).dispose()  # schema first, as a newsroom's database would be
    # Three processes with overlapping inputs: every file is read by at least two of them.
    batches = [paths[0:40], paths[20:60], paths[0:20] + paths[40:60]]
    processes = [_cli("ingest", *batch, env_db=url) for batch in batches]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()
    articles, distinct, claims = _counts(db_path)
    assert articles == distinct == len(paths)
    expected = sum(
        len(extract_claims(a.text, published=a.published, tail_start=a.tail_start))
        for a in read_articles([str(tmp_path / "shared")])
    )
    assert claims == expected


def test_read_only_database_is_a_clear_error_and_changes_nothing(tmp_path):
    db_path = tmp_path / "claims.db"
    store = open_store(f"sqlite:///{db_path}")
    ingest_articles(store, [article_from_text(SEED.read_text(encoding="utf-8"), origin="seed")])
    store.dispose()
    before = _counts(db_path)
    # Running as root, chmod does not stop writes (FINDINGS.md): open the file read-only instead.
    read_only = f"sqlite:///file:{db_path}?mode=ro&uri=true"
    extra = tmp_path / "extra.txt"
    extra.write_text("Tin mới\n\nCó 12 người chết ở Quảng Bình.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(extra), "--db", read_only])
    assert result.exit_code == 2
    assert "read-only" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert _counts(db_path) == before


def test_full_disk_is_a_clear_error_and_keeps_what_was_stored(tmp_path):
    db_path = tmp_path / "claims.db"
    store = open_store(f"sqlite:///{db_path}")
    ingest_articles(store, [article_from_text("Tin một\n\nCó 12 người chết ở Quảng Bình.\n", origin="first")])
    store.dispose()
    before = _counts(db_path)
    store = open_store(f"sqlite:///{db_path}")

    @event.listens_for(store.engine, "connect")
    def _no_more_pages(dbapi_connection, _record):
        # SQLite's own "disk is full": the file may not grow past its current size.
        pages = dbapi_connection.execute("pragma page_count").fetchone()[0]
        dbapi_connection.execute(f"pragma max_page_count = {pages}")

    store.engine.dispose()  # reconnect through the listener
    big = "Tin lớn\n\n" + "\n".join(
        f"Có {i} người chết và {i + 1} người bị thương ở Quảng Bình, lần thứ {i}." for i in range(3000)
    )
    with pytest.raises(StoreError, match="disk is full"):
        ingest_articles(store, [article_from_text(big, origin="big")])
    store.dispose()
    assert _counts(db_path) == before
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_database_password_never_appears_in_errors(tmp_path):
    secret = "s3cr3t-pass"
    url = f"postgresql+psycopg://claims:{secret}@127.0.0.1:9/nowhere"
    result = CliRunner().invoke(app, ["list", "--db", url])
    assert result.exit_code == 2
    assert secret not in result.stderr and secret not in result.stdout
    assert "***" in result.stderr or "cannot connect" in result.stderr
    with pytest.raises(StoreError) as raised:
        open_store(url)
    assert secret not in str(raised.value)


def test_unusable_database_url_is_one_line(tmp_path):
    result = CliRunner().invoke(app, ["list", "--db", "notaurl"])
    assert result.exit_code == 2
    assert "not a database URL" in result.stderr and "Traceback" not in result.stderr
