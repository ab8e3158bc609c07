"""A Markdown discrepancy report for an editor, safe whatever the articles contain."""

from __future__ import annotations

from .fields import (
    KIND_ORDER,
    SEVERITY_ORDER,
    article_label,
    by_sentence,
    counts,
    highlight_spans,
    highlighted_sentence,
    marked_text,
    provenance,
    safe_text,
    text,
)
from .wording import (
    KIND_TITLES,
    explanation_and_evidence,
    plain_figure,
    report_groups,
    shared_by_story,
    story_name,
    sum_in_words,
    total_and_parts,
)

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


def _reading(claim: dict) -> str:
    reading = plain_figure(claim)
    return reading + (f" ({provenance(claim)})" if provenance(claim) else "")


def _figures_table(rows: list[tuple[str, dict]]) -> list[str]:
    # Short cells only: the sentences follow as quotes, where they can be as long as they are.
    lines = ["| | Figure | Reads as | Article |", "|---|---|---|---|"]
    return lines + [
        f"| {label} | {escape(claim.get('text'))} | {escape(_reading(claim))} | {_source(claim)} |"
        for label, claim in rows
    ]


def _quote(label: str, sentence: str) -> list[str]:
    # The label leads the line, so nothing in the sentence can open a heading or a list in the quote.
    return [f"> **{label}:** {sentence}", ""]


def _arithmetic(total: dict, parts: list[dict]) -> list[str]:
    lines = [f"**The sum:** {escape(sum_in_words(total, parts))}.", ""]
    lines += _figures_table([("Total", total)] + [(f"Part {n}", part) for n, part in enumerate(parts, 1)]) + [""]
    for number, group in enumerate(by_sentence([total, *parts]), 1):
        sentence = text(group[0].get("sentence"))
        marks = [(*span, "**", "**") for span in highlight_spans(sentence, group) if span is not None]
        lines += _quote("Sentence" if number == 1 else f"Sentence {number}", marked_text(sentence, marks, escape))
    return lines


def _section(item: dict) -> list[str]:
    kind = text(item.get("kind"))
    badges = ", ".join(escape(item.get(key)) for key in ("severity", "status") if item.get(key))
    lines = [f"### #{escape(item.get('id'))}: {escape(KIND_TITLES.get(kind, kind))} ({badges})", ""]
    explanation, evidence = explanation_and_evidence(item.get("explanation"))
    lines += [f"**Why:** {escape(explanation)}", ""]
    if evidence:
        lines += [f"**Why one fact:** {escape(evidence)}", ""]
    if item.get("note") or item.get("reviewer"):
        who = ", ".join(escape(item.get(k)) for k in ("reviewer", "reviewed_at") if item.get(k))
        lines += [f"**Note:** {escape(item.get('note'))}" + (f" ({who})" if who else ""), ""]
    if item.get("active") is False:
        lines += ["*No longer found by the last check.*", ""]
    arithmetic = total_and_parts(item)
    if arithmetic:
        lines += _arithmetic(*arithmetic)
    else:
        sides = list(zip("AB", item.get("claims") or []))
        lines += _figures_table(sides) + [""]
        for side, claim in sides:
            lines += _quote(side, _highlighted(claim))
    fingerprint = text(item.get("fingerprint"))
    if fingerprint:
        lines += [f"Fingerprint: {escape(fingerprint[:12])}", ""]
    return lines


def _group(anchor: str, heading: str, members: list[dict]) -> list[str]:
    lines = [f"## {escape(heading)}", ""]
    if anchor == "updates":
        stories = sorted({story_name(member) for member in members})
        lines += [f"Stories: {escape(', '.join(stories))}", ""]
    elif shared_by_story(members):
        lines += [f"Its articles share: {escape(', '.join(shared_by_story(members)))}", ""]
    for member in members:
        lines += _section(member)
    return lines


def discrepancies_markdown(items: list[dict], generated_at: str | None = None) -> str:
    lines = ["# Discrepancy report", GENERATOR_MARK, ""]
    if generated_at:
        lines += [f"Generated at {escape(generated_at)}.", ""]
    if not items:
        return "\n".join(lines + ["No discrepancies.", ""])
    lines += [
        f"**{len(items)} discrepanc{'y' if len(items) == 1 else 'ies'}**",
        "",
        f"- By severity: {_tally(items, 'severity', SEVERITY_ORDER)}",
        f"- By kind: {_tally(items, 'kind', KIND_ORDER)}",
        f"- By status: {_tally(items, 'status', ('open', 'confirmed', 'dismissed'))}",
        "",
    ]
    # Story by story, the most severe first; updates are news, not mistakes, and close the report.
    for group in report_groups(items):
        lines += _group(*group)
    return "\n".join(lines)
