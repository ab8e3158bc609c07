"""What the user named on the command line -> the files to read, in a stable order.

A path is a file, a folder (read recursively; `include` picks the files), a glob the
shell did not expand because it was quoted ("news/**/*.txt"), or "-" for stdin.
Anything that names nothing becomes a problem, and the rest of the batch goes on.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from claims.sources.article import SourceProblem

# What a folder contributes when no include pattern is given.
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".json")
STDIN_NAME = "-"
_GLOB_CHARS = "*?["


@dataclass(frozen=True)
class Target:
    """One input to read: a file, or stdin when `path` is None."""

    origin: str
    path: Path | None = None


def _included(relative: str, name: str, include: str | None) -> bool:
    if include is None:
        return name.lower().endswith(ARTICLE_SUFFIXES)
    # "*.txt" names a file anywhere below; "2024/*.txt" a relative path; "**/x" the same as "x".
    pattern = include[3:] if include.startswith("**/") else include
    return fnmatch(name, pattern) or fnmatch(relative, pattern) or fnmatch(relative, include)


def _walk_folder(folder: Path, include: str | None) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # .git, .cache: never articles
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root, name)
            if _included(path.relative_to(folder).as_posix(), name, include):
                yield path


def _folder_targets(folder: Path, include: str | None) -> Iterator[Target | SourceProblem]:
    found = False
    for path in _walk_folder(folder, include):
        found = True
        yield Target(str(path), path)
    if not found:
        wanted = f"no file matches --include {include!r}" if include else "no article files (" + ", ".join(ARTICLE_SUFFIXES) + ")"
        yield SourceProblem(str(folder), f"folder holds {wanted}")


def _expand_one(raw: str, include: str | None) -> Iterator[Target | SourceProblem]:
    if raw == STDIN_NAME:
        yield Target("<stdin>")
        return
    path = Path(raw).expanduser()
    if path.is_dir():
        yield from _folder_targets(path, include)
    elif path.exists() or path.is_symlink():
        yield Target(raw, path)
    elif any(ch in raw for ch in _GLOB_CHARS):
        matches = sorted(glob.glob(str(path), recursive=True))
        if not matches:
            yield SourceProblem(raw, "no file matches this pattern")
        for match in matches:
            yield from _expand_one(match, include) if Path(match).is_dir() else iter([Target(match, Path(match))])
    else:
        yield SourceProblem(raw, "no such file or directory")


def expand_paths(paths: Sequence[str], include: str | None = None) -> Iterator[Target | SourceProblem]:
    """Every file to read, once each, in the order named (folders and globs sorted)."""
    seen: set[str] = set()
    for raw in paths:
        for item in _expand_one(raw, include):
            if isinstance(item, Target) and item.path is not None:
                key = os.path.realpath(item.path)
                if key in seen:
                    continue
                seen.add(key)
            yield item
