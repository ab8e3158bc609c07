"""Language packs: every word list, alias and unit lives in TOML files per language.

Bundled data sits in `claims/lang/<code>/*.toml`. Users add or override entries with
folders of the same layout, named by `--lexicon` or the `CLAIMS_LEXICON_PATH`
environment variable (several joined with the OS path separator). Tables merge key
by key over the bundled ones; lists are extended.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

from claims.errors import InputError

from .shape import check_shape, kind_of

BUNDLED = Path(__file__).parent
LEXICON_ENV = "CLAIMS_LEXICON_PATH"
# A pack's folder is named by its language code (ISO 639-1 or -3): "vi", "en", "fil".
_LANGUAGE_CODE = regex.compile(r"[a-z]{2,3}")


@dataclass(eq=False)
class LanguagePack:
    """One language's data, plus a cache where each stage keeps what it compiled from it."""

    code: str
    data: dict
    compiled: dict = field(default_factory=dict)

    def section(self, name: str) -> dict:
        return self.data.get(name, {})


def _merge(base: dict, extra: dict) -> dict:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        elif isinstance(value, list) and isinstance(base.get(key), list):
            base[key] = base[key] + [v for v in value if v not in base[key]]
        else:
            base[key] = value
    return base


def _pack_files(root: Path, code: str) -> list[Path]:
    files = []
    if (root / code).is_dir():
        files += sorted((root / code).glob("*.toml"))
    if (root / f"{code}.toml").is_file():
        files.append(root / f"{code}.toml")
    return files


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: not a readable lexicon file ({exc})") from exc


def extra_lexicon_paths() -> tuple[str, ...]:
    raw = os.environ.get(LEXICON_ENV, "")
    return tuple(p for p in raw.split(os.pathsep) if p)


def _bundled(code: str) -> dict:
    data: dict = {}
    for path in _pack_files(BUNDLED, code):
        _merge(data, _read_toml(path))
    return data


def _merge_user_file(data: dict, extra: dict, path: Path, examples: list[dict]) -> None:
    # Checked before merging: a value of the wrong kind would surface as a traceback far from its file.
    check_shape(extra, examples, path)
    _merge(data, extra)


def _codes_in(root: Path) -> set[str]:
    """The languages a folder holds packs for: its subfolders named by a language code with TOML in them."""
    try:
        return {
            child.name
            for child in root.iterdir()
            if _LANGUAGE_CODE.fullmatch(child.name, timeout=1) and child.is_dir() and any(child.glob("*.toml"))
        }
    except OSError:
        return set()


@lru_cache(maxsize=16)
def _languages(extra: tuple[str, ...]) -> tuple[str, ...]:
    bundled = sorted(_codes_in(BUNDLED))
    added = sorted(set().union(*(_codes_in(Path(root)) for root in extra)) - set(bundled))
    return tuple(bundled + added)


def languages(extra: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """Every language with a pack: the folders under claims/lang/, then new ones in user lexicon folders.

    A user folder holding `xx/*.toml` for a code no bundled pack has adds the language `xx`.
    """
    return _languages(extra_lexicon_paths() if extra is None else tuple(extra))


@lru_cache(maxsize=16)
def _load(code: str, extra: tuple[str, ...]) -> LanguagePack:
    known = _languages(extra)
    if code not in known:
        raise InputError(f"unsupported language {code!r} (supported: {', '.join(known)})")
    data = _bundled(code)
    # What a user file may hold: what the bundled data holds, in any language (the packs share one layout).
    examples = [_bundled(code)] + [_bundled(other) for other in _codes_in(BUNDLED) if other != code] if extra else []
    for root in extra:
        root_path = Path(root)
        if root_path.is_file():
            tables = _read_toml(root_path).get(code, {})
            if not isinstance(tables, dict):
                raise InputError(f"{root_path}: '{code}' must be a table of the {code} lexicon, not {kind_of(tables)}")
            _merge_user_file(data, tables, root_path, examples)
        elif root_path.is_dir():
            for path in _pack_files(root_path, code):
                _merge_user_file(data, _read_toml(path), path, examples)
        else:
            raise InputError(f"{root}: lexicon path does not exist")
    return LanguagePack(code=code, data=data)


def load_pack(code: str, extra: tuple[str, ...] | None = None) -> LanguagePack:
    """The pack for `code`, with user lexicons from `extra` (default: the environment)."""
    return _load(code, extra_lexicon_paths() if extra is None else tuple(extra))


# Letters that only Vietnamese uses among our languages: đ and the vowels with hats or horns, and
# toned vowels. The first seven are the most frequent: in Vietnamese text they settle the count alone.
_VIETNAMESE_LETTERS = "ươđêôâăƯƠĐÊÔÂĂạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
_FREQUENT = 7
_RARE_LETTERS = frozenset(_VIETNAMESE_LETTERS[_FREQUENT:])
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# Decomposed text (NFD) writes a tone as a mark after its letter: the pattern counts the letter.
_VIETNAMESE_LETTER = regex.compile(f"[{_VIETNAMESE_LETTERS}]|[\\p{{Ll}}\\p{{Lu}}](?=[{_TONE_MARKS}])")
_ASCII_NOT_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_SAMPLE = 20000
_SHARE = 3  # per cent of the letters


def detect_language(text: str) -> str:
    """'vi' when more than 3% of the letters in the first 20,000 characters are Vietnamese ones, else 'en'.

    Counted in C, and only as far as it takes: a Python pass over every character cost 2 ms an
    article, 40% of extraction. Bounds decide most texts: the characters are at least the
    letters, and the ASCII letters at most.
    """
    sample = text[:_SAMPLE]
    if any(mark in sample for mark in _TONE_MARKS):
        return _by_share(len(_VIETNAMESE_LETTER.findall(sample, timeout=2)), _letter_count(sample))
    marked = 0
    for letter in _letters_to_count(sample):
        marked += sample.count(letter)
        if marked * 100 > _SHARE * len(sample):
            return "vi"
    ascii_letters = len(sample.encode("ascii", "ignore").translate(None, _ASCII_NOT_LETTERS))
    if ascii_letters and marked * 100 <= _SHARE * ascii_letters:
        return "en"
    if not marked:
        return "en" if any(ch.isalpha() for ch in sample) else "vi"
    return _by_share(marked, _letter_count(sample))


def _letters_to_count(sample: str):
    yield from _VIETNAMESE_LETTERS[:_FREQUENT]
    yield from _RARE_LETTERS.intersection(sample)  # only those present, found in one pass


def _letter_count(sample: str) -> int:
    return sum(len(word) if word.isalpha() else sum(ch.isalpha() for ch in word) for word in sample.split())


def _by_share(marked: int, letters: int) -> str:
    if not letters:
        return "vi"
    return "vi" if marked / letters > _SHARE / 100 else "en"
