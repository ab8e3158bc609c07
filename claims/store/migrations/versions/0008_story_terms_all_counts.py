"""story terms counted over every term of an article; the term index without its date index

Grouping now reads a longer lead, keeps a syllable pair only when neither syllable is a stopword,
compares 80 terms an article, and counts in how many articles every term of an article occurs
(not only its indexed terms): every stored article's terms are weighed and indexed again, oldest
first, and the counts made again. Story assignments stay as they are. The index on (term,
published) goes: the postings one article reads are capped on the terms' counts
(claims.store.stories.MAX_POSTINGS), so the primary key's (term, article_id) serves the look-up,
and every indexed term cost a write to both.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

from claims.lang import LanguagePack, languages, load_pack
from claims.store.stories import TermCounts, index_terms, signature

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    with op.batch_alter_table("story_terms", schema=None) as batch_op:
        batch_op.drop_index("ix_story_terms_term_published")

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
    bind.execute(sa.text("DELETE FROM story_term_counts"))
    packs: dict[str, LanguagePack] = {}
    counts = TermCounts()
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
                index_terms(bind, article_id, story_id, found, published, counts)
        counts.flush(bind)
        last_id = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("story_terms", schema=None) as batch_op:
        batch_op.create_index("ix_story_terms_term_published", ["term", "published"], unique=False)
