"""The project file, claims.toml: defaults for one newsroom folder, found upwards from the working folder.

Only defaults live here; the CLI applies them below its options and environment variables.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claims.errors import InputError

FILE_NAME = "claims.toml"
# Kept here rather than imported from claims.check: reading a project file must not load the database code.
SEVERITIES = ("low", "medium", "high")
# A URL has a scheme; anything else in `database` is a path to a SQLite file.
_SCHEME_MARK = "://"
_SQLITE_PREFIX = "sqlite:///"


@dataclass(frozen=True)
class Project:
    """What a claims.toml says; None (or no lexicons) for what it leaves out, or when there is no file."""

    path: Path | None = None
    database: str | None = None
    fail_on: str | None = None
    lexicons: tuple[str, ...] = ()
    reviewer: str | None = None


def find_project_file(start: Path | None = None, home: Path | None = None) -> Path | None:
    """The nearest claims.toml in `start` (default: the working folder) or a parent of it.

    The search stops at the user's home folder (which is still searched) or the filesystem root,
    so a file in a shared folder above the home folder never applies to a user's work.
    """
    try:
        folder = (start or Path.cwd()).resolve()
    except OSError:  # the working folder was deleted under us: no project applies
        return None
    home = home or _home()
    home = home.resolve() if home is not None else None
    for candidate in (folder, *folder.parents):
        path = candidate / FILE_NAME
        if path.is_file():
            return path
        if candidate == home:
            return None
    return None


def _home() -> Path | None:
    try:
        return Path.home()
    except (RuntimeError, KeyError):  # no HOME and no password entry: search up to the root
        return None


def _text(path: Path, key: str, value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{path}: '{key}' must be a non-empty string")
    return value


def _database(path: Path, value) -> str:
    """A URL as written, a SQLite path or sqlite:/// URL with a relative path resolved against the file's folder."""
    value = _text(path, "database", value)
    folder = path.parent
    if value.startswith(_SQLITE_PREFIX):
        rest = value[len(_SQLITE_PREFIX) :]
        # ":memory:", "file:" URIs and absolute paths (sqlite:////abs) need no folder.
        if rest and rest != ":memory:" and not rest.startswith(("file:", "/")):
            return _SQLITE_PREFIX + str(folder / rest)
        return value
    if _SCHEME_MARK in value:
        return value
    return _SQLITE_PREFIX + str(folder / Path(value).expanduser())


def _fail_on(path: Path, value) -> str:
    if value not in SEVERITIES:
        raise InputError(f"{path}: 'fail_on' must be one of {', '.join(SEVERITIES)}")
    return value


def _lexicons(path: Path, value) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise InputError(f"{path}: 'lexicons' must be a list of folder names")
    return tuple(str(path.parent / Path(item).expanduser()) for item in value)


# Each reader returns the value of the Project field of its key's name.
_READERS: dict[str, Callable[[Path, Any], Any]] = {
    "database": _database,
    "fail_on": _fail_on,
    "lexicons": _lexicons,
    "reviewer": lambda path, value: _text(path, "reviewer", value),
}


def load_project(path: Path) -> Project:
    """The settings of the claims.toml at `path`; a one-line InputError for a key or a value it cannot use."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a readable project file ({exc})") from None
    unknown = sorted(key for key in data if key not in _READERS)
    if unknown:
        raise InputError(f"{path}: unknown key '{unknown[0]}' (known: {', '.join(_READERS)})")
    return Project(path=path, **{key: _READERS[key](path, value) for key, value in data.items()})


def current_project(start: Path | None = None, home: Path | None = None) -> Project:
    """The project of the working folder (or `start`): its claims.toml read, or no settings at all."""
    path = find_project_file(start, home)
    return load_project(path) if path is not None else Project()
