"""Turn the public BASIL articles into claims' .txt articles: English same-event coverage by three outlets.

    python3 benchmarks/basil_to_txt.py path/to/BASIL/articles/ basil-news/

BASIL (github.com/launchnlp/BASIL, "In Plain Sight: Media Bias Through the Lens of Factual Reporting",
EMNLP 2019) holds 100 events from 2010 to 2019, each reported by Fox News, The New York Times and
HuffPost: 300 articles, one JSON file each (`articles/<year>/<triplet-uuid>_<n>.json` with `title`,
`date`, `url`, `source`, `triplet-uuid` and `body-paragraphs`, a list of paragraphs, each a list of
sentences). Written as a claims header (title, date, url, source) and the paragraphs, one per
line with a blank line between. `clusters.tsv` beside the articles maps each article file to its
event: the gold stories for benchmarks/bench_precision.py. The corpus is not bundled: its text is
not ours to ship.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}


def convert(record: dict) -> str:
    source = str(record.get("source", "")).lower()
    header = [
        f"title: {' '.join(str(record.get('title', '')).split())}",
        f"date: {record.get('date', '')}",
        f"url: {record.get('url', '')}",
        f"source: {OUTLETS.get(source, source)}",
    ]
    paragraphs = [
        " ".join(" ".join(sentence.split()) for sentence in paragraph) for paragraph in record["body-paragraphs"]
    ]
    return "\n".join(header) + "\n\n" + "\n\n".join(p for p in paragraphs if p) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path, help="BASIL's articles/ folder (year folders of JSON files)")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for path in sorted(args.articles.glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        source = str(record.get("source", "")).lower()
        name = f"{path.parent.name}-{path.stem}-{source}.txt"
        (args.out / name).write_text(convert(record), encoding="utf-8")
        rows.append(f"{name}\t{path.parent.name}-{record['triplet-uuid']}")
    (args.out / "clusters.tsv").write_text("article\tcluster\n" + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} article(s) written to {args.out}")


if __name__ == "__main__":
    main()
