"""Bytes from a file or stdin -> NFC text, whatever encoding a CMS or an archive used.

Order of trust: a byte-order mark; strict UTF-8; UTF-16 without a mark; then the
readings a Vietnamese newsroom meets (Windows-1258, TCVN3, VNI) against
charset-normalizer's guess, scored by how many words come out as Vietnamese
syllables. UTF-8 text is then checked for two kinds of damage done before it
reached us: mojibake (UTF-8 read as Windows-1252, "LÃ­nh") and legacy font text
pasted into Unicode ("ViÖt Nam"). UTF-8 with a few broken bytes (a cut-off
character, one corrupted byte) is read with U+FFFD in their place, and each is named.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

import regex

from claims.errors import InputError
from claims.text.legacy_vi import (
    VietnameseScore,
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
_CONTROL_BYTES = bytes(sorted(set(range(32)) - {9, 10, 12, 13, 27} | {127}))

# A UTF-8 lead byte shown as Latin-1 followed by a continuation byte shown as Windows-1252:
# the fingerprint of mojibake; ftfy then decides whether and how to undo it.
_CONTINUATIONS = "".join(sorted({windows_1252_reading(bytes([b])) for b in range(0x80, 0xC0)}))
_MOJIBAKE_HINT = regex.compile("[\u00c2-\u00f4][" + regex.escape(_CONTINUATIONS) + "]")


# UTF-8 with broken bytes: at least this many sound non-ASCII characters per broken run (legacy
# Vietnamese encodings give fewer than 0.01 on 200 real articles), so 8-bit text still goes to the 8-bit readers.
_SOUND_PER_BROKEN = 4
# Lines named one by one before the rest are summed up.
_DAMAGE_LINES_NAMED = 10
_ESCAPED_BYTES = regex.compile(r"[\udc80-\udcff]+")  # what surrogateescape makes of bytes that are not UTF-8


class UndecodableText(InputError):
    """The bytes are no text we can read; the message is the reason, without the file name."""


@dataclass(frozen=True)
class Damage:
    """Bytes that were not valid UTF-8 inside UTF-8 text, on one line, read as U+FFFD."""

    line: int  # 1-based, in the file
    reason: str  # "invalid UTF-8 byte 0xFF at byte offset 1234 (line 5), read as U+FFFD"


@dataclass(frozen=True)
class DecodedText:
    text: str  # NFC
    encoding: str  # what we read it as: "utf-8", "utf-16-le", "cp1258", "tcvn3", "vni", ...
    repaired: bool = False  # mojibake or legacy font text inside UTF-8 was converted
    damage: tuple[Damage, ...] = ()


def decode_bytes(data: bytes) -> DecodedText:
    """Decode a file's bytes; raises UndecodableText for empty or binary content."""
    if not data.strip():
        raise UndecodableText("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _finish(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError:
                damaged = _damaged_utf8(data, len(bom), trusted=True) if encoding == "utf-8" else None
                if damaged is None:
                    raise UndecodableText(
                        f"not valid {encoding.upper()} although it starts with its byte-order mark"
                    ) from None
                return _finish(damaged[0], encoding, damaged[1])
    if b"\x00" in data[:8192]:
        return _finish(*_utf16_without_bom(data))
    if looks_binary(data[:8192]):
        raise UndecodableText(BINARY_REASON)
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data, 0, trusted=False)
    if damaged is not None:
        return _finish(damaged[0], "utf-8", damaged[1])
    text, encoding = _read_8bit(data)
    return DecodedText(unicodedata.normalize("NFC", text), encoding)


def decode_line(data: bytes, *, line: int, offset: int, utf8: bool = False) -> DecodedText:
    """One line of a file read line by line (a JSON Lines archive): `line` and `offset` are where it
    starts in the file, for the damage it names. A line with a BOM, UTF-16 or binary bytes is the
    caller's to refuse: this reads UTF-8, damaged UTF-8 and the 8-bit encodings, as decode_bytes does.
    `utf8`: the file is known to be UTF-8 (its head is), so a short line with one broken character
    is damaged UTF-8, not a line in an 8-bit encoding."""
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data, 0, trusted=utf8, first_line=line, base_offset=offset)
    if damaged is not None:
        return _finish(damaged[0], "utf-8", damaged[1])
    text, encoding = _read_8bit(data)
    return DecodedText(unicodedata.normalize("NFC", text), encoding)


def looks_binary(sample: bytes) -> bool:
    """Control bytes no text file holds make more than 2% of the sample."""
    return _control_share(sample) > 0.02


def _control_share(sample: bytes) -> float:
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / max(1, len(sample))


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
    import charset_normalizer  # only here: importing it costs more than reading a UTF-8 file

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
        raise UndecodableText(
            "cannot tell the text encoding (not UTF-8, and no known Vietnamese or Western encoding fits)"
        )
    return readings[0][1], readings[0][0]


def _most_vietnamese(
    readings: list[tuple[str, str]], scores: dict[str, VietnameseScore] | None = None
) -> tuple[str, str] | None:
    """The reading with the most Vietnamese-looking words, if any looks Vietnamese at all.

    Ties go to the earlier reading (charset-normalizer's guess), so Western text stays as guessed.
    `scores` holds the scores of NFC texts already scored, and gets those scored here.
    """
    best_score, best = None, None
    for encoding, text in readings:
        score = _score(unicodedata.normalize("NFC", text), scores)
        if best_score is None or score.net > best_score.net:
            best_score, best = score, (text, encoding)
    if best_score is None or best_score.good == 0 or best_score.good < 3 * best_score.bad:
        return None
    return best


def _score(text: str, scores: dict[str, VietnameseScore] | None) -> VietnameseScore:
    # Scoring reads every word of a text: a text scored once (the legacy test scores it before
    # comparing its readings, and the winner after) is not scored again.
    if scores is None:
        return vietnamese_score(text)
    score = scores.get(text)
    if score is None:
        score = scores[text] = vietnamese_score(text)
    return score


def _damaged_utf8(
    data: bytes, skip: int, *, trusted: bool, first_line: int = 1, base_offset: int = 0
) -> tuple[str, tuple[Damage, ...]] | None:
    """UTF-8 text with a few broken bytes: the text with U+FFFD for each, and where they were.

    None when the broken bytes are too many for the text to be UTF-8 at all: unless a
    byte-order mark says UTF-8 (`trusted`), the sound multi-byte characters must
    outnumber them many times over.
    """
    escaped = data[skip:].decode("utf-8", "surrogateescape")
    runs = list(_ESCAPED_BYTES.finditer(escaped, timeout=max(2.0, len(escaped) / 1e6)))
    broken = sum(len(run.group()) for run in runs)
    sound = len(escaped) - len(escaped.encode("ascii", "ignore")) - broken
    if trusted and broken * 10 > len(escaped) or not trusted and len(runs) * _SOUND_PER_BROKEN > sound:
        return None
    text = _ESCAPED_BYTES.sub("\ufffd", escaped, timeout=max(2.0, len(escaped) / 1e6))
    return text, _damage(escaped, runs, skip + base_offset, first_line)


def _damage(escaped: str, runs: list, skip: int, first_line: int = 1) -> tuple[Damage, ...]:
    """One entry per line holding broken bytes, naming the first one's byte offset in the file
    (`skip`: where `escaped` starts in it, on line `first_line`)."""
    by_line: dict[int, list] = {}
    offset, line, done = skip, first_line, 0
    for run in runs:
        before = escaped[done : run.start()]
        offset += len(before.encode("utf-8", "surrogateescape"))
        line += before.count("\n")
        if line not in by_line:
            by_line[line] = [offset, escaped[run.start()], 0]
        by_line[line][2] += len(run.group())
        offset += len(run.group())
        done = run.end()
    damage = []
    for line, (first, escaped_byte, count) in list(by_line.items())[:_DAMAGE_LINES_NAMED]:
        value = f"0x{ord(escaped_byte) - 0xDC00:02X}"
        what = (
            f"invalid UTF-8 byte {value}"
            if count == 1
            else f"{count} invalid UTF-8 bytes on line {line}, the first {value}"
        )
        damage.append(
            Damage(
                line,
                f"{what} at byte offset {first} (line {line}), read as U+FFFD"
                if count == 1
                else f"{what} at byte offset {first}, read as U+FFFD",
            )
        )
    rest = list(by_line.items())[_DAMAGE_LINES_NAMED:]
    if rest:
        count = sum(entry[2] for _, entry in rest)
        damage.append(
            Damage(
                rest[0][0],
                f"{count} more invalid UTF-8 byte(s) on {len(rest)} later line(s), "
                f"from byte offset {rest[0][1][0]} (line {rest[0][0]}), read as U+FFFD",
            )
        )
    return tuple(damage)


def _finish(text: str, encoding: str, damage: tuple[Damage, ...] = ()) -> DecodedText:
    """Unicode we decoded without error may still carry damage done before it reached us."""
    text = unicodedata.normalize("NFC", text)
    repaired = False
    if _MOJIBAKE_HINT.search(text, timeout=5):
        fixed = _repair_mojibake(text)
        repaired, text = fixed != text, fixed
    legacy = _legacy_font_text(text)
    if legacy is not None:
        text, encoding, repaired = legacy[0], f"{encoding}+{legacy[1]}", True
    return DecodedText(text, encoding, repaired, damage)


def _repair_mojibake(text: str) -> str:
    # Only lines that carry the fingerprint go through ftfy: it is slow, and "là”" is sound Vietnamese.
    import ftfy  # only here: importing it costs more than reading a UTF-8 file

    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _MOJIBAKE_HINT.search(line, timeout=2):
            lines[i] = unicodedata.normalize("NFC", ftfy.fix_encoding(line))
    return "\n".join(lines)


# Converted legacy text must have at least one word in this many carry Vietnamese letters: about
# two thirds of Vietnamese syllables do, so one in five leaves room for names and English words.
_MARKED_SHARE_DIVISOR = 5


def _legacy_font_text(text: str) -> tuple[str, str] | None:
    """TCVN3 or VNI text that was pasted into a Unicode file with its font: convert it."""
    if text.isascii():
        return None
    # A font's text is all bytes, so all Windows-1252: one letter beyond it ("ệ", "đ") rules the
    # file out before the costly scoring of every word (most UTF-8 news fails at its first line).
    raw = as_windows_1252_bytes(text)
    if raw is None:
        return None
    scores: dict[str, VietnameseScore] = {}
    score = _score(text, scores)
    if score.bad < 2 or score.good > score.bad:
        return None  # mostly sound Vietnamese (or none at all): leave it alone
    as_1252 = windows_1252_reading(raw)
    readings = [("as-is", text), ("tcvn3", read_tcvn3(as_1252)), ("vni", read_vni(as_1252))]
    best = _most_vietnamese(readings, scores)
    if best is None or best[1] == "as-is":
        return None
    # Vietnamese puts a mark on most syllables; an English text whose few "£" became "Ê" does not.
    converted = _score(best[0], scores)
    if converted.good * _MARKED_SHARE_DIVISOR < converted.good + converted.plain:
        return None
    return unicodedata.normalize("NFC", best[0]), best[1]
