"""Discrepancy rules over one comparable set of figures: value, scale, update, context."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass

from .alignment import SentenceNeighbours, shared_evidence, tied
from .enumerations import may_disagree
from .figures import Figure, gap_ratio, overlap, role_conflict, scale_slip

# Two bounds the same way ("hơn 4.000" and "hơn 1.600") state different numbers past this
# relative gap: the tolerance of "about" (claims/numbers/intervals.py).
BOUND_TOLERANCE = 0.1
# Past this relative gap a disagreement is more than rounding or a late correction.
HIGH_GAP = 0.2
MEDIUM_GAP = 0.05


@dataclass(slots=True)
class Finding:
    kind: str  # value | context | scale | arithmetic | update
    severity: str  # high | medium | low
    explanation: str
    first: Figure
    second: Figure

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.kind, self.first.identity, self.second.identity)


def fingerprint(kind: str, *identities: str) -> str:
    """Stable across re-ingest and re-check: the kind and where both figures stand in their texts."""
    return hashlib.sha1("|".join([kind, *sorted(identities)]).encode()).hexdigest()


def amount(number: float) -> str:
    """A number as an explanation shows it: 2,500,000 rather than 2.5e+06; 0.333 for a third."""
    if number == int(number):
        return f"{int(number):,}"
    return f"{number:,.3g}" if abs(number) < 1 else f"{number:,.2f}".rstrip("0").rstrip(".")


def _show(f: Figure) -> str:
    if f.value is not None:
        shown = amount(f.value)
    else:
        shown = f"{'' if math.isinf(f.low) else amount(f.low)}..{'' if math.isinf(f.high) else amount(f.high)}"
    return f"{shown}{' ' + f.unit if f.unit else ''}"


def _severity(gap: float) -> str:
    return "high" if gap > HIGH_GAP else "medium" if gap > MEDIUM_GAP else "low"


def _dated_apart(a: Figure, b: Figure) -> tuple[Figure, Figure] | None:
    """The older and the newer of two figures that different articles published on different days."""
    if a.article_id == b.article_id or not a.published or not b.published or a.published == b.published:
        return None
    return (a, b) if a.published < b.published else (b, a)


def _topic(a: Figure, b: Figure) -> str:
    return (a.topic or b.topic or a.kind).lstrip("~")


def compare_disjoint(a: Figure, b: Figure) -> Finding:
    """Two comparable figures whose intervals do not meet."""
    topic = _topic(a, b)
    ratio = scale_slip(a, b)
    if ratio:
        return Finding(
            "scale",
            "high",
            f"{topic}: {_show(a)} against {_show(b)}, a factor of {ratio:g} (a scale word lost or added?)",
            a,
            b,
        )
    dated = _dated_apart(a, b)
    if dated is not None:
        older, newer = dated
        return Finding(
            "update",
            "low",
            f"{topic}: {_show(older)} on {older.published}, {_show(newer)} on {newer.published}",
            older,
            newer,
        )
    gap = gap_ratio(a, b)
    severity = _severity(gap)
    where = "in the same article" if a.article_id == b.article_id else "across articles"
    return Finding("value", severity, f"{topic}: {_show(a)} against {_show(b)} {where} ({gap:.0%} apart)", a, b)


def sweep(
    members: list[Figure],
    value_members: list[Figure] | None = None,
    *,
    context: bool = True,
    joined: Callable[[Figure, Figure], bool] | None = None,
) -> list[Finding]:
    """Value and context findings among figures that all share a key; values only among
    `value_members` (claims/check/enumerations.py: an article's list of different things is no
    conflict), context among all.

    Figures sorted by lower bound fall into clusters that share a common point; two
    clusters in a row cannot overlap, so one pair per boundary flags the disagreement
    without comparing all pairs: the cluster's tightest figure and the next one, or, when
    those two may not disagree (one article's part and whole) or are not `joined` (tied by
    their own words, across articles), the first pair across the boundary that may.
    """
    findings: list[Finding] = []
    every = _clusters(members)
    clusters = every if value_members is None or value_members is members else _clusters(value_members)
    for (cluster, tightest), (following, _) in zip(clusters, clusters[1:]):
        pair = _disagreeing_pair(cluster, tightest, following, joined)
        if pair is not None:
            findings.append(compare_disjoint(*pair))
    if context:
        for cluster, _ in every:
            findings.extend(context_findings(cluster))
    return findings


# Pairs looked at across one boundary when its first pair may not disagree.
MAX_PAIRS_PER_BOUNDARY = 10_000


def _disagreeing_pair(
    cluster: list[Figure],
    tightest: Figure,
    following: list[Figure],
    joined: Callable[[Figure, Figure], bool] | None = None,
) -> tuple[Figure, Figure] | None:
    def may(left: Figure, right: Figure) -> bool:
        return may_disagree(left, right) and (joined is None or joined(left, right))

    if may(tightest, following[0]):
        return tightest, following[0]
    looked = 0
    for left in sorted(cluster, key=lambda f: (f.high, f.id)):
        for right in following:
            if left.high >= right.low:
                continue
            if may(left, right):
                return left, right
            looked += 1
            if looked >= MAX_PAIRS_PER_BOUNDARY:
                return None
    return None


def _clusters(members: list[Figure]) -> list[tuple[list[Figure], Figure]]:
    """(cluster, its member with the lowest upper bound), in order of lower bound."""
    ordered = sorted(members, key=lambda f: (f.low, f.high, f.id))
    clusters: list[tuple[list[Figure], Figure]] = []
    cluster: list[Figure] = []
    tightest: Figure | None = None
    for figure in ordered:
        if tightest is not None and figure.low > tightest.high:
            clusters.append((cluster, tightest))
            cluster, tightest = [], None
        cluster.append(figure)
        if tightest is None or figure.high < tightest.high:
            tightest = figure
    if tightest is not None:
        clusters.append((cluster, tightest))
    return clusters


def context_findings(cluster: list[Figure]) -> list[Finding]:
    """The same figure framed differently: one finding per clashing pair of fillers."""
    findings = []
    first_by_frame: dict[tuple, Figure] = {}
    for figure in cluster:
        if not figure.roles:
            continue
        for seen in first_by_frame.values():
            if not overlap(seen, figure):
                continue
            if seen.article_id != figure.article_id and not tied(seen, figure):
                continue  # across articles, one figure framed two ways must first be one fact
            clash = role_conflict(seen, figure)
            if clash:
                role, left, right = clash
                findings.append(
                    Finding(
                        "context",
                        "high",
                        f"{figure.topic.lstrip('~')}: the same {_show(figure)} is '{role}: {left}' "
                        f"in one place and '{role}: {right}' in another",
                        seen,
                        figure,
                    )
                )
                break
        frame = tuple(sorted((k, v.casefold()) for k, v in figure.roles.items() if k != "source"))
        first_by_frame.setdefault(frame, figure)
    return findings


def percent_vs_points(percents: list[Figure], points: list[Figure]) -> list[Finding]:
    """Percent and percentage points of the same thing with the same number: one of them is mislabelled."""
    findings = []
    for p in percents:
        for q in points:
            if p.value is not None and q.value is not None and math.isclose(p.value, q.value, rel_tol=1e-9):
                findings.append(
                    Finding(
                        "scale",
                        "medium",
                        f"{p.topic.lstrip('~')}: {amount(p.value)} percent against {amount(q.value)} percentage points",
                        p,
                        q,
                    )
                )
                break
    return findings


def _open_side(f: Figure) -> str | None:
    """'above' for "more than 150" (no upper bound), 'below' for "less than 150", else None."""
    if math.isinf(f.high) and math.isfinite(f.low):
        return "above"
    if math.isinf(f.low) and math.isfinite(f.high):
        return "below"
    return None


def fact_findings(fact: list[Figure], neighbours: SentenceNeighbours | None = None) -> list[Finding]:
    """The disagreements among the figures of one fact stated by several articles, one pair per
    disagreement (as `sweep` does), each explained with what made its two figures one fact.

    A bound and a value agree when the value lies inside ("hơn 150" and 170); two bounds the
    same way disagree when their stated numbers do ("hơn 4.000" and "hơn 1.600" cảnh sát), and two
    ranges when an end does ("từ 1 đến 3" and "từ 2 đến 3": each states both ends).
    Two sentences whose other figures of the kind all differ report two things, not one
    (`SentenceNeighbours`): their disagreement is no finding; neighbours that agree are named."""

    def joined(a: Figure, b: Figure) -> bool:
        return tied(a, b) or (neighbours is not None and neighbours.twins(a, b))

    findings = sweep(fact, context=False, joined=joined)
    for side in ("above", "below"):
        bounds = sorted((f for f in fact if _open_side(f) == side), key=lambda f: (_stated(f, side), f.id))
        for left, right in zip(bounds, bounds[1:]):
            low, high = _stated(left, side), _stated(right, side)
            gap = (high - low) / max(abs(low), abs(high), 1e-9)
            if gap > BOUND_TOLERANCE and may_disagree(left, right) and joined(left, right):
                findings.append(_bounds_finding(left, right, side, gap))
    ranges = sorted(
        (f for f in fact if f.qualifier == "range" and math.isfinite(f.low) and math.isfinite(f.high)),
        key=lambda f: (f.low, f.high, f.id),
    )
    for left, right in zip(ranges, ranges[1:]):
        gap = max(abs(left.low - right.low), abs(left.high - right.high)) / max(abs(left.high), abs(right.high), 1e-9)
        if overlap(left, right) and gap > BOUND_TOLERANCE and may_disagree(left, right) and joined(left, right):
            findings.append(_ranges_finding(left, right, gap))
    kept = []
    for finding in findings:
        if not joined(finding.first, finding.second):
            continue
        if finding.kind in ("value", "update") and rounded_alike(finding.first, finding.second):
            continue
        evidence = shared_evidence(finding.first, finding.second)
        if neighbours is not None and finding.kind == "value":
            apart, agreeing = neighbours.compare(finding.first, finding.second)
            if apart:
                continue
            if agreeing:
                evidence += "; beside " + ", ".join(_show(f) for f in agreeing[:3]) + " in both"
        finding.explanation += f" [same fact: {evidence}]"
        kept.append(finding)
    return kept


# A figure written to fewer significant digits than this ("20 km", "2,5 triệu") may round anything
# near it; one written to this many or more ("9,52 điểm", "74,97 triệu") rounds only what is closer.
MIN_ROUNDED_DIGITS = 3


def rounded_alike(a: Figure, b: Figure) -> bool:
    """Whether one exact figure is the other rounded: "9,52 điểm" and "9,517 điểm", "74,97 triệu
    đơn vị" and "74,971 triệu" are one value written to other precisions, not a disagreement."""
    if a.value is None or b.value is None or a.value == b.value:
        return False
    coarse, fine = sorted((a.value, b.value), key=significant_digits)
    digits = significant_digits(coarse)
    if digits < MIN_ROUNDED_DIGITS or digits == significant_digits(fine):
        return False
    return math.isclose(float(f"{fine:.{digits}g}"), coarse, rel_tol=1e-9)


def significant_digits(number: float) -> int:
    """How many digits a value is written to, trailing zeros of a whole number left out: 74,970,000
    has four, 9.52 three, 20 one."""
    digits = f"{abs(number):.15g}".split("e")[0].replace(".", "").strip("0")
    return max(len(digits), 1)


def _ranges_finding(a: Figure, b: Figure, gap: float) -> Finding:
    """Two ranges of one fact that overlap but state other ends ("từ 1 đến 3" against "từ 2 đến 3")."""
    finding = compare_disjoint(a, b)
    if finding.kind != "value":
        return finding  # an update between two dates
    severity = _severity(gap)
    return Finding(
        "value",
        severity,
        f"{_topic(a, b)}: the ranges differ, {_show(a)} against {_show(b)} across articles ({gap:.0%} apart at an end)",
        a,
        b,
    )


def _stated(f: Figure, side: str) -> float:
    return f.low if side == "above" else f.high


def _bounds_finding(a: Figure, b: Figure, side: str, gap: float) -> Finding:
    finding = compare_disjoint(a, b)
    if finding.kind != "value":
        return finding  # a lost scale word, or an update between two dates
    words = "more than" if side == "above" else "less than"
    severity = _severity(gap)
    unit = f" {a.unit}" if a.unit else ""
    return Finding(
        "value",
        severity,
        f"{_topic(a, b)}: both say {words}, {amount(_stated(a, side))} against "
        f"{amount(_stated(b, side))}{unit} across articles ({gap:.0%} apart)",
        a,
        b,
    )
