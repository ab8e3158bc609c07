"""What the parts of the reader share: the text, the lexicon and the methods they call on one another.

Reader (claims/numbers/reader.py) is made of mixins (context.py, digit_reading.py, figures.py,
word_reading.py, word_gate.py) that call one another through `self`. Each inherits this
protocol, so the type checker knows what `self` holds in every one of them, and checks that
the part defining a method keeps to the signature declared here. It adds nothing at run time:
it stands after every mixin in Reader's method order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeAlias

import regex

if TYPE_CHECKING:
    from .context import OneWordBefore
    from .lexicon import NumberLexicon
    from .mention import NumberMention

    # What stands before a number: a match of the lexicon's `before` pattern, or one word read without it.
    Before: TypeAlias = regex.Match[str] | OneWordBefore | None
    # A mention (or None) and where reading goes on: what every reading returns.
    Reading: TypeAlias = tuple[NumberMention | None, int]


class ReaderParts(Protocol):
    """The reader as each of its mixins sees it."""

    folded: str
    original: str
    lex: NumberLexicon
    timeout: float
    anchor: regex.Match[str]  # the match being read: set by Reader.read before any reading
    _gates: dict[int, str | None]
    _matched: dict[tuple[int, int], regex.Match[str] | None]
    _asked_again: frozenset[int]  # ids of the patterns whose matches _matched keeps
    _title_case: dict[int, bool]

    # reader.py
    def _mention(
        self,
        start: int,
        end: int,
        number_start: int,
        value: float | None,
        low: float | None,
        high: float | None,
        qualifier: str,
        kind: str,
        unit: str | None = None,
        normalized: str | None = None,
    ) -> NumberMention: ...

    def _label(
        self,
        kind: str,
        start: int,
        end: int,
        number_start: int,
        value: float | None = None,
        normalized: str | None = None,
    ) -> NumberMention: ...

    # context.py
    def _before(self, start: int) -> Before: ...

    def _match(self, pattern: regex.Pattern[str], at: int) -> regex.Match[str] | None: ...

    def _may_follow(self, at: int) -> bool: ...

    def _next_word(self, at: int) -> str | None: ...

    def _include(self, before: Before, *groups: str) -> int | None: ...

    def _word_start(self, before: Before) -> int: ...

    # digit_reading.py
    def _counts_something(self, e: int) -> bool: ...

    def _clock_words(
        self, before: Before, s: int, end: int, value: float, last: float | None = None
    ) -> Reading | None: ...

    def _on_24_hour_clock(self, hour: int, part: str | None) -> int: ...

    def _day_before_date(self, s: int, value: float, integer: bool, at: int) -> NumberMention | None: ...

    # figures.py
    def _figure(
        self,
        before: Before,
        s: int,
        e: int,
        value: float,
        *,
        fraction: bool = False,
        integer: bool = False,
        year_like: bool = False,
        words_used: list[str] | None = None,
    ) -> Reading: ...

    def _power_of_ten(self, suffix: str) -> float | None: ...

    # word_reading.py
    def _tokens(self, start: int, end: int) -> tuple[list[str], list[tuple[int, int]]]: ...

    def _in_title_case_line(self, at: int) -> bool: ...

    def _words_stand(
        self, used: list[str], before: Before, kind: str, scale: tuple[float, int] | None, end: int, e: int
    ) -> bool: ...
