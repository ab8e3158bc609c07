"""What we print and write, whatever the articles, file names, URLs and options hold: tables that
do not crash on "2,500", characters that cannot rewrite a terminal, user text that rich prints as
written, secrets that never reach a message, reports that never overwrite a database, and one line
with exit 2 for every mistake a user can make."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from claims.check.triage import review
from claims.errors import InputError, StoreError
from claims.report import render_claims, render_discrepancies, render_stories
from claims.report.controls import UNSAFE
from claims.store.database import explain_db_error, open_store
from claims.store.queries import list_claims

from .conftest import FIXTURES, SEED
from .test_report import article, claim, discrepancy, story

# Each can rewrite or reorder what a reader sees: clear screen, colour, CSI in C1, bidi override and isolate.
HOSTILE = "\x1b[2J\x1b[31m", "\x9b31m", "\u202e", "\u2066", "\x07", "\u2028"


def _one_line_error(result, *fragments: str) -> None:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


# --- tables: tabulate 0.10 crashed on "1,150" with maxcolwidths and disable_numparse ------------


def test_tables_print_cells_with_comma_thousands():
    claims_out = render_claims(
        [claim(text="1,150", value=1150.0, subject="1,150 soldiers"), claim(text="about 2,500", value=2500.0)], "table"
    )
    assert "1,150" in claims_out and "about 2,500" in claims_out
    figure = claim(text="2,500", value=2500.0, sentence="There are 2,500 troops.", start=10, end=15)
    assert "2,500" in render_discrepancies([discrepancy(claims=[figure, claim(id=2)])], "table")
    assert "2,500" in render_stories(
        [story(name="1,150", articles=[{"id": 3, "title": "2,500", "path": "2,500.txt"}])], "table"
    )


def test_extract_from_stdin_prints_an_english_comma_figure(run):
    result = run("extract", "-", input=b"T\n\nThere are 2,500 US troops in Iraq.\n")
    assert result.exit_code == 0, result.stderr
    assert "2,500" in result.stdout


def test_extract_list_and_stories_print_the_fixtures_as_tables(run, tmp_path):
    titled = tmp_path / "titled.txt"
    titled.write_text("title: 2,500\n\nThere are 2,500 US troops in Iraq and 1,150 in Syria.\n", encoding="utf-8")
    assert run("extract", FIXTURES).exit_code == 0
    assert run("ingest", FIXTURES, titled).exit_code == 0
    listed = run("list")
    assert listed.exit_code == 0 and "1,150" in listed.stdout
    stories = run("stories")
    assert stories.exit_code == 0 and "2,500" in stories.stdout


def test_a_token_longer_than_its_column_is_cut_with_an_ellipsis():
    from claims.report.table import wrap_cell

    lines = wrap_cell("7" * 1_000_000, 22).split("\n")
    # Broken over a few lines at most, then cut: tabulate used to wrap it into 45,000 lines, in quadratic time.
    assert 1 < len(lines) <= 3 and all(len(line) <= 22 for line in lines)
    assert lines[-1].endswith("…") and set("".join(lines)) == {"7", "…"}
    table = render_claims([claim(text="7" * 1_000_000, subject="x" * 200_000)], "table")
    assert "…" in table and len(table) < 5_000


def test_a_huge_cell_is_cut_to_a_readable_length_with_an_ellipsis():
    from claims.report.table import wrap_cell

    lines = wrap_cell("lính Mỹ " * 200_000, 24).split("\n")
    assert len(lines) <= 40 and all(len(line) <= 24 for line in lines) and lines[-1].endswith("…")
    assert len(wrap_cell("\n" * 100_000, 24).split("\n")) <= 40


def test_wrapping_keeps_words_whole_within_the_column():
    from claims.report.table import wrap_cell

    cell = "Có khoảng 2.500 lính Mỹ được triển khai ở Iraq trong khuôn khổ liên minh"
    lines = wrap_cell(cell, 14).split("\n")
    assert all(len(line) <= 14 for line in lines)
    assert " ".join(lines).split() == cell.split()
    assert wrap_cell("dòng một\ndòng hai", 40) == "dòng một\ndòng hai"


# --- control and bidi characters: escaped at every output, stored text included ------------------


def _hostile_records():
    bad = "".join(HOSTILE)
    side = claim(
        text=f"khoảng{bad} 2.500",
        sentence=f"Có khoảng{bad} 2.500 lính {bad}.",
        subject=f"lính{bad}",
        article=article(title=f"Tin{bad}", path=f"/tmp/a{bad}.txt", url=f"https://x.vn/{bad}"),
    )
    stories = [story(name=f"Chuyện{bad}", articles=[{"id": 1, "title": f"Tin{bad}", "path": f"a{bad}.txt"}])]
    return [side], [discrepancy(explanation=f"why{bad}", note=f"note{bad}", claims=[side, claim(id=2)])], stories


@pytest.mark.parametrize("fmt", ["table", "csv", "md", "html", "json", "jsonl"])
def test_no_control_or_bidi_character_reaches_any_output(fmt):
    claims, items, stories = _hostile_records()
    outputs = [render_discrepancies(items, fmt)]
    if fmt not in ("md", "html"):
        outputs += [render_claims(claims, fmt), render_stories(stories, fmt)]
    for out in outputs:
        assert not {ord(c) for c in out} & UNSAFE, [c for c in out if ord(c) in UNSAFE]


def test_json_escapes_unsafe_characters_and_keeps_them_in_the_data():
    claims, _, _ = _hostile_records()
    out = render_claims(claims, "json")
    assert "\\u202e" in out and "\\u001b" in out
    assert json.loads(out)["claims"][0]["subject"] == claims[0]["subject"]


def test_csv_keeps_line_breaks_and_tabs_in_cells():
    row = next(csv.DictReader(io.StringIO(render_claims([claim(sentence="một\nhai\tba\u202e")], "csv"))))
    assert row["sentence"] == "một\nhai\tba\ufffd"


def test_a_hostile_file_name_is_escaped_on_stderr(run, tmp_path):
    name = tmp_path / "tin\x1b[31m\u202etxt.exe"
    result = run("extract", name)
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert "\\x1b[31m\\u202etxt.exe" in result.stderr


# --- rich markup and emoji codes in user text are printed as written ------------------------------


def test_a_file_name_with_markup_is_printed_as_written(run, tmp_path):
    result = run("extract", "x[/b].txt", tmp_path / "[bold]tin.txt", tmp_path / "a:fire:b.txt")
    assert result.exit_code == 1
    assert "x[/b].txt" in result.stderr and "[bold]tin.txt" in result.stderr and "a:fire:b.txt" in result.stderr


def test_a_database_url_with_markup_is_one_line(run):
    _one_line_error(run("list", "--db", "sqlite:////tmp/a[/x]/c.db"), "a[/x]")


def test_an_include_glob_with_markup_is_printed_as_written(run):
    result = run("extract", FIXTURES / "stories", "--include", "[/x]")
    assert "[/x]" in result.stderr and result.exit_code == 1


# --- review references and filters are matched as written, not as LIKE patterns -----------------


@pytest.fixture
def audited(tmp_path):
    from claims.check.checker import run_check
    from claims.pipeline.ingest import ingest_articles
    from claims.sources import article_from_text

    store = open_store(f"sqlite:///{tmp_path / 'review.db'}")
    ingest_articles(store, [article_from_text(SEED.read_text(encoding="utf-8"), origin="seed")])
    run_check(store)
    yield store
    store.dispose()


def test_review_reference_is_an_id_or_a_hex_prefix(audited):
    from claims.check.triage import discrepancies

    fingerprint = discrepancies(audited)[0]["fingerprint"]
    for wildcard in ("%" + fingerprint[1:7], "_" + fingerprint[1:7], "%", "²", "12ab-"):
        with pytest.raises(InputError, match="neither a discrepancy id nor a fingerprint prefix"):
            review(audited, wildcard, "confirmed", None, "desk")
    assert review(audited, fingerprint[:10].upper(), "confirmed", None, "desk")["fingerprint"] == fingerprint
    with pytest.raises(InputError, match="no discrepancy"):
        review(audited, "9" * 25, "confirmed", None, "desk")


def test_list_filters_match_percent_and_underscore_literally(audited):
    assert list_claims(audited)
    assert list_claims(audited, article="%") == [] and list_claims(audited, article="_") == []
    assert list_claims(audited, subject="%") == [] and list_claims(audited, article="²") == []
    assert list_claims(audited, article="9" * 25) == []


def test_limit_zero_lists_nothing_and_a_negative_limit_is_an_error(audited):
    assert list_claims(audited, limit=0) == []
    assert len(list_claims(audited, limit=2)) == 2
    assert len(list_claims(audited, limit=10**30)) == len(list_claims(audited))
    with pytest.raises(InputError):
        list_claims(audited, limit=-1)


# --- secrets in database URLs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url,secret",
    [
        ("postgresql+psycopg://claims:hunter2@db.local/news", "hunter2"),
        ("postgresql+psycopg://claims@db.local/news?password=hunter2", "hunter2"),
        ("postgresql+psycopg://claims@db.local/news?sslmode=require&sslpassword=hunter2", "hunter2"),
        ("postgresql+psycopg://claims@db.local/news?PWD=hunter2", "hunter2"),
        ("postgresql+psycopg://claims@db.local/news?pass=hunter2&x=1", "hunter2"),
        ("postgresql+psycopg://claims@db.local/news?api_key=hunter2", "hunter2"),
        ("postgresql+psycopg://claims@db.local/news?token=hunter2", "hunter2"),
        ("postgresql+psycopg://claims@db.local/news?client_secret=hunter2", "hunter2"),
        ("postgresql+psycopg://claims:hun@ter/2@db.local/news", "hun@ter/2"),
        ("postgresql+psycopg://claims:hunter2@db.local:badport/news?password=hunter3", "hunter"),
    ],
)
def test_mask_url_hides_every_secret(url, secret):
    from claims.store.url_secrets import mask_url

    masked = mask_url(url)
    assert secret not in masked and "***" in masked
    assert "db.local" in masked and "claims" in masked


def test_mask_url_keeps_what_is_not_secret():
    from claims.store.url_secrets import mask_url

    url = "postgresql+psycopg://claims@db.local:5432/news?sslmode=require&application_name=desk"
    assert mask_url(url) == url
    assert mask_url("sqlite:////tmp/a:b@c/claims.db") == "sqlite:////tmp/a:b@c/claims.db"


def test_a_driver_message_quoting_a_secret_is_masked():
    url = "postgresql+psycopg://claims:p%40ss@db.local/news?token=t0k3n"
    error = explain_db_error(RuntimeError("bad dsn: password=p@ss token=t0k3n"), url)
    assert "p@ss" not in str(error) and "p%40ss" not in str(error) and "t0k3n" not in str(error)


def test_a_password_in_the_query_never_reaches_stderr(run):
    result = run("list", "--db", "postgresql+psycopg://claims@127.0.0.1:9/nowhere?password=hunter2secret")
    _one_line_error(result)
    assert "hunter2secret" not in result.stderr and "hunter2secret" not in result.stdout


# --- report -o never overwrites what is not a report of ours ------------------------------------


def test_report_refuses_to_overwrite_the_database(run, tmp_path):
    run("audit", SEED)
    database = tmp_path / "cli.db"

    def dump() -> list[str]:
        # Rows, not bytes: a WAL checkpoint may rewrite the file's pages at any time.
        with sqlite3.connect(database) as conn:
            assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
            return list(conn.iterdump())

    before = dump()
    _one_line_error(run("report", "-o", database), "SQLite database", "--force")
    assert database.read_bytes().startswith(b"SQLite format 3\x00") and dump() == before


def test_report_refuses_another_file_unless_forced(run, tmp_path):
    run("audit", SEED)
    notes = tmp_path / "notes.md"
    notes.write_text("# My notes\n\nDo not lose these.\n", encoding="utf-8")
    _one_line_error(run("report", "-f", "md", "-o", notes), "not a report written by claims")
    assert notes.read_text(encoding="utf-8").startswith("# My notes")
    assert run("report", "-f", "md", "-o", notes, "--force").exit_code == 0
    assert "Israel" in notes.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "first,second", [("html", "html"), ("md", "md"), ("csv", "csv"), ("json", "json"), ("csv", "html")]
)
def test_report_overwrites_its_own_reports(run, tmp_path, first, second):
    run("audit", SEED)
    out = tmp_path / "report.out"
    assert run("report", "-f", first, "-o", out).exit_code == 0
    result = run("report", "-f", second, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert "Israel" in out.read_text(encoding="utf-8")


def test_report_writes_an_empty_file_and_refuses_a_folder(run, tmp_path):
    run("audit", SEED)
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert run("report", "-o", empty).exit_code == 0 and empty.stat().st_size > 0
    _one_line_error(run("report", "-o", tmp_path), "is a folder")
    assert not list(tmp_path.glob(".*.tmp"))


def test_json_report_names_its_generator_and_date(run, tmp_path):
    run("audit", SEED)
    out = tmp_path / "report.json"
    run("report", "-f", "json", "-o", out)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["generator"] == "claims discrepancy report" and document["generated_at"]
    assert document["conflicts"]


# --- every mistake a user can make: one line, exit 2 ---------------------------------------------


def test_a_port_that_is_not_a_number_is_one_line(run):
    _one_line_error(run("list", "--db", "postgresql+psycopg://u:hunter2@localhost:badport/x"), "port")


def test_a_driver_option_it_cannot_read_is_one_line(run, tmp_path):
    _one_line_error(run("list", "--db", f"sqlite:///{tmp_path / 'x.db'}?timeout=soon"), "cannot use this URL")


@pytest.mark.parametrize("option", ["--article", "--subject", "--location", "--kind"])
def test_a_filter_that_is_not_utf8_is_a_usage_error(run, option):
    # A byte that is not UTF-8 in argv reaches Python as a lone surrogate (here "\xff").
    result = run("list", option, "tin\udcff")
    # --kind takes fixed choices: any other value, this one too, is refused naming them.
    said = "is not one of" if option == "--kind" else "not valid UTF-8"
    assert result.exit_code == 2 and said in result.stderr and "Traceback" not in result.stderr


def test_a_report_path_that_is_not_utf8_is_printed_escaped(run, tmp_path):
    run("audit", SEED)
    result = run("report", "-o", str(tmp_path) + "/tin\udcff.html")
    assert result.exit_code == 0 and "tin\\xff.html" in result.stderr


def test_open_store_reports_a_bad_port_as_a_store_error():
    with pytest.raises(StoreError, match="port must be a number"):
        open_store("postgresql+psycopg://u@localhost:badport/x")


@pytest.mark.parametrize("value", ["99999999999999999999", "0", "-5"])
def test_max_bytes_out_of_range_is_a_usage_error(run, value):
    result = run("extract", SEED, "--max-bytes", value)
    assert result.exit_code == 2 and "Traceback" not in result.stderr and "--max-bytes" in result.stderr


def test_review_of_a_huge_id_is_one_line(run):
    run("audit", SEED)
    _one_line_error(run("review", "9" * 23, "--confirm"), "no discrepancy")
    _one_line_error(run("review", "%dfb959", "--confirm"), "neither a discrepancy id")


def test_limit_zero_prints_no_claims_and_a_negative_limit_is_a_usage_error(run):
    run("ingest", SEED)
    assert json.loads(run("list", "--limit", "0", "--format", "json").stdout)["claims"] == []
    assert len(json.loads(run("list", "--limit", "3", "--format", "json").stdout)["claims"]) == 3
    negative = run("list", "--limit", "-1")
    assert negative.exit_code == 2 and "--limit" in negative.stderr and "Traceback" not in negative.stderr


@pytest.mark.parametrize("unsafe", ["\x1b[2J", "\u202e", "\x85", "\udcff", "\u2028"])
def test_json_lines_escapes_unsafe_characters_in_any_line(unsafe):
    # The fast path passes a line as encoded only when it is printable; every other line is escaped.
    from claims.report.jsonout import json_lines

    items = [{"text": "plain"}, {"text": f"a{unsafe}b", "nested": {"words": [f"x{unsafe}"]}}]
    out = json_lines(items)
    assert not any(chr(code) in out for code in UNSAFE)
    assert [json.loads(line)["text"] for line in out.split("\n")][0] == "plain"


def test_json_lines_writes_open_sides_as_null_wherever_they_are():
    from datetime import date

    from claims.report.jsonout import json_lines

    items = [
        {"text": "Infinity and NaN are words", "high": float("inf"), "low": 3.0},
        {"nested": {"high": float("-inf")}, "values": [float("nan"), 1.5], "day": date(2024, 9, 27)},
        {1: "key that is not a string"},
    ]
    lines = [json.loads(line) for line in json_lines(items).split("\n")]
    assert lines[0] == {"text": "Infinity and NaN are words", "high": None, "low": 3.0}
    assert lines[1] == {"nested": {"high": None}, "values": [None, 1.5], "day": "2024-09-27"}
    assert lines[2] == {"1": "key that is not a string"}
