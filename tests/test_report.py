"""The renderers on hand-built dicts (no database): figures as written, clean JSON, safe CSV,
Markdown and HTML that article text cannot break or script."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claims.errors import InputError
from claims.report import render_claims, render_discrepancies, render_stories

ROOT = Path(__file__).resolve().parent.parent
SEED_TITLE = "Mỹ phác thảo kế hoạch rút quân khỏi Iraq"
ISRAEL = "Có khoảng 2.500 lính Mỹ được triển khai ở Iraq trong khuôn khổ liên minh chống Israel."
IS = (
    "Có khoảng 2.500 lính Mỹ được triển khai ở Iraq và khoảng 900 lính Mỹ ở Syria trong khuôn khổ "
    "liên minh chống IS được thành lập vào năm 2014 - năm mà nhóm cực đoan này chiếm lĩnh khoảng 1/3 lãnh thổ Iraq."
)
SCRIPT = "<script>alert(1)</script>"


def article(**changes) -> dict:
    return {
        "id": 1,
        "title": SEED_TITLE,
        "path": "fixtures/iraq-withdrawal.vi.txt",
        "url": None,
        "published": "2024-09-28",
        **changes,
    }


def claim(**changes) -> dict:
    base = {
        "id": 1,
        "article": article(),
        "sentence": ISRAEL,
        "start": 3,
        "end": 15,
        "text": "khoảng 2.500",
        "value": 2500.0,
        "low": 2250.0,
        "high": 2750.0,
        "qualifier": "approx",
        "kind": "count",
        "unit": None,
        "subject": "lính Mỹ",
        "concept": "troops",
        "actor": "US",
        "location": "Iraq",
        "time": None,
        "roles": {"against": "Israel"},
        "is_caption": False,
        "is_boilerplate": False,
        "lang": "vi",
    }
    return {**base, **changes}


def discrepancy(**changes) -> dict:
    base = {
        "id": 1,
        "fingerprint": "0f3a9c" * 6,
        "kind": "context",
        "severity": "high",
        "explanation": "troops: the same 2500 is 'against: Israel' in one place and 'against: IS' in another",
        "status": "open",
        "note": None,
        "reviewer": None,
        "reviewed_at": None,
        "active": True,
        "claims": [claim(), claim(id=2, sentence=IS, start=400, end=412, roles={"against": "IS"})],
    }
    return {**base, **changes}


def story(**changes) -> dict:
    return {
        "id": 1,
        "name": "Iraq withdrawal",
        "manual": False,
        "articles": [{"id": 1, "title": SEED_TITLE, "published": "2024-09-28", "path": "a.txt", "url": None}],
        **changes,
    }


# --- table -----------------------------------------------------------------------------------


def test_table_prints_vietnamese_thousands_as_written():
    out = render_claims([claim(text="1.200", value=1200.0), claim(text="0012", value=12.0)], "table")
    assert "1.200" in out and "0012" in out
    assert not re.search(r"\b1\.2\b(?!00)", out)


def test_table_value_has_no_float_noise():
    out = render_claims([claim(value=2500.0), claim(text="1/3", value=1 / 3, kind="fraction")], "table")
    assert "2500" in out and "2500.0" not in out
    assert "0.333" in out and "0.3333" not in out


def test_table_shows_an_open_interval_when_there_is_no_single_value():
    out = render_claims(
        [claim(text="hơn 150", value=None, low=150.0, high=float("inf"), qualifier="more_than")], "table"
    )
    assert "150.." in out and "inf" not in out


def test_claims_table_shows_article_and_frame():
    out = render_claims([claim()], "table")
    for header in (
        "article",
        "text",
        "kind",
        "value",
        "qualifier",
        "unit",
        "subject",
        "concept",
        "actor",
        "location",
        "time",
        "roles",
    ):
        assert header in out
    assert "against=Israel" in out and "Mỹ phác thảo" in out


def test_discrepancy_table_shows_both_figures_and_full_sentences():
    out = render_discrepancies([discrepancy()], "table")
    flat = " ".join(out.replace("│", " ").split())
    assert ISRAEL in flat and IS in flat
    assert "context" in out and "high" in out and "open" in out and "#1" in out
    assert "'against: Israel'" in flat


def test_table_neutralises_terminal_escape_sequences():
    out = render_claims([claim(subject="\x1b[2J\x1b[31mred")], "table")
    assert "\x1b" not in out and "red" in out


def test_empty_tables_print_a_short_line():
    assert render_discrepancies([], "table") == "no discrepancies"
    assert render_claims([], "table") == "no claims"
    assert render_stories([], "table") == "no stories"


# --- json --------------------------------------------------------------------------------------


def test_json_is_parseable_utf8_and_has_no_nan_or_infinity():
    out = render_claims([claim(low=float("nan"), high=float("inf"))], "json")
    assert "lính Mỹ" in out  # ensure_ascii=False: Vietnamese as written, not \u escapes
    assert "NaN" not in out and "Infinity" not in out
    parsed = json.loads(out)
    assert parsed["claims"][0]["low"] is None and parsed["claims"][0]["high"] is None
    assert parsed["claims"][0]["value"] == 2500 and parsed["claims"][0]["roles"] == {"against": "Israel"}


def test_discrepancies_json_is_an_object_under_conflicts():
    parsed = json.loads(render_discrepancies([discrepancy()], "json"))
    assert [c["sentence"] for c in parsed["conflicts"][0]["claims"]] == [ISRAEL, IS]
    assert json.loads(render_discrepancies([], "json")) == {"conflicts": []}
    assert json.loads(render_stories([story()], "json"))["stories"][0]["name"] == "Iraq withdrawal"


def test_jsonl_writes_one_object_per_line():
    out = render_claims([claim(), claim(id=2, sentence="Dòng\nmới")], "jsonl")
    lines = out.splitlines()
    assert len(lines) == 2 and [json.loads(line)["id"] for line in lines] == [1, 2]
    assert render_discrepancies([], "jsonl") == ""


# --- csv ---------------------------------------------------------------------------------------


def _csv(out: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(out)))


def test_csv_escapes_formula_cells_and_keeps_numbers_numeric():
    hostile = claim(
        id=7,
        text='=HYPERLINK("http://x")',
        subject="+cmd",
        qualifier="-2+3",
        unit="@SUM(A1)",
        concept="\tTAB",
        location="\rCR",
        value=-5.0,
        low=-5.5,
        high=float("inf"),
        start=0,
        end=12,
    )
    row = _csv(render_claims([hostile], "csv"))[0]
    assert row["text"] == '\'=HYPERLINK("http://x")'
    assert row["subject"] == "'+cmd" and row["qualifier"] == "'-2+3" and row["unit"] == "'@SUM(A1)"
    assert row["concept"] == "'\tTAB" and row["location"] == "'\rCR"
    assert row["value"] == "-5" and row["low"] == "-5.5" and row["high"] == ""
    assert row["start"] == "0" and row["end"] == "12" and row["id"] == "7"


def test_csv_keeps_ordinary_text_untouched():
    row = _csv(render_claims([claim(text="hơn 150")], "csv"))[0]
    assert row["text"] == "hơn 150" and row["article_title"] == SEED_TITLE and row["roles"] == "against=Israel"


def test_discrepancy_csv_flattens_both_claims_into_one_row():
    rows = _csv(render_discrepancies([discrepancy(explanation="=1+1")], "csv"))
    assert len(rows) == 1
    row = rows[0]
    assert row["a_sentence"] == ISRAEL and row["b_sentence"] == IS
    assert row["a_text"] == row["b_text"] == "khoảng 2.500" and row["a_article"] == SEED_TITLE
    assert row["a_value"] == "2500" and row["b_id"] == "2" and row["explanation"] == "'=1+1"


def test_empty_csv_is_the_header_alone():
    assert render_discrepancies([], "csv").splitlines()[0].startswith("id,fingerprint,kind")
    assert len(render_claims([], "csv").splitlines()) == 1
    assert len(render_stories([], "csv").splitlines()) == 1


def test_stories_csv_has_a_row_per_article():
    rows = _csv(render_stories([story()], "csv"))
    assert rows == [
        {
            "story_id": "1",
            "story_name": "Iraq withdrawal",
            "manual": "no",
            "article_id": "1",
            "title": SEED_TITLE,
            "published": "2024-09-28",
            "path": "a.txt",
            "url": "",
        }
    ]


# --- markdown ----------------------------------------------------------------------------------

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def test_markdown_escapes_pipes_newlines_and_html_in_cells():
    hostile = claim(sentence="A | B\nC <b>bold</b> & khoảng 2.500", article=article(title="X | Y"))
    out = render_discrepancies(
        [discrepancy(claims=[hostile, claim(id=2, sentence=IS)])], "md", generated_at="2024-10-01T00:00:00+00:00"
    )
    rows = [line for line in out.splitlines() if line.startswith("| A ") or line.startswith("| B ")]
    assert len(rows) == 2
    # Every data row keeps the header's five cell borders: no pipe from the text splits a cell.
    assert all(len(_UNESCAPED_PIPE.findall(row)) == 5 for row in rows)
    assert "X \\| Y" in rows[0]
    # The sentence is quoted below the table, on one line.
    assert "> **A:** A \\| B<br>C &lt;b&gt;bold&lt;/b&gt; &amp; **khoảng 2.500**" in out.splitlines()
    assert "<b>" not in out


def test_markdown_makes_link_syntax_inert():
    out = render_discrepancies([discrepancy(explanation="[click](javascript:alert(1)) *x*")], "md")
    assert "](javascript" not in out.replace("\\]", "")
    assert "\\[click\\](javascript:alert(1)) \\*x\\*" in out


def test_markdown_report_has_heading_date_and_counts():
    items = [discrepancy(), discrepancy(id=2, kind="value", severity="medium")]
    out = render_discrepancies(items, "md", generated_at="2024-10-01T00:00:00+00:00")
    assert out.startswith("# ")
    assert "2024-10-01T00:00:00+00:00" in out and "**2 discrepancies**" in out
    assert "high: 1, medium: 1" in out and "value: 1, context: 1" in out
    assert "chống Israel" in out and "chống IS " in out


def test_empty_markdown_says_so():
    out = render_discrepancies([], "md", generated_at="2024-10-01")
    assert out.startswith("# ") and "No discrepancies" in out


# --- html --------------------------------------------------------------------------------------


def _hostile_html() -> str:
    bad = claim(sentence=f"Có khoảng 2.500 lính {SCRIPT}", article=article(title=SCRIPT, url="javascript:alert(1)"))
    good = claim(id=2, sentence=IS, article=article(id=2, title="Safe", url="https://example.org/a?x=1&y=2"))
    return render_discrepancies(
        [discrepancy(explanation=SCRIPT, note=f"n {SCRIPT}", claims=[bad, good])],
        "html",
        generated_at="2024-10-01T00:00:00+00:00",
    )


def test_html_shows_a_script_payload_as_text_never_as_a_tag():
    out = _hostile_html()
    assert "<script" not in out.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_html_links_only_web_urls():
    out = _hostile_html()
    assert 'href="javascript' not in out.lower()
    assert "<code>javascript:alert(1)</code>" in out  # still shown, as text
    assert 'href="https://example.org/a?x=1&amp;y=2"' in out


def test_html_highlights_both_figures_inside_their_sentences():
    out = render_discrepancies([discrepancy()], "html")
    assert out.count("<mark>khoảng 2.500</mark>") == 2
    assert "lính Mỹ được triển khai ở Iraq trong khuôn khổ liên minh chống Israel." in out
    assert "liên minh chống IS được thành lập" in out
    for word in ("context", "high", "open", "against: Israel", SEED_TITLE, "fixtures/iraq-withdrawal.vi.txt"):
        assert word in out


def test_html_highlight_escapes_the_figure_and_picks_the_written_occurrence():
    sentence = "Có 5 & 5 ở đây, rồi 5 & 5."
    extracted = claim(text="5 & 5", sentence=sentence, start=120, sentence_start=100)  # second occurrence
    out = render_discrepancies([discrepancy(claims=[extracted, claim(id=2)])], "html")
    assert "Có 5 &amp; 5 ở đây, rồi <mark>5 &amp; 5</mark>." in out


def test_html_is_one_self_contained_page():
    out = _hostile_html()
    assert out.startswith("<!DOCTYPE html>") and "<style>" in out
    assert not re.search(r"<(script|link|img|iframe)\b", out, re.I)
    assert "@import" not in out and "url(" not in out
    assert "2024-10-01T00:00:00+00:00" in out


def test_empty_html_is_still_a_page():
    out = render_discrepancies([], "html")
    assert out.startswith("<!DOCTYPE html>") and "No discrepancies" in out


# --- dispatch and layers -----------------------------------------------------------------------


@pytest.mark.parametrize("render,fmt", [(render_claims, "md"), (render_stories, "html"), (render_discrepancies, "xml")])
def test_unknown_format_is_a_user_error(render, fmt):
    with pytest.raises(InputError, match="unknown output format"):
        render([], fmt)


def test_stories_table_lists_articles():
    out = render_stories([story()], "table")
    assert "Iraq withdrawal" in out and SEED_TITLE in out and "2024-09-28" in out


def test_report_loads_neither_typer_nor_rich():
    probe = "import sys, claims.report; print(','.join(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich')))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


# --- the report as an editor reads it ----------------------------------------------------------


def _item(number: int, kind: str, severity: str, story_name: str | None, **changes) -> dict:
    story_field = {"id": number, "name": story_name} if story_name else None
    return discrepancy(
        id=number, kind=kind, severity=severity, story=story_field, fingerprint=f"{number:02d}" + "ab" * 19, **changes
    )


def _order_of(page: str, needles: list[str]) -> list[int]:
    return [page.index(needle) for needle in needles]


def test_html_groups_by_story_most_severe_first_and_keeps_updates_apart():
    items = [
        _item(1, "value", "medium", "Flood in the north"),
        _item(2, "update", "low", "Flood in the north"),
        _item(3, "scale", "high", "City budget"),
        _item(4, "value", "low", "Flood in the north"),
        _item(5, "value", "high", "Flood in the north"),
    ]
    page = render_discrepancies(items, "html")
    flood, budget, updates = (
        page.index(f"<h2>{name}</h2>")
        for name in ("Flood in the north", "City budget", "Updates: figures that changed over time")
    )
    # Both stories hold a high one: the one with more discrepancies leads; updates come last.
    assert flood < budget < updates
    assert _order_of(page, ['id="d5"', 'id="d1"', 'id="d4"']) == sorted(
        _order_of(page, ['id="d5"', 'id="d1"', 'id="d4"'])
    )
    assert page.index('id="d2"') > updates


def test_html_contents_link_to_every_group_with_counts():
    items = [_item(1, "value", "medium", "Flood in the north"), _item(2, "update", "low", "Flood in the north")]
    page = render_discrepancies(items, "html")
    contents = page[page.index('<nav class="toc">') : page.index("</nav>")]
    anchors = re.findall(r'href="#([^"]+)"', contents)
    assert len(anchors) == 2 and all(f'id="{anchor}"' in page for anchor in anchors)
    assert "(1: 1 medium)" in contents


def test_html_counts_each_kind_by_severity():
    items = [_item(1, "value", "medium", "A"), _item(2, "value", "medium", "A"), _item(3, "scale", "high", "A")]
    summary = render_discrepancies(items, "html").split('<table class="summary">')[1].split("</table>")[0]
    assert re.search(r"The figures disagree</th><td>0</td><td>2</td><td>0</td>", summary)
    assert re.search(r"scale word lost or added\?</th><td>1</td><td>0</td><td>0</td>", summary)


def test_html_reads_figures_and_frames_in_plain_words():
    exact = claim(text="59", value=59.0, low=59.0, high=59.0, qualifier="exact", roles={"part_of": "coalition"})
    floor = claim(id=2, text="hơn 80", value=None, low=80.0, high=float("inf"), qualifier="at_least")
    page = render_discrepancies([discrepancy(claims=[exact, floor]), discrepancy(id=2)], "html")
    assert "at least 80" in page and "about 2,500" in page and "part of coalition" in page
    for code in ("exact 59", "at_least", "part_of", "approx"):
        assert code not in page


def test_html_names_the_place_as_the_article_writes_it():
    sentence = "Vụ cháy ở quận Thanh Xuân làm 56 người chết."
    fire = claim(sentence=sentence, text="56", start=30, end=32, value=56.0, location="Thanh Xuan")
    page = render_discrepancies([discrepancy(claims=[fire, fire])], "html")
    assert "Thanh Xuân" in page.split("<blockquote")[0] + page.split('class="reading">')[1]
    assert "Thanh Xuan " not in page and "Thanh Xuan<" not in page


def test_html_quotes_carry_the_language_of_their_article():
    page = render_discrepancies([discrepancy()], "html")
    assert page.count('<blockquote lang="vi">') == 2


def test_html_shows_why_two_figures_are_one_fact_on_its_own_line():
    explained = "deaths: 59 against 64 across articles (8% apart) [same fact: bão yagi, người chết; within 8/9]"
    page = render_discrepancies([discrepancy(explanation=explained)], "html")
    assert "(8% apart)</p>" in page
    assert "<strong>Why one fact:</strong> bão yagi, người chết; within 8/9</p>" in page
    assert "[same fact" not in page


def test_html_card_gives_the_triage_command_and_the_review():
    reviewed = discrepancy(
        status="confirmed", note="Agency confirmed 64", reviewer="Lan", reviewed_at="2024-09-09T10:00:00"
    )
    page = render_discrepancies([reviewed], "html")
    assert "<code>claims review 0f3a9c0f3a9c --confirm</code>" in page
    assert "Agency confirmed 64" in page and "Lan" in page


def test_html_marks_both_figures_when_they_share_a_sentence():
    sentence = "Vụ cháy làm 93 người thương vong, trong đó 56 người chết và 39 người bị thương."
    total = claim(sentence=sentence, text="93", start=12, end=14, value=93.0)
    part = claim(id=2, sentence=sentence, text="39", start=59, end=61, value=39.0)
    page = render_discrepancies([discrepancy(kind="arithmetic", claims=[total, part])], "html")
    quotes = re.findall(r"<blockquote[^>]*>(.*?)</blockquote>", page)
    assert quotes and all(
        re.search(r"<mark[^>]*>93</mark>", q) and re.search(r"<mark[^>]*>39</mark>", q) for q in quotes
    )


# --- report files -------------------------------------------------------------------------------


def test_report_csv_starts_with_a_byte_order_mark_and_a_listing_does_not():
    from claims.report import render_report

    assert render_report([discrepancy()], "csv").startswith("\ufeffid,")
    assert not render_discrepancies([discrepancy()], "csv").startswith("\ufeff")


def test_report_csv_carries_story_and_frame_columns():
    from claims.report import render_report

    rows = _csv(render_report([_item(1, "value", "high", "Flood in the north")], "csv").lstrip("\ufeff"))
    assert rows[0]["story"] == "Flood in the north" and rows[0]["story_id"] == "1"
    assert rows[0]["a_subject"] == "lính Mỹ" and rows[0]["a_concept"] == "troops"
    assert rows[0]["a_location"] == "Iraq" and "b_time" in rows[0]


@pytest.mark.parametrize(
    "name,fmt,expected",
    [
        ("report.csv", None, "csv"),
        ("Report.HTML", None, "html"),
        ("notes.md", None, "md"),
        ("out.json", "json", "json"),
        ("report.txt", None, "html"),
        ("-", "csv", "csv"),
        ("-", None, "html"),
    ],
)
def test_report_format_follows_the_extension(name, fmt, expected):
    from claims.report.output import report_format

    assert report_format(Path(name), fmt) == expected


def test_report_format_refuses_an_extension_that_contradicts_it():
    from claims.report.output import report_format

    with pytest.raises(InputError, match="report.csv.*csv.*html"):
        report_format(Path("report.csv"), "html")


def test_a_report_with_a_byte_order_mark_is_recognised_as_ours():
    from claims.report import render_report
    from claims.report.output import is_our_report

    assert is_our_report(render_report([discrepancy()], "csv").encode("utf-8"))


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_table_and_markdown_read_qualifiers_in_words(fmt):
    floor = claim(text="hơn 80", value=None, low=80.0, high=float("inf"), qualifier="at_least")
    exact = claim(id=2, text="59", value=59.0, qualifier="exact")
    out = render_discrepancies([discrepancy(claims=[floor, exact])], fmt)
    assert "at least 80" in out and "at_least" not in out and "exact 59" not in out
