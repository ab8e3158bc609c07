"""Normalise article text once, at the boundary, and fold it for matching.

`normalize_text` produces the text we store and index: offsets of every claim point
into it. `fold_for_matching` returns a string of the *same length* in which
spelling variants that mean the same thing look the same to our patterns, so a
match found in the folded text can be sliced from the normalised one.
"""

from __future__ import annotations

import unicodedata

import regex

# Invisible characters that CMS exports scatter inside words and numbers.
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZERO_WIDTH = dict.fromkeys(map(ord, _ZERO_WIDTH_CHARS), None)


def _has_zero_width(text: str) -> bool:
    # Six substring tests are thirty times cheaper than one character-class search.
    return any(ch in text for ch in _ZERO_WIDTH_CHARS)

# Space-like characters that sit between digit groups ("1 234") or words.
_SPACES = "\u00a0\u2007\u2009\u202f\u2002\u2003\u2004\u2005\u2006\u2008\u200a\u3000"

_FOLD_TABLE = {ord(ch): " " for ch in _SPACES}
# Full-width and other-script digits are read as ASCII digits on purpose (FINDINGS: \d is Unicode-wide).
_FOLD_TABLE.update({0xFF10 + i: str(i) for i in range(10)})
_FOLD_TABLE.update({0x0660 + i: str(i) for i in range(10)})
_FOLD_TABLE.update({0x06F0 + i: str(i) for i in range(10)})
_FOLD_TABLE.update({0x0966 + i: str(i) for i in range(10)})
_FOLD_TABLE.update({ord("\uff05"): "%", ord("\uff0c"): ",", ord("\uff0e"): ".", ord("\uff0f"): "/"})
# Dashes and minus signs all read as a hyphen: "2.000–2.500", "Israel – Hezbollah".
_FOLD_TABLE.update({ord(ch): "-" for ch in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_FOLD_TABLE.update({ord(ch): "'" for ch in "\u2018\u2019\u201a\u201b"})
_FOLD_TABLE.update({ord(ch): '"' for ch in "\u201c\u201d\u201e\u201f\u00ab\u00bb"})

_FOLD_CHARS = {chr(code): repl for code, repl in _FOLD_TABLE.items()}
# Replacing the few characters that need it beats str.translate, which visits every character.
# The regex module scans for one range of characters about twenty times faster than for a
# class of several ranges, so each range is looked for on its own and only present ones
# are replaced. Characters inside a range but outside the table map to themselves.
_FOLDABLE_RANGES = [
    regex.compile(r) for r in ("[\u00a0-\u00bb]", "[\u2000-\u2212]", "[\u0660-\u06f9]", "[\u0966-\u096f]", "[\u3000]", "[\uff05-\uff19]")
]

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"

# Old-style tone placement puts the tone on the first vowel of an open "oa", "oe",
# "uy" syllable ("hòa", "thủy"); new style on the second ("hoà", "thuỷ"). Both occur
# in the same newspaper. We fold to the first-vowel form, which our word lists use.
# "qu" + y is excluded: there the u is a glide and "quý" is correct in both styles.
_TONED_A_E = "àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ"
_TONED_Y = "ỳýỷỹỵỲÝỶỸỴ"
# One class of pairs is scanned twice as fast as two branches with look-behinds; the few
# candidates it lets through ("uá", "oý", "quý") are ruled out in _new_style_pairs.
_NEW_STYLE_CANDIDATE = regex.compile(f"[oOuU][{_TONED_A_E}{_TONED_Y}](?!\\p{{L}})")


def normalize_text(raw: str) -> str:
    """The canonical form of an article's text: NFC, no zero-width characters, \\n line ends."""
    text = unicodedata.normalize("NFC", raw)
    # str.translate costs more than the search, and most texts have nothing to delete.
    if _has_zero_width(text):
        text = text.translate(_ZERO_WIDTH)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _old_style(first: str, second: str) -> str:
    """'o' + 'à' -> 'ò' + 'a': the tone mark moved to the first vowel, same length."""
    decomposed = unicodedata.normalize("NFD", second)
    base = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    tone = "".join(ch for ch in decomposed if ch in _TONE_MARKS)
    return unicodedata.normalize("NFC", first + tone) + unicodedata.normalize("NFC", base)


def _new_style_pairs(text: str, timeout: float):
    """Where a new-style pair stands: 'oà'/'oé' or 'uý' ending a syllable, not after a 'q'."""
    for found in _NEW_STYLE_CANDIDATE.finditer(text, timeout=timeout):
        at = found.start()
        first, second = text[at], text[at + 1]
        if (first in "oO") == (second in _TONED_A_E) and not (at and text[at - 1] in "qQ"):
            yield at, first, second


def unify_tone_placement(text: str) -> str:
    """'hoà' -> 'hòa', 'thuỷ' -> 'thủy'; length-preserving on NFC text."""
    pieces, done = [], 0
    for at, first, second in _new_style_pairs(text, max(1.0, len(text) / 1e6)):
        pieces.append(text[done:at])
        pieces.append(_old_style(first, second))
        done = at + 2
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _fold_char(match: regex.Match) -> str:
    return _FOLD_CHARS.get(match.group(), match.group())


def fold_for_matching(text: str) -> str:
    """A same-length copy of normalised text with variant spellings made uniform.

    Patterns run over this copy; offsets are valid in both.
    """
    timeout = max(1.0, len(text) / 1e6)
    folded = text
    for pattern in _FOLDABLE_RANGES:
        if pattern.search(folded, timeout=timeout):
            folded = pattern.sub(_fold_char, folded, timeout=timeout)
    # No substring test can rule the pattern out cheaply: "toàn" and "khoảng" hold the same pairs.
    folded = unify_tone_placement(folded)
    if len(folded) != len(text):  # pragma: no cover - guards the contract above
        raise AssertionError("folding must preserve length")
    return folded


class OffsetMap:
    """Maps spans of normalised text back to the raw text it was made from."""

    __slots__ = ("starts", "ends")

    def __init__(self, starts: list[int], ends: list[int]):
        self.starts = starts  # raw offset where output character j begins
        self.ends = ends  # raw offset where output character j ends

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        if start >= len(self.starts):
            last = self.ends[-1] if self.ends else 0
            return last, last
        raw_start = self.starts[start]
        raw_end = self.ends[end - 1] if end > start else raw_start
        return raw_start, raw_end


def normalize_with_offsets(raw: str) -> tuple[str, OffsetMap | None]:
    """NFC without zero-width characters, plus a map back to `raw`.

    Returns (raw, None) when nothing changes, so the common case costs one check.
    """
    nfc = unicodedata.normalize("NFC", raw)
    if nfc == raw and not _has_zero_width(raw):
        return raw, None
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    seg_start = 0
    for i in range(1, len(raw) + 1):
        # A segment is a starter and the combining marks after it: NFC never crosses one.
        if i == len(raw) or unicodedata.combining(raw[i]) == 0:
            piece = unicodedata.normalize("NFC", raw[seg_start:i]).translate(_ZERO_WIDTH)
            pieces.append(piece)
            starts.extend([seg_start] * len(piece))
            ends.extend([i] * len(piece))
            seg_start = i
    return "".join(pieces), OffsetMap(starts, ends)
