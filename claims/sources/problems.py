"""Why an input could not be read, in one line, and names that are safe to print and store.

Whatever goes wrong while one input is read, even a bug of ours, becomes a
SourceProblem for that input alone: what was read before it is kept and the
batch goes on.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from typing import TypeVar

import regex

from claims.errors import InputError
from claims.sources.article import SourceProblem

_REASON_MAX = 300
# Control characters, bidi controls and the lone surrogates that stand for undecodable
# bytes in a file name: a terminal would obey them, a database would refuse them.
_UNPRINTABLE = regex.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_WHITESPACE = regex.compile(r"\s+")

T = TypeVar("T")


class ArticleRefused(InputError):
    """An input that was read but cannot be used; the message is the reason, without the origin."""


def printable_name(name: str) -> str:
    """A file name as it can be shown and stored: invisible characters written as escapes.

    Names without such characters (all but hostile ones) come back unchanged, so the
    stored path still opens the file; a byte that was not UTF-8 shows as "\\xff".
    """
    # Each of those characters is unprintable: most names pass this first test alone, at no pattern call.
    if name.isprintable() or _UNPRINTABLE.search(name, timeout=1) is None:
        return name
    return _UNPRINTABLE.sub(_escape, name, timeout=1)


def _escape(match: regex.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape's stand-in for an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot read: permission denied"
    if exc.errno == errno.EISDIR:
        return "is a folder"
    if exc.errno == errno.ELOOP:
        return "cannot read: too many levels of symbolic links"
    return f"cannot read: {(exc.strerror or type(exc).__name__).lower()}"


def one_line(text: str) -> str:
    line = printable_name(_WHITESPACE.sub(" ", text, timeout=1).strip())
    return line if len(line) <= _REASON_MAX else line[: _REASON_MAX - 1] + "…"


def problem_from_exception(origin: str, exc: Exception) -> SourceProblem:
    """The one-line problem an exception raised while reading `origin` stands for."""
    if isinstance(exc, InputError):
        reason = str(exc)
    elif isinstance(exc, OSError):
        reason = os_reason(exc)
    elif isinstance(exc, RecursionError):
        reason = "nested too deeply to read"
    elif isinstance(exc, TimeoutError):
        reason = "took too long to read (the text defeats our patterns; please report it)"
    elif isinstance(exc, MemoryError):
        reason = "too large to read in memory (lower --max-bytes)"
    else:  # a bug of ours: name it so it can be reported, but keep the batch going
        reason = f"cannot read: unexpected {type(exc).__name__}: {exc} (please report this)"
    return SourceProblem(origin, one_line(reason))


def guarded(origin: str, items: Iterator[T]) -> Iterator[T | SourceProblem]:
    """`items`, then, if reading them fails, one problem for `origin` instead of an exception."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - any failure of one input must not end the batch
        yield problem_from_exception(origin, exc)
