"""The number data of a language pack, read one [numbers.*] section at a time through its schema.

Each reader takes what one section of claims/lang/<code>/numbers.toml holds (claims/lang/schema.toml
declares every key and its default) and puts it in the form the lexicon builder
(claims/numbers/lexicon.py) compiles from: words case-folded, tables keyed by folded words.
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.lang import LanguagePack

from .word_tables import idioms, lower_keys, number_word_kinds

# The tables of [numbers.words] that hold number words, in the order number_word_kinds reads them.
_WORD_TABLES = (
    "digits",
    "after_tens",
    "ten",
    "tens",
    "tens_marker",
    "hundred",
    "plural_multipliers",
    "scales",
    "joiners",
    "half",
)
QUALIFIERS = ("approx", "more_than", "at_least", "less_than", "at_most", "nearly", "exact")


def _folded(words) -> frozenset:
    return frozenset(w.casefold() for w in words)


@dataclass(frozen=True)
class Digits:  # [numbers.digits]
    group: str
    decimal: str
    exponents: frozenset


def read_digits(pack: LanguagePack) -> Digits:
    return Digits(
        group=pack.value("numbers.digits.group"),
        decimal=pack.value("numbers.digits.decimal"),
        exponents=frozenset(pack.value("numbers.digits.exponent")),
    )


@dataclass(frozen=True)
class Words:  # [numbers.words] and [numbers.words.context]
    kinds: dict  # folded word -> (kind, value)
    opening_markers: frozenset
    half: list
    shorthand: bool
    weak: frozenset
    after_ten: frozenset
    articles: frozenset
    needs_unit: frozenset
    classifiers: frozenset
    neutral_before: frozenset
    idioms: dict
    lone_word_before_noun: bool
    title_case_lines: bool
    not_after_one: frozenset
    outcomes_after_one: frozenset


def read_words(pack: LanguagePack) -> Words:
    tables = {name: pack.value(f"numbers.words.{name}") for name in _WORD_TABLES}
    return Words(
        kinds=number_word_kinds(tables),
        opening_markers=_folded(pack.value("numbers.words.tens_marker_alone")),
        half=pack.value("numbers.words.half"),
        shorthand=bool(pack.value("numbers.words.shorthand_after_multiplier")),
        weak=_folded(pack.value("numbers.words.context.weak")),
        after_ten=_folded(pack.value("numbers.words.context.after_ten")),
        articles=_folded(pack.value("numbers.words.context.articles")),
        needs_unit=_folded(pack.value("numbers.words.context.needs_unit")),
        classifiers=_folded(pack.value("numbers.words.context.classifiers")),
        neutral_before=_folded(pack.value("numbers.words.context.neutral_before")),
        idioms=idioms(pack.value("numbers.words.context.idioms")),
        lone_word_before_noun=bool(pack.value("numbers.words.context.lone_word_before_noun")),
        title_case_lines=bool(pack.value("numbers.words.context.title_case_lines")),
        not_after_one=_folded(pack.value("numbers.words.context.not_after_one")),
        outcomes_after_one=frozenset(
            tuple(w.casefold().split()) for w in pack.value("numbers.words.context.outcomes_after_one")
        ),
    )


@dataclass(frozen=True)
class Signs:  # [numbers.signs]
    words: list
    not_after: frozenset


def read_signs(pack: LanguagePack) -> Signs:
    return Signs(
        words=list(pack.value("numbers.signs.words")), not_after=_folded(pack.value("numbers.signs.not_after"))
    )


@dataclass(frozen=True)
class Fractions:  # [numbers.fractions]
    marker: str  # "phần" in "một phần ba"; "" where the language writes none
    half: frozenset
    # Folded denominators after the marker ("ba phần tư"). A pack with none takes its
    # denominator words instead, as the builder always has.
    after_marker: dict
    words: dict  # folded words that are a denominator themselves: "thirds"
    words_written: list  # the same as written
    half_suffix: frozenset
    whole_joiner: str  # "and" in "five and a quarter"; "" where the language writes none
    before_scale: list  # "of a" in "two thirds of a million"
    share_before: frozenset  # folded words after "a third" that keep it a share, not a rank
    ratio_joins: list  # "1 in 5", "7 out of 10"
    ratio_joins_loose: frozenset  # folded joins that make a ratio of a small count or a round whole only


def read_fractions(pack: LanguagePack) -> Fractions:
    words = pack.value("numbers.fractions.denominators")
    return Fractions(
        marker=pack.value("numbers.fractions.marker"),
        half=_folded(pack.value("numbers.fractions.half")),
        after_marker=lower_keys(pack.value("numbers.fractions.after_marker") or words),
        words=lower_keys(words),
        words_written=list(words),
        half_suffix=_folded(pack.value("numbers.fractions.half_suffix")),
        whole_joiner=pack.value("numbers.fractions.whole_joiner").casefold(),
        before_scale=list(pack.value("numbers.fractions.before_scale")),
        share_before=_folded(pack.value("numbers.fractions.share_before")),
        ratio_joins=list(pack.value("numbers.fractions.ratio_joins")),
        ratio_joins_loose=_folded(pack.value("numbers.fractions.ratio_joins_loose")),
    )


@dataclass(frozen=True)
class Scales:  # [numbers.scales]
    spaced: dict  # as written
    attached: dict
    with_currency: dict


def read_scales(pack: LanguagePack) -> Scales:
    return Scales(
        spaced=dict(pack.value("numbers.scales.spaced")),
        attached=dict(pack.value("numbers.scales.attached")),
        with_currency=dict(pack.value("numbers.scales.attached_with_currency")),
    )


@dataclass(frozen=True)
class Qualifiers:  # [numbers.qualifiers] and [numbers.tolerance]
    before: dict  # folded phrase -> qualifier name
    linkers: list
    suffix: dict  # folded phrase after the figure -> qualifier name
    tolerance: dict


def read_qualifiers(pack: LanguagePack) -> Qualifiers:
    before = {}
    for name in QUALIFIERS:
        for phrase in pack.value(f"numbers.qualifiers.{name}"):
            before[phrase.casefold()] = name
    suffix = {p.casefold(): "at_least" for p in pack.value("numbers.qualifiers.suffix_at_least")}
    suffix.update({p.casefold(): "at_most" for p in pack.value("numbers.qualifiers.suffix_at_most")})
    # "less than 30 or equal": the bound included; read only after a strict qualifier.
    suffix.update({p.casefold(): "or_equal" for p in pack.value("numbers.qualifiers.suffix_or_equal")})
    return Qualifiers(
        before=before,
        linkers=list(pack.value("numbers.qualifiers.linkers")),
        suffix=suffix,
        tolerance={"approx": 0.1, "nearly": 0.1, **pack.value("numbers.tolerance")},
    )


@dataclass(frozen=True)
class Vague:  # [numbers.vague]
    many: list
    few: list
    scales: dict  # folded
    plurals: dict  # folded
    unit_joiners: list

    @property
    def heads(self) -> list:
        return self.many + self.few


def read_vague(pack: LanguagePack) -> Vague:
    return Vague(
        many=list(pack.value("numbers.vague.many")),
        few=list(pack.value("numbers.vague.few")),
        scales=lower_keys(pack.value("numbers.vague.scales")),
        plurals=lower_keys(pack.value("numbers.vague.plurals")),
        unit_joiners=list(pack.value("numbers.vague.unit_joiners")),
    )


@dataclass(frozen=True)
class Ranges:  # [numbers.ranges]
    open: list
    join: list
    needs_open: dict  # folded join word -> folded openers
    pair_join: list  # "above 1,000 and below 1,500": words between two one-sided figures of one range


def read_ranges(pack: LanguagePack) -> Ranges:
    return Ranges(
        open=list(pack.value("numbers.ranges.open")),
        join=list(pack.value("numbers.ranges.join")),
        needs_open={j.casefold(): _folded(o) for j, o in pack.value("numbers.ranges.needs_open").items()},
        pair_join=list(pack.value("numbers.ranges.pair_join")),
    )


@dataclass(frozen=True)
class Units:  # [numbers.units]
    table: dict  # unit as written -> (kind, canonical)
    cased: dict  # short or non-alphabetic units, matched as written
    folded: dict  # the rest, case-folded
    percent: list
    currencies: dict
    currency_prefixes: dict
    durations: dict
    measures: dict
    per: list
    before: dict  # as written -> canonical
    hyphenated: bool


def read_units(pack: LanguagePack) -> Units:
    percent = pack.value("numbers.units.percent")
    currencies = pack.value("numbers.units.currencies")
    durations = pack.value("numbers.units.durations")
    measures = pack.value("numbers.units.measures")
    table: dict = {}
    for word in percent:
        table[word] = ("percent", "percent")
    for word in pack.value("numbers.units.percentage_point"):
        table[word] = ("percentage_point", "percentage_point")
    for word, code in currencies.items():
        table[word] = ("money", code)
    for word, code in durations.items():
        table[word] = ("duration", code)
    for word, code in measures.items():
        table[word] = ("quantity", code)
    cased = {w: v for w, v in table.items() if len(w) <= 2 or not w.isalpha()}
    return Units(
        table=table,
        cased=cased,
        folded={w.casefold(): v for w, v in table.items() if w not in cased},
        percent=list(percent),
        currencies=currencies,
        currency_prefixes=dict(pack.value("numbers.units.currency_prefixes")),
        durations=durations,
        measures=measures,
        per=list(pack.value("numbers.units.per")),
        before=pack.value("numbers.units.before"),
        hyphenated=bool(pack.value("numbers.units.hyphenated")),
    )


@dataclass(frozen=True)
class Dates:  # [numbers.dates]
    day_words: frozenset
    in_mention: frozenset
    month_word: str
    year_word: str
    quarter_word: str
    month_names: dict  # folded name after the month word -> month
    standalone_month_names: dict  # as written ("January", "Jan") -> month
    roman_quarters: dict
    quarter_after_ordinal: list
    month_joiners: list
    month_first: bool
    clock_attached: frozenset
    clock_before: frozenset
    clock_after: list
    minutes_word: list
    meridiem: list
    afternoon: dict  # folded word -> span of hours that move by 12


def read_dates(pack: LanguagePack) -> Dates:
    return Dates(
        day_words=_folded(pack.value("numbers.dates.day_words")),
        in_mention=_folded(pack.value("numbers.dates.in_mention")),
        month_word=pack.value("numbers.dates.month_word"),
        year_word=pack.value("numbers.dates.year_word"),
        quarter_word=pack.value("numbers.dates.quarter_word"),
        month_names=lower_keys(pack.value("numbers.dates.month_names")),
        standalone_month_names=dict(pack.value("numbers.dates.standalone_month_names")),
        roman_quarters=dict(pack.value("numbers.dates.roman_quarters")),
        quarter_after_ordinal=list(pack.value("numbers.dates.quarter_after_ordinal")),
        month_joiners=list(pack.value("numbers.dates.month_joiners")),
        month_first=bool(pack.value("numbers.dates.month_first")),
        clock_attached=frozenset(pack.value("numbers.dates.clock_attached")),
        clock_before=_folded(pack.value("numbers.dates.clock_before")),
        clock_after=list(pack.value("numbers.dates.clock_after")),
        minutes_word=list(pack.value("numbers.dates.minutes_word")),
        meridiem=list(pack.value("numbers.dates.meridiem")),
        afternoon={k.casefold(): tuple(v) for k, v in pack.value("numbers.dates.afternoon").items()},
    )


@dataclass(frozen=True)
class Ordinals:  # [numbers.ordinals]
    before: frozenset
    round_before: frozenset  # "last" in "the last 32": a knockout round when nothing counted follows
    round_after: frozenset
    suffixes: list
    words: dict  # folded


def read_ordinals(pack: LanguagePack) -> Ordinals:
    return Ordinals(
        before=_folded(pack.value("numbers.ordinals.before")),
        round_before=_folded(pack.value("numbers.ordinals.round_before")),
        round_after=_folded(pack.value("numbers.ordinals.round_after")),
        suffixes=list(pack.value("numbers.ordinals.suffixes")),
        words=lower_keys(pack.value("numbers.ordinals.words")),
    )


@dataclass(frozen=True)
class NotFigures:  # [numbers.scores], [numbers.identifiers], [numbers.phones], [numbers.not_numbers]
    score_context: frozenset
    labels: frozenset
    service_prefixes: tuple
    written: frozenset


def read_not_figures(pack: LanguagePack) -> NotFigures:
    return NotFigures(
        score_context=_folded(pack.value("numbers.scores.context")),
        labels=_folded(pack.value("numbers.identifiers.labels")),
        service_prefixes=tuple(pack.value("numbers.phones.service_prefixes")),
        written=frozenset(pack.value("numbers.not_numbers.written")),
    )


def place_aliases(pack: LanguagePack) -> frozenset:
    """Every alias of the gazetteer ([places.names]): "TP HCM 210" is a place's figure, not a name."""
    return frozenset(alias for aliases in pack.value("places.names").values() for alias in aliases)


@dataclass(frozen=True)
class NumberSections:
    """Every [numbers.*] section of a pack, read."""

    digits: Digits
    words: Words
    signs: Signs
    fractions: Fractions
    scales: Scales
    qualifiers: Qualifiers
    vague: Vague
    ranges: Ranges
    units: Units
    dates: Dates
    ordinals: Ordinals
    not_figures: NotFigures

    @property
    def month_only_names(self) -> frozenset:
        """Month names that are no number words ("tháng giêng", "tháng chạp")."""
        return frozenset(w for w in self.dates.month_names if " " not in w and w not in self.words.kinds)


def read_sections(pack: LanguagePack) -> NumberSections:
    return NumberSections(
        digits=read_digits(pack),
        words=read_words(pack),
        signs=read_signs(pack),
        fractions=read_fractions(pack),
        scales=read_scales(pack),
        qualifiers=read_qualifiers(pack),
        vague=read_vague(pack),
        ranges=read_ranges(pack),
        units=read_units(pack),
        dates=read_dates(pack),
        ordinals=read_ordinals(pack),
        not_figures=read_not_figures(pack),
    )
