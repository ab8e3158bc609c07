"""The gate before the number-word reader: starts it would read only to throw away.

A lone weak word ("một", "năm", "one") is a figure only with something after it that
makes it one (word_reading.py, _words_stand) or a context word before it. When the next
word only opens longer phrases ("phần" opens "phần trăm" and "phần ba") and the word
after that continues none of them, as in "một phần của", nothing can: reading such a
start costs ~15 µs, the gate ~2 µs (a mixin of claims/numbers/reader.py).
"""

from __future__ import annotations

import unicodedata

from .reader_parts import ReaderParts
from .word_tables import leading_letters

# Longer than any word the gate looks for.
_LONGEST_WORD = 24


class WordGate(ReaderParts):
    """Starts of number words that certainly make no mention (a mixin of Reader)."""

    def reads_nothing_at(self, start: int) -> bool:
        """True when the number words at `start` certainly make no mention."""
        folded, lex = self.folded, self.lex
        weak, at = _word_and_space(folded, start)
        if weak is None or weak.casefold() not in lex.gated_weak:
            return False
        opener, at = _word_and_space(folded, at)
        seconds = lex.second_words.get(opener.casefold()) if opener else None
        if seconds is None:
            return False
        second = _letters_alone(folded, at)
        if not second or second.casefold() in seconds:
            return False  # digits or a second space may still open a phrase: the reader tells
        # No qualifier, currency sign, date, ordinal or label word before it either.
        return self._before(start) is None


def _word_and_space(text: str, at: int) -> tuple[str | None, int]:
    """The word of letters at `at` when one space follows it, and where the next word starts."""
    space = text.find(" ", at, at + _LONGEST_WORD)
    word = text[at:space]
    return (word, space + 1) if space > at and word.isalpha() else (None, at)


def _letters_alone(text: str, at: int) -> str:
    """The letters at `at`, or "" when a combining mark follows them: NFC could not compose
    it, and the reader's patterns would read it as part of the word."""
    word, _ = _word_and_space(text, at)
    if word is not None:
        return word
    letters = leading_letters(text, at)
    end = at + len(letters)
    return "" if end < len(text) and unicodedata.category(text[end])[0] == "M" else letters
