"""The frame around a figure: against, target, part_of, source, each filler normalised by alias.

"2.500 lính Mỹ ... trong khuôn khổ liên minh chống IS" gives part_of: coalition and
against: IS; "150 cuộc tấn công vào quân đội liên minh nước ngoài" gives target:
coalition forces; "theo Bộ Y tế" gives source: Bộ Y tế.
"""

from __future__ import annotations

import regex

from .lexicon import ExtractLexicon

_SPACE_WORD = regex.compile(r"[ ]+(?P<word>[\p{L}\p{M}0-9][\p{L}\p{M}0-9'’.-]*)")
_NAME_RUN = regex.compile(r"\p{Lu}[\p{L}\p{M}0-9'’.-]*(?:[ ]+(?:\p{Lu}[\p{L}\p{M}0-9'’.-]*|của|và|về|of|the|for|and))*")


def _filler(folded: str, original: str, at: int, end: int, lex: ExtractLexicon, timeout: float) -> str | None:
    """The thing a marker points at: a known alias, a name, or a few words."""
    alias = lex.role_alias_pattern.match(folded, at, end, timeout=timeout)
    if alias is not None:
        return lex.role_alias(alias["alias"])
    name = _NAME_RUN.match(folded, at, end, timeout=timeout)
    if name is not None:
        text = original[name.start():name.end()].rstrip(" .")
        for tail in (" của", " và", " về", " of", " the", " for", " and"):
            while text.endswith(tail):
                text = text[: -len(tail)]
        return lex.role_alias(text)
    words, cursor = [], at - 1
    while len(words) < lex.max_filler_words:
        word = _SPACE_WORD.match(folded, cursor, end, timeout=timeout)
        if word is None or word["word"].casefold() in lex.filler_stop:
            break
        words.append(original[word.start("word"):word.end("word")])
        cursor = word.end()
    return lex.role_alias(" ".join(words)) if words else None


def read_roles(folded: str, original: str, sentence: tuple[int, int], figure_end: int, phrase_end: int,
               lex: ExtractLexicon, timeout: float) -> dict[str, str]:
    sentence_start, sentence_end = sentence
    roles: dict[str, str] = {}
    target = lex.role_markers["target"].match(folded, phrase_end, sentence_end, timeout=timeout)
    if target is not None:
        following = _SPACE_WORD.match(folded, target.end() - 1, sentence_end, timeout=timeout)
        if following is not None and following["word"].casefold() not in lex.target_not_before and not following["word"][0].isdigit():
            filler = _filler(folded, original, target.end(), sentence_end, lex, timeout)
            if filler:
                roles["target"] = filler
    for role in ("against", "part_of"):
        marker = lex.role_markers[role].search(folded, figure_end, sentence_end, timeout=timeout)
        if marker is not None and folded[marker.end():marker.end() + 1] == " ":
            filler = _filler(folded, original, marker.end() + 1, sentence_end, lex, timeout)
            if filler:
                roles[role] = filler
    source = _source(folded, original, sentence_start, sentence_end, lex, timeout)
    if source:
        roles["source"] = source
    return roles


def _source(folded, original, start, end, lex: ExtractLexicon, timeout: float) -> str | None:
    before = lex.source_before.search(folded, start, end, timeout=timeout)
    if before is not None:
        clause_end = folded.find(",", before.end(), end)
        return _filler(folded, original, before.end(), clause_end if clause_end > 0 else end, lex, timeout)
    after = lex.source_after.search(folded, start, end, timeout=timeout)
    if after is not None:
        clause_start = max(folded.rfind(",", start, after.start()) + 1, start)
        name = None
        for found in _NAME_RUN.finditer(folded, clause_start, after.start(), timeout=timeout):
            name = found
        if name is not None and folded[name.end():after.start()].strip() == "":
            return lex.role_alias(original[name.start():name.end()].strip())
    return None
