"""Run the rules over everything stored, story by story and topic by topic, in one streaming pass."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from heapq import merge
from itertools import groupby
from operator import attrgetter, itemgetter

from sqlalchemy import and_, case, false, func, select
from sqlalchemy.engine import Connection

from claims.numbers.mention import FIGURE_KINDS
from claims.store.database import Store
from claims.store.models import Article, ClaimRecord, table_of

from .alignment import SentenceNeighbours, facts, restated
from .arithmetic import arithmetic_findings
from .enumerations import comparable_for_value
from .figures import FIGURE_COLUMNS, Figure, figure_from_row, generalizes, join_keys, keys_compatible
from .persist import save_findings
from .rules import Finding, fact_findings, percent_vs_points, sweep
from .shares import WHOLE, Share, check_in_shares

_claims = table_of(ClaimRecord)
_articles = table_of(Article)

BATCH = 20_000
# Above this many distinct (actor, location, time) keys in one topic, joins of keys are not added.
MAX_KEYS_FOR_JOINS = 64

_by_id = attrgetter("id")


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    new: int = 0
    claims_read: int = 0
    # Every claim stored in the stories checked, and why those not compared were left out:
    # not_amount (dates, years, identifiers, phone numbers: by kind in not_amount_kinds), boilerplate,
    # no_number, and no_topic (read, but with neither a topic nor frame words to meet another figure by).
    claims_stored: int = 0
    left_out: dict[str, int] = field(default_factory=dict)
    not_amount_kinds: dict[str, int] = field(default_factory=dict)


def _figure_query(story_ids: Iterable[int] | None):
    query = (
        select(
            *FIGURE_COLUMNS,
            _claims.c.subject,
            _claims.c.sentence_start,
            _claims.c.frame,
            _claims.c.qualifier,
        )
        .join(_articles, _articles.c.id == _claims.c.article_id)
        .where(and_(_claims.c.kind.in_(sorted(FIGURE_KINDS)), _claims.c.is_boilerplate == false()))
        .order_by(_claims.c.story_id, _claims.c.topic)
    )
    if story_ids is not None:
        query = query.where(_claims.c.story_id.in_(list(story_ids)))
    return query


def _key_order(key: tuple) -> tuple:
    # Keys mix None and text: sort on presence first so None is never compared with a string.
    return tuple((part is not None, part or "") for part in key)


def _most_specific(keys: list[tuple]) -> list[tuple]:
    """The keys that generalize no other key, one per set of equivalent keys.

    Two keys can generalize each other ("2024-09" and "since:2024-09" name the same month):
    neither is then strictly more general, and both select the same figures, so one is kept.
    """
    kept: list[tuple] = []
    for key in keys:
        if any(generalizes(key, other) and not generalizes(other, key) for other in keys):
            continue
        if not any(generalizes(key, other) for other in kept):
            kept.append(key)
    return kept


def _sweep_sets(figures: list[Figure]) -> Iterator[list[Figure]]:
    """Sets of figures that are pairwise comparable, covering every comparable pair.

    A missing actor, place or time never keeps two figures apart, so each set is built
    around a most-specific key and takes every figure whose key generalizes it.
    """
    by_key: dict[tuple, list[Figure]] = {}
    for figure in figures:
        by_key.setdefault(figure.key, []).append(figure)
    if len(by_key) == 1:
        yield figures
        return
    # Sorted, not set order: set order changes with the hash seed, and so would the findings.
    keys = sorted(by_key, key=_key_order)
    if len(keys) <= MAX_KEYS_FOR_JOINS:
        joined = {join_keys(a, b) for i, a in enumerate(keys) for b in keys[i + 1 :] if keys_compatible(a, b)}
        keys = sorted(joined.union(keys), key=_key_order)
    for key in _most_specific(keys):
        members = [f for k, group in by_key.items() if generalizes(k, key) for f in group]
        if len(members) > 1:
            yield members


def findings_for_topic(figures: list[Figure]) -> list[Finding]:
    findings: list[Finding] = []
    families: dict[tuple, list[Figure]] = {}
    for figure in figures:
        families.setdefault(figure.family, []).append(figure)
    for family_figures in families.values():
        for members in _sweep_sets(family_figures):
            # Across articles, values are compared only between aligned figures (claims/check/alignment.py);
            # here, inside each article, and the same figure's frames across all of them.
            findings.extend(sweep(members, [], context=True))
            by_article: dict[int, list[Figure]] = {}
            for figure in comparable_for_value(members):
                by_article.setdefault(figure.article_id, []).append(figure)
            for own in by_article.values():
                if len(own) > 1:
                    findings.extend(sweep(own, context=False, joined=restated))
            percents = [f for f in members if f.kind == "percent"]
            points = [f for f in members if f.kind == "percentage_point"]
            if percents and points:
                findings.extend(percent_vs_points(percents, points))
    return findings


def story_findings(figures: list[Figure]) -> list[Finding]:
    """The findings among the figures of one story: by topic inside each article and for frames,
    and between the figures that different articles align as one fact."""
    # Rows come in no defined order; by id, ties between rules break the same way every run.
    figures = sorted(figures, key=_by_id)
    findings: list[Finding] = []
    topics: dict[str, list[Figure]] = {}
    for figure in figures:
        if figure.topic is not None:
            topics.setdefault(figure.topic, []).append(figure)
    for group in topics.values():
        if len(group) > 1:
            findings.extend(findings_for_topic(group))
    found = facts(figures)
    neighbours = SentenceNeighbours(figures)
    # A sentence told twice with one figure changed ties that figure however few its own words.
    found += neighbours.twin_facts({f.id for fact in found for f in fact})
    for fact in found:
        findings.extend(fact_findings(fact, neighbours))
    return findings


# Called with (figures checked, figures to check) after each story: a progress bar's numbers.
Progress = Callable[[int, int], None]


@dataclass
class ShareChecked:
    """The findings of one share of the stories, story by story in story order, and what was read."""

    by_story: list[tuple[int, list[Finding]]] = field(default_factory=list)
    read: int = 0
    unmatched: int = 0  # figures with neither a topic nor words: nothing to compare them by


def check_share(
    conn: Connection,
    story_ids: list[int] | None,
    share: Share = WHOLE,
    progress: Progress | None = None,
    total: int = 0,
) -> ShareChecked:
    """The findings of the stories of one share, read in batches and checked story by story."""
    checked = ShareChecked()
    query = share.of(_figure_query(story_ids), _claims.c.story_id)
    rows = conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
    figures = (f for f in map(figure_from_row, rows) if f is not None)
    for story_id, same_story in groupby(figures, key=attrgetter("story_id")):
        story = list(same_story)
        checked.read += len(story)
        checked.unmatched += sum(1 for f in story if f.topic is None and not f.words)
        checked.by_story.append((story_id, story_findings(story)))
        if progress:
            progress(checked.read * share.count, total)  # the other shares go about as fast
    return checked


def find_discrepancies(
    store: Store,
    story_ids: Iterable[int] | None = None,
    accounts: dict[str, int] | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
) -> tuple[list[Finding], int]:
    """Every finding among stored claims (optionally only in some stories), deduplicated;
    `accounts`, when given, receives how many figures read had nothing to be compared by (no_topic).
    With `jobs` > 1 a large check is shared among processes by story; the findings are the same."""
    unique: dict[str, Finding] = {}
    ids = None if story_ids is None else list(story_ids)
    with store.reading() as conn:
        # One count, only for a caller that shows progress.
        counted = select(func.count()).select_from(_figure_query(ids).order_by(None).subquery())
        total = conn.execute(counted).scalar_one() if progress else 0
        shares = check_in_shares(conn, store.url, ids, jobs, progress, total)
        # In story order, as one process would have found them: the first of equal fingerprints is kept.
        for _, findings in merge(*(share.by_story for share in shares), key=itemgetter(0)):
            for finding in findings:
                unique.setdefault(finding.fingerprint, finding)
        for finding in arithmetic_findings(conn, ids):
            unique.setdefault(finding.fingerprint, finding)
    if accounts is not None:
        accounts["no_topic"] = sum(share.unmatched for share in shares)
    return list(unique.values()), sum(share.read for share in shares)


def run_check(
    store: Store, story_ids: Iterable[int] | None = None, progress: Progress | None = None, jobs: int = 1
) -> CheckResult:
    """Compute discrepancies and record them, keeping every earlier review; `progress`, when given,
    hears how far the check has gone; `jobs` processes share a large check."""
    story_ids = None if story_ids is None else sorted(set(story_ids))
    left_out: dict[str, int] = {}
    findings, read = find_discrepancies(store, story_ids, left_out, progress, jobs)
    new = save_findings(store, findings, story_ids)
    result = CheckResult(findings=findings, new=new, claims_read=read)
    _account_for_stored(store, story_ids, result, left_out["no_topic"])
    return result


def _account_for_stored(store: Store, story_ids: list[int] | None, result: CheckResult, no_topic: int) -> None:
    """Why claims_read is less than what is stored: one grouped count, no query per claim."""
    numberless = and_(_claims.c.value.is_(None), _claims.c.low.is_(None), _claims.c.high.is_(None))
    query = select(
        _claims.c.kind, _claims.c.is_boilerplate, func.count(), func.sum(case((numberless, 1), else_=0))
    ).group_by(_claims.c.kind, _claims.c.is_boilerplate)
    if story_ids is not None:
        query = query.where(_claims.c.story_id.in_(story_ids))
    reasons = {"not_amount": 0, "boilerplate": 0, "no_number": 0, "no_topic": no_topic}
    with store.reading() as conn:
        for kind, boilerplate, count, without_number in conn.execute(query):
            result.claims_stored += count
            if kind not in FIGURE_KINDS:
                reasons["not_amount"] += count
                result.not_amount_kinds[kind] = result.not_amount_kinds.get(kind, 0) + count
            elif boilerplate:
                reasons["boilerplate"] += count
            else:
                reasons["no_number"] += without_number or 0
    result.left_out = reasons
