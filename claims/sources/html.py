"""An .html page or fragment -> SourceArticle: trafilatura for pages, plain lxml text for fragments.

trafilatura returns None for fragments under about 250 characters (FINDINGS.md), and
for pages it judges to hold no article; then we keep the visible text of the body.
It decodes "&lt;script&gt;" into a literal "<script>": the exports escape it.
libxml2 stops reading at 256 levels of nesting (2,048 with huge_tree, which we set);
a page nested deeper still is read as flat text, with a warning.
"""

from __future__ import annotations

import codecs
import html
from typing import TYPE_CHECKING

import regex

from claims.sources.article import SourceArticle
from claims.sources.assemble import assemble_article
from claims.text.decode import DecodedText, decode_bytes

if TYPE_CHECKING:
    import lxml.html

_XML_DECLARATION = regex.compile(r"^\s*<\?xml[^>]*\?>")
_META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", regex.IGNORECASE)
_INVISIBLE = "//script|//style|//noscript|//template|//head|//svg|//iframe"
_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article blockquote figure figcaption header footer".split()
    + ["pre", "dd", "dt"]
)
_SPACES = regex.compile(r"[ \t\r\f\v]+")
# For pages too deep to parse: comments, invisible elements with their content, and tags.
_FLAT_MARKUP = regex.compile(
    r"""<!--.*?(?:-->|\Z)
      | <(script|style|noscript|template|head|svg|iframe)\b[^>]*>.*?(?:</\1\s*>|\Z)
      | </?([A-Za-z][A-Za-z0-9]*)[^>]*>?     # a tag; "<" before a space or a digit is text ("5 < 10")
      | <![^>]*>?                            # a doctype
    """,
    regex.DOTALL | regex.IGNORECASE | regex.VERBOSE,
)


def decode_html(data: bytes) -> DecodedText:
    """Our usual decoding, except that a page's declared charset wins over guessing."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        declared = _META_CHARSET.search(data[:4096], timeout=1)
        if declared:
            try:
                name = codecs.lookup(declared.group(1).decode("ascii")).name
                return DecodedText(data.decode(name), name)
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration is common: fall back to detection
    return decode_bytes(data)


def _parse(markup: str) -> tuple[lxml.html.HtmlElement | None, bool]:
    """The page's tree (as trafilatura would parse it, but deeper), and whether its nesting cut it short."""
    import lxml.etree  # only here: runs that read no HTML skip the import
    import lxml.html

    parser = lxml.html.HTMLParser(
        collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True, huge_tree=True
    )
    try:
        tree = lxml.html.document_fromstring(markup, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None, False
    cut_short = any(error.type == lxml.etree.ErrorTypes.ERR_RESOURCE_LIMIT for error in parser.error_log)
    return tree, cut_short


def _flat_text(markup: str) -> str:
    """The visible text of markup read without a tree: block tags break lines, others vanish."""

    def replace(match: regex.Match) -> str:
        name = match.group(2)
        return "\n" if name and name.lower() in _BLOCKS else ""

    text = html.unescape(_FLAT_MARKUP.sub(replace, markup, timeout=max(2.0, len(markup) / 1e6)))
    lines = (_SPACES.sub(" ", line, timeout=2).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _visible_text(tree: lxml.html.HtmlElement) -> str:
    for element in tree.xpath(_INVISIBLE):
        element.drop_tree()
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    lines = (_SPACES.sub(" ", line, timeout=2).strip() for line in tree.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _first(tree: lxml.html.HtmlElement, *xpaths: str) -> str | None:
    for xpath in xpaths:
        for value in tree.xpath(xpath):
            text = value if isinstance(value, str) else value.text_content()
            if text and text.strip():
                return text.strip()
    return None


def _page_metadata(tree: lxml.html.HtmlElement) -> dict[str, str | None]:
    """What the markup says about itself, for when trafilatura finds nothing."""
    return {
        "title": _first(tree, "//meta[@property='og:title']/@content", "//title", "//h1"),
        "url": _first(tree, "//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"),
        "date": _first(
            tree,
            "//meta[@property='article:published_time']/@content",
            "//time/@datetime",
            "//meta[@name='pubdate']/@content",
            "//meta[@name='date']/@content",
        ),
        "author": _first(tree, "//meta[@name='author']/@content"),
        "source": _first(tree, "//meta[@property='og:site_name']/@content"),
        "lang": _first(tree, "/html/@lang", "//meta[@http-equiv='content-language']/@content"),
    }


def article_from_html(markup: str, *, origin: str, path: str | None = None) -> SourceArticle | None:
    """None when the page holds no text at all."""
    markup = _XML_DECLARATION.sub("", markup, count=1, timeout=1)  # lxml refuses str input that declares an encoding
    tree, cut_short = _parse(markup)
    if tree is None:
        return None
    meta = _page_metadata(tree)
    if cut_short:
        text = _flat_text(markup)
        warning = "HTML nested too deeply to parse: read as flat text, the page's menus and links included"
    else:
        text, warning = _article_text(tree, meta), None
    if not text.strip():
        return None
    article = assemble_article(
        text,
        origin=origin,
        path=path,
        title=meta["title"],
        published=meta["date"],
        url=meta["url"],
        source=meta["source"],
        author=meta["author"],
        lang=meta["lang"],
    )
    if warning:
        article.warnings.insert(0, warning)
    return article


def _article_text(tree: lxml.html.HtmlElement, meta: dict[str, str | None]) -> str:
    """trafilatura's reading of the page (it works on a copy of our tree), else its visible text."""
    import trafilatura  # ~0.1 s to import: only runs that read HTML pay for it

    document = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=True)
    text = getattr(document, "text", None) or ""
    if not text.strip():
        return _visible_text(tree)
    for key, attribute in (
        ("title", "title"),
        ("url", "url"),
        ("date", "date"),
        ("author", "author"),
        ("source", "sitename"),
    ):
        meta[key] = getattr(document, attribute, None) or meta[key]
    return text
