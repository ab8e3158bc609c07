"""Digits that are no count, told by what is written around them (issue #15).

A time before a time zone ("0001 GMT"), a phone number written whole ("0962686808"), a label
joined by a hyphen ("18-rated"), a name alone in quotes ('mã danh "365"'), the sets of a match
("6-4 5-7 6-3"), a date in brackets or closing a span of dates ("Sáng nay (1/10)", "30/4-1/5"),
a brand before its number ("iOS 8.0"), and amounts glued to their digits ("48h", "1m60", "79p").
Pure functions of the matching copy of the text; digit_reading.py turns what they find into mentions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from .calendar import clock
from .context import CLAUSE_ENDS, SENTENCE_OPENERS

if TYPE_CHECKING:
    from .lexicon import NumberLexicon

# Holds the one or two words before a number that these readings look at.
_WORDS_REACH = 24
# A number that alone fills a pair of quotes is a name: 'mã danh "365"' (a code name).
_OPENING_QUOTES = frozenset("\"“'‘«")
_CLOSING_QUOTES = frozenset("\"”'’»")
# A phone number is written whole with its leading 0 ("0962686808"); no count opens with a 0.
_PHONE_DIGITS = 9
# "0001 GMT": hours and minutes in four digits, then a time zone.
_TIME_ZONE_AFTER = regex.compile(r"[ ]?(?P<zone>[A-Z]{2,4})(?![\p{L}\p{M}])")
# "30/4-1/5": the day and month a span of dates opens with, right before its second date.
_DATE_BEFORE_DASH = regex.compile(r"(?r)(?<![0-9/])[0-9]{1,2}/[0-9]{1,2}[ ]?-[ ]?\Z")
# "6-4 5-7 6-3": the sets of a match, scores written one after another.
_SCORE = regex.compile(r"[0-9]{1,2}-[0-9]{1,2}(?![0-9/.,-]?[0-9])")
_SCORE_BEFORE = regex.compile(r"(?r)(?<![0-9])[0-9]{1,2}-[0-9]{1,2},?[ ]\Z")
_SCORE_AFTER = regex.compile(r",?[ ][0-9]{1,2}-[0-9]{1,2}(?![0-9/.,-]?[0-9%])")
# "1m60": two digits of hundredths after the unit.
_HUNDREDTHS_AFTER_UNIT = regex.compile(r"(?P<unit>[\p{L}]+)(?P<hundredths>[0-9]{2})")
# Four bare digits after a word that dates them ("in 1701") are a year from here on.
_OLDEST_YEAR = 1000
# A clock shows no more hours than this: "48h" lasts two days.
_CLOCK_HOURS = 24


def time_before_zone(folded: str, e: int, written: str, lex: NumberLexicon, timeout: float) -> tuple[str, int] | None:
    """'0001 GMT': the time of day ("00:01") and where its zone ends."""
    if len(written) != 4 or not lex.hints.time_zones:
        return None
    # The zone read must be a known one, so one must stand there (after one space at most) for the pattern to tell.
    if not folded.startswith(tuple(lex.hints.time_zones), e + 1 if folded[e : e + 1] == " " else e):
        return None
    zone = _TIME_ZONE_AFTER.match(folded, e, timeout=timeout)
    normalized = f"{written[:2]}:{written[2:]}"
    if zone is None or zone["zone"] not in lex.hints.time_zones or clock(normalized) is None:
        return None
    return normalized, zone.end()


def whole_phone(folded: str, e: int, written: str) -> bool:
    return written[0] == "0" and len(written) >= _PHONE_DIGITS and not folded[e : e + 1].isalnum()


def hyphen_label_end(folded: str, e: int, lex: NumberLexicon, timeout: float) -> int | None:
    """'18-rated': where the label word joined to the number ends."""
    if not lex.hints.hyphen_labels or not folded.startswith("-", e):
        return None
    label = lex.word_token.match(folded, e + 1, timeout=timeout)
    return label.end() if label is not None and label.group().casefold() in lex.hints.hyphen_labels else None


def quoted_alone(folded: str, s: int, e: int) -> bool:
    """'mã danh "365"', but not '"2004's films'."""
    closing = e < len(folded) and folded[e] in _CLOSING_QUOTES and not folded[e + 1 : e + 2].isalpha()
    return s > 0 and folded[s - 1] in _OPENING_QUOTES and closing


def score_in_run(folded: str, s: int, e: int, timeout: float) -> regex.Match[str] | None:
    """'5-7' in "6-4 5-7 6-3": a pair of small numbers written next to another pair."""
    score = _SCORE.match(folded, s, timeout=timeout) if folded.startswith("-", e) else None
    if score is None:
        return None
    beside = _SCORE_BEFORE.search(folded, max(0, s - 8), s, timeout=timeout) or _SCORE_AFTER.match(
        folded, score.end(), timeout=timeout
    )
    return score if beside else None


def dated_around(folded: str, s: int, lex: NumberLexicon, timeout: float) -> bool:
    """'30/4-1/5' closes a span of dates; 'Sáng nay (1/10)' dates the day named before the bracket."""
    if _DATE_BEFORE_DASH.search(folded, max(0, s - 8), s, timeout=timeout):
        return True
    if s < 2 or folded[s - 1] != "(" or folded[s - 2] != " ":
        return False
    words = folded[max(0, s - _WORDS_REACH) : s - 2].casefold().split()
    days = lex.hints.relative_days
    return bool(words) and (words[-1] in days or " ".join(words[-2:]) in days)


def dated_year(folded: str, s: int, value: float, lex: NumberLexicon) -> bool:
    """'confirmed in 1701': four bare digits older than a year-like number, after a word that dates them."""
    words = folded[max(0, s - _WORDS_REACH) : s].casefold().split()
    return value >= _OLDEST_YEAR and bool(words) and words[-1] in lex.hints.year_before


def brand_before(folded: str, s: int, e: int) -> int | None:
    """Where a name starts that capitalises no first letter: a brand in camel case ("iOS 8.0", "iPad 2"),
    or a possessive title with nothing after its number ("displacing Ocean's 12.")."""
    words = folded[max(0, s - _WORDS_REACH) : s].split(" ")
    if len(words) < 2 or words[-1] != "":
        return None
    word = words[-2]
    start = s - 1 - len(word)
    camel = word[:1].islower() and any(c.isupper() for c in word[1:]) and word.isalnum()
    # Capitalised inside a sentence, so a name, not "She's 17," (she is).
    inside = start > 1 and folded[start - 1] == " " and folded[start - 2] not in SENTENCE_OPENERS
    possessive = (
        word[-2:] in ("'s", "’s")
        and word[:1].isupper()
        and word[:-2].isalpha()
        and inside
        and (e >= len(folded) or folded[e] in CLAUSE_ENDS)
    )
    return start if camel or possessive else None


def glued_amount(
    suffix: str, value: float, lex: NumberLexicon, timeout: float, *, currency_before: bool
) -> tuple[str, str, float] | None:
    """'48h' (more hours than a clock shows) lasts 48 hours; '1m60' is 1.60 m; '79p' is GBP 0.79:
    the kind, unit and amount of letters glued to digits, or None."""
    whole = value == int(value)
    if suffix in lex.clock_attached and whole and value > _CLOCK_HOURS and lex.unit_of(suffix) is None:  # not "100g"
        return "duration", "hour", value
    height = _HUNDREDTHS_AFTER_UNIT.fullmatch(suffix, timeout=timeout)
    if height is not None and height["unit"] in lex.hints.height_joiners and whole:
        unit = lex.unit_of(height["unit"])
        return (unit[0], unit[1], value + int(height["hundredths"]) / 100) if unit is not None else None
    if suffix in lex.hints.hundredths and not currency_before:
        return "money", lex.hints.hundredths[suffix], value / 100
    return None
