"""Bytes -> text: every encoding a newsroom's archive hands us, and the damage done before it did.

Fixtures are made here, on the fly. Legacy text also appears as literal byte strings
the way it looks in the wild ("Hµ Néi" is TCVN3 for "Hà Nội", "Haø Noäi" is VNI),
so the converters are checked against something they did not produce.
"""

from __future__ import annotations

import codecs
import os
import random
import shutil
import subprocess
import tomllib
import unicodedata
from pathlib import Path

import pytest

from claims.text.decode import BINARY_REASON, UndecodableText, decode_bytes
from claims.text.legacy_vi import as_windows_1252_bytes, vietnamese_score, windows_1252_reading

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "iraq-withdrawal.vi.txt"
TABLES = tomllib.loads((Path(__file__).resolve().parents[1] / "claims" / "text" / "legacy_vi.toml").read_text("utf-8"))
TONES = "\u0300\u0301\u0303\u0309\u0323"

SENTENCE = "Hà Nội, Việt Nam. Thủ tướng đã đến thăm các tỉnh miền Trung, nơi có khoảng 2.500 người được sơ tán."


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text("utf-8")


def to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps hats and horns precomposed and writes tones as combining marks."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES)) + tones)
    return "".join(out).encode("cp1258")


def to_tcvn3(text: str) -> bytes:
    inverse = {value: int(key, 16) for key, value in TABLES["tcvn3"].items() if len(value) == 1}
    # Anything else (curly quotes, dashes) as Word wrote it: Windows-1252.
    return b"".join(
        bytes([inverse[ch]]) if ch in inverse else ch.encode("cp1252") for ch in unicodedata.normalize("NFC", text)
    )


def to_vni(text: str) -> bytes:
    singles = {v: k for k, v in TABLES["vni"]["letters"].items()}
    marks = {v: k for k, v in TABLES["vni"]["marks"].items()}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in singles or ch.isascii() or ch in "íìÍÌ":
            out.append(singles.get(ch, ch))
            continue
        parts = unicodedata.normalize("NFD", ch)
        base, combining = parts[0], parts[1:]
        if "\u031b" in combining:  # horn: ơ and ư are single VNI letters
            base = unicodedata.normalize("NFC", base + "\u031b")
            base, combining = singles[base], combining.replace("\u031b", "")
        if not combining:
            out.append(base)
            continue
        # VNI writes the hat or breve before the tone in one byte.
        ordered = "".join(sorted(combining, key=lambda c: c in TONES))
        mark = marks[ordered]
        out.append(base + (mark.upper() if base.isupper() else mark))
    return "".join(out).encode("cp1252")


# --- Unicode encodings ---------------------------------------------------------------------


def test_utf8_without_bom_is_read_unchanged(seed_text):
    decoded = decode_bytes(seed_text.encode("utf-8"))
    assert decoded.text == seed_text
    assert decoded.encoding == "utf-8" and not decoded.repaired


def test_utf8_bom_is_dropped(seed_text):
    decoded = decode_bytes(codecs.BOM_UTF8 + seed_text.encode("utf-8"))
    assert decoded.text == seed_text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding, seed_text):
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    decoded = decode_bytes(bom + seed_text.encode(encoding))
    assert decoded.text == seed_text
    assert decoded.encoding == encoding


def test_utf16_without_bom_is_recognised_by_its_zero_bytes():
    decoded = decode_bytes(SENTENCE.encode("utf-16-le"))
    assert decoded.text == SENTENCE


def test_nfd_utf8_comes_out_nfc():
    decoded = decode_bytes(unicodedata.normalize("NFD", SENTENCE).encode("utf-8"))
    assert decoded.text == SENTENCE


# --- Vietnamese 8-bit encodings ------------------------------------------------------------


def test_cp1258_combining_tones_come_out_precomposed(seed_text):
    raw = to_cp1258(seed_text)
    assert "\u0301".encode("cp1258") in raw  # the fixture really uses combining tones
    decoded = decode_bytes(raw)
    assert decoded.encoding == "cp1258"
    assert decoded.text == seed_text
    assert not any(unicodedata.combining(ch) for ch in decoded.text)


@pytest.mark.parametrize(
    "raw, encoding, text",
    [
        # Typed with a .VnTime font (TCVN3).
        (
            "Hµ Néi, ViÖt Nam. Thñ t\xadíng ®· ®Õn th¨m c¸c tØnh".encode("latin-1"),
            "tcvn3",
            "Hà Nội, Việt Nam. Thủ tướng đã đến thăm các tỉnh",
        ),
        # Typed with a VNI font, read as cp1252.
        (
            "Haø Noäi, Vieät Nam. Thuû töôùng ñaõ ñeán thaêm caùc tænh. VIEÄT NAM".encode("cp1252"),
            "vni",
            "Hà Nội, Việt Nam. Thủ tướng đã đến thăm các tỉnh. VIỆT NAM",
        ),
    ],
)
def test_legacy_font_text_as_found_in_old_documents_is_converted(raw, encoding, text):
    decoded = decode_bytes(raw)
    assert decoded.encoding == encoding
    assert decoded.text == text


def test_tcvn3_article_is_converted(seed_text):
    body = seed_text.lower()  # TCVN3 (VN3) has no toned capitals: .VnTimeH fonts drew those
    decoded = decode_bytes(to_tcvn3(body))
    assert decoded.encoding == "tcvn3"
    assert decoded.text == body


@pytest.mark.skipif(shutil.which("iconv") is None, reason="needs glibc iconv")
def test_tcvn3_table_agrees_with_glibc_iconv():
    probe = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=b"\xb5", capture_output=True)
    if probe.returncode != 0:
        pytest.skip("this iconv has no TCVN5712-1")
    for key, expected in TABLES["tcvn3"].items():
        out = subprocess.run(
            ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([int(key, 16)]), capture_output=True
        )
        assert unicodedata.normalize("NFC", out.stdout.decode("utf-8")) == expected, key


def test_vni_article_is_converted(seed_text):
    decoded = decode_bytes(to_vni(seed_text))
    assert decoded.encoding == "vni"
    assert decoded.text == seed_text


@pytest.mark.parametrize(
    "legacy, name",
    [
        ("Hµ Néi, ViÖt Nam. Thñ t\xadíng ®· ®Õn th¨m c¸c tØnh", "tcvn3"),
        ("Haø Noäi, Vieät Nam. Thuû töôùng ñaõ ñeán thaêm caùc tænh", "vni"),
    ],
)
def test_legacy_font_text_pasted_into_utf8_is_converted(legacy, name):
    decoded = decode_bytes(legacy.encode("utf-8"))
    assert decoded.text == "Hà Nội, Việt Nam. Thủ tướng đã đến thăm các tỉnh"
    assert decoded.encoding == f"utf-8+{name}" and decoded.repaired


def test_western_8bit_text_is_not_mistaken_for_vietnamese():
    text = "The café on the corner served résumé writers and déjà vu fans until late.\n" * 5
    decoded = decode_bytes(text.encode("cp1252"))
    assert "café" in decoded.text and "résumé" in decoded.text


def test_english_utf8_with_pound_signs_is_not_taken_for_a_legacy_font():
    # TCVN3 maps "£" to "Ê", a Vietnamese syllable on its own: a few prices must not turn the text.
    text = (
        "The Home Office said the cards would cost £85 each, and fines of up to £1,000 would be "
        "charged from 2008. Critics put the scheme's cost at £5.5bn over ten years.\n"
    ) * 3
    decoded = decode_bytes(text.encode("utf-8"))
    assert decoded.text == text and decoded.encoding == "utf-8" and not decoded.repaired


def test_valid_utf8_vietnamese_is_not_scored_for_legacy_fonts(seed_text, monkeypatch):
    # A letter no legacy font has ("ệ", "đ") already rules it out: scoring every word cost most of reading.
    import claims.text.decode as decode

    def refuse(*_args, **_kwargs):
        raise AssertionError("legacy-font scoring ran on sound UTF-8")

    monkeypatch.setattr(decode, "vietnamese_score", refuse)
    decoded = decode_bytes(seed_text.encode("utf-8"))
    assert decoded.text == seed_text and decoded.encoding == "utf-8"


def test_legacy_font_text_using_bytes_windows_1252_leaves_undefined_is_converted():
    # "Hµ Néi" typed with a VN3 font, with 0x81 and 0x8D (no Windows-1252 character) in an aside.
    legacy = "Hµ Néi, ViÖt Nam. Thñ t\xadíng ®· ®Õn th¨m c¸c tØnh \x81\x8d"
    decoded = decode_bytes(legacy.encode("utf-8"))
    assert decoded.encoding == "utf-8+tcvn3" and decoded.text.startswith(
        "Hà Nội, Việt Nam. Thủ tướng đã đến thăm các tỉnh"
    )


def test_windows_1252_reading_is_undone_for_every_byte_and_refused_beyond_it():
    every_byte = bytes(range(256))
    assert as_windows_1252_bytes(windows_1252_reading(every_byte)) == every_byte
    assert as_windows_1252_bytes("Thñ t\xadíng “") is not None
    assert as_windows_1252_bytes("Việt") is None and as_windows_1252_bytes("ViÖt \u0111") is None


def test_syllable_score_separates_vietnamese_from_legacy_junk():
    assert vietnamese_score("Thủ tướng đã đến thăm các tỉnh").bad == 0
    assert vietnamese_score("Thñ t\xadíng ®· ®Õn th¨m c¸c tØnh").good <= 1


# --- damage done before the file reached us ------------------------------------------------


@pytest.mark.parametrize("wrong_codec", ["cp1252", "latin-1"])
def test_mojibake_is_repaired(wrong_codec):
    original = "Có khoảng 2.500 lính Mỹ được triển khai ở Iraq"
    garbled = original.encode("utf-8").decode(wrong_codec, errors="ignore" if wrong_codec == "cp1252" else "strict")
    assert "Ã" in garbled  # "LÃ­nh"-style text, the fixture is really broken
    decoded = decode_bytes(garbled.encode("utf-8"))
    assert decoded.repaired
    assert "lính Mỹ" in decoded.text and "Có khoảng 2.500" in decoded.text


def test_sound_text_with_mojibake_lookalikes_is_left_alone():
    # "à" then a curly quote looks like the start of mojibake; it is plain Vietnamese.
    text = "Ông nói: “Đó là”, rồi thêm “Hà Nội – Huế”… và Ô tô đỗ ở đó."
    decoded = decode_bytes(text.encode("utf-8"))
    assert decoded.text == text and not decoded.repaired


def test_seed_article_is_not_repaired(seed_text):
    assert not decode_bytes(seed_text.encode("utf-8")).repaired


# --- UTF-8 with a few broken bytes ---------------------------------------------------------


def test_one_broken_byte_in_utf8_is_read_as_a_replacement_and_named():
    head = (SENTENCE + "\n").encode("utf-8")
    decoded = decode_bytes(head + b"\x9c" + SENTENCE.encode("utf-8"))
    assert decoded.text == SENTENCE + "\n\ufffd" + SENTENCE
    assert decoded.encoding == "utf-8"
    assert [(d.line, d.reason) for d in decoded.damage] == [
        (2, f"invalid UTF-8 byte 0x9C at byte offset {len(head)} (line 2), read as U+FFFD")
    ]


def test_character_cut_off_at_the_end_of_a_file_is_named():
    data = SENTENCE.encode("utf-8") + "ệ".encode()[:2]
    decoded = decode_bytes(data)
    assert decoded.text == SENTENCE + "\ufffd"
    assert (
        decoded.damage[0].reason
        == f"2 invalid UTF-8 bytes on line 1, the first 0xE1 at byte offset {len(data) - 2}, read as U+FFFD"
    )


def test_utf8_with_its_byte_order_mark_and_a_broken_byte_is_read():
    decoded = decode_bytes(codecs.BOM_UTF8 + b"Prices rose \xff 5% in May.")
    assert decoded.text == "Prices rose \ufffd 5% in May."
    assert "at byte offset 15 " in decoded.damage[0].reason  # counted in the file, its mark included


def test_broken_bytes_on_many_lines_are_summed_up_after_ten():
    lines = [SENTENCE.encode("utf-8") + b"\xff" for _ in range(14)]
    decoded = decode_bytes(b"\n".join(lines))
    assert len(decoded.damage) == 11
    assert decoded.damage[-1].reason.startswith("4 more invalid UTF-8 byte(s) on 4 later line(s)")


@pytest.mark.parametrize("encode", [to_cp1258, to_tcvn3, to_vni])
def test_legacy_encodings_are_not_taken_for_broken_utf8(encode, seed_text):
    decoded = decode_bytes(encode(seed_text.lower()))  # TCVN3 has no toned capitals
    assert decoded.damage == () and decoded.text == seed_text.lower()


# --- what is no text -----------------------------------------------------------------------


def test_random_bytes_are_binary():
    noise = random.Random(6).randbytes(4096)
    with pytest.raises(UndecodableText, match=BINARY_REASON.replace("(", r"\(").replace(")", r"\)")):
        decode_bytes(noise)


def test_binary_with_a_text_header_is_still_binary():
    with pytest.raises(UndecodableText, match="binary"):
        decode_bytes(b"%PDF-1.7\n" + os.urandom(2000))


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n"])
def test_empty_input_is_refused(data):
    with pytest.raises(UndecodableText, match="empty file"):
        decode_bytes(data)


def test_utf16_bom_on_broken_content_is_refused():
    with pytest.raises(UndecodableText):
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8\x41")  # a lone surrogate


def test_nbsp_is_kept_by_decoding():
    text = "Giá 1\u00a0234 đồng"
    assert decode_bytes(text.encode("utf-8")).text == text
