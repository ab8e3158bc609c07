"""Where a figure holds: a place after a preposition ("ở Iraq", "in Lahaina"), resolved by the gazetteer.

A figure's place is, in order: one named inside its subject ("lãnh thổ Iraq"); the first
located place after its phrase in its clause ("59 người chết ở Quảng Ninh"); the last one
before it in its clause, unless a new subject is named between ("Mỹ có 2.500 lính ở Iraq và
Anh có 900 lính"); one in an opening clause without figures ("Ở Lào Cai, 12 người
chết"); a place that opens its clause ("Hà Nội ghi nhận 320 ca mắc") for the concepts that
say where they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import Sentence

# Longer than any cue word before a place ("đến", "trên", "in") and the spaces after it.
_CUE_WORD = 16
# Longer than any word that opens a place without a capital ("tỉnh", "thủ đô", "địa bàn").
_PLACE_OPENER = 24


@dataclass(slots=True)
class Located:
    start: int  # where the preposition starts
    end: int
    place: str


def located_places(sentence: Sentence) -> list[Located]:
    """Every preposition + place of the sentence, in order."""
    cues = sentence.cues("location")
    if not cues:
        return []
    lex, folded, original, end = sentence.lex, sentence.folded, sentence.original, sentence.end
    places, openers, match_at, timeout = lex.places, lex.place_openers, lex.location.match, sentence.timeout
    found, taken_until = [], -1
    for at in cues:
        if at < taken_until:
            continue
        # Most "đến", "trên", "in" stand before no place: try the pattern only before a capital
        # or a word that can open a place ("tỉnh", "thủ đô", "dải Gaza", "địa bàn").
        space = folded.find(" ", at, at + _CUE_WORD)
        while 0 <= space < end and folded[space + 1 : space + 2] == " ":  # "ở   Iraq"
            space += 1
        if space < 0 or not (
            folded[space + 1 : space + 2].isupper()
            or folded[space + 1 : space + _PLACE_OPENER].split(" ", 1)[0] in openers
        ):
            continue
        match = match_at(folded, at, end, timeout=timeout)
        if match is None:
            continue
        taken_until = match.end()
        if match["raw"]:
            # A capitalised name the gazetteer does not know is kept as written ("in August" is no place).
            place = " ".join(original[match.start("raw") : match.end("raw")].split())
            if _names_a_body(place, lex):
                continue
        else:
            written = match["place"] or match["known"]
            place = places.get(written) or places[" ".join(written.split())]
        found.append(Located(match.start(), taken_until, place))
    return found


def _names_a_body(name: str, lex) -> bool:
    """Whether a capitalised name the gazetteer does not know names a body, not a place: it opens
    with a word such as "Bệnh viện" or "Ngân hàng", ends like "DongABank", is an acronym the
    gazetteer would know if it were a place ("tại ACB"), or is a possessive ("in Iraq's")."""
    last = name.rsplit(" ", 1)[-1]
    return (
        name.split(" ", 1)[0] in lex.not_places
        or last.endswith(lex.not_place_endings)
        or (len(name) > 1 and name.isupper())
        or name.endswith(lex.possessive_endings)
    )


def figure_location(
    sentence: Sentence, figure_start: int, phrase_end: int, following: int, concept: str | None
) -> str | None:
    """The place of the figure at `figure_start` whose phrase ends at `phrase_end`;
    `following` is where the next figure starts."""
    located = sentence.located()
    clause_start = sentence.clause_start(figure_start)
    if located:
        limit = min(following, sentence.clause_end(phrase_end))
        for place in located:
            if phrase_end <= place.start < limit:
                return place.place
        before = None
        for place in located:
            if place.end > figure_start:
                break
            if place.start >= clause_start:
                before = place
        if before is not None and before.start >= sentence.subject_start(figure_start):
            return before.place
        opening = [place for place in located if sentence.opens(place, figure_start)]
        if opening:  # the nearest: "US soldiers at Ain al-Asad air base in Iraq, where ..."
            return opening[-1].place
    if concept in sentence.lex.location_concepts:
        return sentence.place_opening(sentence.subject_start(figure_start), figure_start)[0]
    return None
