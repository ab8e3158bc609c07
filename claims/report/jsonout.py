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
    # Escaped once for the whole batch: one scan, not one per line.
    return json_escape_unsafe("\n".join(_raw_dumps(item, indent=None) for item in items))
