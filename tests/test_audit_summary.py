"""Long audits made short: --summary and --limit on audit, check and conflicts, and what audit and check
say on stderr about what they stored and what they left out of comparison."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import pytest

from claims.check.checker import run_check
from claims.pipeline.ingest import ingest_articles
from claims.sources import read_articles
from claims.store.queries import list_claims

from .conftest import FIXTURES, SEED

STORIES = FIXTURES / "stories"
RANK = {"high": 0, "medium": 1, "low": 2}


def _conflicts(result) -> list[dict]:
    return json.loads(result.stdout)["conflicts"]


def _summary(result) -> dict[tuple[str, str], dict]:
    return {(row["by"], row["name"]): row for row in json.loads(result.stdout)["summary"]}


@pytest.fixture
def audited(run):
    """Every fixture article audited once; the full list as JSON."""
    full = run("audit", FIXTURES, "--format", "json")
    items = _conflicts(full)
    assert len(items) > 3, "the fixtures must give enough discrepancies to cut the list"
    return items


def test_summary_counts_match_the_full_list(run, audited):
    rows = _summary(run("conflicts", "--summary", "--format", "json"))
    for group, name_of in (
        ("kind", lambda d: d["kind"]),
        ("severity", lambda d: d["severity"]),
        ("story", lambda d: d["story"]["name"]),
    ):
        expected = Counter(name_of(d) for d in audited)
        assert {name: row["total"] for (by, name), row in rows.items() if by == group} == dict(expected)
    everything = rows[("all", "")]
    assert (everything["total"], everything["open"], everything["reviewed"]) == (len(audited), len(audited), 0)


def test_summary_splits_open_from_reviewed(run, audited):
    confirmed = audited[0]
    assert run("review", confirmed["id"], "--confirm").exit_code == 0
    rows = _summary(run("conflicts", "--summary", "--format", "json"))
    assert rows[("kind", confirmed["kind"])]["reviewed"] == 1
    assert rows[("severity", confirmed["severity"])]["reviewed"] == 1
    assert (rows[("all", "")]["open"], rows[("all", "")]["reviewed"]) == (len(audited) - 1, 1)


def test_audit_summary_keeps_the_exit_code_of_the_full_list(run, tmp_path, monkeypatch):
    full = run("audit", SEED, "--format", "json")
    monkeypatch.setenv("CLAIMS_DB", f"sqlite:///{tmp_path / 'second.db'}")
    summarized = run("audit", SEED, "--summary")
    assert full.exit_code == summarized.exit_code == 1
    assert "open at or above low" in summarized.stderr
    # The summary replaces the list: no explanation or sentence of a discrepancy is printed.
    assert all(d["explanation"] not in summarized.stdout for d in _conflicts(full))


def test_summary_formats(run, audited):
    kinds = {d["kind"] for d in audited}
    table = run("check", "--summary").stdout
    assert table.splitlines()[0].split() == ["by", "name", "total", "open", "reviewed"]
    assert all(re.search(rf"^kind\s+{kind}\s+\d", table, re.M) for kind in kinds)
    markdown = run("check", "--summary", "--format", "md").stdout
    assert "| by | name | total | open | reviewed |" in markdown
    assert all(f"| kind | {kind} |" in markdown for kind in kinds)
    rows = list(csv.DictReader(io.StringIO(run("conflicts", "--summary", "--format", "csv").stdout)))
    assert [r for r in rows if r["by"] == "all"][0]["total"] == str(len(audited))
    lines = run("conflicts", "--summary", "--format", "jsonl").stdout.splitlines()
    assert json.loads(lines[-1])["total"] == len(audited)


def test_limit_shows_the_most_severe_and_counts_the_rest_on_stderr(run, audited):
    limit = 2
    result = run("conflicts", "--limit", limit, "--format", "json")
    shown = _conflicts(result)
    ranks = sorted(RANK[d["severity"]] for d in audited)
    assert [RANK[d["severity"]] for d in shown] == ranks[:limit]
    assert f"{len(audited) - limit} more discrepancy(ies) not shown" in result.stderr


def test_limit_does_not_change_the_exit_code(run, audited):
    # Even with nothing shown, every open discrepancy still counts.
    everything = run("check")
    nothing = run("check", "--limit", 0, "--format", "json")
    assert everything.exit_code == nothing.exit_code == 1
    assert _conflicts(nothing) == []
    assert f"0 of {len(audited)} discrepancy(ies) shown" in nothing.stderr


def test_limit_above_the_count_shows_everything_and_says_nothing_more(run, audited):
    result = run("conflicts", "--limit", len(audited) + 5, "--format", "json")
    assert sorted(d["id"] for d in _conflicts(result)) == sorted(d["id"] for d in audited)
    assert "not shown" not in result.stderr


def test_negative_limit_is_a_usage_error(run):
    assert run("check", "--limit", -1).exit_code == 2


def test_audit_says_what_it_stored(run):
    first = run("audit", SEED)
    stored = len(json.loads(run("list", "--format", "json").stdout)["claims"])
    assert f"stored 1 article(s) with {stored} claim(s); 0 already stored; 0 refused" in first.stderr
    again = run("audit", SEED)
    assert "stored 0 article(s) with 0 claim(s); 1 already stored; 0 refused" in again.stderr


def test_check_says_why_it_compared_fewer_claims_than_are_stored(run):
    run("ingest", STORIES)
    result = run("check")
    claims = json.loads(run("list", "--format", "json").stdout)["claims"]
    read, stored = map(int, re.search(r"checked (\d+) of (\d+) stored claim", result.stderr).groups())
    assert stored == len(claims) and read < stored
    line = next(line for line in result.stderr.splitlines() if line.startswith("not compared:"))
    # Each kind that states no amount is named with its count.
    for kind, count in Counter(c["kind"] for c in claims if c["kind"] in ("date", "year")).items():
        assert f"{kind} {count}" in line


def test_check_result_accounts_for_every_stored_claim(store):
    for folder in sorted(p for p in STORIES.iterdir() if p.is_dir()):
        ingest_articles(store, read_articles([str(folder)]), story=folder.name)
    result = run_check(store)
    claims = list_claims(store)
    left_out = result.left_out
    assert result.claims_stored == len(claims)
    assert (
        result.claims_read
        == result.claims_stored - left_out["not_amount"] - left_out["boilerplate"] - left_out["no_number"]
    )
    assert result.not_amount_kinds == dict(
        Counter(
            c["kind"]
            for c in claims
            if c["kind"] not in ("count", "quantity", "money", "percent", "percentage_point", "fraction", "duration")
        )
    )
    assert left_out["boilerplate"] == sum(
        1 for c in claims if c["is_boilerplate"] and c["kind"] not in result.not_amount_kinds
    )
    assert 0 <= left_out["no_topic"] <= result.claims_read


def test_summary_keeps_a_hostile_story_name_inert(run):
    name = '=HYPERLINK("x")\x1b[2J|*bão*'
    assert run("audit", SEED, "--story", name, "--exit-zero").exit_code == 0
    table = run("conflicts", "--summary").stdout
    assert "\x1b" not in table
    rows = list(csv.DictReader(io.StringIO(run("conflicts", "--summary", "--format", "csv").stdout)))
    story = [r["name"] for r in rows if r["by"] == "story"]
    # A spreadsheet must not run it as a formula.
    assert len(story) == 1 and story[0].startswith("'=")
    markdown = run("conflicts", "--summary", "--format", "md").stdout
    row = next(line for line in markdown.splitlines() if line.startswith("| story |"))
    # The pipe and the emphasis marks stay text: the row keeps its five cells.
    assert "\\|" in row and "\\*" in row and row.count(" | ") == 4
