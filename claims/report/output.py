"""Writing a report file: never over something that is not a report of ours, never half-written."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from claims.errors import InputError

from .claimreview import GENERATOR_MARK as CLAIMREVIEW_MARK
from .delimited import DISCREPANCY_CSV_COLUMNS
from .html import GENERATOR_MARK as HTML_MARK
from .jsonout import GENERATOR_MARK as JSON_MARK
from .markdown import GENERATOR_MARK as MARKDOWN_MARK

SQLITE_HEADER = b"SQLite format 3\x00"
# Every mark stands in the first lines of its format; the CSV header is its own mark.
_HEAD_BYTES = 4096
_CSV_HEADER = ",".join(DISCREPANCY_CSV_COLUMNS).encode()
_MARKS = tuple(mark.encode() for mark in (HTML_MARK, JSON_MARK, MARKDOWN_MARK, CLAIMREVIEW_MARK))


STDOUT = "-"
# The format a report file's name asks for; any other extension leaves the choice to --format (html).
FORMAT_OF_EXTENSION = {
    ".csv": "csv",
    ".json": "json",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonld": "claimreview",
}
DEFAULT_FORMAT = "html"


def report_format(path: Path, fmt: str | None) -> str:
    """The format to write: --format when given, else the one the extension names, else html.
    A format that contradicts the extension ("-o report.csv --format html") is refused."""
    implied = None if str(path) == STDOUT else FORMAT_OF_EXTENSION.get(path.suffix.lower())
    if fmt is not None and implied is not None and fmt != implied:
        raise InputError(f"{path}: the extension says {implied} but --format says {fmt}; change one of them")
    return fmt or implied or DEFAULT_FORMAT


def is_our_report(head: bytes) -> bool:
    """Whether a file starting with `head` is a report `claims report` wrote, in any format."""
    head = head.removeprefix(codecs.BOM_UTF8)
    return head.startswith(_CSV_HEADER) or any(mark in head for mark in _MARKS)


def _describe(head: bytes) -> str:
    if head.startswith(SQLITE_HEADER):
        return "a SQLite database"
    return "not a report written by claims"


def _reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


def check_overwritable(path: Path, force: bool) -> None:
    """Raise InputError unless `path` is free to write: missing, empty, one of our reports, or forced."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(f"{path}: cannot write the report ({_reason(exc)})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a folder; give a file name for the report")
    if force or not stat.S_ISREG(info.st_mode) or info.st_size == 0:
        # Not a regular file: a pipe or a device such as /dev/stdout, nothing to lose.
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError as exc:
        raise InputError(
            f"{path}: exists and cannot be read to check it is a report ({_reason(exc)}); use --force to overwrite it"
        ) from exc
    if not is_our_report(head):
        raise InputError(f"{path}: exists and is {_describe(head)}; not overwritten (use --force to replace it)")


def write_report(path: Path, body: str, force: bool = False) -> None:
    """Write `body` to `path` whole or not at all: a temporary file beside it, then one rename."""
    check_overwritable(path, force)
    try:
        info = path.stat()
    except OSError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_in_place(path, body)
        return
    # Through a symlink, the file it points to is replaced, not the link.
    target = Path(os.path.realpath(path))
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        # 0o666 less the umask, as for any new file; an existing report keeps its own mode.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(body)
        if info is not None:
            os.chmod(temporary, stat.S_IMODE(info.st_mode))
        os.replace(temporary, target)
    except OSError as exc:
        try:
            temporary.unlink()
        except OSError:
            pass
        raise InputError(f"{path}: cannot write the report ({_reason(exc)})") from exc


def _write_in_place(path: Path, body: str) -> None:
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(body)
    except OSError as exc:
        raise InputError(f"{path}: cannot write the report ({_reason(exc)})") from exc
