"""Which pack reads an article that does not say its language: each pack's own letters, then its stop words.

A pack that declares letters of its own (Vietnamese: đ, ơ, ư and the toned vowels) is chosen when
more than `LETTER_SHARE` per cent of the text's letters are among them; letters settle it, since a
text in that language is full of them. Packs that write no letter of their own (English, and any
other plain Latin-alphabet language) are told apart by how many of the text's words are their
stop words. A text with letters and no evidence goes to the first such pack; a text with no letters
at all (figures only) goes to the pack declaring `assumed_without_letters`.

Each pack's `detect.toml` is read on its own, not the whole pack: detection must not load every
language's lexicon at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from . import BUNDLED, _merge, _read_toml, extra_lexicon_paths, languages
from .schema import pack_schema

# The first screens of an article settle its language; counting further only costs time (counting
# every character in Python once took 2 ms an article, 40% of extraction).
SAMPLE_CHARACTERS = 20000
# Per cent of the letters. Measured on 600 Dân Trí articles: 10.6% at the least, 20.7% typically;
# English news quoting Vietnamese names ("Hà Nội", "Đà Nẵng") stays under 1%.
LETTER_SHARE = 3
# Stop words are counted in the sample's first words only: a few hundred words tell languages apart.
STOPWORD_SAMPLE_WORDS = 400
_ASCII_NOT_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())


@dataclass(frozen=True)
class _Signs:
    """What tells one pack's language apart, from its `[detect]` table."""

    code: str
    letters: str
    frequent: int  # how many of `letters`, in order, are frequent enough to count first
    stopwords: frozenset[str]
    assumed_without_letters: bool
    # the pack's letters, and letters followed by one of its combining marks (decomposed text)
    letter_pattern: regex.Pattern | None
    marks: str
    rare_letters: frozenset[str]  # the letters after the frequent ones, looked for only when present


def _detect_data(code: str, extra: tuple[str, ...]) -> dict:
    """The pack's detect.toml files, bundled then user ones, each checked against the schema."""
    data: dict = {}
    for root in (BUNDLED, *map(Path, extra)):
        path = root / code / "detect.toml"
        if path.is_file():
            found = _read_toml(path)
            pack_schema().check_file(found, path)
            _merge(data, found)
    return data


@lru_cache(maxsize=16)
def _signs(extra: tuple[str, ...]) -> tuple[_Signs, ...]:
    schema, signs = pack_schema(), []
    for code in languages(extra):
        data = _detect_data(code, extra)
        letters, marks = schema.value(data, "detect.letters"), schema.value(data, "detect.marks")
        frequent = schema.value(data, "detect.frequent_letters") or len(letters)  # 0: all of them
        pattern = None
        if letters:
            marked = f"|[\\p{{Ll}}\\p{{Lu}}](?=[{regex.escape(marks)}])" if marks else ""
            pattern = regex.compile(f"[{regex.escape(letters)}]{marked}")
        signs.append(
            _Signs(
                code=code,
                letters=letters,
                frequent=frequent,
                stopwords=frozenset(word.casefold() for word in schema.value(data, "detect.stopwords")),
                assumed_without_letters=schema.value(data, "detect.assumed_without_letters"),
                letter_pattern=pattern,
                marks=marks,
                rare_letters=frozenset(letters[frequent:]),
            )
        )
    return tuple(signs)


def detect_language(text: str, extra: tuple[str, ...] | None = None) -> str:
    """The code of the pack that reads `text` (see the module's docstring for the rule)."""
    packs = _signs(extra_lexicon_paths() if extra is None else tuple(extra))
    sample = text[:SAMPLE_CHARACTERS]
    best, best_share = None, 0.0
    for pack in packs:
        if pack.letter_pattern is not None:
            share = _letter_share(pack, sample)
            if share > LETTER_SHARE / 100 and share > best_share:
                best, best_share = pack.code, share
    if best is not None:
        return best
    if not any(ch.isalpha() for ch in sample):
        return next((p.code for p in packs if p.assumed_without_letters), packs[0].code)
    plain = [pack for pack in packs if pack.letter_pattern is None] or list(packs)
    if len(plain) == 1:
        return plain[0].code
    words = [word.casefold() for word in sample.split(maxsplit=STOPWORD_SAMPLE_WORDS)[:STOPWORD_SAMPLE_WORDS]]
    hits = [sum(word in pack.stopwords for word in words) for pack in plain]
    return plain[hits.index(max(hits))].code  # the first plain pack when none has a hit


def _letter_share(pack: _Signs, sample: str) -> float:
    """The share of the sample's letters that are the pack's own, counted in C and only as far as it takes.

    Bounds decide most texts: the characters are at least the letters, and the ASCII letters at most.
    """
    assert pack.letter_pattern is not None
    if pack.marks and any(mark in sample for mark in pack.marks):
        return _share(len(pack.letter_pattern.findall(sample, timeout=2)), _letter_count(sample))
    marked = 0
    for letter in _letters_to_count(pack, sample):
        marked += sample.count(letter)
        if marked * 100 > LETTER_SHARE * len(sample):
            return 1.0  # over the share of the characters, so of the letters too
    ascii_letters = len(sample.encode("ascii", "ignore").translate(None, _ASCII_NOT_LETTERS))
    if ascii_letters and marked * 100 <= LETTER_SHARE * ascii_letters:
        return 0.0  # under the share even of the ASCII letters alone
    return _share(marked, _letter_count(sample))


def _letters_to_count(pack: _Signs, sample: str):
    yield from pack.letters[: pack.frequent]
    yield from pack.rare_letters.intersection(sample)  # only those present, found in one pass


def _letter_count(sample: str) -> int:
    return sum(len(word) if word.isalpha() else sum(ch.isalpha() for ch in word) for word in sample.split())


def _share(marked: int, letters: int) -> float:
    return marked / letters if letters else 0.0
