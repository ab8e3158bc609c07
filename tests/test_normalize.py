"""Normalisation at the boundary: NFC, invisible characters, folding that keeps offsets."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from claims.text.normalize import fold_for_matching, normalize_text, normalize_with_offsets, unify_tone_placement


def test_nfd_input_becomes_nfc_without_invisible_characters():
    raw = unicodedata.normalize("NFD", "khoảng 2.500\u200b lính\r\nMỹ")
    assert normalize_text(raw) == "khoảng 2.500 lính\nMỹ"


def test_old_and_new_tone_placement_fold_alike():
    assert unify_tone_placement("hoà bình, Khánh Hoà, thuỷ lợi, hoá chất") == "hòa bình, Khánh Hòa, thủy lợi, hóa chất"
    # "qu" + y keeps its tone on y in both styles; closed syllables have one placement only.
    assert unify_tone_placement("quý, hoàng, thuyền") == "quý, hoàng, thuyền"


def test_folding_unifies_digits_spaces_dashes_and_quotes():
    assert fold_for_matching("１２\u00a0345 – “IS”") == "12 345 - \"IS\""


@given(st.text(alphabet=st.sampled_from(list("aăâeêioôơuưyđAĐ0123456789 .,%/-–\u00a0\u202f“”１２hoàuỷqý")), max_size=60))
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
