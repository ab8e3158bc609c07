"""Every command through typer's CliRunner: output formats, exit codes, the seed audit."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from .conftest import FIXTURES, SEED

ENGLISH = FIXTURES / "iraq-withdrawal.en.txt"


def _claims(result) -> list[dict]:
    return json.loads(result.stdout)["claims"]


def _find(claims, text):
    return [c for c in claims if c["text"] == text]


def test_extract_seed_gives_the_issue_figures(run):
    result = run("extract", SEED, "--format", "json")
    assert result.exit_code == 0
    claims = _claims(result)
    troops = [c for c in claims if c["concept"] == "troops" and c["value"] == 2500]
    assert len(troops) == 2
    assert all(
        c["qualifier"] == "approx" and c["subject"] == "lính Mỹ" and c["location"] == "Iraq" and c["actor"] == "US"
        for c in troops
    )
    assert {c["roles"].get("against") for c in troops} == {"Israel", "IS"}
    syria = [c for c in claims if c["value"] == 900]
    assert (
        len(syria) == 1
        and syria[0]["location"] == "Syria"
        and syria[0]["concept"] == "troops"
        and syria[0]["qualifier"] == "approx"
    )
    attacks = _find(claims, "hơn 150")
    assert len(attacks) == 1 and attacks[0]["qualifier"] == "more_than" and attacks[0]["concept"] == "attacks"
    third = [c for c in claims if c["kind"] == "fraction"]
    assert len(third) == 1 and abs(third[0]["value"] - 1 / 3) < 1e-9 and third[0]["qualifier"] == "approx"
    assert "lãnh thổ" in third[0]["subject"]
    nine = _find(claims, "ít nhất 9 tháng")
    assert nine and nine[0]["kind"] == "duration" and nine[0]["qualifier"] == "at_least" and nine[0]["unit"] == "month"
    assert any(c["kind"] == "duration" and c["value"] == 12 and c["unit"] == "month" for c in claims)
    dates = {c["text"] for c in claims if c["kind"] == "date"}
    assert {"27/9", "27/1"} <= {d.split()[-1] for d in dates}
    assert not [c for c in claims if c["kind"] == "fraction" and c["text"].endswith(("27/9", "27/1"))]
    assert {2014.0, 2017.0, 2024.0} <= {c["value"] for c in claims if c["kind"] == "year"}


def test_extract_offsets_slice_the_article_text(run):
    from claims.sources import article_from_text

    text = article_from_text(SEED.read_text(encoding="utf-8"), origin="seed").text
    for claim in _claims(run("extract", SEED, "--format", "json")):
        assert text[claim["start"] : claim["end"]] == claim["text"]
        assert claim["text"] in claim["sentence"]


def test_english_report_gives_the_same_figures_with_english_qualifiers(run):
    claims = _claims(run("extract", ENGLISH, "--format", "json"))
    troops = [c for c in claims if c["concept"] == "troops" and c["value"] == 2500]
    assert troops and all(c["qualifier"] == "approx" and c["location"] == "Iraq" for c in troops)
    assert any(c["value"] == 900 and c["location"] == "Syria" and c["concept"] == "troops" for c in claims)
    assert any(c["value"] == 150 and c["qualifier"] == "more_than" and c["concept"] == "attacks" for c in claims)
    assert any(c["kind"] == "fraction" and abs(c["value"] - 1 / 3) < 1e-9 for c in claims)
    assert any(c["kind"] == "duration" and c["qualifier"] == "at_least" and c["value"] == 9 for c in claims)


def test_table_prints_vietnamese_numbers_as_written(run):
    result = run("extract", SEED)
    assert result.exit_code == 0
    assert "khoảng 2.500" in result.stdout and "2.5 " not in result.stdout


def test_csv_and_jsonl_formats(run):
    rows = list(csv.DictReader(io.StringIO(run("extract", SEED, "--format", "csv").stdout)))
    assert any(r["text"] == "hơn 150" for r in rows)
    lines = run("extract", SEED, "--format", "jsonl").stdout.strip().splitlines()
    assert len(lines) == len(rows) and all(json.loads(line)["text"] for line in lines)


def test_audit_seed_flags_the_context_conflict_and_exits_1(run):
    result = run("audit", SEED, "--format", "json")
    assert result.exit_code == 1
    conflicts = json.loads(result.stdout)["conflicts"]
    context = [d for d in conflicts if d["kind"] == "context"]
    assert len(context) == 1
    sentences = [c["sentence"] for c in context[0]["claims"]]
    assert any("chống Israel" in s for s in sentences) and any("chống IS" in s for s in sentences)
    assert all(c["text"] == "khoảng 2.500" for c in context[0]["claims"])


def test_audit_table_shows_both_sentences(run):
    result = run("audit", SEED)
    assert result.exit_code == 1
    assert "chống Israel" in result.stdout and "chống IS " in result.stdout.replace("chống IS.", "chống IS ")
    # The "chống Israel" sentence is a photo caption on the page, and the table says so.
    assert "photo caption" in result.stdout


def test_audit_of_a_consistent_article_exits_0(run, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text(
        "Lũ ở miền Trung\n\nCó 12 người chết ở Quảng Bình. Cơ quan chức năng xác nhận 12 người chết ở Quảng Bình.\n",
        encoding="utf-8",
    )
    result = run("audit", clean, "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["conflicts"] == []


def test_exit_zero_and_fail_on(run):
    assert run("audit", SEED, "--exit-zero").exit_code == 0
    # The seed's conflict is high severity: --fail-on high still fails.
    assert run("check", "--fail-on", "high").exit_code == 1


def test_dismissed_discrepancies_do_not_fail_and_stay_hidden(run):
    conflicts = json.loads(run("audit", SEED, "--format", "json").stdout)["conflicts"]
    for item in conflicts:
        assert run("review", item["id"], "--dismiss", "--note", "checked with the desk").exit_code == 0
    assert run("check").exit_code == 0
    assert json.loads(run("conflicts", "--format", "json").stdout)["conflicts"] == []
    shown = json.loads(run("conflicts", "--all", "--format", "json").stdout)["conflicts"]
    assert {d["status"] for d in shown} == {"dismissed"} and shown[0]["note"] == "checked with the desk"
    # Re-ingesting the same text keeps the decision.
    assert run("audit", SEED).exit_code == 0


def test_ingest_is_idempotent_and_list_filters(run):
    assert run("ingest", SEED).exit_code == 0
    first = _claims(run("list", "--format", "json"))
    assert run("ingest", SEED).exit_code == 0
    assert len(_claims(run("list", "--format", "json"))) == len(first)
    syria = _claims(run("list", "--concept", "troops", "--location", "Syria", "--format", "json"))
    assert [c["value"] for c in syria] == [900]
    assert all(c["kind"] == "year" for c in _claims(run("list", "--kind", "year", "--format", "json")))


@pytest.mark.parametrize(
    "fmt,marker", [("html", "<!DOCTYPE html"), ("md", "#"), ("csv", "kind"), ("json", '"conflicts"')]
)
def test_report_writes_each_format(run, tmp_path, fmt, marker):
    run("audit", SEED)
    out = tmp_path / f"report.{fmt}"
    result = run("report", "--format", fmt, "-o", out)
    assert result.exit_code == 0
    body = out.read_text(encoding="utf-8")
    assert marker.lower() in body.lower() and "Israel" in body


def test_stories_lists_articles(run):
    run("ingest", SEED)
    stories = json.loads(run("stories", "--format", "json").stdout)
    items = stories["stories"] if isinstance(stories, dict) else stories
    assert len(items) == 1 and items[0]["articles"][0]["title"].startswith("Mỹ phác thảo")


def test_missing_file_is_one_line_and_exit_2(run, tmp_path):
    missing = tmp_path / "nope.txt"
    result = run("audit", missing)
    assert result.exit_code == 2
    assert str(missing) in result.stderr and "Traceback" not in result.stderr


def test_ingest_partial_success_exits_1_and_stores_the_rest(run, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "empty.txt").write_bytes(b"")
    result = run("ingest", folder)
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr
    assert _claims(run("list", "--format", "json"))


def test_stdin_is_read_with_a_dash(run):
    result = run("extract", "-", "--format", "json", input="Tin nhanh\n\nCó hơn 150 cuộc tấn công.\n".encode())
    assert [c["text"] for c in _claims(result)] == ["hơn 150"]


def test_review_needs_a_decision_or_a_note(run):
    run("audit", SEED)
    result = run("review", "1")
    assert result.exit_code == 2 and "nothing to record" in result.stderr


def test_unknown_discrepancy_is_a_clear_error(run):
    run("ingest", SEED)
    result = run("review", "999", "--confirm")
    assert result.exit_code == 2 and "no discrepancy" in result.stderr


def test_library_is_usable_without_the_cli():
    import claims

    found = claims.extract_claims("Có khoảng 2.500 lính Mỹ ở Iraq.")
    assert [(c.text, c.value, c.concept, c.location) for c in found] == [("khoảng 2.500", 2500, "troops", "Iraq")]
    assert [m.text for m in claims.parse_numbers("hơn 150 cuộc tấn công", "vi")] == ["hơn 150"]
