"""JSON and JSON Lines: the machine-readable contract, UTF-8 as written, no NaN or Infinity."""

from __future__ import annotations

import json
import math
from datetime import date, datetime

from .controls import json_escape_unsafe

GENERATOR = "claims discrepancy report"
# How the generator key reads in the indented document: `claims report` overwrites a file holding it.
GENERATOR_MARK = f'"generator": "{GENERATOR}"'


def _clean(value):
    # An open interval ("more than 150") has high = inf; JSON has no such number, so it reads null.
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(key): _clean(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(item) for item in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _dumps(value, indent: int | None) -> str:
    # Non-ASCII stays as written (ensure_ascii=False), except characters that rewrite a terminal.
    return json_escape_unsafe(_raw_dumps(value, indent))


def _raw_dumps(value, indent: int | None) -> str:
    # allow_nan=False: a value _clean missed fails loudly instead of writing invalid JSON.
    return json.dumps(_clean(value), ensure_ascii=False, indent=indent, allow_nan=False, default=str)


def json_document(key: str, items: list[dict]) -> str:
    """One object, {key: [...]}, so the format can grow fields without breaking readers."""
    return _dumps({key: items}, indent=2)


def json_report(key: str, items: list[dict], generated_at: str) -> str:
    """The document of json_document, signed and dated first, for a report written to a file."""
    return _dumps({"generator": GENERATOR, "generated_at": generated_at, key: items}, indent=2)


def json_lines(items: list[dict]) -> str:
    """One object per line, nothing for an empty list."""
    return "\n".join(_safe_line(item) for item in items)


def _safe_line(value) -> str:
    line = _fast_dumps(value)
    # isprintable() is one pass in C, true for nearly every line: no control, bidi mark or lone
    # surrogate can be in such a line (JSON escapes the line breaks and tabs of the text itself).
    return line if line.isprintable() else json_escape_unsafe(line)


def _iso(value):
    # What _clean does with a date, for the encoder's values of other types.
    return value.isoformat() if isinstance(value, (datetime, date)) else str(value)


# One encoder for every line: json.dumps builds a new one whenever an option differs from its default.
_FAST_ENCODER = json.JSONEncoder(ensure_ascii=False, default=_iso)


def _fast_dumps(value) -> str:
    # Walking every value in Python (_clean) cost more than the encoding. The C encoder writes an
    # infinite float as Infinity (NaN as NaN); only a line with either word, in a value or in a
    # text, is cleaned and encoded again, and most lines have neither.
    if type(value) is dict:
        # A claim's open side ("more than 150": high = inf) is a value of the top level.
        value = {key: None if type(item) is float and not math.isfinite(item) else item for key, item in value.items()}
    try:
        line = _FAST_ENCODER.encode(value)
    except TypeError:  # a key that is not a plain value: _clean makes it a string
        return _raw_dumps(value, indent=None)
    if "Infinity" in line or "NaN" in line:
        return _raw_dumps(value, indent=None)
    return line
