"""A self-contained HTML discrepancy report: one file, inline CSS, no scripts, everything escaped."""

from __future__ import annotations

from html import escape as _escape

from .fields import KIND_ORDER, SEVERITY_ORDER, article_label, counts, format_interval, highlighted_sentence, provenance, safe_text, text

# No external resources and no scripts: the page opens offline and from a mail attachment.
# The policy also stops anything that did slip through escaping from loading or running.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"
# Our marker: `claims report` overwrites a file that carries it without --force.
GENERATOR_MARK = '<meta name="generator" content="claims discrepancy report">'
_STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:64rem;padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.6rem;margin-bottom:.2rem}.meta{color:#666;margin-top:0}
.summary{display:flex;gap:2rem;flex-wrap:wrap;margin:1rem 0 2rem}.summary dl{margin:0}.summary dt{font-weight:600}.summary dd{margin:0}
section.d{border:1px solid #ddd;border-left:6px solid #999;border-radius:6px;padding:.8rem 1.2rem;margin:1.2rem 0}
section.high{border-left-color:#c62828}section.medium{border-left-color:#ef8f00}section.low{border-left-color:#7a9c3a}
section.dismissed{opacity:.65}
h2{font-size:1.1rem;margin:.2rem 0 .6rem}
.badge{display:inline-block;font-size:.8rem;font-weight:600;padding:.05rem .5rem;border-radius:1rem;background:#eee;margin-right:.3rem}
.badge.high{background:#fde0e0;color:#8e0000}.badge.medium{background:#fff0d6;color:#7a4500}.badge.low{background:#eef5e0;color:#3d5a10}
.badge.confirmed{background:#e0e8fd;color:#0d2f8e}.badge.dismissed{background:#eee;color:#555}
.why{font-weight:500}.note{background:#f6f6f6;padding:.4rem .7rem;border-radius:4px}
.claims{display:grid;grid-template-columns:1fr 1fr;gap:1rem}@media(max-width:700px){.claims{grid-template-columns:1fr}}
.claim{background:#fafafa;border:1px solid #eee;border-radius:4px;padding:.6rem .8rem}
.claim h3{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:#666;margin:0 0 .3rem}
.figure{font-size:1.1rem;font-weight:600}.reading{color:#666;font-size:.9rem}
blockquote{margin:.5rem 0;padding-left:.7rem;border-left:3px solid #ddd}
mark{background:#ffe066;padding:0 .1rem;border-radius:2px}
.source{font-size:.85rem;color:#444;word-break:break-word}code{font-size:.85rem}
.fingerprint{font-size:.75rem;color:#888}
"""


def escape(value) -> str:
    """Article text as inert HTML: < > & and both quotes become entities; control and bidi
    characters become U+FFFD (an entity would put them back in the page)."""
    return _escape(safe_text(value), quote=True)


def _link(url) -> str | None:
    # Only web addresses become links: "javascript:" or "data:" in an article stays text.
    shown = text(url).strip()
    return shown if shown.lower().startswith(("http://", "https://")) else None


def _sentence(claim: dict) -> str:
    return highlighted_sentence(claim, escape, "<mark>", "</mark>")


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


def _claim(side: str, claim: dict) -> str:
    reading = " ".join(p for p in (text(claim.get("qualifier")), format_interval(claim), text(claim.get("unit"))) if p)
    frame = ", ".join(f"{k}: {v}" for k, v in (claim.get("roles") or {}).items()) if isinstance(claim.get("roles"), dict) else ""
    details = [reading] + [text(claim.get(k)) for k in ("subject", "location", "time") if claim.get(k)] + ([frame] if frame else [])
    details.append(provenance(claim))
    return (
        f'<div class="claim"><h3>Figure {side}</h3>'
        f'<div><span class="figure">{escape(claim.get("text"))}</span> '
        f'<span class="reading">{escape(" · ".join(d for d in details if d))}</span></div>'
        f"<blockquote>{_sentence(claim)}</blockquote>"
        f'<div class="source">{_source(claim)}</div></div>'
    )


def _section(item: dict) -> str:
    severity, status = text(item.get("severity")), text(item.get("status"))
    # Class names come from our own vocabularies; anything else falls back to no styling.
    classes = " ".join(c for c in ("d", severity if severity in SEVERITY_ORDER else "",
                                   status if status in ("open", "confirmed", "dismissed") else "") if c)
    badges = "".join(
        f'<span class="badge {v}">{escape(v)}</span>' if v in (*SEVERITY_ORDER, "confirmed", "dismissed")
        else f'<span class="badge">{escape(v)}</span>'
        for v in (text(item.get("kind")), severity, status) if v
    )
    parts = [f'<section class="{classes}" id="d{escape(item.get("id"))}">',
             f"<h2>#{escape(item.get('id'))} {badges}</h2>",
             f'<p class="why">{escape(item.get("explanation"))}</p>']
    if item.get("note") or item.get("reviewer"):
        who = ", ".join(text(item.get(k)) for k in ("reviewer", "reviewed_at") if item.get(k))
        parts.append(f'<p class="note"><strong>Note:</strong> {escape(item.get("note"))}'
                     + (f" <em>({escape(who)})</em>" if who else "") + "</p>")
    if item.get("active") is False:
        parts.append("<p><em>No longer found by the last check.</em></p>")
    parts.append('<div class="claims">' + "".join(_claim(side, claim) for side, claim in zip("AB", item.get("claims") or [])) + "</div>")
    if item.get("fingerprint"):
        parts.append(f'<p class="fingerprint">fingerprint {escape(text(item["fingerprint"])[:12])}</p>')
    return "\n".join(parts) + "\n</section>"


def _summary(items: list[dict]) -> str:
    blocks = []
    for label, key, order in (("Severity", "severity", SEVERITY_ORDER), ("Kind", "kind", KIND_ORDER),
                              ("Status", "status", ("open", "confirmed", "dismissed"))):
        rows = "".join(f"<dd>{escape(name)}: {n}</dd>" for name, n in counts(items, key, order))
        blocks.append(f"<dl><dt>{label}</dt>{rows}</dl>")
    return f'<div class="summary">{"".join(blocks)}</div>'


def discrepancies_html(items: list[dict], generated_at: str | None = None) -> str:
    count = f"{len(items)} discrepanc{'y' if len(items) == 1 else 'ies'}"
    meta = count + (f" · generated at {escape(generated_at)}" if generated_at else "")
    body = (_summary(items) + "\n" + "\n".join(_section(item) for item in items)) if items else "<p>No discrepancies.</p>"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{GENERATOR_MARK}\n"
        "<title>Discrepancy report</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<h1>Discrepancy report</h1>\n<p class="meta">{meta}</p>\n'
        f"{body}\n</body>\n</html>\n"
    )
