"""Turn the public VietnameseMDS clusters into claims' .txt articles, to measure on real multi-outlet coverage.

    python3 benchmarks/mds_to_txt.py path/to/clusters/ mds-news/            # with publication dates
    python3 benchmarks/mds_to_txt.py path/to/clusters/ mds-nodate/ --no-dates

The corpus (github.com/lupanh/VietnameseMDS, KTLAB-200document-clusters.zip) holds 200 clusters of
2 to 5 articles each, every cluster one event reported by several outlets (collected from Báo Mới in
2013). Each article is `<doc>.body.txt` (the text, one line) and `<doc>.info.txt` ("LINK:", "TITLE:"
word-segmented with underscores, "SUMMARY:", "TIME: d/m/yyyy hh:mm"). Written as a claims header
(title, date, url, source), the outlet named by the link. `clusters.tsv` beside the articles maps
each article file to its cluster: the gold grouping for benchmarks/bench_grouping.py. The corpus is
not bundled: its text is not ours to ship.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

# The titles are word-segmented ("Phe đối_lập Campuchia ... chính_phủ ."): undo the joints and the
# spaces the segmenter put before punctuation.
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.:;!?)\]”’])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[“‘])\s+")


def _field(lines: list[str], key: str) -> str:
    for line in lines:
        if line.startswith(key + ":"):
            return line[len(key) + 1 :].strip()
    return ""


def unsegment(text: str) -> str:
    text = text.replace("_", " ")
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return _SPACE_AFTER_OPEN.sub(r"\1", text).strip()


def outlet(link: str) -> str:
    # http://www.baomoi.com/Home/TheGioi/tuoitre.vn/Title/12240106.epi -> tuoitre.vn
    parts = link.split("/")
    return parts[5] if len(parts) > 5 and "." in parts[5] else ""


def iso_date(stamp: str) -> str:
    match = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})", stamp)
    if not match:
        return ""
    day, month, year = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def convert(body: Path, info: Path, with_dates: bool) -> str:
    lines = info.read_text(encoding="utf-8-sig").splitlines()
    link = _field(lines, "LINK")
    header = [f"title: {unsegment(_field(lines, 'TITLE'))}"]
    if with_dates:
        header.append(f"date: {iso_date(_field(lines, 'TIME'))}")
    header += [f"url: {link}", f"source: {outlet(link)}"]
    return "\n".join(header) + "\n\n" + body.read_text(encoding="utf-8-sig").strip() + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="the corpus's clusters/ folder (cluster_N/ subfolders)")
    parser.add_argument("target", type=Path, help="where the converted articles and clusters.tsv go")
    parser.add_argument("--no-dates", action="store_true", help="leave the publication dates out")
    args = parser.parse_args()
    args.target.mkdir(parents=True, exist_ok=True)
    rows = []
    for folder in sorted(p for p in args.source.iterdir() if p.is_dir() and p.name.startswith("cluster_")):
        for body in sorted(folder.glob("*.body.txt")):
            doc = body.name.split(".")[0]
            info = folder / f"{doc}.info.txt"
            if not info.exists():
                continue
            name = f"{folder.name}-{doc}.txt"
            (args.target / name).write_text(convert(body, info, not args.no_dates), encoding="utf-8")
            rows.append(f"{name}\t{folder.name}")
    (args.target / "clusters.tsv").write_text("article\tcluster\n" + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} articles in {len({r.split(chr(9))[1] for r in rows})} clusters written to {args.target}")


if __name__ == "__main__":
    main()
