"""capitalised_before: the name right before a number or a noun, and the capitals that open sentences."""

from __future__ import annotations

import pytest

from claims.text.names import capitalised_before


def _before(text: str, follower: str, most: int = 4) -> tuple[str, list[str], bool]:
    at = text.index(follower)
    start, words, opens = capitalised_before(text, at, 0, most)
    return text[start:at].strip(), words, opens


@pytest.mark.parametrize(
    "text,follower,expected",
    [
        ("Thủy điện Đak Mi 4 tích nước", "4", ("Đak Mi", ["Đak", "Mi"], False)),
        ("Bà Rịa - Vũng Tàu giảm", "Tàu", ("Vũng", ["Vũng"], False)),  # a dash ends the name
        ("Có 5 người chết", "5", ("Có", ["Có"], True)),
        ("Hiện tại. In 2020 it rose", "2020", ("In", ["In"], True)),
        ('Ông nói: "Mazda 3 bán chạy"', "3", ("Mazda", ["Mazda"], True)),
        ("khách chọn Mazda 3", "3", ("Mazda", ["Mazda"], False)),
        ("giá bán 3 tỷ", "3", ("", [], False)),
        ("iPhone SE 2020 giảm giá", "2020", ("SE", ["SE"], False)),
    ],
)
def test_capitalised_words_before_a_point(text, follower, expected):
    assert _before(text, follower) == expected


def test_at_most_that_many_words_are_read():
    assert _before("Hội Chữ Thập Đỏ Việt Nam 2 lần", "2", most=2)[1] == ["Việt", "Nam"]
