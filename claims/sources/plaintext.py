"""A .txt article: optional `key: value` header lines ended by a blank line, then the body.

Without a header the whole file is the text (title line included, so offsets index
the file as a reader sees it) and its first non-empty line is the title.
"""

from __future__ import annotations

import regex

from claims.lang import SUPPORTED, load_pack
from claims.sources.article import SourceArticle
from claims.sources.assemble import assemble_article
from claims.text.normalize import normalize_text

FIELDS = ("title", "date", "url", "source", "author", "lang")

# "Tiêu đề: ...": a short key, a colon, the value. Keys are letters and spaces only,
# so "19:30 ..." or "https://..." never open a header.
_HEADER_LINE = regex.compile(r"^[ \t]*(\p{L}[\p{L} _\-]{0,29}?)[ \t]*:[ \t]*(.*?)[ \t]*$")


_PACK_KEY = "claims.sources.plaintext"


def _header_keys() -> dict[str, str]:
    """Every spelling of a header key (lowercased) -> the field it fills."""
    keys = {field: field for field in FIELDS}
    for code in SUPPORTED:
        pack = load_pack(code)
        if _PACK_KEY not in pack.compiled:
            pack.compiled[_PACK_KEY] = {
                normalize_text(alias).lower(): field
                for field, aliases in pack.section("article_header").items() if field in FIELDS
                for alias in aliases
            }
        keys.update(pack.compiled[_PACK_KEY])
    return keys


def split_header(raw: str) -> tuple[dict[str, str], str | None]:
    """({field: value}, body) when `raw` opens with a header and a blank line; ({}, None) otherwise."""
    keys = _header_keys()
    fields: dict[str, str] = {}
    lines = raw.split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            if not fields:
                continue  # blank lines before the header
            return fields, "\n".join(lines[i + 1:])
        match = _HEADER_LINE.match(line.rstrip("\r"), timeout=1)
        field = keys.get(normalize_text(match.group(1)).lower()) if match else None
        if field is None:
            return {}, None  # one line that is not a known key: there is no header
        fields.setdefault(field, match.group(2))
    return {}, None  # header lines with no body after them: read it all as text


def article_from_text(raw: str, *, origin: str, path: str | None = None) -> SourceArticle:
    """Apply the .txt rule to decoded text."""
    text = normalize_text(raw)
    fields, body = split_header(text)
    if body is None:
        return assemble_article(text, origin=origin, path=path, normalized=True)
    return assemble_article(
        body, origin=origin, path=path, title=fields.get("title"), published=fields.get("date"),
        url=fields.get("url"), source=fields.get("source"), author=fields.get("author"), lang=fields.get("lang"),
        normalized=True,
    )
