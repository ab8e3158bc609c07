"""What the checker says of single articles written like real news: lists of figures are no
conflicts, a restated figure that changed is one, and a breakdown is checked against its own total."""

from __future__ import annotations

from claims.check.checker import find_discrepancies
from claims.pipeline.ingest import ingest_articles
from claims.sources.article import SourceArticle


def _findings(store, *texts: str) -> list[tuple[str, str]]:
    articles = [
        SourceArticle(text=text, title=text.split("\n", 1)[0], published="2024-10-01", origin=f"a{i}.txt")
        for i, text in enumerate(texts)
    ]
    result = ingest_articles(store, articles, story="one story")
    assert not result.problems
    found, _ = find_discrepancies(store)
    return sorted((f.kind, f.explanation) for f in found)


def test_an_article_listing_rates_for_each_term_has_no_conflict(store):
    assert (
        _findings(
            store,
            (
                "Lãi suất tiết kiệm tiếp tục giảm\n"
                "Từ hôm nay, lãi suất kỳ hạn 1 tháng tại ngân hàng này là 3,3%/năm.\n"
                "Lãi suất kỳ hạn 3 tháng là 3,6%/năm, kỳ hạn 6 tháng là 4,5%/năm.\n"
                "Ngân hàng cũng giảm lãi suất kỳ hạn 12 tháng từ 5,2% xuống 4,9%.\n"
            ),
        )
        == []
    )


def test_another_article_giving_one_rate_of_a_list_is_no_conflict_either(store):
    listing = "Lãi suất giảm\nLãi suất kỳ hạn 1 tháng là 3,3%/năm.\nLãi suất kỳ hạn 6 tháng là 4,5%/năm.\n"
    single = "Lãi suất giảm tiếp\nLãi suất kỳ hạn 6 tháng là 4,5%/năm.\n"
    assert _findings(store, listing, single) == []


def test_an_article_restating_a_toll_differently_is_flagged(store):
    found = _findings(
        store,
        (
            "Cháy chung cư mini ở Hà Nội\n"
            "Vụ cháy chung cư mini làm 56 người chết ở Hà Nội.\n"
            "Lực lượng cứu hộ đã đưa 70 người ra ngoài an toàn.\n"
            "Theo thống kê mới nhất, vụ cháy đã làm 65 người chết ở Hà Nội.\n"
        ),
    )
    assert [kind for kind, _ in found] == ["value"]
    assert "56" in found[0][1] and "65" in found[0][1] and "same article" in found[0][1]


def test_a_breakdown_is_checked_against_the_total_it_breaks_down(store):
    # 883 urns of 364 families: the parts are urns, so 883 is their total, and 576 + 307 = 883.
    agreeing = (
        "Chùa rà soát hũ tro cốt\n"
        "Chùa đang giữ 883 hũ tro cốt của 364 hộ gia đình, trong đó có 576 hũ tro cốt loại đá "
        "và 307 hũ tro cốt loại sành.\n"
    )
    assert _findings(store, agreeing) == []


def test_a_breakdown_that_exceeds_its_total_is_flagged(store):
    wrong = (
        "Chùa rà soát hũ tro cốt\n"
        "Chùa đang giữ 883 hũ tro cốt của 364 hộ gia đình, trong đó có 600 hũ tro cốt loại đá "
        "và 307 hũ tro cốt loại sành.\n"
    )
    assert _findings(store, wrong) == [
        ("arithmetic", "parts (600, 307) add up to at least 907, more than the stated total 883")
    ]


def test_parts_that_measure_something_else_are_no_breakdown(store):
    # Three cameras of 48, 12 and 13 megapixels: the parts say what each camera is, not how many.
    assert (
        _findings(store, "Điện thoại mới\nMáy có cụm 3 camera gồm 48 megapixel, 12 megapixel và 13 megapixel.\n") == []
    )


def test_a_breakdown_is_checked_against_the_clause_it_breaks_down(store):
    # The front camera's 32 megapixels are no total of the rear cameras' 48, 12 and 13.
    assert (
        _findings(
            store,
            "Điện thoại mới\nMáy có camera trước 32 megapixel, cụm 3 camera sau gồm 48 megapixel, "
            "12 megapixel và 13 megapixel.\n",
        )
        == []
    )


def test_a_part_many_times_its_total_counts_something_else(store):
    # The 1,000 are the homestays' rooms, not a part of the 133 places to stay.
    assert (
        _findings(
            store,
            "Du lịch đảo\n133 cơ sở lưu trú trên đảo - gồm 8 khách sạn, 60 nhà nghỉ, còn lại là "
            "homestay với trên 1.000 phòng - cũng đã hết sạch phòng.\n",
        )
        == []
    )


def test_a_thing_counted_beside_the_parts_is_no_part(store):
    # The 7 motorbikes were seized beside the packs: the packs add up to their total.
    sentence = (
        "Bắt giữ thuốc lá lậu\nTổng cộng, lực lượng chức năng đã tạm giữ 10.260 bao thuốc lá lậu, gồm 2.260 "
        "bao nhãn hiệu Jet và 8.000 bao nhãn hiệu Hero cùng 7 xe mô tô do các đối tượng bỏ lại.\n"
    )
    assert _findings(store, sentence) == []
    # Ten packs more in the parts than in the total are still found (beside a value discrepancy
    # with the first article, whose 8.000 packs the second tells as 8.010).
    wrong = sentence.replace("8.000 bao", "8.010 bao")
    assert ("arithmetic", "parts (2.260, 8.010) add up to at least 10,270, more than the stated total 10.260") in (
        _findings(store, wrong)
    )
