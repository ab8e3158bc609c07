"""Compile one language's number data (claims/lang/<code>/numbers.toml) into patterns and tables.

Compiled once per language pack and cached on it. Word lists become longest-first
alternations, so "điểm phần trăm" wins over "phần trăm" and "nghìn tỷ" over "nghìn".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

from claims.lang import LanguagePack
from claims.text.pattern_cache import compile_cached
from claims.text.word_search import WordSearch

from .comparisons import is_sign, pair_after, sign_qualifier
from .fraction_signs import FRACTION_SIGN_CLASS, FRACTION_SIGNS
from .label_hints import LabelHints, read_label_hints
from .pack_sections import NumberSections, place_aliases, read_sections
from .word_tables import edge_words, lower_keys, openers, second_words, single_words_before

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
    # Word fractions (claims/numbers/word_fractions.py): words that are a denominator themselves
    # ("thirds"), the word before a whole number's fraction ("and"), what stands between a
    # fraction and its scale ("of a"), and the words that keep "a third" a share.
    fraction_words: dict
    whole_joiner: str
    fraction_before_scale: list
    share_before: frozenset
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
    standalone_month_names: dict  # folded: "october", "oct" -> 10
    roman_quarters: dict
    month_first: bool
    vague_unit_joiner: regex.Pattern
    clock_attached: frozenset
    clock_before: frozenset
    clock_after: frozenset
    ordinal_before: frozenset
    round_before: frozenset  # "last" in "reached the last 32"
    round_after: frozenset
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
    # "and below 1,500", "to under 30": the other side of a range after a one-sided figure.
    pair_after: regex.Pattern
    ratio_after: regex.Pattern  # "in 5", "out of 10" after a count: a ratio ("1 in 5")
    ratio_loose: frozenset  # joins that make a ratio of a small count or a round whole only
    # Words after a number ("và", "in") that open one of these rarer patterns: the reader reads on
    # past the number only when the pattern matches there.
    tested_after: dict
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
    hints: LabelHints  # what makes digits a time, date, label or price in pence (label_hints.py)

    def unit_of(self, written: str) -> tuple[str, str] | None:
        written = " ".join(written.split())
        return self.cased_units.get(written) or self.units.get(written.casefold())

    def kind_of_word(self, token: str) -> tuple[str, float] | None:
        return self.word_kinds.get(token.casefold())

    def spaced_scale(self, written: str) -> float | None:
        """The factor of a scale word written apart ("triệu", "Tr", "million"), as written or in lower case."""
        written = " ".join(written.split())
        factor = self.spaced_scales.get(written) or self.spaced_scales.get(written.casefold())
        return float(factor) if factor else None

    def last_multiplier(self, words: list[str]) -> float:
        """The scale or hundred that closes number words ("six million", "a dozen"), else one: what
        "and a half" halves and a fraction after them is a fraction of."""
        found = self.kind_of_word(words[-1]) if words else None
        return found[1] if found and found[0] in ("scale", "hundred") else 1.0


def build_lexicon(pack: LanguagePack) -> NumberLexicon:
    """Each [numbers.*] section read on its own (claims/numbers/pack_sections.py), then what crosses them:
    where a number opens, what may stand before it, what may follow it."""
    s = read_sections(pack)
    return NumberLexicon(
        code=pack.code,
        place_names=place_aliases(pack),
        hints=read_label_hints(pack),
        **_tables(s),
        **_opening(s),
        **_before(s),
        **_after(s),
    )


def _tables(s: NumberSections) -> dict[str, Any]:
    """What the reader looks words up in, section by section."""
    words, dates, ordinals, not_figures, vague, units = s.words, s.dates, s.ordinals, s.not_figures, s.vague, s.units
    return {
        "group": s.digits.group,
        "decimal": s.digits.decimal,
        "exponents": s.digits.exponents,
        "word_kinds": words.kinds,
        "weak": words.weak,
        "opening_markers": words.opening_markers,
        "after_ten": words.after_ten,
        "idioms": words.idioms,
        "lone_word_before_noun": words.lone_word_before_noun,
        "title_case_lines": words.title_case_lines,
        "articles": words.articles,
        "needs_unit": words.needs_unit,
        "shorthand": words.shorthand,
        "classifiers": words.classifiers,
        "classifier_first_words": edge_words(words.classifiers, first=True),
        "not_after_one": words.not_after_one,
        "outcomes_after_one": words.outcomes_after_one,
        "not_numbers": not_figures.written,
        "service_prefixes": not_figures.service_prefixes,
        "score_context": not_figures.score_context,
        "identifier_labels": not_figures.labels,
        "tolerance": s.qualifiers.tolerance,
        "qualifiers": s.qualifiers.before,
        "suffix_qualifiers": s.qualifiers.suffix,
        "spaced_scales": lower_keys(s.scales.spaced) | s.scales.spaced,
        "attached_scales": s.scales.attached,
        "currency_scales": s.scales.with_currency,
        "units": units.folded,
        "cased_units": units.cased,
        "currency_prefixes": units.currency_prefixes,
        "unit_before": {w.casefold(): ("quantity", u) for w, u in units.before.items()},
        "sign_not_after": s.signs.not_after,
        "denominators": s.fractions.after_marker | s.fractions.words,
        "fraction_words": s.fractions.words,
        "whole_joiner": s.fractions.whole_joiner,
        "fraction_before_scale": s.fractions.before_scale,
        "share_before": s.fractions.share_before,
        "vague_many": frozenset(w.casefold() for w in vague.many),
        "vague_few": frozenset(w.casefold() for w in vague.few),
        "vague_scales": vague.scales,
        "vague_plurals": vague.plurals,
        "range_open": frozenset(w.casefold() for w in s.ranges.open),
        "range_needs_open": s.ranges.needs_open,
        "day_words": dates.day_words,
        "date_words": dates.in_mention,
        "month_word": dates.month_word.casefold(),
        "year_word": dates.year_word.casefold(),
        "quarter_word": dates.quarter_word.casefold(),
        "month_names": dates.month_names,
        "standalone_month_names": lower_keys(dates.standalone_month_names),
        "roman_quarters": dates.roman_quarters,
        "month_first": dates.month_first,
        "clock_attached": dates.clock_attached,
        "clock_before": dates.clock_before,
        "clock_after": frozenset(w.casefold() for w in dates.clock_after),
        "afternoon": dates.afternoon,
        "ordinal_before": ordinals.before,
        "round_before": ordinals.round_before,
        "round_after": ordinals.round_after,
        "ordinal_suffixes": frozenset(w.casefold() for w in ordinals.suffixes),
        "ordinal_words": ordinals.words,
        "word_token": regex.compile(r"[\p{L}\p{M}]+"),
        "digits_only": regex.compile(r"[0-9]+(?:(?:[.,/:]|\u00a0)[0-9]+)*"),
    }


def _opening(s: NumberSections) -> dict[str, Any]:
    """Where a number opens: the anchor patterns, and the words a line is first checked for."""
    words, units, scales, fractions, vague, dates = s.words, s.units, s.scales, s.fractions, s.vague, s.dates
    word_kinds, weak, marker = words.kinds, words.weak, fractions.marker
    ordinal_words, quarter_word, month_only_names = s.ordinals.words, dates.quarter_word, s.month_only_names
    numword = word_alternation(word_kinds)
    # A plural multiplier ("dozens") goes on a number, never opens one: "dozens of people" is vague.
    strong_words = [w for w, (kind, _) in word_kinds.items() if w not in weak and kind != "plural"]
    # What may follow a weak word ("một", "năm", "one", "a") for it to open a number: more of the
    # number, a unit, a scale, a classifier or a fraction.
    after_weak = (
        list(word_kinds)
        + list(words.classifiers)
        + list(units.durations)
        + list(units.measures)
        + units.percent
        + list(units.currencies)
        + list(scales.spaced)
    )
    fraction_words = list(fractions.half) + list(fractions.after_marker) + fractions.words_written
    # "one in five", "one out of three": a ratio opens "one" as a fraction does.
    weak_follow = word_alternation(after_weak + ([marker] if marker else []) + fraction_words + fractions.ratio_joins)
    weak_follow_words = edge_words(after_weak + [marker] + fraction_words, first=True)
    article_follow_words = edge_words(list(word_kinds) + list(scales.spaced) + [marker] + fraction_words, first=True)
    unit_follow_words = article_follow_words | edge_words(list(units.table) + fractions.ratio_joins, first=True)
    joined = "(?:[ ]{1,3}|[ ]?-[ ]?)"  # number words are joined by a hyphen or spaces ("fifty  two", "fifty - two")
    # A weak word ("a", "one") opens a number only before a word that makes it one, joined tightly: with
    # " - " too, every "a - " of a text opened a match of sixteen words, then refused (2 s per 100 KB).
    # A spaced hyphen stays for a fraction word: "one - fourth".
    weak_joined = "(?:[ ]{1,3}|-)"
    weak_next = f"{weak_joined}{weak_follow}"
    if fraction_words:
        weak_next = f"(?:{weak_next}|[ ]?-[ ]?{word_alternation(fraction_words)})"
    first_word = f"(?:{word_alternation(strong_words)}|{word_alternation(weak)}(?={weak_next}{NOT_LETTER_AFTER}))"
    if s.signs.words and words.needs_unit:  # "minus one", "negative one": a sign word makes "one" a number
        first_word = first_word[:-1] + (
            f"|(?<={NOT_LETTER_BEFORE}{word_alternation(s.signs.words)}[ ]+){word_alternation(words.needs_unit)})"
        )

    service = "".join(
        f"|{regex.escape(p)}(?:[ .]?[0-9]{{2,4}}){{1,3}}(?![0-9])" for p in s.not_figures.service_prefixes
    )
    anchor_parts = [
        # Phone numbers open with 0 or +: "0912 345 678", "+84 24 3825 1234" (digit count checked in code).
        r"(?P<phone>(?:\+[0-9]{1,3}[ .-]?|\(0[0-9]{1,3}\)[ ]?|0)[0-9]{1,4}(?:[ .-][0-9]{2,4}){1,4}(?![0-9])"
        + service
        + ")",
        # Dates with dashes first ("2024-09-27", "27-9-2024"), so that they are not read as ranges.
        # One leading [0-9] lets the regex module skip ahead to digits fast (an alternation at
        # the top would make it try every position).
        r"(?P<digits>[0-9](?:[0-9]{3}-[0-9]{1,2}-[0-9]{1,2}(?![0-9])|[0-9]?-[0-9]{1,2}-[0-9]{4}(?![0-9])"
        r"|[0-9]*(?:[.,/:\u00a0][0-9]+)*))",
        # At most 16 words: the longest number ("chín trăm chín mươi chín nghìn ...") has fewer, and a
        # bound keeps a long run of number words from being rescanned from every word in it.
        # A few spaces where a layout left them ("fifty  two").
        f"{NOT_LETTER_BEFORE}(?P<words>{first_word}(?:{joined}{numword}{NOT_LETTER_AFTER}){{0,15}}){NOT_LETTER_AFTER}",
    ]
    if quarter_word and dates.roman_quarters:
        anchor_parts.append(
            f"{NOT_LETTER_BEFORE}(?P<quarter>(?i:{regex.escape(quarter_word)})[ ]+"
            f"{alternation(dates.roman_quarters, ignore_case=False)})(?![\\p{{L}}\\p{{M}}0-9])"
        )
    if vague.heads:
        anchor_parts.append(
            f"{NOT_LETTER_BEFORE}(?P<vague>{word_alternation(vague.heads)}[ ]+{word_alternation(vague.scales)}"
            f"(?:[ ]+{word_alternation(vague.scales)})?){NOT_LETTER_AFTER}"
        )
    if vague.plurals:
        anchor_parts.append(f"{NOT_LETTER_BEFORE}(?P<plural>{word_alternation(vague.plurals)}){NOT_LETTER_AFTER}")
    if fractions.half:
        # "½", "⅔" are read where "half" is (claims/numbers/fraction_signs.py).
        anchor_parts.append(
            f"{NOT_LETTER_BEFORE}(?P<half>{word_alternation(fractions.half)}|{FRACTION_SIGN_CLASS}){NOT_LETTER_AFTER}"
        )
    if ordinal_words:
        anchor_parts.append(f"{NOT_LETTER_BEFORE}(?P<ordword>{word_alternation(ordinal_words)}){NOT_LETTER_AFTER}")
    if month_only_names:
        anchor_parts.append(f"{NOT_LETTER_BEFORE}(?P<monthname>{word_alternation(month_only_names)}){NOT_LETTER_AFTER}")
    # Where words can open a number: scanning for them is the costly part, so lines are
    # first checked for these words with plain substring tests (claims/numbers/parse.py).
    starters = {w for w, (kind, _) in word_kinds.items() if kind in ("digit", "ten", "tens", "hundred")}
    starters |= words.opening_markers
    starters |= {w.casefold() for w in vague.heads} | set(vague.plurals) | set(fractions.half) | set(ordinal_words)
    starters |= month_only_names
    starters |= set(FRACTION_SIGNS)  # "½", "⅔" after a space, read where "half" is
    if quarter_word:
        starters.add(quarter_word.casefold())
    starter_words = sorted(starters)
    return {
        # The longest patterns, each compiled in milliseconds or more: later runs load them.
        "anchor": compile_cached("|".join(anchor_parts)),
        "phone_anchor": compile_cached("|".join(anchor_parts[:2])),
        "digit_anchor": regex.compile(anchor_parts[1]),
        "word_anchor": compile_cached("|".join(anchor_parts[2:])),
        "word_candidates": compile_cached(f"{NOT_LETTER_BEFORE}{word_alternation(starter_words)}{NOT_LETTER_AFTER}"),
        "starter_search": WordSearch(" " + word for word in starter_words),
        "weak_follows": {
            w: article_follow_words
            if w in words.articles
            else unit_follow_words
            if w in words.needs_unit
            else weak_follow_words
            for w in weak
        },
        "starter_follow_words": {
            **{head.casefold(): edge_words(vague.scales, first=True) for head in vague.heads},
            **(
                {quarter_word.casefold(): frozenset(n.casefold() for n in dates.roman_quarters)} if quarter_word else {}
            ),
        },
        "gated_weak": weak
        - edge_words(
            vague.heads
            + list(vague.plurals)
            + list(fractions.half)
            + list(ordinal_words)
            + list(month_only_names)
            + [quarter_word],
            first=True,
        ),
    }


def _before(s: NumberSections) -> dict[str, Any]:
    """What may stand right before a number: a qualifier, a range opener, a date or label word, a sign, a currency."""
    dates, qualifiers, linkers = s.dates, s.qualifiers.before, s.qualifiers.linkers
    # Qualifiers in signs (">30", "<= 100") need no space or word boundary.
    qualifier_signs = [q for q in qualifiers if is_sign(q)]
    qualifier_words = [q for q in qualifiers if not is_sign(q)]
    sign_words, currency_prefixes = s.signs.words, s.units.currency_prefixes
    before_words = (
        set(dates.day_words)
        | set(dates.in_mention)
        | set(dates.clock_before)
        | set(s.ordinals.before)
        | set(s.ordinals.round_before)
        | set(s.not_figures.score_context)
        | set(s.not_figures.labels)
        | set(s.words.neutral_before)
        | set(dates.standalone_month_names)
        | set(s.units.before)
    )
    # A minus sign stands straight before the digits (or the currency sign), never after a number: "1 -2".
    sign = f"(?P<sign>{word_alternation(sign_words)}[ ]+|(?<![0-9%][ ]?)-)"
    return {
        # Matched backwards from the number ((?r)), so only one attempt is made per number.
        "before": compile_cached(
            "(?r)"
            # A qualifier sign stands straight before the number, its minus or its currency: ">30", "<-5", "≥ $5".
            f"(?:{sign_qualifier(qualifier_signs, alternation)}(?:{sign})?"
            f"(?:(?P<cur>{alternation(currency_prefixes, ignore_case=False)})[ ]?)?\\Z|{NOT_LETTER_BEFORE}"
            f"(?:(?P<qual>{word_alternation(qualifier_words)})[ ]+(?:{word_alternation(linkers)}[ ]+)?)?"
            f"(?:(?P<open>{word_alternation(s.ranges.open)})[ ]+)?"
            f"(?:(?P<word>{word_alternation(before_words)})\\.?[ ]+)?"
            f"(?:{sign})?"
            f"(?:(?P<cur>{alternation(currency_prefixes, ignore_case=False)})[ ]?)?\\Z)"
        ),
        # "equal to", "tương đương" let no weak word open a number: "bằng một tay" is no figure.
        "qualifier_last_words": edge_words(
            [q for q in qualifiers if qualifiers[q] != "exact"] + sign_words, first=False
        ),
        "before_signs": frozenset(
            {p[-1] for p in list(currency_prefixes) + qualifier_signs if not p[-1].isalpha()} | {"."}
        ),
        **single_words_before(qualifiers, linkers, s.ranges.open, before_words, sign_words),
        "before_last_words": edge_words(
            list(qualifiers) + linkers + s.ranges.open + list(before_words) + list(currency_prefixes) + sign_words,
            first=False,
        ),
    }


def _after(s: NumberSections) -> dict[str, Any]:
    """What may follow a number: a scale, a range's second bound, a unit, a fraction, a date's month or year."""
    words, units, scales, fractions, dates, ranges = s.words, s.units, s.scales, s.fractions, s.dates, s.ranges
    marker, denominators, denominator_words = fractions.marker, fractions.after_marker, fractions.words
    month_word, year_word, month_names = dates.month_word, dates.year_word, dates.standalone_month_names
    currency_prefixes, sign_words = units.currency_prefixes, s.signs.words
    glued = regex.compile(r"[\p{L}°²³][\p{L}\p{M}0-9²³]*(?:/h)?")
    # An abbreviation's dot ("2,5 tr. đồng") is kept; a full stop ends the sentence instead.
    scale_after = regex.compile(
        f"[ ]?(?P<scale>{alternation(scales.spaced)})(?:\\.(?=[ ]\\p{{Ll}}))?{NOT_LETTER_AFTER}"
    )
    # A join written in signs ("20~100") needs no spaces around it.
    sign_joins = [j for j in ranges.join if is_sign(j)]
    sign_join = f"|[ ]?(?P<join>{alternation(sign_joins)})[ ]?" if sign_joins else ""
    word_joins = [j for j in ranges.join if not is_sign(j)]
    range_after = compile_cached(
        f"(?P<sep>[ ]?-[ ]?{sign_join}|[ ]+(?P<join>{word_alternation(word_joins)})[ ]+)"
        f"(?P<cur>{alternation(currency_prefixes, ignore_case=False)})?[ ]?"
        # A negative second bound: "từ -5 đến -1", "from minus 10 to minus 2" (a sign after a space
        # only: "5--3" is none).
        f"(?P<sign>(?<=[ ])-|{word_alternation(sign_words)}[ ]+)?"
        f"(?=[0-9]|{word_alternation(words.kinds)}{NOT_LETTER_AFTER})"
    )
    # English joins a unit to its number with a hyphen before a noun: "a 10-year plan", "a 6.1-inch screen".
    unit_joiner = "(?:[ ]|-(?=\\p{L}))?" if units.hyphenated else "[ ]?"
    unit_after = compile_cached(f"{unit_joiner}(?P<unit>{alternation(units.table)}){NOT_LETTER_AFTER}")
    # A price per unit: "/" straight before any measure or duration ("USD/ounce", "đồng/tháng"), a word
    # between spaces ("per barrel").
    per_joiners = ["/"] if "/" in units.per else []
    per_words = [w for w in units.per if w != "/"]
    per_joiners += [f"[ ]+{word_alternation(per_words)}[ ]+"] if per_words else []
    per_units = list(units.measures) + list(units.durations)
    per_after = compile_cached(
        f"(?:{'|'.join(per_joiners)})(?P<per>{alternation(per_units)}){NOT_LETTER_AFTER}" if per_joiners else r"(?!x)x"
    )
    fraction_parts = []
    if marker:
        fraction_parts.append(
            f"[ ]+{regex.escape(marker)}[ ]+(?P<den>{word_alternation(denominators)}|[0-9]+){NOT_LETTER_AFTER}"
        )
    if denominator_words:
        fraction_parts.append(f"[ -](?P<den_word>{word_alternation(denominator_words)}){NOT_LETTER_AFTER}")
    if fractions.half:
        fraction_parts.append(f"[ ]+(?P<half>{word_alternation(fractions.half)}){NOT_LETTER_AFTER}")
    and_half_after = regex.compile(f"[ ]+(?P<and_half>{word_alternation(fractions.half_suffix)}){NOT_LETTER_AFTER}")
    fraction_after = regex.compile("|".join(fraction_parts) if fraction_parts else r"(?!x)x")
    # Atomic, and no number after it: "5,000 or less than 6,000" is two figures, not "5,000 or less"
    # ("six months or more and", "two hours or more a day" are one: a joiner or an article opens no number).
    number_words = [w for w, (kind, _) in words.kinds.items() if kind != "joiner" and w not in words.weak]
    suffix_after = compile_cached(
        f"[ ]+(?>(?P<suffix>{word_alternation(s.qualifiers.suffix)}){NOT_LETTER_AFTER})"
        f"(?![ ]+(?:-?[0-9]|{word_alternation(number_words)}{NOT_LETTER_AFTER}))"
    )
    ordinal_suffix = f"(?:{alternation(s.ordinals.suffixes, ignore_case=False)})?"
    if month_word:
        long_date_after = regex.compile(
            f"[ ]+(?i:{regex.escape(month_word)})[ ]+(?P<m>[0-9]{{1,2}})(?![0-9])"
            f"(?:(?:[ ]+(?i:{regex.escape(year_word)})[ ]+|[ ]*/[ ]*)(?P<y>[0-9]{{4}})(?![0-9]))?"
        )
    else:
        # "30 October", "3rd of June", "10 Oct. 2023"; a full stop after a month name ends the sentence.
        long_date_after = regex.compile(
            f"{ordinal_suffix}[ ]+(?:{word_alternation(dates.month_joiners)}[ ]+)?"
            f"(?P<mon>{alternation(month_names)})(?:\\.(?=[ ]*,?[ ]*[0-9]))?{NOT_LETTER_AFTER}"
            f"(?:,?[ ]+(?P<y>[0-9]{{4}})(?![0-9]))?"
        )
    month_after = regex.compile(
        f"(?:[ ]+(?i:{regex.escape(year_word)})[ ]+|[ ]*/[ ]*)(?P<y>[0-9]{{4}})(?![0-9])"
        if year_word
        else f"{ordinal_suffix},?[ ]+(?P<y>[0-9]{{4}})(?![0-9])"
    )
    clock_after_pattern = (
        regex.compile(
            f"(?:[ ]+(?P<min>[0-9]{{1,2}})(?:[ ]+(?:{word_alternation(dates.minutes_word)}))?)?"
            f"(?:[ ]+(?P<part>{word_alternation(dates.clock_after)}){NOT_LETTER_AFTER})?"
        )
        if dates.clock_after
        else regex.compile(r"(?!x)x")
    )
    meridiem_after = regex.compile(f"[ ]?(?P<meridiem>{alternation(dates.meridiem, ignore_case=False)})(?![\\p{{L}}])")
    half_after = regex.compile(f"[ ]+(?P<half>{word_alternation(words.half)}){NOT_LETTER_AFTER}")
    pair = pair_after(s.qualifiers.before, s.qualifiers.linkers, ranges.pair_join, ranges.join, word_alternation)
    ratio_joins = fractions.ratio_joins
    number_follows = f"(?=[0-9]|{word_alternation(words.kinds)}{NOT_LETTER_AFTER})"
    ratio = regex.compile(
        f"[ ]+(?P<ratio>{word_alternation(fractions.ratio_joins)})[ ]+{number_follows}"
        if fractions.ratio_joins
        else r"(?!x)x"
    )
    # What each pattern can start with (see _openers); the reader tries a pattern only there.
    first_words = {
        glued: frozenset("°²³"),  # or a letter glued to the digits
        scale_after: openers(scales.spaced),
        range_after: openers(ranges.join) | {"-"},
        unit_after: openers(units.table) | ({"-"} if units.hyphenated else set()),
        per_after: openers(units.per),
        fraction_after: openers([marker, *denominators, *denominator_words, *fractions.half])
        | ({"-"} if denominator_words else set()),
        and_half_after: openers(fractions.half_suffix),
        half_after: openers(words.half),
        suffix_after: openers(s.qualifiers.suffix),
        meridiem_after: openers(dates.meridiem),
        long_date_after: openers([month_word] if month_word else [*dates.month_joiners, *month_names]),
        month_after: openers([year_word]) | {"/"} if year_word else frozenset({DIGIT_FOLLOWS}),
        clock_after_pattern: openers(dates.clock_after) | {DIGIT_FOLLOWS},
    }
    return {
        "glued": glued,
        "scale_after": scale_after,
        "range_after": range_after,
        "unit_after": unit_after,
        "per_after": per_after,
        "fraction_after": fraction_after,
        "and_half_after": and_half_after,
        "half_after": half_after,
        "suffix_after": suffix_after,
        "pair_after": pair,
        "ratio_after": ratio,
        "ratio_loose": fractions.ratio_joins_loose,
        "tested_after": {
            word: tuple(p for p, joins in ((pair, ranges.pair_join), (ratio, ratio_joins)) if word in openers(joins))
            for word in openers(ranges.pair_join) | openers(ratio_joins)
        },
        "long_date_after": long_date_after,
        "month_after": month_after,
        "year_after": month_after,
        "clock_after_pattern": clock_after_pattern,
        "meridiem_after": meridiem_after,
        "quarter_after_ordinal": regex.compile(
            f"[ ]+{word_alternation(dates.quarter_after_ordinal)}{NOT_LETTER_AFTER}"
            f"(?:,?[ ]+(?:{word_alternation(dates.month_joiners)}[ ]+)?(?P<y>[0-9]{{4}})(?![0-9]))?"
        ),
        "vague_unit_joiner": regex.compile(f"[ ]+{word_alternation(s.vague.unit_joiners)}(?=[ ])"),
        "first_words": first_words,
        "after_first_words": frozenset().union(*first_words.values())
        | edge_words(
            list(month_names) + dates.minutes_word + list(words.kinds) + dates.month_joiners + s.vague.unit_joiners,
            first=True,
        ),
        "second_words": second_words(
            list(words.kinds)
            + list(scales.spaced)
            + list(units.table)
            + list(words.classifiers)
            + ranges.join
            + list(fractions.half_suffix)
            + list(fractions.half)
            + list(denominator_words)
            + list(denominators)
            + list(s.qualifiers.suffix),
            marker,
            denominators,
        ),
    }


def lexicon_for(pack: LanguagePack) -> NumberLexicon:
    found = pack.compiled.get(_CACHE_KEY)
    if found is None:
        found = pack.compiled[_CACHE_KEY] = build_lexicon(pack)
    return found
