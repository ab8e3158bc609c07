"""Figures of one article that disagree: a restated figure that changed, or a list of different things.

An article that gives several values for one topic ("lãi suất kỳ hạn 1 tháng 3,3%, kỳ hạn 3 tháng
3,6%", "30,34 triệu cổ phiếu trên HNX, 17,73 triệu trên UPCoM") lists different things that the
extractor cannot tell apart: terms, banks, exchanges, products. Two of its figures are one fact
stated twice, and so a discrepancy when they disagree, only when the article shows it: the same
subject as written, in different sentences, with the same actor, place and time, one of them
at least named. The other figures of such a list are left out of value comparisons, within the
article and across articles, since which of them another figure should match is unknown. The
same figure in different frames (a context discrepancy) is still found among all of them. Inside
one article, figures that disagree under different keys (a part and its whole) are no discrepancy
either (may_disagree).
"""

from __future__ import annotations

from .figures import Figure, overlap, same_period

# Past this many figures of one topic under one key, an article is read as a list without looking at pairs.
MAX_PAIRWISE = 40


def comparable_for_value(members: list[Figure]) -> list[Figure]:
    """`members` (figures that share a key) without the figures that only list different things."""
    by_article: dict[int, list[Figure]] = {}
    for figure in members:
        by_article.setdefault(figure.article_id, []).append(figure)
    if all(len(figures) == 1 for figures in by_article.values()):
        return members
    listed: set[int] = set()
    for figures in by_article.values():
        if len(figures) > 1:
            listed.update(_list_items(figures))
    return [f for f in members if f.id not in listed] if listed else members


def may_disagree(a: Figure, b: Figure) -> bool:
    """Whether two comparable figures that disagree make a discrepancy: they stand in different
    articles, or one article restates one fact differently ("56 người chết ở Hà Nội" in the lead,
    "65 người chết ở Hà Nội" below). Inside one article, "64 người chết ở Yên Bái" and "233 người
    chết" on the whole country are a part and a whole, not a conflict."""
    return a.article_id != b.article_id or restated(a, b)


def restated(a: Figure, b: Figure) -> bool:
    """Whether two figures of one article are the same fact: the same subject, in different
    sentences, with the same actor, place and period, at least one of them named. "Total growth
    of 3.6% in 2004" and "US growth would reach 4.4% in 2004" are a whole and a part."""
    return (
        a.sentence_start != b.sentence_start
        and bool(a.subject)
        and a.subject == b.subject
        and a.actor == b.actor
        and a.location == b.location
        and _same_time(a.time, b.time)
        and bool(a.actor or a.location or a.time)
    )


def _same_time(a: str | None, b: str | None) -> bool:
    return a == b if a is None or b is None else same_period(a, b)


def _list_items(figures: list[Figure]) -> set[int]:
    """Ids of one article's figures that list different things: a figure whose sentence gives
    another value of the topic under the same actor, place and time ("giảm từ 4,25% xuống 4%"),
    or that disagrees with another such figure of the article and restates none."""
    if len(figures) > MAX_PAIRWISE:
        all_agree = max(f.low for f in figures) <= min(f.high for f in figures)
        return set() if all_agree else {f.id for f in figures}
    listed: set[int] = set()
    for a in figures:
        restates = disagrees = False
        for b in figures:
            if b is a or b.key != a.key:
                continue  # another place, actor or time told apart by the extractor: no list
            if a.sentence_start == b.sentence_start:
                if not overlap(a, b):
                    listed.add(a.id)
                    break
            elif restated(a, b):
                restates = True
            elif not overlap(a, b):
                disagrees = True
        else:
            if disagrees and not restates:
                listed.add(a.id)
    return listed
