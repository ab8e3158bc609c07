"""Read articles from files, folders, globs, stdin: plain text, HTML, JSON Lines, JSON.

for item in read_articles(["news/", "feed.jsonl", "-"]):
    ...  # a SourceArticle, or a SourceProblem naming the input and the reason
"""

from claims.sources.article import SourceArticle, SourceProblem
from claims.sources.plaintext import article_from_text
from claims.sources.reader import DEFAULT_MAX_BYTES, read_articles

__all__ = ["DEFAULT_MAX_BYTES", "SourceArticle", "SourceProblem", "article_from_text", "read_articles"]
