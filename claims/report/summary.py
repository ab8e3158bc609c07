"""Many discrepancies made short: a summary (how many per story, kind and severity, open or
reviewed), or the most severe first for a list cut to a length.

For an audit of hundreds of articles, where the full list runs to thousands of lines.
"""

from __future__ import annotations

from claims.errors import InputError

from .delimited import _write
from .fields import KIND_ORDER, SEVERITY_ORDER, terminal_safe, text
from .jsonout import json_document, json_lines
from .markdown import escape

GROUPS = ("story", "kind", "severity")
COLUMNS = ("by", "name", "total", "open", "reviewed")
# The name of the row that counts everything, and of discrepancies no story holds.
ALL = "all"
NO_STORY = "(no story)"


def _story_name(item: dict) -> str:
    story = item.get("story") or {}
    if story.get("name"):
        return text(story["name"])
    return f"#{story['id']}" if story.get("id") is not None else NO_STORY


def _names(item: dict) -> dict[str, str]:
    return {"story": _story_name(item), "kind": text(item.get("kind")), "severity": text(item.get("severity"))}


def _ordered(tally: dict[str, dict], order: tuple[str, ...] | None) -> list[dict]:
    if order is None:
        # Stories: the busiest first, then by name, so the rows do not move between runs.
        return sorted(tally.values(), key=lambda row: (-row["total"], row["name"]))
    known = [tally.pop(name) for name in order if name in tally]
    return known + sorted(tally.values(), key=lambda row: row["name"])


def summarize(items: list[dict]) -> list[dict]:
    """One row per story, kind and severity, then one for all: total, open, reviewed (confirmed or dismissed)."""
    tallies: dict[str, dict[str, dict]] = {group: {} for group in GROUPS}
    for item in items:
        reviewed = item.get("status") not in (None, "open")
        for group, name in _names(item).items():
            row = tallies[group].setdefault(name, {"by": group, "name": name, "total": 0, "open": 0, "reviewed": 0})
            row["total"] += 1
            row["reviewed" if reviewed else "open"] += 1
    orders = {"story": None, "kind": KIND_ORDER, "severity": SEVERITY_ORDER}
    rows = [row for group in GROUPS for row in _ordered(tallies[group], orders[group])]
    reviewed_count = sum(1 for item in items if item.get("status") not in (None, "open"))
    total = {
        "by": ALL,
        "name": "",
        "total": len(items),
        "open": len(items) - reviewed_count,
        "reviewed": reviewed_count,
    }
    return rows + [total]


def most_severe_first(items: list[dict]) -> list[dict]:
    """High before medium before low; within a severity the open ones, then in the order found (by id)."""
    rank: dict[str | None, int] = {name: place for place, name in enumerate(SEVERITY_ORDER)}
    return sorted(
        items,
        key=lambda item: (
            rank.get(item.get("severity"), len(rank)),
            item.get("status") not in (None, "open"),
            item.get("id") or 0,
        ),
    )


def _table(rows: list[dict]) -> str:
    cells = [COLUMNS] + [tuple(terminal_safe(row[c]).replace("\n", " ") for c in COLUMNS) for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]

    # Names left, counts right, as a person scans a column of numbers.
    def line(values):
        return "  ".join(v.ljust(w) if i < 2 else v.rjust(w) for i, (v, w) in enumerate(zip(values, widths))).rstrip()

    return "\n".join([line(cells[0]), line(["-" * w for w in widths])] + [line(values) for values in cells[1:]])


def _markdown(rows: list[dict]) -> str:
    lines = ["# Discrepancy summary", "", "| " + " | ".join(COLUMNS) + " |", "| --- | --- | ---: | ---: | ---: |"]
    lines += ["| " + " | ".join(escape(row[c]) for c in COLUMNS) + " |" for row in rows]
    return "\n".join(lines)


def render_summary(items: list[dict], fmt: str) -> str:
    """The summary of `items` as table | json | jsonl | csv | md."""
    rows = summarize(items)
    renderers = {
        "table": _table,
        "json": lambda found: json_document("summary", found),
        "jsonl": json_lines,
        "csv": lambda found: _write(COLUMNS, found),
        "md": _markdown,
    }
    if fmt not in renderers:
        raise InputError(f"unknown summary format {fmt!r} (use one of {', '.join(renderers)})")
    return renderers[fmt](rows)
