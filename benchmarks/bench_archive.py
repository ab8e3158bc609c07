"""An archive as a newsroom would load it: `claims ingest` of a large JSON Lines file, then `claims check`.

    python3 benchmarks/bench_archive.py /work/data/unc-news /work/data/bbc-news --articles 40000
    python3 benchmarks/bench_archive.py FOLDER... --db postgresql+psycopg://postgres@127.0.0.1:5432/bench
    python3 benchmarks/bench_archive.py FOLDER... --claims /path/to/venv/bin/claims --jobs 2

Writes a JSON Lines archive of --articles articles to a temporary folder, cycling through the .txt
articles of the folders given (read with claims' own reader, so titles, dates and bodies are what
`claims ingest FOLDER` would store). A repeated article is made a text of its own, so ingest
cannot skip it as stored already: its title and first line carry the copy's number. Then runs,
as processes, `claims ingest ARCHIVE --jobs J` into a fresh database (an SQLite file in the
temporary folder unless --db is given; a PostgreSQL database given is emptied first) and
`claims check --jobs J`, and prints for each: wall and CPU seconds (the process and its
children), MB/s of the archive, and peak memory (the largest resident set among the process
and its workers). Run it twice with --articles 10000 and 40000 to see whether memory stays flat.
Measures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.sources import SourceArticle, read_articles  # noqa: E402


def originals(folders: list[str]) -> list[dict]:
    rows = []
    for item in read_articles(folders, include="*.txt"):
        if isinstance(item, SourceArticle):
            rows.append({"title": item.title, "date": item.published, "url": item.url, "text": item.text})
    if not rows:
        sys.exit("no .txt articles in " + ", ".join(folders))
    return rows


def write_archive(rows: list[dict], count: int, path: Path) -> int:
    with path.open("w", encoding="utf-8") as out:
        for index in range(count):
            row = dict(rows[index % len(rows)])
            copy = index // len(rows)
            if copy:  # the same article again, as a text of its own
                row["title"] = f"{row['title']} ({copy + 1})"
                row["text"] = f"Bản {copy + 1}. {row['text']}"
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path.stat().st_size


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of the process and its children, peak RSS (MB) of any of them."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # From an empty folder: from the checkout, Python 3.11's fork server would import its claims
    # package ahead of the build being measured.
    with tempfile.TemporaryDirectory() as neutral:
        done = subprocess.run(
            command, env=env, cwd=neutral, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode == 1 and command[1] == "ingest":  # some inputs refused: say which, go on
        print(f"  (ingest exit 1: {done.stderr.strip().splitlines()[-1][:300] if done.stderr.strip() else ''})")
    elif done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)}: exit {done.returncode}\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss // 1024  # ru_maxrss: the largest child so far, in KB on Linux


def empty_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--articles", type=int, default=40000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--claims", default="claims", help="the claims command (default: the one on PATH)")
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file); a PostgreSQL one is emptied")
    args = parser.parse_args()

    rows = originals(args.folders)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "archive.jsonl"
        size = write_archive(rows, args.articles, archive)
        url = args.db or f"sqlite:///{tmp}/archive.db"
        if url.startswith("postgresql"):
            empty_postgres(url)
        mb = size / 1e6
        print(
            f"archive: {args.articles} articles ({len(rows)} distinct originals), {mb:.1f} MB; "
            f"--jobs {args.jobs}; {url.split('://')[0]}; load average {os.getloadavg()[0]:.1f}"
        )
        total_wall = 0.0
        for name, command in (
            ("ingest", [args.claims, "ingest", str(archive), "--jobs", str(args.jobs), "--db", url]),
            ("check", [args.claims, "check", "--jobs", str(args.jobs), "--db", url, "--summary"]),
        ):
            wall, cpu, peak = timed(command, env)
            total_wall += wall
            print(f"  {name:7} {wall:7.1f} s wall {cpu:7.1f} s CPU {mb / wall:6.2f} MB/s  peak {peak} MB")
        print(f"  total   {total_wall:7.1f} s wall; load average after {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
