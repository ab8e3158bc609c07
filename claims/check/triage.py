"""What people decide about discrepancies, and discrepancies as the reports show them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select

from claims.errors import InputError
from claims.store.database import Store
from claims.store.models import Article, ClaimRecord, Discrepancy, DiscrepancyPart, Review, Story, table_of, utcnow
from claims.store.queries import claims_by_id
from claims.store.story_reasons import story_reasons

_discrepancies = table_of(Discrepancy)
_reviews = table_of(Review)
_claims = table_of(ClaimRecord)
_articles = table_of(Article)
_stories = table_of(Story)
_parts = table_of(DiscrepancyPart)

SEVERITIES = ("low", "medium", "high")
STATUSES = ("open", "confirmed", "dismissed")
KINDS = ("value", "context", "scale", "arithmetic", "update")
# Updates are news, not errors: they never fail a pipeline.
NOT_FAILING_KINDS = ("update",)
# Ids are 64-bit on both backends; a longer number cannot name anything (and SQLite would overflow).
_LARGEST_ID = 2**63 - 1
_HEX_DIGITS = frozenset("0123456789abcdef")


def _reference_query(reference: str):
    """The discrepancies that `reference` names: all digits is an id, other hex is a fingerprint prefix."""
    shown = reference.strip().lower()
    query = select(_discrepancies.c.id, _discrepancies.c.fingerprint)
    # ASCII only: str.isdigit() accepts "²" and "٣", which int() rejects or reads as another number.
    if shown and shown.isascii() and shown.isdigit():
        number = int(shown)
        return query.where(_discrepancies.c.id == number) if number <= _LARGEST_ID else None
    if not shown or not set(shown) <= _HEX_DIGITS:
        raise InputError(f"{reference!r} is neither a discrepancy id nor a fingerprint prefix (hex digits)")
    # autoescape: the prefix is hex here, but a LIKE pattern is never built from user text unescaped.
    return query.where(_discrepancies.c.fingerprint.startswith(shown, autoescape=True))


def review(store: Store, reference: str, status: str | None, note: str | None, reviewer: str | None) -> dict:
    """Record a decision on discrepancy `reference` (its id or a fingerprint prefix)."""
    if status is not None and status not in STATUSES:
        raise InputError(f"unknown review status {status!r} (use one of {', '.join(STATUSES)})")
    query = _reference_query(reference)
    with store.writing() as conn:
        matches = conn.execute(query.limit(2)).all() if query is not None else []
        if not matches:
            raise InputError(f"no discrepancy {reference!r} (see `claims conflicts`)")
        if len(matches) > 1:
            raise InputError(f"{reference!r} names more than one discrepancy: give more of the fingerprint")
        fingerprint = matches[0].fingerprint
        existing = conn.execute(select(_reviews).where(_reviews.c.fingerprint == fingerprint)).first()
        values = {"reviewer": reviewer, "reviewed_at": utcnow()}
        if status is not None:
            values["status"] = status
        if note is not None:
            values["note"] = note
        if existing is None:
            values.setdefault("status", "open")
            conn.execute(_reviews.insert().values(fingerprint=fingerprint, **values))
        else:
            conn.execute(_reviews.update().where(_reviews.c.fingerprint == fingerprint).values(**values))
    return discrepancies(store, ids=[matches[0].id], include_dismissed=True)[0]


@dataclass(frozen=True)
class Selection:
    """Which discrepancies a listing or report shows. Dates are ISO (YYYY-MM-DD) publication dates:
    a discrepancy is in range when either of its articles was published in it."""

    kinds: tuple[str, ...] = ()
    min_severity: str = "low"
    story: str | None = None
    statuses: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None


def _story_condition(story: str):
    # A story is named by its id or its name (any case); a name is never a pattern.
    conditions = [func.lower(_stories.c.name) == story.strip().lower()]
    if story.strip().isascii() and story.strip().isdigit() and int(story.strip()) <= _LARGEST_ID:
        conditions.append(_stories.c.id == int(story.strip()))
    return or_(*conditions)


def _published_condition(since: str | None, until: str | None):
    published = []
    if since:
        published.append(_articles.c.published >= since)
    if until:
        published.append(_articles.c.published <= until)
    dated = select(_claims.c.id).join(_articles, _articles.c.id == _claims.c.article_id).where(and_(*published))
    return or_(_discrepancies.c.claim_a_id.in_(dated), _discrepancies.c.claim_b_id.in_(dated))


def _selected(query, selection: Selection):
    for name, values, known in (("kind", selection.kinds, KINDS), ("status", selection.statuses, STATUSES)):
        unknown = [v for v in values if v not in known]
        if unknown:
            raise InputError(f"unknown {name} {unknown[0]!r} (use one of {', '.join(known)})")
    if selection.min_severity not in SEVERITIES:
        raise InputError(f"unknown severity {selection.min_severity!r} (use one of {', '.join(SEVERITIES)})")
    if selection.kinds:
        query = query.where(_discrepancies.c.kind.in_(selection.kinds))
    query = query.where(_discrepancies.c.severity.in_(SEVERITIES[SEVERITIES.index(selection.min_severity) :]))
    if selection.statuses:
        status = func.coalesce(_reviews.c.status, "open")
        query = query.where(status.in_(selection.statuses))
    if selection.story is not None:
        query = query.where(_story_condition(selection.story))
    if selection.since or selection.until:
        query = query.where(_published_condition(selection.since, selection.until))
    return query


def discrepancies(
    store: Store,
    *,
    article_ids: list[int] | None = None,
    ids: list[int] | None = None,
    include_dismissed: bool = False,
    include_inactive: bool = False,
    min_severity: str = "low",
    kinds: list[str] | None = None,
    selection: Selection | None = None,
) -> list[dict]:
    """Discrepancies with their review, their story and both claims in full, ordered by id.
    Asking for dismissed ones by status (`selection.statuses`) shows them without `include_dismissed`."""
    selection = selection or Selection(kinds=tuple(kinds or ()), min_severity=min_severity)
    claim_a = _claims.alias("claim_a")
    query = (
        select(
            _discrepancies,
            _reviews.c.status,
            _reviews.c.note,
            _reviews.c.reviewer,
            _reviews.c.reviewed_at,
            _stories.c.id.label("story_id"),
            _stories.c.name.label("story_name"),
        )
        .outerjoin(_reviews, _reviews.c.fingerprint == _discrepancies.c.fingerprint)
        # A discrepancy belongs to the story of its first figure; both figures share it but for manual moves.
        .join(claim_a, claim_a.c.id == _discrepancies.c.claim_a_id)
        .outerjoin(_stories, _stories.c.id == claim_a.c.story_id)
        .order_by(_discrepancies.c.id)
    )
    include_dismissed = include_dismissed or "dismissed" in selection.statuses
    if not include_inactive:
        query = query.where(_discrepancies.c.active.is_(True))
    if ids is not None:
        query = query.where(_discrepancies.c.id.in_(ids))
    query = _selected(query, selection)
    if not include_dismissed:
        query = query.where(or_(_reviews.c.status.is_(None), _reviews.c.status != "dismissed"))
    if article_ids is not None:
        involved = select(_claims.c.id).where(_claims.c.article_id.in_(article_ids))
        query = query.where(or_(_discrepancies.c.claim_a_id.in_(involved), _discrepancies.c.claim_b_id.in_(involved)))
    with store.reading() as conn:
        rows = conn.execute(query).all()
        parts = _part_ids(conn, [r.id for r in rows])
        wanted = (
            {r.claim_a_id for r in rows} | {r.claim_b_id for r in rows} | {i for ids in parts.values() for i in ids}
        )
        claims = claims_by_id(conn, sorted(wanted))
        reasons = story_reasons(conn, sorted({r.story_id for r in rows if r.story_id is not None}))
    return [
        {
            "id": r.id,
            "fingerprint": r.fingerprint,
            "kind": r.kind,
            "severity": r.severity,
            "explanation": r.explanation,
            "status": r.status or "open",
            "note": r.note,
            "reviewer": r.reviewer,
            "reviewed_at": r.reviewed_at.isoformat(timespec="seconds") if r.reviewed_at else None,
            "active": bool(r.active),
            "story": {"id": r.story_id, "name": r.story_name, "why": reasons.get(r.story_id, [])}
            if r.story_id is not None
            else None,
            "claims": [claims[r.claim_a_id], claims[r.claim_b_id]],
            # An arithmetic total's stated parts in the sentence's order (claims[0] is the total); else empty.
            "parts": [claims[i] for i in parts.get(r.id, [])],
        }
        for r in rows
    ]


def _part_ids(conn, discrepancy_ids: list[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for start in range(0, len(discrepancy_ids), 500):
        query = (
            select(_parts.c.discrepancy_id, _parts.c.claim_id)
            .where(_parts.c.discrepancy_id.in_(discrepancy_ids[start : start + 500]))
            .order_by(_parts.c.discrepancy_id, _parts.c.position)
        )
        for discrepancy_id, claim_id in conn.execute(query):
            found.setdefault(discrepancy_id, []).append(claim_id)
    return found


def failing(items: list[dict], fail_on: str) -> list[dict]:
    """The discrepancies that make `check`/`audit` exit 1: open or confirmed, not updates, severe enough."""
    floor = SEVERITIES.index(fail_on)
    return [
        d
        for d in items
        if d["status"] != "dismissed"
        and d["kind"] not in NOT_FAILING_KINDS
        and SEVERITIES.index(d["severity"]) >= floor
    ]
