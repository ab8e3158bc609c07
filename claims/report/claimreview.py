"""Confirmed discrepancies as schema.org ClaimReview JSON-LD, the markup fact-checks publish.

One ClaimReview per confirmed discrepancy: the first figure's sentence is the claim reviewed,
its article the claim's appearance, and the article that contradicts it the review's citation.
The reviews sit in one DataFeed, whose name marks the file as ours. Google's fact-check markup
also requires `url`, the page that publishes the fact-check; the newsroom adds it on that page.
"""

from __future__ import annotations

import json

from .controls import json_escape_unsafe
from .wording import plain_figure

GENERATOR = "claims discrepancy report: confirmed discrepancies as ClaimReview"
# How the feed's name reads in the indented document: `claims report` overwrites a file holding it.
GENERATOR_MARK = f'"name": "{GENERATOR}"'
CONFIRMED = "confirmed"

# The verdict as a reader sees it in search results (Rating.alternateName), by discrepancy kind.
VERDICTS: dict[str | None, str] = {
    "value": "Conflicting figures",
    "context": "Same figure, different context",
    "scale": "Scale mismatch",
    "arithmetic": "Parts do not add up",
    "update": "Figure since updated",
}
DEFAULT_VERDICT = "Inconsistent"
# JSON-LD is pasted into <script type="application/ld+json">: "</script>" in a sentence would end it.
_HTML_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def _present(values: dict) -> dict:
    # Schema.org leaves out what is unknown; an empty string would claim to know it.
    return {key: value for key, value in values.items() if value not in (None, "")}


def _article(article: dict | None) -> dict:
    article = article or {}
    return {
        "@type": "CreativeWork",
        **_present(
            {"headline": article.get("title"), "url": article.get("url"), "datePublished": article.get("published")}
        ),
    }


def _where(claim: dict) -> str:
    """A figure as its article wrote it, and where: '“$2.5 million” in “City adopts...” (2024-03-01)'."""
    article = claim.get("article") or {}
    figure = " ".join(str(claim.get("text") or "").split())
    said = f"“{figure}”" if figure else plain_figure(claim)
    if article.get("title"):
        said += f" in “{' '.join(str(article['title']).split())}”"
    return f"{said} ({article['published']})" if article.get("published") else said


def claim_review(item: dict) -> dict:
    """One confirmed discrepancy as a ClaimReview."""
    first, second = (item.get("claims") or [{}, {}])[:2]
    review = {
        "@type": "ClaimReview",
        "identifier": item.get("fingerprint"),
        "claimReviewed": " ".join(str(first.get("sentence") or first.get("text") or "").split()),
        "itemReviewed": {"@type": "Claim", "appearance": _article(first.get("article"))},
        "reviewRating": {"@type": "Rating", "alternateName": VERDICTS.get(item.get("kind"), DEFAULT_VERDICT)},
        "reviewBody": f"{_where(first)} against {_where(second)}.",
    }
    if (second.get("article") or {}).get("id") != (first.get("article") or {}).get("id"):
        review["citation"] = _article(second.get("article"))
    if item.get("reviewer"):
        review["author"] = {"@type": "Person", "name": item["reviewer"]}
    if item.get("reviewed_at"):
        review["datePublished"] = str(item["reviewed_at"])[:10]
    return _present(review)


def claimreview_jsonld(items: list[dict], generated_at: str | None = None) -> str:
    """The confirmed discrepancies among `items` as one JSON-LD document; the others are left out."""
    feed = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": GENERATOR,
        **_present({"dateModified": generated_at}),
        "dataFeedElement": [claim_review(item) for item in items if item.get("status") == CONFIRMED],
    }
    body = json.dumps(feed, ensure_ascii=False, indent=2, allow_nan=False)
    return json_escape_unsafe(body).translate(_HTML_SAFE) + "\n"
