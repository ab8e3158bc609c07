"""Read the inputs of a command: every article in its paths, and the inputs that could not be read."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO

from claims.sources import DEFAULT_MAX_BYTES, SourceArticle, SourceProblem, read_articles

Item = SourceArticle | SourceProblem


def read_sources(
    paths: Sequence[str],
    *,
    include: str | None = None,
    max_bytes: int | None = None,
    stdin: BinaryIO | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[Item]:
    """Every article in `paths` (files, folders, quoted globs, "-" for `stdin`), problems in line.

    `on_warning` hears each loss in an article that is still used ("origin: what was lost");
    it changes no exit code.
    """
    for item in read_articles(
        paths, include=include, max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes, stdin=stdin
    ):
        if on_warning is not None and isinstance(item, SourceArticle):
            for warning in item.warnings:
                on_warning(f"{item.origin}: {warning}")
        yield item
