"""Reading articles: formats, paths, metadata, bad input, and second stories at the end."""

from __future__ import annotations

import errno
import io
import json
import os
import unicodedata
from pathlib import Path

import pytest

from claims.sources import DEFAULT_MAX_BYTES, SourceArticle, SourceProblem, article_from_text, read_articles, reader
from claims.sources.dates import parse_date
from claims.sources.tail import find_tail_start
from claims.text.normalize import fold_for_matching, normalize_text

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "iraq-withdrawal.vi.txt"

BODY = (
    "Lũ quét ở Lào Cai làm 12 người mất tích\n"
    "Trận lũ quét đêm 9/9 ở huyện Bảo Yên đã cuốn trôi 37 ngôi nhà, theo chính quyền tỉnh Lào Cai.\n"
    "Lực lượng cứu hộ đã tìm thấy 5 người, 12 người vẫn mất tích.\n"
)


def read(*paths: str, **kwargs) -> list[SourceArticle | SourceProblem]:
    return list(read_articles(list(paths), **kwargs))


def articles(items) -> list[SourceArticle]:
    return [item for item in items if isinstance(item, SourceArticle)]


def problems(items) -> list[SourceProblem]:
    return [item for item in items if isinstance(item, SourceProblem)]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# --- .txt ----------------------------------------------------------------------------------


def test_txt_without_header_takes_first_line_as_title_and_keeps_it_in_text():
    article = article_from_text(BODY, origin="a.txt")
    assert article.title == "Lũ quét ở Lào Cai làm 12 người mất tích"
    assert article.text == BODY  # offsets index the file as a reader sees it
    assert article.published is None and article.lang is None


def test_txt_header_fills_metadata_and_body_follows_blank_line():
    raw = (
        "Title: Lũ quét ở Lào Cai\nDATE: 27/9/2024\nurl: https://example.vn/lu-quet\n"
        "Source: Báo Mẫu\nAuthor: Lan Anh\nLang: vi\n\n" + BODY
    )
    article = article_from_text(raw, origin="a.txt", path="a.txt")
    assert (article.title, article.published, article.url, article.source, article.author, article.lang) == (
        "Lũ quét ở Lào Cai",
        "2024-09-27",
        "https://example.vn/lu-quet",
        "Báo Mẫu",
        "Lan Anh",
        "vi",
    )
    assert article.text == BODY
    assert article.path == "a.txt"


def test_txt_header_accepts_vietnamese_keys():
    article = article_from_text("Tiêu đề: Bão Yagi\nNgày: 08.09.2024\nNguồn: Báo Mẫu\n\nBão Yagi đổ bộ.\n", origin="x")
    assert (article.title, article.published, article.source) == ("Bão Yagi", "2024-09-08", "Báo Mẫu")
    assert article.text == "Bão Yagi đổ bộ.\n"


def test_txt_header_without_title_takes_first_body_line():
    article = article_from_text("date: 2024-09-27\n\n" + BODY, origin="x")
    assert article.title == "Lũ quét ở Lào Cai làm 12 người mất tích"
    assert article.published == "2024-09-27"


@pytest.mark.parametrize(
    "raw",
    [
        "Hà Nội: mưa lớn gây ngập 20 tuyến phố\nNước dâng cao 0,5 m.\n",  # a colon in a title, no blank line
        "Chú ý: đường Láng ngập\n\nNước dâng cao 0,5 m.\n",  # not a header key
        "19:30 tối qua, mưa lớn\n\nNước dâng cao.\n",
    ],
)
def test_lines_that_only_look_like_a_header_stay_text(raw):
    article = article_from_text(raw, origin="x")
    assert article.text == raw
    assert article.title == raw.split("\n")[0]


@pytest.mark.parametrize(
    "value, iso",
    [
        ("2024-09-27", "2024-09-27"),
        ("27/9/2024", "2024-09-27"),
        ("27-09-2024", "2024-09-27"),
        ("27.09.2024", "2024-09-27"),
        ("2024-09-27T10:00:00+07:00", "2024-09-27"),
        ("Thứ Sáu, 27/9/2024 10:00 (GMT+7)", "2024-09-27"),
        ("ngày 27 tháng 9 năm 2024", "2024-09-27"),
        ("31/2/2024", None),
        ("hôm qua", None),
        ("", None),
        (None, None),
    ],
)
def test_dates_are_normalised_to_iso(value, iso):
    assert parse_date(value) == iso


def test_text_is_normalised_nfc_with_unix_line_ends():
    raw = unicodedata.normalize("NFD", BODY).replace("\n", "\r\n")
    article = article_from_text(raw, origin="x")
    assert article.text == BODY
    assert article.text == normalize_text(article.text)


def test_zero_width_removed_nbsp_kept_and_folded_for_matching():
    article = article_from_text("Giá xăng\nGiá tăng 1\u00a0234 đồng, tức kh\u200boảng 5%.\n", origin="x")
    assert "\u200b" not in article.text
    assert "1\u00a0234" in article.text
    assert "1 234" in fold_for_matching(article.text)


def test_header_only_file_is_a_problem(tmp_path):
    path = write(tmp_path / "h.txt", "title: Chỉ có tiêu đề\n\n")
    assert [p.reason for p in problems(read(str(path)))] == ["no text after the header"]


# --- HTML ----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Lũ quét ở Lào Cai | Báo Mẫu</title>
<link rel="canonical" href="https://example.vn/lu-quet">
<meta name="author" content="Lan Anh">
<meta property="article:published_time" content="2024-09-10T08:00:00+07:00">
<script>var tracking = "Đọc 999 lần";</script></head>
<body><nav>Trang chủ | Thời sự | Thế giới</nav><article><h1>Lũ quét ở Lào Cai làm 12 người mất tích</h1>
<p>Trận lũ quét đêm 9/9 ở huyện Bảo Yên đã cuốn trôi 37 ngôi nhà, theo chính quyền tỉnh Lào Cai cho biết sáng nay.</p>
<p>Lực lượng cứu hộ đã tìm thấy 5 người, trong khi 12 người vẫn mất tích và hàng trăm người phải sơ tán khẩn cấp.</p>
<p>Mưa lớn kéo dài từ ngày 7/9 khiến nhiều tuyến đường bị sạt lở, giao thông bị chia cắt tại ít nhất 3 xã.</p>
</article><footer>Bản quyền thuộc Báo Mẫu</footer></body></html>"""


def test_html_page_gives_main_text_and_metadata(tmp_path):
    [article] = read(str(write(tmp_path / "page.html", PAGE)))
    assert "37 ngôi nhà" in article.text and "ít nhất 3 xã" in article.text
    assert "tracking" not in article.text and "Trang chủ" not in article.text
    assert article.title == "Lũ quét ở Lào Cai làm 12 người mất tích"
    assert article.published == "2024-09-10"
    assert article.url == "https://example.vn/lu-quet"
    assert article.author == "Lan Anh"


def test_short_html_fragment_falls_back_to_its_text(tmp_path):
    fragment = (
        "<p>Có khoảng <b>2.500</b> lính Mỹ ở Iraq.</p><script>alert(1)</script><p>Thêm 900 ở Syria &lt;script&gt;.</p>"
    )
    [article] = read(str(write(tmp_path / "frag.htm", fragment)))
    assert article.text == "Có khoảng 2.500 lính Mỹ ở Iraq.\nThêm 900 ở Syria <script>."
    assert "alert" not in article.text


def test_html_declared_charset_is_honoured(tmp_path):
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head>'
        "<body><p>Caf\xe9 prices rose 5%.</p></body></html>"
    )
    [article] = read(str(write(tmp_path / "p.html", page.encode("cp1252"))))
    assert "Café prices rose 5%." in article.text


def test_html_without_text_is_a_problem(tmp_path):
    [problem] = read(str(write(tmp_path / "empty.html", "<html><body><script>x()</script></body></html>")))
    assert problem.reason == "no text in the page"


# --- JSON Lines and JSON -------------------------------------------------------------------


def test_jsonl_bad_line_is_reported_and_good_lines_read(tmp_path):
    lines = [
        json.dumps({"title": "Một", "text": "Có 5 người bị thương.", "date": "27/9/2024", "url": "https://x.vn/1"}),
        "{not json",
        json.dumps({"title": "Ba", "body": "Có 7 người bị thương.", "published": "2024-09-28", "source": "Báo Mẫu"}),
        "",
        json.dumps({"title": "Không có nội dung", "url": "https://x.vn/5"}),
        json.dumps(["a", "list"]),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    items = read(str(path))
    assert [(a.origin, a.title, a.published) for a in articles(items)] == [
        (f"{path}:1", "Một", "2024-09-27"),
        (f"{path}:3", "Ba", "2024-09-28"),
    ]
    assert articles(items)[1].source == "Báo Mẫu"
    found = {p.origin: p.reason for p in problems(items)}
    assert found[f"{path}:2"].startswith("invalid JSON on line 2: ")
    assert "no text" in found[f"{path}:5"]
    assert "JSON object" in found[f"{path}:6"]
    assert len(found) == 3


def test_jsonl_content_field_with_html_is_read_as_html(tmp_path):
    record = {"title": "T", "content": "<p>Có 12 người mất tích.</p><p>Đã tìm thấy 5 người.</p>", "lang": "vi-VN"}
    [article] = read(str(write(tmp_path / "f.jsonl", json.dumps(record))))
    assert article.text == "Có 12 người mất tích.\nĐã tìm thấy 5 người."
    assert article.lang == "vi"


def test_json_list_and_object(tmp_path):
    listing = write(
        tmp_path / "list.json", json.dumps([{"title": "A", "text": "Một."}, {"title": "B", "content": "Hai."}])
    )
    single = write(tmp_path / "one.json", json.dumps({"title": "C", "text": "Ba."}))
    items = read(str(listing), str(single))
    assert [(a.origin, a.title, a.text) for a in articles(items)] == [
        (f"{listing}#1", "A", "Một."),
        (f"{listing}#2", "B", "Hai."),
        (str(single), "C", "Ba."),
    ]


def test_malformed_json_file_names_the_line(tmp_path):
    path = write(tmp_path / "bad.json", '[\n  {"title": "A", "text": "x"},\n  oops\n]')
    [problem] = read(str(path))
    assert problem.origin == str(path)
    assert problem.reason.startswith("invalid JSON on line 3: ")


# --- paths ---------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path) -> Path:
    write(tmp_path / "news" / "b.txt", "B\nBài b.\n")
    write(tmp_path / "news" / "a.txt", "A\nBài a.\n")
    write(tmp_path / "news" / "2024" / "c.html", "<p>Bài c.</p>")
    write(tmp_path / "news" / "2024" / "notes.md", "ghi chú")
    write(tmp_path / "news" / ".git" / "x.txt", "không phải bài\n")
    write(tmp_path / "news" / ".hidden.txt", "ẩn\n")
    return tmp_path / "news"


def test_folder_is_read_recursively_in_sorted_order_skipping_hidden(tree):
    assert [a.origin for a in read(str(tree))] == [
        str(tree / "a.txt"),
        str(tree / "b.txt"),
        str(tree / "2024" / "c.html"),
    ]


def test_folder_include_pattern_picks_files(tree):
    assert [a.origin for a in read(str(tree), include="*.html")] == [str(tree / "2024" / "c.html")]
    assert [a.origin for a in read(str(tree), include="2024/*")] == [
        str(tree / "2024" / "c.html"),
        str(tree / "2024" / "notes.md"),
    ]


def test_folder_with_nothing_included_is_a_problem(tree):
    [problem] = read(str(tree), include="*.pdf")
    assert problem.origin == str(tree) and "--include '*.pdf'" in problem.reason


def test_quoted_glob_is_expanded_and_empty_glob_is_a_problem(tree):
    items = read(str(tree / "**" / "*.txt"), str(tree / "*.docx"))
    assert [a.origin for a in articles(items)] == [str(tree / "a.txt"), str(tree / "b.txt")]
    assert [(p.origin, p.reason) for p in problems(items)] == [(str(tree / "*.docx"), "no file matches this pattern")]


def test_missing_path_is_a_problem_and_the_batch_goes_on(tree):
    items = read(str(tree / "gone.txt"), str(tree / "a.txt"))
    assert [(p.origin, p.reason) for p in problems(items)] == [(str(tree / "gone.txt"), "no such file or directory")]
    assert [a.title for a in articles(items)] == ["A"]


def test_same_file_named_twice_is_read_once(tree):
    assert len(read(str(tree / "a.txt"), str(tree), include="a.txt")) == 1


def test_stdin_as_text_and_as_json_lines():
    [article] = read("-", stdin=io.BytesIO(BODY.encode("utf-8")))
    assert (article.origin, article.path, article.text) == ("<stdin>", None, BODY)
    feed = "\n".join(json.dumps({"title": t, "text": f"Bài {t}."}) for t in "AB").encode("utf-8")
    items = read("-", stdin=io.BytesIO(feed))
    assert [(a.origin, a.title) for a in items] == [("<stdin>:1", "A"), ("<stdin>:2", "B")]


# --- bad input -----------------------------------------------------------------------------


def test_binary_file_is_refused(tmp_path):
    [problem] = read(str(write(tmp_path / "photo.txt", bytes(range(256)) * 20)))
    assert problem.reason == "not a text file (binary content)"


def test_empty_file_is_refused(tmp_path):
    [problem] = read(str(write(tmp_path / "e.txt", b"")))
    assert (problem.origin, problem.reason) == (str(tmp_path / "e.txt"), "empty file")


def test_file_over_the_size_cap_is_refused_naming_the_option(tmp_path):
    path = write(tmp_path / "big.txt", BODY * 100)
    [problem] = read(str(path), max_bytes=1024)
    assert problem.reason == "larger than the 1 KB limit (raise it with --max-bytes)"
    assert articles(read(str(path), max_bytes=1024 * 1024))
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024
    assert reader.too_large(DEFAULT_MAX_BYTES) == "larger than the 20 MB limit (raise it with --max-bytes)"


def test_stdin_over_the_cap_is_refused():
    [problem] = read("-", max_bytes=100, stdin=io.BytesIO(b"x" * 101))
    assert "--max-bytes" in problem.reason


def test_unreadable_file_is_refused(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", BODY)

    def refuse(*_args):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(reader, "_read_bytes", refuse)
    [problem] = read(str(path))
    assert (problem.origin, problem.reason) == (str(path), "cannot read: permission denied")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_file_without_read_permission_is_refused(tmp_path):
    path = write(tmp_path / "locked.txt", BODY)
    path.chmod(0)
    [problem] = read(str(path))
    assert problem.reason == "cannot read: permission denied"


def test_legacy_encoded_file_is_read_as_vietnamese(tmp_path):
    path = write(tmp_path / "old.txt", "Hµ Néi\nThñ t\xadíng ®· ®Õn th¨m c¸c tØnh.\n".encode("latin-1"))
    [article] = read(str(path))
    assert article.title == "Hà Nội" and article.text == "Hà Nội\nThủ tướng đã đến thăm các tỉnh.\n"


def test_utf16_file_is_read(tmp_path):
    [article] = read(str(write(tmp_path / "u.txt", "\ufeff".encode("utf-16-le") + BODY.encode("utf-16-le"))))
    assert article.text == BODY


# --- a second story at the end -------------------------------------------------------------

STORY = [
    "Hà Nội mở rộng tuyến buýt điện",
    "Sở Giao thông vận tải Hà Nội cho biết thành phố sẽ mở thêm 9 tuyến xe buýt điện trong năm nay.",
    "Các tuyến mới nối nội thành với Sóc Sơn, Đông Anh và Gia Lâm, phục vụ khoảng 30.000 lượt khách mỗi ngày.",
    "Giá vé giữ nguyên 7.000 đồng một lượt, theo Sở Giao thông vận tải.",
]
TEASER_VI = (
    "Miền Tây chuẩn bị mùa lũ muộn Ngành nông nghiệp các tỉnh đồng bằng sông Cửu Long khuyến cáo "
    "nông dân thu hoạch sớm vụ lúa thu đông vì nước thượng nguồn dâng cao..."
)


def test_seed_article_tail_is_marked():
    text = normalize_text(SEED.read_text("utf-8"))
    article = article_from_text(text, origin="seed")
    assert article.tail_start is not None
    assert article.text[article.tail_start :].startswith("Quốc tế cảnh báo")
    assert "2.500 lính Mỹ" in article.text[: article.tail_start]


def test_teaser_run_into_its_lead_and_cut_off_is_a_tail():
    text = "\n".join(STORY + [TEASER_VI]) + "\n"
    assert find_tail_start(text, STORY[0]) == text.index("Miền Tây")


def test_english_teaser_is_a_tail():
    story = [
        "City opens new bus lines",
        "The city will open nine electric bus lines this year, officials said.",
        "The new lines link the centre with three suburbs and carry about 30,000 riders a day.",
        "Fares stay at 7,000 dong per ride.",
    ]
    teaser = (
        "Floods threaten late harvest "
        "Farmers across the delta were told to bring in rice early as upstream water rises…"
    )
    text = "\n\n".join(story + [teaser])
    assert find_tail_start(text, story[0]) == text.index("Floods")


def test_closing_paragraph_of_the_same_story_is_not_a_tail():
    ending = (
        "Hà Nội Sở Giao thông vận tải cho biết tuyến buýt điện mới nối Sóc Sơn sẽ chạy thử từ tháng sau, "
        "giá vé vẫn là 7.000 đồng và tuyến buýt điện sẽ còn mở rộng..."
    )
    text = "\n".join(STORY + [ending])
    assert find_tail_start(text, STORY[0]) is None


def test_trailing_ellipsis_in_a_plain_sentence_is_not_a_tail():
    ending = "Ông Nam, một hành khách, nói rằng ông vẫn chờ xem chất lượng dịch vụ ra sao..."
    assert find_tail_start("\n".join(STORY + [ending]), STORY[0]) is None


@pytest.mark.parametrize(
    "marker",
    [
        "Xem thêm: Giá xăng tăng lần thứ ba",
        ">> Đọc thêm",
        "Tin liên quan:",
        "Read more: Fuel prices rise again",
        "Related:",
    ],
)
def test_related_links_marker_near_the_end_starts_a_tail(marker):
    text = "\n".join(STORY + [marker, "Giá vàng lập đỉnh mới", "Tàu điện Nhổn - ga Hà Nội chạy thử"])
    assert find_tail_start(text, STORY[0]) == text.index(marker)


def test_related_marker_followed_by_more_of_the_body_is_not_a_tail():
    long_body = [
        f"Đoạn {i}: các tuyến buýt mới phục vụ khoảng 30.000 lượt khách mỗi ngày, theo thống kê của Sở "
        "Giao thông vận tải Hà Nội, và còn nhiều tuyến khác sẽ được mở trong năm tới với giá vé không đổi."
        for i in range(8)
    ]
    text = "\n".join(STORY[:2] + ["Xem thêm: Giá xăng tăng"] + long_body)
    assert find_tail_start(text, STORY[0]) is None


def test_tail_is_set_on_articles_from_every_format(tmp_path):
    record = {"title": STORY[0], "text": "\n".join(STORY[1:] + ["Tin liên quan:", "Giá vàng lập đỉnh mới"])}
    [article] = read(str(write(tmp_path / "f.jsonl", json.dumps(record))))
    assert article.tail_start == article.text.index("Tin liên quan")


def test_converted_files_say_what_they_were_read_as(tmp_path):
    legacy = write(tmp_path / "old.txt", "Haø Noäi\nThuû töôùng ñaõ ñeán thaêm caùc tænh.\n".encode("cp1252"))
    modern = write(tmp_path / "new.txt", BODY)
    assert [a.encoding for a in read(str(legacy), str(modern))] == ["vni", "utf-8"]


def test_whitespace_only_utf16_file_is_empty(tmp_path):
    [problem] = read(str(write(tmp_path / "w.txt", "\ufeff   \n\n".encode("utf-16-le"))))
    assert problem.reason == "empty file"


def test_hostile_input_finishes_quickly(tmp_path):
    import time

    lines = ["a: " * 200_000, "Xem thêm: " * 50_000, ("Tin Mới nhất " * 100_000) + "..."]
    path = write(tmp_path / "hostile.txt", "\n".join(lines))
    started = time.process_time()
    [article] = read(str(path))
    assert time.process_time() - started < 5  # generous: proves no runaway backtracking, not speed
    assert len(article.text) > 1_000_000


# --- reading at the speed of the disk: the same results, fewer passes ----------------------


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Tiêu đề :  Bão Yagi \t", ("Tiêu đề", "Bão Yagi")),  # spaces around the colon and the value
        ("\tsource_name-x: Báo Mẫu: số 2", ("source_name-x", "Báo Mẫu: số 2")),  # the first colon ends the key
        ("url:", ("url", "")),
        ("a" * 30 + ": v", ("a" * 30, "v")),
        ("a" * 31 + ": v", None),  # keys are short
        ("19:30 tối qua", None),
        ("_title: v", None),  # a key opens with a letter
        ("ti\ttle: v", None),  # a tab inside a key
        ("Hà Nội mưa lớn", None),  # no colon
    ],
)
def test_header_line_is_a_short_key_a_colon_and_a_value(line, expected):
    from claims.sources.plaintext import _header_line

    assert _header_line(line) == expected


def test_file_that_grew_after_stat_is_still_read_one_byte_past_the_cap(tmp_path):
    path = write(tmp_path / "growing.txt", b"x" * 100)
    assert len(reader._read_bytes(path, 50, size=10)) == 51  # stat said 10 bytes, the file holds 100
    assert len(reader._read_bytes(path, 1000, size=0)) == 100  # /proc files say 0 and hold text
    assert len(reader._read_bytes(path, 1000, size=100)) == 100


def test_file_named_through_a_linked_folder_and_directly_is_read_once(tree):
    link = tree.parent / "linked"
    link.symlink_to(tree, target_is_directory=True)
    items = read(str(link / "a.txt"), str(tree / "a.txt"), str(tree / ".." / "news" / "a.txt"))
    assert [a.origin for a in items] == [str(link / "a.txt")]


def test_related_links_marker_from_a_user_lexicon_starts_a_tail(tmp_path, monkeypatch):
    text = "\n".join(STORY + ["Đọc tiếp: Giá xăng tăng", "Giá vàng lập đỉnh mới", "Tàu điện chạy thử"])
    assert find_tail_start(text, STORY[0]) is None
    write(tmp_path / "lexicon" / "vi" / "furniture.toml", '[related_links]\nmarkers = ["Đọc tiếp"]\n')
    monkeypatch.setenv("CLAIMS_LEXICON_PATH", str(tmp_path / "lexicon"))
    assert find_tail_start(text, STORY[0]) == text.index("Đọc tiếp")
    monkeypatch.delenv("CLAIMS_LEXICON_PATH")
    assert find_tail_start(text, STORY[0]) is None


def test_paragraphs_are_blank_line_blocks_only_when_text_sits_on_both_sides():
    from claims.sources.tail import _paragraphs

    assert _paragraphs("a\n \nb\nc") == [(0, 1), (4, 7)]
    assert _paragraphs("\n\na\nb  \n \t\n") == [(2, 3), (4, 7)]  # a blank line with no text before it
    assert _paragraphs("a\r\nb") == [(0, 2), (3, 4)]
