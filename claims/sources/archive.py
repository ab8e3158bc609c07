"""A JSON Lines file read line by line: an archive of any size, held one line at a time.

The size cap applies to each line (one article), not to the file: a newsroom's archive of
40,000 articles is one file of 140 MB. What the whole-file reader does to a file's bytes
(UTF-8 with damaged bytes named by line and byte offset, the 8-bit encodings, mojibake and
legacy-font repair) is done to each line. A file in UTF-16 or UTF-32 cannot be split into
lines as bytes: the caller reads it whole, within the cap.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

from claims.sources.article import SourceArticle, SourceProblem
from claims.sources.jsonlines import read_json_lines
from claims.text.decode import BINARY_REASON, decode_line, looks_binary

Item = SourceArticle | SourceProblem

# Enough of the head to tell UTF-16 (a BOM, or zero bytes among ASCII) and binary content apart.
_SNIFF_BYTES = 8192
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SKIP_CHUNK = 1 << 20


def splits_into_lines(head: bytes) -> bool:
    """Whether a file starting with `head` can be read line by line as bytes (not UTF-16 or UTF-32)."""
    return not head.startswith(_WIDE_BOMS) and b"\x00" not in head


def read_json_lines_file(path: Path, origin: str, shown: str | None, max_bytes: int, too_long: str) -> Iterator[Item]:
    """Every record of a JSON Lines file, in order; origins are "file:LINE". A line over
    `max_bytes` is refused with `too_long` as its reason and the next line is read."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
        if looks_binary(head):
            yield SourceProblem(origin, BINARY_REASON)
            return
        utf8 = _utf8(head)
        handle.seek(0)
        number = offset = 0
        any_text = False
        while raw := handle.readline(max_bytes + 1):
            number += 1
            start, offset = offset, offset + len(raw)
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                offset += _skip_rest_of_line(handle)
                any_text = True
                yield SourceProblem(f"{origin}:{number}", too_long)
                continue
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw, start = raw[len(codecs.BOM_UTF8) :], start + len(codecs.BOM_UTF8)
            if not raw.strip():
                continue
            any_text = True
            decoded = decode_line(raw.rstrip(b"\r\n"), line=number, offset=start, utf8=utf8)
            for item in read_json_lines(decoded.text, origin=origin, path=shown, first_line=number):
                if isinstance(item, SourceArticle):
                    item.encoding = decoded.encoding
                    item.warnings[:0] = [damage.reason for damage in decoded.damage]
                yield item
    if not any_text:
        yield SourceProblem(origin, "empty file")


def _utf8(head: bytes) -> bool:
    """Whether the file's head is UTF-8 (a character cut by the end of the sample aside)."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3 and exc.reason == "unexpected end of data"
    return True


def _skip_rest_of_line(handle) -> int:
    """Read past the rest of an overlong line, a chunk at a time; the bytes skipped."""
    skipped = 0
    while chunk := handle.readline(_SKIP_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped
