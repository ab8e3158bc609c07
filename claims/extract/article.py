"""One article's claims for a batch: a bug of ours that one article triggers fails that article alone.

`claims ingest`, `claims audit` and `claims extract` all read articles through
extract_article, so each names a failed article the same way and goes on with the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import regex

from claims.errors import ClaimsError
from claims.lang import LanguagePack, load_pack
from claims.lang.detect import detect_language

from .claim import Claim
from .extractor import extract_claims

_REASON_MAX = 300
_WHITESPACE = regex.compile(r"\s+")


class ReadArticle(Protocol):
    """What extraction needs of an article as read (claims.sources.SourceArticle)."""

    text: str
    lang: str | None
    published: str | None
    tail_start: int | None
    origin: str


@dataclass(slots=True)
class ArticleClaims:
    """The claims of one article and the language they were read in."""

    lang: str
    pack: LanguagePack
    claims: list[Claim]


@dataclass(slots=True)
class ExtractionFailed:
    """An article extraction raised on: reported like an input that was refused, never stored."""

    origin: str
    reason: str  # "extraction failed: TypeError: ..."

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


def extract_article(article: ReadArticle, lang: str | None = None) -> ArticleClaims | ExtractionFailed:
    """The claims of `article`, read in its own language, else `lang`, else the detected one.

    An error the user can fix (an unreadable lexicon) is raised as it would stop every
    article alike; anything else is a bug one article triggered, returned as ExtractionFailed.
    """
    try:
        code = article.lang or lang or detect_language(article.text)
        pack = load_pack(code)
        claims = extract_claims(
            article.text, code, pack=pack, published=article.published, tail_start=article.tail_start
        )
    except ClaimsError:
        raise
    except Exception as exc:  # noqa: BLE001 - one article must not end the batch
        return ExtractionFailed(article.origin, _one_line(f"extraction failed: {type(exc).__name__}: {exc}"))
    return ArticleClaims(code, pack, claims)


def _one_line(text: str) -> str:
    # An exception's message may quote article text: no line break or control character reaches the terminal.
    line = "".join(ch if ch.isprintable() else "\ufffd" for ch in _WHITESPACE.sub(" ", text, timeout=1).strip())
    return line if len(line) <= _REASON_MAX else line[: _REASON_MAX - 1] + "…"
