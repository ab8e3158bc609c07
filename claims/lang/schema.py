"""The declared layout of a language pack (claims/lang/schema.toml), and the checks a pack passes on load.

Every key a pack may hold is declared once, with its type, whether a pack must have it, its
default and what it means. A pack file is checked as it is read (bundled and user files alike),
so a misspelt key or a value of the wrong kind is one line naming the file and the dotted key,
not a silent default or a traceback from deep inside a pattern builder. Code reads pack data
through `Schema.value`, which returns the declared default for a key the pack leaves out and
refuses a key the schema does not declare.
"""

from __future__ import annotations

import copy
import difflib
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from claims.errors import InputError

SCHEMA_PATH = Path(__file__).with_name("schema.toml")

# The value types of the schema (documented at the top of schema.toml).
SCALARS = ("text", "integer", "number", "bool")
TABLE = "table"
_MAP = "map of "
_LIST = "list of "


class UndeclaredKey(LookupError):
    """Code read a key that claims/lang/schema.toml does not declare: a programming error."""


@dataclass(frozen=True)
class Key:
    path: str
    type: str
    required: bool
    default: Any
    means: str
    valid: Callable[[object], bool]  # a quick test of the value; _check_value says what is wrong


def kind_of(value: object) -> str:
    """How a TOML value reads in a message: "a table", "a list", "text" ..."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a date or time"  # TOML's own date and time values


def _described(kind: str) -> str:
    """A type as a message names it: "a list of text", "a table of numbers"."""
    if kind.startswith(_LIST):
        return "a list of " + _plural(kind[len(_LIST) :])
    if kind.startswith(_MAP):
        return "a table of " + _plural(kind[len(_MAP) :])
    return {"text": "text", "integer": "a whole number", "number": "a number", "bool": "true or false"}.get(
        kind, "a table"
    )


def _plural(kind: str) -> str:
    if kind.startswith(_LIST):
        return "lists of " + _plural(kind[len(_LIST) :])
    if kind.startswith(_MAP):
        return "tables of " + _plural(kind[len(_MAP) :])
    return {"text": "text", "number": "numbers", "integer": "whole numbers", "bool": "true or false"}[kind]


def _is_scalar(kind: str, value: object) -> bool:
    if kind == "text":
        return isinstance(value, str)
    if kind == "bool":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False  # TOML's true is no number
    if kind == "integer":
        return isinstance(value, int)
    return isinstance(value, int | float)


class Schema:
    """The keys of claims/lang/schema.toml, by dotted path."""

    def __init__(self, keys: dict[str, Key]) -> None:
        self.keys = keys
        # table path ("" for the top) -> the names of its declared keys
        self.children: dict[str, list[str]] = {}
        for path in keys:
            parent, _, name = path.rpartition(".")
            self.children.setdefault(parent, []).append(name)
        self.required = tuple(key.path for key in keys.values() if key.required and key.type != TABLE)

    # Checks on load.

    def check_file(self, data: dict, source: Path | str) -> None:
        """Raise InputError when a pack file holds a key the schema does not declare or a value of
        another type than declared; the message names `source` and the dotted key."""
        self._check_table(data, "", source)

    def _check_table(self, data: dict, path: str, source: Path | str) -> None:
        for name, value in data.items():
            where = f"{path}.{name}" if path else str(name)
            key = self.keys.get(where)
            if key is None:
                raise InputError(f"{source}: unknown key '{where}'{self._suggestion(path, str(name))}")
            if key.type == TABLE:
                if not isinstance(value, dict):
                    raise InputError(f"{source}: '{where}' must be a table, not {kind_of(value)}")
                self._check_table(value, where, source)
            elif not key.valid(value):
                _check_value(key.type, value, where, source)

    def _suggestion(self, parent: str, name: str) -> str:
        close = difflib.get_close_matches(name, self.children.get(parent, []), n=1)
        if not close:
            return ""
        return f" (did you mean '{parent + '.' if parent else ''}{close[0]}'?)"

    def check_required(self, data: dict, pack: str) -> None:
        """Raise InputError naming `pack` (its folders) when the merged data lacks a required key."""
        for path in self.required:
            if _lookup(data, path) is _MISSING:
                raise InputError(f"{pack}: missing required key '{path}' ({self.keys[path].means})")

    # Reading.

    def value(self, data: dict, path: str) -> Any:
        """The value at dotted `path` in a pack's data, or the schema's default when the pack leaves it out."""
        key = self.keys.get(path)
        if key is None or key.type == TABLE:
            raise UndeclaredKey(f"{path!r} is not a key of claims/lang/schema.toml (declare it there to read it)")
        found = _lookup(data, path)
        if found is _MISSING:
            # A copy: the default is shared by every pack that leaves the key out.
            return copy.copy(key.default)
        return found


_MISSING = object()


def _lookup(data: dict, path: str) -> Any:
    found: Any = data
    for name in path.split("."):
        if not isinstance(found, dict) or name not in found:
            return _MISSING
        found = found[name]
    return found


def _check_value(kind: str, value: object, where: str, source: Path | str) -> None:
    if kind.startswith(_MAP):
        if not isinstance(value, dict):
            raise InputError(f"{source}: '{where}' must be {_described(kind)}, not {kind_of(value)}")
        for name, item in value.items():
            _check_value(kind[len(_MAP) :], item, f"{where}.{name}", source)
    elif kind.startswith(_LIST):
        if not isinstance(value, list):
            raise InputError(f"{source}: '{where}' must be {_described(kind)}, not {kind_of(value)}")
        item_kind = kind[len(_LIST) :]
        for index, item in enumerate(value, start=1):
            if not _is_scalar(item_kind, item):
                words = "words" if item_kind == "text" else _plural(item_kind)
                raise InputError(f"{source}: '{where}' must list {words}, but item {index} is {kind_of(item)}")
            if item_kind == "text" and not item.strip():
                raise InputError(f"{source}: '{where}' item {index} is empty: a word has letters")
    elif not _is_scalar(kind, value):
        raise InputError(f"{source}: '{where}' must be {_described(kind)}, not {kind_of(value)}")


# Quick tests, one per type: the bundled packs hold some 20,000 values, checked on every load.
# tomllib gives exact types, so `type(value) is str` suffices.
_SCALAR_TESTS: dict[str, Callable[[object], bool]] = {
    "text": lambda value: type(value) is str,
    "integer": lambda value: type(value) is int,
    "number": lambda value: type(value) is int or type(value) is float,
    "bool": lambda value: type(value) is bool,
}


def _quick_test(kind: str) -> Callable[[object], bool]:
    if kind.startswith(_MAP):
        inner = _quick_test(kind[len(_MAP) :])
        return lambda value: type(value) is dict and all(inner(item) for item in value.values())
    if kind == "list of text":
        return lambda value: type(value) is list and all(type(item) is str and item.strip() for item in value)
    if kind.startswith(_LIST):
        item_test = _SCALAR_TESTS[kind[len(_LIST) :]]
        return lambda value: type(value) is list and all(item_test(item) for item in value)
    return _SCALAR_TESTS.get(kind, lambda value: type(value) is dict)


def _valid_type(kind: str) -> bool:
    if kind.startswith(_MAP):
        return _valid_type(kind[len(_MAP) :])
    if kind.startswith(_LIST):
        return kind[len(_LIST) :] in SCALARS
    return kind in SCALARS or kind == TABLE


@lru_cache(maxsize=1)
def pack_schema() -> Schema:
    """The schema, read once per process."""
    with SCHEMA_PATH.open("rb") as handle:
        raw = tomllib.load(handle)
    keys = {}
    for path, entry in raw.items():
        kind = entry.get("type", "")
        if not _valid_type(kind):
            raise ValueError(f"{SCHEMA_PATH}: '{path}' has an unknown type {kind!r}")
        keys[path] = Key(
            path=path,
            type=kind,
            required=bool(entry.get("required", False)),
            default=entry.get("default"),
            means=entry.get("means", ""),
            valid=_quick_test(kind),
        )
    return Schema(keys)
