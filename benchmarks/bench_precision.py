"""Precision of the checker on real news: how many of its flags are worth an editor's look.

    python3 benchmarks/bench_precision.py mds /work/data/mds-news --stories gold --claims CLAIMS --python PYTHON
    python3 benchmarks/bench_precision.py mds /work/data/mds-news --stories auto --claims CLAIMS
    python3 benchmarks/bench_precision.py basil /work/data/basil-news --stories gold --claims CLAIMS --python PYTHON
    python3 benchmarks/bench_precision.py unc /work/data/unc-news --sample 300 --seed 13 --claims CLAIMS
    python3 benchmarks/bench_precision.py bbc /work/data/bbc-src/bbc --sample 300 --seed 13 --claims CLAIMS
    ... --dump /work/data/judge/mds-unjudged.txt     # the unjudged flags with both sentences, to read

CLAIMS is the command to measure (/work/venv/bin/claims, or a wrapper running another checkout);
PYTHON the interpreter whose `claims` package is the same code (e.g. /work/venv/bin/python).

Ingests the .txt articles of FOLDER (all of them, or `--sample N` picked from the sorted list with
random.Random(SEED).sample) into a fresh SQLite database by running CLAIMS as a process, then lists
every discrepancy it reports. `--stories auto` runs `claims audit FILES`, grouping articles into
stories as the tool does; `--stories gold` ingests each cluster of FOLDER/clusters.tsv (article
file -> cluster) with `--story` and then runs `claims check`, so that grouping errors do not
confound the checker's precision. With `--python` the per-cluster ingests run in one process (a
process per cluster spends most of its time importing). An article that makes the tool crash (a
traceback, which stops a whole audit) is found by extracting each article alone, left out and
named; the count of articles read excludes it.

Each flag is cross-article (its two figures stand in different articles) or within-article, and
is joined with the verdicts of benchmarks/verdicts/SET.tsv, one row per flag:
  fingerprint  the discrepancy's fingerprint
  verdict      worth: the two figures plausibly state one fact and disagree, or one figure is
               framed two ways (an editor should look); not: two different facts
  cause        same-fact-disagree, same-fact-update, same-fact-framing (worth); different-period,
               plan-vs-actual, part-whole, unit-price-vs-total, coarse-concept, background,
               misread, list-item, different-entity, same-fact-agree, rounding (not)
  locator      each figure's file (relative to FOLDER) and character span, A|B
  reason       one line in the judge's own words; the verdict files hold no article text
A flag is matched by fingerprint first; when the code changed the fingerprint (another kind,
another span of the figure), a verdict whose two spans overlap the flag's two figures in the same
files is used and counted as matched by position (`--strict` turns this off). Flags matched by
neither are unjudged: they are listed (UNJUDGED lines), and `--dump FILE` writes them with both
sentences for reading, outside the repository (the sentences are the articles' text), plus
FILE.stub.tsv with their fingerprints and locators to fill in. `--save-jsonl` keeps the tool's
output (and a .meta.json beside it) so `--from-jsonl` can summarise or dump again without
ingesting.

For a corpus of unrelated articles (`unc`, `bbc`), every flag judged "not", across or within
articles, is a false alarm; the figure printed is false alarms per 100 articles read.
Measures; asserts nothing.
"""

from __future__ import annotations

import argparse
import atexit
import json
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VERDICTS = REPO / "benchmarks" / "verdicts"
COLUMNS = ("fingerprint", "verdict", "cause", "locator", "reason")
VERDICT_VALUES = ("worth", "not")
KNOWN_CAUSES = {
    "same-fact-disagree",
    "same-fact-update",
    "same-fact-framing",
    "same-fact-agree",
    "different-period",
    "plan-vs-actual",
    "part-whole",
    "unit-price-vs-total",
    "coarse-concept",
    "background",
    "misread",
    "list-item",
    "different-entity",
    "different-place",
    "rounding",
    "other",
}


@dataclass(frozen=True, slots=True)
class Span:
    file: str
    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.file == other.file and self.start < other.end and other.start < self.end

    def __str__(self) -> str:
        return f"{self.file}:{self.start}-{self.end}"

    @classmethod
    def parse(cls, text: str) -> Span:
        file, _, span = text.rpartition(":")
        start, _, end = span.partition("-")
        return cls(file, int(start), int(end))


@dataclass(slots=True)
class Verdict:
    fingerprint: str
    verdict: str
    cause: str
    locator: tuple[Span, Span] | None
    reason: str


@dataclass(slots=True)
class Flag:
    record: dict
    spans: tuple[Span, Span]
    verdict: Verdict | None = None
    matched_by: str = ""  # fingerprint | position | ""

    @property
    def fingerprint(self) -> str:
        return self.record["fingerprint"]

    @property
    def cross(self) -> bool:
        a, b = self.record["claims"]
        return a["article"]["path"] != b["article"]["path"]

    @property
    def scope(self) -> str:
        return "cross" if self.cross else "within"

    @property
    def locator(self) -> str:
        return f"{self.spans[0]}|{self.spans[1]}"


@dataclass(slots=True)
class Run:
    articles: int
    refused: int
    seconds: float
    flags: list[Flag] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    crashed: int = 0  # articles left out because they crash the tool


def relative(path: str, folder: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(folder.resolve()))
    except ValueError:
        return Path(path).name


def pick_files(folder: Path, sample: int | None, seed: int) -> list[Path]:
    files = sorted(p for p in folder.rglob("*.txt") if p.is_file())
    if sample is not None and sample < len(files):
        files = sorted(random.Random(seed).sample(files, sample))
    return files


def read_clusters(path: Path) -> dict[str, str]:
    clusters = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            article, cluster = line.split("\t")[:2]
            clusters[article] = cluster
    return clusters


# Every command runs in this empty folder: `python -c` puts the working directory first on sys.path,
# so run from a checkout it would import that checkout's claims instead of the one asked for.
NEUTRAL_CWD = tempfile.mkdtemp(prefix="bench-precision-cwd-")
atexit.register(shutil.rmtree, NEUTRAL_CWD, ignore_errors=True)
CRASH = "Traceback"  # an exception the tool did not turn into a one-line error


def call(command: list[str], args: list[str]) -> subprocess.CompletedProcess:
    done = subprocess.run(command + args, capture_output=True, text=True, cwd=NEUTRAL_CWD)
    if done.returncode not in (0, 1):
        # Exit 1 is "some inputs refused" (ingest) or a crash (seen in stderr); 2 is a usage error.
        sys.exit(f"{shlex.join(command + args[:3])} ... exited {done.returncode}:\n{done.stderr[-2000:]}")
    return done


def refused_count(stderr: str) -> int:
    return sum(int(n) for n in re.findall(r"(\d+) (?:input\(s\) )?refused", stderr))


# Runs `claims.cli.main` once per command line read from stdin, each one's stderr opened by a marker
# line: on a busy machine a process per cluster spends most of its time importing.
_MARK = "@@bench-precision command "
_DRIVER = f"""
import contextlib, io, json, os, sys
sys.path = [p for p in sys.path if p not in ("", ".")]
import claims
from claims.cli import main
print("claims package:", os.path.dirname(claims.__file__), file=sys.stderr)
for number, line in enumerate(sys.stdin):
    print("{_MARK}%d" % number, file=sys.stderr, flush=True)
    sys.argv = ["claims", *json.loads(line)]
    with contextlib.redirect_stdout(io.StringIO()) as out:
        try:
            main()
        except SystemExit as stop:
            if stop.code not in (None, 0, 1):
                print("exit %s" % stop.code, file=sys.stderr)
        except BaseException as error:
            print("{CRASH}: %r" % error, file=sys.stderr)
    sys.stderr.flush()
"""


def run_in_one_process(python: list[str], commands: list[list[str]]) -> tuple[str, list[str]]:
    """(the driver's own lines, each command's stderr)."""
    stdin = "".join(json.dumps(argv) + "\n" for argv in commands)
    done = subprocess.run(python + ["-c", _DRIVER], input=stdin, capture_output=True, text=True, cwd=NEUTRAL_CWD)
    if done.returncode != 0:
        sys.exit(f"the driver exited {done.returncode}:\n{done.stderr[-2000:]}")
    head, *parts = re.split(rf"^{re.escape(_MARK)}\d+\n", done.stderr, flags=re.M)
    if len(parts) != len(commands):
        sys.exit(f"the driver ran {len(parts)} of {len(commands)} command(s):\n{done.stderr[-2000:]}")
    return head, parts


def run_each(command: list[str], python: list[str] | None, commands: list[list[str]]) -> tuple[str, list[str]]:
    if python:
        return run_in_one_process(python, commands)
    return "", [call(command, argv).stderr for argv in commands]


def crashing(command: list[str], python: list[str] | None, files: list[Path]) -> list[Path]:
    """The articles that make the tool crash, found by extracting each one alone."""
    _, errors = run_each(command, python, [["extract", str(path), "-f", "jsonl"] for path in files])
    return [path for path, stderr in zip(files, errors) if CRASH in stderr]


def ingest_and_check(
    command: list[str], files: list[Path], folder: Path, stories: str, db: str, python: list[str] | None = None
) -> Run:
    started = time.perf_counter()
    notes: list[str] = []
    crashed: list[Path] = []
    if stories == "auto":
        done = call(command, ["audit", *map(str, files), "--db", db, "-f", "jsonl", "--exit-zero"])
        if CRASH in done.stderr:
            # One article that crashes the tool stops the whole audit: leave such articles out, say so.
            crashed = crashing(command, python, files)
            for path in crashed:
                notes.append(f"crashes the tool, left out: {relative(str(path), folder)}")
            if not db.startswith("sqlite:///") or "bench-precision-" not in db:
                sys.exit(
                    f"the audit crashed on {len(crashed)} article(s) and {db} is not this script's own "
                    "database: run again without --db to have them left out"
                )
            Path(db.removeprefix("sqlite:///")).unlink(missing_ok=True)  # our temporary database: start afresh
            kept = [path for path in files if path not in crashed]
            done = call(command, ["audit", *map(str, kept), "--db", db, "-f", "jsonl", "--exit-zero"])
            if CRASH in done.stderr:
                sys.exit(f"the audit still crashes without {len(crashed)} crashing article(s):\n{done.stderr[-2000:]}")
        refused, out = refused_count(done.stderr), done.stdout
        notes += [line for line in done.stderr.splitlines() if line.strip()][-3:]
    else:
        clusters = read_clusters(folder / "clusters.tsv")
        by_cluster: dict[str, list[Path]] = defaultdict(list)
        for path in files:
            cluster = clusters.get(relative(str(path), folder)) or clusters.get(path.name)
            by_cluster[cluster or f"alone:{path.name}"].append(path)
        names = sorted(by_cluster)
        ingests = [["ingest", *map(str, by_cluster[name]), "--db", db, "--story", f"gold:{name}"] for name in names]
        head, errors = run_each(command, python, ingests)
        notes += [line for line in head.splitlines() if line.strip()]
        retry = []
        for name, stderr in zip(names, errors):
            if CRASH in stderr:
                bad = crashing(command, python, by_cluster[name])
                crashed += bad
                notes += [f"crashes the tool, left out: {relative(str(path), folder)}" for path in bad]
                rest = [path for path in by_cluster[name] if path not in bad]
                if rest:
                    retry.append(["ingest", *map(str, rest), "--db", db, "--story", f"gold:{name}"])
        if retry:
            _, again = run_each(command, python, retry)
            if any(CRASH in stderr for stderr in again):
                sys.exit("an ingest still crashes after leaving the crashing articles out")
            errors += again
        stderr = "".join(errors)
        refused = refused_count(stderr)
        notes += [
            line for line in stderr.splitlines() if "refused" in line and not line.rstrip().endswith(" 0 refused")
        ]
        done = call(command, ["check", "--db", db, "-f", "jsonl", "--exit-zero"])
        out = done.stdout
        notes += [line for line in done.stderr.splitlines() if line.strip()][-3:]
    run = Run(
        articles=len(files), refused=refused, seconds=time.perf_counter() - started, notes=notes, crashed=len(crashed)
    )
    run.flags = parse_flags(out, folder)
    return run


def parse_flags(jsonl: str, folder: Path) -> list[Flag]:
    flags = []
    for line in jsonl.splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        a, b = record["claims"]
        spans = tuple(Span(relative(c["article"]["path"] or "", folder), c["start"], c["end"]) for c in (a, b))
        flags.append(Flag(record, spans))
    return flags


def read_verdicts(path: Path) -> list[Verdict]:
    if not path.exists():
        return []
    verdicts = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            sys.exit(f"{path}:{number}: {len(cells)} columns, expected {len(COLUMNS)} ({', '.join(COLUMNS)})")
        fingerprint, verdict, cause, locator, reason = cells
        if verdict not in VERDICT_VALUES:
            sys.exit(f"{path}:{number}: verdict {verdict!r} is not one of {', '.join(VERDICT_VALUES)}")
        spans = tuple(Span.parse(part) for part in locator.split("|")) if locator else None
        verdicts.append(Verdict(fingerprint, verdict, cause, spans, reason))
    return verdicts


def join(flags: list[Flag], verdicts: list[Verdict], strict: bool) -> None:
    by_fingerprint = {v.fingerprint: v for v in verdicts}
    by_files: dict[frozenset, list[Verdict]] = defaultdict(list)
    for v in verdicts:
        if v.locator:
            by_files[frozenset(s.file for s in v.locator)].append(v)
    for flag in flags:
        if flag.fingerprint in by_fingerprint:
            flag.verdict, flag.matched_by = by_fingerprint[flag.fingerprint], "fingerprint"
            continue
        if strict:
            continue
        a, b = flag.spans
        for v in by_files.get(frozenset((a.file, b.file)), []):
            x, y = v.locator
            if (a.overlaps(x) and b.overlaps(y)) or (a.overlaps(y) and b.overlaps(x)):
                flag.verdict, flag.matched_by = v, "position"
                break


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def summarize(name: str, run: Run, verdicts_path: Path, args: argparse.Namespace) -> list[Flag]:
    flags = run.flags
    print(
        f"set {name}: {run.articles} article(s) given, {run.crashed} left out (crash the tool), {run.refused} refused; "
        f"stories {args.stories}; {run.seconds:.0f} s; claims: {args.claims}"
    )
    for note in run.notes:
        print(f"  | {note}")
    kinds = Counter(f.record["kind"] for f in flags)
    print(f"flags: {len(flags)} ({', '.join(f'{k} {n}' for k, n in kinds.most_common()) or 'none'})")
    print(f"verdicts: {verdicts_path} ({len(read_verdicts(verdicts_path))} row(s))")
    for scope in ("cross", "within"):
        group = [f for f in flags if f.scope == scope]
        judged = [f for f in group if f.verdict]
        worth = [f for f in judged if f.verdict.verdict == "worth"]
        by_position = sum(1 for f in judged if f.matched_by == "position")
        by_position_note = f" ({by_position} by position)" if by_position else ""
        print(
            f"  {scope}-article: {len(group)}; judged {len(judged)}{by_position_note}; "
            f"worth {len(worth)} ({percent(len(worth), len(judged))} of judged); "
            f"not {len(judged) - len(worth)}; unjudged {len(group) - len(judged)}"
        )
        for kind, n in Counter(f.record["kind"] for f in group).most_common():
            k_judged = [f for f in judged if f.record["kind"] == kind]
            k_worth = sum(1 for f in k_judged if f.verdict.verdict == "worth")
            print(f"      {kind}: {n}, worth {k_worth}/{len(k_judged)} judged ({percent(k_worth, len(k_judged))})")
        causes = Counter(f.verdict.cause for f in judged if f.verdict.verdict == "not")
        if causes:
            print(f"      'not' by cause: {', '.join(f'{c} {n}' for c, n in causes.most_common())}")
        kept = Counter(f.verdict.cause for f in worth)
        if kept:
            print(f"      'worth' by cause: {', '.join(f'{c} {n}' for c, n in kept.most_common())}")
    judged = [f for f in flags if f.verdict]
    false_alarms = sum(1 for f in judged if f.verdict.verdict == "not")
    unjudged = [f for f in flags if not f.verdict]
    read = run.articles - run.crashed - run.refused
    upper_bound_note = (
        f"; at most {100 * (false_alarms + len(unjudged)) / read:.2f} counting unjudged" if unjudged and read else ""
    )
    print(
        "false alarms (flags judged 'not', both scopes; the measure for unrelated articles): "
        f"{false_alarms} over {read} article(s) = "
        f"{100 * false_alarms / read if read else 0:.2f} per 100 articles{upper_bound_note}"
    )
    unknown = sorted({f.verdict.cause for f in judged} - KNOWN_CAUSES)
    if unknown:
        print(f"causes outside the usual list: {', '.join(unknown)}")
    print(f"unjudged: {len(unjudged)}")
    for flag in unjudged:
        print(
            f"  UNJUDGED {flag.fingerprint} {flag.record['kind']} {flag.scope} {flag.locator}  "
            f"{flag.record['explanation']}"
        )
    return unjudged


def outside_repo(path: Path) -> Path:
    resolved = path.resolve()
    if resolved == REPO or REPO in resolved.parents:
        sys.exit(f"{path}: inside the repository; the dump holds the articles' text, write it elsewhere")
    return resolved


def describe(claim: dict, span: Span) -> list[str]:
    frame = {
        k: claim.get(k) for k in ("kind", "unit", "concept", "subject", "actor", "location", "time") if claim.get(k)
    }
    if claim.get("roles"):
        frame["roles"] = claim["roles"]
    marks = [m for m in ("is_caption", "is_boilerplate") if claim.get(m)]
    published = claim["article"].get("published") or "-"
    frame_json = json.dumps(frame, ensure_ascii=False)
    return [
        f"   {span}  {published}  «{claim['text']}»  {frame_json} {' '.join(marks)}",
        f"   title: {claim['article'].get('title') or ''}",
        f"   S: {claim.get('sentence') or ''}",
    ]


def dump(flags: list[Flag], path: Path) -> None:
    lines = []
    for number, flag in enumerate(flags, start=1):
        r = flag.record
        state = (
            f"[{flag.verdict.verdict} {flag.verdict.cause}: {flag.verdict.reason}]" if flag.verdict else "[unjudged]"
        )
        lines.append(f"### {number}  {flag.fingerprint}  {r['kind']} {r['severity']} {flag.scope}  {state}")
        lines.append(f"why: {r['explanation']}")
        for label, claim, span in zip("AB", r["claims"], flag.spans):
            lines.append(label)
            lines += describe(claim, span)
        lines.append(f"locator: {flag.locator}")
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    stub = path.with_name(path.name + ".stub.tsv")
    stub.write_text("".join(f"{f.fingerprint}\t\t\t{f.locator}\t\n" for f in flags if not f.verdict), encoding="utf-8")
    print(f"dumped {len(flags)} flag(s) to {path}; verdict stub rows in {stub}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", help="name of the set: the verdicts are benchmarks/verdicts/SET.tsv")
    parser.add_argument("folder", type=Path, help="folder of .txt articles (with clusters.tsv for --stories gold)")
    parser.add_argument("--stories", choices=("gold", "auto"), default="auto")
    parser.add_argument("--claims", default="claims", help="the claims command, e.g. /work/venv/bin/claims")
    parser.add_argument(
        "--python",
        help="with --stories gold: run the ingests in one process of this Python, "
        "whose claims package is the one --claims runs (e.g. 'env PYTHONPATH=/work/base /work/venv/bin/python'); "
        "faster on a busy machine, as the imports are paid once",
    )
    parser.add_argument("--sample", type=int, help="ingest only this many articles, picked with --seed")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file in a temporary folder)")
    parser.add_argument("--verdicts", type=Path, help="verdict file (default benchmarks/verdicts/SET.tsv)")
    parser.add_argument("--strict", action="store_true", help="match verdicts by fingerprint only")
    parser.add_argument(
        "--save-jsonl", type=Path, help="keep the discrepancies as the tool printed them (outside the repo)"
    )
    parser.add_argument("--from-jsonl", type=Path, help="read a saved output instead of ingesting again")
    parser.add_argument(
        "--dump", type=Path, help="write the unjudged flags with both sentences here (outside the repo)"
    )
    parser.add_argument("--dump-all", action="store_true", help="with --dump: judged flags too, with their verdicts")
    args = parser.parse_args()

    verdicts_path = args.verdicts or VERDICTS / f"{args.set}.tsv"
    files = pick_files(args.folder, args.sample, args.seed)
    if args.from_jsonl:
        meta_path = args.from_jsonl.with_name(args.from_jsonl.name + ".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        run = Run(
            articles=meta.get("articles", len(files)),
            refused=meta.get("refused", 0),
            seconds=meta.get("seconds", 0.0),
            notes=[f"read from {args.from_jsonl}", *meta.get("notes", [])],
            crashed=meta.get("crashed", 0),
        )
        args.claims = meta.get("claims", args.claims)
        args.stories = meta.get("stories", args.stories)
        run.flags = parse_flags(args.from_jsonl.read_text(encoding="utf-8"), args.folder)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-precision-") as tmp:
            db = args.db or f"sqlite:///{tmp}/claims.db"
            python = shlex.split(args.python) if args.python else None
            run = ingest_and_check(shlex.split(args.claims), files, args.folder, args.stories, db, python)
        if args.save_jsonl:
            outside_repo(args.save_jsonl).write_text(
                "".join(json.dumps(f.record, ensure_ascii=False) + "\n" for f in run.flags), encoding="utf-8"
            )
            meta = {
                "articles": run.articles,
                "refused": run.refused,
                "crashed": run.crashed,
                "seconds": run.seconds,
                "notes": run.notes,
                "claims": args.claims,
                "stories": args.stories,
            }
            args.save_jsonl.with_name(args.save_jsonl.name + ".meta.json").write_text(
                json.dumps(meta, ensure_ascii=False), encoding="utf-8"
            )
    join(run.flags, read_verdicts(verdicts_path), args.strict)
    unjudged = summarize(args.set, run, verdicts_path, args)
    if args.dump:
        dump(run.flags if args.dump_all else unjudged, outside_repo(args.dump))


if __name__ == "__main__":
    main()
