"""Read every input the user named: one SourceArticle per article, one SourceProblem per unusable input.

A problem never stops the batch: whatever fails while one input is read, that input
becomes a problem and the articles read before it stand. Files are capped in size
before they are read, so a stray video or database dump costs nothing.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

import regex

from claims.sources.archive import read_json_lines_file, splits_into_lines
from claims.sources.article import SourceArticle, SourceProblem
from claims.sources.html import article_from_html, decode_html
from claims.sources.jsonlines import (
    UnreadableJSON,
    load_json,
    looks_like_json_lines,
    read_json_document,
    read_json_lines,
)
from claims.sources.paths import expand_paths
from claims.sources.plaintext import article_from_text
from claims.sources.problems import guarded, os_reason, printable_name
from claims.text.decode import Damage, UndecodableText, decode_bytes

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

Item = SourceArticle | SourceProblem

_KIND_BY_SUFFIX = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}
_LOOKS_LIKE_HTML = regex.compile(r"(?i)^\s*(?:<!--.*?-->\s*)?<(?:!doctype\s+html|html|head|body|article|main|div|p)\b")


def describe_size(n: int) -> str:
    mib = 1024 * 1024
    if n >= mib:
        return f"{n // mib} MB" if n % mib == 0 else f"{n / mib:.1f} MB"
    if n >= 1024:
        return f"{n // 1024} KB" if n % 1024 == 0 else f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def too_large(max_bytes: int) -> str:
    return f"larger than the {describe_size(max_bytes)} limit (raise it with --max-bytes)"


def _read_bytes(path: Path, limit: int, size: int) -> bytes:
    # Asking for the cap would allocate it whole for every file: ask for the size stat() gave,
    # and one byte more, so a file that grew since (or a /proc file that says 0) is read on to one past the cap.
    with path.open("rb") as handle:
        data = handle.read(min(size, limit) + 1)
        if len(data) > size:
            data += handle.read(limit + 1 - len(data))
        return data


def _parse_text(text: str, kind: str, origin: str, path: str | None) -> Iterator[Item]:
    if kind == "auto":
        kind = _sniff(text)
    if kind == "html":
        article = article_from_html(text, origin=origin, path=path)
        yield article if article is not None else SourceProblem(origin, "no text in the page")
    elif kind == "jsonl":
        yield from read_json_lines(text, origin=origin, path=path)
    elif kind == "json":
        if looks_like_json_lines(text) and text.strip().count("\n") > 0 and not _is_one_json_document(text):
            yield from read_json_lines(text, origin=origin, path=path)  # JSON Lines saved as .json
        else:
            yield from read_json_document(text, origin=origin, path=path)
    else:
        article = article_from_text(text, origin=origin, path=path)
        yield article if article.text.strip() else SourceProblem(origin, "no text after the header")


def _is_one_json_document(text: str) -> bool:
    try:
        load_json(text)
    except UnreadableJSON as exc:
        return exc.is_json  # too deep or too long a number: JSON all the same, refused by its reader
    return True


def _sniff(text: str) -> str:
    """Stdin and unknown suffixes: JSON, JSON Lines or HTML when they look like it, else plain text."""
    head = text.lstrip()[:1]
    if head in "[{" and head and _is_one_json_document(text):
        return "json"
    if looks_like_json_lines(text):
        return "jsonl"
    if _LOOKS_LIKE_HTML.match(text[:2000], timeout=1):
        return "html"
    return "txt"


def _parse_bytes(data: bytes, kind: str, origin: str, path: str | None) -> Iterator[Item]:
    try:
        decoded = decode_html(data) if kind == "html" else decode_bytes(data)
    except UndecodableText as exc:
        yield SourceProblem(origin, str(exc))
        return
    if not decoded.text.strip():
        yield SourceProblem(origin, "empty file")
        return
    damage = list(decoded.damage)
    for item in _parse_text(decoded.text, kind, origin, path):
        if isinstance(item, SourceArticle):
            item.encoding = decoded.encoding
            item.warnings[:0] = [d.reason for d in _damage_in(item.origin, origin, damage)]
        yield item


def _damage_in(item_origin: str, origin: str, damage: list[Damage]) -> list[Damage]:
    """The damaged lines to name on this article (and no other): its own line for JSON Lines, else all."""
    line = item_origin[len(origin) + 1 :] if item_origin.startswith(f"{origin}:") else ""
    taken = [d for d in damage if str(d.line) == line] if line.isdigit() else list(damage)
    for d in taken:
        damage.remove(d)
    return taken


def read_file(path: Path, origin: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """The articles in one file, or the one problem that stops it being read."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if not stat.S_ISREG(info.st_mode):
            yield SourceProblem(origin, "not a regular file")
            return
        kind = _KIND_BY_SUFFIX.get(path.suffix.lower(), "auto")
        # The stored and shown path; the file itself is opened by `path` only.
        shown = printable_name(str(path))
        if kind == "jsonl" and _splits_into_lines(path):
            # An archive of any size, read a line at a time; the cap is each article's.
            yield from read_json_lines_file(path, origin, shown, max_bytes, "line " + too_large(max_bytes))
            return
        if info.st_size > max_bytes:
            yield SourceProblem(origin, too_large(max_bytes))
            return
        data = _read_bytes(path, max_bytes, info.st_size)
    except OSError as exc:
        yield SourceProblem(origin, os_reason(exc))
        return
    yield from _parse_within_cap(data, max_bytes, kind, origin, shown)


def _splits_into_lines(path: Path) -> bool:
    with path.open("rb") as handle:
        return splits_into_lines(handle.read(8192))


def read_stdin(stream: BinaryIO, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    origin = "<stdin>"
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        yield SourceProblem(origin, os_reason(exc))
        return
    yield from _parse_within_cap(data, max_bytes, "auto", origin, None)


def _parse_within_cap(data: bytes, max_bytes: int, kind: str, origin: str, path: str | None) -> Iterator[Item]:
    # A file can grow between stat() and read(), and a stream has no size: the bytes decide.
    if len(data) > max_bytes:
        yield SourceProblem(origin, too_large(max_bytes))
        return
    yield from _parse_bytes(data, kind, origin, path)


def read_articles(
    paths: Sequence[str],
    *,
    include: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[Item]:
    """Every article in `paths` (files, folders, quoted globs, "-" for stdin), problems in line."""
    for target in expand_paths(paths, include):
        if isinstance(target, SourceProblem):
            yield target
        elif target.path is None:
            yield from guarded(target.origin, read_stdin(stdin if stdin is not None else sys.stdin.buffer, max_bytes))
        else:
            yield from guarded(target.origin, read_file(target.path, target.origin, max_bytes))
