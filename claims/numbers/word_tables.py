"""Tables the number lexicon derives from word lists: which words open or end phrases, what a
single word before a number means, the kinds of number words (claims/numbers/lexicon.py).
"""

from __future__ import annotations

import regex

_LETTERS = regex.compile(r"[\p{L}\p{M}]+")


def lower_keys(mapping: dict) -> dict:
    return {k.casefold(): v for k, v in mapping.items()}


def number_word_kinds(words: dict) -> dict:
    """folded number word -> (kind, value), from the tables of [numbers.words] (every one present)."""
    kinds: dict = {}
    for word, value in words["digits"].items():
        kinds[word] = ("digit", float(value))
    for word, value in words["after_tens"].items():
        kinds.setdefault(word, ("after_tens", float(value)))
    for word in words["ten"]:
        kinds[word] = ("ten", 10.0)
    for word, value in words["tens"].items():
        kinds[word] = ("tens", float(value))
    for word in words["tens_marker"]:
        kinds[word] = ("tens_marker", 10.0)
    for word, value in words["hundred"].items():
        kinds[word] = ("hundred", float(value))
    for word, value in words["plural_multipliers"].items():
        kinds.setdefault(word, ("plural", float(value)))
    for word, value in words["scales"].items():
        kinds[word] = ("scale", float(value))
    for word in words["joiners"]:
        kinds[word] = ("joiner", 0.0)
    for word in words["half"]:
        kinds[word] = ("half", 0.5)
    return lower_keys(kinds)


def single_words_before(qualifiers, linkers, openers, before_words, signs=()) -> dict:
    """Tables that let one word before a number be read as the `before` pattern would read it.

    The pattern tries the sign first, then the word group, the range opener and the qualifier;
    words the pattern matches in their written case only are kept apart.
    """
    single: dict[str, str] = {}
    cased: dict[str, str] = {}
    pairs: set[tuple[str, str]] = set()
    ends = {"qual": {w.casefold() for w in linkers}, "open": set(), "word": set(), "sign": set()}
    for group, phrases in (("qual", qualifiers), ("open", openers), ("word", before_words), ("sign", signs)):
        for phrase in phrases:
            words = [w.casefold() for w in phrase.split()]
            if words:
                ends[group].add(words[-1])
            pairs.update(zip(words, words[1:]))
            if len(words) != 1 or not phrase.isalpha():
                continue
            any_case = phrase.islower() or len(phrase) > 2
            if any_case:
                single[phrase.casefold()] = group  # later groups in this loop take precedence
            else:
                cased[phrase] = group
    # Which phrase ends can stand left of a word of each group (the pattern's order is
    # qualifier, linker ("là"), range opener, date or label word, sign); a linker itself follows a qualifier.
    left_of = {
        "qual": frozenset(),
        "open": frozenset(ends["qual"]),
        "word": frozenset(ends["qual"] | ends["open"]),
        "sign": frozenset(ends["qual"] | ends["open"] | ends["word"]),
        **{w.casefold(): frozenset(ends["qual"]) for w in linkers},
    }
    return {
        "before_single_words": single,
        "before_single_cased": cased,
        "before_ends_left_of": left_of,
        "before_word_pairs": frozenset(pairs),
    }


def second_words(phrases, marker: str, denominators) -> dict:
    """Words that open only phrases of two words or more after a number ("phần": "phần trăm"
    and, as the fraction marker, "phần ba"), each with the letters that the phrases' second
    words start with. `phrases` is everything the reader reads after a number word."""
    alone: set[str] = set()
    seconds: dict[str, set[str]] = {}
    for phrase in phrases:
        words = phrase.casefold().split()
        if len(words) == 1:
            alone.add(leading_letters(words[0]))
        elif len(words) > 1 and words[0].isalpha():
            seconds.setdefault(words[0], set()).add(leading_letters(words[1]))
    if marker:  # the marker needs a denominator (or digits, which open no letters)
        seconds.setdefault(marker.casefold(), set()).update(leading_letters(d.casefold()) for d in denominators)
    return {word: frozenset(following) for word, following in seconds.items() if word not in alone}


def leading_letters(text: str, at: int = 0) -> str:
    """The letters at `at` up to the first other character (a combining mark ends them too)."""
    end = at
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[at:end]


def idioms(phrases) -> dict:
    """word -> (where it stands in the phrase, the phrase's words), for every word of every phrase:
    the number word may open the phrase ("ba mẹ") or not ("nấu chín")."""
    found: dict = {}
    for phrase in phrases:
        words = phrase.casefold().split()
        for position, word in enumerate(words):
            found.setdefault(word, []).append((position, words))
    return found


def openers(phrases) -> frozenset:
    """How each phrase can start after a number: its first word, case-folded, or the sign
    it opens with ("%", "°C"). The reader reports what follows a number the same way."""
    found = set()
    for phrase in phrases:
        if phrase and not phrase[0].isalpha():
            found.add(phrase[0])
        else:
            found |= edge_words([phrase], first=True)
    return frozenset(found)


def edge_words(phrases, *, first: bool) -> frozenset:
    words = set()
    for phrase in phrases:
        tokens = _LETTERS.findall(phrase or "", timeout=1.0)
        if tokens:
            words.add((tokens[0] if first else tokens[-1]).casefold())
    return frozenset(words)
