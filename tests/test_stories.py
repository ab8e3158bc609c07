"""Automatic story grouping: weighted terms of title and lead, places under one name, a date window."""

from __future__ import annotations

from sqlalchemy import text

from claims.lang import load_pack
from claims.pipeline.ingest import ingest_articles
from claims.sources import article_from_text
from claims.store.queries import list_stories
from claims.store.stories import signature


def test_a_place_is_one_term_however_it_is_written():
    pack = load_pack("vi")
    written = ["Mưa lớn ở TP.HCM", "Mưa lớn ở TP Hồ Chí Minh", "Mưa lớn ở Sài Gòn", "Mưa lớn ở thành phố Hồ Chí Minh"]
    terms = [signature(title, "", pack) for title in written]
    assert all("ho_chi_minh_city" in t for t in terms)
    # The syllables of the name are no terms of their own.
    assert not any({"sài", "gòn", "hcm", "minh"} & set(t) for t in terms)


def test_pairs_of_syllables_and_figures_with_their_noun_are_terms():
    terms = signature(
        "Huy động 12 tàu cứu hộ", "Lực lượng biên phòng huy động 12 tàu cứu hộ tìm ngư dân.", load_pack("vi")
    )
    assert {"12_tàu", "tàu_cứu", "cứu_hộ", "ngư_dân", "huy_động"} <= set(terms)
    # A bare number and a pair of two stopwords say nothing about a story.
    assert "12" not in terms and "của_các" not in terms


def test_the_title_counts_twice():
    terms = signature("Bão Yagi", "Bão Yagi đổ bộ.", load_pack("vi"))
    assert terms.counts["bão_yagi"] == 3


def _stories(store, *texts: str) -> list[int]:
    articles = [article_from_text(text, origin=f"a{i}") for i, text in enumerate(texts)]
    ingest_articles(store, articles)
    return sorted(len(story["articles"]) for story in list_stories(store))


def test_articles_that_share_only_syllables_of_common_names_are_apart(store):
    # Chinese cars and iPhones in Vietnam: "Trung Quốc", "Việt Nam" and "Hà Nội" made one story
    # of them when names were split into syllables.
    cars = (
        "title: Xe Trung Quốc giá rẻ vẫn khó bán ở Việt Nam\ndate: 2024-10-01\n\n"
        "Nhiều mẫu xe Trung Quốc như Haval H6 và Wuling về Việt Nam, đại lý ở Hà Nội cho biết khách hàng còn e ngại."
    )
    phones = (
        "title: Apple muốn hạn chế iPhone xách tay tại Việt Nam\ndate: 2024-10-02\n\n"
        "Apple mở cửa hàng trực tuyến ở Việt Nam; "
        "cửa hàng xách tay ở Hà Nội lo mất khách, hàng Trung Quốc cũng cạnh tranh."
    )
    assert _stories(store, cars, phones) == [1, 1]


def test_articles_of_one_story_still_group(store):
    first = (
        "title: Bão Yagi đổ bộ Quảng Ninh\ndate: 2024-09-07\n\n"
        "Bão Yagi đổ bộ Quảng Ninh và Hải Phòng, Ban Chỉ đạo quốc gia cho biết 3 người chết."
    )
    later = (
        "title: Bão Yagi: Quảng Ninh, Hải Phòng thiệt hại nặng\ndate: 2024-09-08\n\n"
        "Theo Ban Chỉ đạo, bão Yagi đã làm 59 người chết ở Quảng Ninh và Hải Phòng."
    )
    assert _stories(store, first, later) == [2]


# Two outlets rewrite one event in their own words, without dates; a third article is about something else.
_RESCUE_ONE = (
    "title: Huy động 12 tàu cứu hộ tìm ngư dân mất tích ở Quảng Ngãi\n\n"
    "Bộ đội Biên phòng tỉnh Quảng Ngãi đã huy động 12 tàu cứu hộ tìm kiếm 7 ngư dân mất tích "
    "khi tàu cá QNg 90479 bị chìm gần đảo Lý Sơn."
)
_RESCUE_TWO = (
    "title: Tàu cá QNg 90479 chìm gần Lý Sơn, 7 ngư dân mất tích\n\n"
    "Sáng nay, 12 tàu cứu hộ đã ra khơi tìm kiếm 7 ngư dân trên tàu cá QNg 90479 của Quảng Ngãi "
    "bị chìm ở vùng biển gần đảo Lý Sơn."
)
_PRICES = (
    "title: Giá xăng giảm lần thứ ba liên tiếp\n\n"
    "Liên bộ Công Thương - Tài chính quyết định giảm giá xăng RON 95 thêm 500 đồng mỗi lít từ chiều nay."
)


def test_rewritten_coverage_from_two_outlets_groups_without_dates(store):
    assert _stories(store, _RESCUE_ONE, _PRICES, _RESCUE_TWO) == [1, 2]


def test_coverage_far_apart_in_time_is_not_grouped(store):
    dated_one = _RESCUE_ONE.replace("\n\n", "\ndate: 2024-01-05\n\n", 1)
    dated_two = _RESCUE_TWO.replace("\n\n", "\ndate: 2024-06-20\n\n", 1)
    assert _stories(store, dated_one, dated_two) == [1, 1]


def test_a_story_says_what_its_articles_share(store):
    _stories(store, _RESCUE_ONE, _PRICES, _RESCUE_TWO)
    stories = {len(s["articles"]): s for s in list_stories(store)}
    why = stories[2]["why"]
    assert "12 tàu" in why and len(why) <= 6
    pack = load_pack("vi")
    one, two = (
        set(signature(a.title, a.text, pack))
        for a in (article_from_text(_RESCUE_ONE, origin="a"), article_from_text(_RESCUE_TWO, origin="b"))
    )
    assert all(word.replace(" ", "_") in one & two for word in why)
    assert stories[1]["why"] == []


def test_the_term_counts_follow_the_archive(store):
    _stories(store, _RESCUE_ONE, _PRICES, _RESCUE_TWO)
    with store.reading() as conn:
        total = conn.execute(text("SELECT articles FROM story_term_counts WHERE term = ''")).scalar()
        held = conn.execute(text("SELECT articles FROM story_term_counts WHERE term = '12_tàu'")).scalar()
    assert (total, held) == (3, 2)
