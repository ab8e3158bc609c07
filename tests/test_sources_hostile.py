"""Reading hostile or broken input: no crash, no lost batch, no trick (issue #12, the reading side).

Each test names an input that used to end the whole batch, hang, hide a figure or
drop something without a word, and checks that it is now read or refused in one line
while every other input is still read.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims import extract_claims
from claims.cli import app
from claims.pipeline.ingest import ingest_articles
from claims.sources import SourceArticle, SourceProblem, article_from_text, read_articles, reader
from claims.sources.html import article_from_html

GOOD = "Lũ ở Lào Cai\nCó 12 người mất tích ở Lào Cai sau trận lũ quét đêm qua.\n"
PARAGRAPH = (
    "<p>Trận lũ quét đêm 9/9 ở huyện Bảo Yên đã cuốn trôi {n} ngôi nhà, "
    "theo chính quyền tỉnh Lào Cai cho biết sáng nay.</p>"
)


def read(*paths: str, **kwargs) -> list[SourceArticle | SourceProblem]:
    return list(read_articles([str(p) for p in paths], **kwargs))


def articles(items) -> list[SourceArticle]:
    return [item for item in items if isinstance(item, SourceArticle)]


def problems(items) -> list[tuple[str, str]]:
    return [(item.origin, item.reason) for item in items if isinstance(item, SourceProblem)]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMS_DB", f"sqlite:///{tmp_path / 'cli.db'}")
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


# --- one bad input never ends the batch ----------------------------------------------------


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("deep-list.json", "[" * 100_000 + "]" * 100_000, "JSON nested too deeply to read"),
        ("deep-object.json", '{"a":' * 100_000 + "1" + "}" * 100_000, "JSON nested too deeply to read"),
        (
            "long-number.json",
            '{"text": "Có 5 người.", "id": ' + "7" * 5000 + "}",
            "JSON holds a number longer than 4300 digits",
        ),
    ],
)
def test_json_python_cannot_hold_is_refused_and_the_next_file_is_read(tmp_path, name, content, reason):
    bad = write(tmp_path / name, content)
    good = write(tmp_path / "z.txt", GOOD)
    items = read(bad, good)
    assert problems(items) == [(str(bad), reason)]
    assert [a.origin for a in articles(items)] == [str(good)]


def test_deep_json_on_stdin_is_refused_as_json_not_read_as_text():
    import io

    items = read("-", stdin=io.BytesIO(("[" * 50_000 + "]" * 50_000).encode()))
    assert problems(items) == [("<stdin>", "JSON nested too deeply to read")]


def test_json_lines_refuse_the_bad_line_only(tmp_path):
    lines = [
        json.dumps({"text": "Có 5 người bị thương."}),
        '{"a":' * 50_000 + "1" + "}" * 50_000,
        json.dumps({"text": "Có 6 người bị thương."})[:-1] + ', "id": ' + "9" * 5000 + "}",
        json.dumps({"text": "Có 7 người bị thương.", "lang": "fr"}),
        json.dumps({"text": "Có 8 người bị thương."}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    items = read(path)
    assert [a.origin for a in articles(items)] == [f"{path}:1", f"{path}:5"]
    assert problems(items) == [
        (f"{path}:2", "JSON nested too deeply to read"),
        (f"{path}:3", "JSON holds a number longer than 4300 digits"),
        (f"{path}:4", "declared language 'fr' is not supported (supported: en, vi)"),
    ]


@pytest.mark.parametrize(
    "name, content",
    [
        ("fr.txt", "lang: fr\ntitle: Inondations\n\nIl y a 12 disparus.\n"),
        ("fr.html", "<html lang='fr'><body><p>Il y a 12 disparus après les inondations.</p></body></html>"),
        ("fr.json", json.dumps({"text": "Il y a 12 disparus.", "language": "fr-FR"})),
    ],
)
def test_article_in_a_language_we_do_not_read_is_refused_naming_the_file(tmp_path, name, content):
    bad = write(tmp_path / name, content)
    good = write(tmp_path / "z.txt", GOOD)
    items = read(bad, good)
    [(origin, reason)] = problems(items)
    assert origin == str(bad) and reason.startswith("declared language ") and "not supported" in reason
    assert [a.origin for a in articles(items)] == [str(good)]


def test_supported_language_tags_and_names_are_accepted():
    assert article_from_text("lang: vi-VN\n\nCó 5 người.\n", origin="x").lang == "vi"
    assert article_from_text("lang: English\n\nFive people.\n", origin="x").lang == "en"


def test_failure_inside_one_input_keeps_what_was_read_and_goes_on(tmp_path, monkeypatch):
    first, second, third = (write(tmp_path / f"{n}.txt", GOOD.replace("12", str(n))) for n in (1, 2, 3))
    parse_text = reader._parse_text

    def breaks_on_the_second_file(text, kind, origin, path):
        yield from parse_text(text, kind, origin, path)
        if origin == str(second):
            raise ValueError("a bug\nover two lines")

    monkeypatch.setattr(reader, "_parse_text", breaks_on_the_second_file)
    items = read(first, second, third)
    # The second file's article was read before the failure: it stays, and the failure is named.
    assert [a.origin for a in articles(items)] == [str(first), str(second), str(third)]
    [(origin, reason)] = problems(items)
    assert origin == str(second) and "\n" not in reason and "ValueError: a bug over two lines" in reason


def test_failure_in_one_json_record_refuses_that_record_only(tmp_path, monkeypatch):
    from claims.sources import jsonlines

    assemble = jsonlines.assemble_article

    def breaks_on_seven(text, **kwargs):
        if "7" in text:
            raise RuntimeError("boom")
        return assemble(text, **kwargs)

    monkeypatch.setattr(jsonlines, "assemble_article", breaks_on_seven)
    path = write(tmp_path / "list.json", json.dumps([{"text": f"Có {n} người."} for n in (5, 7, 9)]))
    items = read(path)
    assert [a.origin for a in articles(items)] == [f"{path}#1", f"{path}#3"]
    assert [origin for origin, _ in problems(items)] == [f"{path}#2"]


def test_cli_names_the_refused_file_in_one_line_and_prints_the_rest(tmp_path, cli):
    bad = write(tmp_path / "deep.json", "[" * 100_000 + "]" * 100_000)
    good = write(tmp_path / "z.txt", GOOD)
    result = cli("extract", bad, good, "--format", "json")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"claims: refused {bad}: JSON nested too deeply to read"]
    assert [c["value"] for c in json.loads(result.stdout)["claims"]] == [12]


def test_ingest_stores_the_rest_when_one_article_declares_another_language(tmp_path, cli):
    bad = write(tmp_path / "fr.txt", "lang: fr\n\nIl y a 12 disparus.\n")
    good = write(tmp_path / "z.txt", GOOD)
    result = cli("ingest", bad, good)
    assert result.exit_code == 1
    assert f"claims: refused {bad}: declared language 'fr' is not supported" in result.stderr
    assert "stored 1 article(s)" in result.stderr


# --- what a reader does not see, a pattern does not read -----------------------------------


def test_terminal_escape_sequence_gives_no_claim_and_hides_no_figure():
    article = article_from_text(
        "Lũ ở Lào Cai\nCó 12 người \x1b]0;pwned\x07mất tích, 3 người \x1b[1;31mbị thương\x1b[0m.\n", origin="x"
    )
    assert "\x1b" not in article.text and "pwned" not in article.text
    claims = extract_claims(article.text, "vi")
    assert sorted(c.text for c in claims) == ["12", "3"]
    assert all(article.text[c.start : c.end] == c.text for c in claims)
    missing = [c for c in claims if c.text == "12"][0]
    assert missing.concept == "missing"  # the escape no longer cuts "người" from "mất tích"


def test_escape_sequence_no_longer_hides_a_discrepancy(tmp_path, cli):
    plain = write(tmp_path / "a.txt", GOOD)
    tricked = write(tmp_path / "b.txt", GOOD.replace("12 người ", "15 người \x1b]0;pwned\x07"))
    result = cli("audit", plain, tricked, "--story", "lu-lao-cai", "--format", "json")
    found = json.loads(result.stdout)["conflicts"]
    assert [sorted(c["value"] for c in item["claims"]) for item in found] == [[12, 15]]
    assert found[0]["claims"][1]["concept"] == "missing"


def test_control_and_bidi_characters_leave_text_and_metadata(tmp_path):
    record = {
        "title": "Lũ\x1b[2J ở\u202e Lào\x00 Cai\n(cập nhật)",
        "text": "Có 12\u2066 người\x07mất tích\x0bở Lào Cai.",
        "author": "Lan\u200f Anh\x85",
        "source": "Báo\x1b]8;;http://x\x1b\\ Mẫu",
        "url": "https://example.vn/lu\x00",
        "date": "2024-09-10\x00",
    }
    [article] = read(write(tmp_path / "f.jsonl", json.dumps(record)))
    assert article.text == "Có 12 người mất tích\nở Lào Cai."
    assert (article.title, article.author, article.source, article.url, article.published) == (
        "Lũ ở Lào Cai (cập nhật)",
        "Lan Anh",
        "Báo Mẫu",
        "https://example.vn/lu",
        "2024-09-10",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Có 12 người\u0000 mất tích ở Lào Cai.",
        "Có 12 người \udc00 mất tích ở Lào Cai.",  # a lone surrogate, as "\\udc00" in JSON decodes to
    ],
)
def test_json_text_that_a_database_refuses_is_stored(tmp_path, store, text):
    path = write(
        tmp_path / "feed.jsonl",
        json.dumps({"title": "Lũ\u0000", "text": text}) + "\n" + json.dumps({"text": "Có 3 người bị thương."}) + "\n",
    )
    result = ingest_articles(store, read_articles([str(path)]))
    assert result.problems == [] and len(result.stored) == 2


def test_file_name_with_escapes_or_undecodable_bytes_is_shown_escaped_and_still_read(tmp_path, store):
    hostile = write(tmp_path / "tin\x1b]0;x\x07.txt", GOOD)
    undecodable = write(tmp_path / os.fsdecode(b"tin-\xff.txt"), GOOD.replace("12", "13"))
    items = read(tmp_path)
    assert sorted(a.origin for a in articles(items)) == sorted(
        [str(tmp_path / "tin\\x1b]0;x\\x07.txt"), str(tmp_path / "tin-\\xff.txt")]
    )
    assert all(a.path == a.origin for a in articles(items))
    assert hostile.exists() and undecodable.exists()
    assert len(ingest_articles(store, items).stored) == 2


# --- folders and globs ---------------------------------------------------------------------


def test_quoted_recursive_glob_ends_on_folders_that_link_to_themselves(tmp_path):
    folder = tmp_path / "s"
    write(folder / "x.txt", GOOD)
    (folder / "a").symlink_to(".")
    (folder / "b").symlink_to(".")
    script = (
        "import sys; from claims.sources import read_articles; print([i.origin for i in read_articles(sys.argv[1:])])"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", script, str(folder / "**" / "*.txt"), str(folder)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the glob did not end")
    assert done.stdout.strip() == repr([str(folder / "x.txt")]), done.stderr


def test_folder_follows_links_and_reads_each_real_folder_once(tmp_path):
    outside = write(tmp_path / "archive" / "old.txt", GOOD)
    news = tmp_path / "news"
    write(news / "a.txt", GOOD.replace("12", "14"))
    (news / "loop").symlink_to("..")
    (news / "self").symlink_to(".")
    (news / "old").symlink_to(outside.parent)
    items = read(news)
    assert problems(items) == []
    assert sorted(os.path.realpath(a.origin) for a in articles(items)) == sorted(
        os.path.realpath(p) for p in (news / "a.txt", outside)
    )


def _refuse_listing(monkeypatch, locked: Path) -> None:
    """As if `locked` had no read or search permission (root ignores chmod)."""
    real_scandir, real_stat = os.scandir, os.stat

    def inside(path) -> bool:
        return os.path.abspath(os.fspath(path) or ".").startswith(str(locked))

    def scandir(path="."):
        if inside(path):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    def stat(path, *args, **kwargs):
        if inside(path) and os.path.abspath(os.fspath(path)) != str(locked):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat)


@pytest.fixture
def locked_tree(tmp_path, monkeypatch) -> Path:
    news = tmp_path / "news"
    write(news / "a.txt", GOOD)
    write(news / "locked" / "b.txt", GOOD.replace("12", "13"))
    write(news / "z" / "c.txt", GOOD.replace("12", "14"))
    _refuse_listing(monkeypatch, news / "locked")
    return news


def test_folder_that_cannot_be_listed_is_named_and_the_rest_read(locked_tree):
    items = read(locked_tree)
    assert [a.origin for a in articles(items)] == [str(locked_tree / "a.txt"), str(locked_tree / "z" / "c.txt")]
    assert problems(items) == [(str(locked_tree / "locked"), "folder skipped, cannot list it: permission denied")]


def test_glob_through_a_folder_that_cannot_be_listed_names_it(locked_tree):
    items = read(locked_tree / "**" / "*.txt")
    assert [a.origin for a in articles(items)] == [str(locked_tree / "a.txt"), str(locked_tree / "z" / "c.txt")]
    assert problems(items) == [(str(locked_tree / "locked"), "folder skipped, cannot list it: permission denied")]


def test_file_under_a_folder_that_cannot_be_entered_is_one_line(locked_tree, cli):
    inside = locked_tree / "locked" / "b.txt"
    assert problems(read(inside)) == [(str(inside), "cannot read: permission denied")]
    result = cli("extract", inside, locked_tree / "a.txt", "--format", "json")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"claims: refused {inside}: cannot read: permission denied"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any folder")
def test_folder_without_permissions_is_named(tmp_path):
    news = tmp_path / "news"
    write(news / "a.txt", GOOD)
    write(news / "locked" / "b.txt", GOOD)
    (news / "locked").chmod(0)
    try:
        items = read(news, news / "locked" / "b.txt")
    finally:
        (news / "locked").chmod(0o755)
    assert problems(items) == [
        (str(news / "locked"), "folder skipped, cannot list it: permission denied"),
        (str(news / "locked" / "b.txt"), "cannot read: permission denied"),
    ]


# --- deep HTML -----------------------------------------------------------------------------


def _nested_page(depth: int) -> str:
    return (
        "<html><body><article>"
        + PARAGRAPH.format(n=37)
        + "<div>" * depth
        + PARAGRAPH.format(n=41)
        + "</div>" * depth
        + PARAGRAPH.format(n=53)
        + "<script>var n = 999;</script></article></body></html>"
    )


@pytest.mark.parametrize("depth", [300, 2000])
def test_html_nested_past_the_parser_default_is_read_whole(depth):
    article = article_from_html(_nested_page(depth), origin="deep.html")
    assert all(f"{n} ngôi nhà" in article.text for n in (37, 41, 53))
    assert article.warnings == []


def test_html_nested_past_any_parser_limit_is_read_flat_with_a_warning(tmp_path):
    [article] = read(write(tmp_path / "deep.html", _nested_page(100_000)))
    assert all(f"{n} ngôi nhà" in article.text for n in (37, 41, 53))
    assert "999" not in article.text
    assert article.warnings == [
        "HTML nested too deeply to parse: read as flat text, the page's menus and links included"
    ]


# --- losses are named, not silent ----------------------------------------------------------


@pytest.mark.parametrize(
    "value, warning",
    [
        ("2024-02-30", "date '2024-02-30' names no day that exists: left empty"),
        ("hôm qua", "date 'hôm qua' is not a date we can read: left empty"),
    ],
)
def test_unreadable_header_date_is_a_warning(value, warning):
    article = article_from_text(f"date: {value}\n\n{GOOD}", origin="a.txt")
    assert article.published is None and article.warnings == [warning]
    assert article.text == GOOD


def test_readable_dates_give_no_warning():
    assert article_from_text(f"date: 27/9/2024\n\n{GOOD}", origin="a.txt").warnings == []


def test_one_invalid_utf8_byte_is_replaced_and_named_by_its_offset(tmp_path):
    head = GOOD.encode("utf-8")
    path = write(tmp_path / "a.txt", head + b"\xff" + "Thêm 3 người bị thương.\n".encode())
    [article] = read(path)
    assert article.text == GOOD + "\ufffdThêm 3 người bị thương.\n"
    assert article.warnings == [f"invalid UTF-8 byte 0xFF at byte offset {len(head)} (line 3), read as U+FFFD"]


def test_invalid_byte_in_json_lines_is_named_on_its_own_line(tmp_path):
    lines = [
        json.dumps({"text": f"Có {n} người mất tích ở Lào Cai."}, ensure_ascii=False).encode("utf-8") for n in (4, 5, 6)
    ]
    lines[1] = lines[1].replace("người".encode(), b"ng\xc6\xb0\xe1\xbb")  # a character cut short
    path = write(tmp_path / "f.jsonl", b"\n".join(lines))
    items = read(path)
    assert [len(a.warnings) for a in articles(items)] == [0, 1, 0]
    assert articles(items)[1].warnings[0].startswith("2 invalid UTF-8 bytes on line 2, the first 0xE1 at byte offset ")


def test_invalid_byte_in_json_lines_is_named_by_its_offset_in_the_file(tmp_path):
    lines = [json.dumps({"text": f"Có {n} người mất tích ở Lào Cai."}, ensure_ascii=False).encode() for n in (4, 5)]
    lines[1] = lines[1].replace("người".encode(), "ng\xff".encode("latin-1"))
    path = write(tmp_path / "f.jsonl", b"\r\n".join(lines) + b"\r\n")
    offset = len(lines[0]) + 2 + lines[1].index(b"\xff")
    [first, second] = articles(read(path))
    assert first.warnings == [] and second.origin == f"{path}:2"
    assert second.warnings == [f"invalid UTF-8 byte 0xFF at byte offset {offset} (line 2), read as U+FFFD"]


def test_json_lines_archive_over_the_size_cap_is_read_line_by_line(tmp_path):
    # The cap is each article's: an archive is as large as it is, a line over the cap is refused alone.
    records = [{"title": f"Tin {n}", "text": f"Có {n} người mất tích ở Lào Cai."} for n in range(1, 40)]
    records[5]["text"] += " Thêm chi tiết." * 40
    path = write(tmp_path / "archive.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    cap = 300
    assert path.stat().st_size > 5 * cap and len(json.dumps(records[5], ensure_ascii=False).encode()) > cap
    items = read(path, max_bytes=cap)
    problems = [item for item in items if isinstance(item, SourceProblem)]
    assert [str(p) for p in problems] == [f"{path}:6: line larger than the 300 bytes limit (raise it with --max-bytes)"]
    assert [a.title for a in articles(items)] == [f"Tin {n}" for n in range(1, 40) if n != 6]
    assert [a.origin for a in articles(items)][:6] == [f"{path}:{n}" for n in (1, 2, 3, 4, 5, 7)]


def test_json_lines_in_utf16_is_still_read_whole(tmp_path):
    text = json.dumps({"text": "Có 12 người mất tích ở Lào Cai."}, ensure_ascii=False) + "\n"
    path = write(tmp_path / "f.jsonl", "\ufeff".encode("utf-16-le") + text.encode("utf-16-le"))
    [article] = articles(read(path))
    assert article.text == "Có 12 người mất tích ở Lào Cai." and article.encoding == "utf-16-le"


def test_binary_file_named_jsonl_is_one_problem(tmp_path):
    path = write(tmp_path / "f.jsonl", bytes(range(256)) * 64)
    assert [str(item) for item in read(path)] == [f"{path}: not a text file (binary content)"]


def test_cli_prints_warnings_without_changing_the_exit_code(tmp_path, cli):
    path = write(tmp_path / "a.txt", f"date: 2024-02-30\n\n{GOOD}")
    result = cli("extract", path, "--format", "json")
    assert result.exit_code == 0
    assert result.stderr.strip().splitlines() == [
        f"claims: warning: {path}: date '2024-02-30' names no day that exists: left empty"
    ]
    assert cli("ingest", path).exit_code == 0
