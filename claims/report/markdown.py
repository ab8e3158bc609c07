"""A Markdown discrepancy report for an editor, safe whatever the articles contain."""

from __future__ import annotations

from .fields import KIND_ORDER, provenance, SEVERITY_ORDER, article_label, counts, highlighted_sentence, safe_text, text
from .wording import plain_figure

# CommonMark lets any ASCII punctuation be backslash-escaped. These would otherwise start
# emphasis, code spans, strikethrough or links ("[x](javascript:...)") inside article text;
# a pipe would end a table cell. Done with translate: linear, no pattern over article text.
_MARKUP = {ord(c): "\\" + c for c in "\\`*_[]~|"} | {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
# Our marker, under the heading: `claims report` overwrites a file that carries it without --force.
# A comment, so no Markdown viewer shows it.
GENERATOR_MARK = "<!-- generator: claims discrepancy report -->"


def escape(value) -> str:
    """Article text as inert Markdown: HTML entities for < > &, \\| for pipes, <br> for newlines,
    U+FFFD for control and bidi characters."""
    shown = safe_text(value).translate(_MARKUP)
    # A newline would end the table row or the paragraph; <br> is our markup, added after escaping.
    return shown.replace("\r\n", "<br>").replace("\r", "<br>").replace("\n", "<br>")


def _highlighted(claim: dict) -> str:
    return highlighted_sentence(claim, escape, "**", "**")


def _tally(items: list[dict], key: str, order: tuple[str, ...]) -> str:
    return ", ".join(f"{escape(name)}: {n}" for name, n in counts(items, key, order)) or "none"


def _source(claim: dict) -> str:
    article = claim.get("article") or {}
    parts = [escape(article_label(article))]
    if article.get("published"):
        parts.append(escape(article["published"]))
    place = article.get("url") or article.get("path")
    if place:
        # A code span cannot hold a backtick safely, so paths and URLs are escaped text instead.
        parts.append(escape(place))
    return " · ".join(parts)


def _section(item: dict) -> list[str]:
    title = f"{escape(item.get('kind'))}, {escape(item.get('severity'))}, {escape(item.get('status'))}"
    lines = [f"## #{escape(item.get('id'))}: {title}", "", f"**Why:** {escape(item.get('explanation'))}", ""]
    if item.get("note") or item.get("reviewer"):
        who = ", ".join(escape(item.get(k)) for k in ("reviewer", "reviewed_at") if item.get(k))
        lines += [f"**Note:** {escape(item.get('note'))}" + (f" ({who})" if who else ""), ""]
    story = item.get("story") or {}
    if story.get("why"):
        lines += [f"**Story:** {escape(story.get('name'))}, whose articles share {escape(', '.join(story['why']))}", ""]
    if item.get("active") is False:
        lines += ["*No longer found by the last check.*", ""]
    lines += ["| | Figure | Value | Sentence | Article |", "|---|---|---|---|---|"]
    for side, claim in zip("AB", item.get("claims") or []):
        reading = plain_figure(claim)
        if provenance(claim):
            reading += f" ({provenance(claim)})"
        lines.append(f"| {side} | {escape(claim.get('text'))} | {escape(reading)} | {_highlighted(claim)} | {_source(claim)} |")
    fingerprint = text(item.get("fingerprint"))
    if fingerprint:
        lines += ["", f"Fingerprint: {escape(fingerprint[:12])}"]
    return lines + [""]


def discrepancies_markdown(items: list[dict], generated_at: str | None = None) -> str:
    lines = ["# Discrepancy report", GENERATOR_MARK, ""]
    if generated_at:
        lines += [f"Generated at {escape(generated_at)}.", ""]
    if not items:
        return "\n".join(lines + ["No discrepancies.", ""])
    lines += [
        f"**{len(items)} discrepanc{'y' if len(items) == 1 else 'ies'}**", "",
        f"- By severity: {_tally(items, 'severity', SEVERITY_ORDER)}",
        f"- By kind: {_tally(items, 'kind', KIND_ORDER)}",
        f"- By status: {_tally(items, 'status', ('open', 'confirmed', 'dismissed'))}", "",
    ]
    for item in items:
        lines += _section(item)
    return "\n".join(lines)
