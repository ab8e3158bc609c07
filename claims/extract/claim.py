"""The claim: a figure with what it counts, where, when and in what frame."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter

ROLE_NAMES = ("against", "target", "part_of", "source")
# Only these roles make two readings of the same figure contradict each other.
CONTEXT_ROLES = ("against", "target", "part_of")


@dataclass(slots=True)
class Claim:
    """One figure of an article, as plain data (no database types on the hot path)."""

    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    kind: str
    unit: str | None
    sentence: str
    sentence_start: int
    subject: str | None = None
    concept: str | None = None
    actor: str | None = None
    location: str | None = None
    time: str | None = None
    roles: dict[str, str] = field(default_factory=dict)
    # Aspect, measure, period marks and evidence words (claims/extract/frame.py).
    frame: dict = field(default_factory=dict)
    is_caption: bool = False
    is_boilerplate: bool = False
    lang: str = field(kw_only=True)  # the pack code the claim was read with: always given, never assumed

    def to_dict(self) -> dict:
        # What asdict gives, without its deep copy of every field: only roles and frame hold
        # containers (frame: lists of words and names), and each gets a copy of its own.
        out = dict(zip(_FIELDS, _ALL_FIELDS(self)))
        out["roles"] = dict(self.roles)
        out["frame"] = {key: list(value) if isinstance(value, list) else value for key, value in self.frame.items()}
        return out


_FIELDS = tuple(f.name for f in fields(Claim))
_ALL_FIELDS = attrgetter(*_FIELDS)  # every field's value in one call, in field order
