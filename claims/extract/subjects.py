"""What a figure counts: the noun phrase after it (or before it), its concept and its actor.

Vietnamese puts the counted noun after the number and modifiers after the noun
("2.500 lính Mỹ", "ca mắc mới", "máy bay không người lái của Nga"); English puts
modifiers before the noun ("2,500 US troops", "new cases"). A place among the
modifiers says where the figure is for concepts that are somewhere ("lãnh thổ
Iraq", "người dân Gaza") and whose it is for the others ("lính Mỹ", "tay súng IS").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from claims.numbers.mention import NumberMention
from claims.text.names import capitalised_before

from .lexicon import MAX_MODIFIERS, ExtractLexicon, phrase_key
from .phrases import may_start

if TYPE_CHECKING:
    from .context import Sentence

_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}0-9'’-]*")
_WORD_OPENER = regex.compile(r"[\p{L}\p{M}]")  # _WORD's first character
_WORD_GOES_ON = regex.compile(r"[\p{L}\p{M}0-9'’-]")  # and the others
# char -> (whether it opens a _WORD, whether it goes on in one), asked of the patterns once per character.
_WORD_CHARS: dict[str, tuple[bool, bool]] = {}
# How far before a figure its noun may stand: "ngân sách năm nay của thành phố là 2,5 tỷ đồng".
_BEFORE_WINDOW = 64
# How far a word that holds a noun may start before the noun: "Ngân hàng Nhà nước".
_LONGEST_WORD = 16
# Where an elided noun's figure ends: punctuation or the end of the sentence.
_CLOSING = frozenset(".,;:!?)\"'”")
# Holds the two words before a noun that may name its place: "Vietnam's GDP", "US inflation".
_PLACE_BEFORE_NOUN = 40
# How far before a figure the verb that names what it counts may start: "làm chết 3 người", "killed 67 people".
_VERB_WINDOW = 40
# Longer than any word after a figure that shows its noun was left out ("ở", "và", "across").
_ELISION_WORD = 24
# A noun is looked for at most this many words after a figure: "new confirmed cases", "US troops".
_NOUN_WITHIN_WORDS = 4
# The concept of an age, and the unit of a figure that is one ("45 tuổi", "a 47-year-old").
AGE = "age"
AGE_UNIT = "years_of_age"
# Quotation marks that may open the counted noun: 1,500 "safety whistleblowers".
_OPENING_QUOTES = frozenset("\"“«‘'")
# A name that owns the noun after it in "eight of Alitalia's rivals", known place or not.
_OWNER_NAME = regex.compile(r"\p{Lu}[\p{L}\p{M}&.-]*(?:[ ]\p{Lu}[\p{L}\p{M}&.-]*){0,3}")


@dataclass(slots=True)
class Subject:
    text: str | None = None
    start: int = 0
    end: int = 0  # where the figure's phrase ends: after the subject and its modifiers
    concept: str | None = None
    actor: str | None = None
    place: str | None = None  # a place named inside the subject ("lãnh thổ Iraq")
    named_from: int | None = None  # where the noun stands when it comes before the figure
    elided: bool = False


def read_subject(sentence: Sentence, figure: NumberMention, limit: int, after: int | None = None) -> Subject:
    """The subject after the figure; `limit` is where the next mention or the sentence ends, `after`
    where the figure's own words end when that is past the figure (a conversion in brackets)."""
    folded, lex = sentence.folded, sentence.lex
    end = figure.end if after is None else after
    if figure.kind == "count" and not lex.head_first and folded[end : end + 1] == "-":
        return _compound(sentence, end + 1, limit)
    if folded[end : end + 1] != " " or end + 1 >= limit:
        return Subject(None, end, end)
    at = end + 2 if folded[end + 1 : end + 2] in _OPENING_QUOTES else end + 1
    if lex.head_first:
        subject = _head_first(sentence, at, limit, figure.kind)
    else:
        subject = _modifiers_first(sentence, at, limit, figure.kind)
    if figure.kind == "duration" and subject.concept is None:
        if not _lasts(sentence, figure, subject):
            return Subject(None, end, end)  # "9 tháng đầu năm": a duration counts no noun of its own
        _keep_words(sentence, subject, lex.max_duration_words)  # "3 năm thả tự do": "thả tự" is no term
    if lex.verb_after_concepts and figure.kind == "count" and subject.concept is None:
        # "three died", "two were injured": what happened to them, right after the figure, is no noun.
        verb = lex.verb_after.match(folded, end, limit, timeout=sentence.timeout)
        if verb is not None:
            return Subject(None, end, verb.end(), lex.verb_after_concepts[phrase_key(verb["verb"])])
    if subject.text is not None and lex.verb_after_concepts:
        # "233 people had died", "61 migrants are missing": what happened to them says what they are.
        verb = lex.verb_after.match(folded, subject.end, limit, timeout=sentence.timeout)
        if verb is not None:
            subject.concept = lex.verb_after_concepts[phrase_key(verb["verb"])]
    return subject


def _compound(sentence: Sentence, at: int, limit: int) -> Subject:
    """'a three-judge panel', 'the 12-storey hotel': the word the figure makes a compound with is what
    it counts; not in 'two-handed', an adjective."""
    word = _WORD.match(sentence.folded, at, limit, timeout=sentence.timeout)
    if word is None or "-" in word.group() or word.group().casefold().endswith(sentence.lex.not_compound_endings):
        return Subject(None, at - 1, at - 1)  # "two-and-a-half", "four-fold", "two-handed"
    if word.group().casefold() in sentence.lex.repeat_words and sentence.folded[word.end() : word.end() + 1] == " ":
        # "a two-time champion": how often the noun after it holds; the noun says what.
        after = _plain_words(sentence, word.end() + 1, limit)
        if after.text is not None:
            return after
    return Subject(sentence.original[at : word.end()], at, word.end())


def _lasts(sentence: Sentence, figure: NumberMention, subject: Subject) -> bool:
    """Whether the words after a duration name what lasts that long: "3 năm thành lập", "12 years
    service", "a 14-year civil war"; not "9 tháng đầu năm", "two years ago"."""
    if subject.text is None:
        return False
    if "-" in figure.text and not sentence.lex.head_first:
        return True  # "an 18-month ceasefire": the compound modifies the noun after it
    following = sentence.folded[subject.start : subject.start + _ELISION_WORD].casefold()
    return not any(
        following.startswith(word) and not following[len(word) : len(word) + 1].isalpha()
        for word in sentence.lex.not_after_duration
    )


def _keep_words(sentence: Sentence, subject: Subject, most: int) -> None:
    """Shorten a subject read word by word (one space between words) to its first `most` words."""
    words = (subject.text or "").split(" ")
    if len(words) > most:
        subject.end = subject.start + len(" ".join(words[:most]))
        subject.text = sentence.original[subject.start : subject.end]


def _head_first(sentence: Sentence, at: int, limit: int, kind: str = "count") -> Subject:
    """'lính Mỹ', 'số hộ dân', 'máy bay không người lái của Nga': one match reads the noun and its
    modifiers; for some kinds of figure a noun means another thing ("m3 nước": water)."""
    lex = sentence.lex
    phrase = (
        lex.head_phrase_at.match(sentence.folded, at, limit, timeout=sentence.timeout)
        if may_start(lex.head_phrase_initials, sentence.folded, at)
        else None
    )
    concept = None
    if phrase is not None:
        concept = _concept_for(lex, phrase["noun"], kind) or lex.concept_of(phrase["noun"])
    if phrase is None or not concept:
        return _plain_words(sentence, at, limit)
    subject = Subject(None, at, phrase.end(), concept)
    for place in phrase.captures("place"):
        _place_or_actor(subject, lex.place(place), lex)
    for side in phrase.captures("side"):
        subject.actor = subject.actor or lex.role_alias(side)
    subject.text = sentence.original[at : subject.end]
    return subject


def _read_modifiers(sentence: Sentence, subject: Subject, limit: int) -> None:
    folded, lex, timeout = sentence.folded, sentence.lex, sentence.timeout
    for _ in range(MAX_MODIFIERS):  # as many as head_phrase_at reads in one match
        found = lex.after_noun.match(folded, subject.end, limit, timeout=timeout)
        if found is None:
            return
        if found["place"]:
            _place_or_actor(subject, lex.places[" ".join(found["place"].split())], lex)
        elif found["side"]:
            subject.actor = subject.actor or lex.role_alias(found["side"])
        subject.end = found.end()


def _place_or_actor(subject: Subject, place: str | None, lex: ExtractLexicon) -> None:
    if subject.concept in lex.location_concepts:
        subject.place = subject.place or place
    else:
        subject.actor = subject.actor or place


def _modifiers_first(sentence: Sentence, at: int, limit: int, kind: str = "count") -> Subject:
    """'US troops', 'new confirmed cases', 'one third of Iraq's territory'."""
    folded, original, lex, timeout = sentence.folded, sentence.original, sentence.lex, sentence.timeout
    words_start, owner, owned = at, None, False
    of = lex.of_at.match(folded, at - 1, limit, timeout=timeout)
    if of is not None:
        named = _place_at(lex, folded, of.end(), limit, timeout)
        possessive = lex.possessive_at.match(folded, named.end(), limit, timeout=timeout) if named else None
        if named is not None and possessive is not None:  # "one third of Iraq's territory"
            owner, at, owned = lex.places[" ".join(named["place"].split())], possessive.end() + 1, True
        else:
            at = of.end()
            # "eight of Alitalia's rivals": an owner the gazetteer does not know is still no subject.
            name = _OWNER_NAME.match(folded, at, limit, timeout=timeout)
            possessive = lex.possessive_at.match(folded, name.end(), limit, timeout=timeout) if name else None
            if possessive is not None:
                at, owned = possessive.end() + 1, True
        words_start = of.end()
    cursor = at
    places: list[str] = []
    sides: list[str] = []
    for _ in range(_NOUN_WITHIN_WORDS):
        noun = (
            lex.noun_at.match(folded, cursor, limit, timeout=timeout)
            if may_start(lex.noun_initials, folded, cursor)
            else None
        )
        concept = _concept_for(lex, noun["noun"], kind) if noun is not None else None
        if noun is not None and concept:
            subject = Subject(None, words_start, noun.end(), concept)
            for place in ([owner] if owner else []) + places:
                _place_or_actor(subject, place, lex)
            subject.actor = subject.actor or (sides[0] if sides else None)
            subject.text = original[words_start : subject.end]
            return subject
        word_end = _word_end(folded, cursor, limit)
        word = folded[cursor:word_end]
        if word_end < 0 or _is_stop(word, lex):
            break
        named = _place_at(lex, folded, cursor, limit, timeout)
        alias = (
            lex.alias_at.match(folded, cursor, limit, timeout=timeout)
            if named is None and word[0].isupper() and may_start(lex.alias_initials, folded, cursor)
            else None
        )
        if named is not None:
            places.append(lex.places[" ".join(named["place"].split())])
            step = named.end()
        elif alias is not None and lex.role_aliases[" ".join(alias["alias"].split())] in lex.sides:
            sides.append(lex.role_aliases[" ".join(alias["alias"].split())])
            step = alias.end()
        elif word[0].islower() or (word.isupper() and len(word) > 1):
            step = word_end  # "backlogged DNA samples": an acronym modifies the noun like a word
        else:
            break
        if folded[step : step + 1] != " ":
            break
        cursor = step + 1
    # "all four of England's Champions League representatives": what is owned may go on a name.
    return _plain_words(sentence, at, limit, names=owned)


def _concept_for(lex: ExtractLexicon, noun: str, kind: str) -> str | None:
    """The concept a noun names for a figure of `kind`: "nước" is water after a measured amount."""
    key = phrase_key(noun)
    by_kind = lex.kind_concepts.get(kind)
    return (by_kind and by_kind.get(key)) or lex.concepts.get(key)


def _is_stop(word: str, lex: ExtractLexicon) -> bool:
    # "IS fighters": an acronym is a name, not the verb "is".
    return word.casefold() in lex.subject_stop and not (word.isupper() and len(word) > 1)


def _place_at(lex: ExtractLexicon, folded: str, at: int, limit: int, timeout: float) -> regex.Match[str] | None:
    """The gazetteer's place named at `at`, tried only where one can start."""
    if not may_start(lex.place_initials, folded, at):
        return None
    return lex.place_at.match(folded, at, limit, timeout=timeout)


def _word_end(text: str, at: int, limit: int) -> int:
    """Where the word _WORD matches at `at` ends (not past `limit`), or -1. Read a character at a
    time: a pattern call reads the process clock twice for its timeout, costlier than a short word."""
    end, limit = at, min(limit, len(text))
    while end < limit:
        char = text[end]
        kinds = _WORD_CHARS.get(char)
        if kinds is None:
            kinds = _WORD_CHARS[char] = (
                _WORD_OPENER.fullmatch(char, timeout=1) is not None,
                _WORD_GOES_ON.fullmatch(char, timeout=1) is not None,
            )
        if not kinds[0 if end == at else 1]:
            break
        end += 1
    return end if end > at else -1


def _plain_words(sentence: Sentence, at: int, limit: int, names: bool = False) -> Subject:
    """No known noun: up to a few words, stopping at function words, names (unless `names`) and punctuation."""
    folded, lex, timeout = sentence.folded, sentence.lex, sentence.timeout
    cursor, end, taken, actor = at, at, 0, None
    while taken < lex.max_subject_words:
        word_end = _word_end(folded, cursor, limit)
        if word_end < 0 or _is_stop(folded[cursor:word_end], lex):
            break
        if folded[cursor].isupper() and not names:
            named = _place_at(lex, folded, cursor, limit, timeout) if taken else None
            if named is not None:  # "tù nhân Mỹ"
                actor, end = lex.places[" ".join(named["place"].split())], named.end()
            break
        end, taken = word_end, taken + 1
        if folded[end : end + 1] != " ":
            break
        cursor = end + 1
    if not taken:
        return Subject(None, at - 1, at - 1)
    return Subject(sentence.original[at:end], at, end, None, actor)


def noun_before(
    sentence: Sentence, clause_start: int, figure_start: int, kind: str = "count", unit: str | None = None
) -> Subject | None:
    """The noun that names a figure of `kind` standing before it in its clause: 'ngân sách ... là
    2,5 tỷ đồng', 'a budget of $2.5 billion'. Vietnamese takes the first (the head), English the last."""
    lex = sentence.lex
    window_start = max(clause_start, figure_start - _BEFORE_WINDOW)
    chosen = None
    for noun in lex.noun_search.finditer(sentence.folded, window_start, figure_start, timeout=sentence.timeout):
        concept = _concept_for(lex, noun["noun"], kind)
        if not may_name(lex, kind, unit, concept):
            continue
        if noun.start() - window_start < _LONGEST_WORD and _ends_longer_word(sentence, window_start, noun):
            continue  # "ủng hộ" cut by the window: its "hộ" is no household
        if (
            noun["noun"][:1].isupper()
            and not noun["noun"].isupper()
            and capitalised_before(sentence.folded, noun.start(), sentence.start)[1]
        ):
            continue  # "Bà Rịa - Vũng Tàu giảm 68,5%": a capitalised noun that goes on a name names no ships
        if lex.between_words and _after_between(sentence, window_start, noun.start()):
            continue  # "the gap between exports and imports": what the gap is between, not what is counted
        chosen = noun
        if lex.head_first:
            break
    if chosen is None:
        return None
    subject = Subject(
        sentence.original[chosen.start() : chosen.end()],
        chosen.start(),
        figure_start,
        _concept_for(lex, chosen["noun"], kind),
        named_from=chosen.start(),
    )
    if lex.head_first:
        # "Dân số Hà Nội", "tỷ lệ thất nghiệp của Việt Nam": a place after the noun, before the figure.
        probe = Subject(concept=subject.concept, end=chosen.end())
        _read_modifiers(sentence, probe, figure_start)
        if probe.place is None and probe.actor is None:  # "GDP năm 2023 của Việt Nam tăng 5,05%"
            owner = lex.owner_place.search(sentence.folded, chosen.end(), figure_start, timeout=sentence.timeout)
            if owner is not None:
                _place_or_actor(probe, lex.places[" ".join(owner["place"].split())], lex)
        subject.place, subject.actor = probe.place, probe.actor
    else:
        # "US inflation", "Vietnam's GDP": a place just before the noun.
        words = sentence.folded[max(window_start, chosen.start() - _PLACE_BEFORE_NOUN) : chosen.start()].split()
        for size in (2, 1):
            if len(words) >= size:
                written = " ".join(words[-size:])
                place = lex.place(_without_possessive(written, lex))
                if place:
                    _place_or_actor(subject, place, lex)
                    break
    return subject


def _without_possessive(written: str, lex: ExtractLexicon) -> str:
    """'Vietnam's' -> 'Vietnam': the name that owns what follows."""
    ending = next((e for e in lex.possessive_endings if written.endswith(e)), "")
    return written[: len(written) - len(ending)]


def _ends_longer_word(sentence: Sentence, window_start: int, noun) -> bool:
    """Whether the noun ends a word that is no subject and starts before the window ("ủng hộ")."""
    words = sentence.folded[max(sentence.start, window_start - _LONGEST_WORD) : noun.start()].split()
    return any(
        sentence.lex.concepts.get(phrase_key(" ".join([*words[-size:], noun["noun"]]))) == ""
        for size in (1, 2)
        if len(words) >= size
    )


def concept_from_verb(sentence: Sentence, figure_start: int) -> str | None:
    """'killed 67 people', 'làm chết 3 người': the verb says what the people are."""
    lex = sentence.lex
    if not lex.verb_concepts:
        return None
    window_start = max(sentence.start, figure_start - _VERB_WINDOW)
    # Most figures have no verb before them: a substring test says so without a pattern call.
    window = sentence.folded[window_start:figure_start]
    if not any(word in window for word in lex.verb_first_words):
        return None
    found = lex.verb_before.search(sentence.folded, window_start, figure_start, timeout=sentence.timeout)
    return lex.verb_concepts[phrase_key(found["verb"])] if found else None


def is_elided(sentence: Sentence, figure_end: int) -> bool:
    """'khoảng 2.500 lính Mỹ ở Iraq và khoảng 900 ở Syria': no noun after the 900, then a
    place word, a conjunction or punctuation."""
    folded = sentence.folded
    following = folded[figure_end : figure_end + 1]
    if figure_end >= sentence.end or following in _CLOSING:
        return True
    if following != " ":
        return False
    word = folded[figure_end + 1 : figure_end + _ELISION_WORD].split(" ", 1)[0].rstrip(".,;:")
    return word.casefold() in sentence.lex.elision_followers


def continues_change(sentence: Sentence, clause_start: int, figure_start: int) -> bool:
    """', tăng 15%': a clause that opens with a verb of change goes on about the figure before it."""
    return (
        sentence.lex.change_verb_at.match(sentence.folded, clause_start, figure_start, timeout=sentence.timeout)
        is not None
    )


def may_name(lex: ExtractLexicon, figure_kind: str, unit: str | None, concept: str | None) -> bool:
    """Whether a word before a figure that names `concept` may say what the figure counts: a price
    names money, a height a measured amount ("the 12-storey hotel was sold for $20m": no floors)."""
    if not concept:
        return False
    if unit == AGE_UNIT:
        return concept == AGE  # "những người từ 45 đến 64 tuổi": an age measures the years of someone
    if figure_kind == "money":
        return not lex.money_named_before or concept in lex.money_named_before
    if figure_kind == "quantity":
        return not lex.quantity_named_before or concept in lex.quantity_named_before
    if figure_kind == "duration":
        return concept in lex.duration_named_before
    return figure_kind != "count" or concept not in lex.count_not_named_before


# How many words a side of "between X and Y" may hold before its noun: "between US exports and imports".
_BETWEEN_SIDE_WORDS = 2


def _after_between(sentence: Sentence, start: int, at: int) -> bool:
    """Whether the noun at `at` is one side of a "between X and Y" phrase: right after the word
    ("between US exports"), or right after the conjunction that follows it ("... and imports"); a
    noun further on is the clause's own ("between October and November because prices fell")."""
    words = f" {sentence.folded[start:at].casefold()}".split(" ")
    marks = [i for i, word in enumerate(words) if f" {word} " in sentence.lex.between_words]
    if not marks:
        return False
    tail = words[marks[-1] + 1 :]
    if len(tail) <= _BETWEEN_SIDE_WORDS:
        return True
    joins = [i for i, word in enumerate(tail) if word in sentence.lex.conjunctions]
    return bool(joins) and joins[-1] <= _BETWEEN_SIDE_WORDS and len(tail) - joins[-1] - 1 <= _BETWEEN_SIDE_WORDS - 1
