"""Compiled patterns kept between runs, so that start-up does not grow with the lexicons.

The regex module parses a pattern in Python: the extraction lexicon's tries of the
gazetteer, tens of thousands of characters each, took over a second to compile, more
than reading a folder of news. A compiled pattern pickles as the engine's code, not its
source (the regex module registers that itself), and loads in milliseconds. A file is
named by a hash of the pattern, its flags, the regex release and the Python that made
it, and holds nothing but the call that rebuilds the pattern: any other content, a
damaged file or a folder we cannot write means the pattern is compiled as usual.
CLAIMS_CACHE_DIR names the folder; empty, it turns the cache off.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import os
import pickle
import sys
import tempfile
from pathlib import Path

import regex

CACHE_ENV = "CLAIMS_CACHE_DIR"
# Enough for every lexicon variant of a few user lexicons; the oldest files go first.
_MAX_FILES = 400
# What a pickled pattern calls to rebuild itself (as the regex module registered it), and the
# only thing a cache file may call.
_rebuild = copyreg.dispatch_table[regex.Pattern](regex.compile(""))[0]
assert not isinstance(_rebuild, str)  # a reduction is (the callable, its arguments); a name only for globals
_REBUILD = (_rebuild.__module__, _rebuild.__name__)


class _PatternOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) != _REBUILD:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a pattern cache file")
        return super().find_class(module, name)


def cache_folder() -> Path | None:
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured, "patterns") if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "claims", "patterns")


def _file_name(pattern: str, flags: int) -> str:
    key = "\0".join((regex.__version__, sys.version, str(int(flags)), pattern))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest() + ".pickle"


def compile_cached(pattern: str, flags: int = 0) -> regex.Pattern:
    """regex.compile(pattern, flags), read from the cache when an earlier run compiled it."""
    folder = cache_folder()
    if folder is None:
        return regex.compile(pattern, flags)
    path = folder / _file_name(pattern, flags)
    found = _load(path, pattern)
    if found is not None:
        return found
    compiled = regex.compile(pattern, flags)
    _store(folder, path, compiled)
    return compiled


def _load(path: Path, pattern: str) -> regex.Pattern | None:
    try:
        data = path.read_bytes()
        found = _PatternOnly(io.BytesIO(data)).load()
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged or foreign file is compiled afresh, and replaced
        return None
    return found if isinstance(found, regex.Pattern) and found.pattern == pattern else None


def _store(folder: Path, path: Path, compiled: regex.Pattern) -> None:
    # Written whole, then renamed: a run reading at the same time sees the old file or the new one.
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(compiled, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        _prune(folder)
    except OSError:
        return  # a read-only home or a full disk: the next run compiles again


def _prune(folder: Path) -> None:
    files = list(folder.glob("*.pickle"))
    if len(files) <= _MAX_FILES:
        return
    by_age = sorted(files, key=lambda f: f.stat().st_mtime)
    for old in by_age[: len(files) - _MAX_FILES]:
        old.unlink(missing_ok=True)
