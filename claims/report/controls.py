"""Characters that can change what a reader sees, made harmless for each kind of output.

C0 and C1 controls carry terminal escape sequences (clear the screen, recolour, retitle the
window); the bidirectional overrides and isolates reorder text on screen, so "exe.txt" can be
shown for a file named "txt.exe" ("Trojan Source"). Articles, titles and file names can hold any
of them, and whatever was stored before normalisation stripped them is still in the database.
str.translate keeps every function here linear in its input; the one pattern is a character class,
which cannot backtrack.
"""

from __future__ import annotations

import regex

_C0 = [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)]
_C1_AND_DEL = list(range(0x7F, 0xA0))
_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
# Line and paragraph separators end a line in editors and some terminals but not in CSV or Markdown.
_SEPARATORS = [0x2028, 0x2029]
# A lone surrogate cannot be written as UTF-8 at all: printing one would fail. A file name with a
# byte that is not UTF-8 reaches us as one (surrogateescape: byte 0xff is U+DCFF).
_SURROGATES = list(range(0xD800, 0xE000))

UNSAFE = frozenset(_C0 + _C1_AND_DEL + _BIDI + _SEPARATORS + _SURROGATES)


def _backslashed(code: int) -> str:
    # As claims.sources writes file names: "\x1b", "\u202e", and "\xff" for an undecodable byte.
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _character_class(codes) -> regex.Pattern:
    """One character class for a set of code points, as runs of consecutive ones."""
    runs, codes = [], sorted(codes)
    start = previous = codes[0]
    for code in codes[1:] + [None]:
        if code is not None and code == previous + 1:
            previous = code
            continue
        runs.append(f"\\u{start:04x}" if start == previous else f"\\u{start:04x}-\\u{previous:04x}")
        if code is not None:
            start = previous = code
    return regex.compile("[" + "".join(runs) + "]")


# Most text holds none of them: one scan in C finds out before translate looks up every character.
_ANY_UNSAFE = _character_class(UNSAFE)
_ANY_UNSAFE_OR_BREAK = _character_class(UNSAFE | {0x09, 0x0A, 0x0D})


def _clean(value: str, pattern: regex.Pattern) -> bool:
    return pattern.search(value, timeout=max(2.0, len(value) / 1e6)) is None


_REPLACED = {code: "\ufffd" for code in UNSAFE}
_BACKSLASHED = {code: _backslashed(code) for code in UNSAFE | {0x09, 0x0A, 0x0D}}
_JSON_ESCAPED = {code: f"\\u{code:04x}" for code in UNSAFE}


def replace_unsafe(value: str) -> str:
    """Article text for a table, a spreadsheet or a page: each unsafe character becomes U+FFFD,
    so the reader sees that something was there. Tabs and line breaks stay."""
    return value if _clean(value, _ANY_UNSAFE) else value.translate(_REPLACED)


def one_line(value: str) -> str:
    """A file name or message for stderr: unsafe characters and line breaks as backslash escapes,
    so the line stays one line and the name can still be told apart from its neighbours."""
    return value if _clean(value, _ANY_UNSAFE_OR_BREAK) else value.translate(_BACKSLASHED)


def json_escape_unsafe(document: str) -> str:
    """JSON text with the unsafe characters that json.dumps leaves raw (DEL, C1, bidi) written as
    \\u escapes: the decoded strings are unchanged, the printed document is inert."""
    return document if _clean(document, _ANY_UNSAFE) else document.translate(_JSON_ESCAPED)
