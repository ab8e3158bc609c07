"""`--jobs`: extraction in worker processes gives what one process gives, in the same order.

The pool extracts in this process when the whole input fits in one chunk, so each test
makes chunks of one or two articles: the fixtures then go through the workers.
"""

from __future__ import annotations

import json
import os
from functools import partial
from itertools import islice

import pytest
from sqlalchemy import select

import claims.extract.pool as pool
import claims.pipeline.ingest as ingest
from claims.errors import InputError
from claims.extract.article import ArticleClaims, ExtractionFailed, extract_article
from claims.lang import LEXICON_ENV
from claims.lang.detect import detect_language
from claims.pipeline.ingest import ingest_articles
from claims.sources import SourceArticle, article_from_text, read_articles
from claims.store.models import Article

from .conftest import FIXTURES

STORIES = FIXTURES / "stories"
DOOMED = "doomed-article"


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(pool, "CHUNK_ITEMS", 2)


def _is_article(item) -> bool:
    return isinstance(item, SourceArticle)


# Extractors the workers import by name (a lambda cannot be sent to another process).
def dies_on_doomed(article, lang=None):
    if DOOMED in article.text:
        os._exit(70)
    return extract_article(article, lang)


def raises_on_doomed(article, lang=None):
    if DOOMED in article.text:
        raise RuntimeError("a bug outside the guarded extraction")
    return extract_article(article, lang)


def stops_on_doomed(article, lang=None):
    if DOOMED in article.text:
        raise InputError("lexicon.toml: not a readable lexicon file")
    return extract_article(article, lang)


def _generated_archive(folder, count=24):
    """Articles in both languages made from the fixtures, with the inputs a batch meets: a
    warning (a date that does not exist), an empty file, and a JSON Lines file with a bad line."""
    folder.mkdir()
    bodies = [item.text for item in read_articles([str(FIXTURES)]) if isinstance(item, SourceArticle)]
    for index in range(count):
        body = bodies[index % len(bodies)]
        english = detect_language(body) == "en"
        extra = (
            f"About {120 + index * 37} people attended the meeting in London."
            if english
            else f"Có khoảng {120 + index * 37} người dự cuộc họp tại Hà Nội."
        )
        date = "2024-02-30" if index % 7 == 3 else f"2024-0{1 + index % 9}-1{index % 10}"
        (folder / f"article-{index:02d}.txt").write_text(
            f"title: Article {index}\ndate: {date}\n\n{body}\n{extra}\n", encoding="utf-8"
        )
    (folder / "article-05b.txt").write_bytes(b"")
    lines = [
        json.dumps(
            {"title": f"Feed {n}", "text": f"Có khoảng {n * 1000} lính Mỹ ở Iraq vào năm 2024."}, ensure_ascii=False
        )
        for n in range(1, 6)
    ]
    lines.insert(2, "{not json")
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _same_run(run, *args):
    """The command with --jobs 1 and --jobs 2: exit code, standard output and standard error."""
    results = [run(*args, "--jobs", jobs) for jobs in ("1", "2")]
    return [(r.exit_code, r.stdout, r.stderr) for r in results]


def test_extract_in_order_returns_what_one_process_returns(small_chunks):
    items = list(read_articles([str(FIXTURES)]))
    one = list(pool.extract_in_order(items, wanted=_is_article, jobs=1))
    two = list(pool.extract_in_order(items, wanted=_is_article, jobs=2))
    assert [item for item, _ in two] == items
    assert len([e for _, e in one if isinstance(e, ArticleClaims)]) > 5
    assert [(e.lang, e.claims) if isinstance(e, ArticleClaims) else e for _, e in two] == [
        (e.lang, e.claims) if isinstance(e, ArticleClaims) else e for _, e in one
    ]
    assert all(e.pack.code == e.lang for _, e in two if isinstance(e, ArticleClaims))


def test_items_not_wanted_pass_through_unextracted(small_chunks):
    items = [article_from_text(f"Có {n} người.", origin=f"a{n}") for n in range(6)]
    results = list(pool.extract_in_order(items, wanted=lambda item: item.origin != "a3", jobs=2))
    assert [item.origin for item, _ in results] == [f"a{n}" for n in range(6)]
    assert [extracted is None for _, extracted in results] == [False, False, False, True, False, False]


def test_a_large_input_is_not_read_ahead_whole(small_chunks):
    pulled = []

    def endless():
        for n in range(100_000):
            pulled.append(n)
            yield article_from_text(f"Có khoảng {n} người dự họp.", origin=f"a{n}")

    results = pool.extract_in_order(endless(), wanted=_is_article, jobs=2)
    first = list(islice(results, 3))
    results.close()  # the pool is shut down with the generator
    assert [item.origin for item, _ in first] == ["a0", "a1", "a2"]
    assert len(pulled) <= 2 * 2 * pool.IN_FLIGHT_PER_JOB + 4


@pytest.mark.parametrize("extractor", [dies_on_doomed, raises_on_doomed], ids=["worker-dies", "worker-raises"])
def test_a_failing_worker_names_its_article_and_the_rest_goes_on(small_chunks, extractor):
    texts = [f"Có khoảng {n} người dự họp tại Hà Nội." for n in range(1, 8)]
    texts[4] = f"{DOOMED}: có 45 người."
    items = [article_from_text(text, origin=f"a{n}") for n, text in enumerate(texts)]
    results = list(pool.extract_in_order(items, wanted=_is_article, jobs=2, extract=extractor))
    assert [item.origin for item, _ in results] == [f"a{n}" for n in range(7)]
    failed = [extracted for _, extracted in results if isinstance(extracted, ExtractionFailed)]
    assert [f.origin for f in failed] == ["a4"]
    expected = (
        pool.CRASHED
        if extractor is dies_on_doomed
        else "extraction failed: RuntimeError: a bug outside the guarded extraction"
    )
    assert failed[0].reason == expected
    alone = [extract_article(item).claims for n, item in enumerate(items) if n != 4]
    assert [e.claims for _, e in results if isinstance(e, ArticleClaims)] == alone


def test_an_error_of_the_users_in_a_worker_stops_the_batch_at_its_article(small_chunks):
    items = [article_from_text(f"Có {n} người.", origin=f"a{n}") for n in range(7)]
    items[5] = article_from_text(f"{DOOMED}: có 45 người.", origin="a5")
    seen = []
    with pytest.raises(InputError, match="not a readable lexicon file"):
        for item, _ in pool.extract_in_order(items, wanted=_is_article, jobs=2, extract=stops_on_doomed):
            seen.append(item.origin)
    assert seen == ["a0", "a1", "a2", "a3", "a4"]


def test_workers_read_the_lexicon_the_command_names(run, tmp_path, monkeypatch, small_chunks):
    monkeypatch.delenv(LEXICON_ENV, raising=False)
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(1, 5):
        (folder / f"a{n}.txt").write_text(
            f"Có {n * 12} chiếc máy xúc được điều tới thành phố ngàn hoa.", encoding="utf-8"
        )
    # A pool started before the lexicon is named: the workers must not keep that moment's environment.
    plain = run("extract", folder, "-f", "json", "--jobs", "2")
    assert {(c["concept"], c["location"]) for c in json.loads(plain.stdout)["claims"]} == {(None, None)}
    lexicon = tmp_path / "lexicon" / "vi"
    lexicon.mkdir(parents=True)
    (lexicon / "concepts.toml").write_text(
        '[concepts.nouns]\nexcavators = ["máy xúc", "chiếc máy xúc"]\n', encoding="utf-8"
    )
    (lexicon / "places.toml").write_text('[places.names]\n"Da Lat" = ["thành phố ngàn hoa"]\n', encoding="utf-8")
    one, two = _same_run(run, "--lexicon", lexicon.parent, "extract", folder, "-f", "json")
    assert two == one
    assert {(c["concept"], c["location"]) for c in json.loads(two[1])["claims"]} == {("excavators", "Da Lat")}


def test_extract_with_jobs_prints_what_one_process_prints_on_the_fixtures(run, small_chunks):
    for fmt in ("jsonl", "json", "table"):
        one, two = _same_run(run, "extract", FIXTURES, "-f", fmt)
        assert two == one
    assert one[0] == 0 and len(one[1].splitlines()) > 20


def test_extract_with_jobs_prints_what_one_process_prints_on_a_generated_archive(run, tmp_path, small_chunks):
    folder = _generated_archive(tmp_path / "archive")
    one, two = _same_run(run, "extract", folder, "-f", "jsonl")
    assert two == one
    assert one[0] == 1
    assert "article-05b.txt" in one[2] and "feed.jsonl:3" in one[2] and "names no day" in one[2]
    assert len(one[1].splitlines()) > 40


def test_audit_with_jobs_finds_the_same_stories_and_discrepancies(run, tmp_path, small_chunks):
    outputs = []
    for jobs in ("1", "2"):
        db = f"sqlite:///{tmp_path / f'jobs-{jobs}.db'}"
        audited = run("audit", STORIES, "--db", db, "-f", "json", "--exit-zero", "--jobs", jobs)
        stories = run("stories", "--db", db, "-f", "json")
        listed = run("list", "--db", db, "-f", "json")
        outputs.append((audited.exit_code, audited.stdout, audited.stderr, stories.stdout, listed.stdout))
    assert outputs[1] == outputs[0]
    assert json.loads(outputs[0][1]) and len(json.loads(outputs[0][3])["stories"]) >= 4


def test_ingest_with_jobs_stores_what_one_process_stores(run, tmp_path, small_chunks):
    folder = _generated_archive(tmp_path / "archive")
    outputs = []
    for jobs in ("1", "2"):
        db = f"sqlite:///{tmp_path / f'jobs-{jobs}.db'}"
        first = run("ingest", folder, "--db", db, "--jobs", jobs)
        again = run("ingest", folder, "--db", db, "--jobs", jobs)
        listed = run("list", "--db", db, "-f", "json")
        stories = run("stories", "--db", db, "-f", "json")
        outputs.append((first.exit_code, first.stderr, again.stderr, listed.stdout, stories.stdout))
    assert outputs[1] == outputs[0]
    assert outputs[0][0] == 1 and " 0 already stored" in outputs[0][1] and "stored 0 article(s)" in outputs[0][2]


def test_ingest_names_the_article_whose_worker_died_and_stores_the_rest(store, monkeypatch, small_chunks):
    texts = [f"Có khoảng {n * 100} người dự họp tại Hà Nội." for n in range(1, 7)]
    texts[2] = f"{DOOMED}: có 45 người."

    def items():
        return [article_from_text(text, origin=f"a{n}", path=f"a{n}") for n, text in enumerate(texts)]

    monkeypatch.setattr(ingest, "extract_in_order", partial(pool.extract_in_order, extract=dies_on_doomed))
    result = ingest_articles(store, items(), jobs=2)
    assert [str(problem) for problem in result.problems] == [f"a2: {pool.CRASHED}"]
    assert len(result.stored) == 5
    with store.reading() as conn:
        assert sorted(conn.execute(select(Article.__table__.c.path)).scalars()) == ["a0", "a1", "a3", "a4", "a5"]
    monkeypatch.undo()  # the bug is fixed: a rerun stores the article it failed on
    again = ingest_articles(store, items(), jobs=2)
    assert again.problems == [] and len(again.stored) == 1 and len(again.already_stored) == 5


def test_jobs_must_be_at_least_one(run):
    result = run("extract", STORIES, "--jobs", "0")
    assert result.exit_code == 2 and "--jobs" in result.stderr


def test_default_jobs_is_the_cores_this_process_may_use():
    assert pool.default_jobs() == len(os.sched_getaffinity(0))


@pytest.mark.slow
def test_workers_import_claims_as_installed_not_from_the_working_folder(tmp_path):
    # Python 3.11 starts the fork server with the working folder first on its path: run from a
    # folder holding another "claims" (a checkout of another version), workers imported that one.
    import subprocess
    import sys
    from pathlib import Path

    command = Path(sys.executable).parent / "claims"
    if not command.exists():
        pytest.skip("the claims command is not installed beside this Python")
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "__init__.py").write_text('raise SystemExit("the working folder\'s claims")\n')
    done = subprocess.run(
        [str(command), "extract", str(FIXTURES), "--jobs", "2", "-f", "jsonl"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "working folder" not in done.stderr and done.stdout.count("\n") >= 10
