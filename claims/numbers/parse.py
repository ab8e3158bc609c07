"""parse_numbers: every number mention in a text, read as an interval with its kind and unit.

One anchor pattern finds where numbers are (digits, number words, vague amounts);
around each anchor, small anchored patterns read what comes before it (qualifier,
"từ", a date or label word, a currency sign) and after it (scale word, range, unit,
fraction, suffix qualifier). Everything runs over a same-length folded copy of the
text, so offsets hold in the caller's string.
"""

from __future__ import annotations

import regex

from claims.lang import LanguagePack, load_pack
from claims.lang.detect import detect_language
from claims.text.normalize import fold_for_matching, normalize_with_offsets

from .candidates import word_starts
from .lexicon import NumberLexicon, lexicon_for
from .mention import NumberMention
from .reader import Reader

# Typographic spaces that group digits ("1 234"); folding would make them plain spaces.
_GROUP_SPACES = "\u00a0\u2007\u2009\u202f"
# A web address: its digits ("%20", "2020%", "-4001234.html") are codes, never figures.
_URL = regex.compile(r"(?i)(?:https?://|www\.)[^\s<>\"'“”]+")


def _timeout(text: str) -> float:
    # Linear patterns finish far inside this; the bound is for hostile input.
    return max(1.0, len(text) / 2e6)


def parse_numbers(text: str, lang: str | None = None, *, pack: LanguagePack | None = None) -> list[NumberMention]:
    """Every number mention in `text`, in order; offsets index `text` itself. Read with `pack`, else
    the pack of `lang`, else of the language detected in the text."""
    normalized, offsets = normalize_with_offsets(text)
    pack = pack or load_pack(lang or detect_language(normalized))
    mentions = scan_numbers(normalized, lexicon_for(pack))
    if offsets is None:
        return mentions
    for mention in mentions:
        mention.start, mention.end = offsets.to_raw(mention.start, mention.end)
        if mention.number_start is not None:
            mention.number_start = offsets.to_raw(mention.number_start, mention.number_start + 1)[0]
        mention.text = text[mention.start : mention.end]
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


def scan_numbers(
    normalized: str, lexicon: NumberLexicon, folded: str | None = None, lowered: str | None = None
) -> list[NumberMention]:
    """Mentions in NFC text (already normalised); offsets index it. `folded` is its
    matching copy and `lowered` that copy in lower case, when the caller has made them already."""
    folded = folded if folded is not None else matching_copy(normalized)
    timeout = _timeout(folded)
    reader = Reader(folded, normalized, lexicon, timeout)
    found: list[NumberMention] = []
    position = 0
    words = word_starts(folded, folded.lower() if lowered is None else lowered, lexicon, timeout)
    next_word, word_count = 0, len(words)
    service = lexicon.service_prefixes
    # Only "0", "+", "(" or the first digit of a service prefix can open a phone number.
    phone_openers = frozenset("0+(") | {prefix[0] for prefix in service}
    read_at = reader.read_digits_at
    # Digits come from one pass of the digit pattern; number words, found apart, are read in turn.
    # Collected first: a timeout on finditer counts the time spent reading between matches too.
    for digits in list(lexicon.digit_anchor.finditer(folded, timeout=timeout)):
        candidate = digits.start()
        while next_word < word_count and words[next_word] < candidate:
            position = _read_words(reader, words[next_word], position, found)
            next_word += 1
        if candidate < position:
            continue
        if digits.end() - candidate > LONGEST_DIGIT_RUN and _too_long(folded, candidate, digits.end()):
            position = _token_end(folded, digits.end())  # a hash, a key or junk: no number, nothing computed
            continue
        # "+84 ...", "(024) ...", "0912 ...", "1900 ...".
        opener = candidate - 1 if candidate and folded[candidate - 1] in "+(" else candidate
        if folded[opener] in phone_openers and (folded[opener] != "1" or folded.startswith(service, candidate)):
            anchor = lexicon.phone_anchor.match(folded, opener, timeout=timeout)
            if anchor is not None:
                mention, resume = reader.read(anchor)
            else:  # no phone number: "(12,46%)", "+5%", "0,5%" are read as any other digits
                mention, resume = read_at(candidate, digits.end())
        else:
            mention, resume = read_at(candidate, digits.end())
        if mention is not None:
            found.append(mention)
        position = resume if resume > candidate else candidate + 1
    for start in words[next_word:]:
        position = _read_words(reader, start, position, found)
    if "://" in folded or "www." in folded:
        found = _outside_addresses(found, folded, timeout)
    return found


# No figure, phone number or code a reader checks runs longer: beyond it digits are a hash, a key or
# junk, whose value a float cannot hold (400 digits) or Python will not convert (4,300).
LONGEST_DIGIT_RUN = 30


def _too_long(folded: str, start: int, end: int) -> bool:
    run = 0
    for char in folded[start:end]:
        run = run + 1 if char.isdigit() else 0
        if run > LONGEST_DIGIT_RUN:
            return True
    return False


def _token_end(folded: str, at: int) -> int:
    """Where the run of non-space characters going on at `at` ends ("9999.../4" ends after the 4)."""
    while at < len(folded) and not folded[at].isspace():
        at += 1
    return at


def _outside_addresses(found: list[NumberMention], folded: str, timeout: float) -> list[NumberMention]:
    spans = [m.span() for m in _URL.finditer(folded, timeout=timeout)]
    return [mention for mention in found if not any(s <= mention.start < e for s, e in spans)]


def _read_words(reader: Reader, start: int, position: int, found: list) -> int:
    """Reads the number words at `start` unless an earlier mention took them in; the next free position."""
    if start < position or reader.reads_nothing_at(start):
        return position
    anchor = reader.lex.word_anchor.match(reader.folded, start, timeout=reader.timeout)
    if anchor is None:
        return position
    mention, resume = reader.read(anchor)
    if mention is not None:
        found.append(mention)
    return max(resume, start + 1)
