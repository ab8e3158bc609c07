"""Bytes from a file or stdin -> NFC text, whatever encoding a CMS or an archive used.

Order of trust: a byte-order mark; strict UTF-8; UTF-16 without a mark; then the
readings a Vietnamese newsroom meets (Windows-1258, TCVN3, VNI) against
charset-normalizer's guess, scored by how many words come out as Vietnamese
syllables. UTF-8 text is then checked for two kinds of damage done before it
reached us: mojibake (UTF-8 read as Windows-1252, "LÃ­nh") and legacy font text
pasted into Unicode ("ViÖt Nam").
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

import charset_normalizer
import ftfy
import regex

from claims.errors import InputError
from claims.text.legacy_vi import (
    as_windows_1252_bytes,
    read_tcvn3,
    read_vni,
    vietnamese_score,
    windows_1252_reading,
)

BINARY_REASON = "not a text file (binary content)"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its mark starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control bytes no text file holds (tab, newlines, form feed and escape are allowed).
_CONTROL_BYTES = frozenset(set(range(32)) - {9, 10, 12, 13, 27}) | {127}

# A UTF-8 lead byte shown as Latin-1 followed by a continuation byte shown as Windows-1252:
# the fingerprint of mojibake; ftfy then decides whether and how to undo it.
_CONTINUATIONS = "".join(sorted({windows_1252_reading(bytes([b])) for b in range(0x80, 0xC0)}))
_MOJIBAKE_HINT = regex.compile("[\u00c2-\u00f4][" + regex.escape(_CONTINUATIONS) + "]")


class UndecodableText(InputError):
    """The bytes are no text we can read; the message is the reason, without the file name."""


@dataclass(frozen=True)
class DecodedText:
    text: str  # NFC
    encoding: str  # what we read it as: "utf-8", "utf-16-le", "cp1258", "tcvn3", "vni", ...
    repaired: bool = False  # mojibake or legacy font text inside UTF-8 was converted


def decode_bytes(data: bytes) -> DecodedText:
    """Decode a file's bytes; raises UndecodableText for empty or binary content."""
    if not data.strip():
        raise UndecodableText("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _finish(data[len(bom):].decode(encoding), encoding)
            except UnicodeDecodeError:
                raise UndecodableText(f"not valid {encoding.upper()} although it starts with its byte-order mark") from None
    if b"\x00" in data[:8192]:
        return _finish(*_utf16_without_bom(data))
    if _control_share(data[:8192]) > 0.02:
        raise UndecodableText(BINARY_REASON)
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text, encoding = _read_8bit(data)
    return DecodedText(unicodedata.normalize("NFC", text), encoding)


def _control_share(sample: bytes) -> float:
    return sum(b in _CONTROL_BYTES for b in sample) / max(1, len(sample))


def _utf16_without_bom(data: bytes) -> tuple[str, str]:
    # ASCII in UTF-16 puts a zero in every high byte: odd positions for LE, even for BE.
    sample = data[:4096]
    half = max(1, len(sample) // 2)
    even_zeros = sample[0::2].count(0) / half
    odd_zeros = sample[1::2].count(0) / half
    if abs(even_zeros - odd_zeros) > 0.3:
        encoding = "utf-16-le" if odd_zeros > even_zeros else "utf-16-be"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise UndecodableText(BINARY_REASON) from None
        if not any(ch in text for ch in "\x00\x01\x02\x03\x04\x05\x06\x07\x08"):
            return text, encoding
    raise UndecodableText(BINARY_REASON)


def _read_8bit(data: bytes) -> tuple[str, str]:
    """The best reading of bytes that are not UTF-8."""
    readings: list[tuple[str, str]] = []
    guess = charset_normalizer.from_bytes(data[:1_000_000]).best()
    if guess is not None:
        try:
            readings.append((guess.encoding, data.decode(guess.encoding)))
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        readings.append(("cp1258", data.decode("cp1258")))
    except UnicodeDecodeError:
        pass  # Windows-1258 leaves some bytes undefined: then it is not Windows-1258
    as_1252 = windows_1252_reading(data)
    readings += [("tcvn3", read_tcvn3(as_1252)), ("vni", read_vni(as_1252))]
    best = _most_vietnamese(readings)
    if best is not None:
        return best
    if guess is None:
        raise UndecodableText("cannot tell the text encoding (not UTF-8, and no known Vietnamese or Western encoding fits)")
    return readings[0][1], readings[0][0]


def _most_vietnamese(readings: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The reading with the most Vietnamese-looking words, if any looks Vietnamese at all.

    Ties go to the earlier reading (charset-normalizer's guess), so Western text stays as guessed.
    """
    best_score, best = None, None
    for encoding, text in readings:
        score = vietnamese_score(unicodedata.normalize("NFC", text))
        if best_score is None or score.net > best_score.net:
            best_score, best = score, (text, encoding)
    if best_score is None or best_score.good == 0 or best_score.good < 3 * best_score.bad:
        return None
    return best


def _finish(text: str, encoding: str) -> DecodedText:
    """Unicode we decoded without error may still carry damage done before it reached us."""
    text = unicodedata.normalize("NFC", text)
    repaired = False
    if _MOJIBAKE_HINT.search(text, timeout=5):
        fixed = _repair_mojibake(text)
        repaired, text = fixed != text, fixed
    legacy = _legacy_font_text(text)
    if legacy is not None:
        text, encoding, repaired = legacy[0], f"{encoding}+{legacy[1]}", True
    return DecodedText(text, encoding, repaired)


def _repair_mojibake(text: str) -> str:
    # Only lines that carry the fingerprint go through ftfy: it is slow, and "là”" is sound Vietnamese.
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _MOJIBAKE_HINT.search(line, timeout=2):
            lines[i] = unicodedata.normalize("NFC", ftfy.fix_encoding(line))
    return "\n".join(lines)


def _legacy_font_text(text: str) -> tuple[str, str] | None:
    """TCVN3 or VNI text that was pasted into a Unicode file with its font: convert it."""
    if text.isascii():
        return None
    score = vietnamese_score(text)
    if score.bad < 2 or score.good > score.bad:
        return None  # mostly sound Vietnamese (or none at all): leave it alone
    raw = as_windows_1252_bytes(text)
    if raw is None:
        return None
    as_1252 = windows_1252_reading(raw)
    best = _most_vietnamese([("as-is", text), ("tcvn3", read_tcvn3(as_1252)), ("vni", read_vni(as_1252))])
    if best is None or best[1] == "as-is":
        return None
    return unicodedata.normalize("NFC", best[0]), best[1]
