"""How a figure, an article and a frame read in a report: shared by every output format."""

from __future__ import annotations

import math
import os

from .controls import replace_unsafe

# What the claims table and the claims CSV show, in the order an editor reads them.
CLAIM_TABLE_COLUMNS = (
    "article",
    "text",
    "kind",
    "value",
    "qualifier",
    "unit",
    "subject",
    "concept",
    "actor",
    "location",
    "time",
    "roles",
)

SEVERITY_ORDER = ("high", "medium", "low")
KIND_ORDER = ("value", "context", "scale", "arithmetic", "update")


def finite(number) -> float | int | None:
    """The number, or None where JSON and spreadsheets have no word for it (NaN, ±infinity)."""
    if isinstance(number, bool) or number is None:
        return None
    if isinstance(number, float) and not math.isfinite(number):
        return None
    return number


def format_value(number) -> str:
    """A figure for a reader: 2500.0 -> "2500", 1/3 -> "0.333", no float noise, no exponent."""
    number = finite(number)
    if number is None:
        return ""
    if float(number).is_integer() and abs(number) < 1e15:
        return str(int(number))
    if abs(number) < 0.001:
        return f"{number:.3g}"
    return f"{number:.3f}".rstrip("0").rstrip(".")


def format_interval(claim: dict) -> str:
    """The value, or the interval as written by the check rules ("150.." for "more than 150")."""
    if finite(claim.get("value")) is not None:
        return format_value(claim["value"])
    low, high = format_value(claim.get("low")), format_value(claim.get("high"))
    if not low and not high:
        return ""
    return low if low == high else f"{low}..{high}"


def plain_number(number) -> int | float | str:
    """A number a spreadsheet reads as a number: whole values as integers, the rest at full precision."""
    number = finite(number)
    if number is None:
        return ""
    if isinstance(number, float) and number.is_integer() and abs(number) < 1e15:
        return int(number)
    return number


def roles_text(roles) -> str:
    """The frame around a figure as k=v pairs ("against=IS, target=Baghdad")."""
    if not roles:
        return ""
    if isinstance(roles, dict):
        return ", ".join(f"{key}={value}" for key, value in roles.items())
    return str(roles)


def article_label(article: dict | None) -> str:
    """The article's title, or its file name or URL when it has none."""
    article = article or {}
    for key in ("title", "path", "url"):
        if article.get(key):
            return str(article[key]) if key != "path" else os.path.basename(str(article[key])) or str(article[key])
    return "(untitled)" if article.get("id") is None else f"article {article['id']}"


def short_title(article: dict | None, width: int = 32) -> str:
    label = " ".join(article_label(article).split())
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def text(value) -> str:
    """Any field as a string: None is empty, booleans read yes/no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return format_value(value)
    return str(value)


def safe_text(value) -> str:
    """Any field as a string with no character that could rewrite or reorder the reader's view."""
    return replace_unsafe(text(value))


def terminal_safe(value) -> str:
    # Newlines stay: they are the table's own line breaks; a bare CR would overwrite the line.
    return safe_text(value).replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n")


def claim_columns(claim: dict) -> dict[str, str]:
    """A claim's cells for the claims table, figures as written."""
    return {
        "article": short_title(claim.get("article"), 24),
        "text": text(claim.get("text")),
        "kind": text(claim.get("kind")),
        "value": format_interval(claim),
        "qualifier": text(claim.get("qualifier")),
        "unit": text(claim.get("unit")),
        "subject": text(claim.get("subject")),
        "concept": text(claim.get("concept")),
        "actor": text(claim.get("actor")),
        "location": text(claim.get("location")),
        "time": text(claim.get("time")),
        "roles": roles_text(claim.get("roles")),
    }


def highlight_span(sentence: str, claim: dict) -> tuple[int, int] | None:
    """Where the claim's figure stands in its sentence, or None when it cannot be found there.

    Extracted rows carry sentence_start, which picks the right one of two equal figures
    ("khoảng 2.500 ... khoảng 2.500"); stored rows fall back to the first occurrence."""
    figure = claim.get("text") or ""
    if not figure or not sentence:
        return None
    start, sentence_start = claim.get("start"), claim.get("sentence_start")
    if isinstance(start, int) and isinstance(sentence_start, int):
        offset = start - sentence_start
        if sentence[offset : offset + len(figure)] == figure:
            return offset, offset + len(figure)
    found = sentence.find(figure)
    return (found, found + len(figure)) if found >= 0 else None


def _offset_in_sentence(sentence: str, claim: dict) -> int | None:
    figure, start, sentence_start = text(claim.get("text")), claim.get("start"), claim.get("sentence_start")
    if (
        isinstance(start, int)
        and isinstance(sentence_start, int)
        and sentence[start - sentence_start :].startswith(figure)
    ):
        return start - sentence_start
    return None


def _start_of(claim: dict) -> int:
    """Where a claim starts in its article; 0 when the claim does not say."""
    start = claim.get("start")
    return start if isinstance(start, int) else 0


def highlight_spans(sentence: str, claims: list[dict]) -> list[tuple[int, int] | None]:
    """Where each claim's figure stands in one sentence, in the order given; None where it cannot
    be found apart from the others. Figures are placed in the order they stand in the article, each
    looked for after the one before, so "5 người chết, 5 người bị thương" marks both fives."""
    spans: list[tuple[int, int] | None] = [None] * len(claims)
    order = sorted(range(len(claims)), key=lambda i: _start_of(claims[i]))
    taken: list[tuple[int, int]] = []
    cursor = 0
    for index in order:
        figure = text(claims[index].get("text"))
        if not figure or not sentence:
            continue
        at = _offset_in_sentence(sentence, claims[index])
        candidates = [at] if at is not None else [sentence.find(figure, cursor), sentence.find(figure)]
        for found in candidates:
            span = (found, found + len(figure))
            if found >= 0 and all(span[1] <= s or span[0] >= e for s, e in taken):
                spans[index] = span
                taken.append(span)
                cursor = span[1]
                break
    return spans


def marked_text(sentence: str, marks: list[tuple[int, int, str, str]], escape) -> str:
    """The sentence escaped for a format, each (start, end, before, after) span wrapped in its markup;
    spans must not overlap. Each slice is escaped on its own, so markup never lands inside an escape."""
    pieces, at = [], 0
    for start, end, before, after in sorted(marks):
        pieces.append(f"{escape(sentence[at:start])}{before}{escape(sentence[start:end])}{after}")
        at = end
    return "".join(pieces) + escape(sentence[at:])


def by_sentence(claims: list[dict]) -> list[list[dict]]:
    """Claims grouped by the sentence they stand in (the same text of the same article), first seen first."""
    groups: dict[tuple, list[dict]] = {}
    for claim in claims:
        groups.setdefault(((claim.get("article") or {}).get("id"), text(claim.get("sentence"))), []).append(claim)
    return list(groups.values())


def counts(items: list[dict], key: str, order: tuple[str, ...]) -> list[tuple[str, int]]:
    """How many items have each value of `key`, known values first in their usual order."""
    tally: dict[str, int] = {}
    for item in items:
        tally[text(item.get(key))] = tally.get(text(item.get(key)), 0) + 1
    known = [(name, tally.pop(name)) for name in order if name in tally]
    return known + sorted(tally.items())


def provenance(claim: dict) -> str:
    """Where on the page a figure stood, when that weakens it: a photo caption or page furniture."""
    if claim.get("is_boilerplate"):
        return "page furniture or another story"
    if claim.get("is_caption"):
        return "photo caption"
    return ""


def highlighted_sentence(claim: dict, escape, before: str, after: str) -> str:
    """The claim's sentence escaped for a format, its figure wrapped in that format's markup.

    Each slice is escaped on its own so the markup never lands inside an escape sequence.
    """
    sentence = text(claim.get("sentence"))
    span = highlight_span(sentence, claim)
    if span is None:
        return escape(sentence)
    start, end = span
    return f"{escape(sentence[:start])}{before}{escape(sentence[start:end])}{after}{escape(sentence[end:])}"
