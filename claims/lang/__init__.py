"""Language packs: every word list, alias and unit lives in TOML files per language.

Bundled data sits in `claims/lang/<code>/*.toml`. Users add or override entries with
folders of the same layout, named by `--lexicon` or the `CLAIMS_LEXICON_PATH`
environment variable (several joined with the OS path separator). Tables merge key
by key over the bundled ones; lists are extended. Every file is checked against
claims/lang/schema.toml as it is read, and code reads the merged data through it
(`LanguagePack.value`).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from claims.errors import InputError

from .schema import kind_of, pack_schema

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
        """A whole top-level table as merged, for code that walks all of it (tests, detection)."""
        return self.data.get(name, {})

    def value(self, key: str) -> Any:
        """The value at dotted `key` ("numbers.digits.decimal"), or its default from claims/lang/schema.toml.

        Raises UndeclaredKey for a key the schema does not declare."""
        return pack_schema().value(self.data, key)


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


def _shown(path: Path) -> str:
    """A bundled file as the repository names it ("claims/lang/vi/numbers.toml"); a user's file as given."""
    return f"claims/lang/{path.relative_to(BUNDLED).as_posix()}" if path.is_relative_to(BUNDLED) else str(path)


def _read_pack_file(path: Path) -> dict:
    # Checked before merging: an unknown key would be ignored in silence, a value of the wrong
    # type surface as a traceback far from its file.
    data = _read_toml(path)
    pack_schema().check_file(data, _shown(path))
    return data


def extra_lexicon_paths() -> tuple[str, ...]:
    raw = os.environ.get(LEXICON_ENV, "")
    return tuple(p for p in raw.split(os.pathsep) if p)


def _bundled(code: str) -> dict:
    data: dict = {}
    for path in _pack_files(BUNDLED, code):
        _merge(data, _read_pack_file(path))
    return data


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
    # Where the pack comes from, for a message about the pack as a whole (a missing required key).
    origins = [_shown(BUNDLED / code)] if (BUNDLED / code).is_dir() else []
    for root in extra:
        root_path = Path(root)
        if root_path.is_file():
            tables = _read_toml(root_path).get(code, {})
            if not isinstance(tables, dict):
                raise InputError(f"{root_path}: '{code}' must be a table of the {code} lexicon, not {kind_of(tables)}")
            pack_schema().check_file(tables, root_path)
            _merge(data, tables)
            origins.append(f"{root_path} [{code}]")
        elif root_path.is_dir():
            for path in _pack_files(root_path, code):
                _merge(data, _read_pack_file(path))
            if (root_path / code).is_dir():
                origins.append(str(root_path / code))
        else:
            raise InputError(f"{root}: lexicon path does not exist")
    pack_schema().check_required(data, f"language pack '{code}' ({', '.join(origins)})")
    return LanguagePack(code=code, data=data)


def load_pack(code: str, extra: tuple[str, ...] | None = None) -> LanguagePack:
    """The pack for `code`, with user lexicons from `extra` (default: the environment)."""
    return _load(code, extra_lexicon_paths() if extra is None else tuple(extra))


def check_lexicons(extra: tuple[str, ...] | None = None) -> None:
    """Load every language's pack with the user lexicons of `extra` (default: the environment).

    A command calls it before reading any article: a broken lexicon file is then one error
    (exit 2), not a refusal of every article. Loaded packs are cached, so it costs nothing later."""
    paths = extra_lexicon_paths() if extra is None else tuple(extra)
    for code in languages(paths):
        load_pack(code, paths)
