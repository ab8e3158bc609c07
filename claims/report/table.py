"""Terminal tables: claims, discrepancies and stories as a person reads them."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence

from tabulate import tabulate

from .fields import (
    CLAIM_TABLE_COLUMNS,
    article_label,
    by_sentence,
    claim_columns,
    format_interval,
    provenance,
    terminal_safe,
    text,
)
from .wording import QUALIFIER_WORDS, sum_in_words, total_and_parts

# Wrap widths per claims column: long subjects and frames wrap, figures stay on one line.
# Every column has one, so no cell can stretch the table past the terminal.
_CLAIM_WIDTHS = {
    "article": 24,
    "text": 22,
    "kind": 16,
    "value": 24,
    "qualifier": 10,
    "unit": 12,
    "subject": 24,
    "concept": 14,
    "actor": 12,
    "location": 14,
    "time": 14,
    "roles": 24,
}
# The discrepancy block is two columns; its value column fits a 110-column terminal, or the
# terminal's own width when there is one.
_BLOCK_WIDTH = 96
_LABEL_WIDTH = 12
# What simple_grid draws around two columns ("│ a │ b │"), what "simple" puts between two, and
# what tabulate adds to a header wider than its cells.
_GRID_BORDERS = 7
_SIMPLE_GAP = 2
_HEADER_PADDING = 2
# No column is squeezed below this: a narrower one wraps every word.
_NARROWEST = 6
# A word wider than its column (a URL, a path, a run of digits) is broken over at most this many
# lines; the rest is cut with an ellipsis, so one huge token costs a few lines, not thousands.
_MAX_WORD_LINES = 3
# A cell shows at most this many lines (and is cut to as many lines' worth of characters before it
# is wrapped): a terminal table is for reading; the whole text is in the JSON, CSV and HTML outputs.
_MAX_CELL_LINES = 40
ELLIPSIS = "…"


def _fit_word(word: str, width: int) -> list[str]:
    room = width * _MAX_WORD_LINES
    if len(word) > room:
        word = word[: room - 1] + ELLIPSIS
    return [word[start : start + width] for start in range(0, len(word), width)]


def wrap_cell(cell: str, width: int | None) -> str:
    """The cell as lines of at most `width` characters, words kept whole where they fit.

    Ours, not tabulate's maxcolwidths: that one fails on "1,150" with disable_numparse in
    tabulate 0.10 (FINDINGS.md) and is quadratic in the length of one long word.
    Linear, and bounded: the cell is cut to _MAX_CELL_LINES lines' worth and each word to
    _MAX_WORD_LINES lines before anything is split.
    """
    if width is None:
        return cell
    room = width * _MAX_CELL_LINES
    if len(cell) > room:
        cell = cell[: room - 1] + ELLIPSIS
    lines: list[str] = []
    for paragraph in cell.split("\n"):
        line: list[str] = []
        used = 0
        for word in paragraph.split():
            for piece in (word,) if len(word) <= width else _fit_word(word, width):
                if line and used + 1 + len(piece) > width:
                    lines.append(" ".join(line))
                    line, used = [], 0
                used += len(piece) + (1 if line else 0)
                line.append(piece)
        lines.append(" ".join(line))
    if len(lines) > _MAX_CELL_LINES:
        lines = lines[: _MAX_CELL_LINES - 1] + [ELLIPSIS]
    return "\n".join(lines)


def terminal_width() -> int | None:
    """The width tables must fit: COLUMNS when set, else the terminal's when stdout is one.
    None when piped, so output sent to a file or a program keeps the same widths everywhere."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isascii() and columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        attached = sys.stdout.isatty()
    except (AttributeError, ValueError):  # replaced or closed stdout
        attached = False
    return shutil.get_terminal_size().columns if attached else None


def fit_widths(natural: list[int], room: int, floors: list[int] | None = None) -> list[int]:
    """Column widths that fit `room` characters: every column as wide as its widest line when they
    all fit, else the widest ones cut down to one common cap; never below its floor (a column's
    header, so that "article" is never cut into "arti" and "cle"), nor below _NARROWEST. When
    even the floors do not fit, the table is wider than the room: cut words are worse to read."""
    floors = [
        min(width, max(floor, _NARROWEST)) for width, floor in zip(natural, floors or [_NARROWEST] * len(natural))
    ]
    if sum(natural) <= room:
        return list(natural)
    low, high = _NARROWEST, max(natural)
    # The largest cap under which the columns still fit.
    while low < high:
        cap = (low + high + 1) // 2
        if sum(max(floor, min(width, cap)) for width, floor in zip(natural, floors)) <= room:
            low = cap
        else:
            high = cap - 1
    return [max(floor, min(width, low)) for width, floor in zip(natural, floors)]


def _widest_line(cells: list[str], width: int) -> int:
    return max((len(line) for cell in cells for line in wrap_cell(terminal_safe(cell), width).split("\n")), default=1)


def _natural(rows: list[list[str]], headers: list[str], defaults: list[int]) -> list[int]:
    # How wide each column is as the default widths wrap it, its padded header included.
    return [
        max(
            _widest_line([row[column] for row in rows], default),
            _widest_line([headers[column]], default) + _HEADER_PADDING,
        )
        for column, default in enumerate(defaults)
    ]


def _widths_for(
    rows: list[list[str]], headers: list[str], defaults: list[int], width: int | None
) -> tuple[list[int], list[int]]:
    """Cell and header wrap widths: the defaults when there is no terminal to fit, else widths
    that fit it, headers narrower by tabulate's padding."""
    if width is None:
        return defaults, defaults
    headers_wide = [
        max((len(line) for line in terminal_safe(h).split("\n")), default=1) + _HEADER_PADDING for h in headers
    ]
    fitted = fit_widths(_natural(rows, headers, defaults), width - _SIMPLE_GAP * (len(defaults) - 1), headers_wide)
    return fitted, [max(1, w - _HEADER_PADDING) for w in fitted]


def _tabulate(
    rows: list[list[str]],
    headers: list[str],
    widths: Sequence[int | None],
    fmt: str,
    header_widths: Sequence[int | None] | None = None,
) -> str:
    # disable_numparse always: tabulate would print the Vietnamese "1.200" (1,200) as 1.2 (FINDINGS.md).
    return tabulate(
        [[wrap_cell(terminal_safe(cell), width) for cell, width in zip(row, widths)] for row in rows],
        headers=[wrap_cell(terminal_safe(h), width) for h, width in zip(headers, header_widths or widths)],
        tablefmt=fmt,
        disable_numparse=True,
    )


def claims_table(rows: list[dict], width: int | None = None) -> str:
    """The claims as columns; `width` is the terminal's (terminal_width() by default)."""
    if not rows:
        return "no claims"
    cells = [[claim_columns(row)[name] for name in CLAIM_TABLE_COLUMNS] for row in rows]
    defaults = [_CLAIM_WIDTHS[name] for name in CLAIM_TABLE_COLUMNS]
    headers = list(CLAIM_TABLE_COLUMNS)
    width = width if width is not None else terminal_width()
    if width is not None:
        cells, headers, defaults = _without_empty_columns(cells, headers, defaults, width)
    widths, header_widths = _widths_for(cells, headers, defaults, width)
    return _tabulate(cells, headers, widths, "simple", header_widths)


def _without_empty_columns(cells: list[list[str]], headers: list[str], defaults: list[int], width: int):
    """When the columns' headers alone are wider than the terminal, the columns empty in every row
    go: twelve claim columns need about 115 characters, and "unit", "actor", "time" are often empty."""
    needed = sum(len(h) + _HEADER_PADDING + _SIMPLE_GAP for h in headers) - _SIMPLE_GAP
    if needed <= width:
        return cells, headers, defaults
    kept = [c for c in range(len(headers)) if any(row[c] for row in cells)] or list(range(len(headers)))
    return ([[row[c] for c in kept] for row in cells], [headers[c] for c in kept], [defaults[c] for c in kept])


def _figure(claim: dict) -> str:
    shown = format_interval(claim)
    unit = text(claim.get("unit"))
    # Qualifier codes in words; figures ungrouped: tabulate 0.10 fails on "1,150" in a wrapped cell.
    qualifier = text(claim.get("qualifier"))
    reading = " ".join(part for part in (QUALIFIER_WORDS.get(qualifier, qualifier), shown, unit) if part)
    where = provenance(claim)
    figure = f"{text(claim.get('text'))}   ({reading})" if reading else text(claim.get("text"))
    return f"{figure}   [{where}]" if where else figure


def _where(claim: dict) -> str:
    article = claim.get("article") or {}
    place = article.get("path") or article.get("url") or ""
    label = article_label(article)
    published = f", {article['published']}" if article.get("published") else ""
    return f"{label}{published}" + (f"\n{place}" if place and place != label else "")


def _total_and_parts_rows(total: dict, parts: list[dict]) -> list[list[str]]:
    rows = [["sum", sum_in_words(total, parts)], ["total", _figure(total)]]
    rows += [[f"part {number}", _figure(part)] for number, part in enumerate(parts, 1)]
    for group in by_sentence([total, *parts]):
        rows += [["sentence", text(group[0].get("sentence"))], ["article", _where(group[0])]]
    return rows


def _discrepancy_block(item: dict, value_width: int) -> str:
    rows = [["why", text(item.get("explanation"))]]
    if item.get("note") or item.get("reviewer"):
        who = ", ".join(text(item.get(k)) for k in ("reviewer", "reviewed_at") if item.get(k))
        rows.append(["note", text(item.get("note")) + (f"  ({who})" if who else "")])
    arithmetic = total_and_parts(item)
    if arithmetic:
        rows += _total_and_parts_rows(*arithmetic)
    else:
        for side, claim in zip("AB", item.get("claims") or []):
            rows += [
                [f"{side} figure", _figure(claim)],
                [f"{side} sentence", text(claim.get("sentence"))],
                [f"{side} article", _where(claim)],
            ]
    title = f"{text(item.get('kind'))} · {text(item.get('severity'))} · {text(item.get('status'))}"
    if item.get("active") is False:
        title += " · no longer found"
    return _tabulate(rows, [f"#{text(item.get('id'))}", title], [_LABEL_WIDTH, value_width], "simple_grid")


def discrepancies_table(items: list[dict], width: int | None = None) -> str:
    """One block per discrepancy; `width` is the terminal's (terminal_width() by default)."""
    if not items:
        return "no discrepancies"
    width = width if width is not None else terminal_width()
    value_width = _BLOCK_WIDTH if width is None else max(_NARROWEST * 3, width - _LABEL_WIDTH - _GRID_BORDERS)
    # One block per discrepancy: both full sentences side by side would need a 200-column terminal.
    return "\n\n".join(_discrepancy_block(item, value_width) for item in items)


def _story_heading(story: dict) -> str:
    # Why its articles are together, under the name: the names and words they share.
    why = story.get("why") or []
    return text(story.get("name")) + (f"\nshared: {text(', '.join(why))}" if why else "")


def stories_table(stories: list[dict], width: int | None = None) -> str:
    """Stories and their articles; `width` is the terminal's (terminal_width() by default)."""
    if not stories:
        return "no stories"
    rows = []
    for story in stories:
        articles = story.get("articles") or [{}]
        for position, article in enumerate(articles):
            first = position == 0
            rows.append(
                [
                    text(story.get("id")) if first else "",
                    _story_heading(story) if first else "",
                    ("manual" if story.get("manual") else "auto") if first else "",
                    text(article.get("id")),
                    text(article.get("title")),
                    text(article.get("published")),
                    text(article.get("path") or article.get("url")),
                ]
            )
    headers = ["story", "name", "grouped", "article", "title", "published", "path"]
    widths, header_widths = _widths_for(
        rows, headers, [6, 30, 7, 7, 40, 10, 40], width if width is not None else terminal_width()
    )
    return _tabulate(rows, headers, widths, "simple", header_widths)
