"""Find where a second story starts at the end of an article's text.

Pages paste other stories after the body: a list of links under "Xem thêm:" /
"Read more", or a teaser (a headline run straight into its lead, cut off with
"..."). Claims past `tail_start` are kept but marked. The signals are general;
the marker words live in claims/lang/<code>/furniture.toml.
"""

from __future__ import annotations

import regex

from claims.lang import extra_lexicon_paths, languages, load_pack

_PACK_KEY = "claims.sources.tail"
_TIMEOUT = 2.0

# Paragraphs after a link marker are headlines: short, and not closed by a full stop.
_LINK_LINE_MAX = 160
_CLOSERS = "\"”»’')]"
# What the pattern engine counts as white space (\s); str.isspace adds four separators.
_WHITE_SPACE = "\t\n\v\f\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
# A marker followed by long prose counts only in the last quarter of the text.
_LINK_REGION_SHARE = 0.25
# A teaser shares at most this share of its words with the title and lead.
_TEASER_OVERLAP_MAX = 0.25
_TEASER_MIN_WORDS = 8

_ELLIPSIS_END = regex.compile(r"(?:\.\.\.|…)[\"”»’')\]\s]*$")
_WORD = regex.compile(r"\p{L}+")
_SENTENCE_END = regex.compile(r"[.!?…:][\"”»’')\]]*$")


_BLANK_LINE = regex.compile(r"\n[ \t]*\n\s*")
# The lookbehind lets the search skip to each line break; a leading "\S" stopped at every character.
_BLANK_LINE_BETWEEN_TEXT = regex.compile(r"(?<=\S)\n[ \t]*\n\s*\S")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blank-line blocks if the text has any, else lines."""
    if not _BLANK_LINE_BETWEEN_TEXT.search(text, timeout=_TIMEOUT):
        return _lines(text)
    spans, start = [], 0
    for match in _BLANK_LINE.finditer(text, timeout=_TIMEOUT):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line that holds more than white space."""
    spans, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            spans.append((start, end))
        start = end + 1
    return spans


class _Markers:
    """Every language's related-links markers in one pattern, and the letters they open with."""

    def __init__(self, markers: list[str]):
        self.pattern = regex.compile(
            r"""(?i)^[\W_]{0,3}\s*       # a bullet or ">>" before the marker
                (?:\L<markers>)
                \s*(?:[:>»\-–—|]|$)      # then a colon, an arrow, or the end of the line
            """,
            regex.VERBOSE,
            markers=markers,
        )
        firsts = {marker.strip()[:1] for marker in markers}
        # None: a marker opens with no letter or digit, so no paragraph can be ruled out by its first one.
        self.initials = (
            None
            if not all(ch.isalnum() for ch in firsts)
            else {variant for ch in firsts for variant in (ch.lower(), ch.upper().lower(), ch.casefold()[:1])}
        )

    def open(self, head: str) -> bool:
        """Whether `head` opens with a marker. Only a bullet may stand before one, so the first letter
        or digit must open a marker too: that test spares most paragraphs the pattern call."""
        if self.initials is not None:
            first = next((ch for ch in head if ch.isalnum()), "")
            if not {first.lower(), first.upper().lower(), first.casefold()[:1]} & self.initials:
                return False
        return self.pattern.match(head, timeout=_TIMEOUT) is not None


def _markers() -> _Markers | None:
    """Kept on the packs it was built from: a paragraph costs one call, not one per language."""
    extra = extra_lexicon_paths()  # read once: each read of the environment costs a look-up per article
    packs = [load_pack(code, extra) for code in languages(extra)]
    cached = packs[0].compiled.get(_PACK_KEY)
    if cached is not None and all(pack.compiled.get(_PACK_KEY) is cached for pack in packs):
        return cached[0]
    markers = [marker for pack in packs for marker in pack.value("related_links.markers")]
    # One entry shared by every pack: a pack loaded anew (another user lexicon) lacks it, so it is rebuilt.
    entry = (_Markers(markers) if markers else None,)
    for pack in packs:
        pack.compiled[_PACK_KEY] = entry
    return entry[0]


def _is_headline(paragraph: str) -> bool:
    return len(paragraph) <= _LINK_LINE_MAX and not _ends_with_full_stop(paragraph)


def _ends_with_full_stop(paragraph: str) -> bool:
    """A full stop, not an ellipsis, then only closing quotes or brackets and white space: "... đồng."."""
    end = paragraph.rstrip(_WHITE_SPACE).rstrip(_CLOSERS)
    return end.endswith(".") and not end.endswith("..")


def _related_links_start(text: str, spans: list[tuple[int, int]]) -> int | None:
    # Only a paragraph followed by nothing but headlines, or one in the last quarter, can open the links.
    first_of_headline_run = len(spans)
    while first_of_headline_run > 0 and _is_headline(text[slice(*spans[first_of_headline_run - 1])]):
        first_of_headline_run -= 1
    region_start = len(text) * (1 - _LINK_REGION_SHARE)
    markers = _markers()
    if markers is None:
        return None
    for i, (start, end) in enumerate(spans[2:], start=2):
        if i + 1 < first_of_headline_run and start < region_start:
            continue
        if markers.open(text[start : min(end, start + 200)]):
            return start
    return None


def _stopwords() -> frozenset[str]:
    words: set[str] = set()
    for code in languages():
        words.update(w.lower() for w in load_pack(code).value("stories.stopwords"))
    return frozenset(words)


def _content_words(text: str, stopwords: frozenset[str]) -> set[str]:
    return {w for w in (m.lower() for m in _WORD.findall(text, timeout=_TIMEOUT)) if len(w) > 1 and w not in stopwords}


def _runs_headline_into_lead(paragraph: str) -> bool:
    """A headline glued to its lead: inside the first sentence, a capitalised word that
    opens a clause ("... Hezbollah Cộng đồng quốc tế lo ngại ...", "... war The UN said")."""
    words = paragraph.split()[:40]
    for i in range(3, len(words) - 1):
        before, word, after = words[i - 1], words[i], words[i + 1]
        if _SENTENCE_END.search(before, timeout=_TIMEOUT):
            return False  # the first sentence ended without a run-in
        if word[:1].isupper() and word[1:].islower() and after[:1].islower() and before[-1:] not in ",;":
            return True
    return False


def _teaser_start(text: str, title: str | None, spans: list[tuple[int, int]]) -> int | None:
    start, end = spans[-1]
    paragraph = text[start:end].strip()
    if not _ELLIPSIS_END.search(paragraph[-20:], timeout=_TIMEOUT) or not _runs_headline_into_lead(paragraph):
        return None
    stopwords = _stopwords()
    words = _content_words(paragraph, stopwords)
    if len(words) < _TEASER_MIN_WORDS:
        return None
    lead = " ".join(text[s:e] for s, e in spans[:2])
    shared = words & _content_words(f"{title or ''} {lead}", stopwords)
    return start if len(shared) / len(words) <= _TEASER_OVERLAP_MAX else None


def find_tail_start(text: str, title: str | None = None) -> int | None:
    """Offset in `text` where another story begins, or None."""
    spans = _paragraphs(text)
    if len(spans) < 4:  # a title, a lead and one paragraph leave no room for a tail
        return None
    found = [s for s in (_related_links_start(text, spans), _teaser_start(text, title, spans)) if s is not None]
    return min(found) if found else None
