"""What people decide about discrepancies, and discrepancies as the reports show them."""

from __future__ import annotations

from sqlalchemy import or_, select

from claims.errors import InputError
from claims.store.database import Store
from claims.store.models import ClaimRecord, Discrepancy, Review, utcnow
from claims.store.queries import claims_by_id

_discrepancies = Discrepancy.__table__
_reviews = Review.__table__
_claims = ClaimRecord.__table__

SEVERITIES = ("low", "medium", "high")
STATUSES = ("open", "confirmed", "dismissed")
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


def discrepancies(store: Store, *, article_ids: list[int] | None = None, ids: list[int] | None = None,
                  include_dismissed: bool = False, include_inactive: bool = False,
                  min_severity: str = "low", kinds: list[str] | None = None) -> list[dict]:
    """Discrepancies with their review and both claims in full, ordered by id."""
    query = (
        select(_discrepancies, _reviews.c.status, _reviews.c.note, _reviews.c.reviewer, _reviews.c.reviewed_at)
        .outerjoin(_reviews, _reviews.c.fingerprint == _discrepancies.c.fingerprint)
        .order_by(_discrepancies.c.id)
    )
    if not include_inactive:
        query = query.where(_discrepancies.c.active.is_(True))
    if ids is not None:
        query = query.where(_discrepancies.c.id.in_(ids))
    if kinds:
        query = query.where(_discrepancies.c.kind.in_(kinds))
    query = query.where(_discrepancies.c.severity.in_(SEVERITIES[SEVERITIES.index(min_severity):]))
    if not include_dismissed:
        query = query.where(or_(_reviews.c.status.is_(None), _reviews.c.status != "dismissed"))
    if article_ids is not None:
        involved = select(_claims.c.id).where(_claims.c.article_id.in_(article_ids))
        query = query.where(or_(_discrepancies.c.claim_a_id.in_(involved), _discrepancies.c.claim_b_id.in_(involved)))
    with store.reading() as conn:
        rows = conn.execute(query).all()
        claims = claims_by_id(conn, sorted({r.claim_a_id for r in rows} | {r.claim_b_id for r in rows}))
    return [
        {
            "id": r.id, "fingerprint": r.fingerprint, "kind": r.kind, "severity": r.severity,
            "explanation": r.explanation, "status": r.status or "open", "note": r.note, "reviewer": r.reviewer,
            "reviewed_at": r.reviewed_at.isoformat(timespec="seconds") if r.reviewed_at else None,
            "active": bool(r.active),
            "claims": [claims[r.claim_a_id], claims[r.claim_b_id]],
        }
        for r in rows
    ]


def failing(items: list[dict], fail_on: str) -> list[dict]:
    """The discrepancies that make `check`/`audit` exit 1: open or confirmed, not updates, severe enough."""
    floor = SEVERITIES.index(fail_on)
    return [d for d in items if d["status"] != "dismissed" and d["kind"] not in NOT_FAILING_KINDS
            and SEVERITIES.index(d["severity"]) >= floor]
