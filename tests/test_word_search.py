"""The one-pass word search: every occurrence, with offsets in characters."""

from __future__ import annotations

from claims.text.word_search import WordSearch, may_overlap


def found(search: WordSearch, text: str) -> list[tuple[str, int, int]]:
    return sorted((search.words[index], start, end) for index, start, end in search.occurrences(text))


def test_offsets_count_characters_not_bytes():
    text = "lầu năm góc, năm nay"
    assert found(WordSearch(["năm"]), text) == [("năm", 4, 7), ("năm", 13, 16)]
    assert all(text[start:end] == word for word, start, end in found(WordSearch(["năm", "nay"]), text))


def test_overlapping_and_inner_occurrences_are_all_reported():
    # Whether an occurrence is a whole word is the caller's to decide.
    assert found(WordSearch(["ba", "bay", "ay"]), "máy bay") == [("ay", 5, 7), ("ba", 4, 6), ("bay", 4, 7)]
    assert found(WordSearch(["aa"]), "aaa") == [("aa", 0, 2), ("aa", 1, 3)]


def test_words_that_cannot_overlap_are_all_found_by_the_faster_search():
    assert not may_overlap((" ba", " bảy", " hai"))
    assert may_overlap(("kể từ", "từ")) and may_overlap(("ab", "bc")) and may_overlap(("aba",))
    text = " ba bảy hai ba\nhai"
    assert found(WordSearch([" ba", " bảy", " hai"]), text) == [
        (" ba", 0, 3),
        (" ba", 11, 14),
        (" bảy", 3, 7),
        (" hai", 7, 11),
    ]


def test_no_words_find_nothing():
    assert found(WordSearch([]), "bất cứ gì") == []
    assert found(WordSearch([""]), "bất cứ gì") == []


def test_overlap_check_agrees_with_comparing_every_pair():
    import random

    def every_pair(words):
        return any(
            (other is not word and other in word) or any(other.startswith(word[cut:]) for cut in range(1, len(word)))
            for word in words
            for other in words
        )

    rng = random.Random(7)
    for _ in range(3000):
        words = tuple(
            sorted({"".join(rng.choice("ab đ") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(0, 6))})
        )
        assert may_overlap(words) == every_pair(words), words
