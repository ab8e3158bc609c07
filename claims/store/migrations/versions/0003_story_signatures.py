"""story signatures keep names whole: every stored article's terms are read again from its title and lead

Signatures used to split names into words ("hà", "nội"), so that articles sharing only the
syllables of "Hà Nội" or "Việt Nam" fell into one story. An article stored before this revision
would otherwise never match a new one through a name. Story assignments stay as they are.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from claims.lang import LanguagePack, languages, load_pack
from claims.store.stories import signature

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TERM_LENGTH = 64
BATCH = 500


def upgrade() -> None:
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
    terms = sa.table(
        "story_terms", sa.column("term"), sa.column("article_id"), sa.column("story_id"), sa.column("published")
    )
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
        new_terms = []
        for article_id, title, text, lang, story_id, published in rows:
            code = lang if lang in languages() else "en"
            pack = packs.get(code) or packs.setdefault(code, load_pack(code))
            found = signature(title, text or "", pack)
            bind.execute(articles.update().where(articles.c.id == article_id).values(signature=" ".join(sorted(found))))
            new_terms += [
                {"term": t, "article_id": article_id, "story_id": story_id, "published": published}
                for t in sorted({t[:TERM_LENGTH] for t in found})
            ]
        ids = [row[0] for row in rows]
        bind.execute(terms.delete().where(terms.c.article_id.in_(ids)))
        if new_terms:
            bind.execute(terms.insert(), new_terms)
        last_id = ids[-1]


def downgrade() -> None:
    # The split signatures are not kept; grouping works on the whole-name ones too, only less well.
    pass
