"""Stored claims as the checker sees them, and the comparisons between two of them."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

from claims.extract.claim import CONTEXT_ROLES
from claims.store.models import Article, ClaimRecord, table_of

# Durations compare across units; this is arithmetic, not language data.
MONTHS_PER_UNIT = {
    "year": 12.0,
    "month": 1.0,
    "week": 12 / 52.1775,
    "day": 12 / 365.25,
    "hour": 12 / 8766,
    "minute": 12 / 525960,
}

# Ratios that betray a slipped scale word: thousand, million, billion.
SCALE_RATIOS = (1e3, 1e6, 1e9)


@dataclass(slots=True)
class Figure:
    """A claim row reduced to what comparisons need, on a common unit."""

    id: int
    article_id: int
    story_id: int | None
    topic: str
    kind: str
    unit: str | None
    value: float | None
    low: float
    high: float
    actor: str | None
    location: str | None
    time: str | None
    roles: dict
    published: str | None
    identity: str  # content hash and offsets: stable across re-ingest
    subject: str | None = None  # as written, folded: two figures of one article may restate one fact
    sentence_start: int | None = None
    # The frame (claims/extract/frame.py): what ties a figure to its fact across articles.
    words: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    aspect: str | None = None
    measure: str | None = None
    periods: tuple[str, ...] = ()
    background: bool = False
    qualifier: str | None = None  # as read ("range", "approx", ...): two ranges of one fact state both ends

    @property
    def key(self) -> tuple:
        return (self.actor, self.location, self.time)

    @property
    def family(self) -> tuple:
        # Percent and percentage points share a family so that mixing them can be caught.
        return (
            "percent" if self.kind == "percentage_point" else self.kind,
            self.unit if self.kind not in ("percent", "percentage_point") else None,
        )


_claims = table_of(ClaimRecord)
_articles = table_of(Article)
# The 17 columns figure_from_row reads first, in its order: a query selects them, then its own
# (joined with the articles for the publication date and the text's hash).
FIGURE_COLUMNS = (
    _claims.c.id,
    _claims.c.article_id,
    _claims.c.story_id,
    _claims.c.topic,
    _claims.c.kind,
    _claims.c.unit,
    _claims.c.value,
    _claims.c.low,
    _claims.c.high,
    _claims.c.actor,
    _claims.c.location,
    _claims.c.time,
    _claims.c.roles,
    _claims.c.start,
    _claims.c.end,
    _articles.c.published,
    _articles.c.content_hash,
)


def figure_from_row(row) -> Figure | None:
    """Build a Figure from a claims row joined with its article (17 columns, then optionally the
    subject, the sentence start, the frame and the qualifier); None when it has no usable number.

    It runs for every stored figure a check reads: built positionally, with no work for what is absent."""
    (
        claim_id,
        article_id,
        story_id,
        topic,
        kind,
        unit,
        value,
        low,
        high,
        actor,
        location,
        time,
        roles,
        start,
        end,
        published,
        content_hash,
    ) = row[:17]
    if value is None and low is None and high is None:
        return None
    subject, sentence_start = (row[17], row[18]) if len(row) >= 19 else (None, None)
    raw_frame = row[19] if len(row) >= 20 else None
    qualifier = row[20] if len(row) >= 21 else None
    frame = json.loads(raw_frame) if raw_frame and raw_frame != "{}" else _NO_FRAME
    if kind == "duration" and unit in MONTHS_PER_UNIT:
        factor, unit = MONTHS_PER_UNIT[unit], "month"
        value = None if value is None else value * factor
        low = None if low is None else low * factor
        high = None if high is None else high * factor
    words, names, period = frame.get("words"), frame.get("names"), frame.get("period")
    return Figure(
        claim_id,
        article_id,
        story_id,
        topic,
        kind,
        unit,
        value,
        -math.inf if low is None else low,
        math.inf if high is None else high,
        actor,
        location,
        time,
        json.loads(roles) if roles and roles != "{}" else {},
        published,
        f"{content_hash}:{start}:{end}",
        _folded(subject) if subject else None,
        sentence_start,
        frozenset(words) if words else _NOTHING,
        frozenset(names) if names else _NOTHING,
        frame.get("aspect"),
        frame.get("measure"),
        tuple(period) if period else (),
        bool(frame.get("background")),
        qualifier,
    )


_NO_FRAME: dict = {}
_NOTHING: frozenset = frozenset()


@lru_cache(maxsize=65536)
def _folded(subject: str) -> str:
    # Subjects repeat ("người", "đơn vị"): folded once each.
    return " ".join(subject.casefold().split())


def _time_core(time: str) -> str:
    # "since:2023-10" and "2023-10" speak of the same period for comparison purposes.
    return time.split(":", 1)[1] if ":" in time and not time.startswith("--") else time


def times_compatible(a: str | None, b: str | None) -> bool:
    """Unknown times never keep figures apart; known ones must overlap (one contains the other)."""
    if a is None or b is None:
        return True
    a, b = _time_core(a), _time_core(b)
    return a.startswith(b) or b.startswith(a)


def same_period(a: str, b: str) -> bool:
    """Whether two known times name one period ("since:2024-09" and "2024-09" do; "2024" and "2024-09" do not)."""
    return _time_core(a) == _time_core(b)


def generalizes(general: tuple, specific: tuple) -> bool:
    """True when every field of `general` is unknown or agrees with, and is no finer than, `specific`."""
    actor, location, time = general
    return (
        (actor is None or actor == specific[0])
        and (location is None or location == specific[1])
        and (time is None or (specific[2] is not None and _time_core(specific[2]).startswith(_time_core(time))))
    )


def keys_compatible(a: tuple, b: tuple) -> bool:
    return (
        (a[0] is None or b[0] is None or a[0] == b[0])
        and (a[1] is None or b[1] is None or a[1] == b[1])
        and times_compatible(a[2], b[2])
    )


def join_keys(a: tuple, b: tuple) -> tuple:
    """The most specific key that both compatible keys generalize."""
    time_a, time_b = a[2], b[2]
    if time_a is None or time_b is None:
        time = time_a or time_b
    else:
        time = time_a if len(_time_core(time_a)) >= len(_time_core(time_b)) else time_b
    return (a[0] or b[0], a[1] or b[1], time)


def overlap(a: Figure, b: Figure) -> bool:
    return a.low <= b.high and b.low <= a.high


def scale_slip(a: Figure, b: Figure) -> float | None:
    """The factor between two figures when it is a whole scale word (10 vs 10 million)."""
    if not a.value or not b.value:
        return None
    big, small = max(abs(a.value), abs(b.value)), min(abs(a.value), abs(b.value))
    for ratio in SCALE_RATIOS:
        if math.isclose(big / small, ratio, rel_tol=0.01):
            return ratio
    return None


def gap_ratio(a: Figure, b: Figure) -> float:
    """How far apart two intervals are, relative to the larger figure."""
    lo, hi = (a, b) if a.high < b.low else (b, a)
    distance = hi.low - lo.high
    scale = max(abs(v) for v in (lo.high, hi.low, 1e-9) if math.isfinite(v))
    return distance / scale


def role_conflict(a: Figure, b: Figure) -> tuple[str, str, str] | None:
    """The first frame role that both figures fill, differently."""
    for role in CONTEXT_ROLES:
        left, right = a.roles.get(role), b.roles.get(role)
        if left and right and left.casefold() != right.casefold():
            if _said_nearby(right, a) or _said_nearby(left, b):
                continue
            return role, left, right
    return None


def _said_nearby(filler: str, figure: Figure) -> bool:
    """Whether a role's filler is written among another figure's own words: "vào các địa điểm trên
    lãnh thổ Syria" fills the target with "địa điểm" and also names "lãnh thổ Syria", so "lãnh thổ
    Syria" elsewhere frames it no differently."""
    wanted = filler.casefold().split()
    said = {token for word in figure.words for token in word.split()}
    return len(wanted) > 1 and all(token in said for token in wanted)
