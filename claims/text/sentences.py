"""Split article text into sentences, with a cap on their length.

Works on the folded copy (claims.text.normalize.fold_for_matching), so offsets hold
in the stored text. A line break always ends a sentence; a full stop ends one when a
capital, a digit or an opening quote follows, unless it closes an abbreviation
("TP.", "Mr."), an initial, or sits between digits ("2.500").
"""

from __future__ import annotations

import regex

# A sentence longer than this is cut, so that one run-on paragraph cannot make every
# figure's context the whole article.
MAX_SENTENCE = 600

_END = regex.compile(r"[.!?…]+[\"')\]]*(?=[ \t]+[\"'(\[]?[\p{Lu}0-9])|\n+")
_SOFT_BREAK = regex.compile(r"[;,][ ]")


def split_sentences(text: str, abbreviations: frozenset[str] = frozenset(), max_length: int = MAX_SENTENCE,
                    lines: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, in order; with `lines`, of the sentences
    between those two points only, which must stand at the start and the end of a line (a line
    break always ends a sentence, so a run of lines splits as it would in the whole text)."""
    timeout = max(1.0, len(text) / 1e6)
    spans: list[tuple[int, int]] = []
    start, stop = lines or (0, len(text))
    for end_match in _END.finditer(text, start, stop, timeout=timeout):
        if end_match.group()[0] == "." and _closes_abbreviation(text, end_match.start(), abbreviations):
            continue
        _add(spans, text, start, end_match.end() if end_match.group()[0] != "\n" else end_match.start(), max_length, timeout)
        start = end_match.end()
    _add(spans, text, start, stop, max_length, timeout)
    return spans


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
