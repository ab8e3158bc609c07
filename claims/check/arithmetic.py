"""Arithmetic inside an article: stated parts that add up to more than their stated total."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

from sqlalchemy import and_, false, or_, select
from sqlalchemy.engine import Connection

from claims.lang import languages, load_pack
from claims.store.models import Article, ClaimRecord, table_of
from claims.text.word_search import whole_word

from .figures import FIGURE_COLUMNS, Figure, figure_from_row
from .rules import Finding, amount

# A part more than this many times its stated total is no part of it.
_NO_PART = 2
_claims = table_of(ClaimRecord)
_articles = table_of(Article)


@dataclass(slots=True)
class ArithmeticFinding(Finding):
    """A total (`first`) and every part it states, in the sentence's order; `second` is the last part."""

    parts: tuple[Figure, ...] = ()


def _markers_by_lang(key: str = "arithmetic.part_markers") -> dict[str, list[str]]:
    return {code: load_pack(code).value(key) for code in languages()}


def arithmetic_findings(conn: Connection, story_ids: Iterable[int] | None) -> Iterator[Finding]:
    markers = _markers_by_lang()
    beside = _markers_by_lang("arithmetic.beside_markers")
    every_marker = sorted({m for words in markers.values() for m in words})
    if not every_marker:
        return
    query = (
        select(
            *FIGURE_COLUMNS,
            # After the 17 columns figure_from_row reads: what the finding quotes and where.
            _claims.c.sentence,
            _claims.c.sentence_start,
            _claims.c.lang,
            _claims.c.text,
        )
        .join(_articles, _articles.c.id == _claims.c.article_id)
        .where(
            and_(
                _claims.c.kind == "count",
                _claims.c.is_boilerplate == false(),
                or_(*[_claims.c.sentence.like(f"%{m}%") for m in every_marker]),
            )
        )
        .order_by(_claims.c.article_id, _claims.c.sentence_start, _claims.c.start)
    )
    if story_ids is not None:
        query = query.where(_claims.c.story_id.in_(list(story_ids)))
    rows = conn.execution_options(stream_results=True, yield_per=5000).execute(query)
    for _, same_sentence in groupby(rows, key=lambda r: (r.article_id, r.sentence_start)):
        sentence_rows = list(same_sentence)
        lang = sentence_rows[0].lang
        finding = _check_sentence(sentence_rows, markers.get(lang, []), beside.get(lang, []))
        if finding:
            yield finding


def _check_sentence(rows, markers: list[str], beside: Sequence[str] = ()) -> Finding | None:
    sentence, sentence_start = rows[0].sentence, rows[0].sentence_start
    lowered = sentence.casefold()
    positions = [lowered.find(m) for m in markers if lowered.find(m) >= 0]
    if not positions:
        return None
    marker_at = sentence_start + min(positions)
    before = [r for r in rows if r.end <= marker_at]
    parts_end = sentence_start + _beside_at(lowered, beside, marker_at - sentence_start)
    after = [r for r in rows if marker_at <= r.start < parts_end]
    if not before or not after:
        return None
    total_row = _total(_in_marker_clause(before, sentence, marker_at - sentence_start), after)
    if total_row is None:
        return None
    total = figure_from_row(tuple(total_row)[: len(FIGURE_COLUMNS)])
    read = [figure_from_row(tuple(r)[: len(FIGURE_COLUMNS)]) for r in after]
    parts = [p for p in read if p is not None]
    if total is None or not parts or total.high == float("inf"):
        return None
    floor = sum(p.low for p in parts if p.low != float("-inf"))
    if floor <= total.high:
        return None
    if any(p.low > _NO_PART * total.high for p in parts):
        # "133 cơ sở lưu trú - gồm 8 khách sạn, 60 nhà nghỉ, còn lại là homestay với trên 1.000 phòng":
        # a "part" many times its total counts something else (the rooms), it breaks nothing down.
        return None
    stated = ", ".join(r.text for r in after)
    return ArithmeticFinding(
        "arithmetic",
        "medium",
        f"parts ({stated}) add up to at least {amount(floor)}, more than the stated total {total_row.text}",
        total,
        parts[-1],
        tuple(parts),
    )


def _beside_at(lowered: str, beside: Sequence[str], after: int) -> int:
    """Where the parts end: at a word that brings in something counted beside them ("gồm 2.260 bao
    ... và 8.000 bao ... cùng 7 xe mô tô"), a whole word after the part marker; else the sentence's end."""
    ends = [len(lowered)]
    for word in beside:
        at = lowered.find(word, after)
        while at >= 0:
            end = at + len(word)
            if whole_word(lowered, at, end):
                ends.append(at)
                break
            at = lowered.find(word, end)
    return min(ends)


def _in_marker_clause(before, sentence: str, marker: int):
    """The counts of the clause the marker breaks down: the one it ends, or the one before it
    when the marker opens its own ("93 người thương vong, trong đó ..."). "camera trước 32
    megapixel, cụm 3 camera gồm 48, 12 và 13 megapixel" breaks down the 3 cameras only."""
    head = sentence[:marker].rstrip(" ").rstrip(",;").rstrip(" ")
    clause_start = max(head.rfind(mark) for mark in ",;:") + 1
    start = before[0].sentence_start + clause_start
    return [row for row in before if row.start >= start]


def _total(before, after):
    """The stated total the parts break down: the last count before the marker that counts what
    the parts count ("883 hũ cốt thuộc 364 hộ gia đình, trong đó có 576 hũ cốt loại đá ..."), else
    the last count before it, unless every part counts one other thing ("cụm 3 camera 48, 12 và 13
    megapixel": the parts measure the cameras, they do not break them down)."""
    if not before:
        return None
    part_topics = {r.topic for r in after}
    for row in reversed(before):
        if row.topic and any(t and (t == row.topic or t.startswith(row.topic + " ")) for t in part_topics):
            return row
    last = before[-1]
    one_other_thing = len(part_topics) == 1 and None not in part_topics and last.topic not in part_topics
    return None if one_other_thing else last
