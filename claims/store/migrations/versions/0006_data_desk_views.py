"""views for a data desk: a discrepancy with both claims, their articles, its story and its review

`datasette claims.db`, `sqlite3` and `psql` users read these instead of joining five tables by hand.
Both claims of a discrepancy are spelled out side by side (claim_a_..., claim_b_...); the story is
the first claim's, as `claims conflicts` shows it; the review is found by fingerprint, which is how
a decision survives a re-check.

A later migration that rebuilds one of the tables these views read must drop the views first and
create them again after: SQLite refuses to rename a rebuilt table while a view names the old one
(alembic's batch mode does exactly that), and PostgreSQL refuses to drop a column a view reads.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _claim_columns(side: str) -> str:
    # One side of a discrepancy: the claim `c_<side>` and its article `ar_<side>`.
    return f"""
    c_{side}.id AS claim_{side}_id,
    c_{side}.text AS claim_{side}_text,
    c_{side}.value AS claim_{side}_value,
    c_{side}.unit AS claim_{side}_unit,
    c_{side}.sentence AS claim_{side}_sentence,
    ar_{side}.id AS claim_{side}_article_id,
    ar_{side}.title AS claim_{side}_article_title,
    ar_{side}.url AS claim_{side}_article_url,
    ar_{side}.source AS claim_{side}_article_source,
    ar_{side}.published AS claim_{side}_article_published"""


# Plain SQL that SQLite and PostgreSQL both read; "time" is quoted because PostgreSQL reserves it
# as a type name. Frozen here: a later change to a view is a new migration, not an edit.
VIEWS = {
    "discrepancy_overview": f"""
SELECT
    d.id AS id,
    d.fingerprint AS fingerprint,
    d.kind AS kind,
    d.severity AS severity,
    COALESCE(r.status, 'open') AS status,
    d.active AS still_found,
    d.explanation AS explanation,
    s.id AS story_id,
    s.name AS story_name,{_claim_columns("a")},{_claim_columns("b")},
    r.id AS review_id,
    r.reviewer AS reviewer,
    r.note AS note,
    r.reviewed_at AS reviewed_at,
    d.first_seen AS first_seen,
    d.last_seen AS last_seen
FROM discrepancies d
JOIN claims c_a ON c_a.id = d.claim_a_id
JOIN articles ar_a ON ar_a.id = c_a.article_id
JOIN claims c_b ON c_b.id = d.claim_b_id
JOIN articles ar_b ON ar_b.id = c_b.article_id
LEFT JOIN stories s ON s.id = c_a.story_id
LEFT JOIN reviews r ON r.fingerprint = d.fingerprint
""",
    "review_decisions": """
SELECT
    r.id AS review_id,
    d.id AS discrepancy_id,
    r.fingerprint AS fingerprint,
    r.status AS status,
    r.reviewer AS reviewer,
    r.note AS note,
    r.reviewed_at AS reviewed_at,
    d.kind AS kind,
    d.severity AS severity,
    d.explanation AS explanation,
    d.active AS still_found,
    s.id AS story_id,
    s.name AS story_name
FROM reviews r
LEFT JOIN discrepancies d ON d.fingerprint = r.fingerprint
LEFT JOIN claims c_a ON c_a.id = d.claim_a_id
LEFT JOIN stories s ON s.id = c_a.story_id
""",
    "claim_overview": """
SELECT
    c.id AS id,
    c.text AS text,
    c.value AS value,
    c.low AS low,
    c.high AS high,
    c.qualifier AS qualifier,
    c.unit AS unit,
    c.kind AS kind,
    c.subject AS subject,
    c.concept AS concept,
    c.actor AS actor,
    c.location AS location,
    c."time" AS "time",
    c.sentence AS sentence,
    c.is_caption AS is_caption,
    c.is_boilerplate AS is_boilerplate,
    c.lang AS lang,
    ar.id AS article_id,
    ar.title AS article_title,
    ar.url AS article_url,
    ar.source AS article_source,
    ar.published AS article_published,
    s.id AS story_id,
    s.name AS story_name,
    (SELECT COUNT(*) FROM discrepancies d
     WHERE d.active AND (d.claim_a_id = c.id OR d.claim_b_id = c.id)) AS discrepancies
FROM claims c
JOIN articles ar ON ar.id = c.article_id
LEFT JOIN stories s ON s.id = c.story_id
""",
}


def create_views() -> None:
    for name, query in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {query}")


def drop_views() -> None:
    for name in reversed(list(VIEWS)):
        op.execute(f"DROP VIEW IF EXISTS {name}")


def upgrade() -> None:
    create_views()


def downgrade() -> None:
    drop_views()
