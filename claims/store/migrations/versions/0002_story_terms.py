"""story terms: an index of title-and-lead words, so grouping an article into a story is a lookup

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TERM_LENGTH = 64


def upgrade() -> None:
    op.create_table(
        "story_terms",
        sa.Column("term", sa.String(length=TERM_LENGTH), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
        ),
        sa.PrimaryKeyConstraint("term", "article_id"),
    )
    with op.batch_alter_table("story_terms", schema=None) as batch_op:
        batch_op.create_index("ix_story_terms_term_published", ["term", "published"], unique=False)
        batch_op.create_index(batch_op.f("ix_story_terms_article_id"), ["article_id"], unique=False)

    # Articles stored before this revision keep their terms in articles.signature.
    bind = op.get_bind()
    articles = sa.table(
        "articles", sa.column("id"), sa.column("signature"), sa.column("story_id"), sa.column("published")
    )
    terms = sa.table(
        "story_terms", sa.column("term"), sa.column("article_id"), sa.column("story_id"), sa.column("published")
    )
    batch = []
    for article_id, signature, story_id, published in bind.execute(
        sa.select(articles.c.id, articles.c.signature, articles.c.story_id, articles.c.published)
    ):
        for term in sorted({t[:TERM_LENGTH] for t in (signature or "").split()}):
            batch.append({"term": term, "article_id": article_id, "story_id": story_id, "published": published})
        if len(batch) >= 5000:
            bind.execute(terms.insert(), batch)
            batch = []
    if batch:
        bind.execute(terms.insert(), batch)


def downgrade() -> None:
    with op.batch_alter_table("story_terms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_story_terms_article_id"))
        batch_op.drop_index("ix_story_terms_term_published")
    op.drop_table("story_terms")
