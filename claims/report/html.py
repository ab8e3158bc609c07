"""A self-contained HTML discrepancy report: one file, inline CSS, no scripts, everything escaped."""

from __future__ import annotations

from html import escape as _escape

from .fields import (
    KIND_ORDER,
    SEVERITY_ORDER,
    article_label,
    by_sentence,
    counts,
    highlight_span,
    highlight_spans,
    highlighted_sentence,
    marked_text,
    provenance,
    safe_text,
    text,
)
from .wording import (
    KIND_TITLES,
    as_written,
    explanation_and_evidence,
    plain_figure,
    plain_roles,
    report_groups,
    shared_by_story,
    story_name,
    sum_in_words,
    total_and_parts,
)

# No external resources and no scripts: the page opens offline and from a mail attachment.
# The policy also stops anything that did slip through escaping from loading or running.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"
# Our marker: `claims report` overwrites a file that carries it without --force.
GENERATOR_MARK = '<meta name="generator" content="claims discrepancy report">'
_STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:64rem;
  padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.6rem;margin-bottom:.2rem}.meta{color:#666;margin-top:0}
section.d{border:1px solid #ddd;border-left:6px solid #999;border-radius:6px;padding:.8rem 1.2rem;margin:1.2rem 0}
section.high{border-left-color:#c62828}section.medium{border-left-color:#ef8f00}section.low{border-left-color:#7a9c3a}
section.dismissed{opacity:.65}
h2{font-size:1.25rem;margin:.2rem 0 .6rem}
.badge{display:inline-block;font-size:.8rem;font-weight:600;padding:.05rem .5rem;border-radius:1rem;background:#eee;
  margin-right:.3rem}
.badge.high{background:#fde0e0;color:#8e0000}.badge.medium{background:#fff0d6;color:#7a4500}
.badge.low{background:#eef5e0;color:#3d5a10}
.badge.confirmed{background:#e0e8fd;color:#0d2f8e}.badge.dismissed{background:#eee;color:#555}
.why{font-weight:500}.note{background:#f6f6f6;padding:.4rem .7rem;border-radius:4px}
.claims{display:grid;grid-template-columns:1fr 1fr;gap:1rem}@media(max-width:700px){.claims{grid-template-columns:1fr}}
.claim{background:#fafafa;border:1px solid #eee;border-radius:4px;padding:.6rem .8rem}
.claim h3{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:#666;margin:0 0 .3rem}
.figure{font-size:1.1rem;font-weight:600}.reading{color:#666;font-size:.9rem}
blockquote{margin:.5rem 0;padding-left:.7rem;border-left:3px solid #ddd}
mark{background:#ffe066;padding:0 .1rem;border-radius:2px}mark.other{background:#ffe9a8;outline:1px dashed #c9a400}
mark.total{background:#ffd0c2;outline:2px solid #c62828}mark.part{background:#ffe066}
.sum{font-size:1.05rem}.sum strong{font-weight:600}
.source{font-size:.85rem;color:#444;word-break:break-word}code{font-size:.85rem}
.triage{font-size:.8rem;color:#555}.triage code{user-select:all;background:#f3f3f3;padding:0 .3rem}
.evidence{font-size:.9rem;color:#444}.plain{text-transform:none;letter-spacing:0;color:#1d1d1f}
table.summary{border-collapse:collapse;margin:1rem 0}
table.summary th,table.summary td{border:1px solid #ddd;padding:.2rem .6rem;text-align:left}
table.summary td{text-align:right}.toc ol{padding-left:1.4rem}
.story>h2{border-bottom:2px solid #333;padding-bottom:.2rem;margin-top:2rem}
h3.card{font-size:1.05rem;margin:.2rem 0 .6rem}
"""


def escape(value) -> str:
    """Article text as inert HTML: < > & and both quotes become entities; control and bidi
    characters become U+FFFD (an entity would put them back in the page)."""
    return _escape(safe_text(value), quote=True)


def _link(url) -> str | None:
    # Only web addresses become links: "javascript:" or "data:" in an article stays text.
    shown = text(url).strip()
    return shown if shown.lower().startswith(("http://", "https://")) else None


def _sentence(claim: dict, other: dict | None = None) -> str:
    """The claim's sentence with its figure marked; when the other figure stands in the same
    sentence of the same article (a total and its part), that one is marked too."""
    sentence = text(claim.get("sentence"))
    same = (
        other is not None
        and text(other.get("sentence")) == sentence
        and (other.get("article") or {}).get("id") == (claim.get("article") or {}).get("id")
    )
    own = highlight_span(sentence, claim)
    theirs = highlight_span(sentence, other) if other is not None and same else None
    if own is None or theirs is None or not (theirs[1] <= own[0] or theirs[0] >= own[1]):
        return highlighted_sentence(claim, escape, "<mark>", "</mark>")
    pieces, at = [], 0
    for start, end in sorted((own, theirs)):
        kind = "" if (start, end) == own else ' class="other"'
        pieces.append(f"{escape(sentence[at:start])}<mark{kind}>{escape(sentence[start:end])}</mark>")
        at = end
    return "".join(pieces) + escape(sentence[at:])


def _lang_attribute(claim: dict) -> str:
    # The quote is in the article's language: screen readers and hyphenation follow it.
    lang = text(claim.get("lang"))
    return f' lang="{escape(lang)}"' if lang.isascii() and lang.replace("-", "").isalpha() else ""


def _source(claim: dict) -> str:
    article = claim.get("article") or {}
    title = f"<strong>{escape(article_label(article))}</strong>"
    href = _link(article.get("url"))
    if href:
        title = f'<a href="{escape(href)}" rel="noopener noreferrer nofollow">{title}</a>'
    parts = [title]
    if article.get("published"):
        parts.append(escape(article["published"]))
    if article.get("path"):
        parts.append(f"<code>{escape(article['path'])}</code>")
    if article.get("url"):
        # Shown as text too, so a printed report still says where the article lives.
        parts.append(f"<code>{escape(article['url'])}</code>")
    return " · ".join(parts)


def _claim(side: str, claim: dict, other: dict | None = None) -> str:
    sentence = claim.get("sentence")
    details = [text(claim.get("subject"))] + [as_written(claim.get(k), sentence) for k in ("location", "time")]
    details += [plain_roles(claim.get("roles")), provenance(claim)]
    lang_attribute = _lang_attribute(claim)
    return (
        f'<div class="claim"><h3>Figure {side}: <span class="plain">{escape(plain_figure(claim))}</span></h3>'
        f'<div{lang_attribute}><span class="figure">{escape(claim.get("text"))}</span> '
        f'<span class="reading">{escape(" · ".join(d for d in details if d))}</span></div>'
        f"<blockquote{lang_attribute}>{_sentence(claim, other)}</blockquote>"
        f'<div class="source">{_source(claim)}</div></div>'
    )


def _total_and_parts(total: dict, parts: list[dict]) -> str:
    """The sum in words, then each sentence with the total and every part marked: a total broken
    into three parts is checked by reading all four figures, not two."""
    figures = [total, *parts]
    quotes = []
    for group in by_sentence(figures):
        sentence = text(group[0].get("sentence"))
        spans = highlight_spans(sentence, group)
        marks = [
            (*span, '<mark class="total">' if claim is total else '<mark class="part">', "</mark>")
            for claim, span in zip(group, spans)
            if span is not None
        ]
        quotes.append(
            f"<blockquote{_lang_attribute(group[0])}>{marked_text(sentence, marks, escape)}</blockquote>"
            f'<div class="source">{_source(group[0])}</div>'
        )
    shown_parts = ", ".join(plain_figure(part) or text(part.get("text")) for part in parts)
    return (
        f'<p class="sum"><strong>The sum:</strong> {escape(sum_in_words(total, parts))}.</p>'
        f'<div class="claim"><h3>Total: <span class="plain">{escape(plain_figure(total))}</span> · '
        f'{len(parts)} part{"" if len(parts) == 1 else "s"}: <span class="plain">{escape(shown_parts)}</span></h3>'
        + "".join(quotes)
        + "</div>"
    )


def _triage(fingerprint: str) -> str:
    prefix = escape(fingerprint[:12])
    return (
        f'<p class="triage">To decide: <code>claims review {prefix} --confirm</code> '
        f'or <code>claims review {prefix} --dismiss --note "…"</code></p>'
    )


def _section(item: dict) -> str:
    severity, status, kind = text(item.get("severity")), text(item.get("status")), text(item.get("kind"))
    # Class names come from our own vocabularies; anything else falls back to no styling.
    classes = " ".join(
        c
        for c in (
            "d",
            severity if severity in SEVERITY_ORDER else "",
            status if status in ("open", "confirmed", "dismissed") else "",
        )
        if c
    )
    badges = "".join(
        f'<span class="badge {v}">{escape(v)}</span>'
        if v in (*SEVERITY_ORDER, "confirmed", "dismissed")
        else f'<span class="badge">{escape(v)}</span>'
        for v in (severity, status)
        if v
    )
    explanation, evidence = explanation_and_evidence(item.get("explanation"))
    parts = [
        f'<section class="{classes}" id="d{escape(item.get("id"))}">',
        f'<h3 class="card">{badges} {escape(KIND_TITLES.get(kind, kind))} '
        f"<small>#{escape(item.get('id'))}</small></h3>",
        f'<p class="why">{escape(explanation)}</p>',
    ]
    if evidence:
        parts.append(f'<p class="evidence"><strong>Why one fact:</strong> {escape(evidence)}</p>')
    if item.get("note") or item.get("reviewer"):
        who = ", ".join(text(item.get(k)) for k in ("reviewer", "reviewed_at") if item.get(k))
        parts.append(
            f'<p class="note"><strong>Review:</strong> {escape(item.get("note"))}'
            + (f" <em>({escape(who)})</em>" if who else "")
            + "</p>"
        )
    if item.get("active") is False:
        parts.append("<p><em>No longer found by the last check.</em></p>")
    pair = list(item.get("claims") or [])
    arithmetic = total_and_parts(item)
    if arithmetic:
        parts.append(_total_and_parts(*arithmetic))
    else:
        parts.append(
            '<div class="claims">'
            + "".join(_claim(side, claim, other) for side, claim, other in zip("AB", pair, reversed(pair)))
            + "</div>"
        )
    if item.get("fingerprint"):
        parts.append(_triage(text(item["fingerprint"])))
    return "\n".join(parts) + "\n</section>"


def _summary(items: list[dict]) -> str:
    """Counts per kind and severity, as a small table an editor scans first."""
    kinds = [name for name, _ in counts(items, "kind", KIND_ORDER)]
    tally: dict[tuple[str, str], int] = {}
    for item in items:
        key = (text(item.get("kind")), text(item.get("severity")))
        tally[key] = tally.get(key, 0) + 1
    head = "".join(f"<th>{escape(s)}</th>" for s in SEVERITY_ORDER)
    rows = "".join(
        f"<tr><th>{escape(KIND_TITLES.get(kind, kind))}</th>"
        + "".join(f"<td>{tally.get((kind, s), 0)}</td>" for s in SEVERITY_ORDER)
        + "</tr>"
        for kind in kinds
    )
    statuses = ", ".join(
        f"{n} {escape(name)}" for name, n in counts(items, "status", ("open", "confirmed", "dismissed"))
    )
    return (
        f'<table class="summary"><thead><tr><th>Kind</th>{head}</tr></thead><tbody>{rows}</tbody></table>'
        f'<p class="meta">Review status: {statuses}</p>'
    )


def _by_severity(members: list[dict]) -> str:
    """ "2 high, 1 low": how many discrepancies of a group stand at each severity."""
    return ", ".join(f"{n} {s}" for s, n in counts(members, "severity", SEVERITY_ORDER))


def _contents(groups) -> str:
    entries = "".join(
        f'<li><a href="#{anchor}">{escape(heading)}</a> <span class="meta">'
        f"({len(members)}: {escape(_by_severity(members))})</span></li>"
        for anchor, heading, members in groups
    )
    return f'<nav class="toc"><h2>Contents</h2><ol>{entries}</ol></nav>'


def _shared(members: list[dict]) -> str:
    why = shared_by_story(members)
    return f'<p class="meta">Its articles share: {escape(", ".join(why))}</p>' if why else ""


def _group(anchor: str, heading: str, members: list[dict]) -> str:
    stories = {story_name(member) for member in members}
    note = (
        f'<p class="meta">Stories: {escape(", ".join(sorted(stories)))}</p>'
        if anchor == "updates"
        else _shared(members)
    )
    return (
        f'<div class="story" id="{anchor}"><h2>{escape(heading)}</h2>{note}\n'
        + "\n".join(_section(member) for member in members)
        + "\n</div>"
    )


def discrepancies_html(items: list[dict], generated_at: str | None = None) -> str:
    count = f"{len(items)} discrepanc{'y' if len(items) == 1 else 'ies'}"
    meta = count + (f" · generated at {escape(generated_at)}" if generated_at else "")
    if items:
        groups = report_groups(items)
        body = _summary(items) + "\n" + _contents(groups) + "\n" + "\n".join(_group(*group) for group in groups)
    else:
        body = "<p>No discrepancies.</p>"
    return (
        "<!DOCTYPE html>\n"
        # The page speaks English; every quote carries its article's own language.
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{GENERATOR_MARK}\n"
        "<title>Discrepancy report</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<h1>Discrepancy report</h1>\n<p class="meta">{meta}</p>\n'
        f"{body}\n</body>\n</html>\n"
    )
