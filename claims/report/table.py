"""Terminal tables: claims, discrepancies and stories as a person reads them."""

from __future__ import annotations

from tabulate import tabulate

from .fields import CLAIM_TABLE_COLUMNS, article_label, claim_columns, format_interval, provenance, terminal_safe, text

# Wrap widths per claims column: long subjects and frames wrap, figures stay on one line.
_CLAIM_WIDTHS = {"article": 24, "text": 22, "subject": 24, "concept": 14, "actor": 12, "location": 14,
                 "time": 14, "roles": 24}
# The discrepancy block is two columns; its value column fits a 110-column terminal.
_BLOCK_WIDTH = 96


def _tabulate(rows: list[list[str]], headers: list[str], widths: list[int | None], fmt: str) -> str:
    # disable_numparse always: tabulate would print the Vietnamese "1.200" (1,200) as 1.2 (FINDINGS.md).
    return tabulate(
        [[terminal_safe(cell) for cell in row] for row in rows],
        headers=[terminal_safe(h) for h in headers],
        tablefmt=fmt, disable_numparse=True, maxcolwidths=widths, maxheadercolwidths=widths,
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
    reading = " ".join(part for part in (text(claim.get("qualifier")), shown, unit) if part)
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


def stories_table(stories: list[dict]) -> str:
    if not stories:
        return "no stories"
    rows = []
    for story in stories:
        articles = story.get("articles") or [{}]
        for position, article in enumerate(articles):
            first = position == 0
            rows.append([
                text(story.get("id")) if first else "", text(story.get("name")) if first else "",
                ("manual" if story.get("manual") else "auto") if first else "",
                text(article.get("id")), text(article.get("title")), text(article.get("published")),
                text(article.get("path") or article.get("url")),
            ])
    headers = ["story", "name", "grouped", "article", "title", "published", "path"]
    return _tabulate(rows, headers, [6, 30, 7, 7, 40, 10, 40], "simple")
