"""Legacy Vietnamese 8-bit text (TCVN3, VNI) read into Unicode, and a test of which reading is Vietnamese.

Python ships no codec for either (FINDINGS.md), so the tables live in legacy_vi.toml.
Both work on a *Windows-1252 reading* of the bytes: that is also what such text
looks like when it was pasted into a Unicode file with its old font ("ViÖt Nam",
"Vieät Nam"), so one converter serves both cases.
"""

from __future__ import annotations

import codecs
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

_DATA_FILE = Path(__file__).with_name("legacy_vi.toml")
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_LATIN1_FALLBACK = "claims-latin1-fallback"


def _latin1_fallback(error: UnicodeError) -> tuple[str | bytes, int]:
    # cp1252 leaves five bytes undefined; a font-encoded file still uses them as letters.
    if isinstance(error, UnicodeDecodeError):
        return error.object[error.start : error.end].decode("latin-1"), error.end
    if isinstance(error, UnicodeEncodeError):
        # Back to those five bytes; any other character is none of a legacy font's and stays an error.
        return error.object[error.start : error.end].encode("latin-1"), error.end
    raise error


codecs.register_error(_LATIN1_FALLBACK, _latin1_fallback)


def windows_1252_reading(data: bytes) -> str:
    """The bytes as Windows-1252, undefined bytes kept as their Latin-1 code points."""
    return data.decode("cp1252", errors=_LATIN1_FALLBACK)


def as_windows_1252_bytes(text: str) -> bytes | None:
    """Undo `windows_1252_reading`; None when the text holds characters outside it.

    Sound Vietnamese fails at its first letter beyond Latin-1 ("ệ", "đ"), so this is also the
    cheap first test of whether text could be a legacy font's at all.
    """
    try:
        return text.encode("cp1252", errors=_LATIN1_FALLBACK)
    except UnicodeEncodeError:
        return None


@dataclass(frozen=True)
class _Tables:
    tcvn3: dict[int, str]
    vni_letters: dict[int, str]
    vni_pairs: dict[str, str]
    vni_pattern: regex.Pattern
    syllable: regex.Pattern
    vietnamese_letters: frozenset[str]


def _vietnamese_letters() -> frozenset[str]:
    letters: set[str] = set()
    for base in "aăâeêioôơuưy":
        for tone in ("",) + tuple(_TONES):
            ch = unicodedata.normalize("NFC", base + tone)
            letters.update((ch, ch.upper()))
    letters.update("đĐ")
    return frozenset(letters)


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    with _DATA_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    letters = _vietnamese_letters()
    # Key TCVN3 by the character its byte shows as in Windows-1252 (identical to Latin-1 above A0).
    tcvn3 = {ord(bytes([int(key, 16)]).decode("latin-1")): value for key, value in data["tcvn3"].items()}
    vni_letters = {ord(key): value for key, value in data["vni"]["letters"].items()}
    pairs: dict[str, str] = {}
    for base in "aeiouyơư":
        for mark, combining in data["vni"]["marks"].items():
            composed = unicodedata.normalize("NFC", base + combining)
            if len(composed) == 1 and composed in letters:  # "u" + circumflex is no Vietnamese letter
                for b, m in ((base, mark), (base.upper(), mark.upper()), (base.upper(), mark)):
                    pairs[b + m] = composed.upper() if b.isupper() else composed
    vni_pattern = regex.compile("|".join(regex.escape(p) for p in sorted(pairs, key=len, reverse=True)))
    syl = data["syllable"]
    syllable = regex.compile(
        r"(?:\L<initials>)?(?:\L<nuclei>)(?:\L<finals>)?",
        initials=syl["initials"],
        nuclei=syl["nuclei"],
        finals=syl["finals"],
    )
    return _Tables(tcvn3, vni_letters, pairs, vni_pattern, syllable, letters)


def read_tcvn3(text: str) -> str:
    """Windows-1252 reading of TCVN3 bytes -> Unicode (NFC: TCVN3's combining tones compose)."""
    return unicodedata.normalize("NFC", text.translate(_tables().tcvn3))


def read_vni(text: str) -> str:
    """Windows-1252 reading of VNI bytes -> Unicode."""
    tables = _tables()
    single = text.translate(tables.vni_letters)
    return tables.vni_pattern.sub(lambda m: tables.vni_pairs[m.group()], single, timeout=max(2.0, len(text) / 1e6))


# Words are what lies between spaces and punctuation; a font-encoded symbol ("¸", "µ") stays inside one.
_WORD = regex.compile(r"[^\s,.;:!?()\[\]{}\"'“”‘’«»…/\-–—0-9]+")
# char -> whether it stands inside a _WORD, asked of the pattern once per character.
_IN_WORD: dict[str, bool] = {}


@dataclass(frozen=True)
class VietnameseScore:
    """How many words with non-ASCII letters look like Vietnamese syllables, and how many do not."""

    good: int
    bad: int
    plain: int = 0  # words of ASCII letters only: said nothing about the encoding, but count as words

    @property
    def net(self) -> int:
        return self.good - 2 * self.bad


@lru_cache(maxsize=1 << 16)
def _is_syllable(word: str) -> bool:
    # Cached: a text repeats its syllables, and each test normalises twice and runs a pattern.
    tables = _tables()
    if not all(ch in tables.vietnamese_letters or ("a" <= ch.lower() <= "z") for ch in word):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ch in _TONES for ch in decomposed) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return tables.syllable.fullmatch(bare, timeout=1) is not None


def _words(text: str) -> list[str]:
    """What _WORD.findall(text) finds: the text cut at each character outside a word. One str.replace
    per such character the text holds: findall reads the process clock for its timeout at every word."""
    for char in set(text):
        inside = _IN_WORD.get(char)
        if inside is None:
            inside = _IN_WORD[char] = _WORD.fullmatch(char, timeout=1) is not None
        if not inside and char != " ":
            text = text.replace(char, " ")
    return [word for word in text.split(" ") if word]


def vietnamese_score(text: str, sample: int = 200_000) -> VietnameseScore:
    """Score a reading of a file: legacy text read the wrong way yields words no Vietnamese writes."""
    good = bad = plain = 0
    for word in _words(text[:sample]):
        if word.isascii():
            plain += 1  # English words and names say nothing about the encoding
            continue
        if _is_syllable(word):
            good += 1
        else:
            bad += 1
    return VietnameseScore(good, bad, plain)
