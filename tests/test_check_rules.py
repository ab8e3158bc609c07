"""The discrepancy rules on hand-made figures: which pairs are flagged, and as what."""

from __future__ import annotations

import math

import pytest

from claims.check.checker import story_findings
from claims.check.figures import Figure, times_compatible

_next_id = iter(range(1, 10_000))


def fig(
    value=None,
    low=None,
    high=None,
    *,
    kind="count",
    unit=None,
    article=None,
    published=None,
    actor=None,
    location=None,
    time=None,
    roles=None,
    topic="troops",
    subject=None,
    sentence=None,
    words=("binh", "sĩ", "triển", "khai"),
    **frame,
) -> Figure:
    """A figure of its own article unless `article` is given; `sentence` is where its sentence starts.
    Its clause's words tie it to the figures of other articles that share them (claims/check/alignment.py)."""
    ident = next(_next_id)
    article = 1000 + ident if article is None else article
    if value is not None and low is None and high is None:
        low = high = value
    return Figure(
        id=ident,
        article_id=article,
        story_id=1,
        topic=topic,
        kind=kind,
        unit=unit,
        value=value,
        low=-math.inf if low is None else low,
        high=math.inf if high is None else high,
        actor=actor,
        location=location,
        time=time,
        roles=roles or {},
        published=published,
        identity=f"hash{article}:{ident}:{ident + 1}",
        subject=subject,
        sentence_start=ident * 100 if sentence is None else sentence,
        words=frozenset(words),
        **frame,
    )


def kinds(figures):
    return sorted(f.kind for f in story_findings(figures))


def test_approximations_that_agree_are_not_flagged():
    assert kinds([fig(2500, 2250, 2750), fig(2450)]) == []


def test_disjoint_intervals_are_a_value_conflict():
    found = story_findings([fig(2500, 2250, 2750), fig(3000)])
    assert [f.kind for f in found] == ["value"]
    assert "2,500" in found[0].explanation and "3,000" in found[0].explanation


def test_more_than_conflicts_with_a_smaller_figure_only():
    assert kinds([fig(150, 150, None), fig(120)]) == ["value"]
    assert kinds([fig(150, 150, None), fig(170)]) == []


def test_figures_of_different_places_actors_or_years_are_apart():
    assert kinds([fig(2500, location="Iraq"), fig(900, location="Syria")]) == []
    assert kinds([fig(2500, actor="US"), fig(900, actor="UK")]) == []
    assert kinds([fig(2500, time="2023"), fig(900, time="2024")]) == []


def test_a_missing_field_never_keeps_figures_apart():
    assert kinds([fig(2500, actor="US", location="Iraq"), fig(900, location="Iraq")]) == ["value"]
    # Each side lacks a different field: still comparable.
    assert kinds([fig(2500, actor="US"), fig(900, location="Iraq")]) == ["value"]
    assert kinds([fig(2500, time="2024"), fig(900, time="2024-09")]) == ["value"]


def test_a_period_written_with_since_is_the_same_period():
    # "2024-09" and "since:2024-09" generalize each other; neither may drop out as less specific.
    assert kinds([fig(100, time="2024-09"), fig(200, time="since:2024-09")]) == ["value"]


def test_equivalent_joined_keys_do_not_depend_on_order():
    # Joining the first two keys gives "2024-09" or "since:2024-09" depending on which comes
    # first; either way all three figures are compared (this once varied with PYTHONHASHSEED).
    figures = [
        fig(100, actor="US", time="2024-09"),
        fig(200, location="Iraq", time="since:2024-09"),
        fig(300, actor="US", location="Iraq", time="since:2024-09"),
    ]
    assert kinds(figures) == ["value", "value"]
    assert kinds(figures[::-1]) == ["value", "value"]


def test_a_missing_field_does_not_join_figures_that_differ_on_another():
    # Iraq and Syria are apart; the unlocated 2,500 states Iraq's fact (its best counterpart), so
    # it is not also Syria's 900, and Iraq's and Syria's figures never meet through it.
    assert kinds([fig(2500, location="Iraq"), fig(900, location="Syria"), fig(2500)]) == []
    # Alone with Syria's figure it is compared: nothing known keeps them apart, their words tie them.
    found = story_findings([fig(900, location="Syria"), fig(2500)])
    assert [(f.kind, f.first.location, f.second.location) for f in found] == [("value", "Syria", None)]


def test_a_later_article_with_a_new_figure_is_an_update():
    found = story_findings([fig(100, article=1, published="2024-09-01"), fig(150, article=2, published="2024-09-08")])
    assert [(f.kind, f.first.published) for f in found] == [("update", "2024-09-01")]


def test_an_update_names_the_older_figure_first_whichever_is_met_first():
    newer, older = fig(150, article=2, published="2024-09-08"), fig(100, article=1, published="2024-09-01")
    found = story_findings([newer, older])
    assert [(f.kind, f.first.published, f.second.published) for f in found] == [("update", "2024-09-01", "2024-09-08")]


def test_without_both_dates_a_new_figure_is_a_conflict_not_an_update():
    assert kinds([fig(100, article=1, published="2024-09-01"), fig(150, article=2)]) == ["value"]
    assert kinds([fig(100, article=1, published="2024-09-01"), fig(150, article=2, published="2024-09-01")]) == [
        "value"
    ]


def test_a_lost_scale_word_is_a_scale_discrepancy():
    assert kinds([fig(10), fig(10_000_000)]) == ["scale"]
    assert kinds([fig(3), fig(3000)]) == ["scale"]


def test_percent_against_percentage_points():
    found = story_findings(
        [fig(2, kind="percent", topic="unemployment"), fig(2, kind="percentage_point", topic="unemployment")]
    )
    assert [f.kind for f in found] == ["scale"]


def test_same_figure_in_different_frames_is_a_context_conflict():
    found = story_findings(
        [
            fig(2500, 2250, 2750, roles={"against": "Israel", "part_of": "liên minh"}),
            fig(2500, 2250, 2750, roles={"against": "IS", "part_of": "liên minh"}),
        ]
    )
    assert [f.kind for f in found] == ["context"]
    assert "Israel" in found[0].explanation and "IS" in found[0].explanation


@pytest.mark.parametrize("roles", [{"source": "Reuters"}, {}])
def test_source_or_a_missing_role_is_no_context_conflict(roles):
    assert (
        kinds([fig(2500, roles={"against": "IS", **({"source": "AP"} if roles else {})}), fig(2500, roles=roles)]) == []
    )


def test_durations_compare_across_units():
    assert kinds([fig(12, kind="duration", unit="month"), fig(1, kind="duration", unit="year")]) == []


def test_many_figures_report_one_pair_per_disagreement_not_all_pairs():
    figures = [fig(100) for _ in range(150)] + [fig(200) for _ in range(150)]
    assert kinds(figures) == ["value"]


@pytest.mark.parametrize(
    "a,b,expected",
    [
        (None, "2024", True),
        ("2024", "2024-09", True),
        ("2023", "2024", False),
        ("since:2023-10", "2023-10", True),
        ("--09-27", "--09-27", True),
    ],
)
def test_time_overlap(a, b, expected):
    assert times_compatible(a, b) is expected


# Inside one article: a restated figure that changed is flagged, a list of different things is not.


def test_one_article_listing_values_of_a_topic_is_no_conflict():
    # "lãi suất kỳ hạn 1 tháng 3,3%; kỳ hạn 3 tháng 3,6%; kỳ hạn 6 tháng 4%", in one sentence or several.
    rates = [
        fig(v, kind="percent", unit="percent", topic="interest_rate", article=1, subject="lãi suất")
        for v in (3.3, 3.6, 4)
    ]
    assert kinds(rates) == []
    same_sentence = [fig(v, article=2, sentence=0, subject="lính", actor="US") for v in (2500, 900)]
    assert kinds(same_sentence) == []


def test_one_article_restating_a_figure_differently_is_a_conflict():
    # "56 người chết ở Hà Nội" in the lead, "65 người chết ở Hà Nội" further down.
    found = story_findings(
        [
            fig(56, article=1, subject="người chết", location="Hanoi"),
            fig(65, article=1, subject="người chết", location="Hanoi"),
        ]
    )
    assert [(f.kind, "same article" in f.explanation) for f in found] == [("value", True)]


@pytest.mark.parametrize(
    "second",
    [
        {"subject": "người bị thương", "location": "Hanoi"},  # another subject
        {"subject": "người chết"},  # nothing known on both sides that says it is the same fact
    ],
)
def test_one_article_needs_the_same_subject_and_a_shared_field_to_restate(second):
    assert kinds([fig(56, article=1, subject="người chết", location="Hanoi"), fig(65, article=1, **second)]) == []


def test_a_list_is_left_out_of_comparisons_across_articles_too():
    # Article 1 lists three rates; article 2 gives one of them. Which of the three it should match is unknown.
    rates = [fig(v, article=1, subject="lãi suất") for v in (3.3, 3.6, 4)]
    assert kinds(rates + [fig(3.6, article=2, subject="lãi suất")]) == []
    # A figure of a list is still the same figure in another frame: context conflicts are kept.
    framed = [
        fig(2500, article=1, subject="lính", roles={"against": "Israel"}),
        fig(900, article=1, subject="lính"),
        fig(2500, article=2, subject="lính", roles={"against": "IS"}),
    ]
    assert kinds(framed) == ["context"]


def test_a_figure_that_restates_keeps_its_conflict_when_its_article_also_lists():
    # The 3 dead without a place clash with both restated figures: they go, 56 against 65 stays.
    found = story_findings(
        [
            fig(56, article=1, subject="người chết", location="Hanoi"),
            fig(3, article=1, subject="người chết"),
            fig(65, article=1, subject="người chết", location="Hanoi"),
        ]
    )
    assert [(f.kind, f.first.value, f.second.value) for f in found] == [("value", 56, 65)]


def test_a_part_and_its_whole_in_one_article_are_no_conflict():
    # Article 2 gives 64 dead in Yên Bái and 233 on the whole country; article 1 gave 59 in Yên Bái.
    found = story_findings(
        [
            fig(59, article=1, subject="người chết", location="Yen Bai"),
            fig(64, article=2, subject="người chết", location="Yen Bai"),
            fig(233, article=2, subject="người chết"),
        ]
    )
    assert [(f.kind, f.first.value, f.second.value) for f in found] == [("value", 59, 64)]


def test_each_figure_meets_its_best_counterpart_in_another_article():
    # Article 2 gives 64 dead in Yên Bái and 233 on the whole country; article 3's 233 (the whole
    # country too) states article 2's 233, not its part: nothing disagrees.
    assert (
        kinds(
            [
                fig(64, article=2, subject="người chết", location="Yen Bai"),
                fig(233, article=2, subject="người chết"),
                fig(233, article=3, subject="người chết"),
            ]
        )
        == []
    )
    # When article 3 says 240 of the whole country, that is what disagrees with article 2's 233.
    found = story_findings(
        [
            fig(64, article=2, subject="người chết", location="Yen Bai"),
            fig(233, article=2, subject="người chết"),
            fig(240, article=3, subject="người chết"),
        ]
    )
    assert [(f.kind, f.first.value, f.second.value) for f in found] == [("value", 233, 240)]


def test_a_whole_and_a_part_named_in_one_article_are_no_restatement():
    # "Total growth of 3.6% in 2004" for the OECD, "US growth would reach 4.4% in 2004".
    assert (
        kinds(
            [
                fig(3.6, article=1, subject="growth", time="2004"),
                fig(4.4, article=1, subject="growth", time="2004", location="US"),
            ]
        )
        == []
    )
