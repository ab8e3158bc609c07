"""claims: find the numeric claims in news articles and flag the figures that disagree.

The library is usable on its own; the `claims` command is a thin layer over it.

    >>> from claims import extract_claims
    >>> [c.text for c in extract_claims("Có khoảng 2.500 lính Mỹ ở Iraq.")]
    ['khoảng 2.500']
"""

from __future__ import annotations

from importlib import import_module

__all__ = ["Claim", "NumberMention", "extract_claims", "parse_numbers"]
__version__ = "0.1.0"

# Resolved on first use, so importing one stage (say claims.sources) does not load the others.
_PUBLIC = {
    "Claim": "claims.extract.claim",
    "extract_claims": "claims.extract.extractor",
    "NumberMention": "claims.numbers.mention",
    "parse_numbers": "claims.numbers.parse",
}


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'claims' has no attribute {name!r}")
