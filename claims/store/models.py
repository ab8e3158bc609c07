"""The claims tables. Every change to them ships as an Alembic migration in migrations/versions."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, Index, Table, Text, UniqueConstraint, inspect
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Naive UTC, as migration 0001 stores timestamps (DATETIME / timestamp without time zone).

    Timestamp fields name their column type: recent sqlmodel maps a plain `datetime` to its
    UTCDateTime, which refuses naive values on insert and differs from the migration, and
    sqlmodel 0.0.22 has no column type for pydantic's NaiveDatetime.
    """
    return datetime.now(UTC).replace(tzinfo=None)


_TIMESTAMP = DateTime(timezone=False)


class Story(SQLModel, table=True):
    __tablename__ = "stories"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    # True when a person named the story with --story; such stories are never merged automatically.
    manual: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=_TIMESTAMP)


class Article(SQLModel, table=True):
    __tablename__ = "articles"

    id: int | None = Field(default=None, primary_key=True)
    content_hash: str = Field(max_length=64, unique=True, index=True)
    title: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = Field(default=None, max_length=10, index=True)  # ISO date
    lang: str = Field(max_length=8)
    path: str | None = None
    text: str = Field(sa_column=Column(Text, nullable=False))
    tail_start: int | None = None
    # Names and distinctive words of title and lead, space-separated: what story grouping compares.
    signature: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    story_id: int | None = Field(default=None, foreign_key="stories.id", index=True)
    ingested_at: datetime = Field(default_factory=utcnow, sa_type=_TIMESTAMP)


class StoryTerm(SQLModel, table=True):
    """One distinctive word of an article's title and lead: story grouping looks articles up by term."""

    __tablename__ = "story_terms"

    term: str = Field(max_length=64, primary_key=True)
    article_id: int = Field(foreign_key="articles.id", primary_key=True, index=True)
    story_id: int | None = Field(default=None, foreign_key="stories.id")
    published: str | None = Field(default=None, max_length=10)
    # How often the term occurs in the article (1 + log), and the length of the article's weighted
    # terms when it was indexed: what a similarity needs of the stored side.
    weight: float = Field(default=1.0, sa_column_kwargs={"server_default": "1"})
    norm: float = Field(default=1.0, sa_column_kwargs={"server_default": "1"})


class StoryTermCount(SQLModel, table=True):
    """In how many indexed articles a term occurs; the empty term counts the articles themselves."""

    __tablename__ = "story_term_counts"

    term: str = Field(max_length=64, primary_key=True)
    articles: int = 0


class StoryPin(SQLModel, table=True):
    """An editor's placement of an article in a story, keyed by content hash so it survives re-grouping."""

    __tablename__ = "story_pins"

    content_hash: str = Field(max_length=64, primary_key=True)
    story_name: str
    pinned_at: datetime = Field(default_factory=utcnow, sa_type=_TIMESTAMP)


class ClaimRecord(SQLModel, table=True):
    __tablename__ = "claims"
    __table_args__ = (
        # The checker walks claims story by story and topic by topic.
        Index("ix_claims_story_topic", "story_id", "topic"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="articles.id", index=True)
    story_id: int | None = Field(default=None, foreign_key="stories.id")
    start: int
    end: int
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = Field(max_length=16)
    kind: str = Field(max_length=24, index=True)
    unit: str | None = Field(default=None, max_length=32)
    sentence: str = Field(sa_column=Column(Text, nullable=False))
    sentence_start: int = 0
    subject: str | None = None
    concept: str | None = Field(default=None, index=True)
    # What the checker groups by: the concept, else the normalised subject.
    topic: str | None = None
    actor: str | None = None
    location: str | None = Field(default=None, index=True)
    time: str | None = None
    roles: str = Field(default="{}", sa_column=Column(Text, nullable=False, server_default="{}"))  # JSON object
    # Aspect, measure, period marks and evidence words (claims/extract/frame.py), a JSON object.
    frame: str = Field(default="{}", sa_column=Column(Text, nullable=False, server_default="{}"))
    is_caption: bool = False
    is_boilerplate: bool = False
    lang: str = Field(max_length=8)


class Discrepancy(SQLModel, table=True):
    __tablename__ = "discrepancies"

    id: int | None = Field(default=None, primary_key=True)
    fingerprint: str = Field(max_length=40, unique=True, index=True)
    kind: str = Field(max_length=16)
    severity: str = Field(max_length=8)
    explanation: str = Field(sa_column=Column(Text, nullable=False))
    claim_a_id: int = Field(foreign_key="claims.id", index=True)
    claim_b_id: int = Field(foreign_key="claims.id", index=True)
    # False once a re-check no longer finds it; kept so that its review is not lost.
    active: bool = True
    first_seen: datetime = Field(default_factory=utcnow, sa_type=_TIMESTAMP)
    last_seen: datetime = Field(default_factory=utcnow, sa_type=_TIMESTAMP)


class DiscrepancyPart(SQLModel, table=True):
    """One stated part of an arithmetic discrepancy's total, in the sentence's order: the
    discrepancy itself links the total and one part only."""

    __tablename__ = "discrepancy_parts"

    discrepancy_id: int = Field(foreign_key="discrepancies.id", primary_key=True)
    position: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    claim_id: int = Field(foreign_key="claims.id")


class Review(SQLModel, table=True):
    """A person's decision on a discrepancy, keyed by fingerprint so it survives re-runs."""

    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("fingerprint", name="uq_reviews_fingerprint"),)

    id: int | None = Field(default=None, primary_key=True)
    fingerprint: str = Field(max_length=40, index=True)
    status: str = Field(max_length=16)  # confirmed | dismissed | open
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    reviewer: str | None = None
    reviewed_at: datetime = Field(default_factory=utcnow, sa_type=_TIMESTAMP)


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a model, typed: SQLModel sets `__table__` on table models but declares no type for it."""
    table = inspect(model).local_table
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is no table model")
    return table
