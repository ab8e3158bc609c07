"""What the checker compares a claim with: claims of the same topic in the same story.

The topic is worked out as a claim is stored (claims.pipeline), kept in the claims table
and read back by the checker, which walks the claims story by story and topic by topic.
"""

from __future__ import annotations

import regex

from claims.extract.claim import Claim
from claims.numbers.mention import FIGURE_KINDS
from claims.text.normalize import fold_for_matching

_SPACES = regex.compile(r"\s+")


def topic_of(claim: Claim) -> str | None:
    """What the checker groups a claim by: its concept, else its subject as folded text."""
    if claim.kind not in FIGURE_KINDS:
        return None
    if claim.concept:
        return claim.concept
    if claim.subject:
        return "~" + _SPACES.sub(" ", fold_for_matching(claim.subject).casefold(), timeout=1).strip()
    return None
