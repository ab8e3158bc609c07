"""Publication dates as newsrooms write them (issue #17): each example is (as written, ISO date or None).

The numeric forms were read before the issue and stay on our own fast path; the forms
written in words are dateparser's. None means the article keeps no date and a warning
names the value.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from claims.sources import SourceArticle, article_from_text, read_articles
from claims.sources.dates import read_date

GOOD = "Lũ ở Lào Cai\nCó 12 người mất tích ở Lào Cai sau trận lũ quét đêm qua.\n"


class Example(NamedTuple):
    written: str
    iso: str | None


NUMERIC = [  # read before issue #17, by our own patterns
    Example("2024-09-27", "2024-09-27"),
    Example("2024/09/27", "2024-09-27"),
    Example("2024-09-27T10:00:00+07:00", "2024-09-27"),
    Example("2024-09-27T01:00:00+07:00", "2024-09-27"),  # the day written, not the day in UTC
    Example("2024-09-26T23:30:00Z", "2024-09-26"),
    Example("27/9/2024", "2024-09-27"),
    Example("27-09-2024", "2024-09-27"),
    Example("27.09.2024", "2024-09-27"),
    Example("03/04/2024", "2024-04-03"),  # ambiguous: day first, as Vietnamese and British write it
    Example("Thứ sáu, 27/9/2024, 10:00 (GMT+7)", "2024-09-27"),
    Example("Cập nhật: 27/09/2024 10:00", "2024-09-27"),
    Example("10:00 27/09/2024", "2024-09-27"),
]

ENGLISH_WORDS = [
    Example("September 27, 2024", "2024-09-27"),
    Example("27 September 2024", "2024-09-27"),
    Example("Sept. 27, 2024", "2024-09-27"),
    Example("27 Sept 2024", "2024-09-27"),
    Example("Sep 27th, 2024", "2024-09-27"),
    Example("27-Sep-2024", "2024-09-27"),
    Example("SEPTEMBER 27, 2024", "2024-09-27"),
    Example("Friday, September 27, 2024 10:00 AM ET", "2024-09-27"),
    Example("Sept. 27, 2024, 10:00 a.m. ET", "2024-09-27"),
    Example("Updated: Sept. 27, 2024 10:00 a.m. ET", "2024-09-27"),
    Example("Friday 27 September 2024 10.00 BST", "2024-09-27"),
    # RFC 2822, as feeds write it; the hour never moves the day, either way
    Example("Fri, 27 Sep 2024 10:00:00 +0700", "2024-09-27"),
    Example("Fri, 27 Sep 2024 01:00:00 +0700", "2024-09-27"),
    Example("Fri, 27 Sep 2024 23:30:00 -0500", "2024-09-27"),
    Example("Mon, 30 Sep 2024 10:00:00 GMT", "2024-09-30"),
    Example("03/04/24", "2024-04-03"),  # a two-digit year is still day first
]

VIETNAMESE_WORDS = [
    Example("ngày 27 tháng 9 năm 2024", "2024-09-27"),
    Example("27 tháng 9 năm 2024", "2024-09-27"),
    Example("27 tháng 9, 2024", "2024-09-27"),
    Example("Thứ bảy, 28 tháng 9 năm 2024", "2024-09-28"),
    Example("Thứ Sáu, 27 tháng 9, 2024 - 10:00", "2024-09-27"),
    Example("27 tháng 9, 2024 | 10:00 GMT+7", "2024-09-27"),
    Example("27 tháng Chín 2024", "2024-09-27"),
    Example("Cập nhật: 27 tháng 9, 2024", "2024-09-27"),
]

NOT_A_DAY = [  # warned about, left empty
    Example("31/2/2024", None),
    Example("9/27/2024", None),  # month first cannot be told from a mistake: not guessed at
    Example("31 February 2024", None),
    Example("Sept 31, 2024", None),
    Example("13 tháng 13 năm 2024", None),
    Example("hôm qua", None),  # relative to a day we do not know
    Example("yesterday", None),
    Example("September 2024", None),  # no day: never filled with today's
    Example("tháng 9 năm 2024", None),
    Example("2024", None),
    Example("không rõ", None),
]


@pytest.mark.parametrize("example", NUMERIC + ENGLISH_WORDS + VIETNAMESE_WORDS + NOT_A_DAY, ids=lambda e: e.written)
def test_written_date_reads_as_its_calendar_day(example):
    iso, problem = read_date(example.written)
    assert iso == example.iso
    assert (problem is None) == (iso is not None)  # every value left empty is named


@pytest.mark.parametrize("value", ["hôm qua", "Sept 31, 2024"])
def test_unreadable_date_keeps_the_article_and_warns_with_the_value(value):
    article = article_from_text(f"date: {value}\n\n{GOOD}", origin="a.txt")
    assert article.text == GOOD and article.published is None
    assert article.warnings == [f"date {value!r} is not a date we can read: left empty"]


def test_date_in_words_fills_the_txt_header_date_without_warning():
    article = article_from_text(f"date: Sept. 27, 2024\n\n{GOOD}", origin="a.txt")
    assert (article.published, article.warnings) == ("2024-09-27", [])


@pytest.mark.parametrize("field", ["published", "date"])
def test_date_in_words_fills_a_json_lines_record(tmp_path, field):
    records = [
        {"text": GOOD, field: "Fri, 27 Sep 2024 01:00:00 +0700"},
        {"text": GOOD, field: "27 tháng 9, 2024"},
        {"text": GOOD, field: "tuần trước"},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    read = [item for item in read_articles([str(path)]) if isinstance(item, SourceArticle)]
    assert [a.published for a in read] == ["2024-09-27", "2024-09-27", None]
    assert [a.warnings for a in read] == [[], [], ["date 'tuần trước' is not a date we can read: left empty"]]


def test_cli_warning_names_the_file_and_the_unreadable_date(tmp_path, run):
    path = tmp_path / "a.txt"
    path.write_text(f"date: Published September 2024\n\n{GOOD}", encoding="utf-8")
    result = run("extract", path, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)  # the article's claims are still there
    assert result.stderr.strip().splitlines() == [
        f"claims: warning: {path}: date 'Published September 2024' is not a date we can read: left empty"
    ]


@pytest.mark.slow
def test_numeric_dates_never_import_dateparser(tmp_path):
    # dateparser's import and language data cost ~0.3 s: only a date in words may pay for it.
    path = tmp_path / "a.txt"
    path.write_text(f"date: Thứ sáu, 27/9/2024, 10:00 (GMT+7)\n\n{GOOD}", encoding="utf-8")
    probe = (
        "import sys; from claims.sources import read_articles; "
        f"[a] = read_articles([{str(path)!r}]); assert a.published == '2024-09-27'; "
        "print('dateparser' in sys.modules); "
        "from claims.sources.dates import read_date; read_date('Sept. 27, 2024'); print('dateparser' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert result.stdout.split() == ["False", "True"]
