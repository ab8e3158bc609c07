"""The one way every reader turns text and metadata into a SourceArticle."""

from __future__ import annotations

from claims.sources.article import SourceArticle
from claims.sources.dates import parse_date
from claims.sources.tail import find_tail_start
from claims.text.normalize import normalize_text

_TITLE_MAX = 300


def _clean(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = normalize_text(str(value)).strip()
    return text or None


def first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:_TITLE_MAX]
    return None


def assemble_article(raw_text: str, *, origin: str, path: str | None = None, title: object = None,
                     published: object = None, url: object = None, source: object = None,
                     author: object = None, lang: object = None, normalized: bool = False) -> SourceArticle:
    """Normalise the text (unless the caller did), read the metadata, and mark a second story at the end."""
    text = raw_text if normalized else normalize_text(raw_text)
    title_text = _clean(title) or first_line(text)
    code = _clean(lang)
    return SourceArticle(
        text=text,
        title=title_text,
        published=parse_date(_clean(published)),
        url=_clean(url),
        source=_clean(source),
        author=_clean(author),
        path=path,
        lang=code.lower()[:2] if code else None,  # "vi-VN" -> "vi"
        origin=origin,
        tail_start=find_tail_start(text, title_text),
    )
