"""Figures in real news labelled by hand: does claims find each figure, and what it counts? (issue #15)

    python3 benchmarks/labelled_figures.py run --vi /work/data/unc-news --en /work/data/bbc-news
    python3 benchmarks/labelled_figures.py run --vi ... --en ... --show 10        # misses, false figures, wrong nouns
    python3 benchmarks/labelled_figures.py run --vi ... --en ... --claims /path/to/another/claims
    python3 benchmarks/labelled_figures.py draft --lang vi --corpus /work/data/unc-news > /tmp/vi-draft.tsv

`labelled_figures_vi.tsv` and `labelled_figures_en.tsv` hold, per sentence, every number-bearing
span and its label; no article text. A row:
  sentence   FILE#INDEX: the INDEX-th sentence of the article's body as `split_sentences` cuts it
  start,end  the sentence's character offsets in the body (the text claims reads after its header)
  hash       the first 8 hex digits of the sentence's SHA-1, to refuse a local copy that drifted
  span       START-END of the number within the sentence ("40 tỷ", "$1.13bn", "76%", "three")
  surface    the number as written there (a figure is a fact, not the article's text)
  label      F (a figure: a count, quantity, money, percent, fraction, duration or age an editor would
             check) or N (not a figure)
  kind       for F: count, quantity, money, percent, percentage_point, fraction, duration, age;
             for N: year, date, time, period, ordinal, identifier, phone, score, name, word (a
             number word that is no number: "cả hai" both, "tỷ phú"), unit ("đồng/1 kg"), vague
             ("hàng ngàn", "thousands of": no value to check; a claim over one counts neither way)
  value      for F: the number as a float ("2500000", "12.5", a range "10..15"); empty for N
  counted    for F: what the figure counts or measures, in the article's words, the head noun first,
             with `|` between alternatives (an English concept of claims may be one: "người|deaths")

The sentences were chosen by `draft` with a seed, not by claims' extractor: the articles of each
category sorted, ARTICLES_PER_CATEGORY of them drawn with random.Random(SEED), and in each one
sentence drawn among those of 30 to 400 characters holding a digit or a number word (`NUMBER_WORDS`;
"one", "một", "ba", "năm" are too often no number to select by). `draft` prints those sentences
(as `#` comment lines, to read, outside the repository) with a first guess for each span by plain
patterns; the guesses were then corrected by reading every sentence, and rows added or removed.

`run` reads each sentence back from the local copy (refusing one whose hash differs), runs the
installed `claims extract FILES -f jsonl` once per language (the language detected, the files read
from disk) and maps each claim to a labelled sentence by its body offsets. Per language:
  recall     labelled figures found by a claim whose span overlaps the figure's and whose value
             (or its low/high ends) matches the label's to 1e-6, over all labelled figures
  precision  claims of a figure kind (FIGURE_KINDS) in labelled sentences that match a labelled
             figure so, over all such claims; a claim over an N span, or over no labelled number,
             or with the wrong value is a false figure
  counted    found figures whose claim says what is counted: one alternative of the label, in lower
             case, is a substring of the claim's `subject` or equals its `concept` (the unit is not
             enough: "tấn" is how rice is measured, not what; but an age is right with the unit
             years_of_age), over the found figures
What is a figure, and the other decisions, are written down in benchmarks/README.md.
Targets (issue #15): recall >= 0.95, precision >= 0.93, counted >= 0.85. Measures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import shlex
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
COLUMNS = ("sentence", "start", "end", "hash", "span", "surface", "label", "kind", "value", "counted")
FIGURE_KINDS = {"count", "quantity", "money", "percent", "percentage_point", "fraction", "duration"}
LABEL_FIGURE_KINDS = FIGURE_KINDS | {"age"}
LABEL_OTHER_KINDS = {
    "year",
    "date",
    "time",
    "period",
    "ordinal",
    "identifier",
    "phone",
    "score",
    "name",
    "word",
    "unit",
    "vague",
}
TIMEOUT = 5  # seconds, for any pattern over one article
SEED = 15
ARTICLES_PER_CATEGORY = {"vi": 17, "en": 34}
NUMBER_WORDS = {
    "vi": "hai bốn sáu bảy tám chín mười chục trăm nghìn ngàn triệu tỷ tỉ",
    "en": "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "million billion trillion dozen dozens hundreds thousands millions billions",
}

# ---------------------------------------------------------------------------------------------
# Reading an article as claims does (header, blank line, body), the body cleaned the way claims
# normalises it, so offsets here are offsets in the text claims reads (as in recall_pairs.py).

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CONTROLS = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def read_body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    text = _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"), timeout=TIMEOUT)
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    return text.partition("\n\n")[2]


# A sentence ends at . ! ? or … (with any closing quotes or brackets) before white space and a
# capital, a digit or an opening quote; a line break always ends one. Plain and deterministic:
# the ids of the labelled sentences depend on it, so it must not change.
_SENTENCE_END = regex.compile(r"""(?<=[.!?…]["'”’)\]]*)[ \t]+(?=["'“‘(\[]?[\p{Lu}0-9])""")


def split_sentences(body: str) -> list[tuple[int, int]]:
    spans = []
    offset = 0
    for line in body.split("\n"):
        cut = offset
        for match in _SENTENCE_END.finditer(line, timeout=TIMEOUT):
            spans.append((cut, offset + match.start()))
            cut = offset + match.end()
        spans.append((cut, offset + len(line)))
        offset += len(line) + 1
    return [(start, end) for start, end in spans if body[start:end].strip()]


def sentence_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


# ---------------------------------------------------------------------------------------------
# Draft: the sample of sentences and a first guess for every number in them, to be corrected.


def _number_word_pattern(lang: str) -> regex.Pattern[str]:
    words = "|".join(sorted(NUMBER_WORDS[lang].split(), key=len, reverse=True))
    return regex.compile(rf"(?i)(?<!\w)(?:{words})(?!\w)")


_DIGITS = regex.compile(r"[0-9]")
_SPANS = {
    "vi": regex.compile(
        r"(?i)[$€£]?[0-9]+(?:[.,/:][0-9]+)*(?:\s*(?:%|phần trăm|nghìn|ngàn|triệu|tỷ|tỉ))*"
        r"|(?<!\w)(?:(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi|lăm|chục|trăm|nghìn|ngàn|triệu|tỷ|nửa)\s*)+"
        r"(?=\W|$)"
    ),
    "en": regex.compile(
        r"(?i)[$€£]?[0-9]+(?:[.,/:][0-9]+)*(?:\s*(?:%|per ?cent|bn|m|k|million|billion|trillion|thousand)(?!\w))*"
        r"|(?<!\w)(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
        r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
        r"ninety|hundred|thousand|million|billion|dozen|half)(?:[\s-]+|(?!\w)))+"
    ),
}
_VI_LONE_WORDS = {"một", "ba", "năm", "mười", "nửa"}  # alone, too often "a", "father", "year"...


def _guess(lang: str, sentence: str, start: int, end: int) -> tuple[str, str, str]:
    surface = sentence[start:end]
    before = sentence[max(0, start - 12) : start].lower()
    if regex.fullmatch(r"(19|20)[0-9][0-9]", surface, timeout=TIMEOUT):
        return "N", "year", ""
    if "/" in surface:
        return "N", "date", ""
    if ":" in surface:
        return "N", "time", ""
    if "%" in surface or "phần trăm" in surface or "cent" in surface:
        return "F", "percent", ""
    if surface[:1] in "$€£" or regex.match(r"\s*(đồng|usd|euro)", sentence[end : end + 8].lower(), timeout=TIMEOUT):
        return "F", "money", ""
    if regex.search(r"(điều|khoản|số|no\.|number)\s*$", before, timeout=TIMEOUT):
        return "N", "identifier", ""
    return "F", "count", ""


def draft(lang: str, corpus: Path, out) -> None:
    rng = random.Random(SEED)
    by_category: dict[str, list[str]] = defaultdict(list)
    for path in sorted(corpus.glob("*.txt")):
        by_category[regex.sub(r"[-_][0-9]+\.txt$", "", path.name)].append(path.name)
    words = _number_word_pattern(lang)
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for category in sorted(by_category):
        for name in sorted(rng.sample(by_category[category], ARTICLES_PER_CATEGORY[lang])):
            body = read_body(corpus / name)
            candidates = [
                (index, start, end)
                for index, (start, end) in enumerate(split_sentences(body))
                if 30 <= end - start <= 400
                and (_DIGITS.search(body[start:end]) or words.search(body[start:end], timeout=TIMEOUT))
            ]
            if not candidates:
                continue
            index, start, end = rng.choice(candidates)
            sentence = body[start:end]
            out.write(f"# {sentence}\n")
            for match in _SPANS[lang].finditer(sentence, timeout=TIMEOUT):
                surface = match.group().rstrip(" -")
                if lang == "vi" and surface.lower() in _VI_LONE_WORDS:
                    continue
                s, e = match.start(), match.start() + len(surface)
                label, kind, counted = _guess(lang, sentence, s, e)
                ids = (f"{name}#{index}", start, end, sentence_hash(sentence), f"{s}-{e}", surface)
                writer.writerow((*ids, label, kind, "", counted))


# ---------------------------------------------------------------------------------------------
# Labels and the claims of the tool under test


@dataclass(slots=True)
class Number:
    sentence: str  # FILE#INDEX
    start: int  # in the sentence
    end: int
    surface: str
    label: str
    kind: str
    low: float | None
    high: float | None
    counted: list[str]
    found_by: dict | None = None

    @property
    def is_figure(self) -> bool:
        return self.label == "F"


@dataclass(slots=True)
class Sentence:
    file: str
    index: int
    start: int
    end: int
    hash: str
    numbers: list[Number] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.file}#{self.index}"


def parse_value(text: str) -> tuple[float | None, float | None]:
    if not text:
        return None, None
    low, _, high = text.partition("..")
    return float(low), float(high or low)


def load_labels(path: Path) -> dict[str, Sentence]:
    sentences: dict[str, Sentence] = {}
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for row in rows:
            file, _, index = row["sentence"].rpartition("#")
            sentence = sentences.setdefault(
                row["sentence"], Sentence(file, int(index), int(row["start"]), int(row["end"]), row["hash"])
            )
            if not row["span"]:  # a sentence whose numbers are all words that count nothing
                continue
            start, _, end = row["span"].partition("-")
            if row["label"] not in ("F", "N"):
                raise SystemExit(f"{path}: {row['sentence']}: label {row['label']!r} is neither F nor N")
            kinds = LABEL_FIGURE_KINDS if row["label"] == "F" else LABEL_OTHER_KINDS
            if row["kind"] not in kinds:
                raise SystemExit(f"{path}: {row['sentence']}: kind {row['kind']!r} for label {row['label']}")
            low, high = parse_value(row["value"])
            counted = [alias.strip().lower() for alias in row["counted"].split("|") if alias.strip()]
            sentence.numbers.append(
                Number(
                    row["sentence"], int(start), int(end), row["surface"], row["label"], row["kind"], low, high, counted
                )
            )
    return sentences


def check_text(sentences: dict[str, Sentence], corpus: Path) -> dict[str, str]:
    """Each labelled sentence's text, read back from the local copy; refuses a copy that drifted."""
    texts = {}
    bodies: dict[str, str] = {}
    for sentence in sentences.values():
        if sentence.file not in bodies:
            bodies[sentence.file] = read_body(corpus / sentence.file)
        text = bodies[sentence.file][sentence.start : sentence.end]
        spans = split_sentences(bodies[sentence.file])
        if sentence_hash(text) != sentence.hash or spans[sentence.index] != (sentence.start, sentence.end):
            raise SystemExit(f"{corpus / sentence.file}: sentence {sentence.index} is not the labelled one")
        for number in sentence.numbers:
            if text[number.start : number.end] != number.surface:
                raise SystemExit(f"{sentence.id}: {number.surface!r} is not at {number.start}-{number.end}")
        texts[sentence.id] = text
    return texts


def run_claims(command: str, corpus: Path, files: list[str]) -> list[dict]:
    args = [*shlex.split(command), "extract", *(str(corpus / name) for name in files), "-f", "jsonl", "-j", "1"]
    done = subprocess.run(args, capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0:
        raise SystemExit(f"{shlex.join(args[:3])} ... failed ({done.returncode}): {done.stderr[-2000:]}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def value_matches(number: Number, claim: dict) -> bool:
    if number.low is None or number.high is None:
        return False

    def close(a: float | None, b: float | None) -> bool:
        return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))

    if number.low == number.high:
        return any(close(number.low, claim.get(key)) for key in ("value", "low", "high"))
    low, high = claim.get("low"), claim.get("high")
    if close(number.low, low) and close(number.high, high):
        return True
    # "khoảng 60.000 - 100.000": claims widens an approximate range's ends (by 10% today)
    return (
        low is not None
        and high is not None
        and 0.8 * number.low <= low <= number.low
        and number.high <= high <= 1.2 * number.high
    )


def counted_matches(number: Number, claim: dict) -> bool:
    subject = unicodedata.normalize("NFC", (claim.get("subject") or "").lower())
    concept = (claim.get("concept") or "").lower().replace("_", " ")
    if number.kind == "age" and claim.get("unit") == "years_of_age":
        return True  # an age says what it measures by its unit; no other unit does
    return any(alias in subject or alias == concept for alias in number.counted if alias)


@dataclass(slots=True)
class Score:
    figures: int = 0
    found: int = 0
    counted: int = 0
    claims: int = 0
    true_claims: int = 0
    misses: list = field(default_factory=list)
    false_figures: list = field(default_factory=list)
    wrong_counted: list = field(default_factory=list)


def score(sentences: dict[str, Sentence], texts: dict[str, str], claims: list[dict]) -> Score:
    result = Score()
    by_file: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in sentences.values():
        by_file[sentence.file].append(sentence)
    claims_in: dict[str, list[dict]] = defaultdict(list)
    for claim in claims:
        for sentence in by_file.get(Path(claim["article"]["path"]).name, ()):
            if sentence.start <= claim["start"] < sentence.end:
                claims_in[sentence.id].append(claim)
    for sentence in sentences.values():
        numbers = sentence.numbers
        for claim in claims_in[sentence.id]:
            start, end = claim["start"] - sentence.start, claim["end"] - sentence.start
            over = [n for n in numbers if n.start < end and start < n.end]
            figure = next((n for n in over if n.is_figure and value_matches(n, claim)), None)
            if figure is not None and figure.found_by is None:
                figure.found_by = claim
            if claim["kind"] not in FIGURE_KINDS or any(n.kind == "vague" for n in over):
                continue
            result.claims += 1
            if figure is not None:
                result.true_claims += 1
            else:
                why = ", ".join(f"{n.surface!r} is {n.label} {n.kind}" for n in over) or "no labelled number"
                result.false_figures.append((sentence.id, claim, why))
        for number in numbers:
            if not number.is_figure:
                continue
            result.figures += 1
            if number.found_by is None:
                near = [c for c in claims_in[sentence.id] if _overlaps(number, sentence, c)]
                result.misses.append((sentence.id, number, near))
                continue
            result.found += 1
            if counted_matches(number, number.found_by):
                result.counted += 1
            else:
                result.wrong_counted.append((sentence.id, number, number.found_by))
    return result


def _overlaps(number: Number, sentence: Sentence, claim: dict) -> bool:
    return number.start < claim["end"] - sentence.start and claim["start"] - sentence.start < number.end


def _claim_text(claim: dict) -> str:
    span = (claim["low"], claim["high"]) if claim["low"] != claim["high"] else claim["value"]
    return (
        f"{claim['text']!r} {claim['kind']} {span} subject={claim.get('subject')!r} concept={claim.get('concept')!r}"
        f" unit={claim.get('unit')!r}"
    )


def _tally(causes) -> str:
    return ", ".join(f"{cause} {count}" for cause, count in Counter(causes).most_common()) or "none"


def _miss_cause(near: list[dict]) -> str:
    if not near:
        return "nothing"
    kinds = {claim["kind"] for claim in near}
    return "a wrong value" if kinds & FIGURE_KINDS else "/".join(sorted(kinds))


def _false_cause(why: str) -> str:
    # why: "'3 quý' is N period, ..." or "no labelled number"
    if why == "no labelled number":
        return why
    label, kind = why.split(", ")[0].rsplit(" is ", 1)[1].split(" ")
    return "a wrong value" if label == "F" else kind


def _counted_cause(claim: dict) -> str:
    return "other noun" if claim.get("subject") or claim.get("concept") else "no subject or concept"


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "n/a"


def report(lang: str, sentences: dict[str, Sentence], result: Score, texts: dict[str, str], show: int) -> None:
    kinds = Counter(n.kind for s in sentences.values() for n in s.numbers if not n.is_figure)
    other = ", ".join(f"{kind} {count}" for kind, count in kinds.most_common())
    articles = len({s.file for s in sentences.values()})
    print(f"{lang}: {len(sentences)} sentences in {articles} articles, {result.figures} figures")
    print(f"  {sum(kinds.values())} other numbers: {other}")
    print(f"  figure recall     {_ratio(result.found, result.figures)}   (target 0.95)")
    print(f"  figure precision  {_ratio(result.true_claims, result.claims)}   (target 0.93)")
    print(f"  counted right     {_ratio(result.counted, result.found)}   (target 0.85)")
    print(f"  misses, by what claims read there: {_tally(_miss_cause(near) for _, _, near in result.misses)}")
    print(f"  false figures, by the label: {_tally(_false_cause(why) for _, _, why in result.false_figures)}")
    wrong = result.wrong_counted
    print(f"  wrong 'counted', by the claim: {_tally(_counted_cause(claim) for _, _, claim in wrong)}")
    print(f"  wrong 'counted', by the figure's kind: {_tally(number.kind for _, number, _ in wrong)}")
    if not show:
        return
    for sentence_id, number, near in result.misses[:show]:
        value = number.low if number.low == number.high else f"{number.low}..{number.high}"
        got = "; ".join(_claim_text(c) for c in near) or "no claim over it"
        print(f"  MISS {sentence_id} {number.surface!r} {number.kind} {value} [{'|'.join(number.counted)}]: {got}")
        print(f"       {texts[sentence_id]}")
    for sentence_id, claim, why in result.false_figures[:show]:
        print(f"  FALSE {sentence_id} {_claim_text(claim)}: {why}")
        print(f"       {texts[sentence_id]}")
    for sentence_id, number, claim in result.wrong_counted[:show]:
        print(f"  COUNTED {sentence_id} {number.surface!r} [{'|'.join(number.counted)}]: {_claim_text(claim)}")
        print(f"       {texts[sentence_id]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("run", "draft"))
    parser.add_argument("--vi", type=Path, help="local copy of CP_Vietnamese-UNC as .txt (benchmarks/unc_to_txt.py)")
    parser.add_argument("--en", type=Path, help="local copy of the BBC News set as .txt (benchmarks/bbc_to_txt.py)")
    parser.add_argument("--claims", default="claims", help="the claims command to measure (default: %(default)s)")
    parser.add_argument("--show", type=int, default=0, help="print up to N misses, false figures and wrong nouns")
    parser.add_argument("--labels", type=Path, default=HERE, help="folder of labelled_figures_LANG.tsv")
    parser.add_argument("--lang", choices=("vi", "en"), help="draft: the language")
    parser.add_argument("--corpus", type=Path, help="draft: the language's local copy")
    args = parser.parse_args()
    if args.command == "draft":
        if not args.lang or not args.corpus:
            parser.error("draft needs --lang and --corpus")
        draft(args.lang, args.corpus, sys.stdout)
        return
    corpora = {lang: folder for lang, folder in (("vi", args.vi), ("en", args.en)) if folder}
    if not corpora:
        parser.error("run needs --vi and/or --en")
    for lang, corpus in corpora.items():
        sentences = load_labels(args.labels / f"labelled_figures_{lang}.tsv")
        texts = check_text(sentences, corpus)
        claims = run_claims(args.claims, corpus, sorted({s.file for s in sentences.values()}))
        report(lang, sentences, score(sentences, texts, claims), texts, args.show)


if __name__ == "__main__":
    main()
