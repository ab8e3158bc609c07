"""Articles exported by a CMS or a crawler as JSON Lines (.jsonl) or JSON (.json).

Each record has a text (or body, content) and optional title, url, date (or published),
source, author, lang. A bad line becomes one problem with its line number; the other
lines are still read. Records whose text is HTML go through the HTML reader.
JSON that parses into something Python cannot hold (nested 100,000 deep, a
5,000-digit number) is a problem like any other, never an exception.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import regex

from claims.sources.article import SourceArticle, SourceProblem
from claims.sources.assemble import assemble_article
from claims.sources.html import article_from_html
from claims.sources.problems import ArticleRefused, problem_from_exception

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
# "\udc00" alone in JSON decodes to a lone surrogate, which no UTF-8 database or hash accepts.
_LONE_SURROGATE = regex.compile(r"[\ud800-\udfff]")

Item = SourceArticle | SourceProblem


class UnreadableJSON(ArticleRefused):
    """JSON we cannot parse; `is_json` tells whether it still looked like JSON (too deep, too long a number)."""

    def __init__(self, reason: str, *, is_json: bool):
        super().__init__(reason)
        self.is_json = is_json


def load_json(text: str, *, line: int = 1) -> object:
    """json.loads, with every way it can fail turned into UnreadableJSON with a one-line reason.

    `line` is the line of the file `text` starts on, for the message.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableJSON(f"invalid JSON on line {exc.lineno + line - 1}: {exc.msg}", is_json=False) from None
    except RecursionError:
        raise UnreadableJSON("JSON nested too deeply to read", is_json=True) from None
    except ValueError:  # int() refuses more digits than sys.get_int_max_str_digits()
        limit = sys.get_int_max_str_digits()
        raise UnreadableJSON(f"JSON holds a number longer than {limit} digits", is_json=True) from None


def _mend(value: object) -> object:
    if not isinstance(value, str):
        return value
    try:
        value.encode("utf-8")  # far cheaper than a search, and the text has to be encoded anyway
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", value, timeout=max(2.0, len(value) / 1e6))
    return value


def _pick(record: dict, field: str) -> object:
    for name in _FIELDS[field]:
        value = record.get(name)
        if value not in (None, ""):
            return _mend(value)
    return None


def _author(value: object) -> object:
    if isinstance(value, list):  # "authors": ["A", "B"] or [{"name": "A"}]
        names = [v.get("name") if isinstance(v, dict) else v for v in value]
        return _mend(", ".join(str(n) for n in names if n)) or None
    if isinstance(value, dict):
        return _mend(value.get("name"))
    return value


def article_from_record(record: object, *, origin: str, path: str | None) -> Item:
    """The record's article, or the problem that stops it (never an exception)."""
    try:
        return _article_from_record(record, origin=origin, path=path)
    except Exception as exc:  # noqa: BLE001 - one bad record must not end the file
        return problem_from_exception(origin, exc)


def _article_from_record(record: object, *, origin: str, path: str | None) -> Item:
    if not isinstance(record, dict):
        return SourceProblem(origin, f"expected a JSON object with a text field, found {type(record).__name__}")
    text = _pick(record, "text")
    if not isinstance(text, str) or not text.strip():
        return SourceProblem(origin, "no text (expected a non-empty text, body or content field)")
    page_warnings: list[str] = []
    if _MARKUP.search(text[:20000], timeout=1):
        page = article_from_html(text, origin=origin, path=path)
        if page is None:
            return SourceProblem(origin, "no text in the record's HTML")
        text, page_warnings = page.text, page.warnings
    article = assemble_article(
        text,
        origin=origin,
        path=path,
        title=_pick(record, "title"),
        url=_pick(record, "url"),
        published=_pick(record, "published"),
        source=_pick(record, "source"),
        lang=_pick(record, "lang"),
        author=_author(_pick(record, "author")),
    )
    article.warnings[:0] = [w for w in page_warnings if w not in article.warnings]
    return article


def read_json_lines(text: str, *, origin: str, path: str | None, first_line: int = 1) -> Iterator[Item]:
    """One article per non-blank line; origins are "file:LINE" (`text` starts on line `first_line`)."""
    for number, line in enumerate(text.split("\n"), start=first_line):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = load_json(line, line=number)
        except UnreadableJSON as exc:
            yield SourceProblem(where, str(exc))
            continue
        yield article_from_record(record, origin=where, path=path)


def read_json_document(text: str, *, origin: str, path: str | None) -> Iterator[Item]:
    """A JSON object, or a list of them (origins "file#1", "file#2", ...)."""
    try:
        document = load_json(text)
    except UnreadableJSON as exc:
        yield SourceProblem(origin, str(exc))
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
                return isinstance(load_json(stripped), dict)
            except UnreadableJSON as exc:
                return exc.is_json
    return False
