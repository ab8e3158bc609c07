"""Articles exported by a CMS or a crawler as JSON Lines (.jsonl) or JSON (.json).

Each record has a text (or body, content) and optional title, url, date (or published),
source, author, lang. A bad line becomes one problem with its line number; the other
lines are still read. Records whose text is HTML go through the HTML reader.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import regex

from claims.sources.article import SourceArticle, SourceProblem
from claims.sources.assemble import assemble_article
from claims.sources.html import article_from_html

# Each field and the names exporters use for it, first match wins.
_FIELDS = {
    "text": ("text", "body", "content", "article", "content_text"),
    "title": ("title", "headline", "name"),
    "url": ("url", "link", "canonical_url"),
    "published": ("date", "published", "published_at", "pubdate", "date_published", "datePublished"),
    "source": ("source", "sitename", "site", "publisher"),
    "author": ("author", "authors", "byline"),
    "lang": ("lang", "language"),
}
# A text field carrying markup: several tags, or one paragraph or line-break tag.
_MARKUP = regex.compile(r"<(?:p|br|div|span|a|strong|em|h[1-6]|li|figure|img)\b[^>]{0,500}>", regex.IGNORECASE)

Item = SourceArticle | SourceProblem


def _pick(record: dict, field: str) -> object:
    for name in _FIELDS[field]:
        value = record.get(name)
        if value not in (None, ""):
            return value
    return None


def _author(value: object) -> object:
    if isinstance(value, list):  # "authors": ["A", "B"] or [{"name": "A"}]
        names = [v.get("name") if isinstance(v, dict) else v for v in value]
        return ", ".join(str(n) for n in names if n) or None
    if isinstance(value, dict):
        return value.get("name")
    return value


def article_from_record(record: object, *, origin: str, path: str | None) -> Item:
    if not isinstance(record, dict):
        return SourceProblem(origin, f"expected a JSON object with a text field, found {type(record).__name__}")
    text = _pick(record, "text")
    if not isinstance(text, str) or not text.strip():
        return SourceProblem(origin, "no text (expected a non-empty text, body or content field)")
    meta = {field: _pick(record, field) for field in ("title", "url", "published", "source", "lang")}
    meta["author"] = _author(_pick(record, "author"))
    if _MARKUP.search(text[:20000], timeout=1):
        page = article_from_html(text, origin=origin, path=path)
        if page is None:
            return SourceProblem(origin, "no text in the record's HTML")
        text = page.text
    return assemble_article(text, origin=origin, path=path, **meta)


def read_json_lines(text: str, *, origin: str, path: str | None) -> Iterator[Item]:
    """One article per non-blank line; origins are "file:LINE"."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield SourceProblem(where, f"invalid JSON on line {number}: {exc.msg}")
            continue
        yield article_from_record(record, origin=where, path=path)


def read_json_document(text: str, *, origin: str, path: str | None) -> Iterator[Item]:
    """A JSON object, or a list of them (origins "file#1", "file#2", ...)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        yield SourceProblem(origin, f"invalid JSON on line {exc.lineno}: {exc.msg}")
        return
    if isinstance(document, list):
        for index, record in enumerate(document, start=1):
            yield article_from_record(record, origin=f"{origin}#{index}", path=path)
    else:
        yield article_from_record(document, origin=origin, path=path)


def looks_like_json_lines(text: str) -> bool:
    """Stdin sniffing: the first non-blank line is a JSON object on its own."""
    for line in text.split("\n", 50)[:50]:
        if line.strip():
            stripped = line.strip()
            if not (stripped.startswith("{") and stripped.endswith("}")):
                return False
            try:
                return isinstance(json.loads(stripped), dict)
            except json.JSONDecodeError:
                return False
    return False
