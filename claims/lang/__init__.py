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

BUNDLED = Path(__file__).parent
SUPPORTED = ("vi", "en")
LEXICON_ENV = "CLAIMS_LEXICON_PATH"


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


@lru_cache(maxsize=16)
def _load(code: str, extra: tuple[str, ...]) -> LanguagePack:
    if code not in SUPPORTED:
        raise InputError(f"unsupported language {code!r} (supported: {', '.join(SUPPORTED)})")
    data: dict = {}
    for path in _pack_files(BUNDLED, code):
        _merge(data, _read_toml(path))
    for root in extra:
        root_path = Path(root)
        if root_path.is_file():
            _merge(data, _read_toml(root_path).get(code, {}))
        elif root_path.is_dir():
            for path in _pack_files(root_path, code):
                _merge(data, _read_toml(path))
        else:
            raise InputError(f"{root}: lexicon path does not exist")
    return LanguagePack(code=code, data=data)


def load_pack(code: str, extra: tuple[str, ...] | None = None) -> LanguagePack:
    """The pack for `code`, with user lexicons from `extra` (default: the environment)."""
    return _load(code, extra_lexicon_paths() if extra is None else tuple(extra))


# Letters that only Vietnamese uses among our languages: đ and the vowels with hats or horns.
_VIETNAMESE_LETTER = regex.compile(r"[đĐăĂâÂêÊôÔơƠưƯ]|[\p{Ll}\p{Lu}](?=[\u0300\u0301\u0303\u0309\u0323])|[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")


def detect_language(text: str) -> str:
    """'vi' when the text carries Vietnamese letters in more than a trace, else 'en'."""
    sample = text[:20000]
    letters = sum(ch.isalpha() for ch in sample)
    if not letters:
        return "vi"
    marked = len(_VIETNAMESE_LETTER.findall(sample, timeout=2))
    return "vi" if marked / letters > 0.03 else "en"
