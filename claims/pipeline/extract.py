"""Claims of articles as they are read, no database involved: `claims extract`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from claims.extract.article import ExtractionFailed
from claims.extract.claim import Claim
from claims.extract.pool import extract_in_order
from claims.lang import LanguagePack
from claims.sources import SourceArticle, SourceProblem

from .read import Item

# What is named on stderr and sets the exit code: an input not read, or an article extraction failed on.
Problem = SourceProblem | ExtractionFailed


@dataclass(slots=True)
class ArticleRead:
    """An article with its claims and the language they were read in."""

    article: SourceArticle
    lang: str
    pack: LanguagePack
    claims: list[Claim]


def extract_articles(
    items: Iterable[Item], *, lang: str | None = None, jobs: int = 1
) -> Iterator[ArticleRead | Problem]:
    """Each article's claims, in input order, or the problem that kept it out.

    `lang` is the language of the articles that declare none (None: each one's is detected).
    """
    for item, extracted in extract_in_order(items, wanted=_is_article, lang=lang, jobs=jobs):
        if isinstance(item, SourceProblem):
            yield item
        elif isinstance(extracted, ExtractionFailed):
            yield extracted
        elif extracted is not None:
            yield ArticleRead(item, extracted.lang, extracted.pack, extracted.claims)


def claim_dicts(read: ArticleRead) -> Iterator[dict]:
    """The article's claims as `extract` prints them, each with its article (nothing is stored: no ids)."""
    article = read.article
    summary = {
        "id": None,
        "title": article.title,
        "path": article.path,
        "url": article.url,
        "published": article.published,
    }
    for claim in read.claims:
        yield {"id": None, "article": summary, **claim.to_dict()}


def _is_article(item: Item) -> bool:
    return isinstance(item, SourceArticle)
