"""An editor corrects story grouping: rename, merge, split, move; kept across re-ingest and re-grouping."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from claims.check.checker import run_check
from claims.check.triage import discrepancies, review
from claims.cli import app
from claims.errors import InputError
from claims.pipeline.ingest import ingest_articles
from claims.sources import article_from_text, read_articles
from claims.store.queries import list_stories
from claims.store.story_edits import merge_stories, move_article, rename_story, split_story
from claims.store.story_regroup import regroup_stories

from .conftest import FIXTURES

_FLOOD_ONE = (
    "title: Lũ quét ở Lào Cai làm 12 người chết\ndate: 2024-09-10\n\n"
    "Lũ quét tại thôn Làng Nủ, huyện Bảo Yên, tỉnh Lào Cai đã làm 12 người chết và 40 người mất tích."
)
_FLOOD_TWO = (
    "title: Làng Nủ sau trận lũ quét: 40 người còn mất tích\ndate: 2024-09-11\n\n"
    "Sau trận lũ quét ở Làng Nủ, Lào Cai, lực lượng cứu hộ vẫn tìm kiếm 40 người mất tích; 12 người đã chết."
)
_FUEL = (
    "title: Giá xăng giảm lần thứ ba liên tiếp\ndate: 2024-09-10\n\n"
    "Liên bộ Công Thương - Tài chính quyết định giảm giá xăng RON 95 thêm 500 đồng mỗi lít từ chiều nay."
)


def _articles(*texts: str):
    return [article_from_text(t, origin=f"a{i}", path=f"/news/a{i}.txt") for i, t in enumerate(texts)]


def _layout(store) -> dict[str, list[str]]:
    """story name -> the paths of its articles."""
    return {s["name"]: sorted(a["path"] for a in s["articles"]) for s in list_stories(store)}


def _story_of(store, path: str) -> str:
    return next(name for name, paths in _layout(store).items() if path in paths)


@pytest.fixture
def grouped(store):
    ingest_articles(store, _articles(_FLOOD_ONE, _FLOOD_TWO, _FUEL))
    assert sorted(map(len, _layout(store).values())) == [1, 2]
    return store


def test_rename_keeps_the_articles_and_survives_regrouping(grouped):
    rename_story(grouped, _story_of(grouped, "/news/a0.txt"), "Lũ Làng Nủ")
    assert _layout(grouped)["Lũ Làng Nủ"] == ["/news/a0.txt", "/news/a1.txt"]
    regroup_stories(grouped)
    assert _layout(grouped)["Lũ Làng Nủ"] == ["/news/a0.txt", "/news/a1.txt"]
    assert next(s for s in list_stories(grouped) if s["name"] == "Lũ Làng Nủ")["manual"] is True


def test_merge_moves_every_article_and_their_claims(grouped):
    flood, fuel = _story_of(grouped, "/news/a0.txt"), _story_of(grouped, "/news/a2.txt")
    merged = merge_stories(grouped, flood, fuel)
    assert _layout(grouped) == {flood: ["/news/a0.txt", "/news/a1.txt", "/news/a2.txt"]}
    with grouped.reading() as conn:
        stray = conn.execute(text("SELECT count(*) FROM claims WHERE story_id <> :s"), {"s": merged}).scalar()
        index = set(conn.execute(text("SELECT DISTINCT story_id FROM story_terms")).scalars())
    assert stray == 0 and index == {merged}
    regroup_stories(grouped)
    assert _layout(grouped) == {flood: ["/news/a0.txt", "/news/a1.txt", "/news/a2.txt"]}


def test_split_takes_articles_out_and_both_halves_stay_apart_after_regrouping(grouped):
    flood = _story_of(grouped, "/news/a0.txt")
    split_story(grouped, flood, ["/news/a1.txt"], "Làng Nủ: tìm kiếm")
    expected = {flood: ["/news/a0.txt"], "Làng Nủ: tìm kiếm": ["/news/a1.txt"]}
    assert {k: v for k, v in _layout(grouped).items() if k in expected} == expected
    regroup_stories(grouped)
    assert {k: v for k, v in _layout(grouped).items() if k in expected} == expected


def test_move_puts_one_article_elsewhere_and_drops_an_emptied_story(grouped):
    fuel = _story_of(grouped, "/news/a2.txt")
    flood = _story_of(grouped, "/news/a0.txt")
    move_article(grouped, "/news/a2.txt", flood)
    assert _layout(grouped) == {flood: ["/news/a0.txt", "/news/a1.txt", "/news/a2.txt"]}
    assert fuel not in _layout(grouped)


def test_an_edit_names_what_it_cannot_find(grouped):
    with pytest.raises(InputError, match="no story 'nothing here'"):
        rename_story(grouped, "nothing here", "x")
    with pytest.raises(InputError, match="no article"):
        move_article(grouped, "/news/none.txt", _story_of(grouped, "/news/a0.txt"))
    flood = _story_of(grouped, "/news/a0.txt")
    with pytest.raises(InputError, match="already exists"):
        rename_story(grouped, _story_of(grouped, "/news/a2.txt"), flood)
    with pytest.raises(InputError, match="not none or all"):
        split_story(grouped, flood, ["/news/a0.txt", "/news/a1.txt"])
    with pytest.raises(InputError, match="is not in story"):
        split_story(grouped, flood, ["/news/a2.txt"])


def test_a_pinned_article_stored_again_returns_to_its_story(grouped):
    flood = _story_of(grouped, "/news/a0.txt")
    move_article(grouped, "/news/a2.txt", flood)
    # The article and its index rows go; the editor's pin, kept by content hash, stays.
    with grouped.writing() as conn:
        conn.execute(text("DELETE FROM story_terms WHERE article_id = 3"))
        conn.execute(text("DELETE FROM claims WHERE article_id = 3"))
        conn.execute(text("DELETE FROM articles WHERE id = 3"))
    ingest_articles(grouped, _articles(_FLOOD_ONE, _FLOOD_TWO, _FUEL))
    assert _layout(grouped)[flood] == ["/news/a0.txt", "/news/a1.txt", "/news/a2.txt"]


def test_story_at_ingest_takes_precedence_over_a_pin(grouped):
    move_article(grouped, "/news/a2.txt", _story_of(grouped, "/news/a0.txt"))
    with grouped.writing() as conn:
        conn.execute(text("DELETE FROM story_terms WHERE article_id = 3"))
        conn.execute(text("DELETE FROM claims WHERE article_id = 3"))
        conn.execute(text("DELETE FROM articles WHERE id = 3"))
    ingest_articles(grouped, _articles(_FUEL), story="fuel-prices")
    assert _layout(grouped)["fuel-prices"] == ["/news/a0.txt"]


def test_a_review_and_a_manual_story_survive_reingest_and_regrouping(store):
    folder = str(FIXTURES / "stories" / "bao-yagi")
    ingest_articles(store, read_articles([folder]), story="Bão Yagi")
    ingest_articles(store, _articles(_FLOOD_ONE, _FUEL))
    run_check(store)
    found = discrepancies(store)
    assert found, "the fixture story holds known discrepancies"
    review(store, str(found[0]["id"]), "confirmed", "asked the desk", "editor")
    ingest_articles(store, read_articles([folder]))
    regroup_stories(store)
    run_check(store)
    assert [p.rsplit("/", 1)[1] for p in _layout(store)["Bão Yagi"]] == ["a.txt", "b.txt", "c.txt"]
    kept = [d for d in discrepancies(store) if d["fingerprint"] == found[0]["fingerprint"]]
    assert kept and kept[0]["status"] == "confirmed" and kept[0]["note"] == "asked the desk"


def test_the_stories_commands(db_url):
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(app, ["stories", *args, "--db", db_url], catch_exceptions=False)

    from claims.store.database import open_store

    store = open_store(db_url)
    ingest_articles(store, _articles(_FLOOD_ONE, _FLOOD_TWO, _FUEL))
    flood, fuel = _story_of(store, "/news/a0.txt"), _story_of(store, "/news/a2.txt")
    listed = invoke("-f", "jsonl")
    assert listed.exit_code == 0 and flood in listed.stdout
    assert invoke("rename", flood, "Lũ Làng Nủ").exit_code == 0
    assert invoke("move", "/news/a2.txt", "Lũ Làng Nủ").exit_code == 0
    assert _layout(store) == {"Lũ Làng Nủ": ["/news/a0.txt", "/news/a1.txt", "/news/a2.txt"]}
    assert invoke("split", "Lũ Làng Nủ", "/news/a2.txt", "--name", "Giá xăng").exit_code == 0
    assert invoke("merge", "Lũ Làng Nủ", "Giá xăng").exit_code == 0
    assert invoke("regroup").exit_code == 0
    assert _layout(store) == {"Lũ Làng Nủ": ["/news/a0.txt", "/news/a1.txt", "/news/a2.txt"]}
    missing = invoke("rename", fuel, "x")
    assert missing.exit_code == 2 and "no story" in missing.stderr and "Traceback" not in missing.output
    store.dispose()


def test_a_0004_database_is_upgraded_with_weighted_terms_and_its_articles_still_attract_their_story(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine

    from claims.store.database import _alembic_config, open_store

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0004")
        conn.execute(
            text(
                "INSERT INTO stories (id, name, manual, created_at) VALUES (1, 'Lũ Làng Nủ', 0, '2024-09-10 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO articles "
                "(id, content_hash, title, published, lang, text, signature, story_id, ingested_at) "
                "VALUES (1, 'h1', :title, '2024-09-10', 'vi', :text, 'lào_cai làng_nủ', 1, '2024-09-10 00:00:00')"
            ),
            {"title": "Lũ quét ở Lào Cai làm 12 người chết", "text": _FLOOD_ONE.split("\n\n", 1)[1]},
        )
        conn.execute(
            text(
                "INSERT INTO story_terms (term, article_id, story_id, published) VALUES ('lào_cai', 1, 1, '2024-09-10')"
            )
        )
    engine.dispose()
    store = open_store(url)
    with store.reading() as conn:
        rows = conn.execute(text("SELECT term, weight, norm FROM story_terms WHERE article_id = 1")).all()
        total = conn.execute(text("SELECT articles FROM story_term_counts WHERE term = ''")).scalar()
    # A pair with a stopword in it ("12_người") is no term since 0008.
    assert {"lao_cai", "lũ_quét", "lang_nu", "mất_tích"} <= {term for term, _, _ in rows}
    assert "lào_cai" not in {term for term, _, _ in rows} and total == 1
    assert all(weight >= 1 and norm > 1 for _, weight, norm in rows)
    result = ingest_articles(store, _articles(_FLOOD_TWO))
    with store.reading() as conn:
        assert (
            conn.execute(text("SELECT story_id FROM articles WHERE id = :id"), {"id": result.stored[0]}).scalar() == 1
        )
    store.dispose()
