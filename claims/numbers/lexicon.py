"""Compile one language's number data (claims/lang/<code>/numbers.toml) into patterns and tables.

Compiled once per language pack and cached on it. Word lists become longest-first
alternations, so "điểm phần trăm" wins over "phần trăm" and "nghìn tỷ" over "nghìn".
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from claims.lang import LanguagePack
from claims.text.pattern_cache import compile_cached
from claims.text.word_search import WordSearch

from .word_tables import edge_words, idioms, lower_keys, number_word_kinds, openers, second_words, single_words_before

_CACHE_KEY = "claims.numbers.lexicon"
# What the reader reports as the "word" after a number when a space and a digit follow it.
DIGIT_FOLLOWS = "0"
# Letters and combining marks: a word boundary that also holds in NFD text.
NOT_LETTER_BEFORE = r"(?<![\p{L}\p{M}0-9])"
NOT_LETTER_AFTER = r"(?![\p{L}\p{M}])"


def alternation(words, *, ignore_case: bool = True, short_words_cased: bool = True) -> str:
    """A longest-first alternation of literal words; short abbreviations keep their case.

    `short_words_cased=False` is for lists of plain words (qualifiers, number words), whose
    short members open sentences too: "Từ 2.000", "Ba mươi", "Cỡ 5 ha".
    """
    words = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not words:
        return r"(?!x)x"  # matches nothing
    parts = []
    for word in words:
        escaped = regex.escape(word).replace(r"\ ", "[ ]+")
        # "m", "Tr", "MW" mean different things in other cases; words of three letters or more do not.
        letters_only = word.replace(" ", "").replace("-", "").isalpha()
        plain_word = not short_words_cased and letters_only and word.islower()
        cased = not ignore_case or not letters_only or (len(word) <= 2 and not plain_word)
        parts.append(escaped if cased else f"(?i:{escaped})")
    return "(?:" + "|".join(parts) + ")"


def word_alternation(words) -> str:
    """An alternation of plain lower-case words, matched in any case."""
    return alternation(words, short_words_cased=False)


@dataclass(eq=False)
class NumberLexicon:
    code: str
    group: str
    decimal: str
    # word -> (kind, value): digit, after_tens, ten, tens, tens_marker, hundred, scale, joiner, half
    word_kinds: dict
    weak: frozenset
    after_ten: frozenset
    opening_markers: frozenset  # tens markers that can open a number alone ("chục" = ten)
    idioms: dict  # word -> (its place, phrase words) of the phrases in which a number word is no number
    lone_word_before_noun: bool
    title_case_lines: bool  # headlines may capitalise every major word: "Storm Kills Three"
    not_numbers: frozenset
    service_prefixes: tuple
    articles: frozenset
    needs_unit: frozenset
    shorthand: bool
    tolerance: dict
    qualifiers: dict  # casefolded phrase -> qualifier name
    suffix_qualifiers: dict
    spaced_scales: dict
    attached_scales: dict
    currency_scales: dict
    units: dict  # casefolded unit -> (kind, canonical)
    cased_units: dict  # unit as written (short ones) -> (kind, canonical)
    currency_prefixes: dict
    sign_not_after: frozenset  # words that "âm" closes, where it is no sign: "siêu âm"
    exponents: frozenset  # letters that write a power of ten after the digits: "1.3e6"
    denominators: dict
    vague_many: frozenset
    vague_few: frozenset
    vague_scales: dict
    vague_plurals: dict
    range_open: frozenset
    range_needs_open: dict  # join word -> openers it needs ("and" -> "between")
    day_words: frozenset
    date_words: frozenset
    month_word: str
    year_word: str
    quarter_word: str
    month_names: dict
    month_names_en: dict
    roman_quarters: dict
    month_first: bool
    vague_unit_joiner: regex.Pattern
    clock_attached: frozenset
    clock_before: frozenset
    clock_after: frozenset
    ordinal_before: frozenset
    ordinal_suffixes: frozenset
    ordinal_words: dict
    score_context: frozenset
    identifier_labels: frozenset
    afternoon: dict
    classifiers: frozenset
    place_names: frozenset  # every alias of the gazetteer: "TP HCM 210" is a place's figure, not a name
    classifier_first_words: frozenset
    not_after_one: frozenset
    outcomes_after_one: frozenset  # word tuples: "một người chết", "one person died"
    # patterns
    anchor: regex.Pattern
    before: regex.Pattern
    glued: regex.Pattern
    scale_after: regex.Pattern
    range_after: regex.Pattern
    unit_after: regex.Pattern
    per_after: regex.Pattern  # "/kg", "per barrel" after a currency: a price per unit
    fraction_after: regex.Pattern
    suffix_after: regex.Pattern
    long_date_after: regex.Pattern
    month_after: regex.Pattern
    year_after: regex.Pattern
    clock_after_pattern: regex.Pattern
    word_token: regex.Pattern
    digits_only: regex.Pattern
    # The words that can open a number, in lower case, each after a space: each hit of a bare
    # word inside a longer one ("ba" in "bay") costs a tuple and a test.
    starter_search: WordSearch
    word_candidates: regex.Pattern
    digit_anchor: regex.Pattern
    phone_anchor: regex.Pattern
    word_anchor: regex.Pattern
    # First words of whatever may follow a number, last words of whatever may precede it:
    # a set lookup spares the patterns for the many numbers with plain words around them.
    after_first_words: frozenset
    # Weak word -> the first words that must follow it for it to open a number: for "không" / "a"
    # more of the number, a scale or a fraction; for "một" / "one" that or a unit (a qualifier
    # before "một" also does); for "năm" a number word, classifier, unit, scale or fraction.
    weak_follows: dict
    qualifier_last_words: frozenset  # and the sign words: "hơn một", "negative one" open a number
    # Starter words that open a number only before one of these words: "hàng trăm", "quý III".
    starter_follow_words: dict
    before_last_words: frozenset
    # For `before` without the pattern: one-word phrases by group, and every word of any phrase.
    before_single_words: dict
    before_single_cased: dict
    before_ends_left_of: dict
    before_signs: frozenset  # characters other than letters that can end the context before a number
    before_word_pairs: frozenset
    # For the gate before the word reader (word_gate.py): words that follow a number only as the
    # first of a longer phrase ("phần": "phần trăm", "phần ba") -> the letters the second words
    # open with; and the weak words that open no other kind of mention ("a few" is vague).
    second_words: dict
    gated_weak: frozenset
    meridiem_after: regex.Pattern
    # Pattern -> the first words it can start with after a space; _match skips it for others.
    first_words: dict
    half_after: regex.Pattern
    and_half_after: regex.Pattern
    quarter_after_ordinal: regex.Pattern
    unit_before: dict

    def unit_of(self, written: str) -> tuple[str, str] | None:
        written = " ".join(written.split())
        return self.cased_units.get(written) or self.units.get(written.casefold())

    def kind_of_word(self, token: str) -> tuple[str, float] | None:
        return self.word_kinds.get(token.casefold())


def build_lexicon(pack: LanguagePack) -> NumberLexicon:
    data = pack.section("numbers") or pack.data
    words = data.get("words", {})
    context = words.get("context", {})
    fractions = data.get("fractions", {})
    fraction_extra = fractions.get("extra", {})
    scales = data.get("scales", {})
    quals = data.get("qualifiers", {})
    vague = data.get("vague", {})
    ranges = data.get("ranges", {})
    units = data.get("units", {})
    dates = data.get("dates", {})
    ordinals = data.get("ordinals", {})
    signs = data.get("signs", {})
    sign_words = list(signs.get("words", []))

    word_kinds = number_word_kinds(words)
    qualifiers = {}
    for name in ("approx", "more_than", "at_least", "less_than", "at_most", "nearly"):
        for phrase in quals.get(name, []):
            qualifiers[phrase.casefold()] = name
    linkers = list(quals.get("linkers", []))
    suffix_qualifiers = {p.casefold(): "at_least" for p in quals.get("suffix_at_least", [])}
    suffix_qualifiers.update({p.casefold(): "at_most" for p in quals.get("suffix_at_most", [])})

    unit_table: dict = {}
    for word in units.get("percent", []):
        unit_table[word] = ("percent", "percent")
    for word in units.get("percentage_point", []):
        unit_table[word] = ("percentage_point", "percentage_point")
    for word, code in units.get("currencies", {}).items():
        unit_table[word] = ("money", code)
    for word, code in units.get("durations", {}).items():
        unit_table[word] = ("duration", code)
    for word, code in units.get("measures", {}).items():
        unit_table[word] = ("quantity", code)
    cased_units = {w: v for w, v in unit_table.items() if len(w) <= 2 or not w.isalpha()}
    folded_units = {w.casefold(): v for w, v in unit_table.items() if w not in cased_units}

    denominators = lower_keys(fraction_extra.get("denominators", {}) or fractions.get("denominators", {}))
    half_words = frozenset(w.casefold() for w in fractions.get("half", []))
    classifiers = frozenset(w.casefold() for w in context.get("classifiers", []))
    weak = frozenset(w.casefold() for w in context.get("weak", []))

    numword = word_alternation(word_kinds)
    strong_words = [w for w in word_kinds if w not in weak]
    # A weak word ("một", "năm", "one", "a") may open a number only when more of the number,
    # a unit, a scale, a classifier or a fraction follows it.
    weak_follow = word_alternation(
        list(word_kinds)
        + list(classifiers)
        + list(units.get("durations", {}))
        + list(units.get("measures", {}))
        + list(units.get("percent", []))
        + list(units.get("currencies", {}))
        + list(scales.get("spaced", {}))
        + ([fractions["marker"]] if fractions.get("marker") else [])
        + list(half_words)
        + list(denominators)
        + list(fractions.get("denominators", {}))
    )
    weak_follow_words = edge_words(
        list(word_kinds)
        + list(classifiers)
        + list(units.get("durations", {}))
        + list(units.get("measures", {}))
        + list(units.get("percent", []))
        + list(units.get("currencies", {}))
        + list(scales.get("spaced", {}))
        + [fractions.get("marker", "")]
        + list(half_words)
        + list(denominators)
        + list(fractions.get("denominators", {})),
        first=True,
    )
    article_follow_words = edge_words(
        list(word_kinds)
        + list(scales.get("spaced", {}))
        + [fractions.get("marker", "")]
        + list(half_words)
        + list(denominators)
        + list(fractions.get("denominators", {})),
        first=True,
    )
    unit_follow_words = article_follow_words | edge_words(unit_table, first=True)
    articles = frozenset(w.casefold() for w in context.get("articles", []))
    needs_unit = frozenset(w.casefold() for w in context.get("needs_unit", []))
    first_word = f"(?:{word_alternation(strong_words)}|{word_alternation(weak)}(?=[ -]{weak_follow}{NOT_LETTER_AFTER}))"
    vague_scales = lower_keys(vague.get("scales", {}))
    vague_heads = list(vague.get("many", [])) + list(vague.get("few", []))
    vague_plurals = lower_keys(vague.get("plurals", {}))
    ordinal_words = lower_keys(ordinals.get("words", {}))

    service_prefixes = tuple(data.get("phones", {}).get("service_prefixes", []))
    service = "".join(f"|{regex.escape(p)}(?:[ .]?[0-9]{{2,4}}){{1,3}}(?![0-9])" for p in service_prefixes)
    anchor_parts = [
        # Phone numbers open with 0 or +: "0912 345 678", "+84 24 3825 1234" (digit count checked in code).
        r"(?P<phone>(?:\+[0-9]{1,3}[ .-]?|\(0[0-9]{1,3}\)[ ]?|0)[0-9]{1,4}(?:[ .-][0-9]{2,4}){1,4}(?![0-9])"
        + service
        + ")",
        # d-m-yyyy first, so that "27-9-2024" is not read as a range.
        # Dates with dashes first ("2024-09-27", "27-9-2024"), so that they are not read as ranges.
        # One leading [0-9] lets the regex module skip ahead to digits fast (an alternation at
        # the top would make it try every position).
        r"(?P<digits>[0-9](?:[0-9]{3}-[0-9]{1,2}-[0-9]{1,2}(?![0-9])|[0-9]?-[0-9]{1,2}-[0-9]{4}(?![0-9])"
        r"|[0-9]*(?:[.,/:\u00a0][0-9]+)*))",
        # At most 16 words: the longest number ("chín trăm chín mươi chín nghìn ...") has fewer, and a
        # bound keeps a long run of number words from being rescanned from every word in it.
        f"{NOT_LETTER_BEFORE}(?P<words>{first_word}(?:[ -]{numword}{NOT_LETTER_AFTER}){{0,15}}){NOT_LETTER_AFTER}",
    ]
    quarter_word = dates.get("quarter_word", "")
    if quarter_word and dates.get("roman_quarters"):
        anchor_parts.append(
            f"{NOT_LETTER_BEFORE}(?P<quarter>(?i:{regex.escape(quarter_word)})[ ]+"
            f"{alternation(dates['roman_quarters'], ignore_case=False)})(?![\\p{{L}}\\p{{M}}0-9])"
        )
    if vague_heads:
        anchor_parts.append(
            f"{NOT_LETTER_BEFORE}(?P<vague>{word_alternation(vague_heads)}[ ]+{word_alternation(vague_scales)}"
            f"(?:[ ]+{word_alternation(vague_scales)})?){NOT_LETTER_AFTER}"
        )
    if vague_plurals:
        anchor_parts.append(f"{NOT_LETTER_BEFORE}(?P<plural>{word_alternation(vague_plurals)}){NOT_LETTER_AFTER}")
    if half_words:
        anchor_parts.append(f"{NOT_LETTER_BEFORE}(?P<half>{word_alternation(half_words)}){NOT_LETTER_AFTER}")
    if ordinal_words:
        anchor_parts.append(f"{NOT_LETTER_BEFORE}(?P<ordword>{word_alternation(ordinal_words)}){NOT_LETTER_AFTER}")
    # Month names that are no number words ("tháng giêng", "tháng chạp").
    month_names = lower_keys(dates.get("month_names", {}))
    month_only_names = frozenset(w for w in month_names if " " not in w and w not in word_kinds)
    if month_only_names:
        anchor_parts.append(f"{NOT_LETTER_BEFORE}(?P<monthname>{word_alternation(month_only_names)}){NOT_LETTER_AFTER}")
    anchor = compile_cached("|".join(anchor_parts))  # the three longest patterns: later runs load them
    phone_anchor = regex.compile("|".join(anchor_parts[:2]))
    digit_anchor = regex.compile(anchor_parts[1])
    word_anchor = regex.compile("|".join(anchor_parts[2:]))
    # Where words can open a number: scanning for them is the costly part, so lines are
    # first checked for these words with plain substring tests (claims/numbers/parse.py).
    opening_markers = frozenset(w.casefold() for w in words.get("tens_marker_alone", []))
    starters = {w for w, (kind, _) in word_kinds.items() if kind in ("digit", "ten", "tens", "hundred")}
    starters |= opening_markers
    starters |= {w.casefold() for w in vague_heads} | set(vague_plurals) | set(half_words) | set(ordinal_words)
    starters |= month_only_names
    if quarter_word:
        starters.add(quarter_word.casefold())
    starter_words = sorted(starters)
    word_candidates = compile_cached(f"{NOT_LETTER_BEFORE}{word_alternation(starter_words)}{NOT_LETTER_AFTER}")

    day_words = frozenset(w.casefold() for w in dates.get("day_words", []))
    date_words = frozenset(w.casefold() for w in dates.get("in_mention", []))
    month_names_en = dict(dates.get("month_names_en", {}))
    clock_before = frozenset(w.casefold() for w in dates.get("clock_before", []))
    ordinal_before = frozenset(w.casefold() for w in ordinals.get("before", []))
    score_context = frozenset(w.casefold() for w in data.get("scores", {}).get("context", []))
    labels = frozenset(w.casefold() for w in data.get("identifiers", {}).get("labels", []))
    neutral_before = frozenset(w.casefold() for w in context.get("neutral_before", []))
    currency_prefixes = dict(units.get("currency_prefixes", {}))
    before_words = (
        set(day_words)
        | set(date_words)
        | set(clock_before)
        | set(ordinal_before)
        | set(score_context)
        | set(labels)
        | set(neutral_before)
        | set(month_names_en)
        | set(units.get("before", {}))
    )
    # A minus sign stands straight before the digits (or the currency sign), never after a number: "1 -2".
    sign = f"(?P<sign>{word_alternation(sign_words)}[ ]+|(?<![0-9%][ ]?)-)"
    # Matched backwards from the number ((?r)), so only one attempt is made per number.
    before = compile_cached(
        "(?r)"
        f"{NOT_LETTER_BEFORE}"
        f"(?:(?P<qual>{word_alternation(qualifiers)})[ ]+(?:{word_alternation(linkers)}[ ]+)?)?"
        f"(?:(?P<open>{word_alternation(ranges.get('open', []))})[ ]+)?"
        f"(?:(?P<word>{word_alternation(before_words)})\\.?[ ]+)?"
        f"(?:{sign})?"
        f"(?:(?P<cur>{alternation(currency_prefixes, ignore_case=False)})[ ]?)?\\Z"
    )
    attached = dict(scales.get("attached", {}))
    glued = regex.compile(r"[\p{L}°²³][\p{L}\p{M}0-9²³]*(?:/h)?")
    # An abbreviation's dot ("2,5 tr. đồng") is kept; a full stop ends the sentence instead.
    scale_after = regex.compile(
        f"[ ]?(?P<scale>{alternation(scales.get('spaced', {}))})(?:\\.(?=[ ]\\p{{Ll}}))?{NOT_LETTER_AFTER}"
    )
    join = word_alternation(ranges.get("join", []))
    range_after = regex.compile(
        f"(?P<sep>[ ]?-[ ]?|[ ]+(?P<join>{join})[ ]+)(?P<cur>{alternation(currency_prefixes, ignore_case=False)})?[ ]?"
        # A negative second bound: "từ -5 đến -1", "from minus 10 to minus 2" (a sign after a space only: "5--3" is none).
        f"(?P<sign>(?<=[ ])-|{word_alternation(sign_words)}[ ]+)?"
        f"(?=[0-9]|{numword}{NOT_LETTER_AFTER})"
    )
    # English joins a unit to its number with a hyphen before a noun: "a 10-year plan", "a 6.1-inch screen".
    unit_joiner = "(?:[ ]|-(?=\\p{L}))?" if units.get("hyphenated") else "[ ]?"
    unit_after = regex.compile(f"{unit_joiner}(?P<unit>{alternation(unit_table)}){NOT_LETTER_AFTER}")
    # A price per unit: "/" straight before any measure or duration ("USD/ounce", "đồng/tháng"), a word between spaces ("per barrel").
    per_joiners = ["/"] if "/" in units.get("per", []) else []
    per_words = [w for w in units.get("per", []) if w != "/"]
    per_joiners += [f"[ ]+{word_alternation(per_words)}[ ]+"] if per_words else []
    per_units = list(units.get("measures", {})) + list(units.get("durations", {}))
    per_after = regex.compile(
        f"(?:{'|'.join(per_joiners)})(?P<per>{alternation(per_units)}){NOT_LETTER_AFTER}" if per_joiners else r"(?!x)x"
    )
    marker = fractions.get("marker", "")
    fraction_parts = []
    if marker:
        fraction_parts.append(
            f"[ ]+{regex.escape(marker)}[ ]+(?P<den>{word_alternation(denominators)}|[0-9]+){NOT_LETTER_AFTER}"
        )
    en_denominators = lower_keys(fractions.get("denominators", {}))
    if en_denominators:
        fraction_parts.append(f"[ -](?P<den_word>{word_alternation(en_denominators)}){NOT_LETTER_AFTER}")
    if half_words:
        fraction_parts.append(f"[ ]+(?P<half>{word_alternation(half_words)}){NOT_LETTER_AFTER}")
    half_suffix = frozenset(w.casefold() for w in fraction_extra.get("half_suffix", []))
    and_half_after = regex.compile(f"[ ]+(?P<and_half>{word_alternation(half_suffix)}){NOT_LETTER_AFTER}")
    fraction_after = regex.compile("|".join(fraction_parts) if fraction_parts else r"(?!x)x")
    suffix_after = regex.compile(f"[ ]+(?P<suffix>{word_alternation(suffix_qualifiers)}){NOT_LETTER_AFTER}")
    month_word, year_word = dates.get("month_word", ""), dates.get("year_word", "")
    ordinal_suffix = f"(?:{alternation(ordinals.get('suffixes', []), ignore_case=False)})?"
    if month_word:
        long_date_after = regex.compile(
            f"[ ]+(?i:{regex.escape(month_word)})[ ]+(?P<m>[0-9]{{1,2}})(?![0-9])"
            f"(?:(?:[ ]+(?i:{regex.escape(year_word)})[ ]+|[ ]*/[ ]*)(?P<y>[0-9]{{4}})(?![0-9]))?"
        )
    else:
        # "30 October", "3rd of June", "10 Oct. 2023"; a full stop after a month name ends the sentence.
        long_date_after = regex.compile(
            f"{ordinal_suffix}[ ]+(?:{word_alternation(dates.get('month_joiners', []))}[ ]+)?"
            f"(?P<mon>{alternation(month_names_en)})(?:\\.(?=[ ]*,?[ ]*[0-9]))?{NOT_LETTER_AFTER}"
            f"(?:,?[ ]+(?P<y>[0-9]{{4}})(?![0-9]))?"
        )
    month_after = regex.compile(
        f"(?:[ ]+(?i:{regex.escape(year_word)})[ ]+|[ ]*/[ ]*)(?P<y>[0-9]{{4}})(?![0-9])"
        if year_word
        else f"{ordinal_suffix},?[ ]+(?P<y>[0-9]{{4}})(?![0-9])"
    )
    year_after = month_after
    clock_after_pattern = (
        regex.compile(
            f"(?:[ ]+(?P<min>[0-9]{{1,2}})(?:[ ]+(?:{word_alternation(dates.get('minutes_word', []))}))?)?"
            f"(?:[ ]+(?P<part>{word_alternation(dates.get('clock_after', []))}){NOT_LETTER_AFTER})?"
        )
        if dates.get("clock_after")
        else regex.compile(r"(?!x)x")
    )

    meridiem_after = regex.compile(
        f"[ ]?(?P<meridiem>{alternation(dates.get('meridiem', []), ignore_case=False)})(?![\\p{{L}}])"
    )
    half_after = regex.compile(f"[ ]+(?P<half>{word_alternation(words.get('half', []))}){NOT_LETTER_AFTER}")
    # What each pattern can start with (see _openers); the reader tries a pattern only there.
    first_words = {
        glued: frozenset("°²³"),  # or a letter glued to the digits
        scale_after: openers(scales.get("spaced", {})),
        range_after: openers(ranges.get("join", [])) | {"-"},
        unit_after: openers(unit_table) | ({"-"} if units.get("hyphenated") else set()),
        per_after: openers(units.get("per", [])),
        fraction_after: openers([marker, *denominators, *en_denominators, *half_words])
        | ({"-"} if en_denominators else set()),
        and_half_after: openers(half_suffix),
        half_after: openers(words.get("half", [])),
        suffix_after: openers(suffix_qualifiers),
        meridiem_after: openers(dates.get("meridiem", [])),
        long_date_after: openers([month_word] if month_word else [*dates.get("month_joiners", []), *month_names_en]),
        month_after: openers([year_word]) | {"/"} if year_word else frozenset({DIGIT_FOLLOWS}),
        clock_after_pattern: openers(dates.get("clock_after", [])) | {DIGIT_FOLLOWS},
    }

    return NumberLexicon(
        code=pack.code,
        group=data.get("digits", {}).get("group", "."),
        decimal=data.get("digits", {}).get("decimal", ","),
        word_kinds=word_kinds,
        weak=weak,
        opening_markers=opening_markers,
        after_ten=frozenset(w.casefold() for w in context.get("after_ten", [])),
        idioms=idioms(context.get("idioms", [])),
        lone_word_before_noun=bool(context.get("lone_word_before_noun", False)),
        title_case_lines=bool(context.get("title_case_lines", False)),
        not_numbers=frozenset(data.get("not_numbers", {}).get("written", [])),
        service_prefixes=service_prefixes,
        articles=articles,
        needs_unit=needs_unit,
        shorthand=bool(words.get("shorthand_after_multiplier", False)),
        tolerance={"approx": 0.1, "nearly": 0.1, **data.get("tolerance", {})},
        qualifiers=qualifiers,
        suffix_qualifiers=suffix_qualifiers,
        spaced_scales=lower_keys(scales.get("spaced", {})) | dict(scales.get("spaced", {})),
        attached_scales=attached,
        currency_scales=dict(scales.get("attached_with_currency", {})),
        units=folded_units,
        cased_units=cased_units,
        currency_prefixes=currency_prefixes,
        sign_not_after=frozenset(w.casefold() for w in signs.get("not_after", [])),
        exponents=frozenset(data.get("digits", {}).get("exponent", [])),
        denominators=denominators | en_denominators,
        vague_many=frozenset(w.casefold() for w in vague.get("many", [])),
        vague_few=frozenset(w.casefold() for w in vague.get("few", [])),
        vague_scales=vague_scales,
        vague_plurals=vague_plurals,
        range_open=frozenset(w.casefold() for w in ranges.get("open", [])),
        range_needs_open={
            j.casefold(): frozenset(o.casefold() for o in openers)
            for j, openers in ranges.get("needs_open", {}).items()
        },
        day_words=day_words,
        date_words=date_words,
        month_word=month_word.casefold(),
        year_word=year_word.casefold(),
        quarter_word=dates.get("quarter_word", "").casefold(),
        month_names=month_names,
        month_names_en=lower_keys(month_names_en),
        roman_quarters=dict(dates.get("roman_quarters", {})),
        month_first=bool(dates.get("month_first", False)),
        vague_unit_joiner=regex.compile(f"[ ]+{word_alternation(vague.get('unit_joiners', []))}(?=[ ])"),
        clock_attached=frozenset(dates.get("clock_attached", [])),
        clock_before=clock_before,
        clock_after=frozenset(w.casefold() for w in dates.get("clock_after", [])),
        ordinal_before=ordinal_before,
        ordinal_suffixes=frozenset(w.casefold() for w in ordinals.get("suffixes", [])),
        ordinal_words=ordinal_words,
        score_context=score_context,
        identifier_labels=labels,
        afternoon={k.casefold(): tuple(v) for k, v in dates.get("afternoon", {}).items()},
        classifiers=classifiers,
        place_names=frozenset(
            alias for aliases in pack.data.get("places", {}).get("names", {}).values() for alias in aliases
        ),
        classifier_first_words=edge_words(classifiers, first=True),
        not_after_one=frozenset(w.casefold() for w in context.get("not_after_one", [])),
        outcomes_after_one=frozenset(tuple(w.casefold().split()) for w in context.get("outcomes_after_one", [])),
        anchor=anchor,
        before=before,
        glued=glued,
        scale_after=scale_after,
        range_after=range_after,
        unit_after=unit_after,
        per_after=per_after,
        fraction_after=fraction_after,
        suffix_after=suffix_after,
        long_date_after=long_date_after,
        month_after=month_after,
        year_after=year_after,
        clock_after_pattern=clock_after_pattern,
        word_token=regex.compile(r"[\p{L}\p{M}]+"),
        meridiem_after=meridiem_after,
        first_words=first_words,
        starter_search=WordSearch(" " + word for word in starter_words),
        and_half_after=and_half_after,
        quarter_after_ordinal=regex.compile(
            f"[ ]+{word_alternation(dates.get('quarter_after_ordinal', []))}{NOT_LETTER_AFTER}"
            f"(?:,?[ ]+(?:{word_alternation(dates.get('month_joiners', []))}[ ]+)?(?P<y>[0-9]{{4}})(?![0-9]))?"
        ),
        unit_before={w.casefold(): ("quantity", u) for w, u in units.get("before", {}).items()},
        half_after=half_after,
        digit_anchor=digit_anchor,
        phone_anchor=phone_anchor,
        word_anchor=word_anchor,
        weak_follows={
            w: article_follow_words if w in articles else unit_follow_words if w in needs_unit else weak_follow_words
            for w in weak
        },
        qualifier_last_words=edge_words(list(qualifiers) + sign_words, first=False),
        starter_follow_words={
            **{head.casefold(): edge_words(vague_scales, first=True) for head in vague_heads},
            **(
                {quarter_word.casefold(): frozenset(n.casefold() for n in dates.get("roman_quarters", {}))}
                if quarter_word
                else {}
            ),
        },
        after_first_words=frozenset().union(*first_words.values())
        | edge_words(
            list(month_names_en)
            + list(dates.get("minutes_word", []))
            + list(word_kinds)
            + list(dates.get("month_joiners", []))
            + list(vague.get("unit_joiners", [])),
            first=True,
        ),
        before_signs=frozenset({p[-1] for p in currency_prefixes if not p[-1].isalpha()} | {"."}),
        **single_words_before(qualifiers, linkers, list(ranges.get("open", [])), before_words, sign_words),
        before_last_words=edge_words(
            list(qualifiers)
            + linkers
            + list(ranges.get("open", []))
            + list(before_words)
            + list(currency_prefixes)
            + sign_words,
            first=False,
        ),
        word_candidates=word_candidates,
        second_words=second_words(
            list(word_kinds)
            + list(scales.get("spaced", {}))
            + list(unit_table)
            + list(classifiers)
            + list(ranges.get("join", []))
            + list(half_suffix)
            + list(half_words)
            + list(en_denominators)
            + list(denominators)
            + list(suffix_qualifiers),
            marker,
            denominators,
        ),
        gated_weak=weak
        - edge_words(
            vague_heads
            + list(vague_plurals)
            + list(half_words)
            + list(ordinal_words)
            + list(month_only_names)
            + [quarter_word],
            first=True,
        ),
        digits_only=regex.compile(r"[0-9]+(?:(?:[.,/:]|\u00a0)[0-9]+)*"),
    )


def lexicon_for(pack: LanguagePack) -> NumberLexicon:
    found = pack.compiled.get(_CACHE_KEY)
    if found is None:
        found = pack.compiled[_CACHE_KEY] = build_lexicon(pack)
    return found
