"""Record findings as discrepancies without losing what reviewers decided."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert, select, update

from claims.store.database import Store
from claims.store.models import ClaimRecord, Discrepancy, DiscrepancyPart, table_of, utcnow

from .arithmetic import ArithmeticFinding
from .rules import Finding

_discrepancies = table_of(Discrepancy)
_claims = table_of(ClaimRecord)
_parts = table_of(DiscrepancyPart)


def save_findings(store: Store, findings: list[Finding], story_ids: Iterable[int] | None) -> int:
    """Insert new discrepancies, refresh the ones seen again, retire the ones gone; returns how many are new.

    With `story_ids`, only discrepancies within those stories can be retired.
    """
    now = utcnow()
    with store.writing() as conn:
        query = select(_discrepancies.c.fingerprint, _discrepancies.c.id, _discrepancies.c.claim_a_id)
        if story_ids is not None:
            in_scope = select(_claims.c.id).where(_claims.c.story_id.in_(list(story_ids)))
            query = query.where(_discrepancies.c.claim_a_id.in_(in_scope))
        known = {fp: row_id for fp, row_id, _ in conn.execute(query)}
        found = {f.fingerprint: f for f in findings}
        fresh = [
            {
                "fingerprint": fp,
                "kind": f.kind,
                "severity": f.severity,
                "explanation": f.explanation,
                "claim_a_id": f.first.id,
                "claim_b_id": f.second.id,
                "active": True,
                "first_seen": now,
                "last_seen": now,
            }
            for fp, f in found.items()
            if fp not in known
        ]
        # Discrepancies found before may be outside the queried scope: look them up by fingerprint.
        if fresh and story_ids is not None:
            outside = {
                fp
                for (fp,) in conn.execute(
                    select(_discrepancies.c.fingerprint).where(
                        _discrepancies.c.fingerprint.in_([r["fingerprint"] for r in fresh])
                    )
                )
            }
            fresh = [r for r in fresh if r["fingerprint"] not in outside]
        if fresh:
            conn.execute(insert(_discrepancies), fresh)
        seen_again = [fp for fp in found if fp in known]
        for chunk_start in range(0, len(seen_again), 500):
            chunk = seen_again[chunk_start : chunk_start + 500]
            conn.execute(
                update(_discrepancies).where(_discrepancies.c.fingerprint.in_(chunk)).values(active=True, last_seen=now)
            )
        gone = [row_id for fp, row_id in known.items() if fp not in found]
        for chunk_start in range(0, len(gone), 500):
            conn.execute(
                update(_discrepancies)
                .where(_discrepancies.c.id.in_(gone[chunk_start : chunk_start + 500]))
                .values(active=False)
            )
        _save_parts(conn, [f for f in found.values() if isinstance(f, ArithmeticFinding) and f.parts])
    return len(fresh)


def _save_parts(conn, findings: list[ArithmeticFinding]) -> None:
    """Every part of each arithmetic total, written afresh: a discrepancy stored before parts were
    kept gets them when a check finds it again."""
    for chunk_start in range(0, len(findings), 500):
        chunk = {f.fingerprint: f for f in findings[chunk_start : chunk_start + 500]}
        ids = dict(
            conn.execute(
                select(_discrepancies.c.fingerprint, _discrepancies.c.id).where(
                    _discrepancies.c.fingerprint.in_(list(chunk))
                )
            ).all()
        )
        if not ids:
            continue
        conn.execute(delete(_parts).where(_parts.c.discrepancy_id.in_(list(ids.values()))))
        conn.execute(
            insert(_parts),
            [
                {"discrepancy_id": ids[fp], "position": position, "claim_id": part.id}
                for fp, finding in chunk.items()
                if fp in ids
                for position, part in enumerate(finding.parts)
            ],
        )
