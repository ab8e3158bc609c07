"""Throughput of parse_numbers and extract_claims on one core, on Vietnamese or English news text.

    python3 benchmarks/bench_extract.py                       # the bundled Vietnamese fixtures
    python3 benchmarks/bench_extract.py --lang en
    python3 benchmarks/bench_extract.py path/to/articles/ --min-mb 20

The articles are joined (blank lines between) into documents of about --article-kb,
the size of a typical news article, repeated up to --min-mb; each stage then runs
document by document, best of --repeat runs. Prints
MB/s (UTF-8 bytes), mentions or claims per second, and peak RSS. Asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims import extract_claims, parse_numbers  # noqa: E402
from claims.lang import languages, load_pack  # noqa: E402
from claims.lang.detect import detect_language  # noqa: E402
from claims.sources import SourceArticle, read_articles  # noqa: E402


def corpus(paths: list[str], lang: str, min_mb: float, article_kb: float) -> list[str]:
    texts = [a.text for a in read_articles(paths) if isinstance(a, SourceArticle)]
    texts = [t for t in texts if detect_language(t) == lang]
    if not texts:
        sys.exit(f"no {lang} articles in {' '.join(paths)}")
    documents, current = [], []
    target = article_kb * 1000
    while sum(len(d.encode()) for d in documents) < min_mb * 1e6:
        for text in texts:
            current.append(text)
            if sum(len(t.encode()) for t in current) >= target:
                documents.append("\n\n".join(current))
                current = []
    return documents


def best_of(repeat: int, run) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        count = run()
        best = min(best, time.perf_counter() - started)
    return best, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "fixtures")])
    parser.add_argument("--lang", default="vi", choices=languages())
    parser.add_argument("--min-mb", type=float, default=8.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--article-kb", type=float, default=6.0)
    args = parser.parse_args()

    texts = corpus(args.paths, args.lang, args.min_mb, args.article_kb)
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    pack = load_pack(args.lang)
    parse_numbers(texts[0], pack=pack)  # compile the patterns outside the timing
    extract_claims(texts[0], pack=pack)
    print(f"input: {len(texts)} {args.lang} documents of about {args.article_kb:g} KB, {megabytes:.2f} MB")

    seconds, mentions = best_of(args.repeat, lambda: sum(len(parse_numbers(t, pack=pack)) for t in texts))
    print(
        f"parse_numbers:  {megabytes / seconds:6.1f} MB/s  {mentions / seconds:9.0f} mentions/s  "
        f"({mentions} in {seconds:.2f} s)"
    )
    seconds, claims = best_of(args.repeat, lambda: sum(len(extract_claims(t, pack=pack)) for t in texts))
    print(
        f"extract_claims: {megabytes / seconds:6.1f} MB/s  {claims / seconds:9.0f} claims/s  "
        f"({claims} in {seconds:.2f} s)"
    )
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
