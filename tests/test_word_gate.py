"""The gate before the number-word reader (claims/numbers/word_gate.py): it skips only
starts that the reader would read and throw away."""

from __future__ import annotations

import pytest

from claims import parse_numbers
from claims.lang import languages, load_pack
from claims.numbers.lexicon import lexicon_for
from claims.numbers.parse import matching_copy
from claims.numbers.reader import Reader

# "|" marks the start the gate is asked about.
SKIPPED = {
    "vi": [
        "như |một phần của Ủy ban",
        "sẽ là |một phần của các cuộc thảo luận",
        "|Một phần của nó.",
        "|Năm học mới bắt đầu.",
        "Đó là |năm thành viên mới.",
        "Ông cầm |một đô và đi.",
        "|không phần nào",
    ],
    "en": ["Only |one per person is allowed.", "|One percentage of the total."],
}
# Each differs from a skipped start by one thing the reader would take up.
READ = {
    "vi": [
        "|một phần ba",
        "|một phần tư dân số",
        "|một phần trăm",
        "|một phần 3",
        "|một phần  ba",
        "|một  phần của",
        "|một-phần của",
        "|một phần ba\u0301",
        "hơn |một phần của ngân sách",
        "thứ |một phần của lễ hội",
        "tháng |một phần lớn",
        "|Năm học sinh",
        "|năm thành phố",
        "|một đô la Mỹ",
        "$ |một phần của",
        "|một phần, của",
        "|một phần",
        "|ba phần của",
    ],
    "en": ["|one per cent", "more than |one percentage points", "aged |one square mile", "|a few per cent"],
}
CASES = [(lang, text) for cases in (SKIPPED, READ) for lang, texts in cases.items() for text in texts]


def _skipped(marked: str, lang: str) -> bool:
    start, text = marked.index("|"), marked.replace("|", "")
    return Reader(matching_copy(text), text, lexicon_for(load_pack(lang)), 1.0).reads_nothing_at(start)


@pytest.mark.parametrize("lang,text", [(lang, t) for lang, texts in SKIPPED.items() for t in texts])
def test_skips_lone_weak_word_before_unfinished_phrase(lang, text):
    assert _skipped(text, lang)


@pytest.mark.parametrize("lang,text", [(lang, t) for lang, texts in READ.items() for t in texts])
def test_leaves_the_rest_to_the_reader(lang, text):
    assert not _skipped(text, lang)


@pytest.mark.parametrize(
    "lang,text", CASES + [(lang, " ".join(t for case_lang, t in CASES if case_lang == lang)) for lang in languages(())]
)
def test_same_mentions_as_reading_every_start(lang, text, monkeypatch):
    text = text.replace("|", "")
    gated = parse_numbers(text, lang)
    monkeypatch.setattr(Reader, "reads_nothing_at", lambda self, start: False)
    assert parse_numbers(text, lang) == gated


def test_tables_come_from_the_lexicon():
    vi, en = lexicon_for(load_pack("vi")), lexicon_for(load_pack("en"))
    assert {"trăm", "ba", "tư"} <= vi.second_words["phần"]  # "phần trăm", "một phần ba"
    assert "nghìn" not in vi.second_words  # a scale by itself: "một nghìn"
    assert vi.second_words["đô"] == {"la"}
    assert en.second_words["per"] == {"cent"}
    assert "a" not in en.gated_weak  # "a few" is a vague amount
