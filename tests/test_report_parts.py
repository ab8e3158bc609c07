"""A total and every one of its parts, from the check to each report; Markdown an editor can read;
tables that fit the terminal; progress with a total and a time left."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys

import pytest
from rich.console import Console
from rich.progress import Progress
from sqlalchemy import delete, func, select

from claims.check.checker import run_check
from claims.check.triage import discrepancies
from claims.pipeline.ingest import ingest_articles
from claims.report import render_claims, render_discrepancies, render_report, render_stories
from claims.report.table import fit_widths
from claims.sources.article import SourceArticle
from claims.store.models import DiscrepancyPart

from .test_report import claim, discrepancy, story

# Ten injured, three + four + five of them by city: the parts say twelve.
INJURED = "Vụ tai nạn làm 10 người bị thương, trong đó 3 người ở Hà Nội, 4 người ở Huế và 5 người ở Đà Nẵng."
# As an article gives it: the parts count what the total counts.
CRASH = "The crash injured 10 people, including 3 children, 4 women and 5 men."
# Two equal parts: each must be marked where it stands, not the first one twice.
EQUAL = "Vụ cháy làm 12 người thương vong, trong đó 7 người chết và 7 người bị thương."
# Titles without figures: a figure in the title would stand in the article beside the others.
TITLES = ("Bus crash on the coast road", "Fire in a Hanoi flat", "Floods in the north")
_parts = DiscrepancyPart.__table__


def _ingest_and_check(store, *sentences: str) -> list[dict]:
    articles = [
        SourceArticle(text=f"{title}\n{sentence}\n", title=title, published="2024-10-01", origin=f"{title}.txt")
        for title, sentence in zip(TITLES, sentences)
    ]
    assert not ingest_articles(store, articles, story="one story").problems
    run_check(store)
    return discrepancies(store)


def _arithmetic(items: list[dict]) -> list[dict]:
    return [item for item in items if item["kind"] == "arithmetic"]


# --- the parts, stored -------------------------------------------------------------------------


def test_every_part_of_a_total_is_kept_in_the_sentences_order(store):
    [item] = _arithmetic(_ingest_and_check(store, CRASH))
    assert item["claims"][0]["text"] == "10"
    assert [part["text"] for part in item["parts"]] == ["3", "4", "5"]
    assert item["claims"][1]["id"] == item["parts"][-1]["id"]


def test_a_second_check_keeps_one_set_of_parts(store):
    _ingest_and_check(store, CRASH)
    run_check(store)
    with store.reading() as conn:
        assert conn.execute(select(func.count()).select_from(_parts)).scalar_one() == 3
    [item] = _arithmetic(discrepancies(store))
    assert [part["text"] for part in item["parts"]] == ["3", "4", "5"]


def test_a_discrepancy_stored_before_parts_were_kept_gets_them_at_the_next_check(store):
    _ingest_and_check(store, CRASH)
    with store.writing() as conn:
        conn.execute(delete(_parts))
    [before] = _arithmetic(discrepancies(store))
    assert before["parts"] == []
    # Until then the report shows the one part the discrepancy links.
    assert len(re.findall(r'<mark class="part">', render_discrepancies([before], "html"))) == 1
    run_check(store)
    [after] = _arithmetic(discrepancies(store))
    assert [part["text"] for part in after["parts"]] == ["3", "4", "5"]


def test_a_disagreement_between_two_figures_has_no_parts(store):
    items = _ingest_and_check(
        store,
        (
            "Vụ cháy chung cư mini làm 56 người chết ở Hà Nội.\n"
            "Theo thống kê mới nhất, vụ cháy đã làm 65 người chết ở Hà Nội."
        ),
    )
    assert items and all(item["parts"] == [] for item in items if item["kind"] != "arithmetic")


# --- the parts, shown --------------------------------------------------------------------------


def _total_and_parts(sentence: str, total: tuple[str, int], *parts: tuple[str, int], with_parts: bool = True) -> dict:
    """An arithmetic discrepancy as triage gives it: claims are the total and the last part.
    Offsets are the article's (the sentence starts at 100), as stored rows have them."""
    figures = [
        claim(
            id=n,
            sentence=sentence,
            text=shown,
            value=float(shown),
            low=float(shown),
            high=float(shown),
            qualifier="exact",
            start=100 + at,
            end=100 + at + len(shown),
        )
        for n, (shown, at) in enumerate([total, *parts], 1)
    ]
    return discrepancy(
        kind="arithmetic",
        severity="medium",
        explanation="parts add up to more than the total",
        claims=[figures[0], figures[-1]],
        parts=figures[1:] if with_parts else [],
    )


def _injured() -> dict:
    return _total_and_parts(
        INJURED,
        ("10", INJURED.index("10")),
        ("3", INJURED.index("3 ")),
        ("4", INJURED.index("4 ")),
        ("5", INJURED.index("5 ")),
    )


def _quotes(page: str) -> list[str]:
    return re.findall(r"<blockquote[^>]*>(.*?)</blockquote>", page)


def test_html_card_marks_the_total_and_every_part_and_says_the_sum():
    page = render_discrepancies([_injured()], "html")
    [quote] = _quotes(page)
    assert re.findall(r'<mark class="total">(.*?)</mark>', quote) == ["10"]
    assert re.findall(r'<mark class="part">(.*?)</mark>', quote) == ["3", "4", "5"]
    assert "3 + 4 + 5 = 12, but the total says 10" in page


def test_html_marks_each_of_two_equal_parts_where_it_stands():
    first, second = EQUAL.index("7 "), EQUAL.rindex("7 ")
    item = _total_and_parts(EQUAL, ("12", EQUAL.index("12")), ("7", first), ("7", second))
    for stored in (
        item,
        {**item, "parts": [{k: v for k, v in part.items() if k != "start"} for part in item["parts"]]},
    ):
        [quote] = _quotes(render_discrepancies([stored], "html"))
        assert quote.count('<mark class="part">7</mark>') == 2
        assert "7 + 7 = 14, but the total says 12" in render_discrepancies([stored], "html")


def test_the_sum_says_at_least_when_a_part_is_a_bound():
    item = _injured()
    item["parts"][0] = {
        **item["parts"][0],
        "text": "hơn 3",
        "value": None,
        "low": 3.0,
        "high": float("inf"),
        "qualifier": "more_than",
    }
    assert "more than 3 + 4 + 5 = at least 12, but the total says 10" in render_discrepancies([item], "html")


def test_markdown_lists_every_part_and_marks_them_in_the_sentence():
    out = render_discrepancies([_injured()], "md")
    assert "3 + 4 + 5 = 12, but the total says 10" in out
    assert [line.split("|")[1].strip() for line in out.splitlines() if line.startswith(("| Total", "| Part"))] == [
        "Total",
        "Part 1",
        "Part 2",
        "Part 3",
    ]
    [quote] = [line for line in out.splitlines() if line.startswith(">")]
    assert re.findall(r"\*\*(\d+)\*\*", quote) == ["10", "3", "4", "5"]


def test_csv_and_json_carry_the_parts():
    item = _injured()
    [row] = csv.DictReader(io.StringIO(render_report([item], "csv").lstrip("\ufeff")))
    assert row["parts"] == "3 + 4 + 5" and row["part_ids"] == "2 3 4"
    assert [p["text"] for p in json.loads(render_report([item], "json", "2024-10-01"))["conflicts"][0]["parts"]] == [
        "3",
        "4",
        "5",
    ]


# --- markdown as an editor reads it ------------------------------------------------------------


def _newsroom() -> list[dict]:
    flood, budget = (
        {"id": 1, "name": "Flood", "why": ["lũ", "yên bái"]},
        {"id": 2, "name": "Budget", "why": ["ngân sách"]},
    )
    return [
        discrepancy(id=1, kind="value", severity="low", story=budget),
        discrepancy(id=2, kind="update", severity="low", story=flood),
        discrepancy(id=3, kind="value", severity="medium", story=flood),
        discrepancy(id=4, kind="context", severity="high", story=flood),
        {**_injured(), "id": 5, "story": budget},
    ]


def test_markdown_keeps_sentences_out_of_table_cells():
    out = render_discrepancies(_newsroom(), "md")
    rows = [line for line in out.splitlines() if line.startswith("|")]
    assert rows and not any("lính Mỹ" in row or "người ở Huế" in row for row in rows)
    quotes = [line for line in out.splitlines() if line.startswith("> ")]
    assert any("lính Mỹ" in quote for quote in quotes) and any("người ở Huế" in quote for quote in quotes)


def test_markdown_groups_by_story_most_severe_first_and_updates_last():
    out = render_discrepancies(_newsroom(), "md")
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == ["## Flood", "## Budget", "## Updates: figures that changed over time"]
    assert "Its articles share: lũ, yên bái" in out
    cards = [int(n) for n in re.findall(r"^### #(\d+)", out, flags=re.MULTILINE)]
    # Within a story the most severe first; the update (#2) of the flood waits for its own section.
    assert cards == [4, 3, 5, 1, 2]


# --- terminal width ----------------------------------------------------------------------------


def _widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def _all_tables() -> list[str]:
    long = claim(subject="lính Mỹ " * 12, roles={"against": "IS", "part_of": "liên minh quốc tế " * 4})
    return [
        render_discrepancies([_injured(), discrepancy()], "table"),
        render_claims([long, claim(id=2)], "table"),
        render_stories([story(name="Rút quân " * 8)], "table"),
    ]


# Twelve claim columns at their narrowest (6) and the gaps between them take 94 characters.
@pytest.mark.parametrize("columns", [100, 120, 150])
def test_tables_fit_the_width_columns_names(monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    assert all(_widest(table) <= columns for table in _all_tables())


def test_tables_fit_the_terminal_stdout_is_on(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("claims.report.table.shutil.get_terminal_size", lambda *a, **k: os.terminal_size((100, 40)))
    assert all(_widest(table) <= 100 for table in _all_tables())


def test_piped_tables_keep_their_widths_whatever_the_terminal(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    piped = _all_tables()
    monkeypatch.setattr("claims.report.table.shutil.get_terminal_size", lambda *a, **k: os.terminal_size((60, 40)))
    assert _all_tables() == piped
    assert _widest(piped[0]) > 100  # the 96-character value column of a discrepancy block


def test_a_wide_terminal_lets_a_sentence_stay_on_one_line(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    block = render_discrepancies([_injured()], "table")
    assert any(INJURED in line for line in block.splitlines())


def test_fitted_widths_cut_the_widest_columns_first():
    assert fit_widths([10, 40, 5], 100) == [10, 40, 5]
    assert fit_widths([10, 40, 30], 60) == [10, 25, 25]
    assert sum(fit_widths([24, 22, 16, 24, 10, 12], 70)) <= 70


# --- progress -----------------------------------------------------------------------------------


def test_the_check_reports_how_far_it_has_gone(store):
    articles = [
        SourceArticle(
            text=f"{title}\n{CRASH}\nAnother {n + 20} people were taken to hospital.\n",
            title=title,
            published="2024-10-01",
            origin=f"a{n}.txt",
        )
        for n, title in enumerate(TITLES)
    ]
    ingest_articles(store, articles)
    heard: list[tuple[int, int]] = []
    run_check(store, progress=lambda done, total: heard.append((done, total)))
    assert heard and len({total for _, total in heard}) == 1
    done = [d for d, _ in heard]
    assert done == sorted(done) and 0 < done[-1] <= heard[0][1]


def test_ingest_counts_files_not_the_articles_in_them():
    from claims.cli import _file_counter

    files = {"a.txt", "feed.jsonl", "list.json", "b:c.txt"}
    with Progress(disable=True) as progress:
        task = progress.add_task("ingest", total=len(files))
        on_item = _file_counter(progress, task, files)
        seen = []
        for origin in ("a.txt", "feed.jsonl:1", "feed.jsonl:2", "feed.jsonl:3", "list.json#0", "b:c.txt"):
            on_item(SourceArticle(text="x", origin=origin))
            seen.append(progress.tasks[0].completed)
    # Finished files when each item starts: feed.jsonl's three lines are one file.
    assert seen == [0, 1, 1, 1, 2, 3]


def _terminal_stderr(monkeypatch) -> io.StringIO:
    import claims.cli

    shown = io.StringIO()
    monkeypatch.setattr(claims.cli, "stderr", Console(file=shown, force_terminal=True, width=120, highlight=False))
    return shown


def test_progress_shows_a_total_and_the_time_left_on_a_terminal(run, monkeypatch, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"{TITLES[n]}\n{CRASH}\n", encoding="utf-8")
    shown = _terminal_stderr(monkeypatch)
    result = run("audit", folder, "--format", "json", "--exit-zero")
    assert result.exit_code == 0
    json.loads(result.stdout)  # stdout holds the report only
    screen = shown.getvalue()
    assert "ingesting files" in screen and "3/3" in screen
    assert "checking figures" in screen and re.search(r"(\d+)/\1", screen.split("checking figures", 1)[1])
    assert "eta" in screen


def test_stdin_has_no_total(run, monkeypatch):
    shown = _terminal_stderr(monkeypatch)
    assert run("ingest", "-", input=f"Tin\n{INJURED}\n").exit_code == 0
    assert "ingesting" in shown.getvalue() and "ingesting files" not in shown.getvalue()
    assert "/?" in shown.getvalue()


def test_no_progress_when_stderr_is_no_terminal(run, tmp_path):
    (tmp_path / "a.txt").write_text(f"Tin\n{INJURED}\n", encoding="utf-8")
    result = run("audit", tmp_path / "a.txt", "--format", "json", "--exit-zero")
    assert "ingesting" not in result.output and "checking" not in result.output


def test_a_narrow_terminal_never_cuts_a_header_word():
    # Twelve columns in 100 characters: the long columns give way, the headers stay whole.
    widths = fit_widths([24, 12, 6, 7, 11, 6, 9, 9, 7, 10, 6, 17], 78, [9, 6, 6, 7, 11, 6, 9, 9, 7, 10, 6, 7])
    assert widths[0] >= 9 and widths[4] == 11 and widths[9] == 10


def test_a_narrow_terminal_leaves_out_columns_empty_in_every_row(monkeypatch):
    rows = [claim(id=1), claim(id=2)]
    monkeypatch.setenv("COLUMNS", "200")
    wide = render_claims(rows, "table").splitlines()[0].split()
    monkeypatch.setenv("COLUMNS", "90")
    narrow = render_claims(rows, "table").splitlines()[0].split()
    assert "unit" in wide and "unit" not in narrow and "article" in narrow and "qualifier" in narrow
