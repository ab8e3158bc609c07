"""Compiled patterns kept between runs: loaded instead of parsed, and never trusted blindly."""

from __future__ import annotations

import os
import pickle

import pytest
import regex

from claims.text import pattern_cache
from claims.text.pattern_cache import CACHE_ENV, compile_cached

PATTERN = r"(?<![\p{L}])(?P<qual>khoảng|hơn|gần)[ ]+(?P<n>[0-9][0-9.,]*)[ ]+(?P<unit>người|tỷ đồng)"
TEXT = "Có khoảng 2.500 người và hơn 12 tỷ đồng"


def spans(pattern: regex.Pattern) -> list[tuple]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(TEXT, timeout=1)]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache" / "patterns"


def cached_files(cache) -> list:
    return sorted(cache.glob("*.pickle")) if cache.exists() else []


def test_second_compile_loads_the_pattern_instead_of_parsing_it(cache, monkeypatch):
    first = compile_cached(PATTERN, regex.IGNORECASE)
    assert len(cached_files(cache)) == 1

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("the pattern was parsed again")

    monkeypatch.setattr(regex, "compile", no_parsing)
    second = compile_cached(PATTERN, regex.IGNORECASE)
    assert second is not first
    assert spans(second) == spans(first)
    assert (second.pattern, second.flags, second.groupindex) == (first.pattern, first.flags, first.groupindex)


def test_flags_and_patterns_have_files_of_their_own(cache):
    compile_cached(PATTERN)
    compile_cached(PATTERN, regex.IGNORECASE)
    compile_cached(PATTERN + "?")
    assert len(cached_files(cache)) == 3
    assert spans(compile_cached(PATTERN)) == spans(regex.compile(PATTERN))


def test_damaged_file_is_compiled_again_and_replaced(cache):
    compile_cached(PATTERN)
    [path] = cached_files(cache)
    path.write_bytes(path.read_bytes()[:40])
    assert spans(compile_cached(PATTERN)) == spans(regex.compile(PATTERN))
    assert isinstance(pickle.loads(path.read_bytes()), regex.Pattern)


def test_file_that_would_call_anything_but_the_pattern_engine_is_refused(cache, tmp_path):
    compile_cached(PATTERN)
    [path] = cached_files(cache)
    marker = tmp_path / "ran"

    class Planted:
        def __reduce__(self):
            return (os.mkdir, (str(marker),))

    path.write_bytes(pickle.dumps(Planted()))
    assert spans(compile_cached(PATTERN)) == spans(regex.compile(PATTERN))
    assert not marker.exists()


def test_file_holding_another_pattern_is_not_used(cache):
    compile_cached(PATTERN)
    [path] = cached_files(cache)
    path.write_bytes(pickle.dumps(regex.compile("khoảng")))
    assert compile_cached(PATTERN).pattern == PATTERN


def test_empty_setting_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert spans(compile_cached(PATTERN)) == spans(regex.compile(PATTERN))
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_written_still_gives_the_pattern(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker))
    assert spans(compile_cached(PATTERN)) == spans(regex.compile(PATTERN))


def test_the_oldest_files_go_when_the_cache_is_full(cache, monkeypatch):
    monkeypatch.setattr(pattern_cache, "_MAX_FILES", 3)
    patterns = [f"{PATTERN}{{0,{i + 1}}}" for i in range(5)]
    for age, pattern in enumerate(patterns):
        before = set(cached_files(cache))
        compile_cached(pattern)
        [new] = set(cached_files(cache)) - before
        os.utime(new, (age * 1000, age * 1000))  # written in this order, long ago
    kept = {pickle.loads(path.read_bytes()).pattern for path in cached_files(cache)}
    assert kept == set(patterns[2:])
