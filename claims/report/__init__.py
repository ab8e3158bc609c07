"""Claims, discrepancies and stories as tables, CSV, JSON, Markdown and HTML.

Every renderer takes the plain dicts of the JSON contract (claims.store.queries, claims.check.triage)
and returns a string; none of them touches the database or the terminal.
"""

from __future__ import annotations

from claims.errors import InputError

from .claimreview import claimreview_jsonld
from .delimited import claims_csv, discrepancies_csv, stories_csv
from .html import discrepancies_html
from .jsonout import json_document, json_lines, json_report
from .markdown import discrepancies_markdown
from .table import claims_table, discrepancies_table, stories_table

__all__ = ["render_claims", "render_discrepancies", "render_report", "render_stories"]

# Excel reads a CSV file without it as the local code page, and Vietnamese turns to mojibake.
BYTE_ORDER_MARK = "\ufeff"


def _render(renderers: dict, fmt: str, items: list[dict]) -> str:
    if fmt not in renderers:
        raise InputError(f"unknown output format {fmt!r} (use one of {', '.join(renderers)})")
    return renderers[fmt](items)


def render_claims(rows: list[dict], fmt: str) -> str:
    """Claims as table | json | jsonl | csv."""
    renderers = {
        "table": claims_table,
        "csv": claims_csv,
        "jsonl": json_lines,
        "json": lambda items: json_document("claims", items),
    }
    return _render(renderers, fmt, rows)


def render_discrepancies(items: list[dict], fmt: str, generated_at: str | None = None) -> str:
    """Discrepancies as table | json | jsonl | csv | md | html; md, html and json show `generated_at`,
    which marks a report written to a file (json then also names its generator)."""
    renderers = {
        "table": discrepancies_table,
        "csv": discrepancies_csv,
        "jsonl": json_lines,
        "json": lambda found: (
            json_document("conflicts", found) if generated_at is None else json_report("conflicts", found, generated_at)
        ),
        "md": lambda found: discrepancies_markdown(found, generated_at),
        "html": lambda found: discrepancies_html(found, generated_at),
    }
    return _render(renderers, fmt, items)


def render_report(items: list[dict], fmt: str, generated_at: str | None = None) -> str:
    """A report file for an editor: csv (with a byte-order mark, for spreadsheets) | json | md | html,
    or claimreview: the confirmed discrepancies as schema.org ClaimReview JSON-LD."""
    if fmt not in ("csv", "json", "md", "html", "claimreview"):
        raise InputError(f"unknown report format {fmt!r} (use one of csv, json, md, html, claimreview)")
    if fmt == "csv":
        return BYTE_ORDER_MARK + discrepancies_csv(items)
    if fmt == "claimreview":
        return claimreview_jsonld(items, generated_at)
    return render_discrepancies(items, fmt, generated_at=generated_at)


def render_stories(stories: list[dict], fmt: str) -> str:
    """Stories with their articles as table | json | jsonl | csv."""
    renderers = {
        "table": stories_table,
        "csv": stories_csv,
        "jsonl": json_lines,
        "json": lambda found: json_document("stories", found),
    }
    return _render(renderers, fmt, stories)
