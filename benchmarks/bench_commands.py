"""Throughput as a user meets it: the commands timed as whole processes, against a one-pattern floor.

    python3 benchmarks/bench_commands.py /work/data/unc-news            # a folder of .txt news
    python3 benchmarks/bench_commands.py FOLDER --repeat 5 --jobs 1,2   # --jobs only if the CLI has it
    python3 benchmarks/bench_commands.py FOLDER --claims "/path/to/venv/bin/claims"   # another build

Builds a JSON Lines archive of the same articles in a temporary folder, then times, each
--repeat times (alternating, so a change in the machine's load falls on all of them alike):
`claims extract FOLDER -f jsonl`, the same on the archive, `claims ingest` of each into a
fresh SQLite file, reading alone (`read_articles` in a process of its own, interpreter
start-up excluded) and start-up (`claims extract` of the folder's smallest file). One untimed
run first writes Python's bytecode and the pattern cache, as any earlier run on the machine
would have (PYTHONDONTWRITEBYTECODE is dropped for the commands: with it, every run compiles
the source of every module anew).

The floor is one pass of one pattern over the same texts in this process: a qualifier of
the language pack, a number, two words; written number first, with the qualifier in a
lookbehind, as a hand-written scanner would, so it is the fastest honest single pass.
Each figure is MB (UTF-8 bytes of the input files) per second of wall time and per second
of CPU time (user + system of the process and its children); the ratio is the floor's MB/s
over the command's, by CPU time, which a loaded machine disturbs least. Prints the load
average before and after. Measures; asserts nothing.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Commands run from an empty folder: from the checkout, `python -c` (and Python 3.11's fork server)
# would import its claims package ahead of the build being measured.
NEUTRAL_CWD = tempfile.mkdtemp(prefix="bench-commands-cwd-")
atexit.register(shutil.rmtree, NEUTRAL_CWD, ignore_errors=True)
sys.path.insert(0, str(ROOT))

import regex  # noqa: E402

from claims.lang import load_pack  # noqa: E402
from claims.sources import SourceArticle, read_articles  # noqa: E402

# The first file is read untimed: the language packs it loads are start-up, timed on their own.
_READ_ALONE = """
import sys, time
from claims.sources import read_articles
list(read_articles(sys.argv[1:2]))
started = time.process_time(), time.perf_counter()
count = sum(1 for _ in read_articles(sys.argv[2:]))
print(time.process_time() - started[0], time.perf_counter() - started[1], count)
"""


@dataclass
class Timing:
    wall: float
    cpu: float


@dataclass
class Case:
    label: str
    megabytes: float
    time: Callable[[], Timing]
    start_up: bool = False
    timings: list[Timing] = field(default_factory=list)


def floor_pattern(code: str) -> regex.Pattern:
    qualifiers = [
        w
        for words in load_pack(code).section("numbers").get("qualifiers", {}).values()
        if isinstance(words, list)
        for w in words
    ]
    return regex.compile(
        r"(?<=(?<![\p{L}\p{M}])(?:\L<q>)\s+)[0-9][0-9.,]*\s+[\p{L}\p{M}]+\s+[\p{L}\p{M}]+", q=qualifiers
    )


def floor(files: list[Path], pattern: regex.Pattern) -> Timing:
    """Read each file and run the pattern over it once: the least a one-pass extractor does."""
    started = time.process_time(), time.perf_counter()
    for path in files:
        pattern.findall(path.read_bytes().decode("utf-8", "replace"), timeout=10)
    return Timing(time.perf_counter() - started[1], time.process_time() - started[0])


def command_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run(command: list[str], stdout=subprocess.DEVNULL) -> Timing:
    """A command's wall time and the CPU time of it and its children."""
    before = os.times()
    started = time.perf_counter()
    done = subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, env=command_env(), cwd=NEUTRAL_CWD)
    wall = time.perf_counter() - started
    after = os.times()
    if done.returncode not in (0, 1):  # 1: some inputs refused, the rest done
        sys.exit(f"{shlex.join(command)} failed ({done.returncode}): {done.stderr.decode(errors='replace')[-2000:]}")
    return Timing(wall, (after.children_user - before.children_user) + (after.children_system - before.children_system))


def read_alone(python: str, first: Path, target: str) -> Timing:
    """read_articles in a process of its own, timed inside it (interpreter and imports excluded)."""
    out = subprocess.run(
        [python, "-c", _READ_ALONE, str(first), target],
        capture_output=True,
        text=True,
        check=True,
        cwd=NEUTRAL_CWD,
        env=command_env(),
    ).stdout.split()
    return Timing(float(out[1]), float(out[0]))


def build_archive(folder: str, path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for item in read_articles([folder]):
            if isinstance(item, SourceArticle):
                record = {
                    "title": item.title,
                    "date": item.published,
                    "url": item.url,
                    "source": item.source,
                    "text": item.text,
                }
                out.write(json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False) + "\n")
                count += 1
    return count


def supports_jobs(claims: list[str]) -> bool:
    shown = subprocess.run([*claims, "extract", "--help"], capture_output=True, text=True)
    return "--jobs" in shown.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", help="a folder of articles (UTF-8 .txt with a header, as claims reads them)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command (median shown)")
    parser.add_argument(
        "--claims",
        default=f"{shlex.quote(sys.executable)} -m claims",
        help="the command to time (default: this Python's claims)",
    )
    parser.add_argument("--lang", default="vi", help="language pack whose qualifiers the floor uses")
    parser.add_argument("--jobs", default="", help="comma-separated --jobs values to time too, e.g. 1,2")
    parser.add_argument("--skip-ingest", action="store_true")
    args = parser.parse_args()

    claims = shlex.split(args.claims)
    python = claims[0] if claims[1:3] == ["-m", "claims"] else sys.executable
    files = sorted(p for p in Path(args.folder).rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".text"))
    if not files:
        sys.exit(f"no .txt files in {args.folder}")
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    smallest = min(files, key=lambda p: p.stat().st_size)
    load_before = os.getloadavg()

    with tempfile.TemporaryDirectory(prefix="bench-commands-") as tmp:
        archive = Path(tmp, "archive.jsonl")
        articles = build_archive(args.folder, archive)
        jobs = [j.strip() for j in args.jobs.split(",") if j.strip()]
        if jobs and not supports_jobs(claims):
            print(f"note: {args.claims} extract has no --jobs; timing without it", file=sys.stderr)
            jobs = []
        databases = iter(Path(tmp, f"claims-{i}.db") for i in range(1_000_000))  # a fresh one for every ingest
        pattern = floor_pattern(args.lang)
        cases: list[Case] = [
            Case("floor: one pattern pass (qualifier, number, two words)", megabytes, lambda: floor(files, pattern))
        ]
        for label, target in (("folder", args.folder), ("jsonl", str(archive))):
            extract = [*claims, "extract", target, "-f", "jsonl"]
            cases.append(Case(f"extract {label} -f jsonl", megabytes, lambda c=extract: run(c)))
            for j in jobs:
                cases.append(
                    Case(
                        f"extract {label} -f jsonl --jobs {j}", megabytes, lambda c=extract, j=j: run([*c, "--jobs", j])
                    )
                )
            if not args.skip_ingest:
                ingest = [*claims, "ingest", target]
                cases.append(
                    Case(
                        f"ingest {label} (fresh SQLite)",
                        megabytes,
                        lambda c=ingest: run([*c, "--db", f"sqlite:///{next(databases)}"]),
                    )
                )
        cases.append(Case("read_articles alone (folder)", megabytes, lambda: read_alone(python, smallest, args.folder)))
        small = [*claims, "extract", str(smallest), "-f", "jsonl"]
        cases.append(
            Case(
                f"start-up: extract {smallest.name} ({smallest.stat().st_size / 1000:.1f} KB)",
                smallest.stat().st_size / 1e6,
                lambda: run(small),
                start_up=True,
            )
        )

        run(small)  # untimed: bytecode and pattern cache written
        for _ in range(args.repeat):
            for case in cases:
                case.timings.append(case.time())

    load_after = os.getloadavg()
    print(
        f"input: {len(files)} files, {articles} articles, {megabytes:.2f} MB; repeat {args.repeat}; "
        f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after; {os.cpu_count()} cores"
    )
    print(f"command: {args.claims}")
    floor_mb_per_cpu_s = cases[0].megabytes / statistics.median(t.cpu for t in cases[0].timings)
    header = f"{'what':58s} {'wall s':>8s} {'cpu s':>8s} {'MB/s wall':>10s} {'MB/s cpu':>9s} {'floor/x':>8s}"
    print(header)
    print("-" * len(header))
    for case in cases:
        wall = statistics.median(t.wall for t in case.timings)
        cpu = statistics.median(t.cpu for t in case.timings)
        per_cpu_s = case.megabytes / cpu if cpu else float("inf")
        ratio = float("nan") if case.start_up else floor_mb_per_cpu_s / per_cpu_s
        print(f"{case.label:58s} {wall:8.3f} {cpu:8.3f} {case.megabytes / wall:10.2f} {per_cpu_s:9.2f} {ratio:8.1f}")
    print("floor/x: the floor's MB/s (CPU) over the row's; start-up is read by its seconds.")


if __name__ == "__main__":
    main()
