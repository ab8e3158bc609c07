"""Same fact or not: figures of different articles of one story are compared only when their frames
agree and their words tie them (claims/check/alignment.py). Articles written like real coverage."""

from __future__ import annotations

import json

import pytest

from claims.check.alignment import tied
from claims.check.checker import find_discrepancies
from claims.check.figures import Figure
from claims.check.rules import fact_findings
from claims.extract.extractor import extract_claims
from claims.pipeline.ingest import ingest_articles
from claims.sources.article import SourceArticle


def _findings(store, *texts: str, published=("2024-10-01", "2024-10-01")) -> list:
    articles = [
        SourceArticle(
            text=text, title=text.split("\n", 1)[0], published=published[i % len(published)], origin=f"a{i}.txt"
        )
        for i, text in enumerate(texts)
    ]
    result = ingest_articles(store, articles, story="one story")
    assert not result.problems
    found, _ = find_discrepancies(store)
    return sorted(found, key=lambda f: (f.kind, f.first.value or 0))


def _values(found) -> list[tuple[str, float, float]]:
    return [(f.kind, *sorted((f.first.low, f.second.low))) for f in found]


def test_two_bounds_the_same_way_with_different_numbers_disagree(store):
    found = _findings(
        store,
        "Biểu tình ở thủ đô\nHiện có hơn 4.000 cảnh sát được điều động tới quảng trường.\n",
        "Thủ đô căng thẳng\nHiện có hơn 1.600 cảnh sát được điều động tới quảng trường.\n",
    )
    assert _values(found) == [("value", 1600, 4000)]
    assert "both say more than" in found[0].explanation


def test_a_value_inside_a_bound_agrees_with_it(store):
    assert (
        _findings(
            store,
            "Lũ ở miền Trung\nHơn 150 hộ dân được sơ tán khỏi vùng ngập sâu.\n",
            "Lũ dâng cao\nTổng cộng 170 hộ dân được sơ tán khỏi vùng ngập sâu.\n",
        )
        == []
    )


def test_money_with_no_concept_is_compared_by_its_words(store):
    found = _findings(
        store,
        "Thanh tra dự án cảng\nTổng công ty đã làm thất thoát 2.300 tỷ đồng tại dự án cảng Cái Mép.\n",
        "Kết luận thanh tra\nTổng công ty đã làm thất thoát 920 tỷ đồng tại dự án cảng Cái Mép.\n",
    )
    assert [f.kind for f in found] == ["value"]
    assert "thoát" in found[0].explanation and "same fact" in found[0].explanation


def test_list_items_meet_item_by_item(store):
    found = _findings(
        store,
        "Hãng xe tăng sản lượng\nBan đầu hãng dự định bán 3.200 chiếc xe điện, sau đó tăng lên 4.000 chiếc.\n",
        "Xe điện bán chạy\nBan đầu hãng dự định bán 1.600 chiếc xe điện.\n",
    )
    assert _values(found) == [("value", 1600, 3200)]


@pytest.mark.parametrize(
    "first,second",
    [
        # a month against an average over five months
        (
            "Giá cả tháng 5\nChỉ số CPI tháng 5 tăng 0,31% so với tháng trước.\n",
            "Lạm phát được kiểm soát\nChỉ số CPI bình quân 5 tháng đầu năm tăng 3,9%.\n",
        ),
        # a plan for the year against a half-year result
        (
            "Kế hoạch kinh doanh\nCông ty dự kiến doanh thu cả năm đạt 9.800 tỷ đồng.\n",
            "Kết quả nửa năm\nDoanh thu cả năm của công ty mới đạt 4.120 tỷ đồng sau 6 tháng.\n",
        ),
        # a price per kilogram against a total
        (
            "Sầu riêng được giá\nGiá sầu riêng tại vườn lên tới 250 nghìn đồng/kg.\n",
            "Nông dân thu tiền tỷ\nMỗi xe sầu riêng tại vườn bán được gần 40 triệu đồng.\n",
        ),
        # last year's exercise against this one
        (
            "Tập trận chung\nCuộc diễn tập năm ngoái có 12.000 binh sĩ tham gia.\n",
            "Tập trận lớn nhất\nCuộc diễn tập có 25.000 binh sĩ tham gia.\n",
        ),
        # English: a morning session against the year so far
        (
            "Shares slide\nShares in the carmaker fell 7% in early trading.\n",
            "Carmaker under pressure\nShares in the carmaker have fallen 22% so far this year.\n",
        ),
    ],
)
def test_figures_of_different_frames_are_different_facts(store, first, second):
    assert _findings(store, first, second) == []


def test_english_bounds_and_money_align_on_their_words(store):
    found = _findings(
        store,
        "Protest in the capital\nMore than 4,000 police officers were deployed to the square.\n",
        "Capital on edge\nMore than 1,600 police officers were deployed to the square.\n",
    )
    assert _values(found) == [("value", 1600, 4000)]


def test_figures_that_share_no_words_are_not_one_fact(store):
    # Both count people in one story, but one is evacuated and the other injured.
    assert (
        _findings(
            store,
            "Bão đổ bộ\nChính quyền đã sơ tán 3.000 dân khỏi vùng ven biển.\n",
            "Bão gây thiệt hại\nCơn bão làm 12 người bị thương nặng.\n",
        )
        == []
    )


def test_a_changed_figure_is_an_update_when_both_dates_are_known_and_differ(store):
    found = _findings(
        store,
        "Lũ quét\nLũ quét đã làm 12 người chết tại huyện miền núi.\n",
        "Lũ quét\nLũ quét đã làm 19 người chết tại huyện miền núi.\n",
        published=("2024-10-01", "2024-10-02"),
    )
    assert [f.kind for f in found] == ["update"]


def test_claims_stored_before_frames_get_them_when_the_database_is_upgraded(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine, text

    from claims.store.database import _alembic_config, open_store

    url = f"sqlite:///{tmp_path / 'old.db'}"
    article = "Lũ quét\nLũ quét đã làm 12 người chết tại huyện miền núi.\n"
    store = open_store(url)
    ingest_articles(store, [SourceArticle(text=article, title="Lũ quét", origin="a.txt")])
    store.dispose()
    engine = create_engine(url)
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0003")  # as a database of the revision before frames
    engine.dispose()
    store = open_store(url)
    with store.reading() as conn:
        stored = conn.execute(text("SELECT text, frame FROM claims")).all()
    store.dispose()
    expected = [(c.text, c.frame) for c in extract_claims(article, "vi")]
    assert [(claim, json.loads(frame)) for claim, frame in stored] == expected
    assert expected[0][1]["words"]  # a frame with words, not the empty default


def test_figures_about_differently_named_things_are_different_facts(store):
    assert (
        _findings(
            store,
            "Giao dịch cổ đông lớn\nTrong tuần, quỹ Norges Bank đăng ký mua 800.000 cổ phiếu.\n",
            "Cổ đông đăng ký mua\nTrong tuần, quỹ VIAC Limited đăng ký mua 6 triệu cổ phiếu.\n",
        )
        == []
    )
    found = _findings(
        store,
        "Quỹ ngoại mua vào\nTrong tuần, quỹ Norges Bank đăng ký mua 800.000 cổ phiếu.\n",
        "Quỹ ngoại gom hàng\nTrong tuần, quỹ Norges Bank đăng ký mua 1,2 triệu cổ phiếu.\n",
    )
    assert _values(found) == [("value", 800_000, 1_200_000)]


def test_one_shared_two_syllable_noun_does_not_make_one_fact(store):
    # Two stocks' volumes in one market report: only "đơn vị" (the unit counted) ties them.
    assert (
        _findings(
            store,
            "Chứng khoán phiên chiều\nMã HAG khớp được 1,65 triệu đơn vị.\n",
            "Thị trường giằng co\nRiêng mã SII thỏa thuận gần 1,18 triệu đơn vị.\n",
        )
        == []
    )
    # The same noun and the same words around it do.
    found = _findings(
        store,
        "Chứng khoán phiên chiều\nTổng khối lượng giao dịch đạt 3,14 triệu đơn vị.\n",
        "Thị trường giằng co\nTổng khối lượng giao dịch đạt 4,5 triệu đơn vị.\n",
    )
    assert _values(found) == [("value", 3_140_000, 4_500_000)]


@pytest.mark.parametrize(
    "first,second",
    [
        (
            'Cuộc thi viết\n"Tôi sẽ không khắt khe," ông Cowell, 54 tuổi, nói về vai trò giám khảo của mình.\n',
            'Giám khảo mới\n"Tôi sẽ không khắt khe," ông Cowell, 45 tuổi, nói về vai trò giám khảo của mình.\n',
        ),
        (
            (
                "Writers' contest\n"
                '"I\'m not going to be the Mr Nasty of books," said Cowell, 54, of his role as a judge.\n'
            ),
            'New judge\n"I\'m not going to be the Mr Nasty of books," said Cowell, 45, of his role as a judge.\n',
        ),
    ],
)
def test_an_age_in_apposition_is_tied_by_the_rest_of_its_sentence(store, first, second):
    # The figure's own clause holds nothing but the figure: its sentence's words and names tie it.
    assert _values(_findings(store, first, second)) == [("value", 45, 54)]


def test_sentences_whose_other_figures_all_differ_report_two_things(store):
    # Two sessions' market breadth: every figure differs, none is one fact misreported.
    assert (
        _findings(
            store,
            "Chứng khoán hôm nay\nToàn sàn có 74 mã tăng, 62 mã giảm và 244 mã đứng giá.\n",
            "Thị trường chứng khoán\nToàn sàn có 48 mã tăng, 93 mã giảm và 241 mã đứng giá.\n",
        )
        == []
    )


def test_a_figure_whose_neighbours_agree_is_flagged_with_them(store):
    found = _findings(
        store,
        "Chứng khoán hôm nay\nToàn sàn có 82 mã tăng, 132 mã giảm và 65 mã đứng giá.\n",
        "Thị trường chứng khoán\nToàn sàn có 82 mã tăng, 132 mã giảm và 90 mã đứng giá.\n",
    )
    assert _values(found) == [("value", 65, 90)]
    assert "beside 82, 132 in both" in found[0].explanation


def test_neighbours_of_another_kind_tell_two_sessions_apart(store):
    assert (
        _findings(
            store,
            "Chứng khoán hôm nay\nTổng khối lượng giao dịch đạt 3,14 triệu đơn vị, trị giá 74,99 tỷ đồng.\n",
            "Thị trường chứng khoán\nTổng khối lượng giao dịch đạt 14,5 triệu đơn vị, trị giá 117,53 tỷ đồng.\n",
        )
        == []
    )


def test_cells_of_a_table_pasted_as_text_are_not_aligned_by_their_words(store):
    # A results table flattened into one line: its words say nothing of which cell is which, and
    # two tables whose other cells differ too are two tables.
    row = "Chỉ tiêu 9T/2013 9T/2012 Doanh thu thuần {} 416,32 -8% 131,4 {} -14% Lãi gộp 138,35 147,31 -6%.\n"
    assert (
        _findings(
            store,
            "Kết quả kinh doanh quý 3\n" + row.format("382,17", "153,24"),
            "Công ty công bố kết quả\n" + row.format("482,17", "162,8"),
        )
        == []
    )


def test_one_cell_changed_in_the_same_table_is_flagged(store):
    # Every other cell agrees: the same table told twice, one figure changed.
    row = "Chỉ tiêu 9T/2013 9T/2012 Doanh thu thuần {} 416,32 -8% 131,4 153,24 -14% Lãi gộp 138,35 147,31 -6%.\n"
    found = _findings(
        store,
        "Kết quả kinh doanh quý 3\n" + row.format("382,17"),
        "Công ty công bố kết quả\n" + row.format("482,17"),
    )
    assert _values(found) == [("value", 382.17, 482.17)]


def test_a_sentence_told_twice_with_one_figure_changed_is_flagged_however_few_its_words(store):
    # "(£374m)" has no words of its own: the dollars beside it agree in both.
    found = _findings(
        store,
        "SEC delays rule\nThe rule was delayed for firms worth less than $700m (£374m) on the market.\n",
        "Rule delayed\nThe rule was delayed for firms worth less than $700m (£230m) on the market.\n",
    )
    assert _values(found) == [("value", 230_000_000, 374_000_000)]


@pytest.mark.parametrize(
    "sentence, figure, aspect",
    [
        ("Công ty dự định bán 3.200 chiếc xe điện.", "3.200", "plan"),
        ("Thu ngân sách năm nay ước đạt 752.370 tỷ đồng.", "752.370 tỷ đồng", "estimate"),
        # "định" and "ước" are also syllables of other words: identified cases, a treaty's signatories.
        ("Đến sáng 29/4, đã xác định được 32 trường hợp F1.", "32", None),
        ("Hiệp ước có 35 nước ký kết.", "35", None),
    ],
)
def test_plan_and_estimate_words_are_whole_words(sentence, figure, aspect):
    claim = next(c for c in extract_claims(sentence, lang="vi") if c.text == figure)
    assert claim.frame.get("aspect") == aspect


def test_one_person_named_two_ways_is_one_name(store):
    found = _findings(
        store,
        (
            "Inauguration day\n"
            "Chief Justice John G. Roberts Jr. administered the 35-word oath at noon before a large crowd.\n"
        ),
        "A new president\nJustice John Roberts administered the 38-word oath at noon before a large crowd.\n",
    )
    assert _values(found) == [("value", 35, 38)]


def test_two_ranges_of_one_fact_that_state_other_ends_disagree(store):
    found = _findings(
        store,
        "Lương công nhân\nMức lương của công nhân nhà máy dao động từ 5 đến 7 triệu đồng mỗi tháng.\n",
        "Thu nhập công nhân\nMức lương của công nhân nhà máy dao động từ 2 đến 7 triệu đồng mỗi tháng.\n",
    )
    assert [f.kind for f in found] == ["value"] and "the ranges differ" in found[0].explanation


def test_two_ranges_with_the_same_ends_agree(store):
    assert (
        _findings(
            store,
            "Lương công nhân\nMức lương của công nhân xưởng may dao động từ 5 đến 7 triệu đồng mỗi tháng.\n",
            "Thu nhập công nhân\nMức lương của công nhân xưởng may dao động từ 5 - 7 triệu đồng mỗi tháng.\n",
        )
        == []
    )


def test_a_count_whose_noun_was_read_is_not_one_fact_with_a_count_whose_noun_was_not(store):
    # "12 vũ công" counts dancers; "Chung kết 5" names a show: the words around both are alike.
    assert (
        _findings(
            store,
            "Thử thách cùng bước nhảy\nTuần này 12 vũ công của Thử thách cùng bước nhảy tập luyện cho đêm thi.\n",
            "Bước nhảy đêm thứ năm\nTuần này Chung kết 5 của Thử thách cùng bước nhảy tập luyện cho đêm thi.\n",
        )
        == []
    )


def test_counts_of_two_different_nouns_are_not_one_fact(store):
    assert (
        _findings(
            store,
            "Hợp đồng máy bay\nHai nước đàm phán hợp đồng xuất khẩu 12 chiếc máy bay chiến đấu FA-50.\n",
            "Hợp đồng máy bay\nHai nước đàm phán hợp đồng xuất khẩu, 2 bên cần ký máy bay chiến đấu FA-50.\n",
        )
        == []
    )


def test_counts_of_one_concept_in_other_words_are_one_fact(store):
    found = _findings(
        store,
        "Rút quân khỏi Iraq\nMỹ hiện còn 2.500 lính Mỹ đồn trú tại Iraq theo thỏa thuận rút quân.\n",
        "Rút quân khỏi Iraq\nMỹ hiện còn 4.000 binh sĩ đồn trú tại Iraq theo thỏa thuận rút quân.\n",
    )
    assert _values(found) == [("value", 2500, 4000)]


def test_one_value_written_to_two_precisions_agrees(store):
    agreeing = (
        "Phố Wall tăng điểm\nChỉ số Nasdaq Composite tăng 9,517 điểm, đóng cửa ở mức cao.\n",
        "Chứng khoán Mỹ\nChỉ số Nasdaq Composite tăng 9,52 điểm, đóng cửa ở mức cao.\n",
    )
    assert _findings(store, *agreeing) == []


def test_two_values_to_the_same_precision_still_disagree(store):
    found = _findings(
        store,
        "Phố Wall tăng điểm\nChỉ số Nasdaq Composite tăng 9,52 điểm, đóng cửa ở mức cao.\n",
        "Chứng khoán Mỹ\nChỉ số Nasdaq Composite tăng 12,61 điểm, đóng cửa ở mức cao.\n",
    )
    assert _values(found) == [("value", 9.52, 12.61)]


def test_an_english_noun_of_one_word_ties_two_figures(store):
    found = _findings(
        store,
        "Congressman charged\nThe 47-page indictment says campaign funds paid for family holidays.\n",
        "Charges filed\nThe 48-page indictment says campaign funds paid for family holidays.\n",
    )
    assert _values(found) == [("value", 47, 48)]


def test_a_role_named_among_the_other_figures_words_frames_it_no_differently(store):
    # "vào các địa điểm trên lãnh thổ Syria": the target is read as "địa điểm", and the words name Syria too.
    found = _findings(
        store,
        "Không kích Syria\nIsrael đã tiến hành ít nhất 3 cuộc tấn công vào các địa điểm trên lãnh thổ Syria.\n",
        "Israel không kích\nIsrael đã tiến hành ít nhất 3 cuộc tấn công vào lãnh thổ Syria.\n",
    )
    assert [f.kind for f in found] == []


def _figure(figure_id: int, article_id: int, value: float, words: set[str], subject: str | None) -> Figure:
    return Figure(
        id=figure_id,
        article_id=article_id,
        story_id=1,
        topic=f"~{subject}" if subject else None,
        kind="count",
        unit=None,
        value=value,
        low=value,
        high=value,
        actor=None,
        location=None,
        time=None,
        roles={},
        published=None,
        identity=f"{article_id}:{figure_id}",
        subject=subject,
        words=frozenset(words),
    )


def test_two_figures_joined_only_through_a_third_are_not_compared():
    # B's words meet A's, C's meet B's, and C shares nothing with A: no finding between A and C.
    a = _figure(1, 1, 218, {"xử lý", "hình sự", "trốn thuế"}, "vụ")
    b = _figure(2, 2, 218, {"xử lý", "hình sự", "trốn thuế", "rà soát", "chuyển giá"}, "vụ")
    c = _figure(3, 3, 300, {"rà soát", "chuyển giá", "kiểm tra"}, "vụ")
    assert tied(a, b) and tied(b, c) and not tied(a, c)
    # Sorted by value, A (the tightest of the 218s) meets C first; the pair compared is B and C.
    assert [{f.first.id, f.second.id} for f in fact_findings([a, b, c])] == [{2, 3}]


def test_a_syllable_in_two_names_counts_for_one_of_them_whatever_the_order():
    # "minh" is in both names: the word "tiến minh" is one name, not two, in every run.
    from claims.check.alignment import _tokens

    for names in (frozenset({"tiến minh", "minh hải"}), frozenset({"minh hải", "tiến minh"})):
        assert _tokens({"tiến minh"}, names) == {"<tiến minh>"}
