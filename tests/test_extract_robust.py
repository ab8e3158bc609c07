"""Extraction never raises and keeps its offsets, whatever the sentence.

Sentences are generated from the language packs themselves (the words come from the
loader, so a word added to a pack is exercised here): numbers in digits and in words,
ranges, times of day, dates, units, currencies and qualifiers, mixed with words from
every section of the pack, control characters and stray punctuation. A news archive is
tens of thousands of articles; one odd sentence must not stop the batch.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from typer.testing import CliRunner

import claims.extract.extractor as extractor
from claims import extract_claims, parse_numbers
from claims.cli import app
from claims.lang import languages, load_pack
from claims.pipeline.ingest import ingest_articles
from claims.sources import article_from_text
from claims.store.models import Article

LANGS = languages(())
# Characters real archives carry by accident: NUL, escapes, zero-width and bidi marks, BOM,
# soft hyphen, odd spaces and line separators, a lone combining mark.
CONTROLS = [
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x1b",
    "\r",
    "\r\n",
    "\t",
    "\x0b",
    "\x0c",
    "\x85",
    "\u200b",
    "\u200d",
    "\u200e",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\u00ad",
    "\u00a0",
    "\u2009",
    "\u202f",
    "\u3000",
    "\u2028",
    "\u2029",
    "\u0301",
    "\u0323",
    "\ufffd",
]
PUNCTUATION = [
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "-",
    "–",
    "—",
    "/",
    "(",
    ")",
    "[",
    "]",
    '"',
    "'",
    "“",
    "”",
    "…",
    "..",
    ",,",
    "--",
    "%",
    "+",
    "#",
    "*",
    "&",
    "·",
    "•",
    "=",
    "<",
    ">",
]
SEPARATORS = [" ", " ", " ", " ", "", "  ", ", ", ". ", "\n", "\n\n", " - ", ": "]
PUBLISHED = [None, "2024-09-28", "2024-02-29", "2000-01-01", "1999-12-31"]


def _is_word_table(table: dict) -> bool:
    # {"giờ" = "hour"}, {"chiều" = [1, 11]}: the keys are the words; a section holds lists or tables.
    return all(
        isinstance(v, (str, int, float)) or (isinstance(v, list) and all(isinstance(x, (int, float)) for x in v))
        for v in table.values()
    )


def _words(node) -> list[str]:
    """Every word under a pack section: list items, word-table keys and single words, nested tables included."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [word for item in node for word in _words(item)]
    if isinstance(node, dict):
        if _is_word_table(node):
            return list(node)
        return [word for value in node.values() for word in _words(value)]
    return []  # numbers and switches


class PackWords:
    """The words of one language pack, grouped by what they do around a number."""

    def __init__(self, code: str):
        self.pack = load_pack(code)
        numbers = self.pack.section("numbers")
        self.group = numbers["digits"]["group"]
        self.decimal = numbers["digits"]["decimal"]
        words, units, dates = numbers.get("words", {}), numbers.get("units", {}), numbers.get("dates", {})
        self.number_words = self._of(
            *(
                words.get(k)
                for k in ("digits", "after_tens", "ten", "tens", "tens_marker", "hundred", "scales", "joiners", "half")
            ),
            numbers.get("fractions"),
        )
        self.qualifiers = self._of(numbers.get("qualifiers"))
        self.scales = self._of(numbers.get("scales"))
        self.attached = self._of(
            numbers.get("scales", {}).get("attached"),
            numbers.get("scales", {}).get("attached_with_currency"),
            dates.get("clock_attached"),
            numbers.get("ordinals", {}).get("suffixes"),
        )
        self.units = self._of(
            *(units.get(k) for k in ("percent", "percentage_point", "currencies", "durations", "measures"))
        )
        self.currency_prefixes = self._of(units.get("currency_prefixes"))
        self.hour_words = self._of([word for word, unit in units.get("durations", {}).items() if unit == "hour"])
        self.range_open = self._of(numbers.get("ranges", {}).get("open"))
        self.range_join = self._of(numbers.get("ranges", {}).get("join"))
        self.vague = self._of(numbers.get("vague"))
        self.clock_before = self._of(dates.get("clock_before"))
        self.clock_after = self._of(
            dates.get("clock_after"), dates.get("meridiem"), dates.get("minutes_word"), dates.get("afternoon")
        )
        self.date_words = self._of(
            dates.get("day_words"),
            dates.get("in_mention"),
            dates.get("month_word"),
            dates.get("year_word"),
            dates.get("quarter_word"),
        )
        self.month_words = self._of(
            dates.get("month_word"),
            dates.get("month_names"),
            dates.get("standalone_month_names"),
            dates.get("roman_quarters"),
        )
        self.context_words = self._of(
            numbers.get("ordinals"),
            numbers.get("scores"),
            numbers.get("identifiers"),
            numbers.get("not_numbers"),
            words.get("context"),
            self.pack.section("time"),
        )
        # Everything else the extractor reads: nouns, places, roles, furniture.
        self.any_word = self._of(self.pack.data)

    @staticmethod
    def _of(*sections) -> list[str]:
        found = sorted(
            {
                word
                for section in sections
                if section
                for word in _words(section)
                if isinstance(word, str) and word.strip()
            }
        )
        return found or [""]


@cache
def pack_words(code: str) -> PackWords:
    return PackWords(code)


def _grouped(number: int, separator: str) -> str:
    return f"{number:,}".replace(",", separator)


def sentences(code: str) -> st.SearchStrategy[str]:
    w = pack_words(code)
    pick = st.sampled_from
    digits = st.one_of(
        st.integers(0, 10**13).map(str),
        st.integers(1000, 10**12).map(lambda n: _grouped(n, w.group)),
        st.tuples(st.integers(0, 10**6), st.integers(0, 999)).map(lambda t: f"{t[0]}{w.decimal}{t[1]}"),
        st.integers(1000, 10**9).map(lambda n: _grouped(n, w.decimal)),  # the other convention ("1,700" in Vietnamese)
        st.from_regex(r"[0-9][0-9.,/:\-]{0,10}", fullmatch=True),  # stray separators: "1..5", "2,", "3/0", "1:99"
        st.integers(0, 9999).map(lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))),
    )
    number_words = st.lists(pick(w.number_words), min_size=1, max_size=5).map(" ".join)
    number = st.one_of(digits, digits, number_words)
    small = st.integers(0, 40).map(str)
    ranged = st.one_of(
        st.tuples(number, pick(["-", "–", " - ", "-"]), number).map("".join),
        st.tuples(pick(w.range_open), number, pick(w.range_join), number).map(" ".join),
        st.tuples(number, pick(w.range_join), number).map(" ".join),
        st.tuples(small, pick(["-", "–"]), small, pick(w.hour_words), pick(w.clock_after)).map(
            lambda t: f"{t[0]}{t[1]}{t[2]} {t[3]} {t[4]}"
        ),
    )
    hour, minute = st.integers(0, 30), st.integers(0, 75)
    times = st.one_of(
        st.tuples(hour, pick(w.hour_words), pick(w.clock_after)).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        st.tuples(pick(w.clock_before), hour, pick(w.hour_words)).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        st.tuples(hour, minute).map(lambda t: f"{t[0]}:{t[1]:02d}"),
        st.tuples(hour, pick(w.attached), minute).map(lambda t: f"{t[0]}{t[1]}{t[2]:02d}"),
        st.tuples(hour, pick(w.clock_after)).map(lambda t: f"{t[0]}{t[1]}"),
        st.tuples(hour, minute, pick(w.clock_after)).map(lambda t: f"{t[0]}:{t[1]:02d} {t[2]}"),
        st.tuples(
            pick(w.range_open),
            hour,
            pick(w.hour_words),
            pick(w.range_join),
            hour,
            pick(w.hour_words),
            pick(w.clock_after),
        ).map(lambda t: " ".join(map(str, t))),
    )
    day, month, year = st.integers(0, 40), st.integers(0, 14), st.integers(0, 3000)
    dates = st.one_of(
        st.tuples(day, month, year).map(lambda t: f"{t[0]}/{t[1]}/{t[2]}"),
        st.tuples(day, month).map(lambda t: f"{t[0]}/{t[1]}"),
        st.tuples(day, month, year).map(lambda t: f"{t[0]}-{t[1]}-{t[2]}"),
        st.tuples(year, month, day).map(lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"),
        st.tuples(day, month, year).map(lambda t: f"{t[0]}.{t[1]}.{t[2]}"),
        st.tuples(pick(w.date_words), day, pick(w.date_words), month).map(lambda t: " ".join(map(str, t))),
        st.tuples(pick(w.date_words), st.one_of(day, month, year), pick(["/", "-", " "]), year).map(
            lambda t: f"{t[0]} {t[1]}{t[2]}{t[3]}"
        ),
        st.tuples(pick(w.month_words), day, year).map(lambda t: f"{t[0]} {t[1]}, {t[2]}"),
        st.tuples(day, pick(w.month_words), year).map(lambda t: " ".join(map(str, t))),
    )
    amount = st.tuples(
        st.one_of(st.just(""), pick(w.qualifiers)),
        st.one_of(st.just(""), pick(w.currency_prefixes)),
        st.one_of(number, ranged),
        st.one_of(st.just(""), pick(w.scales), pick(w.attached)),
        st.one_of(st.just(""), pick(w.units)),
        st.one_of(st.just(""), pick(w.qualifiers)),
    ).map(
        lambda t: (
            f"{t[0]} {t[1]}{t[2]}{' ' if t[3] and t[3][0].isalpha() and len(t[3]) > 2 else ''}{t[3]} {t[4]} {t[5]}"
        )
    )
    fragment = st.one_of(
        amount,
        amount,
        ranged,
        times,
        dates,
        number,
        number_words,
        pick(w.vague),
        pick(w.context_words),
        pick(w.any_word),
        pick(w.any_word),
        pick(w.any_word),
        pick(pack_words("en" if code == "vi" else "vi").any_word),  # the other language's words stand in news too
        pick(CONTROLS),
        pick(PUNCTUATION),
        st.text(st.characters(categories=("Cc", "Cf", "Zs", "Mn", "Pd", "Po", "Sc", "Nd")), max_size=3),
    )
    pieces = st.lists(st.tuples(fragment, pick(SEPARATORS)), min_size=1, max_size=14)
    spelled = pick(["as is", "as is", "NFD", "upper", "title"])
    return st.tuples(pieces, spelled).map(_spell)


def _spell(drawn) -> str:
    pieces, spelling = drawn
    text = "".join(fragment + separator for fragment, separator in pieces)
    if spelling == "NFD":
        return unicodedata.normalize("NFD", text)
    if spelling == "upper":
        return text.upper()
    if spelling == "title":
        return text.title()
    return text


def assert_extraction_holds(text: str, code: str, published: str | None) -> None:
    for claim in extract_claims(text, code, published=published):
        assert text[claim.start : claim.end] == claim.text, (text, claim)
        assert text[claim.sentence_start : claim.sentence_start + len(claim.sentence)] == claim.sentence, (text, claim)
    for mention in parse_numbers(text, code):
        assert text[mention.start : mention.end] == mention.text, (text, mention)
        assert mention.number_start is None or mention.start <= mention.number_start <= mention.end, (text, mention)


@pytest.mark.parametrize("code", LANGS)
def test_pack_words_are_found(code):
    # Each pool must hold words, or the generated sentences would not exercise the pack.
    words = pack_words(code)
    for pool in (
        "number_words",
        "qualifiers",
        "units",
        "hour_words",
        "range_open",
        "range_join",
        "clock_after",
        "month_words",
        "any_word",
    ):
        assert getattr(words, pool) != [""], f"{code}: no {pool} in the pack"


_ROBUST = settings(
    max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


# Each sentence is also read with the other pack: a language detector can be wrong.
@_ROBUST
@given(sentences("vi"), st.sampled_from(PUBLISHED))
def test_vietnamese_sentences_never_break_extraction(text, published):
    assert_extraction_holds(text, "vi", published)
    assert_extraction_holds(text, "en", published)


@_ROBUST
@given(sentences("en"), st.sampled_from(PUBLISHED))
def test_english_sentences_never_break_extraction(text, published):
    assert_extraction_holds(text, "en", published)
    assert_extraction_holds(text, "vi", published)


# Sentences of the shapes that raised on real archives, one per root cause found.
RAISED_ON_REAL_NEWS = [
    # A range of clock hours reached the clock reading, which took a single value (TypeError).
    ("vi", "Ca làm việc từ 7 giờ sáng đến 4-5 giờ chiều."),
    ("vi", "Từ 7 đến 9 giờ tối, đường phố đông nghẹt."),
    ("vi", "Khoảng 2-3 giờ chiều nay, trời đổ mưa."),
]


@pytest.mark.parametrize("code,text", RAISED_ON_REAL_NEWS)
def test_shapes_that_raised_on_real_news_extract(code, text):
    assert_extraction_holds(text, code, "2024-09-28")
    assert extract_claims(text, code)


# What a bug of ours triggered by one article does to a batch (issue #12).
FAILING_MARK = "Bài này làm hỏng"


def _articles(tmp_path):
    texts = ["Hà Nội có 120 trường học mới.", f"{FAILING_MARK}: có 45 người.", "Đà Nẵng đón 3.000 khách."]
    paths = []
    for index, body in enumerate(texts):
        path = tmp_path / f"article_{index}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def one_article_breaks(monkeypatch):
    """Extraction raises, as a bug would, on the article that holds FAILING_MARK, and on it alone."""
    real = extractor._Article.claims

    def breaks_on_one(self):
        if FAILING_MARK in self.text:
            raise TypeError("'>' not supported between instances of 'NoneType' and 'int'")
        return real(self)

    monkeypatch.setattr(extractor._Article, "claims", breaks_on_one)


def test_ingest_stores_the_others_and_names_the_article_extraction_failed_on(store, tmp_path, one_article_breaks):
    paths = _articles(tmp_path)
    items = [article_from_text(p.read_text(encoding="utf-8"), origin=str(p), path=str(p)) for p in paths]
    result = ingest_articles(store, items)
    assert len(result.stored) == 2 and result.claims_stored >= 2
    assert [str(problem) for problem in result.problems] == [
        f"{paths[1]}: extraction failed: TypeError: '>' not supported between instances of 'NoneType' and 'int'"
    ]
    with store.reading() as conn:
        stored = sorted(conn.execute(select(Article.__table__.c.path)).scalars())
    assert stored == [str(paths[0]), str(paths[2])]


def test_an_article_that_failed_is_stored_by_a_rerun(store, tmp_path, monkeypatch, one_article_breaks):
    paths = _articles(tmp_path)

    def items():
        return [article_from_text(p.read_text(encoding="utf-8"), origin=str(p), path=str(p)) for p in paths]

    assert len(ingest_articles(store, items()).problems) == 1
    monkeypatch.undo()  # the bug is fixed
    again = ingest_articles(store, items())
    assert again.problems == [] and len(again.stored) == 1 and len(again.already_stored) == 2


@pytest.fixture
def run_cli(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMS_DB", f"sqlite:///{tmp_path / 'cli.db'}")
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_extract_command_prints_the_others_and_names_the_failed_article(tmp_path, run_cli, one_article_breaks):
    paths = _articles(tmp_path)
    result = run_cli("extract", *paths, "--format", "jsonl")
    assert result.exit_code == 1
    printed = {json.loads(line)["article"]["path"] for line in result.stdout.splitlines()}
    assert printed == {str(paths[0]), str(paths[2])}
    failures = [line for line in result.stderr.splitlines() if "extraction failed" in line]
    assert len(failures) == 1 and f"{paths[1]}: extraction failed: TypeError: " in failures[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command,code", [("ingest", 1), ("audit", 2)])
def test_ingest_and_audit_exit_as_for_refused_inputs(tmp_path, run_cli, one_article_breaks, command, code):
    paths = _articles(tmp_path)
    result = run_cli(command, *paths)
    assert result.exit_code == code
    assert f"{paths[1]}: extraction failed: TypeError: " in result.stderr
    assert "Traceback" not in result.stderr


def test_extract_jsonl_printed_in_chunks_gives_the_claims_of_json(tmp_path, run_cli):
    # More than the thousand claims printed at a time, so several chunks are joined.
    path = tmp_path / "dai.txt"
    path.write_text("".join(f"Xã số {n} có 120 hộ, 45 trường và 3.000 người.\n" for n in range(400)), encoding="utf-8")
    as_json = json.loads(run_cli("extract", path, "--format", "json").stdout)["claims"]
    lines = run_cli("extract", path, "--format", "jsonl").stdout.splitlines()
    assert len(as_json) > 1000
    assert [json.loads(line) for line in lines] == as_json
