"""Split article text into sentences, with a cap on their length.

Works on the folded copy (claims.text.normalize.fold_for_matching), so offsets hold
in the stored text. A line break always ends a sentence; a full stop ends one when a
capital, a digit or an opening quote follows, unless it closes an abbreviation
("TP.", "Mr."), an initial, or sits between digits ("2.500").
"""

from __future__ import annotations

import unicodedata

import regex

from .word_search import WordSearch

# A sentence longer than this is cut, so that one run-on paragraph cannot make every
# figure's context the whole article.
MAX_SENTENCE = 600

# A sentence ends at a run of these, closing quotes or brackets after them, then spaces or tabs
# before a capital or a digit (an opening quote or bracket may come first); or at line breaks.
_ENDERS = ".!?…"
_CLOSERS = "\"')]"
_OPENERS = "\"'(["
# Only the characters that can end a sentence are visited: a pattern pass visits every one.
_END_SEARCH = WordSearch([*_ENDERS, "\n"])
_SOFT_BREAK = regex.compile(r"[;,][ ]")


def split_sentences(
    text: str,
    abbreviations: frozenset[str] = frozenset(),
    max_length: int = MAX_SENTENCE,
    lines: tuple[int, int] | None = None,
) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, in order; with `lines`, of the sentences
    between those two points only, which must stand at the start and the end of a line (a line
    break always ends a sentence, so a run of lines splits as it would in the whole text)."""
    timeout = max(1.0, len(text) / 1e6)
    spans: list[tuple[int, int]] = []
    start, stop = lines or (0, len(text))
    for mark, mark_end in _sentence_ends(text, start, stop):
        if text[mark] == "." and _closes_abbreviation(text, mark, abbreviations):
            continue
        _add(spans, text, start, mark_end if text[mark] != "\n" else mark, max_length, timeout)
        start = mark_end
    _add(spans, text, start, stop, max_length, timeout)
    return spans


def _sentence_ends(text: str, start: int, stop: int):
    """(start, end) of each run of line breaks, and of each run of end marks with its closing
    quotes that a new sentence follows, in [start, stop)."""
    resume = start
    for _, at, _ in _END_SEARCH.occurrences(text[start:stop]):
        at += start
        if at < resume:
            continue
        end = at + 1
        if text[at] == "\n":
            while end < stop and text[end] == "\n":
                end += 1
            yield at, end
        else:
            while end < stop and text[end] in _ENDERS:
                end += 1
            while end < stop and text[end] in _CLOSERS:
                end += 1
            if _sentence_follows(text, end, stop):
                yield at, end
        resume = end


def _sentence_follows(text: str, at: int, stop: int) -> bool:
    """Spaces or tabs at `at`, then a capital or a digit, maybe after an opening quote or bracket."""
    following = at
    while following < stop and text[following] in " \t":
        following += 1
    if following == at:
        return False
    if following < stop and text[following] in _OPENERS:
        following += 1
    return following < stop and (text[following] in "0123456789" or unicodedata.category(text[following]) == "Lu")


def _closes_abbreviation(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot]
    return word in abbreviations or (len(word) == 1 and word.isupper())


def _add(spans, text, start, end, max_length, timeout) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > max_length:
        # Cut a run-on sentence at its last clause break inside the cap, else at a space.
        cut = None
        for soft in _SOFT_BREAK.finditer(text, start + max_length // 2, start + max_length, timeout=timeout):
            cut = soft.end()
        if cut is None:
            space = text.rfind(" ", start + 1, start + max_length)
            cut = space + 1 if space > start else start + max_length
        spans.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))
