"""A language is a folder of data: a pack written in a temporary folder reads a sentence end to end.

The pack below is a small Indonesian one (a few number words, two qualifiers, a unit, a noun, a
place, a preposition and stop words): no Python changes, only TOML, as claims/lang/README.md says.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from claims.extract.extractor import extract_claims
from claims.lang import LEXICON_ENV, languages
from claims.lang.detect import detect_language

PACK = {
    "numbers.toml": """
[numbers.digits]
group = "."
decimal = ","

[numbers.words]
digits = { "satu" = 1, "dua" = 2, "tiga" = 3 }
scales = { "ribu" = 1e3, "juta" = 1e6 }

[numbers.qualifiers]
approx = ["sekitar"]
more_than = ["lebih dari"]

[numbers.units]
measures = { "km" = "km", "kilometer" = "km" }
""",
    "concepts.toml": """
[concepts.nouns]
troops = ["tentara"]

[location]
prepositions = ["di"]
""",
    "places.toml": """
[places.names]
Iraq = ["Irak"]
""",
    "detect.toml": """
[detect]
stopwords = ["yang", "dan", "di", "dari", "pada"]
""",
}
SENTENCE = "Sekitar 2.500 tentara di Irak dan lebih dari tiga ribu di perbatasan. Konvoi itu menempuh 12 kilometer."


@pytest.fixture
def lexicon(tmp_path, monkeypatch):
    folder = tmp_path / "lexicon"
    (folder / "id").mkdir(parents=True)
    for name, text in PACK.items():
        (folder / "id" / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv(LEXICON_ENV, str(folder))
    return folder


def _read(claims):
    return [(c.kind, c.value, c.qualifier, c.unit, c.concept, c.location) for c in claims]


def test_the_folder_is_a_language(lexicon):
    assert "id" in languages()
    assert "id" not in languages(())  # only while the folder is named


def test_a_sentence_reads_end_to_end_through_extract_claims(lexicon):
    claims = extract_claims(SENTENCE, lang="id")
    assert _read(claims) == [
        ("count", 2500.0, "approx", None, "troops", "Iraq"),
        ("count", 3000.0, "more_than", None, None, "Iraq"),  # the sentence's place
        ("quantity", 12.0, "exact", "km", None, None),
    ]
    assert [SENTENCE[c.start : c.end] for c in claims] == [c.text for c in claims]
    assert claims[0].text == "Sekitar 2.500"  # "." groups thousands here, as the pack says


def test_the_language_is_detected_from_the_packs_stop_words(lexicon):
    assert detect_language(SENTENCE * 3) == "id"
    assert [c.value for c in extract_claims(SENTENCE)] == [2500.0, 3000.0, 12.0]


def _claims_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claims", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.mark.slow
def test_claims_extract_lang_reads_the_folder(tmp_path, lexicon):
    article = tmp_path / "berita.txt"
    article.write_text("Pasukan di Irak\n\n" + SENTENCE + "\n", encoding="utf-8")
    done = _claims_cli("--lexicon", str(lexicon), "extract", "--lang", "id", str(article), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["value"], r["qualifier"], r["concept"], r["location"]) for r in rows] == [
        (2500.0, "approx", "troops", "Iraq"),
        (3000.0, "more_than", None, "Iraq"),
        (12.0, "exact", None, None),
    ]
    assert {r["lang"] for r in rows} == {"id"}


@pytest.mark.slow
def test_an_unknown_language_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.delenv(LEXICON_ENV, raising=False)
    article = tmp_path / "berita.txt"
    article.write_text(SENTENCE, encoding="utf-8")
    done = _claims_cli("extract", "--lang", "id", str(article))
    assert done.returncode == 2
    assert "id" in done.stderr and "vi" in done.stderr and "en" in done.stderr
