"""How many articles of a real corpus make extraction raise: the target is 0.

    python3 benchmarks/count_raises.py /work/data/unc-news
    python3 benchmarks/count_raises.py /work/data/ --include '*.txt' --dump claims.jsonl

Reads every input the way `claims extract` does (claims.sources.read_articles, the
article's own language or the detected one), extracts each article on its own and
counts the ones that raise, grouped by exception type and the innermost line of
`claims` where it was raised, with the first few articles of each. --dump writes the
claims of the articles that did not raise as JSON Lines, in the rows of
`claims extract -f jsonl`, so two runs can be compared. Measures; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extract.extractor import extract_claims  # noqa: E402
from claims.lang import load_pack  # noqa: E402
from claims.lang.detect import detect_language  # noqa: E402
from claims.report.jsonout import json_lines  # noqa: E402
from claims.sources import DEFAULT_MAX_BYTES, SourceArticle, read_articles  # noqa: E402

_PACKAGE = str(ROOT / "claims")


def where_raised(exc: BaseException) -> str:
    """The innermost frame inside the claims package: 'claims/numbers/x.py:12 in f'."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(_PACKAGE)]
    frame = frames[-1] if frames else traceback.extract_tb(exc.__traceback__)[-1]
    name = Path(frame.filename)
    shown = name.relative_to(ROOT) if name.is_relative_to(ROOT) else name
    return f"{shown}:{frame.lineno} in {frame.name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", help="folders of .txt articles, .jsonl files, anything claims reads")
    parser.add_argument("--include", help="within folders, only files matching this glob")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES)
    parser.add_argument("--dump", type=Path, help="write the claims of every article that did not raise here")
    parser.add_argument("--examples", type=int, default=3, help="articles named per kind of failure")
    args = parser.parse_args()

    articles = refused = claims = 0
    raised: dict[tuple[str, str], list[str]] = defaultdict(list)
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for item in read_articles(args.paths, include=args.include, max_bytes=args.max_bytes):
        if not isinstance(item, SourceArticle):
            refused += 1
            continue
        articles += 1
        code = item.lang or detect_language(item.text)
        try:
            found = extract_claims(
                item.text, code, pack=load_pack(code), published=item.published, tail_start=item.tail_start
            )
        except Exception as exc:  # noqa: BLE001 - counting every failure is the point
            raised[(f"{type(exc).__name__}: {exc}", where_raised(exc))].append(item.origin)
            continue
        claims += len(found)
        if dump and found:
            article = {"id": None, "title": item.title, "path": item.path, "url": item.url, "published": item.published}
            dump.write(json_lines([{"id": None, "article": article, **c.to_dict()} for c in found]) + "\n")
    if dump:
        dump.close()

    failures = sum(len(origins) for origins in raised.values())
    print(f"{articles} article(s) read, {refused} input(s) refused, {claims} claim(s); {failures} article(s) raised")
    for (error, location), origins in sorted(raised.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(origins):5d}  {error[:120]}  at {location}")
        for origin in origins[: args.examples]:
            print(f"         {origin}")


if __name__ == "__main__":
    main()
