"""Compile one language's extraction data (concepts, places, roles, time, captions) into patterns.

Built once per language pack and cached on it, so user lexicons merged into the pack
(claims.lang: --lexicon, CLAIMS_LEXICON_PATH) reach every pattern. Names match as
written (case matters: "Anh" is the UK, "anh" is "you"); common nouns written in lower
case also match capitalised, where they open a sentence. Word lists become trie-shaped
patterns (claims/extract/phrases.py): a flat alternation of the gazetteer is ten times slower.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

import regex

from claims.lang import LanguagePack
from claims.numbers.lexicon import NOT_LETTER_AFTER, NOT_LETTER_BEFORE
from claims.text.pattern_cache import compile_cached
from claims.text.word_search import WordSearch

from .phrases import NOTHING, PhraseSet, trie_initials, trie_pattern, with_capitals

_CACHE_KEY = "claims.extract.lexicon"
_NAME_WORD = r"\p{Lu}[\p{L}\p{M}'’-]*"
_SPACES = "[ ]+"  # how patterns and tries (claims/extract/phrases.py) match the space between words
# A counted noun takes up to this many modifiers, places or sides after it ("lính Mỹ ở Iraq"): what
# head_phrase_at reads in one match, and claims/extract/subjects.py one at a time after other nouns.
MAX_MODIFIERS = 4


def phrase_key(text: str) -> str:
    """How a phrase is looked up: case-folded, single spaces."""
    return " ".join(text.split()).casefold()


def _names(mapping: dict) -> dict:
    """alias -> canonical, from canonical -> [aliases]; the canonical name is an alias of itself."""
    found: dict[str, str] = {}
    for canonical, aliases in mapping.items():
        for alias in [canonical, *aliases]:
            found.setdefault(" ".join(alias.split()), canonical)
    return found


def _words(words) -> str:
    """A trie of common words, also matching capitalised."""
    return trie_pattern(with_capitals(words))


def _initials(words) -> frozenset[str] | None:
    """What a match of _words(words) can start with."""
    return trie_initials(with_capitals(words))


def _either(*initials: frozenset[str] | None) -> frozenset[str] | None:
    """What a match of any of the patterns can start with."""
    union: set[str] = set()
    for found in initials:
        if found is None:
            return None
        union |= found
    return frozenset(union)


def _cue_kinds(categories: dict, common: frozenset) -> dict[str, tuple]:
    """A cue word, in lower case, for every marker the extractor reads (prepositions, role
    markers, source verbs, relative dates) -> (kind of marker, how far before the cue the
    marker starts). The cue is the marker's least common word: "khuôn" for "trong khuôn khổ",
    "ngoái" for "năm ngoái", so that "trong" and "năm", in every sentence, cost nothing."""
    kinds: dict[str, tuple] = {}
    for kind, phrases in categories.items():
        for phrase in {" ".join(p.split()).lower() for p in phrases if p.strip()}:
            words = phrase.split(" ")
            index = max(range(len(words)), key=lambda i: (words[i] not in common, len(words[i]), i))
            offset = len(" ".join(words[:index])) + (1 if index else 0)
            entry = (kind, offset)
            if entry not in kinds.get(words[index], ()):
                kinds[words[index]] = kinds.get(words[index], ()) + (entry,)
    return kinds


@dataclass(frozen=True)
class PatternSource:
    """A pattern as built, compiled only in the variant a text needs (ExtractLexicon.for_text)."""

    pattern: str
    flags: int = 0


@dataclass(eq=False)
class ExtractLexicon:
    """One language's extraction data. As built, its pattern fields hold PatternSource; read
    texts with the lexicon for_text gives, whose pattern fields hold compiled patterns."""

    code: str
    # What a figure counts.
    concepts: dict  # phrase key -> concept; "" for phrases that are no subject ("trị giá")
    noun_at: regex.Pattern
    noun_initials: frozenset[str] | None  # what noun_at (and each *_initials its pattern) can start with
    noun_search: regex.Pattern
    between_words: tuple  # "between": the nouns after it name what a noun before it stands between
    head_first: bool  # Vietnamese: the first noun before a figure is its head
    verb_concepts: dict
    verb_before: regex.Pattern
    verb_first_words: tuple  # as verb_before matches them: case-folded, and capitalised
    verb_after_concepts: dict
    verb_after: regex.Pattern
    of_at: regex.Pattern
    unit_concepts: dict
    kind_concepts: dict  # kind -> phrase key -> concept, for that kind of figure only ("m3 nước": water)
    subject_stop: frozenset
    after_noun: regex.Pattern
    head_phrase_at: regex.Pattern
    head_phrase_initials: frozenset[str] | None
    owner_place: regex.Pattern
    change_verb_at: regex.Pattern
    elision_followers: frozenset
    people_named_before: frozenset
    money_named_before: frozenset  # empty: any concept
    quantity_named_before: frozenset  # empty: any concept
    duration_named_before: frozenset  # empty: none
    attribute_concepts: dict  # phrase key -> concept: measured attributes named right before a figure
    attribute_units: dict  # concept -> frozenset of the units it is measured in
    attribute_before: regex.Pattern  # "đường kính 38mm", "revenue of $5bn": matched backwards from the figure
    named_by_link: regex.Pattern  # "a total of $1.1m", "an offer worth $2bn": the link, backwards from the figure
    # Whether the pack has the words each of these patterns needs: without them (Vietnamese) the pattern
    # can match nothing, and its readers return before a call that would only read the clock.
    has_named_by_links: bool
    has_amount_of_words: bool
    has_predicate_links: bool
    has_total_verbs: bool
    not_named_by: frozenset
    count_not_named_before: frozenset  # "cấp độ cao nhất (Level 1)": a height names no count
    not_after_duration: tuple  # case-folded
    amount_of_at: regex.Pattern  # "$20bn in investment": what an amount of money is made of, after it
    not_compound_endings: tuple  # "two-handed", "four-fold": a figure's compound that counts nothing
    back_reference: regex.Pattern  # "in some areas it is 15%": words that point back, right before a figure
    conjunctions: frozenset
    subject_conjunctions: tuple  # case-folded
    max_subject_words: int
    same_measure_links: frozenset  # "... chỉ còn 35kg": measures what the last amount in its unit measured
    # A figure in a clause's predicate (claims/extract/predicates.py).
    predicate_link: regex.Pattern  # "was worth £7m", "have declined by 40%": backwards from the figure
    predicate_auxiliaries: frozenset
    aside_endings: tuple  # ", offering ways to make a quick buck,": a clause in commas about the subject
    predicate_determiners: frozenset
    predicate_noun_tails: frozenset
    purpose_at: regex.Pattern  # "$850m to settle a lawsuit": after the money
    apposition_at: regex.Pattern  # "79p - the usual cost of a song": after the money
    apposition_marks: tuple
    not_after_apposition: frozenset
    destination_at: regex.Pattern  # "9p will go to a tsunami charity appeal": after the money
    not_purpose_verbs: frozenset
    repeat_words: frozenset  # "a two-time champion"
    share_verb_at: regex.Pattern  # "24% have bought clothes": after the share
    total_before: regex.Pattern  # "taking the total number of copies to 28,000": backwards from the figure
    max_duration_words: int  # what lasts, after a duration: "3 năm chung sống", "an 18-month ceasefire"
    possessive_endings: tuple  # "Iraq's": a name that owns the noun after it
    possessive_at: regex.Pattern  # "of Iraq's territory", "of the Philippines' territory"
    location_concepts: frozenset
    actor_concepts: frozenset
    # Where.
    places: dict  # alias as written -> canonical
    place_at: regex.Pattern
    place_initials: frozenset[str] | None
    location: regex.Pattern
    not_places: frozenset
    not_place_endings: tuple
    place_openers: frozenset
    # In what frame.
    role_aliases: dict
    alias_at: regex.Pattern
    alias_initials: frozenset[str] | None
    sides: frozenset  # canonical aliases that can be a figure's actor
    against: PhraseSet
    part_of: PhraseSet
    target_at: regex.Pattern
    target_not_before: frozenset
    target_concepts: frozenset
    filler_stop: frozenset
    filler_drop_first: frozenset
    filler_joiners: frozenset
    max_filler_words: int
    source_before: PhraseSet
    source_after: PhraseSet
    source_lead_ins: PhraseSet
    source_owners: tuple
    source_stop: frozenset
    max_source_words: int
    date_words: frozenset
    day_words: frozenset
    # When.
    frame_before: regex.Pattern
    frame_words: tuple
    until: PhraseSet
    after_figure: regex.Pattern
    relative: dict
    relative_phrases: PhraseSet
    cue_kinds: dict
    cue_search: WordSearch  # the cue words of cue_kinds
    next_before: PhraseSet
    next_after: PhraseSet
    next_needs_after: bool
    apposition: PhraseSet
    month_names: dict
    month_at: regex.Pattern | None
    # Layout.
    caption_end: regex.Pattern
    caption_words: tuple
    boilerplate_lines: frozenset
    boilerplate_prefixes: tuple
    furniture_initials: frozenset  # first letters of the furniture lines and prefixes, case-folded
    abbreviations: frozenset
    # The lexicon with its patterns compiled, for texts with and without two spaces in a row (see for_text).
    compiled: dict = field(default_factory=dict, repr=False)

    def for_text(self, folded: str) -> ExtractLexicon:
        """The lexicon to read `folded` with, its patterns compiled. Setting up a match costs time for
        every repeat in a pattern, and each space of a trie is one ("[ ]+"): a failed match of the
        noun phrase took 1.1 µs, against 0.3 µs with plain spaces. Where the text never holds two
        spaces in a row, "[ ]+" and " " match the same, so its patterns may use plain spaces.
        Each variant is compiled on first use: compiling one takes about half a second, and most
        texts only ever need the plain one; later runs load it from the pattern cache."""
        spaced = "  " in folded
        found = self.compiled.get(spaced)
        if found is None:
            patterns = {f.name: getattr(self, f.name) for f in fields(self)}
            compiled: dict[str, Any] = {
                name: compile_cached(source.pattern if spaced else source.pattern.replace(_SPACES, " "), source.flags)
                for name, source in patterns.items()
                if isinstance(source, PatternSource)
            }
            found = replace(self, **compiled)
            found.compiled = self.compiled
            self.compiled[spaced] = found
        return found

    def concept_of(self, written: str) -> str | None:
        found = self.concepts.get(written)
        return found if found is not None else self.concepts.get(phrase_key(written))

    def place(self, written: str) -> str | None:
        return self.places.get(written) or self.places.get(" ".join(written.split()))

    def role_alias(self, written: str) -> str:
        written = " ".join(written.split())
        return self.role_aliases.get(written, written)


def build_extract_lexicon(pack: LanguagePack) -> ExtractLexicon:
    """One builder per section of the pack, each filling the fields it reads; what several share
    (the gazetteer, the sides, the concept nouns) is read once here."""
    places = _names(pack.value("places.names"))
    place_trie = trie_pattern(places)
    role_aliases = _names(pack.value("roles.aliases"))
    sides = frozenset(pack.value("roles.actors.names"))
    side_aliases = [alias for alias, canonical in role_aliases.items() if canonical in sides]
    noun_words = _noun_words(pack)
    return ExtractLexicon(
        code=pack.code,
        **_concept_fields(pack, noun_words),
        **_subject_fields(pack, noun_words, place_trie, trie_pattern(side_aliases)),
        **_place_fields(pack, places, place_trie),
        **_role_fields(pack, role_aliases, sides),
        **_time_fields(pack),
        **_cue_fields(pack),
        **_furniture_fields(pack),
    )


def _noun_words(pack: LanguagePack) -> list[str]:
    """Every phrase the noun patterns match: concept nouns, phrases that are no subject, nouns by kind."""
    words = [w for nouns in pack.value("concepts.nouns").values() for w in nouns]
    words += pack.value("concepts.not_nouns.words")
    words += [
        w for by_concept in pack.value("concepts.by_kind").values() for nouns in by_concept.values() for w in nouns
    ]
    return words


def _concept_fields(pack: LanguagePack, noun_words: list[str]) -> dict[str, Any]:  # [concepts]
    nouns = {phrase_key(w): concept for concept, words in pack.value("concepts.nouns").items() for w in words}
    for word in pack.value("concepts.not_nouns.words"):
        nouns[phrase_key(word)] = ""
    # Also as written, to look a match up without folding its case.
    nouns.update({written: nouns[phrase_key(written)] for written in with_capitals(nouns)})
    verbs = {phrase_key(w): concept for concept, words in pack.value("concepts.verbs").items() for w in words}
    verbs_after = {
        phrase_key(w): concept for concept, words in pack.value("concepts.verbs_after").items() for w in words
    }
    return {
        "concepts": nouns,
        "noun_at": PatternSource(f"(?P<noun>{_words(noun_words)}){NOT_LETTER_AFTER}"),
        "noun_initials": _initials(noun_words),
        "noun_search": PatternSource(f"{NOT_LETTER_BEFORE}(?P<noun>{_words(noun_words)}){NOT_LETTER_AFTER}"),
        "verb_concepts": verbs,
        # Matched backwards from the figure: a verb, then at most two words, then the figure.
        "verb_before": PatternSource(
            f"(?r){NOT_LETTER_BEFORE}(?P<verb>{_words(verbs)})(?:[ ]+[\\p{{L}}\\p{{M}}]+){{0,2}}[ ]+\\Z"
        ),
        "verb_first_words": tuple(sorted(with_capitals({key.split(" ", 1)[0] for key in verbs}))),
        "verb_after_concepts": verbs_after,
        "verb_after": PatternSource(f"[ ]+(?P<verb>{_words(verbs_after)}){NOT_LETTER_AFTER}"),
        "unit_concepts": {unit: concept for concept, units in pack.value("concepts.units").items() for unit in units},
        "kind_concepts": {
            kind: {phrase_key(w): concept for concept, words in by_concept.items() for w in words}
            for kind, by_concept in pack.value("concepts.by_kind").items()
        },
    }


def _subject_fields(pack: LanguagePack, noun_words: list[str], place_trie: str, side_trie: str) -> dict[str, Any]:
    """[subjects]: what a figure counts, as a noun phrase around it."""
    modifiers = _words(pack.value("subjects.modifiers"))
    owner_words = trie_pattern(pack.value("subjects.owner_words"))
    # "máy bay không người lái của Nga": whose, after a word like "của".
    owner = f"(?:(?:{owner_words})[ ]+)?"
    possessives = pack.value("subjects.possessive_endings")
    return {
        "head_first": pack.value("subjects.noun_before") == "first",
        "of_at": PatternSource(f"[ ]+(?:{_words(pack.value('subjects.of_words'))})[ ]+"),
        "subject_stop": _folded(pack.value("subjects.stop")),
        # After a Vietnamese noun: a modifier, a country ("lính Mỹ") or a side ("tay súng IS").
        "after_noun": PatternSource(
            f"[ ]+(?:(?P<mod>{modifiers})|{owner}(?P<place>{place_trie})|{owner}(?P<side>{side_trie}))"
            f"{NOT_LETTER_AFTER}"
        ),
        # Vietnamese: "số" + noun + up to four modifiers, countries or sides, read in one match.
        "head_phrase_at": PatternSource(
            f"(?:(?:{_words(pack.value('subjects.quantity_words'))})[ ]+)?"
            f"(?P<noun>{_words(noun_words)}){NOT_LETTER_AFTER}"
            f"(?:[ ]+(?:{modifiers}|{owner}(?P<place>{place_trie})"
            f"|{owner}(?P<side>{side_trie})){NOT_LETTER_AFTER}){{0,{MAX_MODIFIERS}}}"
        ),
        "head_phrase_initials": _either(_initials(pack.value("subjects.quantity_words")), _initials(noun_words)),
        "owner_place": PatternSource(f"[ ](?:{owner_words})[ ]+(?P<place>{place_trie}){NOT_LETTER_AFTER}"),
        "change_verb_at": PatternSource(f"[ ]*(?:{_words(pack.value('subjects.change_verbs'))}){NOT_LETTER_AFTER}"),
        "elision_followers": _folded(pack.value("subjects.elision_followers")),
        "people_named_before": frozenset(pack.value("subjects.people_named_before")),
        "money_named_before": frozenset(pack.value("subjects.money_named_before")),
        "quantity_named_before": frozenset(pack.value("subjects.quantity_named_before")),
        **_attribute_fields(pack),
        "conjunctions": _folded(pack.value("subjects.conjunctions")),
        "subject_conjunctions": tuple(w.casefold() for w in pack.value("subjects.subject_conjunctions")),
        "max_subject_words": int(pack.value("subjects.max_words")),
        "same_measure_links": _folded(pack.value("subjects.same_measure_links")),
        **_predicate_fields(pack),
        "max_duration_words": int(pack.value("subjects.max_duration_words")),
        "possessive_endings": tuple(possessives),
        "possessive_at": PatternSource(trie_pattern(possessives + pack.value("subjects.plural_possessive_endings"))),
        "location_concepts": frozenset(pack.value("subjects.places.location_concepts")),
        "actor_concepts": frozenset(pack.value("subjects.places.actor_concepts")),
    }


def _predicate_fields(pack: LanguagePack) -> dict[str, Any]:
    """[subjects.predicates]: what a figure in a clause's predicate counts, read from the clause."""
    determiners = _words(pack.value("subjects.predicates.determiners"))
    total_verbs = _words(pack.value("subjects.predicates.total_verbs"))
    total = f"(?:{total_verbs})"
    links = _words(pack.value("subjects.predicates.links"))
    total_link = f"(?:{_words(pack.value('subjects.predicates.total_links'))})"
    return {
        "predicate_link": PatternSource(f"(?r)[ ](?P<link>{links})[ ]+\\Z"),
        "has_predicate_links": links != NOTHING,
        "has_total_verbs": total_verbs != NOTHING,
        "predicate_auxiliaries": _folded(pack.value("subjects.predicates.auxiliaries")),
        "aside_endings": tuple(pack.value("subjects.predicates.aside_endings")),
        "predicate_determiners": _folded(pack.value("subjects.predicates.determiners")),
        "predicate_noun_tails": _folded(pack.value("subjects.predicates.noun_tails")),
        "purpose_at": PatternSource(
            f"[ ]+(?:{_words(pack.value('subjects.predicates.purpose_words'))})[ ]+(?P<verb>\\p{{Ll}}+)[ ]+"
            f"(?:{determiners})[ ]+"
        ),
        "not_purpose_verbs": _folded(pack.value("subjects.predicates.not_purpose_verbs")),
        "repeat_words": _folded(pack.value("subjects.predicates.repeat_words")),
        "apposition_marks": tuple(pack.value("subjects.predicates.apposition_marks")),
        "not_after_apposition": _folded(pack.value("subjects.predicates.not_after_apposition")),
        "apposition_at": PatternSource(
            f"[ ]+(?:{trie_pattern(pack.value('subjects.predicates.apposition_marks'))})[ ]+(?:{determiners})[ ]+"
        ),
        "destination_at": PatternSource(
            f"[ ]+(?:{_words(pack.value('subjects.predicates.destination_links'))})[ ]+(?:{determiners})[ ]+"
        ),
        "share_verb_at": PatternSource(f"[ ]+(?:{_words(pack.value('subjects.predicates.share_verbs'))})[ ]+"),
        # The object may not cross a clause: "taking the total number of copies of each song on sale to".
        "total_before": PatternSource(
            f'(?r){NOT_LETTER_BEFORE}{total}[ ]+(?:(?:{determiners})[ ]+)?(?P<what>[^,;:()"“”]{{1,64}}?)'
            f"[ ]+{total_link}[ ]+\\Z"
        ),
    }


def _attribute_fields(pack: LanguagePack) -> dict[str, Any]:
    """[concepts.attributes] and the words around them: what a figure measures, named before it."""
    attributes = {phrase_key(w): concept for concept, words in pack.value("concepts.attributes").items() for w in words}
    links = _words(pack.value("subjects.attribute_links"))
    named_by = _words(pack.value("subjects.named_by_links"))
    amount_of = _words(pack.value("subjects.amount_of_words"))
    return {
        "duration_named_before": frozenset(pack.value("subjects.duration_named_before")),
        "attribute_concepts": attributes,
        "attribute_units": {c: frozenset(units) for c, units in pack.value("concepts.attribute_units").items()},
        "attribute_before": PatternSource(
            f"(?r){NOT_LETTER_BEFORE}(?P<noun>{_words(attributes)}){NOT_LETTER_AFTER}(?:[ ]+(?:{links})){{0,2}}[ ]+\\Z"
        ),
        "named_by_link": PatternSource(f"(?r)[ ](?P<link>{named_by})[ ]+\\Z"),
        "has_named_by_links": named_by != NOTHING,
        "not_named_by": _folded(pack.value("subjects.not_named_by")),
        "count_not_named_before": frozenset(pack.value("subjects.count_not_named_before")),
        "not_after_duration": tuple(w.casefold() for w in pack.value("subjects.not_after_duration")),
        "between_words": tuple(f" {w.casefold()} " for w in pack.value("subjects.between_words")),
        "amount_of_at": PatternSource(f"[ ]+(?:{amount_of})[ ]+"),
        "has_amount_of_words": amount_of != NOTHING,
        "not_compound_endings": tuple(pack.value("subjects.not_compound_endings")),
        "back_reference": PatternSource(
            f"(?r){NOT_LETTER_BEFORE}(?:{_words(pack.value('subjects.back_references'))})[ ]+\\Z"
        ),
    }


def _place_fields(pack: LanguagePack, places: dict, place_trie: str) -> dict[str, Any]:
    """[places] and [location]: where a figure applies."""
    prepositions = pack.value("location.prepositions")
    known_place_prepositions = pack.value("location.known_place_prepositions")
    place_words = pack.value("places.types.words") + pack.value("location.place_words")
    # Up to two type words, fewest first: "the" + "state of" + "California", but the alias
    # "state of Georgia" before the type "state of" + the country "Georgia".
    types = f"(?:(?:{_words(place_words)})[ ]+){{1,2}}?"
    # "at Ukraine's energy facilities": a place that owns something is not where the figure is.
    possessives = pack.value("subjects.possessive_endings")
    not_owner = f"(?!(?:{trie_pattern(possessives)})[ ])" if possessives else ""
    return {
        "places": places,
        "place_at": PatternSource(f"(?P<place>{place_trie}){NOT_LETTER_AFTER}"),
        "place_initials": trie_initials(places),
        # The gazetteer is tried before and after skipping a type word ("bang Georgia" is an alias of
        # its own, "huyện Mỹ Đức" is not); an unknown capitalised name counts only after "ở", "in".
        "location": PatternSource(
            f"{NOT_LETTER_BEFORE}(?:(?:{_words(prepositions)})[ ]+"
            f"(?:(?:{types})??(?P<place>{place_trie}){NOT_LETTER_AFTER}{not_owner}"
            f"|(?:{types})??(?P<raw>{_NAME_WORD}(?:[ ]+{_NAME_WORD}){{0,3}}))"
            f"|(?:{_words(known_place_prepositions)})[ ]+"
            f"(?:{types})??(?P<known>{place_trie}){NOT_LETTER_AFTER}{not_owner})"
        ),
        "not_places": frozenset(pack.value("location.not_places")),
        "not_place_endings": tuple(pack.value("location.not_place_endings")),
        "place_openers": frozenset(
            w.split()[0] for w in list(places) + list(with_capitals(place_words)) if w.split() and not w[:1].isupper()
        )
        | frozenset(word for p in prepositions + known_place_prepositions for word in p.split()[1:]),
    }


def _role_fields(pack: LanguagePack, role_aliases: dict, sides: frozenset) -> dict[str, Any]:
    """[roles]: who a figure is against, what it strikes, who states it."""
    target_gap = int(pack.value("roles.exceptions.target_max_gap"))
    return {
        "role_aliases": role_aliases,
        "alias_at": PatternSource(f"(?P<alias>{trie_pattern(role_aliases)}){NOT_LETTER_AFTER}"),
        "alias_initials": trie_initials(role_aliases),
        "sides": sides,
        "against": PhraseSet(
            pack.value("roles.markers.against"), not_after=pack.value("roles.exceptions.against_not_after")
        ),
        "part_of": PhraseSet(pack.value("roles.markers.part_of")),
        # A few lower-case words between the counted noun and the marker: "attacks have been launched on".
        "target_at": PatternSource(
            f"(?:[ ]+\\p{{Ll}}+){{0,{target_gap}}}?[ ]+"
            f"(?P<marker>{trie_pattern(pack.value('roles.markers.target'))})[ ]+"
        ),
        "target_not_before": _folded(pack.value("roles.exceptions.target_not_before")),
        "target_concepts": frozenset(pack.value("roles.target.concepts")),
        "filler_stop": frozenset(pack.value("roles.filler.stop")),
        "filler_drop_first": _folded(pack.value("roles.filler.drop_first")),
        "filler_joiners": frozenset(pack.value("roles.filler.joiners")),
        "max_filler_words": int(pack.value("roles.filler.max_words")),
        "source_before": PhraseSet(
            pack.value("roles.markers.source_before"),
            not_after=pack.value("roles.exceptions.source_before_not_after"),
            not_before=pack.value("roles.exceptions.source_before_not_before"),
        ),
        "source_after": PhraseSet(
            pack.value("roles.markers.source_after"),
            not_after=pack.value("roles.exceptions.source_after_not_after"),
            not_before=pack.value("roles.exceptions.source_after_not_before"),
        ),
        "source_lead_ins": PhraseSet(pack.value("roles.source.lead_ins")),
        "source_owners": tuple(f" {w} " for w in pack.value("roles.source.owners")),
        "source_stop": frozenset(pack.value("roles.source.stop")),
        "max_source_words": int(pack.value("roles.source.max_words")),
    }


def _time_fields(pack: LanguagePack) -> dict[str, Any]:
    """[time], and the month names of [numbers.dates]: when a figure holds."""
    relative = pack.value("time.relative")
    since, since_near, as_of = pack.value("time.since"), pack.value("time.since_near"), pack.value("time.as_of")
    months = pack.value("numbers.dates.standalone_month_names")
    fillers = f"(?:(?:{_words(pack.value('time.since_fillers'))})[ -]+)?"
    return {
        "date_words": _folded(pack.value("numbers.dates.day_words")),
        "day_words": _folded(pack.value("time.day_words")),
        # Words before a date that make it "since" or "as of"; without one nearby, no pattern runs.
        "frame_words": tuple(sorted({w.lower() for p in since + since_near + as_of for w in p.split()})),
        # Matched backwards from a date: "kể từ giữa", a bare "từ", or "tính đến chiều" right before it.
        "frame_before": PatternSource(
            f"(?r){NOT_LETTER_BEFORE}(?:(?P<since>{_words(since)})[ ]+{fillers}"
            f"|(?P<near>{_words(since_near)})[ ]+{fillers}"
            f"|(?P<as_of>{_words(as_of)})[ ]+(?:[\\p{{L}}\\p{{M}}]+[ ]+)?)\\Z"
        ),
        "until": PhraseSet(pack.value("time.until")),
        "after_figure": PatternSource(_gap_phrases(pack.value("time.after_figure"))),
        "relative": {phrase_key(k): tuple(v) for k, v in relative.items()},
        "relative_phrases": PhraseSet(relative),
        "next_before": PhraseSet(pack.value("time.next_before")),
        "next_after": PhraseSet(pack.value("time.next_after")),
        "next_needs_after": bool(pack.value("time.next_needs_after")),
        "apposition": PhraseSet(pack.value("time.apposition")),
        "month_names": {k.casefold(): v for k, v in months.items()},
        # "since mid-October last year", "in August": a month named in words, with no digits to
        # parse; read where a month's name is a cue ("since mid-" is read backwards from it).
        "month_at": PatternSource(
            f"(?P<month>{trie_pattern(months)}){NOT_LETTER_AFTER}"
            f"(?:[ ]+(?P<relative>{_words(relative)}){NOT_LETTER_AFTER})?"
        )
        if months
        else None,
    }


def _cue_fields(pack: LanguagePack) -> dict[str, Any]:
    """The cue words that say which markers a sentence may hold (see _cue_kinds)."""
    cue_kinds = _cue_kinds(
        {
            "location": pack.value("location.prepositions") + pack.value("location.known_place_prepositions"),
            "against": pack.value("roles.markers.against"),
            "part_of": pack.value("roles.markers.part_of"),
            "source_before": pack.value("roles.markers.source_before"),
            "source_after": pack.value("roles.markers.source_after"),
            "relative": list(pack.value("time.relative")),
            "month": list(pack.value("numbers.dates.standalone_month_names")),
        },
        common=frozenset(w.lower() for w in pack.value("subjects.stop") + pack.value("roles.filler.stop")),
    )
    return {"cue_kinds": cue_kinds, "cue_search": WordSearch(cue_kinds)}


def _furniture_fields(pack: LanguagePack) -> dict[str, Any]:
    """[captions], [boilerplate] and [sentences]: the layout around the reporting."""
    credits = pack.value("captions.credits")
    lines, prefixes = pack.value("boilerplate.lines"), pack.value("boilerplate.prefixes")
    return {
        # "... Ảnh: NYT", "(Ảnh minh họa: TASS)": a credit of a few words closes the line or sentence.
        "caption_end": PatternSource(
            f"(?:^|[ (])(?:{_words(credits)})(?:[ ][\\p{{L}}\\p{{M}} ]{{0,24}})?[ ]*:[ ]*(?:[^\\n:.!?()]|[.](?![ ]))"
            f"{{1,48}}\\)?[.]?[ ]*$"
        ),
        "caption_words": tuple(sorted({c.casefold() for c in credits})),
        "boilerplate_lines": frozenset(phrase_key(w) for w in lines),
        "boilerplate_prefixes": tuple(phrase_key(w) for w in prefixes),
        "furniture_initials": frozenset(phrase_key(w)[:1] for w in lines + prefixes),
        "abbreviations": frozenset(pack.value("sentences.abbreviations")),
    }


def _folded(words) -> frozenset:
    return frozenset(w.casefold() for w in words)


def _gap_phrases(phrases) -> str:
    """Fillers between a figure and its date, matched whole; "#" is a duration, "*" one to three words
    ("do * trong": "35 ca tử vong do sởi trong năm 2024")."""
    if not phrases:
        return NOTHING
    parts = []
    # Longest first; ties in a fixed order, so the pattern (and its pattern-cache entry) is the same every run.
    for phrase in sorted({phrase_key(p) for p in phrases}, key=lambda p: (-len(p), p)):
        words = [r"\S+(?: \S+){0,2}" if w == "*" else regex.escape(w) for w in phrase.split()]
        parts.append(" ".join(words))
    return "(?:" + "|".join(parts) + ")"


def extract_lexicon_for(pack: LanguagePack) -> ExtractLexicon:
    found = pack.compiled.get(_CACHE_KEY)
    if found is None:
        found = pack.compiled[_CACHE_KEY] = build_extract_lexicon(pack)
    return found
