"""Turn articles of the public CP_Vietnamese-UNC news corpus into claims' .txt articles, to measure on real news.

    python3 benchmarks/unc_to_txt.py path/to/CP_Vietnamese-UNC/ real-news/
    python3 benchmarks/bench_extract.py real-news/ --min-mb 3 --repeat 5

The corpus (Dân Trí articles, in github.com/undertheseanlp/resources, resources/CP_Vietnamese-UNC)
opens each file with "# doc_id = ", "# url = " and "# date = YYYYMMDD" lines, then the title line
and the body. Read as they are, those lines would add ids, dates and digits of URLs to every
article; written as a claims header (title, date, url, source) they are metadata, as in a newsroom
archive. The corpus is not bundled: its text is not ours to ship.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def convert(source: Path) -> str:
    lines = source.read_text(encoding="utf-8").splitlines()
    meta = {}
    while lines and lines[0].startswith("# "):
        key, _, value = lines.pop(0)[2:].partition(" = ")
        meta[key.strip()] = value.strip()
    title, body = (lines[0], "\n".join(lines[1:])) if lines else ("", "")
    day = meta.get("date", "")
    published = f"{day[:4]}-{day[4:6]}-{day[6:8]}" if len(day) == 8 and day.isdigit() else ""
    return f"title: {title}\ndate: {published}\nurl: {meta.get('url', '')}\nsource: Dân Trí\n\n{body}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="a folder of the corpus's .txt files (searched recursively)")
    parser.add_argument("target", type=Path, help="where the converted articles go")
    args = parser.parse_args()
    args.target.mkdir(parents=True, exist_ok=True)
    files = sorted(args.source.rglob("*.txt"))
    for source in files:
        (args.target / source.name).write_text(convert(source), encoding="utf-8")
    print(f"{len(files)} articles written to {args.target}")


if __name__ == "__main__":
    main()
