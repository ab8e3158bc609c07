"""What every table, view and column of the claims database holds, in a data desk's words.

The one place these descriptions live: `claims metadata` writes them as datasette metadata
(`datasette claims.db --metadata metadata.json`), and a test holds them to the migrated schema,
so a column added without a description fails it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from claims.errors import InputError


@dataclass(frozen=True)
class Described:
    """A table or view: what a row is, what each column holds, and how datasette should show it."""

    description: str
    columns: dict[str, str]
    # The column datasette shows for a row that another table points to (a story by its name).
    label_column: str | None = None
    # Bookkeeping a reader never needs: datasette leaves it out of the table list.
    hidden: bool = False
    sort_desc: str | None = None


TITLE = "Claims: the figures in the news, and where they disagree"
DESCRIPTION = (
    "Articles, the figures (claims) found in them, the discrepancies between figures that should agree, "
    "and what editors decided about each. Start with the discrepancy_overview view."
)

_WHEN_UTC = "(UTC, no time zone)"


def _claim_side(side: str) -> dict[str, str]:
    """The columns a discrepancy view gives each of its two claims."""
    which = "first" if side == "a" else "second"
    prefix = f"claim_{side}"
    return {
        f"{prefix}_id": f"The {which} claim (claims.id).",
        f"{prefix}_text": f"The {which} figure as the article wrote it, e.g. 'khoảng 2.500' or 'at least 80'.",
        f"{prefix}_value": f"The {which} figure as a number; empty for a range or an open bound.",
        f"{prefix}_unit": f"Unit of the {which} figure (percent, VND, month...), when it has one.",
        f"{prefix}_sentence": f"The sentence the {which} figure stands in.",
        f"{prefix}_article_id": f"Article of the {which} figure (articles.id).",
        f"{prefix}_article_title": f"Headline of the article of the {which} figure.",
        f"{prefix}_article_url": f"Address of the article of the {which} figure, when known.",
        f"{prefix}_article_source": f"Publication of the article of the {which} figure.",
        f"{prefix}_article_published": f"Publication date (YYYY-MM-DD) of the article of the {which} figure.",
    }


TABLES: dict[str, Described] = {
    # Views first: they are what a reporter opens.
    "discrepancy_overview": Described(
        "One row per discrepancy: two figures that should agree and do not, side by side, with their "
        "sentences, articles, story and the editor's decision.",
        {
            "id": "Discrepancy number, as `claims review ID` takes it.",
            "fingerprint": "Stable identity of the discrepancy: the same pair of figures keeps it across re-checks.",
            "kind": "value (figures disagree), context (same figure, different context), scale (a scale word "
            "lost or added), arithmetic (parts do not add up), update (a figure changed over time).",
            "severity": "high, medium or low.",
            "status": "open (not decided yet), confirmed (a real error) or dismissed (not an error).",
            "still_found": "1 (true) while the last check still finds it; 0 once the articles no longer disagree.",
            "explanation": "Why the checker flagged it, in one line.",
            "story_id": "Story the first figure belongs to (stories.id).",
            "story_name": "Name of that story.",
            **_claim_side("a"),
            **_claim_side("b"),
            "review_id": "The editor's decision (reviews.id), empty until someone reviews it.",
            "reviewer": "Who decided.",
            "note": "The editor's note.",
            "reviewed_at": f"When it was decided {_WHEN_UTC}.",
            "first_seen": f"When a check first found it {_WHEN_UTC}.",
            "last_seen": f"When a check last found it {_WHEN_UTC}.",
        },
        sort_desc="id",
    ),
    "review_decisions": Described(
        "One row per editor's decision, with the discrepancy it is about.",
        {
            "review_id": "The decision (reviews.id).",
            "discrepancy_id": "The discrepancy decided on (discrepancy_overview.id).",
            "fingerprint": "Identity of the discrepancy the decision belongs to.",
            "status": "open, confirmed (a real error) or dismissed (not an error).",
            "reviewer": "Who decided.",
            "note": "The editor's note.",
            "reviewed_at": f"When it was decided {_WHEN_UTC}.",
            "kind": "Kind of discrepancy (value, context, scale, arithmetic, update).",
            "severity": "high, medium or low.",
            "explanation": "Why the checker flagged it.",
            "still_found": "1 (true) while the last check still finds the discrepancy.",
            "story_id": "Story of the discrepancy (stories.id).",
            "story_name": "Name of that story.",
        },
        sort_desc="reviewed_at",
    ),
    "claim_overview": Described(
        "One row per figure found in an article, with its article, story and how many discrepancies involve it.",
        {
            "id": "Claim number (claims.id).",
            "text": "The figure as written.",
            "value": "The figure as a number; empty for a range or an open bound.",
            "low": "Lowest value the words allow ('about 2,500' reads 2,250).",
            "high": "Highest value the words allow; empty when there is no upper bound ('more than 150').",
            "qualifier": "exact, approx, at_least, more_than, less_than, at_most or nearly.",
            "unit": "Unit of the figure, when it has one.",
            "kind": "What sort of figure: count, percent, money, date, year, duration, fraction...",
            "subject": "What is counted, as the sentence says it ('lính Mỹ').",
            "concept": "What is counted, in the checker's shared words across languages ('troops').",
            "actor": "Who is said to act or to report, when the sentence names one.",
            "location": "Place the figure is about, under its canonical name.",
            "time": "Date or period the figure is about, when the sentence gives one.",
            "sentence": "The sentence the figure stands in.",
            "is_caption": "1 when the figure is in a photo caption.",
            "is_boilerplate": "1 when the figure is page furniture or another story pasted after the article.",
            "lang": "Language of the article (vi, en).",
            "article_id": "Article (articles.id).",
            "article_title": "Headline of the article.",
            "article_url": "Address of the article, when known.",
            "article_source": "Publication of the article.",
            "article_published": "Publication date (YYYY-MM-DD).",
            "story_id": "Story (stories.id).",
            "story_name": "Name of the story.",
            "discrepancies": "How many discrepancies the last check found that involve this figure.",
        },
    ),
    "stories": Described(
        "Stories: articles about the same event, grouped automatically or by an editor.",
        {
            "id": "Story number.",
            "name": "Story name: the first article's headline, or the name an editor gave it.",
            "manual": "1 when a person named or formed the story; such stories are never regrouped automatically.",
            "created_at": f"When the story was created {_WHEN_UTC}.",
        },
        label_column="name",
    ),
    "articles": Described(
        "Articles stored by `claims ingest` or `claims audit`; the same text is stored once.",
        {
            "id": "Article number.",
            "content_hash": "SHA-256 of the text: how a second copy of the same article is recognised.",
            "title": "Headline.",
            "source": "Publication (newspaper, agency, site).",
            "url": "Address of the article, when known.",
            "author": "Byline, when known.",
            "published": "Publication date (YYYY-MM-DD).",
            "lang": "Language (vi, en).",
            "path": "File the article was read from.",
            "text": "Full text as stored; claim offsets count characters in it.",
            "tail_start": (
                "Where another story pasted after the article begins (a character offset), when one was seen."
            ),
            "signature": "Names and distinctive words of headline and lead, which story grouping compares.",
            "story_id": "Story the article belongs to (stories.id).",
            "ingested_at": f"When the article was stored {_WHEN_UTC}.",
        },
        label_column="title",
    ),
    "claims": Described(
        "Figures found in articles: one row per number with what it counts, where and when.",
        {
            "id": "Claim number.",
            "article_id": "Article the figure is in (articles.id).",
            "story_id": "Story the figure belongs to (stories.id).",
            "start": "Character offset where the figure starts in the article text.",
            "end": "Character offset where the figure ends in the article text.",
            "text": "The figure as written.",
            "value": "The figure as a number; empty for a range or an open bound.",
            "low": "Lowest value the words allow.",
            "high": "Highest value the words allow; empty when there is no upper bound.",
            "qualifier": "exact, approx, at_least, more_than, less_than, at_most or nearly.",
            "kind": "What sort of figure: count, percent, money, date, year, duration, fraction...",
            "unit": "Unit of the figure, when it has one.",
            "sentence": "The sentence the figure stands in.",
            "sentence_start": "Character offset where that sentence starts in the article text.",
            "subject": "What is counted, as the sentence says it.",
            "concept": "What is counted, in the checker's shared words across languages.",
            "topic": "What the checker groups figures by: the concept, else the subject.",
            "actor": "Who is said to act or to report.",
            "location": "Place the figure is about, under its canonical name.",
            "time": "Date or period the figure is about.",
            "roles": 'The figure\'s frame as a JSON object, e.g. {"against": "IS"}.',
            "frame": "Aspect, measure, period and evidence words as a JSON object: what ties figures to one fact.",
            "is_caption": "1 when the figure is in a photo caption.",
            "is_boilerplate": "1 when the figure is page furniture or another story.",
            "lang": "Language of the sentence.",
        },
        label_column="text",
    ),
    "discrepancies": Described(
        "Pairs of figures the checker found disagreeing. Their decisions are in reviews, by fingerprint; "
        "discrepancy_overview shows both together.",
        {
            "id": "Discrepancy number.",
            "fingerprint": "Stable identity of the discrepancy across re-checks.",
            "kind": "value, context, scale, arithmetic or update.",
            "severity": "high, medium or low.",
            "explanation": "Why the checker flagged it.",
            "claim_a_id": "The first figure (claims.id).",
            "claim_b_id": "The second figure (claims.id).",
            "active": "1 while the last check still finds it; kept afterwards so that its review is not lost.",
            "first_seen": f"When a check first found it {_WHEN_UTC}.",
            "last_seen": f"When a check last found it {_WHEN_UTC}.",
        },
        label_column="explanation",
    ),
    "discrepancy_parts": Described(
        "The stated parts of an arithmetic discrepancy's total, in the order the sentence gives them.",
        {
            "discrepancy_id": "The arithmetic discrepancy (discrepancies.id).",
            "position": "Order of the part in its sentence, from 0.",
            "claim_id": "The part (claims.id).",
        },
    ),
    "reviews": Described(
        "Editors' decisions on discrepancies, kept by fingerprint so that a re-check never loses them.",
        {
            "id": "Decision number.",
            "fingerprint": "The discrepancy decided on (discrepancies.fingerprint).",
            "status": "open, confirmed (a real error) or dismissed (not an error).",
            "note": "The editor's note.",
            "reviewer": "Who decided (--reviewer, else the login name).",
            "reviewed_at": f"When it was decided {_WHEN_UTC}.",
        },
    ),
    "story_pins": Described(
        "Articles an editor put in a story by hand; regrouping keeps them there.",
        {
            "content_hash": "The article (articles.content_hash).",
            "story_name": "The story it was put in.",
            "pinned_at": f"When {_WHEN_UTC}.",
        },
    ),
    "story_terms": Described(
        "Index for story grouping: each distinctive word of an article's headline and lead.",
        {
            "term": "The word or name.",
            "article_id": "Article it occurs in (articles.id).",
            "story_id": "That article's story (stories.id).",
            "published": "That article's publication date.",
            "weight": "How often the term occurs in the article (1 + log of the count).",
            "norm": "Length of the article's weighted terms when it was indexed.",
        },
        hidden=True,
    ),
    "story_term_counts": Described(
        "Index for story grouping: in how many articles each term occurs (the empty term counts articles).",
        {
            "term": "The word or name.",
            "articles": "How many indexed articles hold it.",
        },
        hidden=True,
    ),
    "alembic_version": Described(
        "The schema's migration revision, kept by Alembic.",
        {"version_num": "The last migration applied."},
        hidden=True,
    ),
}


def _table_metadata(described: Described) -> dict:
    shown: dict = {"description": described.description, "columns": dict(described.columns)}
    for key in ("label_column", "sort_desc"):
        if getattr(described, key):
            shown[key] = getattr(described, key)
    if described.hidden:
        shown["hidden"] = True
    return shown


def datasette_metadata(database: str = "claims") -> dict:
    """Datasette metadata for the claims database served under the name `database`
    (datasette names a database after its file: claims.db is "claims")."""
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "databases": {database: {"tables": {name: _table_metadata(d) for name, d in TABLES.items()}}},
    }


def served_name(url: str | None) -> str:
    """The name datasette gives the database at `url`: a SQLite file's name without its extension."""
    try:
        parsed = make_url(url) if url else None
    except (ArgumentError, ValueError):
        parsed = None
    if parsed is not None and parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return Path(parsed.database).stem or "claims"
    return "claims"


_TITLE_MARK = json.dumps({"title": TITLE}, ensure_ascii=False)[1:-1].encode()
_HEAD_BYTES = 4096


def metadata_json(database: str = "claims") -> str:
    return json.dumps(datasette_metadata(database), ensure_ascii=False, indent=2) + "\n"


def write_metadata(path: Path, body: str, force: bool = False) -> None:
    """Write the metadata file; an existing file is replaced only when it is one we wrote (or --force),
    so a mistyped `-o claims.db` cannot destroy the database."""
    try:
        if path.is_file() and path.stat().st_size and not force:
            # The title opens the file; a database is never read whole to find that it is not ours.
            with path.open("rb") as handle:
                head = handle.read(_HEAD_BYTES)
            if _TITLE_MARK not in head:
                raise InputError(f"{path}: exists and is not metadata written by claims; not overwritten (use --force)")
        path.write_text(body, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write the metadata ({(exc.strerror or type(exc).__name__).lower()})") from exc
