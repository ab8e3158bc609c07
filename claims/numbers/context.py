"""What stands around a number: the context words before it, and what can follow it.

The reader (claims/numbers/reader.py) asks this for every number, so the common cases
are answered from word tables (claims/numbers/lexicon.py) and the lexicon's patterns
read the rest.
"""

from __future__ import annotations

import unicodedata
from enum import Enum
from typing import TYPE_CHECKING, Final, Literal

import regex

from .lexicon import DIGIT_FOLLOWS
from .reader_parts import ReaderParts

if TYPE_CHECKING:
    from .reader_parts import Before

# How far back a qualifier, "từ" or a date word may stand from the digits.
_BEFORE_WINDOW = 48
# Longer than any word that can stand before or after a number.
_LONGEST_WORD = 24
_WORD = regex.compile(r"[\p{L}\p{M}]+")
# Characters before which no scale, unit, range or fraction can follow a number.
_NOTHING_AFTER = frozenset(",;:!?)]}\n\"'")
_CLOSING = ".,;:!?)]}\"'"


class _Unseen(Enum):
    """Marks a position the reader has not looked at yet (None means nothing can follow there)."""

    UNSEEN = 0


_UNSEEN: Final = _Unseen.UNSEEN
# Where a clause ends: a lone number word just before one is some other word ("mận chín.").
CLAUSE_ENDS = _NOTHING_AFTER | {"."}
# After these a capitalised word opens a sentence rather than naming someone ("Ba người").
SENTENCE_OPENERS = ".!?:;\"'(\n"


class ContextReading(ReaderParts):
    """The reader's questions about the text around a number (a mixin of Reader)."""

    def _before(self, start: int) -> Before:
        """The qualifier, range opener, date or label word and currency sign before `start`.

        Cheap checks on the word before the number decide most cases; the reverse
        pattern reads the rest.
        """
        folded = self.folded
        i = start - 1 if start and folded[start - 1] == " " else start
        if i == 0:
            return None
        last = folded[i - 1]
        if last.isalpha():
            j = folded.rfind(" ", i - _LONGEST_WORD if i > _LONGEST_WORD else 0, i) + 1
            word = folded[j:i]
            if not word.isalpha():  # a line break, a bracket or a quote inside the window
                word = _trailing_letters(word)
                j = i - len(word)
                if unicodedata.combining(folded[j - 1]):  # a mark NFC could not compose: let the pattern read it
                    word = ""
            if word:
                key = word.casefold()
                if key not in self.lex.before_last_words:
                    return None
                if i != start:
                    alone = self._one_word_before(word, key, j)
                    if alone is not None:
                        return alone or None
        elif last == "-":
            if i != start or not self._dash_is_sign(i - 1):
                return None  # "- 5" is a dash, "1-2" or "1 -2" a range
        elif last != " " and (last not in self.lex.before_signs or (last == "." and i == start)):
            return None  # only more spaces, a currency sign, or the dot of "No." or "Aug." and a space can stand there
        found = self.lex.before.search(folded, max(0, start - _BEFORE_WINDOW), start, timeout=self.timeout)
        return found if found and found.start() < start else None

    def _one_word_before(self, word: str, key: str, j: int) -> OneWordBefore | Literal[False] | None:
        """What the `before` pattern matches when one word stands alone before the number
        (the word before it can be part of no context phrase); None when the pattern must tell.

        Most numbers in news have such a word ("khoảng", "ngày", "tháng"): a set lookup is
        far cheaper than the reverse search. False means no context at all.
        """
        lex, folded = self.lex, self.folded
        if word in lex.currency_prefixes:
            return None
        group = lex.before_single_cased.get(word) or lex.before_single_words.get(key)
        if group == "sign" and j > 1 and folded[j - 1] == " " and folded[j - 2].isdigit():
            return False  # "10 minus 3": an operation between two numbers
        if j > 1 and folded[j - 1] == " " and folded[j - 2].isalpha():
            k = folded.rfind(" ", j - 1 - _LONGEST_WORD if j > _LONGEST_WORD else 0, j - 1) + 1
            previous = folded[k : j - 1]
            if not previous.isalpha():  # "doesn't exceed" is one phrase; a quote or a bracket is not part of it
                inner = previous.strip("'")
                previous = inner if inner.replace("'", "").isalpha() else _trailing_letters(previous)
            previous = previous.casefold()
            if group == "sign" and previous in lex.sign_not_after:
                return False  # "siêu âm 3 lần": three scans
            # The word before may run on into this one ("ít nhất"), or close a group that
            # stands to its left: a qualifier before "từ", either before a date word.
            if (previous, key) in lex.before_word_pairs or previous in lex.before_ends_left_of.get(group or key, ()):
                return None
        return OneWordBefore(group, j, word) if group else False

    def _dash_is_sign(self, at: int) -> bool:
        """Whether the dash at `at`, straight before digits, is a minus sign: not after a number
        ("1-2", "1 -2", "5% -3%") and not inside a word ("F-16" is read as a name before this)."""
        if at == 0:
            return True
        previous = self.folded[at - 1]
        if previous == " ":
            return at < 2 or not (self.folded[at - 2].isdigit() or self.folded[at - 2] == "%")
        return not (previous.isalnum() or previous == "-")

    def _match(self, pattern: regex.Pattern[str], at: int) -> regex.Match[str] | None:
        """`pattern` matched at `at`, tried only when the word there can open it."""
        following = self._gates.get(at, _UNSEEN)
        if following is _UNSEEN:
            following = self._next_word(at)
        if following is None:
            return None
        if following:
            firsts = self.lex.first_words.get(pattern)
            if firsts is not None and following not in firsts:
                return None
        if id(pattern) not in self._asked_again:
            return pattern.match(self.folded, at, timeout=self.timeout)
        # The readings of one number ask these again at the same place: a third of their calls in news.
        key = (id(pattern), at)
        if key in self._matched:
            return self._matched[key]
        found = self._matched[key] = pattern.match(self.folded, at, timeout=self.timeout)
        return found

    def _may_follow(self, at: int) -> bool:
        """False when nothing that the patterns read after a number can start at `at`."""
        following = self._next_word(at)
        if following is None:
            return False
        if not following or following in self.lex.after_first_words:
            return True
        # "trên 1.000 và dưới 1.500", "1 in 5": rare enough to try only after their word.
        patterns = self.lex.tested_after.get(following, ())
        return any(p.match(self.folded, at, timeout=self.timeout) is not None for p in patterns)

    def _next_word(self, at: int) -> str | None:
        """What stands at `at`, as the lexicon's first_words name it: None when nothing can
        follow a number there; after one space the next word (case-folded), DIGIT_FOLLOWS for a
        digit or the sign itself; "" for letters glued to the number (or more spaces)."""
        known = self._gates.get(at, _UNSEEN)
        if known is not _UNSEEN:
            return known
        folded = self.folded
        size = len(folded)
        if at >= size or folded[at] in _NOTHING_AFTER:
            following = None
        elif folded[at] != " ":
            following = "" if folded[at].isalpha() else folded[at]  # "3bn", "19h15"; "30%", "2.000-2.500"
        elif at + 1 >= size:
            following = None
        elif folded[at + 1].isalpha():
            stop = folded.find(" ", at + 1, at + _LONGEST_WORD)
            word = folded[at + 1 : stop if stop > 0 else at + _LONGEST_WORD].rstrip(_CLOSING)
            if not word.isalpha():  # a line break, a sign or a long word: let the pattern cut it
                letters = _WORD.match(folded, at + 1, timeout=self.timeout)
                assert letters is not None  # a letter stands at at + 1
                word = letters.group()
            following = word.casefold()
        elif folded[at + 1].isdigit():
            following = DIGIT_FOLLOWS  # only the minutes of a clock ("9 giờ 30") are read there
        else:
            following = "" if folded[at + 1] == " " else folded[at + 1]  # " - ", " %"
        self._gates[at] = following
        return following

    def _include(self, before: Before, *groups: str) -> int | None:
        """Where the mention starts when it takes in these parts of the context before it."""
        if before is None:
            return None
        if type(before) is OneWordBefore:
            return before.at if before.group in groups else None
        starts = [before.start(g) for g in groups if before[g]]
        return min(starts) if starts else None

    def _word_start(self, before: Before) -> int:
        """Where the context word ("ngày", "tháng", "Điều") before a number starts, once it was read there."""
        start = self._include(before, "word")
        if start is None:
            raise ValueError("no context word stands before this number")
        return start


class OneWordBefore:
    """Stands in for a match of the `before` pattern that took a single word into one group."""

    __slots__ = ("group", "at", "text")

    def __init__(self, group: str, at: int, text: str):
        self.group, self.at, self.text = group, at, text

    def __getitem__(self, name: str) -> str | None:
        return self.text if name == self.group else None

    def start(self, name: str | None = None) -> int:
        return self.at


def _trailing_letters(token: str) -> str:
    if token.isalpha():
        return token
    k = len(token)
    while k and token[k - 1].isalpha():
        k -= 1
    return token[k:]


def spaces(text: str | None) -> str:
    """A phrase as written, with its spaces made single ("ít  nhất" is "ít nhất")."""
    return " ".join((text or "").split())
