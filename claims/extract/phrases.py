"""Word lists compiled into trie-shaped patterns.

The regex module tries the branches of a flat alternation one by one: matching the
2,000 aliases of the gazetteer at one position took 11 µs, against under 1 µs once
shared prefixes are merged ("Hà Nội|Hà Giang" -> "Hà (?:Nội|Giang)"). Longer phrases
win because each node tries its continuations before ending.
"""

from __future__ import annotations

from functools import lru_cache

import regex

NOTHING = r"(?!x)x"
# Longer than any word before a phrase that cancels it (not_after), and any word after it (not_before).
_NOT_AFTER_REACH = 12
_NOT_BEFORE_REACH = 24


def capitalised(word: str) -> str:
    """'người chết' -> 'Người chết': how a common noun opens a sentence."""
    return word[:1].upper() + word[1:]


def with_capitals(words) -> set[str]:
    """The words plus their capitalised forms, for common nouns that open sentences."""
    found = set()
    for word in words:
        found.add(word)
        if word[:1].islower():
            found.add(capitalised(word))
    return found


def trie_pattern(words) -> str:
    """A pattern matching any of `words` as written (case-sensitive), longest first.

    A space in a phrase matches one or more spaces.
    """
    root: dict = {}
    for word in words:
        if not word:
            continue
        node = root
        for char in " ".join(word.split()):
            node = node.setdefault(char, {})
        node[""] = {}
    if not root:
        return NOTHING
    return _emit(root)


def trie_initials(words) -> frozenset[str] | None:
    """The characters a match of trie_pattern(words) can start with; None when a blank phrase lets it
    match an empty string anywhere, so that no character rules a match out."""
    phrases = [" ".join(word.split()) for word in words if word]
    if any(not phrase for phrase in phrases):
        return None
    return frozenset(phrase[0] for phrase in phrases)


def may_start(initials: frozenset[str] | None, text: str, at: int) -> bool:
    """Whether a trie pattern with these initials can match at `at`: a set lookup, where a pattern
    call would read the process clock twice for its timeout."""
    return initials is None or text[at : at + 1] in initials


# A trie of the gazetteer has tens of thousands of nodes and few distinct characters: each is escaped once.
_escape = lru_cache(maxsize=None)(regex.escape)


def _emit(node: dict) -> str:
    branches = []
    for char in sorted(k for k in node if k):
        piece = "[ ]+" if char == " " else _escape(char)
        branches.append(piece + _emit(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a phrase ends here; a longer one may go on
        # An empty branch rather than "?": the same match, and one repeat fewer to set up per match.
        return f"(?:{body}|)"
    return body


class PhraseSet:
    """Literal phrases, in any case, matched where a text holds one as whole words.

    Plain string comparison at a known position: markers such as "theo", "cho biết",
    "năm ngoái" need no pattern engine, and so pay no pattern call with its timeout.
    """

    __slots__ = ("by_first", "reach", "not_after", "not_before", "initials")

    def __init__(self, phrases, not_after=(), not_before=()):
        by_first: dict[str, list[str]] = {}
        for phrase in phrases:
            key = " ".join(phrase.split()).lower()
            if key:
                by_first.setdefault(key.split(" ", 1)[0], []).append(key)
        for candidates in by_first.values():
            candidates.sort(key=len, reverse=True)
        self.by_first = by_first
        # First letters in both cases: most positions tried hold no phrase, and one set lookup says so.
        self.initials = frozenset(c for word in by_first for c in (word[0], word[0].upper()))
        self.reach = max((len(p) for ps in by_first.values() for p in ps), default=0) + 1
        # "phòng chống" is prevention, not "chống" (against).
        self.not_after = tuple(" ".join(w.split()).lower() + " " for w in not_after)
        # "theo dõi" is to monitor, not "according to": words after a phrase that make it another word.
        self.not_before = tuple(" " + " ".join(w.split()).lower() for w in not_before)

    def __bool__(self) -> bool:
        return bool(self.by_first)

    def words(self) -> list[str]:
        """The first words of the phrases, in lower case."""
        return list(self.by_first)

    def end_at(self, text: str, at: int, end: int | None = None) -> int:
        """Where the longest phrase starting at `at` ends, or -1."""
        if text[at : at + 1] not in self.initials:
            return -1
        limit = len(text) if end is None else min(end, len(text))
        written = text[at : min(limit, at + self.reach)]
        head = written.lower()
        if len(head) != len(written):  # a letter whose lower case is longer: offsets would drift
            return -1
        space = head.find(" ")
        first = (head if space < 0 else head[:space]).rstrip(".,;:!?)\"'”")
        candidates = self.by_first.get(first)
        if not candidates:
            return -1
        if self.not_after and text[max(0, at - _NOT_AFTER_REACH) : at].lower().endswith(self.not_after):
            return -1
        for phrase in candidates:
            if head.startswith(phrase):
                size = len(phrase)
                if size == len(head) or not head[size].isalnum():
                    return -1 if self.not_before and self._cancelled(text, at + size, limit) else at + size
        return -1

    def _cancelled(self, text: str, end: int, limit: int) -> bool:
        following = text[end : min(limit, end + _NOT_BEFORE_REACH)].lower()
        for word in self.not_before:
            if following.startswith(word) and not following[len(word) : len(word) + 1].isalnum():
                return True
        return False

    def start_before(self, text: str, end: int, start: int = 0) -> int:
        """Where a phrase that ends right before `end` (and its spaces) starts, or -1: 'trong| 12 tháng'."""
        before = text[max(start, end - self.reach - 1) : end].rstrip(" ")
        lowered = before.lower()
        if len(lowered) != len(before):
            return -1
        offset = max(start, end - self.reach - 1)
        for candidates in self.by_first.values():
            for phrase in candidates:
                if lowered.endswith(phrase):
                    at = offset + len(lowered) - len(phrase)
                    if at == 0 or not text[at - 1].isalnum():
                        return at
        return -1
