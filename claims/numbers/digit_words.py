"""Digits with number words after them: "3 hundred and 21", "4 thousand 3 hundred", "322 hundred".

A scale word alone after digits ("2.5 million") is the figure reader's (claims/numbers/figures.py);
read here is what goes on past it: a hundred, more digits or words of the same number, or a
fraction ("3 million and a quarter"). Digits after the first stand in the number only after
the joiner ("and 21") or before a multiplier ("3 hundred"): "2 million 300 people" is two numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from .lexicon import NOT_LETTER_AFTER, NumberLexicon, word_alternation
from .word_fractions import whole_and_fraction
from .words import read_number_words

# Number words that multiply what stands before them: "3 hundred", "2 dozens", "5 million".
MULTIPLIERS = ("hundred", "plural", "scale")
_TOKEN = regex.compile(r"[^ ]+")


@dataclass(frozen=True, slots=True)
class DigitsAndWords:
    value: float
    end: int


@cache
def _after_digits(lex: NumberLexicon) -> regex.Pattern:
    """The words and digits that may go on a number after its digits, the first a multiplier."""
    multipliers = [w for w, (kind, _) in lex.word_kinds.items() if kind in MULTIPLIERS]
    word = f"{word_alternation(lex.word_kinds)}{NOT_LETTER_AFTER}"
    digits = r"[0-9]+(?![0-9]|[.,:/][0-9])"
    # At most 15 more, as the words anchor reads: a long run of number words is not rescanned from every digit in it.
    return regex.compile(f"[ ]+{word_alternation(multipliers)}{NOT_LETTER_AFTER}(?:[ ]+(?:{word}|{digits})){{0,15}}")


def digits_and_words(folded: str, e: int, value: float, lex: NumberLexicon, timeout: float) -> DigitsAndWords | None:
    """The number that digits worth `value` and ending at `e` open with the words after them, when
    it goes past a lone scale word; None otherwise."""
    if folded[e : e + 1] != " ":
        return None
    found = _after_digits(lex).match(folded, e, timeout=timeout)
    if found is None:
        return None
    tokens, ends = _tokens(found.group(), e, lex, timeout)
    words = [repr(value), *tokens]
    total, used = read_number_words(words, lex, numerals=True)  # "3 hundred and 2 hundred" is two
    if total is None or used < 2:
        return None
    end = ends[used - 2]
    fraction = whole_and_fraction(folded, words[:used], total, end, lex, timeout)
    if fraction is not None:
        return DigitsAndWords(fraction.value, fraction.end)
    first = lex.kind_of_word(words[1])
    if used == 2 and first is not None and first[0] == "scale":
        return None  # "2.5 million": the figure reader's scale
    return DigitsAndWords(total, end)


def _tokens(written: str, at: int, lex: NumberLexicon, timeout: float) -> tuple[list[str], list[int]]:
    """The words of a match and where each ends; digits only after the joiner or before a multiplier."""
    tokens: list[str] = []
    ends: list[int] = []
    for found in _TOKEN.finditer(written, timeout=timeout):
        tokens.append(found.group())
        ends.append(at + found.end())
    kept = 0
    for i, token in enumerate(tokens):
        if token[0].isdigit():
            if token[0] == "0":
                break  # "4 thousand 3 hundred and 0": a number of its own
            after_joiner = i > 0 and tokens[i - 1].casefold() == lex.whole_joiner
            before_multiplier = i + 1 < len(tokens) and _multiplier(tokens[i + 1], lex)
            if not (after_joiner or before_multiplier):
                break
        kept = i + 1
    return tokens[:kept], ends[:kept]


def _multiplier(token: str, lex: NumberLexicon) -> bool:
    found = lex.kind_of_word(token)
    return found is not None and found[0] in MULTIPLIERS
