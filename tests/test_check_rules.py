"""The discrepancy rules on hand-made figures: which pairs are flagged, and as what."""

from __future__ import annotations

import math

import pytest

from claims.check.checker import findings_for_topic
from claims.check.figures import Figure, times_compatible

_next_id = iter(range(1, 10_000))


def fig(value=None, low=None, high=None, *, kind="count", unit=None, article=1, published=None,
        actor=None, location=None, time=None, roles=None, topic="troops") -> Figure:
    ident = next(_next_id)
    if value is not None and low is None and high is None:
        low = high = value
    return Figure(
        id=ident, article_id=article, story_id=1, topic=topic, kind=kind, unit=unit, value=value,
        low=-math.inf if low is None else low, high=math.inf if high is None else high,
        actor=actor, location=location, time=time, roles=roles or {}, published=published,
        identity=f"hash{article}:{ident}:{ident + 1}",
    )


def kinds(figures):
    return sorted(f.kind for f in findings_for_topic(figures))


def test_approximations_that_agree_are_not_flagged():
    assert kinds([fig(2500, 2250, 2750), fig(2450)]) == []


def test_disjoint_intervals_are_a_value_conflict():
    found = findings_for_topic([fig(2500, 2250, 2750), fig(3000)])
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
    figures = [fig(100, actor="US", time="2024-09"), fig(200, location="Iraq", time="since:2024-09"),
               fig(300, actor="US", location="Iraq", time="since:2024-09")]
    assert kinds(figures) == ["value", "value"]
    assert kinds(figures[::-1]) == ["value", "value"]


def test_a_missing_field_does_not_join_figures_that_differ_on_another():
    # Iraq and Syria are apart; the unlocated 2,500 is compared with both and clashes with Syria only.
    found = findings_for_topic([fig(2500, location="Iraq"), fig(900, location="Syria"), fig(2500)])
    assert [(f.kind, f.first.location, f.second.location) for f in found] == [("value", "Syria", None)]


def test_a_later_article_with_a_new_figure_is_an_update():
    found = findings_for_topic([fig(100, article=1, published="2024-09-01"), fig(150, article=2, published="2024-09-08")])
    assert [(f.kind, f.first.published) for f in found] == [("update", "2024-09-01")]


def test_without_both_dates_a_new_figure_is_a_conflict_not_an_update():
    assert kinds([fig(100, article=1, published="2024-09-01"), fig(150, article=2)]) == ["value"]
    assert kinds([fig(100, article=1, published="2024-09-01"), fig(150, article=2, published="2024-09-01")]) == ["value"]


def test_a_lost_scale_word_is_a_scale_discrepancy():
    assert kinds([fig(10), fig(10_000_000)]) == ["scale"]
    assert kinds([fig(3), fig(3000)]) == ["scale"]


def test_percent_against_percentage_points():
    found = findings_for_topic([fig(2, kind="percent", topic="unemployment"), fig(2, kind="percentage_point", topic="unemployment")])
    assert [f.kind for f in found] == ["scale"]


def test_same_figure_in_different_frames_is_a_context_conflict():
    found = findings_for_topic([
        fig(2500, 2250, 2750, roles={"against": "Israel", "part_of": "liên minh"}),
        fig(2500, 2250, 2750, roles={"against": "IS", "part_of": "liên minh"}),
    ])
    assert [f.kind for f in found] == ["context"]
    assert "Israel" in found[0].explanation and "IS" in found[0].explanation


@pytest.mark.parametrize("roles", [{"source": "Reuters"}, {}])
def test_source_or_a_missing_role_is_no_context_conflict(roles):
    assert kinds([fig(2500, roles={"against": "IS", **({"source": "AP"} if roles else {})}), fig(2500, roles=roles)]) == []


def test_durations_compare_across_units():
    assert kinds([fig(12, kind="duration", unit="month"), fig(1, kind="duration", unit="year")]) == []


def test_many_figures_report_one_pair_per_disagreement_not_all_pairs():
    figures = [fig(100) for _ in range(500)] + [fig(200) for _ in range(500)]
    assert kinds(figures) == ["value"]


@pytest.mark.parametrize("a,b,expected", [
    (None, "2024", True), ("2024", "2024-09", True), ("2023", "2024", False),
    ("since:2023-10", "2023-10", True), ("--09-27", "--09-27", True),
])
def test_time_overlap(a, b, expected):
    assert times_compatible(a, b) is expected
