"""Normalisation at the boundary: NFC, invisible characters, folding that keeps offsets."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.text.normalize import (
    drop_controls,
    fold_for_matching,
    normalize_text,
    normalize_with_offsets,
    unify_tone_placement,
)

CONTROLS = [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n\r"]
BIDI = list("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_nfd_input_becomes_nfc_without_invisible_characters():
    raw = unicodedata.normalize("NFD", "khoảng 2.500\u200b lính\r\nMỹ")
    assert normalize_text(raw) == "khoảng 2.500 lính\nMỹ"


def test_old_and_new_tone_placement_fold_alike():
    assert unify_tone_placement("hoà bình, Khánh Hoà, thuỷ lợi, hoá chất") == "hòa bình, Khánh Hòa, thủy lợi, hóa chất"
    # "qu" + y keeps its tone on y in both styles; closed syllables have one placement only.
    assert unify_tone_placement("quý, hoàng, thuyền") == "quý, hoàng, thuyền"


def test_folding_unifies_digits_spaces_dashes_and_quotes():
    assert fold_for_matching("１２\u00a0345 – “IS”") == '12 345 - "IS"'


@given(
    st.text(alphabet=st.sampled_from(list("aăâeêioôơuưyđAĐ0123456789 .,%/-–\u00a0\u202f“”１２hoàuỷqý")), max_size=60)
)
def test_folding_preserves_length(text):
    text = normalize_text(text)
    assert len(fold_for_matching(text)) == len(text)


@given(st.text(alphabet=st.sampled_from(list("khoảng 2.500 lính Mỹ ở Iraq\u200b")), max_size=40))
def test_offset_map_points_back_into_the_raw_text(sample):
    raw = unicodedata.normalize("NFD", sample)
    text, mapping = normalize_with_offsets(raw)
    assert text == normalize_text(raw).replace("\n", "\n")
    if mapping is None:
        assert text == raw
        return
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 6) + 1):
            a, b = mapping.to_raw(start, end)
            assert normalize_text(raw[a:b]) == text[start:end]


# --- control characters: what a reader does not see, a pattern does not read ---------------


@pytest.mark.parametrize(
    "raw, text",
    [
        ("Có 12 người \x1b]0;pwned\x07mất tích", "Có 12 người mất tích"),  # a window title, removed whole
        ("Có 12 người \x1b]0;pwned\x1b\\mất tích", "Có 12 người mất tích"),  # the same ended by ST
        ("\x1b[1;31m12\x1b[0m lính", "12 lính"),  # colours
        ("\x1b]0;never ended 5\nCó 7 người", "\nCó 7 người"),  # an open title string ends with its line
        ("Hà Nội\x07120\x07", "Hà Nội 120"),  # a stray control between words keeps them apart
        ("tri\x00 ệu", "tri ệu"),
        ("\x00Có 5\x7f", "Có 5"),
        ("một\x0bhai\x0cba\x85bốn\x1ena", "một\nhai\nba\nbốn\nna"),  # line-breaking controls break lines
        ("x\u202e01\u202c y\u2066z\u2069\u200f", "x01 yz"),  # bidi controls only reorder: dropped
        ("e\x00\u0301", "é"),  # no space before a combining mark, which then composes
        ("Có\t12\nngười\r\nở", "Có\t12\nngười\nở"),
    ],
)
def test_controls_escapes_and_bidi_characters_are_removed(raw, text):
    assert normalize_text(raw) == text
    if "\r" not in raw:  # line ends are normalize_text's business alone
        assert normalize_with_offsets(raw)[0] == text


def test_text_without_controls_is_returned_as_is():
    text = "Có khoảng 2.500 lính Mỹ\tở Iraq\n"
    assert drop_controls(text) is text
    assert normalize_with_offsets(text) == (text, None)


@given(st.text(alphabet=st.sampled_from(list("Có 12 người ]0;[m\u0301") + CONTROLS + BIDI + ["\x1b"] * 4), max_size=50))
def test_offsets_point_back_into_text_with_controls(raw):
    text, mapping = normalize_with_offsets(raw)
    assert text == normalize_text(raw)
    assert not any(ch in text for ch in CONTROLS + BIDI)
    if mapping is None:
        assert text == raw
        return
    previous = 0
    for i in range(len(text)):
        start, end = mapping.to_raw(i, i + 1)
        assert previous <= start < end <= len(raw)
        previous = start
        if text[i] not in " \n":  # not a space or a line break that stands for a control
            assert text[i] in normalize_text(raw[start:end])
