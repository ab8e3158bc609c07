"""Where number words may open a number: the cheap first pass over a text.

Digits are found by the digit pattern itself (claims/numbers/parse.py). Number words
are found in one multi-word search (claims/text/word_search.py): a word-list regex
visits every character and costs more than the rest of parsing together.
"""

from __future__ import annotations

import regex

from .lexicon import NumberLexicon

_WORD = regex.compile(r"[\p{L}\p{M}]+")
# How far ahead the word after a weak number word is looked for.
_NEXT_WORD_SPAN = 24
# Signs that can close a word; a word with only these after it needs no pattern to cut.
_CLOSING = ".,;:!?)]}\"'"
# How far after "một" / "one" a classifier and an outcome are looked for: "người bị thương nặng".
_OUTCOME_SPAN = 48


def word_starts(folded: str, lowered: str, lexicon: NumberLexicon, timeout: float) -> list[int]:
    """Sorted positions in `folded` (`lowered` is its lower case) where a number word may open a number."""
    if len(lowered) != len(folded):  # a rare letter whose lower case is longer: scan with the pattern
        return [m.start() for m in lexicon.word_candidates.finditer(folded, timeout=timeout)]
    # Words open after a space, a line break, a bracket or a quote.
    spaced = " " + lowered.replace("\n", " ").replace("(", " ").replace('"', " ")
    limit = len(spaced)
    starts = []
    words, weak_follows, follow_words = lexicon.starter_search.words, lexicon.weak_follows, lexicon.starter_follow_words
    for index, at, after in lexicon.starter_search.occurrences(spaced):
        # NFC text has its marks composed, so a letter or digit is all that can continue a word.
        if after < limit and spaced[after].isalnum():
            continue
        word = words[index][1:]  # `at`, the space before it, is its index in `spaced` minus the leading pad
        weak_follow = weak_follows.get(word)
        if weak_follow is not None:
            # A word must follow ("năm 2024" is a year), one that can follow this weak word: the
            # reader's rules (word_reading.py, _words_stand), so that "một cuộc họp" costs no pattern.
            opens = spaced[after + 1 : after + 2].isalpha() and (
                _next_word(spaced, after, timeout) in weak_follow
                or (
                    word in lexicon.needs_unit
                    and word not in lexicon.articles
                    and (_after_qualifier(spaced, at, lexicon) or counts_an_outcome(spaced, after + 1, lexicon))
                )
            )
            if not opens and spaced.startswith(" - ", after):  # "one - fourth"
                opens = _next_word(spaced, after + 2, timeout) in weak_follow
            if not opens and word in lexicon.needs_unit and word not in lexicon.articles:
                opens = _after_sign(spaced, at, lexicon)  # "negative one" with nothing after it
        else:  # "hàng hóa", "ngân hàng" open nothing; "hàng trăm" does
            follow = follow_words.get(word)
            opens = follow is None or _next_word(spaced, after, timeout) in follow
        if opens:
            starts.append(at)
    starts.sort()
    return starts


def counts_an_outcome(text: str, at: int, lexicon: NumberLexicon) -> bool:
    """Whether a classifier and what happened to what it counts stand at `at`: after a lone
    "một" / "one", "người chết" and "person died" make a figure of it."""
    if not lexicon.outcomes_after_one:
        return False
    words = [word.rstrip(_CLOSING) for word in text[at : at + _OUTCOME_SPAN].casefold().split(" ", 6)]
    outcomes = lexicon.outcomes_after_one
    for size in (1, 2):  # "người", "máy bay"
        if " ".join(words[:size]) in lexicon.classifiers:
            # A set lookup for each length of what follows: the outcomes are many, the words few.
            if any(tuple(words[size : size + length]) in outcomes for length in range(1, len(words) - size + 1)):
                return True
    return False


def _after_qualifier(spaced: str, at: int, lexicon: NumberLexicon) -> bool:
    """'hơn một người': a qualifier before "một" / "one" lets it open a number without a unit."""
    previous = spaced[max(0, at - _NEXT_WORD_SPAN) : at].split()
    return bool(previous) and previous[-1] in lexicon.qualifier_last_words


def _after_sign(spaced: str, at: int, lexicon: NumberLexicon) -> bool:
    """'minus one', 'negative one': a sign word before "one" makes it a number with nothing after it."""
    start = spaced.rfind(" ", max(0, at - _NEXT_WORD_SPAN), at)
    return lexicon.before_single_words.get(spaced[start + 1 : at]) == "sign"


def _next_word(spaced: str, after: int, timeout: float) -> str:
    """The word after a space or hyphen at `after`, or "" when none follows."""
    if spaced[after : after + 1] not in (" ", "-") or not spaced[after + 1 : after + 2].isalpha():
        return ""  # "năm 2024": a year, no word follows
    stop = spaced.find(" ", after + 1, after + _NEXT_WORD_SPAN)
    word = spaced[after + 1 : stop if stop > 0 else after + _NEXT_WORD_SPAN]
    if word.isalpha():
        return word
    word = word.rstrip(_CLOSING)  # "năm nay,": a pattern call costs more than the strip
    if word.isalpha():
        return word
    found = _WORD.match(spaced, after + 1, timeout=timeout)  # punctuation or a sign after the word
    return found.group() if found else ""
