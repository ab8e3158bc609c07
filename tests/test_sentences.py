"""Sentence splitting: where a sentence ends, what does not end one, and the length cap."""

from __future__ import annotations

import pytest

from claims.text.sentences import MAX_SENTENCE, split_sentences

ABBREVIATIONS = frozenset({"TP", "Mr"})


def sentences(text: str, **options) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text, ABBREVIATIONS, **options)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Có 2.500 lính. Hôm nay trời đẹp.", ["Có 2.500 lính.", "Hôm nay trời đẹp."]),
        # A full stop before a small letter, inside a number or after an abbreviation or an initial ends nothing.
        ("Giá tăng 2.5 lần. vẫn chưa dừng", ["Giá tăng 2.5 lần. vẫn chưa dừng"]),
        ("TP. Hồ Chí Minh có 9 triệu dân.", ["TP. Hồ Chí Minh có 9 triệu dân."]),
        ("Ông A. Smith nói vậy.", ["Ông A. Smith nói vậy."]),
        # Closing quotes and brackets stay with their sentence; an opening one may start the next.
        ('Ông nói: "Xong rồi." Sau đó về.', ['Ông nói: "Xong rồi."', "Sau đó về."]),
        ("Anh ấy về. (Ảnh: AFP)", ["Anh ấy về.", "(Ảnh: AFP)"]),
        ("Xong!!! Về nhà… Rồi ngủ? Không.", ["Xong!!!", "Về nhà…", "Rồi ngủ?", "Không."]),
        # A digit opens a sentence too, and a tab separates like a space.
        ("Tăng 5%.\t12 tỉnh bị ảnh hưởng.", ["Tăng 5%.", "12 tỉnh bị ảnh hưởng."]),
        # No space after the mark: no end.
        ("Xem tại vnexpress.net.Hôm nay", ["Xem tại vnexpress.net.Hôm nay"]),
        # A line break always ends a sentence; blank lines and spaces are trimmed.
        ("Dòng một\n\n  Dòng hai  \n", ["Dòng một", "Dòng hai"]),
        ("Cuối câu.  ", ["Cuối câu."]),
        ("", []),
    ],
)
def test_sentence_ends(text, expected):
    assert sentences(text) == expected


def test_lines_split_alone_as_they_would_in_the_whole_text():
    text = "Tiêu đề\nCâu một. Câu hai.\nCâu ba."
    start = text.index("Câu một")
    end = text.index("\nCâu ba")
    assert sentences(text, lines=(start, end)) == ["Câu một.", "Câu hai."]
    assert [s for s in sentences(text) if start <= text.index(s) < end] == ["Câu một.", "Câu hai."]


def test_a_run_on_sentence_is_cut_at_a_clause_break_under_the_cap():
    clause = "một mệnh đề khá dài không có dấu chấm nào cả, "
    text = clause * (2 * MAX_SENTENCE // len(clause) + 1)
    pieces = sentences(text)
    assert len(pieces) > 1
    assert all(len(piece) <= MAX_SENTENCE for piece in pieces)
    assert all(piece.rstrip().endswith(",") for piece in pieces[:-1])
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")
