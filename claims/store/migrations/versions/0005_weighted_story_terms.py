"""weighted story terms and editor pins: every stored article's terms are weighed and indexed again

Grouping now compares weighted terms (pairs of syllables, places under one name, each weighted
by its rarity in the archive): the index keeps each term's frequency weight and the article's
vector length, and story_term_counts how many articles hold each term. story_pins keeps an
editor's placement of an article by content hash. Story assignments stay as they are.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

from claims.lang import LanguagePack, languages, load_pack
from claims.store.stories import index_terms, signature

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    with op.batch_alter_table("story_terms", schema=None) as batch_op:
        batch_op.add_column(sa.Column("weight", sa.Float(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("norm", sa.Float(), server_default="1", nullable=False))
    op.create_table(
        "story_term_counts",
        sa.Column("term", sa.String(length=64), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term"),
    )
    op.create_table(
        "story_pins",
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("story_name", sa.String(), nullable=False),
        sa.Column("pinned_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("content_hash"),
    )

    bind = op.get_bind()
    articles = sa.table(
        "articles",
        sa.column("id"),
        sa.column("title"),
        sa.column("text"),
        sa.column("lang"),
        sa.column("signature"),
        sa.column("story_id"),
        sa.column("published"),
    )
    bind.execute(sa.text("DELETE FROM story_terms"))
    packs: dict[str, LanguagePack] = {}
    last_id = 0
    while True:
        rows = bind.execute(
            sa.select(
                articles.c.id,
                articles.c.title,
                articles.c.text,
                articles.c.lang,
                articles.c.story_id,
                articles.c.published,
            )
            .where(articles.c.id > last_id)
            .order_by(articles.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        for article_id, title, text, lang, story_id, published in rows:
            code = lang if lang in languages() else "en"
            pack = packs.get(code) or packs.setdefault(code, load_pack(code))
            found = signature(title, text or "", pack)
            bind.execute(articles.update().where(articles.c.id == article_id).values(signature=" ".join(found)))
            if story_id is not None:
                index_terms(bind, article_id, story_id, found, published)
        last_id = rows[-1][0]


def downgrade() -> None:
    op.drop_table("story_pins")
    op.drop_table("story_term_counts")
    with op.batch_alter_table("story_terms", schema=None) as batch_op:
        batch_op.drop_column("norm")
        batch_op.drop_column("weight")
