"""A .txt article: optional `key: value` header lines ended by a blank line, then the body.

Without a header the whole file is the text (title line included, so offsets index
the file as a reader sees it) and its first non-empty line is the title.
"""

from __future__ import annotations

from functools import lru_cache

from claims.lang import extra_lexicon_paths, languages, load_pack
from claims.sources.article import SourceArticle
from claims.sources.assemble import assemble_article
from claims.text.normalize import normalize_text

FIELDS = ("title", "date", "url", "source", "author", "lang")

_KEY_MAX = 30


_PACK_KEY = "claims.sources.plaintext"


def _header_keys() -> dict[str, str]:
    """Every spelling of a header key (lowercased) -> the field it fills."""
    return _header_keys_for(extra_lexicon_paths())


@lru_cache(maxsize=16)
def _header_keys_for(extra: tuple[str, ...]) -> dict[str, str]:
    # Once per set of lexicons, not once per article.
    keys = {field: field for field in FIELDS}
    for code in languages(extra):
        pack = load_pack(code, extra)
        if _PACK_KEY not in pack.compiled:
            pack.compiled[_PACK_KEY] = {
                normalize_text(alias).lower(): field
                for field in FIELDS
                for alias in pack.value(f"article_header.{field}")
            }
        keys.update(pack.compiled[_PACK_KEY])
    return keys


def _header_line(line: str) -> tuple[str, str] | None:
    """(key, value) of a "Tiêu đề: ..." line: a short key, a colon, the value. Keys are a letter,
    then letters, spaces, "_" or "-", so "19:30 ..." or "https://..." never open a header.
    (String methods, not a pattern: each header line would cost a pattern call and its timeout.)"""
    key, colon, value = line.partition(":")
    key = key.strip(" \t")
    if not colon or not 0 < len(key) <= _KEY_MAX or not key[0].isalpha():
        return None
    if not all(ch.isalpha() or ch in " _-" for ch in key):
        return None
    return key, value.strip(" \t")


def _header_key(key: str) -> str:
    # Most keys are ASCII ("title", "date"): nothing for normalisation to change.
    return key.lower() if key.isascii() and key.isprintable() else normalize_text(key).lower()


def split_header(raw: str) -> tuple[dict[str, str], str | None]:
    """({field: value}, body) when `raw` opens with a header and a blank line; ({}, None) otherwise."""
    keys = _header_keys()
    fields: dict[str, str] = {}
    start = 0
    while start <= len(raw):  # line by line, so the body is never split into lines
        end = raw.find("\n", start)
        end = len(raw) if end < 0 else end
        line, start = raw[start:end], end + 1
        if not line.strip():
            if not fields:
                continue  # blank lines before the header
            return fields, raw[start:]
        found = _header_line(line.rstrip("\r"))
        field = keys.get(_header_key(found[0])) if found else None
        if found is None or field is None:
            return {}, None  # one line that is not a known key: there is no header
        fields.setdefault(field, found[1])
    return {}, None  # header lines with no body after them: read it all as text


def article_from_text(raw: str, *, origin: str, path: str | None = None) -> SourceArticle:
    """Apply the .txt rule to decoded text."""
    text = normalize_text(raw)
    fields, body = split_header(text)
    if body is None:
        return assemble_article(text, origin=origin, path=path, normalized=True)
    return assemble_article(
        body,
        origin=origin,
        path=path,
        title=fields.get("title"),
        published=fields.get("date"),
        url=fields.get("url"),
        source=fields.get("source"),
        author=fields.get("author"),
        lang=fields.get("lang"),
        normalized=True,
    )
