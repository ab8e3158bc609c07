"""Turn the articles of the public BBC News 2004-2005 set into claims' .txt articles, to measure on real English news.

    python3 benchmarks/bbc_to_txt.py path/to/bbc/ bbc-news/

The set (D. Greene and P. Cunningham, ICML 2006; mlg.ucd.ie/datasets/bbc.html, also kept in public
GitHub repositories such as dejanbatanjac/bbc-article-classify-bert under bbc/) holds 2,225 articles
in five folders (business, entertainment, politics, sport, tech), each `NNN.txt`: the title on the
first line, a blank line, then the paragraphs separated by blank lines. Written as a claims header
(title, source) the title is metadata and the body keeps its paragraphs; the set records no date or
URL. Files are UTF-8 but for one in Latin-1 ("£" as byte 0xA3), read as cp1252. The articles are
not bundled: their text is not ours to ship (the copyright stays with the BBC).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def convert(source: Path) -> str:
    lines = decode(source.read_bytes()).replace("\r\n", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    title = lines.pop(0).strip() if lines else ""
    body = "\n".join(lines).strip("\n")
    return f"title: {title}\nsource: BBC News\n\n{body}\n"


def target_name(source: Path) -> str:
    # business/001.txt -> bbc-business-001.txt: one flat folder, the category kept in the name.
    return f"bbc-{source.parent.name}-{source.name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="the set's bbc/ folder (one subfolder per category)")
    parser.add_argument("target", type=Path, help="where the converted articles go")
    args = parser.parse_args()
    args.target.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in args.source.glob("*/*.txt"))
    for source in files:
        (args.target / target_name(source)).write_text(convert(source), encoding="utf-8")
    print(f"{len(files)} articles written to {args.target}")


if __name__ == "__main__":
    main()
