"""Story grouping on real coverage and at scale. Prints figures, asserts nothing.

    python3 benchmarks/bench_grouping.py mds DIR [DIR ...]    # pairwise precision/recall against DIR/clusters.tsv
    python3 benchmarks/bench_grouping.py unrelated DIR        # stories of several articles among 300 unrelated ones
    python3 benchmarks/bench_grouping.py scale [--articles N] # grouping time on N synthetic articles, one core

`mds` takes folders written by benchmarks/mds_to_txt.py (the VietnameseMDS clusters, with and
without dates): it runs `claims ingest DIR` as a process into a fresh SQLite file, reads
`claims stories -f jsonl` back, and scores every pair of articles: a pair is right when both
articles are in one gold cluster and one story. `--shuffle SEED` ingests the files in a seeded
random order instead of by name (by name, the articles of a cluster arrive together).

`unrelated` ingests a sample of single-outlet articles on many topics (the CP_Vietnamese-UNC
Dân Trí articles written by benchmarks/unc_to_txt.py): `unrelated_sample` draws 300 files, by
name, with a fixed seed. It prints every story that holds several of them, to be read: a few
may genuinely report one event.

`scale` times what ingest does to group an article (signature, weighing against the archive,
the term-index lookup, the story decision, the article row and its index rows, one transaction
per batch of articles as `claims ingest` commits them), without extraction, on synthetic
articles: a Zipf-distributed vocabulary of 200,000 words, and events of one to five articles
that share a few rare words.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

UNRELATED_SEED = 14
UNRELATED_COUNT = 300


def unrelated_sample(folder: Path, count: int = UNRELATED_COUNT, seed: int = UNRELATED_SEED) -> list[Path]:
    """The articles of the unrelated check: `count` files drawn by name with a fixed seed."""
    files = sorted(p for p in folder.glob("*.txt"))
    return sorted(random.Random(seed).sample(files, min(count, len(files))))


def _claims(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claims.cli", *args], capture_output=True, text=True)


def _ingest(paths: list[str], db: str) -> float:
    started = time.perf_counter()
    done = _claims("ingest", *paths, "--include", "*.txt", "--db", db)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    return time.perf_counter() - started


def _stories(db: str) -> list[dict]:
    done = _claims("stories", "--db", db, "-f", "jsonl")
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def _pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
    return {(a, b) for a, b in itertools.combinations(sorted(labels), 2) if labels[a] == labels[b]}


def score_grouping(gold: dict[str, str], found: dict[str, int]) -> tuple[float, float, int, int, int]:
    """Pairwise precision and recall of `found` (file -> story) against `gold` (file -> cluster)."""
    expected = _pairs(gold)
    made = _pairs({k: str(v) for k, v in found.items() if k in gold})
    right = len(expected & made)
    return right / max(1, len(made)), right / max(1, len(expected)), len(expected), len(made), right


def bench_mds(folder: Path, shuffle: int | None) -> None:
    gold = dict(line.split("\t") for line in (folder / "clusters.tsv").read_text(encoding="utf-8").splitlines()[1:])
    paths = sorted(str(folder / name) for name in gold)
    if shuffle is not None:
        random.Random(shuffle).shuffle(paths)
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/claims.db"
        seconds = _ingest(paths, db)
        found = {os.path.basename(a["path"]): s["id"] for s in _stories(db) for a in s["articles"]}
    precision, recall, expected, made, right = score_grouping(gold, found)
    order = f"shuffled (seed {shuffle})" if shuffle is not None else "by name"
    print(
        f"{folder}: {len(gold)} articles, {len(set(gold.values()))} clusters, ingested {order} in {seconds:.1f} s; "
        f"gold pairs {expected}, grouped pairs {made}, right {right}: precision {precision:.3f}, recall {recall:.3f}"
    )


def bench_unrelated(folder: Path) -> None:
    sample = unrelated_sample(folder)
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/claims.db"
        _ingest([str(p) for p in sample], db)
        stories = _stories(db)
    several = [s for s in stories if len(s["articles"]) > 1]
    print(
        f"{len(sample)} articles (seed {UNRELATED_SEED}) -> {len(stories)} stories, {len(several)} of several articles"
    )
    for story in several:
        print(f"  story {story['id']}: {', '.join(story.get('why') or [])}")
        for article in story["articles"]:
            print(f"    {os.path.basename(article['path'] or '')}: {article['title']}")


def _synthetic(count: int, seed: int = 1):
    """(title, lead, date) of synthetic articles: events of 1-5 articles over a Zipf vocabulary."""
    rng = random.Random(seed)
    vocabulary = [f"t{n}" for n in range(200_000)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    cumulative = list(itertools.accumulate(weights))
    made = 0
    day = 0
    while made < count:
        event = rng.choices(vocabulary[5_000:], k=8)
        day += rng.random() < 0.01
        for _ in range(min(rng.randint(1, 5), count - made)):
            words = rng.choices(vocabulary, cum_weights=cumulative, k=150) + rng.sample(event, 5)
            rng.shuffle(words)
            title = " ".join(rng.sample(event, 3) + words[:5])
            yield title, " ".join(words), f"2024-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}"
            made += 1


def bench_scale(count: int) -> None:
    from claims.lang import load_pack
    from claims.pipeline.ingest import ARTICLES_PER_COMMIT
    from claims.sources import article_from_text
    from claims.store.database import open_store
    from claims.store.ingest import ArticleWrite, write_articles
    from claims.store.stories import TermCounts, signature

    pack = load_pack("vi")
    articles = [
        article_from_text(f"title: {title}\ndate: {day}\n\n{lead}", origin=f"s{n}")
        for n, (title, lead, day) in enumerate(_synthetic(count))
    ]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/claims.db")
        started = time.process_time()
        wall = time.perf_counter()
        signed = 0.0
        batch: list = []
        counts = TermCounts()
        for n, article in enumerate(articles, 1):
            before = time.process_time()
            terms = signature(article.title, article.text, pack)
            signed += time.process_time() - before
            batch.append(ArticleWrite(article, "vi", [], terms, None, []))
            if len(batch) == ARTICLES_PER_COMMIT or n == len(articles):
                write_articles(store, batch, counts)
                batch = []
            if n % 20_000 == 0:
                print(f"  {n} articles: {time.process_time() - started:.1f} s CPU", flush=True)
        cpu = time.process_time() - started
        elapsed = time.perf_counter() - wall
        with store.reading() as conn:
            from sqlalchemy import text

            stories = conn.execute(text("SELECT count(DISTINCT story_id) FROM articles")).scalar()
        store.dispose()
    print(
        f"{count} synthetic articles grouped in {cpu:.1f} s CPU ({elapsed:.1f} s wall; signatures {signed:.1f} s), "
        f"{stories} stories"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    mds = sub.add_parser("mds")
    mds.add_argument("folders", nargs="+", type=Path)
    mds.add_argument("--shuffle", type=int, default=None, help="ingest in a random order drawn with this seed")
    unrelated = sub.add_parser("unrelated")
    unrelated.add_argument("folder", type=Path)
    scale = sub.add_parser("scale")
    scale.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    if args.what == "mds":
        for folder in args.folders:
            bench_mds(folder, args.shuffle)
    elif args.what == "unrelated":
        bench_unrelated(args.folder)
    else:
        bench_scale(args.articles)


if __name__ == "__main__":
    main()
