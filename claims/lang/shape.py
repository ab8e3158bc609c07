"""A user lexicon has the shape of the bundled data: a table where a table stands, words where words stand.

Checked when the file is read, so a slip such as `qualifiers = 5` is one line naming the
file and the key, not a traceback from deep inside a pattern builder. The bundled data
of every language is the example: the packs share one layout, and a table one language
leaves empty ("month_names_en = {}") is filled in another.
"""

from __future__ import annotations

from pathlib import Path

from claims.errors import InputError

_UNKNOWN = object()


def kind_of(value) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a date or time"  # TOML's own date and time values


def check_shape(extra: dict, examples: list[dict], path: Path, keys: tuple[str, ...] = ()) -> None:
    """Raise InputError when `extra` (a user file) puts a value of another kind where `examples` hold one."""
    for key, value in extra.items():
        where = (*keys, str(key))
        known = [table[key] for table in examples if key in table]
        # A new key takes the kind its neighbours share: a word in a word table, a list among lists.
        expected = known or [
            found for found in (_neighbours_kind(table) for table in examples) if found is not _UNKNOWN
        ]
        if not expected:
            continue  # nothing says what it holds
        wanted = kind_of(expected[0])
        if kind_of(value) != wanted:
            raise InputError(
                f"{path}: '{'.'.join(where)}' must be {wanted}, not {kind_of(value)} (as in the bundled lexicon)"
            )
        if isinstance(value, dict) and known:  # a new table's neighbours say nothing of its inside
            check_shape(value, [e for e in known if isinstance(e, dict)], path, where)
        elif isinstance(value, list):
            _check_items(value, [item for e in expected if isinstance(e, list) for item in e], path, where)


def _neighbours_kind(table: dict):
    """One of the values of `table` when all are of one kind, else _UNKNOWN."""
    kinds = {kind_of(value) for value in table.values()}
    return next(iter(table.values())) if len(kinds) == 1 else _UNKNOWN


def _check_items(items: list, examples: list, path: Path, where: tuple[str, ...]) -> None:
    kinds = {kind_of(example) for example in examples}
    # A list no language fills holds words, as almost every list of the packs does.
    wanted = kinds.pop() if len(kinds) == 1 else "text" if not kinds else None
    if wanted is None:
        return
    for index, item in enumerate(items):
        if kind_of(item) != wanted:
            raise InputError(
                f"{path}: '{'.'.join(where)}' must list {_plural(wanted)}, but item {index + 1} is {kind_of(item)}"
            )
        if wanted == "text" and not item.strip():
            raise InputError(f"{path}: '{'.'.join(where)}' item {index + 1} is empty: a word has letters")


def _plural(kind: str) -> str:
    return {"text": "words", "a number": "numbers", "a table": "tables", "a list": "lists"}.get(kind, kind)
