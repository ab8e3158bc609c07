"""Throughput of `claims check` over synthetic claims at scale.

    python3 benchmarks/bench_check.py --claims 1000000
    python3 benchmarks/bench_check.py --claims 1000000 --db postgresql+psycopg://postgres@127.0.0.1:5432/test
    python3 benchmarks/bench_check.py --claims 1000000 --jobs 2      # two processes share the check

Builds stories of 2-20 articles with about 20 claims each: figures of a few facts per
story, each with the content words its articles share (the frame the checker aligns on),
(counts mostly, some money, percent, quantities and durations) on concept and
"~subject" topics, reported exactly, approximately or as bounds, with actor, place and
time often missing, a few framed by roles, a share of genuine disagreements (--conflicts)
and a few "total, including parts" sentences for the arithmetic pass; plus years and
dates (topic NULL), figures without a topic and boilerplate. Articles of the stories of
one window are interleaved by date, as an ingest over time stores them.

Then times `run_check` end to end (rules, arithmetic, saving discrepancies), and a second
`run_check` over the same data with everything already saved. Building and each check run
in their own process, so the peak RSS printed for a check is that check's alone (it
includes the interpreter and imports, printed as the baseline). The build time is not
part of any check time. On PostgreSQL the data goes into a fresh schema, analysed as
autovacuum would after a bulk load, and dropped at the end. Measures; asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# How many stories are generated, interleaved and inserted together.
WINDOW_STORIES = 200
INSERT_CHUNK = 20_000

ACTORS = {
    "vi": ["US", "Mỹ", "Israel", "Hamas", "IS", "Nga", "Ukraine", "Bộ Y tế", "UBND tỉnh", "Bộ Công an"],
    "en": ["US", "UK", "Israel", "Hamas", "IS", "Russia", "Ukraine", "FEMA", "the council", "police"],
}
LOCATIONS = {
    "vi": ["Iraq", "Syria", "Gaza", "Hà Nội", "TP.HCM", "Quảng Ninh", "Lào Cai", "Yên Bái", "Đà Nẵng", "Huế"],
    "en": ["Iraq", "Syria", "Gaza", "Maui", "Lahaina", "London", "Kyiv", "Texas", "Ohio", "Manila"],
}
OPPONENTS = ["IS", "Israel", "Hamas", "Hezbollah", "Nga", "Ukraine", "liên minh", "NATO"]
CONCEPTS = {
    "count": [
        "troops",
        "deaths",
        "injured",
        "missing",
        "evacuated",
        "houses",
        "cases",
        "arrested",
        "students",
        "flights",
        "vehicles",
        "patients",
        "attacks",
        "households",
        "boats",
        "workers",
    ],
    "money": ["budget", "damage", "aid", "revenue", "fine", "salary"],
    "percent": ["unemployment", "growth", "turnout", "inflation", "approval", "vaccination"],
    "quantity": ["rainfall", "area", "oil", "rice"],
    "duration": ["sentence", "delay", "ceasefire", "deployment"],
}
SUBJECTS = {
    "vi": {
        "count": [
            "binh sĩ mỹ",
            "người thiệt mạng",
            "hộ dân",
            "ca mắc mới",
            "người sơ tán",
            "ngôi nhà bị sập",
            "tàu cá",
            "học sinh",
            "người mất tích",
            "công nhân",
        ],
        "money": ["vốn đầu tư", "tiền bồi thường", "kinh phí"],
        "percent": ["tỷ lệ tiêm chủng", "tỷ lệ thất nghiệp"],
        "quantity": ["lượng mưa", "diện tích lúa"],
        "duration": ["thời gian cách ly", "án tù"],
    },
    "en": {
        "count": [
            "us soldiers",
            "people killed",
            "homes destroyed",
            "new cases",
            "evacuees",
            "teachers",
            "fishing boats",
            "pupils",
            "people missing",
            "workers",
        ],
        "money": ["investment", "compensation", "funding"],
        "percent": ["vaccination rate", "jobless rate"],
        "quantity": ["rainfall", "rice area"],
        "duration": ["quarantine", "prison term"],
    },
}
UNITS = {
    "count": [None],
    "money": ["VND", "USD"],
    "percent": [None],
    "quantity": ["mm", "ha", "tấn"],
    "duration": ["month"],
}
KIND_WEIGHTS = {"count": 70, "money": 10, "percent": 8, "quantity": 6, "duration": 6}
PREFIX = {
    "vi": [
        "Theo báo cáo, có",
        "Cơ quan chức năng cho biết",
        "Tính đến sáng nay,",
        "Nguồn tin cho hay",
        "Phát biểu tại cuộc họp, ông cho biết",
    ],
    "en": [
        "According to officials,",
        "The ministry said",
        "By Tuesday morning,",
        "Sources put the figure at",
        "Speaking at a briefing, he said",
    ],
}
SUFFIX = {
    "vi": "đã được ghi nhận trong đợt này, con số có thể còn thay đổi.",
    "en": "were reported in this round, and the figure may still change.",
}
ARITHMETIC = {
    "vi": ("Vụ việc khiến {t} người thương vong, trong đó {a} người chết và {b} người bị thương.", "trong đó"),
    "en": ("The blast left {t} casualties, including {a} dead and {b} injured.", "including"),
}


def _sig(value: float, digits: int) -> float:
    """`value` rounded to `digits` significant digits, as a writer rounds an approximation."""
    if value == 0:
        return 0.0
    return round(value, digits - 1 - int(math.floor(math.log10(abs(value)))))


def _shown(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 or value == int(value) else f"{value:g}"


class Builder:
    """Synthetic stories, articles and claims, window by window, with explicit story and article ids."""

    def __init__(self, rng: random.Random, conflict_rate: float):
        self.rng = rng
        self.conflict_rate = conflict_rate
        self.story_id = 0
        self.article_id = 0
        self.planted = Counter()

    # -- facts: what a story's articles report, each a topic, a key, a true value ---------------
    def _fact(self, lang: str, palette: dict) -> dict:
        rng = self.rng
        kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
        if rng.random() < 0.75:
            topic = rng.choice(CONCEPTS[kind])
        else:
            topic = "~" + rng.choice(SUBJECTS[lang][kind])
        unit = rng.choice(UNITS[kind])
        if kind == "count":
            value = float(int(10 ** rng.uniform(0.5, 5)))
        elif kind == "money":
            value = _sig(10 ** rng.uniform(6, 12) if unit == "VND" else 10 ** rng.uniform(3, 9), 3)
        elif kind == "percent":
            value = round(rng.uniform(0.5, 60), 1)
        elif kind == "quantity":
            value = _sig(10 ** rng.uniform(1, 5), 3)
        else:
            value = float(rng.choice([1, 2, 3, 6, 9, 12, 18, 24, 36]))
        year, month, day = palette["year"], palette["month"], palette["day"]
        times = [
            f"{year}",
            f"{year}-{month:02d}",
            f"{year}-{month:02d}-{day:02d}",
            f"since:{year}-{month:02d}",
            f"--{month:02d}-{day:02d}",
            f"{year - 1}",
        ]
        roles = {}
        if rng.random() < 0.08:
            roles = {rng.choice(["against", "part_of", "target"]): rng.choice(OPPONENTS)}
            if rng.random() < 0.3:
                roles["source"] = rng.choice(["Reuters", "AP", "TTXVN"])
        # The content words around a fact's figures (claims/extract/frame.py): most of them shared by
        # the articles that state it, drawn from the story's own vocabulary.
        words = rng.sample(palette["vocabulary"], 6)
        return {
            "kind": kind,
            "topic": topic,
            "unit": unit,
            "value": value,
            "roles": roles,
            "words": words,
            "vocabulary": palette["vocabulary"],
            "actor": rng.choice(palette["actors"]) if rng.random() < 0.5 else None,
            "location": rng.choice(palette["locations"]) if rng.random() < 0.6 else None,
            "time": rng.choice(times) if rng.random() < 0.4 else None,
        }

    # -- mentions: one article's reading of a fact ----------------------------------------------
    def _mention(self, fact: dict) -> dict:
        rng = self.rng
        kind, unit, value, roles = fact["kind"], fact["unit"], fact["value"], fact["roles"]
        # Articles often leave out who, where or when; a missing field never keeps figures apart.
        actor = fact["actor"] if rng.random() < 0.65 else None
        location = fact["location"] if rng.random() < 0.65 else None
        when = fact["time"] if rng.random() < 0.6 else None
        if when and len(when) > 4 and when[:4].isdigit() and rng.random() < 0.3:
            when = when[:4]
        if roles and rng.random() < 0.3:
            roles = {}
        if rng.random() < self.conflict_rate:
            roll = rng.random()
            if roll < 0.1 and kind != "percent":
                value = value * 1000 if rng.random() < 0.5 else value / 1000
                self.planted["scale"] += 1
            elif roll < 0.25 and roles:
                role = next(r for r in roles if r != "source") if any(r != "source" for r in roles) else "against"
                roles = {**roles, role: rng.choice([o for o in OPPONENTS if o != roles.get(role)])}
                self.planted["context"] += 1
            elif roll < 0.3 and kind == "percent":
                kind = "percentage_point"
                self.planted["percent_vs_points"] += 1
            else:
                value = value * rng.choice([0.4, 0.6, 0.75, 1.3, 1.6, 2.5])
                if kind == "count":
                    value = float(max(1, round(value)))
                self.planted["value"] += 1
            qualifier = "exact"
        else:
            qualifier = rng.choices(["exact", "approx", "more_than", "at_least", "less_than"], [50, 30, 10, 5, 5])[0]
        if kind == "duration" and value % 12 == 0 and rng.random() < 0.3:
            value, unit = value / 12, "year"  # the same duration in other units
        if qualifier == "exact":
            low = high = shown = value
        elif qualifier == "approx":
            shown = _sig(value, 2)
            low, high = shown * 0.9, shown * 1.1
        elif qualifier in ("more_than", "at_least"):
            shown = _sig(value * rng.uniform(0.7, 1.0), 1)
            shown = min(shown, value)
            low, high = shown, None
        else:
            shown = _sig(value * rng.uniform(1.0, 1.5), 1)
            shown = max(shown, value)
            low, high = None, shown
        words = set(rng.sample(fact["words"], rng.randint(3, 5))) | set(rng.sample(fact["vocabulary"], 1))
        frame = json.dumps({"words": sorted(words)}, ensure_ascii=False)
        return {
            "value": shown,
            "low": low,
            "high": high,
            "qualifier": qualifier,
            "kind": kind,
            "unit": unit,
            "topic": fact["topic"],
            "actor": actor,
            "location": location,
            "time": when,
            "roles": roles,
            "frame": frame,
        }

    # -- one story --------------------------------------------------------------------------------
    def story(self, first_day: date) -> tuple[dict, list[tuple[dict, list[dict]]]]:
        rng = self.rng
        self.story_id += 1
        lang = "vi" if rng.random() < 0.8 else "en"
        n_articles = rng.randint(2, 20)
        palette = {
            "actors": rng.sample(ACTORS[lang], rng.randint(1, 3)),
            "locations": rng.sample(LOCATIONS[lang], rng.randint(1, 3)),
            "year": rng.randint(2019, 2025),
            "month": rng.randint(1, 12),
            "day": rng.randint(1, 28),
            "vocabulary": [f"word{n}" for n in rng.sample(range(5000), 60)],
        }
        facts = [self._fact(lang, palette) for _ in range(6 + 2 * n_articles)]
        # The lead facts are repeated by most articles, the rest by a few.
        weights = [1 / (rank + 1) for rank in range(len(facts))]
        breakdown = (lambda t: (t, int(t * rng.uniform(0.2, 0.6))))(rng.randint(20, 900))
        story_row = {
            "id": self.story_id,
            "name": f"bench-story-{self.story_id}",
            "manual": False,
            "created_at": datetime(first_day.year, first_day.month, first_day.day),
        }
        articles = []
        for _ in range(n_articles):
            published = None if rng.random() < 0.08 else (first_day + timedelta(days=rng.randint(0, 6))).isoformat()
            articles.append(self._article(lang, published, facts, weights, breakdown))
        return story_row, articles

    def _article(
        self, lang: str, published: str | None, facts: list[dict], weights: list[float], breakdown: tuple[int, int]
    ) -> tuple[dict, list[dict]]:
        rng = self.rng
        self.article_id += 1
        sentences: list[str] = []
        claims: list[dict] = []
        offset = 0

        def add_sentence(sentence: str, figures: list[tuple[int, str, dict]]) -> None:
            nonlocal offset
            for at, text, fields in figures:
                claims.append(
                    {
                        "article_id": self.article_id,
                        "start": offset + at,
                        "end": offset + at + len(text),
                        "text": text,
                        "sentence": sentence,
                        "sentence_start": offset,
                        "lang": lang,
                        **fields,
                    }
                )
            sentences.append(sentence)
            offset += len(sentence) + 1

        target = max(4, int(rng.gauss(20, 6)))
        while len(claims) < target:
            roll = rng.random()
            if roll < 0.02 and lang in ARITHMETIC:
                add_sentence(*self._arithmetic(lang, breakdown))
                continue
            if roll < 0.12:
                fields = self._non_figure(rng)
            else:
                fields = self._mention(rng.choices(facts, weights)[0])
                if roll < 0.17:  # a figure whose subject the extractor could not name
                    fields["topic"] = None
            text = self._text(lang, fields)
            prefix = rng.choice(PREFIX[lang]) + " "
            sentence = f"{prefix}{text} {SUFFIX[lang]}"
            fields["roles"] = json.dumps(fields["roles"], ensure_ascii=False, sort_keys=True)
            fields["subject"] = fields["topic"][1:] if fields["topic"] and fields["topic"].startswith("~") else None
            fields["concept"] = fields["topic"] if fields["topic"] and not fields["topic"].startswith("~") else None
            fields["is_boilerplate"] = rng.random() < 0.03
            fields["is_caption"] = rng.random() < 0.02
            add_sentence(sentence, [(len(prefix), text, fields)])
        text = " ".join(sentences)
        content_hash = hashlib.sha256(f"bench-article-{self.article_id}".encode()).hexdigest()
        article = {
            "id": self.article_id,
            "content_hash": content_hash,
            "title": sentences[0][:80],
            "source": rng.choice(["vnexpress.net", "tuoitre.vn", "reuters.com", "apnews.com", None]),
            "url": f"https://example.com/{self.article_id}",
            "author": None,
            "published": published,
            "lang": lang,
            "path": None,
            "text": text,
            "tail_start": None,
            "signature": "",
            "ingested_at": datetime(2025, 1, 1),
        }
        return article, claims

    def _non_figure(self, rng: random.Random) -> dict:
        # Years, dates and times: no topic, never compared.
        kind = rng.choice(["year", "date", "date", "time"])
        value = float(rng.randint(2015, 2025)) if kind == "year" else None
        return {
            "value": value,
            "low": value,
            "high": value,
            "qualifier": "exact",
            "kind": kind,
            "unit": None,
            "topic": None,
            "actor": None,
            "location": None,
            "time": None,
            "roles": {},
            "frame": "{}",
        }

    def _arithmetic(self, lang: str, breakdown: tuple[int, int]) -> tuple[str, list[tuple[int, str, dict]]]:
        template, marker = ARITHMETIC[lang]
        total, dead = breakdown
        wounded = total - dead
        if self.rng.random() < self.conflict_rate * 5:
            wounded = total  # parts add up to more than the total
            self.planted["arithmetic"] += 1
        numbers = {"t": total, "a": dead, "b": wounded}
        sentence = template.format(t=total, a=dead, b=wounded)
        figures, search_from = [], 0
        for name, topic in (("t", "casualties"), ("a", "killed"), ("b", "wounded")):
            text = str(numbers[name])
            at = sentence.index(text, search_from)
            search_from = at + len(text)
            value = float(numbers[name])
            figures.append(
                (
                    at,
                    text,
                    {
                        "value": value,
                        "low": value,
                        "high": value,
                        "qualifier": "exact",
                        "kind": "count",
                        "unit": None,
                        "topic": topic,
                        "subject": None,
                        "concept": topic,
                        "actor": None,
                        "location": None,
                        "time": None,
                        "roles": "{}",
                        "frame": "{}",
                        "is_boilerplate": False,
                        "is_caption": False,
                    },
                )
            )
        return sentence, figures

    def _text(self, lang: str, fields: dict) -> str:
        value = fields["value"]
        if value is None:
            return "27/9" if fields["kind"] == "date" else "19:15"
        shown = _shown(value)
        if lang == "vi":
            shown = shown.replace(",", ".")
        qualifier = {
            "approx": {"vi": "khoảng ", "en": "about "},
            "more_than": {"vi": "hơn ", "en": "more than "},
            "at_least": {"vi": "ít nhất ", "en": "at least "},
            "less_than": {"vi": "dưới ", "en": "under "},
        }
        words = qualifier.get(fields["qualifier"], {}).get(lang, "")
        unit = {"percent": "%", "percentage_point": " điểm phần trăm" if lang == "vi" else " percentage points"}.get(
            fields["kind"], f" {fields['unit']}" if fields["unit"] else ""
        )
        return f"{words}{shown}{unit}"


def build(url: str, n_claims: int, conflict_rate: float, seed: int) -> dict:
    from sqlalchemy import insert, text

    from claims.store.database import open_store
    from claims.store.models import Article, ClaimRecord, Story

    store = open_store(url)
    builder = Builder(random.Random(seed), conflict_rate)
    stored = articles_stored = 0
    day = date(2024, 1, 1)
    while stored < n_claims:
        stories, articles = [], []
        for _ in range(WINDOW_STORIES):
            story_row, story_articles = builder.story(day)
            stories.append(story_row)
            for article, claims in story_articles:
                articles.append(
                    (article["published"] or "9999", builder.rng.random(), story_row["id"], article, claims)
                )
            if stored + sum(len(a[4]) for a in articles) >= n_claims:
                break
        # Stories of a window are stored interleaved, by date, as they would arrive.
        articles.sort(key=lambda a: (a[0], a[1]))
        claim_rows = []
        for _, _, story_id, article, claims in articles:
            article["story_id"] = story_id
            for claim in claims:
                claim["story_id"] = story_id
            claim_rows.extend(claims)
        claim_rows = claim_rows[: n_claims - stored]
        with store.writing() as conn:
            conn.execute(insert(Story.__table__), stories)
            conn.execute(insert(Article.__table__), [a[3] for a in articles])
            for start in range(0, len(claim_rows), INSERT_CHUNK):
                conn.execute(insert(ClaimRecord.__table__), claim_rows[start : start + INSERT_CHUNK])
        stored += len(claim_rows)
        articles_stored += len(articles)
        day += timedelta(days=3)
    if store.dialect == "postgresql":
        with store.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            for table in ("stories", "articles"):
                # Ids were given explicitly: move the sequences past them.
                conn.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
                )
            conn.execute(text("VACUUM ANALYZE"))
    store.dispose()
    return {
        "claims": stored,
        "articles": articles_stored,
        "stories": builder.story_id,
        "planted": dict(builder.planted),
    }


def check(url: str, cpu: int, jobs: int = 1) -> dict:
    from claims.check.checker import run_check
    from claims.store.database import open_store

    if cpu >= 0 and jobs == 1 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})  # one core for the checker (a PostgreSQL server still runs apart)

    store = open_store(url)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    result = run_check(store, jobs=jobs)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    store.dispose()
    return {
        "claims_read": result.claims_read,
        "findings": len(result.findings),
        "new": result.new,
        "by_kind": dict(Counter(f.kind for f in result.findings)),
        "seconds": elapsed,
        "baseline_rss_mb": baseline,
        "peak_rss_mb": peak,
    }


def _phase(name: str, url: str, args: argparse.Namespace) -> dict:
    """Run one phase in a fresh interpreter; its last line of output is the JSON result."""
    command = [
        sys.executable,
        __file__,
        "--phase",
        name,
        "--db",
        url,
        "--claims",
        str(args.claims),
        "--conflicts",
        str(args.conflicts),
        "--seed",
        str(args.seed),
        "--cpu",
        str(args.cpu),
        "--jobs",
        str(args.jobs),
    ]
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_seconds"] = time.perf_counter() - started
    return result


def _report(label: str, result: dict, stored: int) -> None:
    rate = stored / result["seconds"] if result["seconds"] else float("inf")
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(result["by_kind"].items()))
    print(
        f"{label}: {result['seconds']:7.2f} s  {rate:9.0f} stored claims/s  "
        f"peak RSS {result['peak_rss_mb']:.0f} MB (baseline {result['baseline_rss_mb']:.0f} MB)\n"
        f"         claims read {result['claims_read']} (with a topic, not boilerplate)  "
        f"findings {result['findings']} ({kinds})  new {result['new']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=1_000_000, help="how many claims to store")
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file); PostgreSQL gets a fresh schema")
    parser.add_argument("--conflicts", type=float, default=0.02, help="share of mentions that disagree with their fact")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cpu", type=int, default=0, help="pin each check to this core (-1: do not pin)")
    parser.add_argument(
        "--jobs", type=int, default=1, help="processes sharing the check (above 1, the check is not pinned to a core)"
    )
    parser.add_argument("--phase", choices=["build", "check"], help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase == "build":
        print(json.dumps(build(args.db, args.claims, args.conflicts, args.seed)))
        return
    if args.phase == "check":
        print(json.dumps(check(args.db, args.cpu, args.jobs)))
        return

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    with tempfile.TemporaryDirectory() as folder:
        schema, admin = None, None
        url = args.db or f"sqlite:///{folder}/bench.db"
        if make_url(url).get_backend_name() == "postgresql":
            schema = f"claims_bench_{uuid.uuid4().hex[:12]}"
            admin = create_engine(url)
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            url = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
        try:
            built = _phase("build", url, args)
            print(
                f"build:   {built['wall_seconds']:7.2f} s  {built['claims']} claims, {built['articles']} articles, "
                f"{built['stories']} stories (not timed below); planted disagreements {built['planted']}"
            )
            if schema is None:
                size = sum(p.stat().st_size for p in Path(folder).iterdir())
                print(f"         database files {size / 1e6:.0f} MB")
            _report("check  ", _phase("check", url, args), built["claims"])
            _report("recheck", _phase("check", url, args), built["claims"])
        finally:
            if admin is not None:
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()


if __name__ == "__main__":
    main()
