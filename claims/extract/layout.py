"""Lines that are photo captions or page furniture: their figures are kept but marked."""

from __future__ import annotations

from .lexicon import ExtractLexicon, phrase_key


def line_flags(folded: str, lex: ExtractLexicon, timeout: float) -> list[tuple[int, int, bool, bool]]:
    """(start, end, is_caption, is_boilerplate) for each line of the text."""
    flags, start = [], 0
    for line in folded.split("\n"):
        end = start + len(line)
        stripped = line.strip()
        caption = bool(stripped) and bool(lex.caption_pattern.search(stripped, timeout=timeout))
        boilerplate = bool(stripped) and phrase_key(stripped.rstrip(".:")) in lex.boilerplate_lines
        flags.append((start, end, caption, boilerplate))
        start = end + 1
    return flags
