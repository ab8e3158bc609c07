"""`claims report --format claimreview`: confirmed discrepancies as schema.org ClaimReview JSON-LD."""

from __future__ import annotations

import json

import pytest

from claims.report.claimreview import claimreview_jsonld

from .conftest import FIXTURES

STORIES = FIXTURES / "stories"

# The properties this export may use, per type, each defined by schema.org for that type or one of
# its supertypes: schema.org/ClaimReview (Review, CreativeWork, Thing), schema.org/Claim,
# schema.org/CreativeWork, schema.org/Rating, schema.org/Person, schema.org/DataFeed (Dataset);
# Google's fact-check guide (developers.google.com/search/docs/appearance/structured-data/factcheck)
# names the ones it reads. A misspelt or invented property fails here.
_THING = {"name", "alternateName", "description", "identifier", "url", "sameAs"}
_CREATIVE_WORK = _THING | {
    "author",
    "citation",
    "dateModified",
    "datePublished",
    "headline",
    "inLanguage",
    "publisher",
    "text",
}
ALLOWED = {
    "DataFeed": _CREATIVE_WORK | {"dataFeedElement"},
    "ClaimReview": _CREATIVE_WORK | {"claimReviewed", "itemReviewed", "reviewRating", "reviewBody"},
    "Claim": _CREATIVE_WORK | {"appearance", "firstAppearance"},
    "CreativeWork": _CREATIVE_WORK,
    "Rating": _THING | {"author", "bestRating", "ratingValue", "worstRating", "ratingExplanation"},
    "Person": _THING,
    "Organization": _THING,
}


def _nodes(value):
    """Every JSON-LD node (an object with @type) in the document."""
    if isinstance(value, dict):
        if "@type" in value:
            yield value
        for item in value.values():
            yield from _nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from _nodes(item)


def _assert_schema_org(document: dict) -> None:
    assert document["@context"] == "https://schema.org"
    for node in _nodes(document):
        assert node["@type"] in ALLOWED, node["@type"]
        unknown = {key for key in node if not key.startswith("@")} - ALLOWED[node["@type"]]
        assert not unknown, f"{node['@type']} has no property {sorted(unknown)}"
    # Every object below the root is a typed node: a bare {} is no schema.org value.
    for node in _nodes(document):
        for value in node.values():
            for item in value if isinstance(value, list) else [value]:
                assert not isinstance(item, dict) or "@type" in item


@pytest.fixture
def desk(run, tmp_path):
    """The story fixtures, each article given an address, audited; the first discrepancy confirmed,
    the second dismissed, the rest left open. Returns (confirmed, others) from `claims conflicts`."""
    articles = tmp_path / "articles"
    for source in sorted(STORIES.rglob("*.txt")):
        target = articles / source.relative_to(STORIES)
        target.parent.mkdir(parents=True, exist_ok=True)
        address = f"https://news.example/{source.parent.name}/{source.stem}"
        target.write_text(f"url: {address}\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
    assert run("audit", articles, "--include", "*.txt", "--exit-zero").exit_code == 0
    found = json.loads(run("conflicts", "--format", "json").stdout)["conflicts"]
    assert len(found) >= 3
    decided = run("review", found[0]["id"], "--confirm", "--reviewer", "Fact desk", "--format", "json")
    assert run("review", found[1]["id"], "--dismiss").exit_code == 0
    return json.loads(decided.stdout)["conflicts"][0], found[1:]


def test_only_confirmed_discrepancies_become_claim_reviews(run, desk, tmp_path):
    confirmed, others = desk
    target = tmp_path / "factchecks.jsonld"
    result = run("report", "-o", target)  # .jsonld asks for ClaimReview
    assert result.exit_code == 0, result.output
    document = json.loads(target.read_text(encoding="utf-8"))
    _assert_schema_org(document)
    reviews = document["dataFeedElement"]
    assert [r["identifier"] for r in reviews] == [confirmed["fingerprint"]]
    assert not {o["fingerprint"] for o in others} & {r["identifier"] for r in reviews}
    assert "wrote 1 discrepancy" in result.output


def test_a_claim_review_names_the_sentence_its_article_the_verdict_and_the_reviewer(run, desk, tmp_path):
    confirmed, _ = desk
    result = run("report", "--format", "claimreview", "-o", "-")
    assert result.exit_code == 0
    review = json.loads(result.stdout)["dataFeedElement"][0]
    first, second = confirmed["claims"]
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == " ".join(first["sentence"].split())
    appearance = review["itemReviewed"]["appearance"]
    assert review["itemReviewed"]["@type"] == "Claim"
    assert (appearance["url"], appearance["headline"], appearance["datePublished"]) == (
        first["article"]["url"],
        first["article"]["title"],
        first["article"]["published"],
    )
    assert appearance["url"].startswith("https://news.example/")
    verdict = review["reviewRating"]["alternateName"]
    # Words a reader understands, not the checker's code.
    assert verdict != confirmed["kind"] and " " in verdict and verdict[0].isupper()
    assert first["text"] in review["reviewBody"] and second["text"] in review["reviewBody"]
    assert review["author"] == {"@type": "Person", "name": "Fact desk"}
    assert review["datePublished"] == confirmed["reviewed_at"][:10]
    if second["article"]["id"] != first["article"]["id"]:
        assert review["citation"]["url"] == second["article"]["url"]


def test_writing_again_replaces_our_own_file_and_refuses_a_contradicting_extension(run, desk, tmp_path):
    target = tmp_path / "factchecks.jsonld"
    assert run("report", "-o", target).exit_code == 0
    assert run("report", "-o", target).exit_code == 0
    refused = run("report", "--format", "claimreview", "-o", tmp_path / "report.html")
    assert refused.exit_code == 2 and "--format" in refused.output


def test_with_nothing_confirmed_the_feed_is_empty_but_valid(run, tmp_path):
    assert run("audit", STORIES, "--exit-zero").exit_code == 0
    result = run("report", "--format", "claimreview", "-o", "-")
    document = json.loads(result.stdout)
    _assert_schema_org(document)
    assert document["dataFeedElement"] == []


def _item(status: str, sentence: str) -> dict:
    article = {"id": 1, "title": "A headline", "url": None, "published": "2024-09-08", "path": None}
    claim = {"text": "59", "value": 59.0, "qualifier": "exact", "sentence": sentence, "article": article}
    return {
        "id": 1,
        "fingerprint": "ab" * 20,
        "kind": "value",
        "status": status,
        "reviewer": None,
        "reviewed_at": None,
        "claims": [claim, dict(claim, text="64", value=64.0)],
    }


def test_the_library_leaves_out_what_is_not_confirmed_and_what_is_unknown():
    document = json.loads(claimreview_jsonld([_item("open", "Open one."), _item("confirmed", "Confirmed one.")]))
    _assert_schema_org(document)
    [review] = document["dataFeedElement"]
    assert review["claimReviewed"] == "Confirmed one."
    # No reviewer, no review date, no address: left out rather than written empty.
    assert "author" not in review and "datePublished" not in review
    assert "url" not in review["itemReviewed"]["appearance"]
    # Both figures from one article: it is not its own citation.
    assert "citation" not in review


def test_article_text_cannot_end_the_script_element_the_markup_is_pasted_into():
    body = claimreview_jsonld([_item("confirmed", "Dead: 59 </script><script>alert(1)</script> & more")])
    assert "</script>" not in body and "<" not in body and "&" not in body
    assert json.loads(body)["dataFeedElement"][0]["claimReviewed"].startswith("Dead: 59 </script>")
