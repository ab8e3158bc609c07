"""What the user named on the command line -> the files to read, in a stable order.

A path is a file, a folder (read recursively; `include` picks the files), a glob the
shell did not expand because it was quoted ("news/**/*.txt"), or "-" for stdin.
Anything that names nothing becomes a problem, and the rest of the batch goes on.
Folders and "**" follow symbolic links but enter each real folder once, so a link
back to a parent ends instead of looping; a folder that cannot be listed is named.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from claims.sources.article import SourceProblem
from claims.sources.problems import guarded, os_reason, printable_name

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


def _unreadable_folder(folder: str, exc: OSError) -> SourceProblem:
    reason = os_reason(exc).removeprefix("cannot read: ")
    return SourceProblem(printable_name(folder or "."), f"folder skipped, cannot list it: {reason}")


def _folders(root: str) -> Iterator[tuple[str, list[str]] | SourceProblem]:
    """(folder, its visible file names) for `root` and every visible folder below it, depth first
    and sorted, each real folder once; a problem for each folder that cannot be listed."""
    seen: set[tuple[int, int]] = set()
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            info = os.stat(folder or ".")
            if (info.st_dev, info.st_ino) in seen:
                continue  # a link back to a folder already read
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder or ".") as listing:
                entries = sorted((entry.name, _is_folder(entry)) for entry in listing if not entry.name.startswith("."))
        except OSError as exc:
            yield _unreadable_folder(folder, exc)
            continue
        yield folder, [name for name, is_folder in entries if not is_folder]
        pending.extend(reversed([os.path.join(folder, name) for name, is_folder in entries if is_folder]))


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # follows links
    except OSError:
        return False  # then it is read as a file, and reading it names the problem


def _folder_targets(folder: Path, include: str | None) -> Iterator[Target | SourceProblem]:
    found = False
    for item in _folders(str(folder)):
        if isinstance(item, SourceProblem):
            yield item
            continue
        current, names = item
        for name in names:
            path = Path(current, name)
            if _included(path.relative_to(folder).as_posix(), name, include):
                found = True
                yield Target(printable_name(str(path)), path)
    if not found:
        wanted = (
            f"no file matches --include {include!r}"
            if include
            else "no article files (" + ", ".join(ARTICLE_SUFFIXES) + ")"
        )
        yield SourceProblem(printable_name(str(folder)), f"folder holds {wanted}")


def _matches_in(folder: str, part: str, want_files: bool) -> Iterator[str | SourceProblem]:
    try:
        with os.scandir(folder or ".") as listing:
            entries = [(entry.name, _is_folder(entry)) for entry in listing]
    except OSError as exc:
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
            yield _unreadable_folder(folder, exc)
        return
    for name, is_folder in entries:
        hidden = name.startswith(".") and not part.startswith(".")
        if not hidden and (is_folder or want_files) and fnmatch(name, part):
            yield os.path.join(folder, name)


def _glob(pattern: str) -> Iterator[str | SourceProblem]:
    """What a quoted glob names, like glob.glob(recursive=True) but ending on symlink loops."""
    anchor = os.sep if pattern.startswith(os.sep) else ""
    parts = [part for part in pattern.split(os.sep) if part]
    current = [anchor]
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        following: list[str] = []
        for folder in current:
            if part == "**":  # this folder and every one below, with their files when nothing follows
                for item in _folders(folder):
                    if isinstance(item, SourceProblem):
                        yield item
                        continue
                    following.append(item[0])
                    following += [os.path.join(item[0], name) for name in item[1]] if last else []
            elif any(ch in part for ch in _GLOB_CHARS):
                for matched in _matches_in(folder, part, want_files=last):
                    if isinstance(matched, SourceProblem):
                        yield matched
                    else:
                        following.append(matched)
            else:
                candidate = os.path.join(folder, part)
                if os.path.lexists(candidate) if last else os.path.isdir(candidate):
                    following.append(candidate)
        current = following
    yield from sorted(set(current) - {""})


def _expand_one(raw: str, include: str | None) -> Iterator[Target | SourceProblem]:
    if raw == STDIN_NAME:
        yield Target("<stdin>")
        return
    shown = printable_name(raw)
    path = Path(raw).expanduser()
    try:
        info = os.stat(path)
    except OSError as exc:
        info, error = None, exc
    if info is not None and stat.S_ISDIR(info.st_mode):
        yield from _folder_targets(path, include)
    elif info is not None or os.path.islink(path):
        yield Target(shown, path)  # a broken link: reading it says so
    elif any(ch in raw for ch in _GLOB_CHARS):
        matches = list(_glob(str(path)))
        if not any(isinstance(item, str) for item in matches):
            yield SourceProblem(shown, "no file matches this pattern")
        for match in matches:
            if isinstance(match, SourceProblem):
                yield match
            elif os.path.isdir(match):
                yield from _expand_one(match, include)
            else:
                yield Target(printable_name(match), Path(match))
    elif error.errno in (errno.ENOENT, errno.ENOTDIR):
        yield SourceProblem(shown, "no such file or directory")
    else:
        yield SourceProblem(shown, os_reason(error))  # "locked/a.txt" under a folder we may not enter


def _real_path(path: Path, real_folders: dict[str, str]) -> str:
    """os.path.realpath(path), each folder resolved once: realpath looks at every folder on the way
    for each file, and a folder of articles holds thousands."""
    if os.path.basename(path) in ("", ".", "..") or os.path.islink(path):
        return os.path.realpath(path)
    folder = os.path.dirname(path)
    real = real_folders.get(folder)
    if real is None:
        real = real_folders[folder] = os.path.realpath(folder)
    return os.path.join(real, os.path.basename(path))


def expand_paths(paths: Sequence[str], include: str | None = None) -> Iterator[Target | SourceProblem]:
    """Every file to read, once each, in the order named (folders and globs sorted)."""
    seen: set[str] = set()
    real_folders: dict[str, str] = {}
    for raw in paths:
        for item in guarded(printable_name(raw), _expand_one(raw, include)):
            if isinstance(item, Target) and item.path is not None:
                key = _real_path(item.path, real_folders)
                if key in seen:
                    continue
                seen.add(key)
            yield item
