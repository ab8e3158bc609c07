"""What a figure counts: the noun phrase after it (or before it), its concept and its actor.

Vietnamese puts the counted noun after the number and modifiers after the noun
("2.500 lính Mỹ"); English puts modifiers before the noun ("2,500 US troops").
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .lexicon import ExtractLexicon, phrase_key

_SPACE_WORD = regex.compile(r"[ ]+(?P<word>[\p{L}\p{M}][\p{L}\p{M}0-9'’-]*)")
_OF = regex.compile(r"[ ]+of[ ]+(?:the[ ]+)?")
_POSSESSIVE = regex.compile(r"(?:'s|’s|')")
# How far before a figure its noun may stand: "ngân sách năm nay là 2,5 tỷ đồng".
_BEFORE_WINDOW = 48


@dataclass(slots=True)
class Subject:
    text: str | None = None
    start: int = 0
    end: int = 0  # where the figure's phrase ends: after the subject and its modifiers
    concept: str | None = None
    actor: str | None = None
    place: str | None = None  # a place named inside the subject ("lãnh thổ Iraq")


def read_subject(folded: str, original: str, start: int, end: int, limit: int, lex: ExtractLexicon,
                 timeout: float) -> Subject:
    """The subject after the figure that ends at `end`; `limit` is where the search must stop."""
    english = lex.code == "en"
    position, place = end, None
    if english:
        of = _OF.match(folded, position, limit, timeout=timeout)
        if of is not None:  # "one third of Iraq's territory"
            position = of.end()
            owner = lex.place_pattern.match(folded, position, limit, timeout=timeout)
            if owner is not None:
                possessive = _POSSESSIVE.match(folded, owner.end(), limit, timeout=timeout)
                if possessive is not None:
                    place = lex.places[owner["place"]]
                    position = possessive.end()
            position -= 1 if folded[position - 1:position] == " " else 0
    words_start = position + 1 if folded[position:position + 1] == " " else position
    concept, actor, phrase_end = None, None, None
    cursor, skipped = position, 0
    # English: up to three modifiers before the noun ("US troops", "new confirmed cases").
    while True:
        word = _SPACE_WORD.match(folded, cursor, limit, timeout=timeout)
        if word is None:
            break
        noun = lex.concept_pattern.match(folded, word.start("word"), limit, timeout=timeout)
        if noun is not None:
            concept, phrase_end = lex.concepts[phrase_key(noun["noun"])], noun.end()
            break
        token = word["word"]
        if not english or skipped >= 3 or token.casefold() in lex.subject_stop:
            break
        named = lex.place(token)
        if named:
            actor = named
        elif not token[0].islower() and not token.isupper():
            break
        cursor, skipped = word.end(), skipped + 1
    if concept is not None:
        # Vietnamese: places and modifiers after the noun ("lính Mỹ", "ca mắc mới").
        while phrase_end is not None:
            modifier = lex.modifier_pattern.match(folded, phrase_end, limit, timeout=timeout)
            named = lex.place_pattern.match(folded, phrase_end + 1, limit, timeout=timeout) if folded[phrase_end:phrase_end + 1] == " " else None
            if modifier is not None:
                phrase_end = modifier.end()
            elif named is not None and not english:
                if concept in lex.location_concepts:
                    place = place or lex.places[named["place"]]
                else:
                    actor = actor or lex.places[named["place"]]
                phrase_end = named.end()
            else:
                break
        return Subject(original[words_start:phrase_end], words_start, phrase_end, concept, actor, place)
    return _plain_words(folded, original, position, words_start, limit, lex, timeout, place)


def _plain_words(folded, original, position, words_start, limit, lex, timeout, place) -> Subject:
    """No known noun: up to a few words, stopping at function words, names and punctuation."""
    cursor, taken, actor = position, 0, None
    while taken < lex.max_subject_words:
        word = _SPACE_WORD.match(folded, cursor, limit, timeout=timeout)
        if word is None:
            break
        token = word["word"]
        if token.casefold() in lex.subject_stop:
            break
        if not token[0].islower():
            named = lex.place(token)
            if named and taken:
                actor = named
                cursor = word.end()
            break
        cursor, taken = word.end(), taken + 1
    if cursor == position:
        return Subject(None, position, position, None, None, place)
    return Subject(original[words_start:cursor], words_start, cursor, None, actor, place)


def concept_before(folded: str, clause_start: int, figure_start: int, lex: ExtractLexicon, timeout: float) -> tuple[str, str] | None:
    """The nearest known noun before the figure in its clause: 'a budget of $2.5 billion'."""
    window_start = max(clause_start, figure_start - _BEFORE_WINDOW)
    last = None
    for noun in lex.concept_pattern.finditer(folded, window_start, figure_start, timeout=timeout):
        last = noun
    if last is None:
        return None
    return last["noun"], lex.concepts[phrase_key(last["noun"])]


def concept_from_verb(folded: str, figure_start: int, lex: ExtractLexicon, timeout: float) -> str | None:
    """'killed 67 people', 'làm chết 3 người': the verb says what the people are."""
    if not lex.verb_concepts:
        return None
    found = lex.verb_pattern.search(folded, max(0, figure_start - 40), figure_start, timeout=timeout)
    return lex.verb_concepts[phrase_key(found["verb"])] if found else None
