"""The one way every reader turns text and metadata into a SourceArticle."""

from __future__ import annotations

from claims.lang import languages
from claims.sources.article import SourceArticle
from claims.sources.dates import read_date
from claims.sources.problems import ArticleRefused
from claims.sources.tail import find_tail_start
from claims.text.normalize import normalize_text

_TITLE_MAX = 300


def _clean(value: object) -> str | None:
    """A metadata value as one line of normalised text (no controls, no line breaks)."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = " ".join(normalize_text(str(value)).split())
    return text or None


def first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:_TITLE_MAX]
    return None


def _language(value: object) -> str | None:
    """The declared language as a code we support ("vi-VN" -> "vi"); refuses one we do not."""
    declared = _clean(value)
    if declared is None:
        return None
    code = declared.lower()[:2]
    if code not in languages():
        # Read with another language's patterns, its figures would be wrong, not missing.
        raise ArticleRefused(
            f"declared language {declared[:40]!r} is not supported (supported: {', '.join(languages())})"
        )
    return code


def assemble_article(
    raw_text: str,
    *,
    origin: str,
    path: str | None = None,
    title: object = None,
    published: object = None,
    url: object = None,
    source: object = None,
    author: object = None,
    lang: object = None,
    normalized: bool = False,
) -> SourceArticle:
    """Normalise the text (unless the caller did), read the metadata, and mark a second story at the end.

    Raises ArticleRefused for an article declared in a language we do not read.
    """
    code = _language(lang)
    text = raw_text if normalized else normalize_text(raw_text)
    title_text = _clean(title) or first_line(text)
    date, date_problem = read_date(_clean(published))
    return SourceArticle(
        text=text,
        title=title_text,
        published=date,
        url=_clean(url),
        source=_clean(source),
        author=_clean(author),
        path=path,
        lang=code,
        origin=origin,
        tail_start=find_tail_start(text, title_text),
        warnings=[date_problem] if date_problem else [],
    )
