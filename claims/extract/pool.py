"""Extraction in worker processes, handed back in input order: `--jobs` of extract, ingest and audit.

    for item, extracted in extract_in_order(read_articles(paths), wanted=is_article, jobs=4):
        ...  # extracted: ArticleClaims, ExtractionFailed, or None for an item not wanted

Articles go out in chunks, a few chunks per worker at a time, so a large archive is never
read ahead whole; results come back in the order the items were read, so whatever the
caller does with them (print, store, group into stories) happens as with one process.
An input that fits in one chunk is extracted in this process: no worker is worth starting.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain
from multiprocessing import forkserver
from multiprocessing.context import BaseContext
from typing import TypeVar, cast

from claims.errors import ClaimsError
from claims.lang import load_pack

from .article import ArticleClaims, ExtractionFailed, ReadArticle, _one_line, extract_article
from .claim import Claim

T = TypeVar("T")
Extracted = ArticleClaims | ExtractionFailed
Extract = Callable[[ReadArticle, str | None], Extracted]

# A chunk is tens of milliseconds of extraction: long enough that sending it costs little in
# comparison, short enough that the last chunks do not leave a worker idle for long.
CHUNK_CHARS = 64_000
# Items per chunk whatever their size: a run of articles already stored (nothing to extract)
# must not grow one chunk without end.
CHUNK_ITEMS = 64
# Chunks sent per worker before the oldest is waited for: one running, one queued behind it.
IN_FLIGHT_PER_JOB = 2
CRASHED = "extraction failed: the process extracting it stopped abruptly (killed, or out of memory)"


def default_jobs() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def extract_in_order(
    items: Iterable[T],
    *,
    wanted: Callable[[T], bool],
    lang: str | None = None,
    jobs: int = 1,
    extract: Extract = extract_article,
) -> Iterator[tuple[T, Extracted | None]]:
    """Each item with the extraction of it, in input order; None for the items `wanted` refuses.

    `wanted` is asked in this process as each item is read (it may look at a database).
    With `jobs` 1 everything runs here, one item after the other. A ClaimsError (an
    unreadable lexicon) is raised when its article's turn comes, as with one process; an
    article whose worker dies is retried alone, and named as failed if it kills that one too.
    `extract` runs in the workers: a function they can import (not a lambda or a closure).
    """
    if jobs <= 1:
        for item in items:
            yield item, extract(_article(item), lang) if wanted(item) else None
        return
    chunks = _chunks(items, wanted)
    first = next(chunks, None)
    second = next(chunks, None) if first is not None else None
    if second is None:
        for item, want in first or ():
            yield item, extract(_article(item), lang) if want else None
        return
    assert first is not None  # a second chunk comes after a first
    with _Workers(jobs, lang, extract) as workers:
        window: deque[_Sent] = deque()
        for chunk in chain((first, second), chunks):
            window.append(workers.send(chunk))
            if len(window) >= jobs * IN_FLIGHT_PER_JOB:
                yield from workers.receive(window.popleft())
        while window:
            yield from workers.receive(window.popleft())


def _article(item: object) -> ReadArticle:
    """An item `wanted` accepted: an article (the type checker cannot know it from a bool)."""
    return cast(ReadArticle, item)


def _chunks(items: Iterable[T], wanted: Callable[[T], bool]) -> Iterator[list[tuple[T, bool]]]:
    chunk: list[tuple[T, bool]] = []
    chars = 0
    for item in items:
        want = bool(wanted(item))
        chunk.append((item, want))
        chars += len(_article(item).text) if want else 0
        if chars >= CHUNK_CHARS or len(chunk) >= CHUNK_ITEMS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


@dataclass(slots=True)
class _Sent:
    chunk: list
    future: Future | None  # None when nothing in the chunk is wanted
    executor: ProcessPoolExecutor | None


def _extract_chunk(articles: list, lang: str | None, extract: Extract) -> list:
    """In a worker: each article's (language, claims), ExtractionFailed, or the ClaimsError it raised.

    The language pack stays behind: the caller's process has its own, and it is large to send.
    """
    results: list[ExtractionFailed | tuple[str, list[Claim]] | ClaimsError] = []
    for article in articles:
        try:
            extracted = extract(article, lang)
        except ClaimsError as exc:
            results.append(exc)  # raised by the caller when this article's turn comes, not before
            continue
        results.append(extracted if isinstance(extracted, ExtractionFailed) else (extracted.lang, extracted.claims))
    return results


def _start_worker(environment: dict[str, str]) -> None:
    # A forkserver's workers inherit the environment of the moment it started; lexicon paths
    # and the pattern cache folder are read from the caller's environment as it is now.
    os.environ.clear()
    os.environ.update(environment)
    # Ctrl-C is the caller's to handle: it stops sending chunks and lets the running ones end.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _executor(workers: int) -> ProcessPoolExecutor:
    # Not fork: the caller may run threads (the progress bar's, a web server's), and a child
    # forked while one of them holds a lock (stderr's, the logging module's) can wait on it for
    # ever. The fork server is one fresh single-threaded process with the extraction modules
    # imported once; each worker forks from it, loads its language packs on its first article
    # and keeps them, with the compiled patterns read from the cache (claims.text.pattern_cache).
    context = process_context()
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(dict(os.environ),))


def process_context() -> BaseContext:
    """The fork server, started with this module imported (spawn where there is none: Windows)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    # Python 3.11 starts the server as `python -c ...`, which puts the working folder first on its
    # path and ignores ours: run from a folder holding another "claims" (a source checkout of
    # another version), the workers would import that one. PYTHONSAFEPATH leaves the folder out.
    saved = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        forkserver.ensure_running()
    finally:
        if saved is None:
            del os.environ["PYTHONSAFEPATH"]
        else:
            os.environ["PYTHONSAFEPATH"] = saved
    return context


class _Workers:
    """The pool, replaced when a process of it dies, and a single worker that retries alone
    the articles of a chunk that failed, so the one at fault is named and no other."""

    def __init__(self, jobs: int, lang: str | None, extract: Extract):
        self.jobs, self.lang, self.extract = jobs, lang, extract
        self.pool: ProcessPoolExecutor | None = None
        self.alone: ProcessPoolExecutor | None = None

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc_info) -> None:
        for executor in (self.pool, self.alone):
            if executor is not None:
                executor.shutdown(wait=True, cancel_futures=True)

    def send(self, chunk: list[tuple[T, bool]]) -> _Sent:
        articles = [item for item, want in chunk if want]
        if not articles:
            return _Sent(chunk, None, None)
        if self.pool is None:
            self.pool = _executor(self.jobs)
        try:
            future = self.pool.submit(_extract_chunk, articles, self.lang, self.extract)
        except BrokenProcessPool:
            # A chunk sent earlier killed a worker (its own turn will name it): this one goes to a new pool.
            self._drop_pool(self.pool)
            self.pool = _executor(self.jobs)
            future = self.pool.submit(_extract_chunk, articles, self.lang, self.extract)
        return _Sent(chunk, future, self.pool)

    def receive(self, sent: _Sent) -> Iterator[tuple[T, Extracted | None]]:
        if sent.future is None:
            yield from ((item, None) for item, _ in sent.chunk)
            return
        try:
            results = sent.future.result()
        except BrokenProcessPool:
            self._drop_pool(sent.executor)
            results = None
        except Exception:  # noqa: BLE001 - a result that could not be sent back: the articles are tried alone
            results = None
        wanted = iter(results) if results is not None else None
        for item, want in sent.chunk:
            if not want:
                yield item, None
                continue
            result = next(wanted) if wanted is not None else self._retry_alone(item)
            yield item, self._received(result)

    def _retry_alone(self, article):
        if self.alone is None:
            self.alone = _executor(1)
        try:
            return self.alone.submit(_extract_chunk, [article], self.lang, self.extract).result()[0]
        except BrokenProcessPool:
            # The worker had this article alone: it is the one at fault.
            self.alone.shutdown(wait=False, cancel_futures=True)
            self.alone = None
            return ExtractionFailed(article.origin, CRASHED)
        except Exception as exc:  # noqa: BLE001 - e.g. claims that cannot be sent back
            return ExtractionFailed(article.origin, _one_line(f"extraction failed: {type(exc).__name__}: {exc}"))

    def _received(self, result) -> Extracted:
        if isinstance(result, ClaimsError):
            raise result
        if isinstance(result, ExtractionFailed):
            return result
        code, claims = result
        return ArticleClaims(code, load_pack(code), claims)

    def _drop_pool(self, executor: ProcessPoolExecutor | None) -> None:
        if executor is not None and executor is self.pool:
            executor.shutdown(wait=False, cancel_futures=True)
            self.pool = None
