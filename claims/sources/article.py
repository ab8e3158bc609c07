"""An article as read from a file, a page or a JSON line, before it is stored."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(slots=True)
class SourceArticle:
    """Normalised text plus whatever metadata the input carried.

    `text` is already normalised (claims.text.normalize.normalize_text): every claim
    offset indexes it. `published` is an ISO date ("2024-09-27") or None. `origin`
    names where it came from for messages: a path, "path:line" for JSON Lines, or
    "<stdin>". Every string is safe to print and to store: no control characters,
    and a file name that holds some has them written as escapes ("\\x1b") in `path`
    and `origin` (the reader opens files by their real name, never by these).
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
    # What was read with a loss the user should know of, one line each without the origin
    # ("date '2024-02-30' names no day that exists: left empty"). The article is still used.
    warnings: list[str] = field(default_factory=list)

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
