"""Write the background term counts that story grouping starts from (claims/lang/<code>/story_background.toml).

    python3 benchmarks/story_background.py DIR claims/lang/vi/story_background.toml [--min-share 0.025]

A young archive cannot tell "cho biết" from "bão Yagi": every term is as rare as the next. The
background counts, in how many of a set of ordinary news articles each common term of a
signature occurs, weigh terms from the first article on. Only terms in at least --min-share of
the articles are kept (rarer ones the archive weighs well enough), so the file stays small.
The bundled Vietnamese counts come from the CP_Vietnamese-UNC Dân Trí articles
(benchmarks/unc_to_txt.py) less the 300 that benchmarks/bench_grouping.py keeps for its
unrelated-articles check.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_grouping import unrelated_sample  # noqa: E402

from claims.lang import load_pack  # noqa: E402
from claims.sources import read_articles  # noqa: E402
from claims.sources.article import SourceArticle  # noqa: E402
from claims.store.stories import signature  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--lang", default="vi")
    parser.add_argument("--min-share", type=float, default=0.025)
    args = parser.parse_args()
    held_out = set(unrelated_sample(args.folder))
    files = [str(p) for p in sorted(args.folder.glob("*.txt")) if p not in held_out]
    pack = load_pack(args.lang)
    counts: Counter[str] = Counter()
    articles = 0
    for item in read_articles(files):
        if isinstance(item, SourceArticle):
            counts.update(signature(item.title, item.text, pack).counts.keys())
            articles += 1
    floor = max(1, round(args.min_share * articles))
    kept = sorted((t for t, n in counts.items() if n >= floor), key=lambda t: (-counts[t], t))
    lines = [
        "# In how many of a set of ordinary news articles each common story-grouping term occurs",
        "# (written by benchmarks/story_background.py; pairs of syllables are written with a space).",
        "# Story grouping adds these to the archive's own counts, so that a young archive already",
        "# knows which terms are too common to tell one story from another.",
        "[stories.background]",
        f"articles = {articles}",
        "",
        "[stories.background.terms]",
    ]
    lines += [f"{_key(t.replace('_', ' '))} = {counts[t]}" for t in kept]
    args.target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(kept)} terms in at least {floor} of {articles} articles written to {args.target}")


def _key(term: str) -> str:
    return '"' + term.replace("\\", "\\\\").replace('"', '\\"') + '"'


if __name__ == "__main__":
    main()
