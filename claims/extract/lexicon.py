"""Compile one language's extraction data (concepts, places, roles, time, captions) into patterns.

Built once per language pack and cached on it. Aliases match as written (case
matters for names: "Anh" is the UK, "anh" is "you"); common nouns of three
letters or more also match capitalised at a sentence start.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from claims.lang import LanguagePack
from claims.numbers.lexicon import NOT_LETTER_AFTER, NOT_LETTER_BEFORE, alternation

_CACHE_KEY = "claims.extract.lexicon"
_WORDS = regex.compile(r"[\p{L}\p{M}0-9]+")


def phrase_key(text: str) -> str:
    """How a phrase is looked up: case-folded, single spaces."""
    return " ".join(text.split()).casefold()


def _names(mapping: dict) -> dict:
    """alias -> canonical, from canonical -> [aliases]; the canonical name is an alias of itself."""
    found = {}
    for canonical, aliases in mapping.items():
        for alias in [canonical, *aliases]:
            found.setdefault(alias, canonical)
    return found


@dataclass(eq=False)
class ExtractLexicon:
    code: str
    concepts: dict  # phrase key -> concept
    concept_pattern: regex.Pattern
    verb_concepts: dict
    verb_pattern: regex.Pattern
    subject_stop: frozenset
    modifier_pattern: regex.Pattern
    max_subject_words: int
    location_concepts: frozenset
    places: dict  # alias as written -> canonical
    place_pattern: regex.Pattern
    location_pattern: regex.Pattern
    role_aliases: dict
    role_alias_pattern: regex.Pattern
    role_markers: dict  # role -> pattern
    target_not_before: frozenset
    filler_stop: frozenset
    max_filler_words: int
    source_before: regex.Pattern
    source_after: regex.Pattern
    since_pattern: regex.Pattern
    as_of_pattern: regex.Pattern
    after_figure: frozenset
    relative: dict
    relative_pattern: regex.Pattern
    caption_pattern: regex.Pattern
    boilerplate_lines: frozenset
    abbreviations: frozenset
    month_names: dict
    since_month_pattern: regex.Pattern
    word: regex.Pattern = _WORDS

    def place(self, written: str) -> str | None:
        return self.places.get(written) or self.places.get(" ".join(written.split()))

    def role_alias(self, written: str) -> str:
        return self.role_aliases.get(" ".join(written.split()), " ".join(written.split()))


def _markers(words, not_after=()) -> str:
    guard = "".join(f"(?<!{regex.escape(w)}[ ])" for w in not_after)
    return f"{NOT_LETTER_BEFORE}{guard}(?P<marker>{alternation(words)}){NOT_LETTER_AFTER}"


def build_extract_lexicon(pack: LanguagePack) -> ExtractLexicon:
    data = pack.data
    concepts = data.get("concepts", {})
    nouns = {phrase_key(w): concept for concept, words in concepts.get("nouns", {}).items() for w in words}
    verbs = {phrase_key(w): concept for concept, words in concepts.get("verbs", {}).items() for w in words}
    subjects = data.get("subjects", {})
    places = _names(data.get("places", {}).get("names", {}))
    place_types = data.get("places", {}).get("types", {}).get("words", [])
    place_alt = alternation(places, ignore_case=False)
    prepositions = data.get("location", {}).get("prepositions", [])
    roles = data.get("roles", {})
    markers = roles.get("markers", {})
    exceptions = roles.get("exceptions", {})
    role_aliases = _names(roles.get("aliases", {}))
    time = data.get("time", {})
    furniture = data
    credits = furniture.get("captions", {}).get("credits", [])
    months = data.get("numbers", {}).get("dates", {}).get("month_names_en", {})

    return ExtractLexicon(
        code=pack.code,
        concepts=nouns,
        concept_pattern=regex.compile(f"{NOT_LETTER_BEFORE}(?P<noun>{alternation(nouns)}){NOT_LETTER_AFTER}"),
        verb_concepts=verbs,
        # Matched backwards from the figure: a verb, then at most two words, then the figure.
        verb_pattern=regex.compile(f"(?r){NOT_LETTER_BEFORE}(?P<verb>{alternation(verbs)})(?:[ ]+[\\p{{L}}\\p{{M}}]+){{0,2}}[ ]+\\Z"),
        subject_stop=frozenset(w.casefold() for w in subjects.get("stop", [])),
        modifier_pattern=regex.compile(f"[ ]+(?P<mod>{alternation(subjects.get('modifiers', []))}){NOT_LETTER_AFTER}"),
        max_subject_words=int(subjects.get("max_words", 3)),
        location_concepts=frozenset(subjects.get("places", {}).get("location_concepts", [])),
        places=places,
        place_pattern=regex.compile(f"{NOT_LETTER_BEFORE}(?P<place>{place_alt}){NOT_LETTER_AFTER}"),
        location_pattern=regex.compile(
            f"{NOT_LETTER_BEFORE}(?:{alternation(prepositions)})[ ]+(?:(?:{alternation(place_types, ignore_case=False)})[ ]+)?"
            f"(?:(?P<place>{place_alt}){NOT_LETTER_AFTER}|(?P<raw>\\p{{Lu}}[\\p{{L}}\\p{{M}}]+(?:[ ]+\\p{{Lu}}[\\p{{L}}\\p{{M}}]+){{0,3}}))"
        ),
        role_aliases=role_aliases,
        role_alias_pattern=regex.compile(f"(?P<alias>{alternation(role_aliases, ignore_case=False)}){NOT_LETTER_AFTER}"),
        role_markers={
            "against": regex.compile(_markers(markers.get("against", []), exceptions.get("against_not_after", []))),
            # At most three words between the counted noun and the marker: "attacks have been launched on".
            "target": regex.compile(f"(?:[ ]+\\p{{Ll}}+){{0,3}}?[ ]+(?P<marker>{alternation(markers.get('target', []))})[ ]+"),
            "part_of": regex.compile(_markers(markers.get("part_of", []))),
        },
        target_not_before=frozenset(w.casefold() for w in exceptions.get("target_not_before", [])),
        filler_stop=frozenset(w.casefold() for w in roles.get("filler", {}).get("stop", [])),
        max_filler_words=int(roles.get("filler", {}).get("max_words", 5)),
        source_before=regex.compile(_markers(markers.get("source_before", [])) + "[ ]+"),
        source_after=regex.compile(_markers(markers.get("source_after", []))),
        since_pattern=regex.compile(
            f"(?r){NOT_LETTER_BEFORE}(?:{alternation(time.get('since', []))})[ ]+(?:(?:{alternation(time.get('since_fillers', []))})[ -]+)?\\Z"),
        as_of_pattern=regex.compile(
            f"(?r){NOT_LETTER_BEFORE}(?:{alternation(time.get('as_of', []))})[ ]+(?:[\\p{{L}}\\p{{M}}]+[ ]+)?\\Z"),
        after_figure=frozenset(phrase_key(w) for w in time.get("after_figure", [])),
        relative={phrase_key(k): tuple(v) for k, v in time.get("relative", {}).items()},
        relative_pattern=regex.compile(f"{NOT_LETTER_BEFORE}(?P<relative>{alternation(time.get('relative', {}))}){NOT_LETTER_AFTER}"),
        caption_pattern=regex.compile(
            f"(?:^|[ (])(?:{alternation(credits)})(?:[ ][\\p{{L}}\\p{{M}} ]{{0,24}})?[ ]*:[ ]*[^\\n:]{{1,60}}?\\)?[.]?[ ]*$"),
        boilerplate_lines=frozenset(phrase_key(w) for w in furniture.get("boilerplate", {}).get("lines", [])),
        abbreviations=frozenset(furniture.get("sentences", {}).get("abbreviations", [])),
        month_names={k.casefold(): v for k, v in months.items()},
        # "since mid-October last year": a month named in words, with no digits to parse.
        since_month_pattern=regex.compile(
            f"{NOT_LETTER_BEFORE}(?:{alternation(time.get('since', []))})[ ]+(?:(?:{alternation(time.get('since_fillers', []))})[ -]+)?"
            f"(?P<month>{alternation(months, ignore_case=False)}){NOT_LETTER_AFTER}"
            f"(?:[ ]+(?P<year>[0-9]{{4}})(?![0-9])|[ ]+(?P<relative>{alternation(time.get('relative', {}))}){NOT_LETTER_AFTER})?"
        ) if months else regex.compile(r"(?!x)x"),
    )


def extract_lexicon_for(pack: LanguagePack) -> ExtractLexicon:
    found = pack.compiled.get(_CACHE_KEY)
    if found is None:
        found = pack.compiled[_CACHE_KEY] = build_extract_lexicon(pack)
    return found
