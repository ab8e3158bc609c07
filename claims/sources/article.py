"""An article as read from a file, a page or a JSON line, before it is stored."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(slots=True)
class SourceArticle:
    """Normalised text plus whatever metadata the input carried.

    `text` is already normalised (claims.text.normalize.normalize_text): every claim
    offset indexes it. `published` is an ISO date ("2024-09-27") or None. `origin`
    names where it came from for messages: a path, "path:line" for JSON Lines, or
    "<stdin>".
    """

    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    path: str | None = None
    lang: str | None = None
    origin: str = "<text>"
    # Where a second, unrelated story starts (a "read more" teaser pasted after the body);
    # claims past it are kept but marked as boilerplate.
    tail_start: int | None = None
    # What the bytes were read as ("utf-8", "cp1258", "tcvn3", "utf-8+vni" for legacy font
    # text found inside UTF-8 ...), so a report can say that a file was converted.
    encoding: str | None = None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class SourceProblem:
    """An input that could not be read: where, and why, in one line."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"
