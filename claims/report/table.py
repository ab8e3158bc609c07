"""Terminal tables: claims, discrepancies and stories as a person reads them."""

from __future__ import annotations

from tabulate import tabulate

from .fields import CLAIM_TABLE_COLUMNS, article_label, claim_columns, format_interval, provenance, terminal_safe, text
from .wording import QUALIFIER_WORDS

# Wrap widths per claims column: long subjects and frames wrap, figures stay on one line.
# Every column has one, so no cell can stretch the table past the terminal.
_CLAIM_WIDTHS = {"article": 24, "text": 22, "kind": 16, "value": 24, "qualifier": 10, "unit": 12,
                 "subject": 24, "concept": 14, "actor": 12, "location": 14, "time": 14, "roles": 24}
# The discrepancy block is two columns; its value column fits a 110-column terminal.
_BLOCK_WIDTH = 96
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
    return [word[start:start + width] for start in range(0, len(word), width)]


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
        lines = lines[:_MAX_CELL_LINES - 1] + [ELLIPSIS]
    return "\n".join(lines)


def _tabulate(rows: list[list[str]], headers: list[str], widths: list[int | None], fmt: str) -> str:
    # disable_numparse always: tabulate would print the Vietnamese "1.200" (1,200) as 1.2 (FINDINGS.md).
    return tabulate(
        [[wrap_cell(terminal_safe(cell), width) for cell, width in zip(row, widths)] for row in rows],
        headers=[wrap_cell(terminal_safe(h), width) for h, width in zip(headers, widths)],
        tablefmt=fmt, disable_numparse=True,
    )


def claims_table(rows: list[dict]) -> str:
    if not rows:
        return "no claims"
    cells = [[claim_columns(row)[name] for name in CLAIM_TABLE_COLUMNS] for row in rows]
    widths = [_CLAIM_WIDTHS.get(name) for name in CLAIM_TABLE_COLUMNS]
    return _tabulate(cells, list(CLAIM_TABLE_COLUMNS), widths, "simple")


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


def _discrepancy_block(item: dict) -> str:
    rows = [["why", text(item.get("explanation"))]]
    if item.get("note") or item.get("reviewer"):
        who = ", ".join(text(item.get(k)) for k in ("reviewer", "reviewed_at") if item.get(k))
        rows.append(["note", text(item.get("note")) + (f"  ({who})" if who else "")])
    for side, claim in zip("AB", item.get("claims") or []):
        rows += [
            [f"{side} figure", _figure(claim)],
            [f"{side} sentence", text(claim.get("sentence"))],
            [f"{side} article", _where(claim)],
        ]
    title = f"{text(item.get('kind'))} · {text(item.get('severity'))} · {text(item.get('status'))}"
    if item.get("active") is False:
        title += " · no longer found"
    return _tabulate(rows, [f"#{text(item.get('id'))}", title], [12, _BLOCK_WIDTH], "simple_grid")


def discrepancies_table(items: list[dict]) -> str:
    if not items:
        return "no discrepancies"
    # One block per discrepancy: both full sentences side by side would need a 200-column terminal.
    return "\n\n".join(_discrepancy_block(item) for item in items)


def _story_heading(story: dict) -> str:
    # Why its articles are together, under the name: the names and words they share.
    why = story.get("why") or []
    return text(story.get("name")) + (f"\nshared: {text(', '.join(why))}" if why else "")


def stories_table(stories: list[dict]) -> str:
    if not stories:
        return "no stories"
    rows = []
    for story in stories:
        articles = story.get("articles") or [{}]
        for position, article in enumerate(articles):
            first = position == 0
            rows.append([
                text(story.get("id")) if first else "", _story_heading(story) if first else "",
                ("manual" if story.get("manual") else "auto") if first else "",
                text(article.get("id")), text(article.get("title")), text(article.get("published")),
                text(article.get("path") or article.get("url")),
            ])
    headers = ["story", "name", "grouped", "article", "title", "published", "path"]
    return _tabulate(rows, headers, [6, 30, 7, 7, 40, 10, 40], "simple")
