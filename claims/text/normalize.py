"""Normalise article text once, at the boundary, and fold it for matching.

`normalize_text` produces the text we store and index: offsets of every claim point
into it. It holds no control character (tab and line feed aside), no terminal escape
sequence and no bidi control: what a pattern reads is what a reader sees.
`fold_for_matching` returns a string of the *same length* in which spelling
variants that mean the same thing look the same to our patterns, so a match found
in the folded text can be sliced from the normalised one.
"""

from __future__ import annotations

import unicodedata

import regex

from .word_search import WordSearch

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

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"

# Old-style tone placement puts the tone on the first vowel of an open "oa", "oe",
# "uy" syllable ("hòa", "thủy"); new style on the second ("hoà", "thuỷ"). Both occur
# in the same newspaper. We fold to the first-vowel form, which our word lists use.
# "qu" + y is excluded: there the u is a glide and "quý" is correct in both styles.
_NEW_STYLE_PAIRS = [first + second for first in "oO" for second in "àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ"]
_NEW_STYLE_PAIRS += [first + second for first in "uU" for second in "ỳýỷỹỵỲÝỶỸỴ"]

# Both kinds of change are found in one pass over the text, which costs about what a single
# pattern pass does; str.translate visits every character and costs more.
_TONE_SEARCH = WordSearch(_NEW_STYLE_PAIRS)
_FOLD_SEARCH = WordSearch([*_FOLD_CHARS, *_NEW_STYLE_PAIRS])


# Characters no reader sees but a terminal obeys, a database refuses (NUL on PostgreSQL)
# or a pattern reads: "\x1b]0;pwned\x07" sets a window title and would leave a claim "0".
# Bidi overrides, embeddings, isolates and marks reorder what a reader sees ("Trojan Source").
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROL_CHARS = (
    "".join(chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)] if chr(code) not in "\t\n\r") + _BIDI_CONTROLS
)
_CONTROLS = regex.compile(
    r"""(?P<escape>                                      # a terminal escape sequence, removed whole
          \x1b\[ [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]?     # CSI: colours, cursor moves ("\x1b[31m")
        | \x1b[\]PX^_] [^\x07\x1b\n]* (?:\x07|\x1b\\)?       # OSC and other strings up to BEL or ST, never past a line
        | \x1b [\x20-\x2f]* [\x30-\x7e]?                      # any other escape ("\x1bc", "\x1b(B"), or a lone ESC
        )
      | (?P<line>[\x0b\x0c\x1c-\x1e\x85])                # vertical tab, form feed, separators, NEL
      | (?P<bidi>[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+)
      | (?P<stray>[\x00-\x08\x0e-\x1a\x1f\x7f-\x84\x86-\x9f]+)  # NUL, BEL, DEL, C1 ...
    """,
    regex.VERBOSE,
)


def _has_controls(text: str) -> bool:
    # Every control is unprintable, and line ends and tabs are most texts' only unprintable characters:
    # two passes in C clear them. The rest (a no-break space is unprintable too) get the substring
    # tests, about 90 MB/s on Vietnamese text; a character-class search runs at 25.
    if text.isprintable() or text.replace("\n", "").replace("\t", "").replace("\r", "").isprintable():
        return False
    return any(ch in text for ch in _CONTROL_CHARS)


def _control_replacement(text: str, match: regex.Match) -> str:
    if match.lastgroup == "line":
        return "\n"
    if match.lastgroup != "stray":
        return ""
    # A stray control between two words (a Word table's cell mark, "Hà Nội\x07120") keeps them apart.
    start, end = match.span()
    if start == 0 or end == len(text):
        return ""
    before, after = text[start - 1], text[end]
    apart = not before.isspace() and not after.isspace() and not unicodedata.category(after).startswith("M")
    return " " if apart else ""


def _control_edits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for every control character or escape sequence in `text`."""
    timeout = max(2.0, len(text) / 1e6)
    return [(*m.span(), _control_replacement(text, m)) for m in _CONTROLS.finditer(text, timeout=timeout)]


def drop_controls(text: str) -> str:
    """`text` without control characters, escape sequences or bidi controls (tab and line ends stay)."""
    if not _has_controls(text):
        return text
    pieces, done = [], 0
    for start, end, replacement in _control_edits(text):
        pieces += [text[done:start], replacement]
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def normalize_text(raw: str) -> str:
    """The canonical form of an article's text: NFC, no zero-width or control characters, \\n line ends."""
    # Controls go first: one between a letter and its combining mark kept them from composing.
    text = unicodedata.normalize("NFC", drop_controls(raw))
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


def _ends_open_syllable(text: str, at: int) -> bool:
    """Whether the pair at `at` closes its syllable ('hoà', not 'hoàng') and follows no 'q' ('quý')."""
    return not (at and text[at - 1] in "qQ") and not text[at + 2 : at + 3].isalpha()


def _replaced(text: str, search: WordSearch) -> str:
    pieces, done = [], 0
    for index, at, end in search.occurrences(text):
        found = search.words[index]
        if end - at == 1:
            replacement = _FOLD_CHARS[found]
        elif _ends_open_syllable(text, at):
            replacement = _old_style(found[0], found[1])
        else:
            continue
        pieces.append(text[done:at])
        pieces.append(replacement)
        done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def unify_tone_placement(text: str) -> str:
    """'hoà' -> 'hòa', 'thuỷ' -> 'thủy'; length-preserving on NFC text."""
    return _replaced(text, _TONE_SEARCH)


def fold_for_matching(text: str) -> str:
    """A same-length copy of normalised text with variant spellings made uniform.

    Patterns run over this copy; offsets are valid in both.
    """
    folded = _replaced(text, _FOLD_SEARCH)
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


def _without_controls(raw: str) -> tuple[str, list[int], list[int]]:
    """`raw` without controls, and for each character left the raw span it stands for."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    done = 0
    for start, end, replacement in _control_edits(raw):
        pieces += [raw[done:start], replacement]
        starts += [*range(done, start), *[start] * len(replacement)]
        ends += [*range(done + 1, start + 1), *[end] * len(replacement)]
        done = end
    pieces.append(raw[done:])
    starts += range(done, len(raw))
    ends += range(done + 1, len(raw) + 1)
    return "".join(pieces), starts, ends


def normalize_with_offsets(raw: str) -> tuple[str, OffsetMap | None]:
    """NFC without zero-width or control characters, plus a map back to `raw`.

    Returns (raw, None) when nothing changes, so the common case costs one check.
    """
    has_controls = _has_controls(raw)
    nfc = unicodedata.normalize("NFC", raw)
    if nfc == raw and not _has_zero_width(raw) and not has_controls:
        return raw, None
    clean, clean_starts, clean_ends = _without_controls(raw) if has_controls else (raw, None, None)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    seg_start = 0
    for i in range(1, len(clean) + 1):
        # A segment is a starter and the combining marks after it: NFC never crosses one.
        if i == len(clean) or unicodedata.combining(clean[i]) == 0:
            piece = unicodedata.normalize("NFC", clean[seg_start:i]).translate(_ZERO_WIDTH)
            pieces.append(piece)
            raw_start = clean_starts[seg_start] if clean_starts else seg_start
            raw_end = clean_ends[i - 1] if clean_ends else i
            starts.extend([raw_start] * len(piece))
            ends.extend([raw_end] * len(piece))
            seg_start = i
    return "".join(pieces), OffsetMap(starts, ends)
