"""The frame around a figure: against, target, part_of, source, each filler normalised by alias.

"2.500 lính Mỹ ... trong khuôn khổ liên minh chống IS" gives part_of: coalition and
against: IS; "150 cuộc tấn công vào quân đội liên minh nước ngoài" gives target:
coalition forces; "theo Bộ Y tế" gives source: Bộ Y tế. Markers of against and part_of
count up to the next figure that counts something else; a target stands a few words
after the counted noun; the source is the sentence's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from .phrases import may_start

if TYPE_CHECKING:
    from .context import Sentence

# Where a filler stops: punctuation (a full stop only before a space or the end), a spaced dash.
_FILLER_END = regex.compile(r"[,;:!?()\"\[\]]|[.](?![^ ])| - ")
_FILLER_REACH = 120


@dataclass(slots=True)
class Marker:
    role: str
    start: int
    end: int  # where the filler starts
    filler: str
    filler_end: int


def role_markers(sentence: Sentence) -> list[Marker]:
    """The against and part_of markers of the sentence, with their fillers, in order."""
    lex, folded = sentence.lex, sentence.folded
    found = []
    for role, phrases in (("against", lex.against), ("part_of", lex.part_of)):
        for start, end in sentence.phrases(phrases, role):
            if folded[end : end + 1] != " ":
                continue
            filler, filler_end = read_filler(sentence, end + 1, sentence.end)
            if filler:
                found.append(Marker(role, start, end + 1, filler, filler_end))
    found.sort(key=lambda m: m.start)
    return found


def read_filler(
    sentence: Sentence, at: int, end: int, stop_at: int | None = None, source: bool = False
) -> tuple[str | None, int]:
    """The thing a marker points at: a known alias, or the words up to a stop word; and where it ends.
    A source ("Ban Chỉ đạo quốc gia về phòng chống thiên tai") runs longer, past most function words."""
    lex, folded = sentence.lex, sentence.folded
    stop_words = lex.source_stop if source else lex.filler_stop
    max_words = lex.max_source_words if source else lex.max_filler_words
    cut = _FILLER_END.search(folded, at, min(end, at + _FILLER_REACH), timeout=sentence.timeout)
    limit = cut.start() if cut else min(end, at + _FILLER_REACH)
    if stop_at is not None:
        limit = min(limit, stop_at)
    alias = (
        lex.alias_at.match(folded, at, limit, timeout=sentence.timeout)
        if may_start(lex.alias_initials, folded, at)
        else None
    )
    if alias is not None and _ends_filler(folded, alias.end(), limit, stop_words):
        return lex.role_aliases[" ".join(alias["alias"].split())], alias.end()
    words = folded[at:limit].split(" ")
    position, taken, start = at, 0, None
    for word in words:
        if not word:
            position += 1
            continue
        if start is None and word.casefold() in lex.filler_drop_first:
            position += len(word) + 1
            continue
        if word in stop_words or word[0].isdigit() or taken >= max_words:
            break
        if not source and word in lex.filler_joiners and not _name_follows(sentence, position + len(word) + 1, limit):
            break
        if start is None:
            start = position
        position += len(word) + 1
        taken += 1
    if start is None:
        return None, at
    text = sentence.original[start : min(position, limit)].strip(" .")
    return (lex.role_alias(text) if text else None), min(position, limit)


def _ends_filler(folded: str, at: int, limit: int, stop_words: frozenset) -> bool:
    """An alias is the whole filler when a stop word, punctuation or the end follows it."""
    if at >= limit:
        return True
    rest = folded[at:limit].split(" ", 2)
    return len(rest) < 2 or not rest[1] or rest[1] in stop_words


def _name_follows(sentence: Sentence, at: int, limit: int) -> bool:
    """'sứ mệnh của Liên hợp quốc', 'mục tiêu của lực lượng Houthi': a name or an alias after 'của'."""
    if sentence.folded[at : at + 1].isupper():
        return True
    if not may_start(sentence.lex.alias_initials, sentence.folded, at):
        return False
    return sentence.lex.alias_at.match(sentence.folded, at, limit, timeout=sentence.timeout) is not None


def figure_roles(
    sentence: Sentence, figure_end: int, phrase_end: int, scope_end: int, concept: str | None
) -> dict[str, str]:
    """The roles of the figure ending at `figure_end`, whose phrase ends at `phrase_end`;
    markers count up to `scope_end`, where a figure that counts something else starts.
    Only what strikes has a target ("150 cuộc tấn công vào quân đội liên minh")."""
    roles: dict[str, str] = {}
    target, target_marker = _target(sentence, phrase_end) if concept in sentence.lex.target_concepts else (None, -1)
    if target:
        roles["target"] = target
    for marker in sentence.markers():
        if marker.start >= scope_end:
            break
        # "attacks against US forces": the target's marker is not also an "against".
        if marker.start >= figure_end and marker.role not in roles and marker.start != target_marker:
            roles[marker.role] = marker.filler
    source = sentence.source()
    if source:
        roles["source"] = source
    return roles


def _target(sentence: Sentence, phrase_end: int) -> tuple[str | None, int]:
    """The target a few words after the counted noun, and where its marker starts."""
    lex, folded = sentence.lex, sentence.folded
    if folded[phrase_end : phrase_end + 1] != " ":
        return None, -1
    found = lex.target_at.match(folded, phrase_end, sentence.end, timeout=sentence.timeout)
    if found is None:
        return None, -1
    following = folded[found.end() : found.end() + 24].split(" ", 1)[0].rstrip(".,;:!?")
    if not following or following.casefold() in lex.target_not_before or following[0].isdigit():
        return None, -1
    filler, _ = read_filler(sentence, found.end(), sentence.end)
    return filler, found.start("marker")


def sentence_source(sentence: Sentence) -> str | None:
    """'Theo Bộ Y tế, ...', '... theo số liệu của Ban Chỉ đạo', 'Bộ Y tế cho biết ...', '..., officials said'."""
    lex, folded = sentence.lex, sentence.folded
    before = next(
        ((s, e) for s, e in sentence.phrases(lex.source_before, "source_before") if folded[e : e + 1] == " "), None
    )
    if before is not None:
        at = before[1] + 1
        clause_end = sentence.clause_end(at)
        lead_in_end = lex.source_lead_ins.end_at(folded, at, clause_end)
        if lead_in_end >= 0:
            # "theo báo cáo ngày 15/9 của Ban Chỉ đạo": the author, not the report.
            owners = [
                found
                for found in (folded.find(w, lead_in_end - 1, clause_end) for w in lex.source_owners)
                if found >= 0
            ]
            if owners:
                at = min(owners)
                at += len(next(w for w in lex.source_owners if folded.startswith(w, at)))
        return _source_name(sentence, at, clause_end)
    after = next(iter(sentence.phrases(lex.source_after, "source_after")), None)
    if after is not None:
        return _name_before(sentence, sentence.clause_start(after[0]), after[0])
    return None


def _source_name(sentence: Sentence, at: int, end: int) -> str | None:
    # "theo tuyên bố chung do Bộ Ngoại giao Mỹ công bố": the name ends at a verb of saying.
    verb = next((s for s, _ in sentence.phrases(sentence.lex.source_after, "source_after", at, end)), None)
    filler, _ = read_filler(sentence, at, end, stop_at=verb, source=True)
    return filler


def _name_before(sentence: Sentence, clause_start: int, verb_start: int) -> str | None:
    """The speaker before 'cho biết' / 'said', back to the clause start, past a date ('hôm 25/1')."""
    lex, folded = sentence.lex, sentence.folded
    end = verb_start
    for mark in reversed(sentence.marks()):
        if mark.end <= end and not folded[mark.end : end].strip():
            # "Sabrina Singh hôm 25/1 cho biết": the speaker stands before the date and its word.
            end = mark.start
            word_start = folded.rfind(" ", clause_start, end - 1) + 1
            if folded[word_start:end].strip().casefold() in lex.date_words:
                end = word_start
            break
    words = folded[clause_start:end].split(" ")
    taken, position = 0, end
    for word in reversed(words):
        if not word:
            position -= 1
            continue
        if word in lex.source_stop or word[0].isdigit() or taken >= lex.max_source_words:
            break
        position -= len(word) + 1
        taken += 1
    start = max(position + 1, clause_start) if taken else end
    words_left = sentence.original[start:end].split()
    while words_left and words_left[0].casefold() in lex.filler_drop_first:
        words_left.pop(0)
    text = " ".join(words_left).strip(" .\"'“”")
    return lex.role_alias(text) if text else None
