"""Lines that are photo captions or page furniture: their figures are kept but marked.

A line is a caption when it ends with a photo credit ("... Ảnh: NYT", "(Ảnh minh họa:
TASS)"); inside a longer paragraph, a sentence that ends with a bracketed credit is one.
A line is furniture when it is a known furniture line ("Video đang HOT") or opens with a
link marker ("Xem thêm: ..."). Only lines that hold figures are looked at.
"""

from __future__ import annotations

from .lexicon import ExtractLexicon, phrase_key

# A credit and its words fit in this many characters at the end of a line.
_CREDIT_TAIL = 100
_LONGEST_FURNITURE_LINE = 60
_PREFIX_REACH = 24


class Layout:
    """Reads the flags of the line around a position, once per line, walking forwards."""

    def __init__(self, folded: str, lex: ExtractLexicon, timeout: float):
        self.folded, self.lex, self.timeout = folded, lex, timeout
        self.line_start, self.line_end = 0, -1
        self.caption = self.boilerplate = False

    def line_at(self, position: int) -> tuple[bool, bool]:
        """(is_caption, is_boilerplate) of the line holding `position`."""
        if position > self.line_end:
            folded = self.folded
            self.line_start = folded.rfind("\n", 0, position) + 1
            end = folded.find("\n", position)
            self.line_end = len(folded) if end < 0 else end
            line = folded[self.line_start : self.line_end].strip()
            self.caption = self._ends_with_credit(line)
            self.boilerplate = self._is_furniture(line)
        return self.caption, self.boilerplate

    def sentence_is_caption(self, start: int, end: int) -> bool:
        """A sentence inside a paragraph that ends with a bracketed credit: '... hôm 23/9 (Ảnh: AFP).'"""
        tail = self.folded[max(start, end - _CREDIT_TAIL) : end]
        return tail.rstrip(" .").endswith(")") and self._ends_with_credit(tail)

    def _ends_with_credit(self, text: str) -> bool:
        if ":" not in text:
            return False
        tail = text[-_CREDIT_TAIL:]
        lowered = tail.casefold()
        if not any(word in lowered for word in self.lex.caption_words):
            return False
        return self.lex.caption_end.search(tail, timeout=self.timeout) is not None

    def _is_furniture(self, line: str) -> bool:
        initials = self.lex.furniture_initials
        # The line is stripped: its first letter, case-folded, opens its phrase key.
        if not line or ("" not in initials and line[0].casefold()[:1] not in initials):
            return False
        if len(line) <= _LONGEST_FURNITURE_LINE and phrase_key(line).rstrip(".:") in self.lex.boilerplate_lines:
            return True
        prefixes = self.lex.boilerplate_prefixes
        return bool(prefixes) and phrase_key(line[:_PREFIX_REACH]).startswith(prefixes)
