"""Where a figure holds: a place after a preposition ("ở Iraq", "in Lahaina"), resolved by the gazetteer."""

from __future__ import annotations

from .lexicon import ExtractLexicon


def _resolve(match, lex: ExtractLexicon) -> str:
    if match["place"]:
        return lex.places[match["place"]]
    # A capitalised name the gazetteer does not know is kept as written.
    return " ".join(match["raw"].split())


def location_after(folded: str, start: int, end: int, lex: ExtractLexicon, timeout: float) -> str | None:
    """The first located place in [start, end)."""
    found = lex.location_pattern.search(folded, start, end, timeout=timeout)
    return _resolve(found, lex) if found else None


def location_before(folded: str, start: int, end: int, lex: ExtractLexicon, timeout: float) -> str | None:
    """The last located place in [start, end): 'Tại Hải Phòng, hơn 200 cây xanh ...'."""
    last = None
    for found in lex.location_pattern.finditer(folded, start, end, timeout=timeout):
        last = found
    return _resolve(last, lex) if last else None
