"""The reader: one mention around each place where a number may start.

Reader brings together what stands around a number (context.py), what digits are
(digit_reading.py), figures and their intervals (figures.py), numbers in words
(word_reading.py) and the word starts that need no reading (word_gate.py). One reader
serves one text; it remembers what follows each position.
"""

from __future__ import annotations

import regex

from .context import ContextReading
from .digit_reading import DigitReading
from .figures import FigureReading
from .lexicon import NumberLexicon
from .mention import NumberMention
from .word_gate import WordGate
from .word_reading import WordReading

# The fewest and most digits of a phone number: a service number ("1900 1234") has fewer than others,
# which may carry a country code ("+84 912 345 678").
_SERVICE_NUMBER_DIGITS = (8, 10)
_PHONE_NUMBER_DIGITS = (9, 13)


class Reader(ContextReading, DigitReading, FigureReading, WordReading, WordGate):
    """Reads mentions in one text, one anchor match at a time."""

    def __init__(self, folded: str, original: str, lexicon: NumberLexicon, timeout: float):
        self.folded, self.original, self.lex, self.timeout = folded, original, lexicon, timeout
        self._gates: dict[int, str | None] = {}
        self._matched: dict[tuple[int, int], regex.Match[str] | None] = {}  # (id of pattern, at) -> its match
        self._asked_again = frozenset(map(id, (lexicon.unit_after, lexicon.glued, lexicon.scale_after)))
        self._title_case: dict[int, bool] = {}  # line start -> whether the line is in title case

    def _mention(
        self,
        start: int,
        end: int,
        number_start: int,
        value,
        low,
        high,
        qualifier: str,
        kind: str,
        unit=None,
        normalized=None,
    ) -> NumberMention:
        return NumberMention(
            self.original[start:end], start, end, value, low, high, qualifier, kind, unit, normalized, number_start
        )

    def _label(self, kind: str, start: int, end: int, number_start: int, value=None, normalized=None) -> NumberMention:
        return self._mention(start, end, number_start, value, value, value, "exact", kind, None, normalized)

    def read(self, anchor: regex.Match[str]) -> tuple[NumberMention | None, int]:
        self.anchor = anchor
        found = anchor.lastgroup  # the anchor's alternatives are named groups with none inside
        if found == "words":
            return self._words()
        if found == "digits":
            return self.read_digits_at(anchor.start("digits"), anchor.end("digits"))
        if found == "phone":
            phone = self._phone()
            if phone is not None:
                return phone, phone.end
            digits = self._match(self.lex.digits_only, anchor.start())
            return self.read_digits_at(anchor.start(), digits.end()) if digits else (None, anchor.end())
        if found == "quarter":
            return self._roman_quarter()
        if found in ("vague", "plural"):
            return self._vague(found)
        if found == "half":
            return self._half()
        if found == "monthname":
            return self._month_name()
        if found == "ordword":
            quarter = self._ordinal_quarter()
            if quarter is not None:
                return quarter, quarter.end
            s, e = anchor.span("ordword")
            value = float(self.lex.ordinal_words[self.folded[s:e].casefold()])
            return self._label("ordinal", s, e, s, value), e
        return None, anchor.end()

    def _phone(self) -> NumberMention | None:
        s, e = self.anchor.span("phone")
        written = self.folded[s:e]
        digits = sum(ch.isdigit() for ch in written)
        shortest, longest = (
            _SERVICE_NUMBER_DIGITS if written.startswith(self.lex.service_prefixes) else _PHONE_NUMBER_DIGITS
        )
        if not shortest <= digits <= longest:
            return None
        return self._label("phone", s, e, s, normalized="".join(ch for ch in written if ch.isdigit() or ch == "+"))
