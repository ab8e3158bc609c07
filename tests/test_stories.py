"""Automatic story grouping: names kept whole, so that shared syllables of common names make no story."""

from __future__ import annotations

from claims.lang import load_pack
from claims.sources import article_from_text
from claims.store.ingest import ingest_articles
from claims.store.queries import list_stories
from claims.store.stories import signature


def test_a_name_is_one_term_and_a_common_name_none():
    terms = signature("Bão Yagi đổ bộ Quảng Ninh", "Theo Ban Chỉ đạo, bão Yagi làm 59 người chết ở Việt Nam.", load_pack("vi"))
    assert terms == {"bão_yagi", "quảng_ninh", "ban_chỉ", "yagi"}
    assert "việt_nam" not in terms and "việt" not in terms and "nam" not in terms


def test_english_names_and_long_words():
    terms = signature("Maui wildfire kills at least 80", "The Lahaina fire destroyed 2,200 buildings in Maui County.", load_pack("en"))
    assert {"maui", "lahaina", "maui_county", "wildfire", "destroyed", "buildings"} <= terms
    assert "at" not in terms and "least" not in terms


def _stories(store, *texts: str) -> list[int]:
    articles = [article_from_text(text, origin=f"a{i}") for i, text in enumerate(texts)]
    ingest_articles(store, articles)
    return sorted(len(story["articles"]) for story in list_stories(store))


def test_articles_that_share_only_syllables_of_common_names_are_apart(store):
    # Chinese cars and iPhones in Vietnam: "Trung Quốc", "Việt Nam" and "Hà Nội" made one story
    # of them when names were split into syllables.
    cars = ("title: Xe Trung Quốc giá rẻ vẫn khó bán ở Việt Nam\ndate: 2024-10-01\n\n"
            "Nhiều mẫu xe Trung Quốc như Haval H6 và Wuling về Việt Nam, đại lý ở Hà Nội cho biết khách hàng còn e ngại.")
    phones = ("title: Apple muốn hạn chế iPhone xách tay tại Việt Nam\ndate: 2024-10-02\n\n"
              "Apple mở cửa hàng trực tuyến ở Việt Nam; cửa hàng xách tay ở Hà Nội lo mất khách, hàng Trung Quốc cũng cạnh tranh.")
    assert _stories(store, cars, phones) == [1, 1]


def test_articles_of_one_story_still_group(store):
    first = ("title: Bão Yagi đổ bộ Quảng Ninh\ndate: 2024-09-07\n\n"
             "Bão Yagi đổ bộ Quảng Ninh và Hải Phòng, Ban Chỉ đạo quốc gia cho biết 3 người chết.")
    later = ("title: Bão Yagi: Quảng Ninh, Hải Phòng thiệt hại nặng\ndate: 2024-09-08\n\n"
             "Theo Ban Chỉ đạo, bão Yagi đã làm 59 người chết ở Quảng Ninh và Hải Phòng.")
    assert _stories(store, first, later) == [2]
