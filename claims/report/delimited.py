"""CSV for spreadsheets: one row per claim, discrepancy or story article, safe to open in Excel."""

from __future__ import annotations

import csv
import io

from .fields import plain_number, roles_text, safe_text, text

CLAIM_CSV_COLUMNS = (
    "id",
    "article_id",
    "article_title",
    "article_path",
    "article_url",
    "published",
    "text",
    "value",
    "low",
    "high",
    "qualifier",
    "kind",
    "unit",
    "subject",
    "concept",
    "actor",
    "location",
    "time",
    "roles",
    "sentence",
    "start",
    "end",
    "is_caption",
    "is_boilerplate",
    "lang",
)
_SIDE_COLUMNS = (
    "id",
    "text",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "subject",
    "concept",
    "location",
    "time",
    "sentence",
    "article",
    "path",
    "url",
    "published",
)
_DISCREPANCY_COLUMNS = (
    "id",
    "fingerprint",
    "kind",
    "severity",
    "status",
    "explanation",
    "note",
    "reviewer",
    "reviewed_at",
    "active",
    "story_id",
    "story",
)
# An arithmetic total is side a; every part it states follows, as written and by claim id, in order.
DISCREPANCY_CSV_COLUMNS = (
    *_DISCREPANCY_COLUMNS,
    *(f"a_{c}" for c in _SIDE_COLUMNS),
    *(f"b_{c}" for c in _SIDE_COLUMNS),
    "parts",
    "part_ids",
)
STORY_CSV_COLUMNS = ("story_id", "story_name", "manual", "article_id", "title", "published", "path", "url")

# Written as numbers, never escaped: "-5" in a value column is a figure, not a formula.
_NUMERIC = {
    "id",
    "article_id",
    "story_id",
    "value",
    "low",
    "high",
    "start",
    "end",
    "a_id",
    "a_value",
    "a_low",
    "a_high",
    "b_id",
    "b_value",
    "b_low",
    "b_high",
}
# A cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(column: str, value):
    if column in _NUMERIC:
        return (
            plain_number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else safe_text(value)
        )
    shown = safe_text(value)
    return "'" + shown if shown.startswith(_FORMULA_START) else shown


def _write(columns: tuple[str, ...], records: list[dict]) -> str:
    buffer = io.StringIO()
    # RFC 4180 line ends: with "\n" alone the csv module leaves a field holding a bare CR unquoted.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(column, record.get(column)) for column in columns])
    return buffer.getvalue()


def _claim_record(claim: dict) -> dict:
    article = claim.get("article") or {}
    record = {column: claim.get(column) for column in CLAIM_CSV_COLUMNS}
    record.update(
        article_id=article.get("id"),
        article_title=article.get("title"),
        article_path=article.get("path"),
        article_url=article.get("url"),
        published=article.get("published"),
        roles=roles_text(claim.get("roles")),
    )
    return record


def claims_csv(rows: list[dict]) -> str:
    return _write(CLAIM_CSV_COLUMNS, [_claim_record(row) for row in rows])


def _side(prefix: str, claim: dict) -> dict:
    article = claim.get("article") or {}
    values = {column: claim.get(column) for column in _SIDE_COLUMNS}
    values.update(
        article=article.get("title"),
        path=article.get("path"),
        url=article.get("url"),
        published=article.get("published"),
    )
    return {f"{prefix}_{column}": value for column, value in values.items()}


def discrepancies_csv(items: list[dict]) -> str:
    records = []
    for item in items:
        record = {column: item.get(column) for column in _DISCREPANCY_COLUMNS}
        story = item.get("story") or {}
        record.update(story_id=story.get("id"), story=story.get("name"))
        for prefix, claim in zip("ab", item.get("claims") or []):
            record.update(_side(prefix, claim))
        parts = item.get("parts") or []
        record.update(
            parts=" + ".join(text(part.get("text")) for part in parts),
            part_ids=" ".join(text(part.get("id")) for part in parts),
        )
        records.append(record)
    return _write(DISCREPANCY_CSV_COLUMNS, records)


def stories_csv(stories: list[dict]) -> str:
    records = [
        {
            "story_id": story.get("id"),
            "story_name": story.get("name"),
            "manual": story.get("manual"),
            "article_id": article.get("id"),
            "title": article.get("title"),
            "published": article.get("published"),
            "path": article.get("path"),
            "url": article.get("url"),
        }
        for story in stories
        for article in story.get("articles") or []
    ]
    return _write(STORY_CSV_COLUMNS, records)
