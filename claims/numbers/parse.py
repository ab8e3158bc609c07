"""parse_numbers: every number mention in a text, read as an interval with its kind and unit.

One anchor pattern finds where numbers are (digits, number words, vague amounts);
around each anchor, small anchored patterns read what comes before it (qualifier,
"từ", a date or label word, a currency sign) and after it (scale word, range, unit,
fraction, suffix qualifier). Everything runs over a same-length folded copy of the
text, so offsets hold in the caller's string.
"""

from __future__ import annotations

import unicodedata

import regex

from claims.lang import LanguagePack, load_pack
from claims.text.normalize import fold_for_matching, normalize_with_offsets

from .candidates import word_starts
from .calendar import clock, day_month, valid_year_like
from .digits import read_digits
from .intervals import interval, vague_interval
from .lexicon import DIGIT_FOLLOWS, NumberLexicon, lexicon_for
from .mention import NumberMention
from .words import read_number_words

# How far back a qualifier, "từ" or a date word may stand from the digits.
_BEFORE_WINDOW = 48
_GROUP_SPACES = "\u00a0\u2007\u2009\u202f"
_SENTENCE_OPENERS = ".!?:;\"'(\n"


def _timeout(text: str) -> float:
    # Linear patterns finish far inside this; the bound is for hostile input.
    return max(1.0, len(text) / 2e6)


def parse_numbers(text: str, lang: str = "vi", *, pack: LanguagePack | None = None) -> list[NumberMention]:
    """Every number mention in `text`, in order; offsets index `text` itself."""
    pack = pack or load_pack(lang)
    normalized, offsets = normalize_with_offsets(text)
    mentions = scan_numbers(normalized, lexicon_for(pack))
    if offsets is None:
        return mentions
    for mention in mentions:
        mention.start, mention.end = offsets.to_raw(mention.start, mention.end)
        if mention.number_start is not None:
            mention.number_start = offsets.to_raw(mention.number_start, mention.number_start + 1)[0]
        mention.text = text[mention.start:mention.end]
    return mentions


def matching_copy(normalized: str) -> str:
    """The same-length copy of NFC text that number patterns run over."""
    folded = fold_for_matching(normalized)
    if not any(ch in normalized for ch in _GROUP_SPACES):
        return folded
    # Folding turns every space alike; keep the typographic ones that group digits ("1 234").
    chars = list(folded)
    for i, ch in enumerate(normalized):
        if ch in _GROUP_SPACES and 0 < i < len(chars) - 1 and chars[i - 1].isdigit() and chars[i + 1].isdigit():
            chars[i] = "\u00a0"
    return "".join(chars)


_DIGITS = regex.compile(r"[0-9]+")
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_LAST_WORD = regex.compile(r"[\p{L}\p{M}]+\Z")
# Longer than any word that can stand before a number.
_LONGEST_WORD = 24
_DASH_DAY = regex.compile(r"-([0-9]{1,2})(?![0-9])")
_OF = regex.compile(r"[ ]+of(?=[ ])")
# Characters after which no qualifier, date word or currency sign can stand before a number,
# and characters before which no scale, unit, range or fraction can follow one.
_NOTHING_BEFORE = frozenset(",;:!?)]}\n")
_NOTHING_AFTER = frozenset(",;:!?)]}\n\"'")
_CLAUSE_ENDS = _NOTHING_AFTER | {"."}
_UNSEEN = object()
# Characters before digits that glue them to no word.
_SPACE_OR_SIGN = frozenset(" \n\t(\"'$€£¥+")
_CLOSING = ".,;:!?)]}\"'"


def scan_numbers(normalized: str, lexicon: NumberLexicon, folded: str | None = None) -> list[NumberMention]:
    """Mentions in NFC text (already normalised); offsets index it. `folded` is its
    matching copy when the caller has made one already."""
    folded = folded if folded is not None else matching_copy(normalized)
    timeout = _timeout(folded)
    reader = _Reader(folded, normalized, lexicon, timeout)
    found: list[NumberMention] = []
    position = 0
    words = word_starts(folded, lexicon, timeout)
    next_word, word_count = 0, len(words)
    service = lexicon.service_prefixes
    # Only "0", "+", "(" or the first digit of a service prefix can open a phone number.
    phone_openers = frozenset("0+(") | {prefix[0] for prefix in service}
    read_digits = reader._digits
    # Digits come from one pass of the digit pattern; number words, found apart, are read in turn.
    # Collected first: a timeout on finditer counts the time spent reading between matches too.
    for digits in list(lexicon.digit_anchor.finditer(folded, timeout=timeout)):
        candidate = digits.start()
        while next_word < word_count and words[next_word] < candidate:
            position = _read_words(reader, words[next_word], position, found)
            next_word += 1
        if candidate < position:
            continue
        # "+84 ...", "(024) ...", "0912 ...", "1900 ...".
        opener = candidate - 1 if candidate and folded[candidate - 1] in "+(" else candidate
        if folded[opener] in phone_openers and (folded[opener] != "1" or folded.startswith(service, candidate)):
            anchor = lexicon.phone_anchor.match(folded, opener, timeout=timeout)
            if anchor is None:
                continue
            mention, resume = reader.read(anchor)
        else:
            mention, resume = read_digits(candidate, digits.end())
        if mention is not None:
            found.append(mention)
        position = max(resume, candidate + 1)
    for start in words[next_word:]:
        position = _read_words(reader, start, position, found)
    return found


def _read_words(reader: _Reader, start: int, position: int, found: list) -> int:
    """Reads the number words at `start` unless an earlier mention took them in; the next free position."""
    if start < position:
        return position
    anchor = reader.lex.word_anchor.match(reader.folded, start, timeout=reader.timeout)
    if anchor is None:
        return position
    mention, resume = reader.read(anchor)
    if mention is not None:
        found.append(mention)
    return max(resume, start + 1)


class _Reader:
    """Reads mentions in one text, one anchor match at a time."""

    def __init__(self, folded: str, original: str, lexicon: NumberLexicon, timeout: float):
        self.folded, self.original, self.lex, self.timeout = folded, original, lexicon, timeout
        self.anchor: regex.Match | None = None
        self._gates: dict[int, str | None] = {}

    # -- context -------------------------------------------------------------------------

    def _before(self, start: int) -> regex.Match | _OneWordBefore | None:
        """The qualifier, range opener, date or label word and currency sign before `start`.

        Cheap checks on the word before the number decide most cases; the reverse
        pattern reads the rest.
        """
        folded = self.folded
        i = start - 1 if start and folded[start - 1] == " " else start
        if i == 0:
            return None
        last = folded[i - 1]
        if last.isalpha():
            j = folded.rfind(" ", i - _LONGEST_WORD if i > _LONGEST_WORD else 0, i) + 1
            word = folded[j:i]
            if not word.isalpha():  # a line break, a bracket or a quote inside the window
                word = _trailing_letters(word)
                j = i - len(word)
                if unicodedata.combining(folded[j - 1]):  # a mark NFC could not compose: let the pattern read it
                    word = ""
            if word:
                key = word.casefold()
                if key not in self.lex.before_last_words:
                    return None
                if i != start:
                    alone = self._one_word_before(word, key, j)
                    if alone is not None:
                        return alone or None
        elif last != " " and (last not in self.lex.before_signs or (last == "." and i == start)):
            return None  # only more spaces, a currency sign, or the dot of "No." or "Aug." and a space can stand there
        found = self.lex.before.search(folded, max(0, start - _BEFORE_WINDOW), start, timeout=self.timeout)
        return found if found and found.start() < start else None

    def _one_word_before(self, word: str, key: str, j: int) -> _OneWordBefore | bool | None:
        """What the `before` pattern matches when one word stands alone before the number
        (the word before it can be part of no context phrase); None when the pattern must tell.

        Most numbers in news have such a word ("khoảng", "ngày", "tháng"): a set lookup is
        far cheaper than the reverse search. False means no context at all.
        """
        lex, folded = self.lex, self.folded
        if word in lex.currency_prefixes:
            return None
        group = lex.before_single_cased.get(word) or lex.before_single_words.get(key)
        if j > 1 and folded[j - 1] == " " and folded[j - 2].isalpha():
            k = folded.rfind(" ", j - 1 - _LONGEST_WORD if j > _LONGEST_WORD else 0, j - 1) + 1
            previous = folded[k:j - 1]
            previous = (previous if previous.isalpha() else _trailing_letters(previous)).casefold()
            # The word before may run on into this one ("ít nhất"), or close a group that
            # stands to its left: a qualifier before "từ", either before a date word.
            if (previous, key) in lex.before_word_pairs or previous in lex.before_ends_left_of.get(group or key, ()):
                return None
        return _OneWordBefore(group, j, word) if group else False

    def _match(self, pattern: regex.Pattern, at: int) -> regex.Match | None:
        """`pattern` matched at `at`, tried only when the word there can open it."""
        following = self._gates.get(at, _UNSEEN)
        if following is _UNSEEN:
            following = self._next_word(at)
        if following is None:
            return None
        if following:
            firsts = self.lex.first_words.get(pattern)
            if firsts is not None and following not in firsts:
                return None
        return pattern.match(self.folded, at, timeout=self.timeout)

    def _may_follow(self, at: int) -> bool:
        """False when nothing that the patterns read after a number can start at `at`."""
        following = self._next_word(at)
        return following is not None and (not following or following in self.lex.after_first_words)

    def _next_word(self, at: int) -> str | None:
        """What stands at `at`, as the lexicon's first_words name it: None when nothing can
        follow a number there; after one space the next word (case-folded), DIGIT_FOLLOWS for a
        digit or the sign itself; "" for letters glued to the number (or more spaces)."""
        known = self._gates.get(at, _UNSEEN)
        if known is not _UNSEEN:
            return known
        folded = self.folded
        size = len(folded)
        if at >= size or folded[at] in _NOTHING_AFTER:
            following = None
        elif folded[at] != " ":
            following = "" if folded[at].isalpha() else folded[at]  # "3bn", "19h15"; "30%", "2.000-2.500"
        elif at + 1 >= size:
            following = None
        elif folded[at + 1].isalpha():
            stop = folded.find(" ", at + 1, at + _LONGEST_WORD)
            word = folded[at + 1:stop if stop > 0 else at + _LONGEST_WORD].rstrip(_CLOSING)
            if not word.isalpha():  # a line break, a sign or a long word: let the pattern cut it
                word = _WORD.match(folded, at + 1, timeout=self.timeout).group()
            following = word.casefold()
        elif folded[at + 1].isdigit():
            following = DIGIT_FOLLOWS  # only the minutes of a clock ("9 giờ 30") are read there
        else:
            following = "" if folded[at + 1] == " " else folded[at + 1]  # " - ", " %"
        self._gates[at] = following
        return following

    def _mention(self, start: int, end: int, number_start: int, value, low, high, qualifier: str, kind: str,
                 unit=None, normalized=None) -> NumberMention:
        return NumberMention(self.original[start:end], start, end, value, low, high, qualifier, kind, unit, normalized,
                             number_start)

    def _label(self, kind: str, start: int, end: int, number_start: int, value=None, normalized=None) -> NumberMention:
        return self._mention(start, end, number_start, value, value, value, "exact", kind, None, normalized)

    # -- dispatch ------------------------------------------------------------------------

    def read_digits(self, s: int, e: int) -> tuple[NumberMention | None, int]:
        """Reads the digits at s:e (a match of the digit pattern) with their context."""
        return self._digits(s, e)

    def read(self, anchor: regex.Match) -> tuple[NumberMention | None, int]:
        self.anchor = anchor
        found = anchor.lastgroup  # the anchor's alternatives are named groups with none inside
        if found == "words":
            return self._words()
        if found == "digits":
            return self._digits(anchor.start("digits"), anchor.end("digits"))
        if found == "phone":
            phone = self._phone()
            if phone is not None:
                return phone, phone.end
            digits = self._match(self.lex.digits_only, anchor.start())
            return self._digits(anchor.start(), digits.end()) if digits else (None, anchor.end())
        if found == "quarter":
            return self._roman_quarter()
        if found in ("vague", "plural"):
            return self._vague()
        if found == "half":
            return self._half()
        if found == "monthname":
            return self._month_name()
        if found == "ordword":
            quarter = self._ordinal_quarter()
            if quarter is not None:
                return quarter, quarter.end
            s, e = anchor.span("ordword")
            value = float(self.lex.ordinal_words[self.folded[s:e].casefold()])
            return self._label("ordinal", s, e, s, value), e
        return None, anchor.end()

    def _phone(self) -> NumberMention | None:
        s, e = self.anchor.span("phone")
        written = self.folded[s:e]
        digits = sum(ch.isdigit() for ch in written)
        shortest, longest = (8, 10) if written.startswith(self.lex.service_prefixes) else (9, 13)
        if not shortest <= digits <= longest:
            return None
        return self._label("phone", s, e, s, normalized="".join(ch for ch in written if ch.isdigit() or ch == "+"))

    # -- digits --------------------------------------------------------------------------

    def _glued_before(self, s: int) -> int | None:
        """Start of the word that digits are glued to ("Covid-19", "MH17", "F-16"), if any."""
        if s == 0 or self.folded[s - 1] in _SPACE_OR_SIGN:
            return None
        i = s
        if i > 1 and self.folded[i - 1] == "-" and self.folded[i - 2].isalpha():
            i -= 1
        if i == 0 or not (self.folded[i - 1].isalpha() or unicodedata.combining(self.folded[i - 1])):
            return None
        while i > 0 and (self.folded[i - 1].isalnum() or unicodedata.combining(self.folded[i - 1])):
            i -= 1
        return i

    def _digits(self, s: int, e: int) -> tuple[NumberMention | None, int]:
        lex, written = self.lex, self.folded[s:e]
        glued_start = self._glued_before(s)
        if glued_start is not None:
            end = self._glued_end(e)
            return self._label("identifier", glued_start, end, s), end
        before = self._before(s)
        integer = written.isdigit()
        if integer or written.count(lex.group) + written.count(lex.decimal) == 1 and "/" not in written and ":" not in written:
            # A plain number ("2.500", "1,5", "150"): most numbers in news.
            if type(before) is not _OneWordBefore or before.group == "qual":
                plain = self._plain_number(before, s, e, written, integer)
                if plain is not None:
                    return plain
        word = before["word"].casefold() if before and before["word"] else None
        if "-" in written:  # d-m-yyyy
            day, month, year = (int(p) for p in written.split("-"))
            return self._date(before, s, e, day, month, year)
        if ":" in written:
            reading = clock(written)
            if reading is None:
                return self._label("score", s, e, s, normalized=written.replace(":", "-")), e
            meridiem = self._match(lex.meridiem_after, e)
            if meridiem is not None and int(reading[:2]) <= 12:  # "7:15 pm"
                hour = int(reading[:2]) % 12 + (12 if meridiem["meridiem"].casefold().startswith("p") else 0)
                return self._label("time", s, meridiem.end(), s, normalized=f"{hour:02d}{reading[2:]}"), meridiem.end()
            return self._label("time", s, e, s, normalized=reading), e
        if "/" in written:
            return self._slash(before, word, s, e, written)
        parts = written.split(".")
        if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) in (2, 4) and len(parts[1]) <= 2:
            day, month, year = int(parts[0]), int(parts[1]), int(parts[2])
            if 1 <= day <= 31 and 1 <= month <= 12:  # "1.1.2016"
                return self._date(before, s, e, day, month, year if year > 99 else 2000 + year)
        value = read_digits(written, lex.group, lex.decimal)
        if value is None:
            return None, e
        return self._number(before, word, s, e, value, integer=written.isdigit())

    def _plain_number(self, before, s: int, e: int, written: str, integer: bool) -> tuple | None:
        """A number with at most one qualifier word before it and nothing readable after it.

        The same reading as _number and _figure give, without their dozen checks; None
        when this shortcut does not apply.
        """
        if (before is not None and type(before) is not _OneWordBefore) or self._may_follow(e):
            return None
        lex = self.lex
        value = read_digits(written, lex.group, lex.decimal)
        if value is None:
            return None
        if integer and len(written) == 4 and valid_year_like(value) and not self._counts_something(e):
            return self._label("year", s, e, s, value, normalized=written), e
        if before is None:
            return NumberMention(self.original[s:e], s, e, value, value, value, "exact", "count", None, None, s), e
        qualifier = lex.qualifiers[before.text.casefold()]
        low, high = interval(value, qualifier, lex.tolerance)
        return self._mention(before.at, e, s, value, low, high, qualifier, "count"), e

    def _glued_end(self, e: int) -> int:
        glued = self._match(self.lex.glued, e)
        end = glued.end() if glued else e
        while end < len(self.folded) and (self.folded[end].isalnum() or self.folded[end] == "-" and end + 1 < len(self.folded) and self.folded[end + 1].isalnum()):
            end += 1
        return end

    def _include(self, before: regex.Match | None, *groups: str) -> int | None:
        """Where the mention starts when it takes in these parts of the context before it."""
        if before is None:
            return None
        if type(before) is _OneWordBefore:
            return before.at if before.group in groups else None
        starts = [before.start(g) for g in groups if before[g]]
        return min(starts) if starts else None

    def _date(self, before, s, e, day, month, year=None) -> tuple[NumberMention | None, int]:
        word = before["word"].casefold() if before and before["word"] else None
        start = self._include(before, "word") if word in self.lex.date_words else None
        normalized = day_month(day, month, year)
        if normalized is None:
            return None, e
        return self._label("date", start if start is not None else s, e, s, normalized=normalized), e

    def _slash(self, before, word, s, e, written) -> tuple[NumberMention | None, int]:
        if written in self.lex.not_numbers:
            return None, e
        parts = written.split("/")
        if not all(p.isdigit() for p in parts):
            return None, e
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            year = numbers[2] if numbers[2] > 99 else 2000 + numbers[2]
            day, month = (numbers[1], numbers[0]) if self.lex.code == "en" and numbers[0] <= 12 < numbers[1] else numbers[:2]
            if self.lex.code == "en" and numbers[0] <= 12 and numbers[1] <= 12:
                day, month = numbers[1], numbers[0]  # US order where both readings are possible
            return self._date(before, s, e, day, month, year)
        if len(numbers) != 2:
            return None, e
        first, second = numbers
        if len(parts[1]) == 4 and 1 <= first <= 12 and valid_year_like(second):  # "9/2025"
            start = self._include(before, "word") if word in self.lex.date_words else None
            return self._label("date", start if start is not None else s, e, s, normalized=f"{second:04d}-{first:02d}"), e
        # "Từ 1/10" (from 1 October): a date, where "1/10" alone could be a tenth.
        dated = word in self.lex.day_words or word in self.lex.date_words or bool(before and before["open"])
        qualified = bool(before and before["qual"])
        small_fraction = first < second and second in (2, 3, 4, 5, 8, 10)
        if not dated and (qualified or small_fraction or day_month(first, second) is None) and second:
            return self._figure(before, s, e, first / second, fraction=True)
        return self._date(before, s, e, first, second)

    def _number(self, before, word, s, e, value: float, *, integer: bool) -> tuple[NumberMention | None, int]:
        lex = self.lex
        if word in lex.identifier_labels:
            end = self._glued_end(e) if self._match(lex.glued, e) else e
            return self._label("identifier", self._include(before, "word"), end, s), end
        if word in lex.ordinal_before:
            return self._label("ordinal", self._include(before, "word"), e, s, value), e
        meridiem = self._match(lex.meridiem_after, e) if integer and value <= 12 else None
        if meridiem is not None:  # "10am", "3 p.m."
            hour = int(value) % 12 + (12 if meridiem["meridiem"].casefold().startswith("p") else 0)
            return self._label("time", s, meridiem.end(), s, normalized=f"{hour:02d}:00"), meridiem.end()
        glued = self._match(lex.glued, e)
        if glued is not None:
            handled = self._glued_suffix(before, s, e, value, glued)
            if handled is not None:
                return handled
        if integer and word == lex.month_word and 1 <= value <= 12:  # "tháng 9", "tháng 9/2025"
            year = self._match(lex.month_after, e)
            end = year.end() if year else e
            normalized = f"{int(year['y']):04d}-{int(value):02d}" if year else f"--{int(value):02d}"
            return self._label("date", self._include(before, "word"), end, s, normalized=normalized), end
        if integer and word == lex.quarter_word and 1 <= value <= 4:
            year = self._match(lex.month_after, e)
            end = year.end() if year else e
            normalized = f"{int(year['y']):04d}-Q{int(value)}" if year else f"Q{int(value)}"
            return self._label("date", self._include(before, "word"), end, s, normalized=normalized), end
        if integer and word and word in lex.month_names_en:  # "September 27", "September 2025"
            month = lex.month_names_en[word]
            if valid_year_like(value) and value > 31:
                return self._label("date", self._include(before, "word"), e, s, normalized=f"{int(value):04d}-{month:02d}"), e
            year = lex.year_after.match(self.folded, e, timeout=self.timeout)  # ", 2023" passes the comma gate
            end = year.end() if year else e
            return self._date_span(before, s, end, int(value), month, int(year["y"]) if year else None)
        if integer and value <= 31 and (word in lex.date_words or word in lex.day_words or not lex.month_word):
            long_date = self._match(lex.long_date_after, e)
            if long_date is not None:
                month = int(long_date["m"]) if "m" in long_date.groupdict() and long_date["m"] else lex.month_names_en.get((long_date.groupdict().get("mon") or "").casefold().rstrip("."))
                year = int(long_date["y"]) if long_date["y"] else None
                if month:
                    return self._date_span(before, s, long_date.end(), int(value), month, year,
                                           include_word=word in lex.date_words)
        if integer and word == lex.year_word and lex.year_word and value >= 100:  # "năm 2014"
            return self._label("year", self._include(before, "word"), e, s, value, normalized=f"{int(value):04d}"), e
        dated = word in lex.date_words or word in lex.day_words
        dash = _DASH_DAY.match(self.folded, e, e + 4, timeout=self.timeout) \
            if integer and dated and self.folded.startswith("-", e) else None
        if dash and word != lex.year_word and day_month(int(value), int(dash[1])) is not None:
            # "ngày 6-2", but "ban ngày 28-32 độ C" is a range
            return self._date_span(before, s, dash.end(), int(value), int(dash[1]), None,
                                   include_word=word in lex.date_words)
        if integer and word in lex.date_words and word != lex.year_word:  # "ngày 27"
            return self._label("date", self._include(before, "word"), e, s, normalized=f"---{int(value):02d}"), e
        year_like = integer and e - s == 4 and valid_year_like(value) and not self._counts_something(e)
        return self._figure(before, s, e, value, integer=integer, year_like=year_like)

    def _counts_something(self, e: int) -> bool:
        """'2014 người': a classifier after a year-like number makes it a count."""
        following = self._next_word(e)
        return bool(following) and following in self.lex.classifier_first_words

    def _date_span(self, before, s, end, day, month, year, include_word=True):
        start = self._include(before, "word") if include_word else None
        normalized = day_month(day, month, year)
        if normalized is None:
            return None, end
        return self._label("date", start if start is not None else s, end, s, normalized=normalized), end

    def _glued_suffix(self, before, s, e, value, glued) -> tuple[NumberMention | None, int] | None:
        """Letters straight after digits: a scale ("3bn"), a clock ("19h15"), an ordinal ("1st"), a unit ("10km")."""
        lex, suffix = self.lex, glued.group()
        currency = before["cur"] if before and before["cur"] else None
        if suffix in lex.attached_scales or (currency and suffix in lex.currency_scales):
            return None  # read as a scale by _figure
        if suffix[:1] in lex.clock_attached and value <= 24 and value == int(value):
            rest = suffix[1:]
            minutes = self.folded[glued.end():glued.end() + 2] if not rest else rest
            if rest == "" and minutes.isdigit() and len(minutes) == 2:
                end = glued.end() + 2
            elif rest == "" or (rest.isdigit() and len(rest) == 2):
                end = glued.end()
                minutes = rest or "00"
            else:
                end = None
            if end is not None and (not minutes.isdigit() or int(minutes) < 60):
                minutes = minutes if minutes.isdigit() else "00"
                part = self._match(lex.clock_after_pattern, end)
                hour = self._on_24_hour_clock(int(value), part["part"] if part and not part["min"] else None)
                return self._label("time", s, end, s, normalized=f"{hour:02d}:{minutes}"), end
        if suffix.casefold() in lex.ordinal_suffixes:
            long_date = self._match(lex.long_date_after, e) if value <= 31 and lex.month_names_en else None
            month = lex.month_names_en.get((long_date["mon"] or "").casefold()) if long_date else None
            if month:  # "3rd of June"
                return self._date_span(before, s, long_date.end(), int(value), month,
                                       int(long_date["y"]) if long_date["y"] else None, include_word=False)
            return self._label("ordinal", s, glued.end(), s, value), glued.end()
        if lex.unit_of(suffix) is not None or suffix[:1] in "%°":
            return None  # a unit, read by _figure
        end = self._glued_end(e)
        return self._label("identifier", s, end, s), end

    # -- figures -------------------------------------------------------------------------

    def _figure(self, before, s, e, value, *, fraction=False, integer=False, year_like=False,
                words_used=None) -> tuple[NumberMention | None, int]:
        lex, end = self.lex, e
        qualifier = lex.qualifiers.get(_spaces(before["qual"]).casefold()) if before and before["qual"] else None
        currency = lex.currency_prefixes.get(before["cur"]) if before and before["cur"] else None
        low_value = high_value = None
        kind, unit = ("fraction", None) if fraction else ("count", None)
        if not self._may_follow(e):  # no scale, range, unit, fraction or suffix can follow
            if year_like and not currency:
                return self._label("year", s, e, s, value, normalized=f"{int(value):04d}"), e
            return self._plain_figure(before, s, e, value, qualifier, currency, kind, words_used)
        scale = self._scale(end, currency)
        if scale:
            value, end = value * scale[0], scale[1]
            half = self._match(lex.half_after, end) if value == int(value) else None
            if half is not None:  # "3 triệu rưỡi" = 3.5 million
                value, end = value + scale[0] / 2, half.end()
        elif not fraction:
            and_half = self._match(lex.and_half_after, end)
            if and_half is not None:  # "two and a half (million) (years)"
                value, end = value + 0.5, and_half.end()
                scale = self._scale(end, currency)
                if scale:
                    value, end = value * scale[0], scale[1]
        # A range: "2.000-2.500", "từ 2.000 đến 2.500", "2 đến 3 triệu", "between 2,000 and 2,500".
        ranged = None if fraction else self._range(before, s, end, value, scale, currency, integer, year_like)
        if ranged is not None:
            if ranged[0] in ("date", "score", "years"):
                return ranged[1], ranged[2]
            low_value, high_value, end, value = ranged[1], ranged[2], ranged[3], ranged[4]
        elif year_like and not scale and not currency:
            unit_match = self._match(lex.unit_after, end)
            if unit_match is None:
                return self._label("year", s, e, s, value, normalized=f"{int(value):04d}"), e
        unit_match = self._match(lex.unit_after, end)
        if unit_match is not None:
            found = lex.unit_of(unit_match["unit"])
            if found:
                kind, unit = found
                end = unit_match.end()
                half = self._match(lex.half_after, end) if ranged is None and not scale and value == int(value) else None
                if half is not None:  # "một năm rưỡi" = a year and a half
                    value, end = value + 0.5, half.end()
                if ranged is None and not fraction:
                    unit_range = self._range_of_units(before, s, end, value, scale, currency, integer, (kind, unit))
                    if unit_range is not None:  # "từ 30% đến 40%", "between 30% and 40%"
                        ranged = unit_range
                        low_value, high_value, end = unit_range[1], unit_range[2], unit_range[3]
        if currency and kind != "money":
            kind, unit = "money", currency
        if kind == "count" and not fraction and before and before["word"] and lex.unit_before:
            kind, unit = lex.unit_before.get(before["word"].casefold(), (kind, unit))  # "aged 60"
        if kind == "duration" and unit == "hour":
            timed = self._clock_words(before, s, end, value)
            if timed is not None:
                return timed
        if kind == "count" and not fraction and ranged is None:
            fraction_match = self._match(lex.fraction_after, end)
            if fraction_match is not None:
                denominator = self._denominator(fraction_match.groupdict())
                if denominator:
                    value, kind, end = value / denominator, "fraction", fraction_match.end()
        if words_used is not None and not self._words_stand(words_used, before, kind, scale, end, e):
            return None, e
        suffix = self._match(lex.suffix_after, end)
        if suffix is not None and qualifier is None and ranged is None:
            qualifier = lex.suffix_qualifiers[_spaces(suffix["suffix"]).casefold()]
            end = suffix.end()
        start = self._include(before, "qual", "open", "cur") if ranged else self._include(before, "qual", "cur")
        start = s if start is None else start
        if ranged is not None:
            low, high = low_value, high_value
            if qualifier == "approx":
                low, high = interval(low, "approx", lex.tolerance)[0], interval(high, "approx", lex.tolerance)[1]
            return self._mention(start, end, s, None, low, high, "range", kind, unit), end
        qualifier = qualifier or "exact"
        low, high = interval(value, qualifier, lex.tolerance)
        return self._mention(start, end, s, value, low, high, qualifier, kind, unit), end

    def _range_of_units(self, before, s, at, value, scale, currency, integer, unit) -> tuple | None:
        ranged = self._range(before, s, at, value, scale, currency, integer, False)
        if ranged is None or ranged[0] != "range":
            return None
        repeated = self._match(self.lex.unit_after, ranged[3])
        if repeated is None or self.lex.unit_of(repeated["unit"]) != unit:
            return None
        return ("range", ranged[1], ranged[2], repeated.end(), None)

    def _plain_figure(self, before, s, e, value, qualifier, currency, kind, words_used) -> tuple[NumberMention | None, int]:
        """_figure's reading when nothing readable follows the number: the common case, kept short."""
        unit = None
        if currency:
            kind, unit = "money", currency
        elif kind == "count" and before and before["word"] and self.lex.unit_before:
            kind, unit = self.lex.unit_before.get(before["word"].casefold(), (kind, unit))  # "aged 60"
        if words_used is not None and not self._words_stand(words_used, before, kind, None, e, e):
            return None, e
        start = self._include(before, "qual", "cur")
        qualifier = qualifier or "exact"
        low, high = interval(value, qualifier, self.lex.tolerance)
        return self._mention(s if start is None else start, e, s, value, low, high, qualifier, kind, unit), e

    def _scale(self, at: int, currency: str | None) -> tuple[float, int] | None:
        lex = self.lex
        glued = self._match(lex.glued, at)
        if glued is not None:
            suffix = glued.group()
            factor = lex.attached_scales.get(suffix) or (lex.currency_scales.get(suffix) if currency else None)
            return (float(factor), glued.end()) if factor else None
        spaced = self._match(lex.scale_after, at)
        if spaced is None:
            return None
        written = _spaces(spaced["scale"])
        factor = lex.spaced_scales.get(written) or lex.spaced_scales.get(written.casefold())
        return (float(factor), spaced.end()) if factor else None

    def _second_number(self, at: int) -> tuple[float, int, bool] | None:
        digit = at < len(self.folded) and self.folded[at].isdigit()
        second = (self.lex.digit_anchor if digit else self.lex.word_anchor).match(self.folded, at, timeout=self.timeout)
        if second is None:
            return None
        if digit:
            written = second["digits"]
            if not all(ch.isdigit() or ch in ".,\u00a0" for ch in written):
                return None
            value = read_digits(written, self.lex.group, self.lex.decimal)
            return (value, second.end(), written.isdigit()) if value is not None else None
        if second.lastgroup == "words":
            tokens, spans = self._tokens(second.start("words"), second.end("words"))
            value, used = read_number_words(tokens, self.lex)
            return (value, spans[used - 1][1], True) if value is not None else None
        return None

    def _day_before_date(self, s: int, value: float, integer: bool, at: int) -> NumberMention | None:
        """'từ 9 đến 11/10': the first day of a span of dates takes its month from the second."""
        second = self.lex.digit_anchor.match(self.folded, at, timeout=self.timeout)
        parts = second.group().split("/") if second else []
        if not integer or len(parts) not in (2, 3) or not all(p.isdigit() for p in parts) or value >= int(parts[0]):
            return None
        normalized = day_month(int(value), int(parts[1]), int(parts[2]) if len(parts) == 3 and len(parts[2]) == 4 else None)
        if normalized is None or day_month(int(parts[0]), int(parts[1])) is None:
            return None
        end = s + len(str(int(value)))
        return self._label("date", s, end, s, normalized=normalized)

    def _trailing_scale(self, at: int, end: int) -> float | None:
        """The scale word that closes a number in words ("ba triệu"), which a bare first bound shares."""
        words = self.folded[at:end].split()
        found = self.lex.kind_of_word(words[-1]) if words else None
        return found[1] if found and found[0] == "scale" and len(words) > 1 else None

    def _range(self, before, s, end, value, scale, currency, integer, year_like):
        lex = self.lex
        join = self._match(lex.range_after, end)
        if join is None:
            return None
        joined_by = _spaces(join["join"]).casefold() if join["join"] else "-"
        opened = before["open"].casefold() if before and before["open"] else None
        if joined_by in ("and",) and opened != "between":
            return None
        second = self._second_number(join.end())
        if second is None:
            day_of = self._day_before_date(s, value, integer, join.end())
            return ("date", day_of, day_of.end) if day_of else None
        second_value, second_end, second_integer = second
        word = before["word"].casefold() if before and before["word"] else None
        tight_dash = joined_by == "-" and join["sep"] == "-" and integer and second_integer and not scale
        if tight_dash and (word in lex.day_words or word in lex.date_words) and value <= 31 and second_value <= 12:
            start = self._include(before, "word") if word in lex.date_words else None
            normalized = day_month(int(value), int(second_value))
            mention = self._label("date", start if start is not None else s, second_end, s, normalized=normalized)
            return ("date", mention, second_end)
        if year_like and valid_year_like(second_value) and second_integer and len(self.folded[join.end():second_end]) == 4:
            return ("years", self._label("year", s, s + 4, s, value, normalized=f"{int(value):04d}"), s + 4)
        second_scale = self._scale(second_end, currency)
        if second_scale:
            second_value, second_end = second_value * second_scale[0], second_scale[1]
        shared = second_scale[0] if second_scale else self._trailing_scale(join.end(), second_end)
        # "từ 2 đến 3 triệu": the first bound shares the scale, unless that would pass the second.
        if shared and not scale and value * shared < second_value:
            value *= shared
        unit_follows = self._match(lex.unit_after, second_end) is not None
        if tight_dash and not unit_follows and (word in lex.score_context or value > second_value):
            written = f"{int(value)}-{int(second_value)}"
            return ("score", self._label("score", s, second_end, s, normalized=written), second_end)
        if second_value <= value:
            return None
        return ("range", value, second_value, second_end, None)

    def _denominator(self, parts: dict) -> float | None:
        if parts.get("half"):
            return 2.0
        written = parts.get("den") or parts.get("den_word")
        if not written:
            return None
        if written.isdigit():
            return float(written) or None
        found = self.lex.denominators.get(written.casefold())
        return float(found) if found else None

    def _clock_words(self, before, s, end, value):
        """'lúc 7 giờ', '7 giờ 30 sáng': a time of day, not a duration."""
        lex = self.lex
        word = before["word"].casefold() if before and before["word"] else None
        after = self._match(lex.clock_after_pattern, end)
        if word not in lex.clock_before and not (after and after["part"]) and not (after and after["min"]):
            return None
        minutes = int(after["min"]) if after and after["min"] else 0
        if value > 24 or minutes >= 60:
            return None
        stop = after.end() if after and after.end() > end else end
        hour = self._on_24_hour_clock(int(value), after["part"] if after else None)
        return self._label("time", s, stop, s, normalized=f"{hour:02d}:{minutes:02d}"), stop

    def _on_24_hour_clock(self, hour: int, part: str | None) -> int:
        """'3 giờ chiều' is 15:00: a part of the day moves the hours written on a 12-hour clock."""
        span = self.lex.afternoon.get(part.casefold()) if part else None
        return hour + 12 if span and span[0] <= hour <= span[1] else hour

    # -- words ---------------------------------------------------------------------------

    def _tokens(self, start: int, end: int) -> tuple[list[str], list[tuple[int, int]]]:
        """The words of a match of the words anchor, whose words are joined by one space or hyphen."""
        text = self.folded[start:end]
        if " " not in text and "-" not in text:
            return [text], [(start, end)]
        tokens = text.replace("-", " ").split(" ")
        spans, at = [], start
        for token in tokens:
            spans.append((at, at + len(token)))
            at += len(token) + 1
        return tokens, spans

    def _words(self) -> tuple[NumberMention | None, int]:
        lex = self.lex
        s, e = self.anchor.span("words")
        tokens, spans = self._tokens(s, e)
        value, used = read_number_words(tokens, lex)
        if value is None or used == 0:
            return None, spans[0][1] if spans else e
        end = spans[used - 1][1]
        if self._is_name(s, end) or self._in_idiom(tokens, spans):
            return None, end
        before = self._before(s)
        word = before["word"].casefold() if before and before["word"] else None
        if word in lex.ordinal_before:
            return self._label("ordinal", self._include(before, "word"), end, s, value), end
        if word == lex.month_word and used <= 2:  # "tháng ba" = March
            month = lex.month_names.get(" ".join(t.casefold() for t in tokens[:used]))
            if month:
                return self._label("date", self._include(before, "word"), end, s, normalized=f"--{month:02d}"), end
        mention, resume = self._figure(before, s, end, value, words_used=tokens[:used])
        return mention, resume if mention is not None else end

    def _in_idiom(self, tokens: list[str], spans: list[tuple[int, int]]) -> bool:
        """'ba mẹ' (parents), 'chín chắn' (mature): the number word is another word here."""
        phrases = self.lex.idioms.get(tokens[0].casefold())
        if not phrases:
            return False
        following = self.folded[spans[0][0]:spans[0][0] + 40].casefold().split()
        return any(following[:len(p)] == p for p in phrases)

    def _is_name(self, s: int, end: int) -> bool:
        """'Ba Lan', 'Hai Bà Trưng', 'ông Ba': capitalised number words inside a name.

        News capitalises a number word only to open a sentence; inside one it names a
        person or a place. At the start of a sentence the next word tells.
        """
        if not self.folded[s].isupper():
            return False
        i = s
        while i > 0 and self.folded[i - 1] == " ":
            i -= 1
        if i > 0 and self.folded[i - 1] not in _SENTENCE_OPENERS:
            return True
        following = self.lex.word_token.match(self.folded, end + 1, timeout=self.timeout) if end < len(self.folded) and self.folded[end] == " " else None
        return bool(following and following.group()[0].isupper())

    def _words_stand(self, used: list[str], before, kind: str, scale, end: int, e: int) -> bool:
        """A lone weak word ("một", "năm", "one", "a") is a figure only with something that makes it one."""
        lex = self.lex
        if len(used) == 1 and lex.lone_word_before_noun and kind == "count" and not scale \
                and not (before and before["qual"]) and (e >= len(self.folded) or self.folded[e] in _CLAUSE_ENDS):
            return False  # "mùa mận chín.": ripe, not nine
        if len(used) > 1 or used[0].casefold() not in lex.weak:
            return True
        token = used[0].casefold()
        if kind == "fraction" or scale:
            return True
        if token in lex.articles:
            return False
        if token in lex.needs_unit:
            return kind != "count" or bool(before and before["qual"])
        if kind != "count":
            return True
        following = lex.word_token.match(self.folded, e + 1, timeout=self.timeout) if e < len(self.folded) and self.folded[e] == " " else None
        next_word = following.group().casefold() if following else ""
        if next_word in lex.not_after_one:
            return False
        two_words = next_word
        if following is not None:
            after = lex.word_token.match(self.folded, following.end() + 1, timeout=self.timeout)
            if after is not None:
                two_words = f"{next_word} {after.group().casefold()}"
        return next_word in lex.classifiers or two_words in lex.classifiers

    # -- vague amounts and halves -------------------------------------------------------

    def _vague(self) -> tuple[NumberMention | None, int]:
        lex = self.lex
        name = self.anchor.lastgroup
        s, e = self.anchor.span(name)
        written = _spaces(self.anchor[name]).casefold()
        if name == "plural":
            low, high = lex.vague_plurals[written]
        else:
            head = next(h for h in sorted(lex.vague_many | lex.vague_few, key=len, reverse=True) if written.startswith(h))
            scale = 1.0
            for token in written[len(head):].split():
                scale *= lex.vague_scales[token]
            low, high = vague_interval(head, scale, many=head in lex.vague_many)
        before = self._before(s)
        start = self._include(before, "qual") if before else None
        end, kind, unit = e, "count", None
        of = _OF.match(self.folded, end, timeout=self.timeout) if lex.code == "en" else None
        unit_match = self._match(lex.unit_after, of.end() if of else end)
        if unit_match is not None and lex.unit_of(unit_match["unit"]):
            kind, unit = lex.unit_of(unit_match["unit"])
            end = unit_match.end()
        return self._mention(start if start is not None else s, end, s, None, float(low), float(high), "vague", kind, unit), end

    def _half(self) -> tuple[NumberMention | None, int]:
        s, e = self.anchor.span("half")
        previous = self.folded[max(0, s - 8):s].split()
        if previous and previous[-1].casefold() in self.lex.ordinal_words:  # "the first half" is a period
            return None, e
        before = self._before(s)
        whole = self._half_of(e)
        if whole is not None:  # "half a million": half of a number, not a share
            return self._figure(before, s, whole[1], whole[0] / 2, integer=True)
        return self._figure(before, s, e, 0.5, fraction=True)

    def _half_of(self, e: int) -> tuple[float, int] | None:
        """'half a million', 'half a dozen': the value and end of the multiplier after 'half'."""
        if e >= len(self.folded) or self.folded[e] != " ":
            return None
        following = self.lex.word_anchor.match(self.folded, e + 1, timeout=self.timeout)
        if following is None or not following["words"]:
            return None
        tokens, spans = self._tokens(following.start("words"), following.end("words"))
        value, used = read_number_words(tokens, self.lex)
        if value is None or used < 2 or tokens[0].casefold() not in self.lex.articles:
            return None
        return value, spans[used - 1][1]

    def _ordinal_quarter(self) -> NumberMention | None:
        """'the third quarter (of 2024)': a quarter of the year, like 'quý III/2024'."""
        s, e = self.anchor.span("ordword")
        value = int(self.lex.ordinal_words[self.folded[s:e].casefold()])
        quarter = self.lex.quarter_after_ordinal.match(self.folded, e, timeout=self.timeout) if value <= 4 else None
        if quarter is None:
            return None
        normalized = f"{int(quarter['y']):04d}-Q{value}" if quarter["y"] else f"Q{value}"
        return self._label("date", s, quarter.end(), s, normalized=normalized)

    def _month_name(self) -> tuple[NumberMention | None, int]:
        """'tháng giêng' (January), 'tháng chạp' (December): a month only after the month word."""
        s, e = self.anchor.span("monthname")
        before = self._before(s)
        if not before or not before["word"] or before["word"].casefold() != self.lex.month_word:
            return None, e
        month = self.lex.month_names[self.folded[s:e].casefold()]
        return self._label("date", self._include(before, "word"), e, s, normalized=f"--{month:02d}"), e

    def _roman_quarter(self) -> tuple[NumberMention | None, int]:
        s, e = self.anchor.span("quarter")
        numeral = self.folded[s:e].split()[-1]
        quarter = self.lex.roman_quarters[numeral]
        year = self._match(self.lex.month_after, e)
        end = year.end() if year else e
        normalized = f"{int(year['y']):04d}-Q{quarter}" if year else f"Q{quarter}"
        return self._label("date", s, end, s, normalized=normalized), end


def _trailing_letters(token: str) -> str:
    if token.isalpha():
        return token
    k = len(token)
    while k and token[k - 1].isalpha():
        k -= 1
    return token[k:]


class _OneWordBefore:
    """Stands in for a match of the `before` pattern that took a single word into one group."""

    __slots__ = ("group", "at", "text")

    def __init__(self, group: str, at: int, text: str):
        self.group, self.at, self.text = group, at, text

    def __getitem__(self, name: str) -> str | None:
        return self.text if name == self.group else None

    def start(self, name: str | None = None) -> int:
        return self.at


def _spaces(text: str | None) -> str:
    return " ".join((text or "").split())
