"""Publication dates as metadata gives them -> ISO "YYYY-MM-DD" (or None when unreadable).

Numeric dates ("2024-09-27T10:00:00+07:00", "Thứ Sáu, 27/9/2024 10:00 (GMT+7)") are read
here by two patterns. Dates written in words ("Sept. 27, 2024", "Fri, 27 Sep 2024 10:00:00
+0700", "27 tháng 9, 2024") go to dateparser, which trafilatura's htmldate already installs, in
the dateparser languages the packs name (`publication_dates.dateparser_languages`); a pack that
names none, or only ones dateparser has no data for, reads numeric dates only.
It is imported on the first value the patterns cannot read (about 0.03-0.08 s, then 0.09 s
to load its language data; under 1 ms a value after that), so a run whose dates are all
numeric never pays for it.
The day is the one written, in the article's own timezone: "27 Sep 2024 01:00 +0700" is the 27th.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import regex

from claims.lang import extra_lexicon_paths, languages, load_pack

# Day-first is the Vietnamese (and British) order: "27/9/2024", "27-09-2024", "27.09.2024".
_DAY_FIRST = regex.compile(r"(?<![0-9])([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})(?![0-9])")
# ISO, alone or as the start of a timestamp: "2024-09-27", "2024-09-27T10:00:00+07:00", "2024/09/27".
_YEAR_FIRST = regex.compile(r"(?<![0-9])([0-9]{4})[/.\-]([0-9]{1,2})[/.\-]([0-9]{1,2})(?![0-9])")

_WORD_SETTINGS = {
    "DATE_ORDER": "DMY",  # "03/04/24" is 3 April, as in the numeric patterns
    "PARSERS": ["absolute-time"],  # no "hôm qua" / "2 hours ago" read against today's clock
    "REQUIRE_PARTS": ["day", "month", "year"],  # "September 2024" names no day: not filled with today's
    "RETURN_AS_TIMEZONE_AWARE": False,  # the clock as written, never moved to ours or to UTC
}
_LABEL_MAX = 30


def parse_date(value: object) -> str | None:
    """The date a metadata value names, as ISO; None when it names none we can trust."""
    return read_date(value)[0]


def read_date(value: object) -> tuple[str | None, str | None]:
    """(ISO date, None), or (None, why not) for a value given but unreadable, or (None, None)."""
    if not isinstance(value, str) or not value.strip():
        return None, None
    text = value.strip()[:100]  # a date is short; never scan a pasted paragraph
    for pattern, order in ((_YEAR_FIRST, "ymd"), (_DAY_FIRST, "dmy")):
        match = pattern.search(text, timeout=1)
        if match is None:
            continue
        parts = dict(zip(order, map(int, match.groups())))
        try:
            return dt.date(parts["y"], parts["m"], parts["d"]).isoformat(), None
        except ValueError:
            # "31/2/2024": a date that does not exist is not guessed at
            return None, f"date {_quoted(value)} names no day that exists: left empty"
    unlabelled = _without_label(text)
    codes = _dateparser_languages(extra_lexicon_paths())
    found = _read_words(text, codes) or (_read_words(unlabelled, codes) if unlabelled else None)
    if found:
        return found, None
    return None, f"date {_quoted(value)} is not a date we can read: left empty"


def _without_label(text: str) -> str | None:
    """'Cập nhật: 27 tháng 9, 2024' -> '27 tháng 9, 2024': a short label of letters, then a colon.
    (A clock's colon never qualifies: digits come before it.)"""
    label, colon, rest = text.partition(":")
    label = label.strip()
    if colon and 0 < len(label) <= _LABEL_MAX and all(ch.isalpha() or ch in " .-" for ch in label):
        return rest.strip() or None
    return None


@lru_cache(maxsize=4096)  # a feed's articles share a handful of date strings
def _read_words(text: str, codes: tuple[str, ...]) -> str | None:
    """A date written with words, as ISO, by dateparser in the languages `codes`."""
    if not codes:
        return None
    found = _word_reader(codes).get_date_data(text).date_obj
    return found.date().isoformat() if found else None


@lru_cache(maxsize=16)
def _dateparser_languages(extra: tuple[str, ...]) -> tuple[str, ...]:
    """The dateparser languages of every pack (with the user lexicons `extra`), in the packs' order,
    leaving out those dateparser has no data for: it raises on one at the first date it reads."""
    from dateparser.data.languages_info import language_order  # only here: see the module's docstring

    known = set(language_order)
    found: list[str] = []
    for code in languages(extra):
        for name in load_pack(code, extra).value("publication_dates.dateparser_languages"):
            if name in known and name not in found:
                found.append(name)
    return tuple(found)


@lru_cache(maxsize=4)
def _word_reader(codes: tuple[str, ...]):
    from dateparser.date import DateDataParser  # only here: see the module's docstring

    return DateDataParser(languages=list(codes), settings=_WORD_SETTINGS)


def _quoted(value: str) -> str:
    shown = value.strip()
    return repr(shown if len(shown) <= 40 else shown[:39] + "…")
