"""`claims report` and `claims conflicts` through the CLI: filters, fixed choices, the output
file's format, standard output, and the top-level --version."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from claims.cli import app

from .conftest import FIXTURES, ROOT

STORIES = FIXTURES / "stories"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """Runs `claims ...` against one checked database of the story fixtures (built once: ingest is slow)."""
    folder = tmp_path_factory.mktemp("report_cli")
    env = {"CLAIMS_DB": f"sqlite:///{folder / 'stories.db'}"}
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(app, [str(a) for a in args], env=env, catch_exceptions=False)

    assert invoke("ingest", STORIES).exit_code == 0
    invoke("check", "--exit-zero")
    return invoke


def _conflicts(run, *options) -> list[dict]:
    result = run("conflicts", "--format", "json", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["conflicts"]


@pytest.mark.parametrize("command", ["conflicts", "report"])
@pytest.mark.parametrize("option,typo", [("--kind", "values"), ("--severity", "hihg"), ("--status", "opne")])
def test_a_choice_that_does_not_exist_is_a_usage_error_naming_the_choices(run, tmp_path, command, option, typo):
    extra = ("-o", tmp_path / "r.html") if command == "report" else ()
    result = run(command, option, typo, *extra)
    assert result.exit_code == 2
    valid = {"--kind": "'arithmetic'", "--severity": "'medium'", "--status": "'confirmed'"}[option]
    assert typo in result.output and valid in result.output
    assert not (tmp_path / "r.html").exists()


def test_a_date_that_is_not_iso_is_a_usage_error(run):
    result = run("conflicts", "--since", "8/9/2024")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_conflicts_filter_by_kind_severity_story_status_and_date(run):
    everything = _conflicts(run)
    assert {d["kind"] for d in everything} >= {"value", "update"}
    assert {d["kind"] for d in _conflicts(run, "--kind", "update")} == {"update"}
    assert {d["severity"] for d in _conflicts(run, "--severity", "high")} == {"high"}
    named = everything[0]["story"]["name"]
    in_story = _conflicts(run, "--story", named.upper())
    assert in_story and {d["story"]["name"] for d in in_story} == {named}
    assert _conflicts(run, "--story", str(everything[0]["story"]["id"])) == in_story
    assert _conflicts(run, "--story", "no such story") == []
    assert _conflicts(run, "--status", "confirmed") == []
    dates = {c["article"]["published"] for d in everything for c in d["claims"]}
    first = min(dates)
    early = _conflicts(run, "--until", first)
    assert early and all(any(c["article"]["published"] <= first for c in d["claims"]) for d in early)
    assert len(_conflicts(run, "--since", first)) == len(everything)


def test_status_dismissed_shows_dismissed_ones(run):
    target = _conflicts(run, "--kind", "update")[0]
    run("review", target["id"], "--dismiss", "--note", "a later toll, not an error")
    try:
        assert target["id"] not in {d["id"] for d in _conflicts(run)}
        assert [d["id"] for d in _conflicts(run, "--status", "dismissed")] == [target["id"]]
    finally:
        run("review", target["id"], "--reopen")


def test_report_takes_its_format_from_the_extension(run, tmp_path):
    out = tmp_path / "report.csv"
    assert run("report", "-o", out).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,fingerprint,")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows and all(row["story"] for row in rows)


def test_report_refuses_a_format_the_extension_contradicts(run, tmp_path):
    result = run("report", "-o", tmp_path / "report.csv", "--format", "html")
    assert result.exit_code == 2 and "report.csv" in result.output
    assert not (tmp_path / "report.csv").exists()


def test_report_to_standard_output_with_a_dash(run):
    result = run("report", "-o", "-", "--format", "json", "--kind", "update")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["conflicts"] and {d["kind"] for d in document["conflicts"]} == {"update"}


def test_report_filters_like_conflicts(run, tmp_path):
    out = tmp_path / "high.json"
    run("report", "-o", out, "--severity", "high")
    assert {d["severity"] for d in json.loads(out.read_text(encoding="utf-8"))["conflicts"]} == {"high"}


def test_version_is_printed_by_the_command_and_by_python_m():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("claims ")
    module = subprocess.run(
        [sys.executable, "-m", "claims", "--version"], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert module.returncode == 0 and module.stdout == result.stdout


@pytest.mark.parametrize("command", [["audit"], ["report"], ["review"], ["conflicts"]])
def test_help_shows_plain_metavars(command):
    shown = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"}).output
    for code in ("<bool>", "<str>", "<path>", "<int", "list[", "{paths}", "{reference}"):
        assert code not in shown
    assert "TEXT" in shown or "PATH" in shown
    if command == ["audit"]:
        assert "PATHS..." in shown and "[low|medium|high]" in shown


def test_a_claim_kind_that_does_not_exist_is_a_usage_error_naming_the_kinds(run):
    result = run("list", "--kind", "counts")
    assert result.exit_code == 2 and "counts" in result.output and "'percentage_point'" in result.output
    listed = run("list", "--kind", "count", "--format", "json")
    assert listed.exit_code == 0 and {c["kind"] for c in json.loads(listed.stdout)["claims"]} == {"count"}


@pytest.mark.parametrize("args", [["-h"], ["list", "-h"], ["stories", "-h"]])
def test_h_is_help(run, args):
    result = run(*args)
    assert result.exit_code == 0 and "Usage:" in result.output
