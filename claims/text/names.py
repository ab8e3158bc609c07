"""The capitalised words right before a point of a text: a name the number or noun there belongs to.

"thủy điện Đak Mi 4", "iPhone SE 2020", "Bà Rịa - Vũng Tàu": what follows a name is part of it.
A capital that only opens a sentence ("Có 5 người", "In 2020, ...") says nothing of a name.
"""

from __future__ import annotations

# Characters after which a word opens a sentence (spaces between them skipped).
_OPENERS = ".!?:;\"'“(\n"
_QUOTES = "\"'“("
# How long one word of a name may be.
_LONGEST_WORD = 16


def capitalised_before(text: str, at: int, floor: int = 0, most: int = 1) -> tuple[int, list[str], bool]:
    """(where they start, the capitalised words one space before `at` and one space apart, at most
    `most` of them, in order; whether the first opens a sentence). `floor` is where the text may start
    (a sentence's start)."""
    words: list[str] = []
    start = end = at - 1
    while len(words) < most and end > floor and text[end] == " ":
        word_start = max(text.rfind(" ", max(floor, end - _LONGEST_WORD), end) + 1, floor)
        while word_start < end and text[word_start] in _QUOTES:  # '"Mazda 3': the quote opens, the name follows
            word_start += 1
        word = text[word_start:end]
        if not word or not word[0].isupper() or not word.replace("-", "").isalnum():
            break
        words.append(word)
        start = word_start
        end = word_start - 1
    if not words:
        return at, [], False
    before = text[floor:start].rstrip(" ")
    return start, words[::-1], not before or before[-1] in _OPENERS
