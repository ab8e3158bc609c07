"""claims carry their frame: aspect, measure, period marks and the words that tie a figure to its fact

The checker aligns figures across articles by their frames (claims/check/alignment.py). Claims
stored before this revision get theirs by reading their articles again; a claim that today's
extractor no longer finds at the same offsets keeps an empty frame and is compared with nothing
across articles until its article is ingested again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

import json

import sqlalchemy as sa
from alembic import op

from claims.extract.extractor import extract_claims
from claims.lang import languages, load_pack

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BATCH = 200


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("frame", sa.Text(), nullable=False, server_default="{}"))
    bind = op.get_bind()
    articles = sa.table("articles", sa.column("id"), sa.column("text"), sa.column("lang"), sa.column("published"))
    claims = sa.table(
        "claims", sa.column("id"), sa.column("article_id"), sa.column("start"), sa.column("end"), sa.column("frame")
    )
    last_id = 0
    while True:
        rows = bind.execute(
            sa.select(articles.c.id, articles.c.text, articles.c.lang, articles.c.published)
            .where(articles.c.id > last_id)
            .order_by(articles.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        for article_id, text, lang, published in rows:
            pack = load_pack(lang if lang in languages() else "en")
            frames = {
                (c.start, c.end): c.frame for c in extract_claims(text or "", pack.code, pack=pack, published=published)
            }
            stored = bind.execute(
                sa.select(claims.c.id, claims.c.start, claims.c.end).where(claims.c.article_id == article_id)
            ).all()
            updates = [
                {"claim_id": claim_id, "frame": json.dumps(frames[(start, end)], ensure_ascii=False, sort_keys=True)}
                for claim_id, start, end in stored
                if frames.get((start, end))
            ]
            if updates:
                bind.execute(
                    claims.update().where(claims.c.id == sa.bindparam("claim_id")).values(frame=sa.bindparam("frame")),
                    updates,
                )
        last_id = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("frame")
