"""Recall of a changed figure (issue #13, "Same fact or not"): real articles against copies with one figure changed.

    python3 benchmarks/unc_to_txt.py path/to/CP_Vietnamese-UNC/ /work/data/unc-news/
    python3 benchmarks/bbc_to_txt.py path/to/bbc/ /work/data/bbc-news/
    python3 benchmarks/recall_pairs.py run --vi /work/data/unc-news --en /work/data/bbc-news
    python3 benchmarks/recall_pairs.py run ... --claims /path/to/other/claims --results out.tsv
    python3 benchmarks/recall_pairs.py build --vi ... --en ... > benchmarks/recall_pairs.tsv   # new spec

`recall_pairs.tsv` is the spec: per pair the article's file name, the character offset of one
figure in its body, the figure as written there (to check the local copy is the same text), the
changed figure, and whether the second version is an exact copy or rewritten (with the seed of
the rewrite). It holds no article text: `run` rebuilds every pair from a local copy of the public
corpora (made by the converters above) and runs the installed `claims` as a user would:

    claims audit <pair folder> --story <pair> --db <one SQLite file for the run> -f jsonl

one process and one story per pair, the language detected, both versions read from disk; at the end
one `claims list` says how the figure was stored in A and in B, to read the misses by.
Version A is the article; version B the same with the figure changed and, in a rewritten pair,
also the way another outlet would retell it: paragraphs moved, one other sentence dropped, a new
title, a few verbs swapped for synonyms. Both keep the same date, so no "update" is expected.

The figure was chosen by a plain pattern of this script, not by claims' extractor: digits (with
thousands separators, decimals), optionally a scale word or a percent sign, in the body; numbers
that read as years, dates, times, phone numbers, dashed spans, list items, codes or names are skipped. The
change is a careless edit's: the value times or divided by 1.3-3, at the original's precision and
written the same way ("2.500" stays dot-grouped, "12,5" keeps its comma), at least 25% apart.

Per pair: flagged = a `value` or `scale` discrepancy names a claim of B over the changed figure;
other flags = discrepancies naming no claim over it (within A, within B, or across). Targets of the
issue: flagged in >= 95% of exact copies and >= 85% of rewritten ones; no other flag in >= 97% of
pairs. Measures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import regex

SPEC = Path(__file__).with_name("recall_pairs.tsv")
SPEC_COLUMNS = ("pair", "lang", "article", "variant", "offset", "original", "changed", "seed")
TIMEOUT = 5  # seconds, for any pattern over one article

# ---------------------------------------------------------------------------------------------
# Reading an article as claims does (header, blank line, body), with the body cleaned the way claims
# normalises it, so offsets here are offsets in the text claims stores.

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CONTROLS = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    text = _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"), timeout=TIMEOUT)
    return unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)


def read_article(path: Path) -> tuple[dict[str, str], str]:
    header, _, body = clean(path.read_text(encoding="utf-8")).partition("\n\n")
    fields = {}
    for line in header.split("\n"):
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields, body


def write_article(path: Path, fields: dict[str, str], body: str) -> None:
    header = "".join(f"{key}: {value}\n" for key, value in fields.items() if value)
    path.write_text(header + "\n" + body, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Choosing a figure with a plain pattern.


@dataclass(frozen=True)
class Style:
    group: str  # thousands separator as written in this language
    decimal: str
    number: str  # pattern of a written number
    scale: str  # pattern of what may follow it: a scale word or a percent sign
    not_before: tuple[str, ...]  # words after which a number is a date, a rank or a code
    not_after: frozenset[str]  # words before which a number is a time or a date


MONTHS_EN = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()

STYLES = {
    "vi": Style(
        ".",
        ",",
        r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
        r"\s*%|\s+(?:tỷ|triệu|nghìn|ngàn)(?!\p{L})",
        (
            "ngày",
            "tháng",
            "năm",
            "thứ",
            "số",
            "điều",
            "khoản",
            "mục",
            "chương",
            "quý",
            "top",
            "hạng",
            "lần",
            "đợt",
            "khóa",
            "khoá",
            "phiên",
            "tập",
            "trang",
            "phòng",
            "lô",
            "tầng",
            "quận",
            "phường",
            "đường",
            "lộ",
            "km",
            "kỳ",
            "vòng",
            "phút",
            "bậc",
            "cấp",
            "bảng",
            "mã",
            "lớp",
            "khối",
            "ngõ",
            "hẻm",
            "ngách",
            "tổ",
            "thôn",
            "xóm",
            "ấp",
            "nghị định",
            "thông tư",
            "quyết định",
            "nghị quyết",
            "công văn",
            "chỉ thị",
            "cao tốc",
            "type",
            "hiệp",
            "khu vực",
            "bệnh viện",
            "sư đoàn",
            "lữ đoàn",
        ),
        frozenset("giờ h g tháng".split()),
    ),
    "en": Style(
        ",",
        ".",
        r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?",
        r"%|(?:bn|m)(?!\p{L})|\s+(?:per\s+cent|percent|million|billion|trillion)(?!\p{L})",
        (
            "no",
            "number",
            "article",
            "section",
            "chapter",
            "page",
            "room",
            "top",
            "route",
            "flight",
            "version",
            "round",
            "stage",
            "game",
            "series",
            "level",
            "grade",
            "channel",
            "radio",
            "windows",
            "formula",
            "division",
            "group",
            "class",
            "line",
            "step",
            "platform",
            "terminal",
            "volume",
            "vol",
            "issue",
            "episode",
            "part",
            "clause",
            "paragraph",
            "rule",
            "highway",
            "type",
            "size",
            "category",
            "tier",
            *MONTHS_EN,
        ),
        frozenset(["am", "pm", "gmt", "bst", "o'clock", *MONTHS_EN]),
    ),
}

# A number not touching a letter, a digit or a code's punctuation ("Covid-19", "27/9", "19:30", "U23").
_EDGE_BEFORE = r"(?<![\p{L}\p{N}_./:,\-–—@#&+])"
_EDGE_AFTER = r"(?![\p{L}\p{N}_/:\-–—@#&+]|[.,]\d)"
_PATTERNS = {
    code: regex.compile(rf"{_EDGE_BEFORE}(?P<num>{s.number})(?:(?P<scale>{s.scale}){_EDGE_AFTER}|{_EDGE_AFTER})")
    for code, s in STYLES.items()
}
# What makes a number one item of a list or one end of a span written with a dash: "210, 211 và 305",
# "3 or 4", "10 - 15". "From 5% to 8%" stays: that is two figures, a change.
_JOINED_AFTER = regex.compile(r"[\s%]*(?:,|;|-|–|—|/|\bvà\b|\bhoặc\b|\band\b|\bor\b)\s*[$£€]?\d")
_JOINED_BEFORE = regex.compile(r"\d\s*%?\s*(?:,|;|-|–|—|/|\bvà\b|\bhoặc\b|\band\b|\bor\b)\s*[$£€]?$")
_WORD_BEFORE = regex.compile(r"(\p{L}[\p{L}'.]*)(\W*)$")
_WORD_AFTER = regex.compile(r"^\s*(\p{L}[\p{L}']*)")
_SENTENCE_START = regex.compile(r"(?:[.!?…:]\s*[\"“”'‘’]?\s*|\n\s*)$")


@dataclass(frozen=True)
class Figure:
    start: int  # offset of the number (digits only) in the body
    text: str  # the number as written
    scale: str  # what follows it, as written ("" when nothing)
    value: float
    decimals: int
    grouped: bool


def parse(text: str, style: Style) -> tuple[float, int, bool]:
    whole, _, fraction = text.partition(style.decimal)
    grouped = style.group in whole
    return float(whole.replace(style.group, "") + ("." + fraction if fraction else "")), len(fraction), grouped


def _is_figure(body: str, start: int, end: int, num: str, scale: str, style: Style) -> bool:
    value, decimals, grouped = parse(num, style)
    if value <= 0:
        return False
    if scale in ("m", "bn") and body[start - 1 : start] not in ("$", "£", "€"):
        return False  # "60m" is a race, "$60m" money
    if not grouped and not decimals and not scale and 1900 <= value <= 2100:
        return False  # a year
    if not grouped and not decimals and len(num) >= 7:
        return False  # a phone number or an id
    # A window opening at the body's start opens a sentence: the "\n" says so to _SENTENCE_START.
    before = ("\n" if start <= 80 else "") + body[max(0, start - 80) : start]
    after = body[end : end + 40]
    if _JOINED_AFTER.match(after, timeout=TIMEOUT) or _JOINED_BEFORE.search(before, timeout=TIMEOUT):
        return False
    if regex.search(r"\d\s+$", before, timeout=TIMEOUT) or regex.match(r"\s+\d", after, timeout=TIMEOUT):
        return False  # digit groups apart ("0912 345 678")
    if regex.match(r"[.)]\s", after, timeout=TIMEOUT) and regex.search(r"(?:^|\n)\s*$", before, timeout=TIMEOUT):
        return False  # a list's numbering ("1. ...")
    words_before = regex.sub(r"[^\p{L}]+$", "", before.lower(), timeout=TIMEOUT)
    for words in style.not_before:
        if words_before.endswith(words) and not words_before[: -len(words)][-1:].isalpha():
            return False
    word = _WORD_BEFORE.search(before, timeout=TIMEOUT)
    if word and word.group(1)[0].isupper() and not word.group(2).strip():
        if not _SENTENCE_START.search(before[: word.start()], timeout=TIMEOUT):
            return False  # part of a name: "Radio 4", "Quốc lộ 1", "Euro 2004"
    following = _WORD_AFTER.match(after, timeout=TIMEOUT)
    if following and following.group(1).lower() in style.not_after:
        return False
    if following and following.group(1)[0].isupper() and not following.group(1).isupper():
        return False  # a house number or a name: "7 Bạch Đằng", "6 Music" (not "200 USD", "3 CLB")
    return True


def figures_in(body: str, lang: str) -> list[Figure]:
    style = STYLES[lang]
    found = []
    for match in _PATTERNS[lang].finditer(body, timeout=TIMEOUT):
        num, scale = match.group("num"), match.group("scale") or ""
        start, end = match.span()
        if _is_figure(body, start, end, num, scale, style):
            value, decimals, grouped = parse(num, style)
            found.append(Figure(start, num, scale.strip(), value, decimals, grouped))
    return found


# ---------------------------------------------------------------------------------------------
# Changing it the way a careless edit would.


def write_number(value: float, decimals: int, grouped: bool, style: Style) -> str:
    text = f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"
    return text.replace(",", "\0").replace(".", style.decimal).replace("\0", style.group)


def changed_number(figure: Figure, lang: str, rng: random.Random) -> str | None:
    style = STYLES[lang]
    digits = figure.text.split(style.decimal)[0].replace(style.group, "")
    significant = max(1, len(digits.rstrip("0"))) if not figure.decimals else None
    # "900" -> "2.700" is how the outlet writes thousands; "1500" stays ungrouped.
    grouped = figure.grouped or (len(digits) <= 3 and not figure.decimals)
    for _ in range(40):
        factor = rng.uniform(1.3, 3.0)
        value = figure.value / factor if rng.random() < 0.5 else figure.value * factor
        if significant is not None:
            magnitude = 10 ** max(0, len(str(int(value))) - significant)
            value = round(value / magnitude) * magnitude
        else:
            value = round(value, figure.decimals)
        text = write_number(value, figure.decimals, grouped and value >= 1000, style)
        if figure.text.startswith("0") and not figure.decimals:
            text = text.zfill(len(figure.text))  # "06 nhóm" -> "02 nhóm"
        if figure.decimals and text.endswith(style.decimal + "0" * figure.decimals):
            continue  # "12,5" -> "20,0" is no careless edit
        if figure.scale in ("%", "per cent", "percent") and figure.value <= 100 < value:
            continue
        if value > 0 and abs(value - figure.value) >= 0.25 * figure.value and text != figure.text:
            return text
    return None


# ---------------------------------------------------------------------------------------------
# Rewriting the second version the way another outlet would.

SYNONYMS = {
    "vi": {
        "cho biết": "cho hay",
        "khẳng định": "nhấn mạnh",
        "ước tính": "ước lượng",
        "công bố": "đưa ra",
        "thông báo": "thông tin",
        "triển khai": "thực hiện",
        "phát hiện": "phát giác",
        "yêu cầu": "đề nghị",
        "chia sẻ": "bày tỏ",
        "đề xuất": "kiến nghị",
        "xảy ra": "diễn ra",
        "tham gia": "góp mặt",
        "bắt đầu": "khởi đầu",
        "hỗ trợ": "giúp đỡ",
        "tuyên bố": "phát biểu",
        "tiếp nhận": "đón nhận",
        "cảnh báo": "lưu ý",
        "nhận định": "đánh giá",
        "ghi nhận": "nhận thấy",
        "lựa chọn": "chọn lựa",
    },
    "en": {
        "said": "stated",
        "says": "states",
        "rose": "climbed",
        "fell": "dropped",
        "increased": "grew",
        "announced": "revealed",
        "believes": "thinks",
        "expects": "anticipates",
        "warned": "cautioned",
        "admitted": "conceded",
        "bought": "acquired",
        "showed": "revealed",
        "launched": "unveiled",
        "added": "went on",
        "plans": "intends",
        "claimed": "asserted",
        "insisted": "maintained",
        "boosted": "lifted",
        "agreed": "consented",
        "helped": "aided",
    },
}
TITLE_PREFIX = {"vi": ("Cập nhật: ", "Toàn cảnh: ", "Tin mới: "), "en": ("Update: ", "In focus: ", "Latest: ")}
REWRITE_SOURCE = "Another outlet (benchmark rewrite)"
MARK = "\ue000"  # where the changed figure goes, kept through the rewrite

# A full stop after an initial or a title ends no sentence: "TP. HCM", "Mr. Brown", "J. Smith".
_ABBREVIATION = regex.compile(
    r"(?:\b\p{Lu}|\b(?:TP|Mr|Mrs|Ms|Dr|St|No|Co|Inc|Ltd|Jr|Sr|Gen|Col|Lt|Prof|Rev|U\.S|ThS|TS|PGS|GS|BS))[.]$"
)
_SENTENCE_END = regex.compile(r"[.!?…]+[\"”’)\]]*\s+(?=[\"“‘(\[]?[\p{Lu}\p{N}])")


def sentences_of(paragraph: str) -> list[str]:
    pieces, done = [], 0
    for match in _SENTENCE_END.finditer(paragraph, timeout=TIMEOUT):
        if _ABBREVIATION.search(paragraph[done : match.start() + 1], timeout=TIMEOUT):
            continue
        pieces.append(paragraph[done : match.end()].rstrip())
        done = match.end()
    pieces.append(paragraph[done:].rstrip())
    return [p for p in pieces if p.strip()]


def swap_verbs(text: str, lang: str, rng: random.Random, at_most: int) -> str:
    words = SYNONYMS[lang]
    pattern = regex.compile(r"(?<!\p{L})(" + "|".join(regex.escape(w) for w in words) + r")(?!\p{L})", regex.IGNORECASE)
    found = list(pattern.finditer(text, timeout=TIMEOUT))
    chosen = sorted(rng.sample(found, min(at_most, len(found))), key=lambda m: m.start(), reverse=True)
    for match in chosen:
        written = match.group(1)
        new = words[written.lower()]
        new = new[0].upper() + new[1:] if written[0].isupper() else new
        text = text[: match.start()] + new + text[match.end() :]
    return text


def new_title(title: str, lang: str, rng: random.Random) -> str:
    first, found, second = title.partition(": ")
    if found and first.strip() and second.strip() and len(title) < 120:
        return second[0].upper() + second[1:] + ": " + first
    return rng.choice(TITLE_PREFIX[lang]) + swap_verbs(title, lang, rng, 1)


def _is_prose(paragraph: str) -> bool:
    # Headings, photo captions and credit lines ("Ảnh: EPA", "VOV") stay where they are: an outlet
    # retelling a story moves its paragraphs, not the page furniture.
    return len(paragraph) >= 80 and paragraph.rstrip()[-1:] in '.!?…"”'


def rewrite(body: str, lang: str, seed: int) -> str:
    """The body retold: the lede first, prose paragraphs moved, one other sentence dropped, verbs swapped."""
    rng = random.Random(seed)
    joint = "\n\n" if "\n\n" in body.strip() else "\n"
    sentences: list[str] = []
    paragraphs: list[list[int]] = []  # sentence numbers, so two equal sentences stay two
    prose: set[int] = set()  # the sentences of prose paragraphs
    for paragraph in body.split(joint):
        if paragraph.strip():
            pieces = sentences_of(paragraph.strip())
            numbers = list(range(len(sentences), len(sentences) + len(pieces)))
            paragraphs.append(numbers)
            sentences += pieces
            if _is_prose(paragraph.strip()):
                prose.update(numbers)
    lede = next((i for i, p in enumerate(paragraphs) if p[0] in prose), 0)
    droppable = [
        n
        for i, p in enumerate(paragraphs)
        for n in p
        if MARK not in sentences[n] and n in prose and (i, n) != (lede, p[0])
    ]
    if droppable:
        dropped = rng.choice(droppable)
        paragraphs = [[n for n in p if n != dropped] for p in paragraphs]
    in_order = [n for p in paragraphs for n in p]
    slots = [i for i, p in enumerate(paragraphs) if i > lede and p and p[0] in prose]
    moving = [paragraphs[i] for i in slots]
    for _ in range(max(2, len(moving) // 3)):
        if len(moving) > 1:
            moving.insert(rng.randrange(len(moving)), moving.pop(rng.randrange(len(moving))))
    if len(moving) > 1 and [paragraphs[i] for i in slots] == moving:
        moving[0], moving[-1] = moving[-1], moving[0]  # the moves happened to undo each other
    for i, paragraph in zip(slots, moving):
        paragraphs[i] = paragraph
    # Two sentences of one paragraph change places, unless a quotation runs through it.
    long = [p for p in paragraphs if len(p) > 1 and not any(q in sentences[n] for n in p for q in '"“”')]
    if long:
        p = rng.choice(long)
        k = rng.randrange(len(p) - 1)
        p[k], p[k + 1] = p[k + 1], p[k]
    paragraphs = [p for p in paragraphs if p]
    if [n for p in paragraphs for n in p] == in_order:
        raise ValueError("nothing to reorder")  # build() keeps such articles out of the rewritten pairs
    text = joint.join(" ".join(sentences[n] for n in p) for p in paragraphs) + "\n"
    return swap_verbs(text, lang, rng, 3)


# ---------------------------------------------------------------------------------------------
# The spec: choosing pairs (build) and making their files again (run).


@dataclass(frozen=True)
class Pair:
    pair: str
    lang: str
    article: str
    variant: str  # exact | rewritten
    offset: int
    original: str
    changed: str
    seed: int


def build(corpora: dict[str, Path], counts: dict[str, int], seed: int) -> list[Pair]:
    pairs = []
    for lang, folder in corpora.items():
        rng = random.Random(f"{seed}-{lang}")
        files = sorted(p.name for p in folder.glob("*.txt"))
        rng.shuffle(files)
        made = 0
        for name in files:
            if made == counts[lang]:
                break
            _, body = read_article(folder / name)
            variant = ("exact", "rewritten")[made % 2]
            paragraphs = [p for p in body.split("\n") if p.strip()]
            if len(body) < 600 or (variant == "rewritten" and len(paragraphs) < 3):
                continue
            figures = figures_in(body, lang)
            if not figures:
                continue
            figure = rng.choice(figures)
            changed = changed_number(figure, lang, rng)
            rewrite_seed = rng.randrange(2**31) if variant == "rewritten" else 0
            if changed is None:
                continue
            if variant == "rewritten":
                try:
                    rewrite(body[: figure.start] + MARK + body[figure.start + len(figure.text) :], lang, rewrite_seed)
                except ValueError:
                    continue
            made += 1
            pairs.append(
                Pair(f"{lang}{made:03d}", lang, name, variant, figure.start, figure.text, changed, rewrite_seed)
            )
    return pairs


def read_spec(path: Path) -> list[Pair]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        Pair(
            r["pair"],
            r["lang"],
            r["article"],
            r["variant"],
            int(r["offset"]),
            r["original"],
            r["changed"],
            int(r["seed"]),
        )
        for r in rows
    ]


def write_spec(pairs: list[Pair], handle) -> None:
    writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
    writer.writerow(SPEC_COLUMNS)
    for p in pairs:
        writer.writerow([p.pair, p.lang, p.article, p.variant, p.offset, p.original, p.changed, p.seed])


def make_pair(pair: Pair, corpora: dict[str, Path], folder: Path) -> tuple[int, int]:
    """Write a.txt and b.txt into `folder`; the changed figure's offsets in A's body and in B's."""
    fields, body = read_article(corpora[pair.lang] / pair.article)
    end = pair.offset + len(pair.original)
    if body[pair.offset : end] != pair.original:
        raise ValueError(f"{pair.article}: no {pair.original!r} at {pair.offset}; is the local copy the same corpus?")
    folder.mkdir(parents=True)
    write_article(folder / "a.txt", fields, body)
    if pair.variant == "exact":
        write_article(folder / "b.txt", fields, body[: pair.offset] + pair.changed + body[end:])
        return pair.offset, pair.offset
    rng = random.Random(pair.seed)
    retold = rewrite(body[: pair.offset] + MARK + body[end:], pair.lang, pair.seed)
    title = new_title(fields.get("title", ""), pair.lang, rng)
    b_fields = {**fields, "title": title, "url": "", "source": REWRITE_SOURCE}
    write_article(folder / "b.txt", b_fields, retold.replace(MARK, pair.changed))
    return pair.offset, retold.index(MARK)


# ---------------------------------------------------------------------------------------------
# Running claims on a pair and reading what it flagged.

FIGURE_KINDS = ("value", "scale")
RESULT_COLUMNS = (
    "pair",
    "lang",
    "article",
    "variant",
    "original",
    "changed",
    "flagged",
    "kinds_on_figure",
    "partner_is_original",
    "other_flags",
    "other_kinds",
    "a_claim",
    "b_claim",
    "note",
)


@dataclass(frozen=True)
class Spans:
    """Where the figure stands: the original in A's body, the changed one in B's."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int


def _over(claim: dict, pair: str, name: str, start: int, end: int) -> bool:
    path = Path((claim.get("article") or {}).get("path") or "")
    return path.parent.name == pair and path.name == name and claim["start"] < end and start < claim["end"]


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=900)


def run_pair(
    pair: Pair, corpora: dict[str, Path], claims: list[str], root: Path, database: str
) -> tuple[dict, Spans | None]:
    row = {
        "pair": pair.pair,
        "lang": pair.lang,
        "article": pair.article,
        "variant": pair.variant,
        "original": pair.original,
        "changed": pair.changed,
    }
    try:
        a_at, b_at = make_pair(pair, corpora, root / pair.pair)
        spans = Spans(a_at, a_at + len(pair.original), b_at, b_at + len(pair.changed))
        done = _run([*claims, "audit", pair.pair, "--story", pair.pair, "--db", database, "-f", "jsonl"], root)
    except Exception as error:  # one broken pair is reported, the others still run
        return {**row, "flagged": "error", "note": f"{type(error).__name__}: {error}"}, None
    if done.returncode not in (0, 1):
        return {**row, "flagged": "error", "note": " ".join(done.stderr.split())[-300:]}, spans
    return {**row, **read_flags(pair, spans, done.stdout)}, spans


def read_flags(pair: Pair, spans: Spans, jsonl: str) -> dict:
    kinds_on_figure, other, partner_is_original, elsewhere = [], Counter(), False, 0
    for line in jsonl.splitlines():
        found = json.loads(line)
        # The database holds every pair, each its own story: a claim of another pair here means a comparison
        # across stories, which the story grouping should never make.
        elsewhere += any(Path(c["article"]["path"]).parent.name != pair.pair for c in found["claims"])
        if any(_over(c, pair.pair, "b.txt", spans.b_start, spans.b_end) for c in found["claims"]):
            kinds_on_figure.append(found["kind"])
            if found["kind"] in FIGURE_KINDS:
                partner_is_original |= any(
                    _over(c, pair.pair, "a.txt", spans.a_start, spans.a_end) for c in found["claims"]
                )
        else:
            other[found["kind"]] += 1
    flagged = any(kind in FIGURE_KINDS for kind in kinds_on_figure)
    return {
        "flagged": "yes" if flagged else "no",
        "kinds_on_figure": ",".join(sorted(set(kinds_on_figure))),
        "partner_is_original": "yes" if partner_is_original else "no",
        "other_flags": sum(other.values()),
        "other_kinds": ",".join(f"{kind}:{n}" for kind, n in sorted(other.items())),
        "note": f"{elsewhere} flag(s) across pairs" if elsewhere else "",
    }


def _claim_label(claim: dict | None) -> str:
    if claim is None:
        return "not extracted"
    parts = [repr(claim["text"]), claim["kind"] or "-", f"concept={claim['concept']}", f"subject={claim['subject']}"]
    parts += [flag for flag in ("is_caption", "is_boilerplate") if claim.get(flag)]
    return " ".join(parts)


def describe_figures(rows: list[dict], spans: dict[str, Spans], claims: list[str], root: Path, database: str) -> None:
    """How claims stored the figure in A and in B (one `claims list` over the whole database): for reading misses."""
    done = _run([*claims, "list", "--db", database, "-f", "jsonl"], root)
    found: dict[tuple[str, str], dict] = {}
    for line in done.stdout.splitlines():
        claim = json.loads(line)
        path = Path(claim["article"]["path"] or "")
        where = spans.get(path.parent.name)
        if where is None:
            continue
        start, end = (where.a_start, where.a_end) if path.name == "a.txt" else (where.b_start, where.b_end)
        if claim["start"] < end and start < claim["end"]:
            found[path.parent.name, path.name] = claim
    for row in rows:
        if row["pair"] in spans:
            row["a_claim"] = _claim_label(found.get((row["pair"], "a.txt")))
            row["b_claim"] = _claim_label(found.get((row["pair"], "b.txt")))


# ---------------------------------------------------------------------------------------------


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}% ({part}/{whole})" if whole else "    - (0/0)"


def summarise(rows: list[dict]) -> None:
    for label, chosen in (("all", rows), *((lang, [r for r in rows if r["lang"] == lang]) for lang in STYLES)):
        if not chosen:
            continue
        ok = [r for r in chosen if r["flagged"] != "error"]
        exact = [r for r in ok if r["variant"] == "exact"]
        retold = [r for r in ok if r["variant"] == "rewritten"]
        print(f"{label}: {len(chosen)} pairs, {len(chosen) - len(ok)} error(s)")
        flagged = {
            variant: _percent(sum(r["flagged"] == "yes" for r in these), len(these))
            for variant, these in (("exact", exact), ("rewritten", retold))
        }
        clean_pairs = _percent(sum(r["other_flags"] == 0 for r in ok), len(ok))
        print(f"  changed figure flagged, exact copies: {flagged['exact']}   target >= 95%")
        print(f"  changed figure flagged, rewritten:    {flagged['rewritten']}   target >= 85%")
        print(f"  pairs with no other flag:             {clean_pairs}   target >= 97%")
        kinds = Counter()
        for r in ok:
            for item in filter(None, r["other_kinds"].split(",")):
                kind, _, n = item.partition(":")
                kinds[kind] += int(n)
        if kinds:
            print(f"  other flags by kind: {dict(sorted(kinds.items()))}")
        across = sum("across pairs" in r["note"] for r in ok)
        if across:
            print(f"  pairs with a flag naming another pair's article: {across}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("run", "build"))
    parser.add_argument("--vi", type=Path, help="local copy of CP_Vietnamese-UNC as .txt (benchmarks/unc_to_txt.py)")
    parser.add_argument("--en", type=Path, help="local copy of the BBC News set as .txt (benchmarks/bbc_to_txt.py)")
    parser.add_argument("--spec", type=Path, default=SPEC, help="the pairs' spec (default: %(default)s)")
    parser.add_argument("--claims", default="claims", help="the claims command to measure (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=2, help="pairs run at once (default: %(default)s)")
    parser.add_argument("--results", type=Path, help="write one row per pair here (TSV)")
    parser.add_argument("--only", help="run only these pairs (comma-separated ids)")
    parser.add_argument("--keep", action="store_true", help="keep the pairs' folders and database, print where")
    parser.add_argument("--vi-pairs", type=int, default=200, help="build: Vietnamese pairs (default: %(default)s)")
    parser.add_argument("--en-pairs", type=int, default=120, help="build: English pairs (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=13, help="build: seed (default: %(default)s)")
    args = parser.parse_args()
    corpora = {lang: folder for lang, folder in (("vi", args.vi), ("en", args.en)) if folder}

    if args.command == "build":
        pairs = build(corpora, {"vi": args.vi_pairs, "en": args.en_pairs}, args.seed)
        write_spec(pairs, sys.stdout)
        return

    pairs = [p for p in read_spec(args.spec) if p.lang in corpora]
    if args.only:
        wanted = set(args.only.split(","))
        pairs = [p for p in pairs if p.pair in wanted]
    if not pairs:
        sys.exit("no pairs to run: give --vi and/or --en, the folders of the converted corpora")
    claims = shlex.split(args.claims)
    if not claims or shutil.which(claims[0]) is None:
        sys.exit(f"no command {args.claims!r}: install claims (pip install -e .) or name it with --claims")
    root = Path(tempfile.mkdtemp(prefix="recall-pairs-"))
    # One database, one story per pair: a fresh database per pair would double the work of each process
    # (creating the schema costs about as much as the audit). The checker compares figures within a story only;
    # read_flags counts any flag that names another pair's article, to show it.
    database = f"sqlite:///{root / 'claims.db'}"
    began = time.perf_counter()
    try:
        _run([*claims, "stories", "--db", database, "-f", "jsonl"], root)  # creates the schema before the pool
        rows, spans = [], {}
        with ThreadPoolExecutor(args.jobs) as pool:
            for row, where in pool.map(lambda p: run_pair(p, corpora, claims, root, database), pairs):
                rows.append(row)
                if where is not None:
                    spans[row["pair"]] = where
                if len(rows) % 20 == 0:
                    print(f"{len(rows)}/{len(pairs)} pairs, {time.perf_counter() - began:.0f} s", file=sys.stderr)
        describe_figures(rows, spans, claims, root, database)
    finally:
        if args.keep:
            print(f"pairs and database kept in {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    elapsed = time.perf_counter() - began
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = used.ru_utime + used.ru_stime
    if args.results:
        with args.results.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, RESULT_COLUMNS, delimiter="\t", lineterminator="\n", restval="")
            writer.writeheader()
            writer.writerows(rows)
    print(
        f"{len(pairs)} pairs, {' '.join(claims)}: {elapsed:.0f} s with {args.jobs} job(s), "
        f"{cpu:.0f} s of CPU in claims processes ({cpu / len(pairs):.1f} s a pair)"
    )
    summarise(rows)


if __name__ == "__main__":
    main()
