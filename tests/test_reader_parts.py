"""The reader's parts (claims/numbers/reader_parts.py): every method the protocol declares is one
a part defines, and the readings that pass values between parts (ranges, context words)."""

from __future__ import annotations

import pytest

from claims.lang import load_pack
from claims.numbers.lexicon import lexicon_for
from claims.numbers.parse import matching_copy, parse_numbers
from claims.numbers.reader import Reader
from claims.numbers.reader_parts import ReaderParts


def _declared_methods() -> list[str]:
    return [name for name, member in vars(ReaderParts).items() if callable(member) and not name.startswith("__")]


def test_the_protocol_declares_the_methods_the_parts_share():
    assert {"_before", "_match", "_label", "_mention", "_figure", "_word_start"} <= set(_declared_methods())


@pytest.mark.parametrize("name", _declared_methods())
def test_every_declared_method_is_defined_by_a_part_not_by_the_protocol(name):
    # A protocol method has an empty body: were no part to define it, the reader would call the
    # empty body and read None where a number stands.
    defined_by = next(cls for cls in Reader.__mro__ if name in vars(cls))
    assert defined_by is not ReaderParts
    assert Reader.__mro__.index(defined_by) < Reader.__mro__.index(ReaderParts)


def _reader(text: str) -> Reader:
    return Reader(matching_copy(text), text, lexicon_for(load_pack("vi")), 1.0)


def test_the_word_before_a_number_starts_where_it_is_written():
    reader = _reader("Hôm ngày 27")
    assert reader._word_start(reader._before(9)) == 4


def test_asking_for_a_word_where_a_qualifier_stands_is_an_error():
    reader = _reader("khoảng 27")
    before = reader._before(7)
    assert before is not None and before["qual"]
    with pytest.raises(ValueError):
        reader._word_start(before)


def _read(text: str) -> list[tuple]:
    return [(m.text, m.kind, m.qualifier, m.low, m.high, m.normalized) for m in parse_numbers(text, "vi")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a range shares the scale of its second bound
        ("từ 2 đến 3 triệu người", ("từ 2 đến 3 triệu", "count", "range", 2_000_000, 3_000_000, None)),
        # an approximate range widens both bounds
        ("khoảng 2.000-2.500 người", ("khoảng 2.000-2.500", "count", "range", 1800, 2750, None)),
        # a unit on both bounds
        ("từ 30% đến 40% dân số", ("từ 30% đến 40%", "percent", "range", 30, 40, None)),
    ],
)
def test_a_range_is_read_with_both_bounds(text, expected):
    assert _read(text) == [expected]


def test_a_range_with_a_price_per_unit_on_both_bounds():
    [mention] = parse_numbers("Giá từ 20.000 đồng/lít đến 22.000 đồng/lít.", "vi")
    assert (mention.kind, mention.qualifier, mention.low, mention.high) == ("money", "range", 20_000, 22_000)
    assert (mention.text, mention.unit) == ("từ 20.000 đồng/lít đến 22.000 đồng/lít", "VND/litre")


def test_what_looks_like_a_range_can_be_a_score_or_two_dates():
    assert _read("tỷ số 3-1 nghiêng về đội nhà") == [("3-1", "score", "exact", None, None, "3-1")]
    assert _read("từ 9 đến 11/10 sẽ mưa") == [
        ("9", "date", "exact", None, None, "--10-09"),
        ("11/10", "date", "exact", None, None, "--10-11"),
    ]
