"""Throughput of the whole pipeline: read, extract, and ingest into a fresh database.

    python3 benchmarks/bench_pipeline.py fixtures/            # any folder, file or JSON Lines
    python3 benchmarks/bench_pipeline.py articles.jsonl --repeat 1 --db postgresql+psycopg://...

Prints the one-off time to compile the patterns, MB/s and claims/s for extraction alone
and for ingest (extraction plus storage), and the peak resident memory. Measures; asserts
nothing. Small inputs are repeated (each copy made distinct, so ingest cannot skip it as
already stored) until there is at least --min-mb of text.
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims.extract.extractor import extract_claims  # noqa: E402
from claims.lang.detect import detect_language  # noqa: E402
from claims.numbers.parse import matching_copy  # noqa: E402
from claims.pipeline.ingest import ingest_articles  # noqa: E402
from claims.sources import read_articles  # noqa: E402
from claims.sources.article import SourceArticle  # noqa: E402
from claims.store.database import open_store  # noqa: E402


def load(paths: list[str], min_mb: float) -> list[SourceArticle]:
    base = [a for a in read_articles(paths) if isinstance(a, SourceArticle)]
    if not base:
        sys.exit("no readable articles in " + " ".join(paths))
    size = sum(len(a.text.encode()) for a in base)
    copies = max(1, int(min_mb * 1e6 / size) + 1)
    articles = []
    for i in range(copies):
        for a in base:
            # A distinct final line makes each copy a new article for the content hash.
            articles.append(
                dataclasses.replace(a, text=f"{a.text}\n(copy {i})", lang=a.lang or detect_language(a.text))
            )
    return articles


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--min-mb", type=float, default=4.0, help="repeat small inputs up to this much text")
    parser.add_argument("--db", help="database URL for the ingest run (default: a temporary SQLite file)")
    args = parser.parse_args()

    articles = load(args.paths, args.min_mb)
    megabytes = sum(len(a.text.encode()) for a in articles) / 1e6
    print(f"input: {len(articles)} articles, {megabytes:.2f} MB")

    # The first article of each language compiles its patterns: a cost paid once per process; a text
    # with runs of spaces needs a variant of its own (ExtractLexicon.for_text), compiled on first use too.
    started = time.perf_counter()
    firsts = {(a.lang, "  " in matching_copy(a.text)): a for a in reversed(articles)}
    for article in firsts.values():
        extract_claims(article.text, article.lang, published=article.published, tail_start=article.tail_start)
    variants = ", ".join(f"{lang}{' with runs of spaces' if spaced else ''}" for lang, spaced in sorted(firsts))
    print(f"startup: {time.perf_counter() - started:6.2f} s to compile the patterns ({variants})")

    started = time.perf_counter()
    claims = sum(len(extract_claims(a.text, a.lang, published=a.published, tail_start=a.tail_start)) for a in articles)
    elapsed = time.perf_counter() - started
    print(
        f"extract: {megabytes / elapsed:6.2f} MB/s  {claims / elapsed:9.0f} claims/s  "
        f"({claims} claims in {elapsed:.2f} s)"
    )

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(args.db or f"sqlite:///{folder}/bench.db")
        started = time.perf_counter()
        result = ingest_articles(store, articles)
        elapsed = time.perf_counter() - started
        store.dispose()
    print(
        f"ingest:  {megabytes / elapsed:6.2f} MB/s  {result.claims_stored / elapsed:9.0f} claims/s  "
        f"({len(result.stored)} articles in {elapsed:.2f} s, one transaction each)"
    )
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
