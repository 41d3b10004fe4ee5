"""Article bodies as safe HTML: text between offsets is escaped, highlights are our own tags only."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

# Outermost first: a segment inside several spans is wrapped in this order.
LAYERS = ("event", "quote", "timex", "mention")


@dataclass(frozen=True)
class Span:
    """One highlight: layer, offsets in the body, the record it links to and a tooltip."""

    layer: str
    start: int
    end: int
    ref: str  # fragment id of the record this span shows (e.g. "event-3")
    label: str = ""
    href: str | None = None  # mentions link to their entity page
    css: str = ""


def article_spans(art: dict) -> list[Span]:
    """Highlights for an article dict from queries.article (mentions, events, quotes, dates)."""
    spans: list[Span] = []
    for e in art.get("events", []):
        why = [f"{role} '{(e.get(role) or {}).get('name') or '?'}' from '{m['text']}'"
               for role in ("source", "target") if (m := e.get(f"{role}_mention"))]  # why each actor was chosen
        label = f"{e['type']} ({e['modality']})" + (": " + "; ".join(why) if why else "")
        spans.append(Span("event", e["start_char"], e["end_char"], f"event-{e['idx']}", label,
                          css=f"t-{(e['type'] or 'other').lower()}"))
    for q in art.get("quotes", []):
        who = (q.get("speaker") or {}).get("name") or q.get("speaker_text") or "?"
        via = (q.get("speaker_mention") or {}).get("text")
        if via and via != who:
            who = f"{who} (resolved from '{via}')"
        spans.append(Span("quote", q["start_char"], q["end_char"], f"quote-{q['idx']}", f"{q['kind']} quote: {who}"))
    for t in art.get("timex", []):
        spans.append(Span("timex", t["start_char"], t["end_char"], f"timex-{t['idx']}", f"{t['type']} {t['value']}"))
    for i, m in enumerate(art.get("mentions", [])):
        href = f"/entities/{quote(m['entity_id'], safe='')}" if m.get("entity_id") else None
        spans.append(Span("mention", m["start_char"], m["end_char"], f"mention-{i}", f"{m['type']}: {m['local_key']}",
                          href=href, css=f"e-{(m['type'] or 'other').lower()}"))
    return spans


def highlight(body: str, spans: list[Span]) -> Markup:
    """Cut the body at every span boundary, escape each piece, and wrap it in the spans that cover it.

    Spans that cross each other are closed and reopened at the boundary, so the output is always
    well-formed; the first piece of each span carries a small link to its record.
    """
    n = len(body)
    valid = [s for s in spans if 0 <= s.start < s.end <= n and s.layer in LAYERS]
    cuts = sorted({0, n} | {s.start for s in valid} | {s.end for s in valid})
    order = {layer: i for i, layer in enumerate(LAYERS)}
    out: list[str] = []
    for lo, hi in zip(cuts, cuts[1:]):
        text = str(escape(body[lo:hi]))
        active = sorted((s for s in valid if s.start <= lo and hi <= s.end),
                        key=lambda s: (order[s.layer], s.start, -s.end))
        for s in reversed(active):  # innermost first, so the outermost wraps last
            marker = ""
            if s.start == lo and s.layer != "mention":
                # empty link: its letter comes from CSS, so the body's text stays exactly the article's
                marker = (f'<a class="mark mark-{s.layer}" href="#{escape(s.ref)}" '
                          f'title="{escape(s.label)}" aria-label="{escape(s.ref)}"></a>')
            cls = f"hl hl-{s.layer} {escape(s.css)}".strip()
            if s.href:
                text = (f'<a class="{cls}" href="{escape(s.href)}" title="{escape(s.label)}" '
                        f'data-ref="{escape(s.ref)}">{text}</a>')
            else:
                text = f'{marker}<span class="{cls}" title="{escape(s.label)}" data-ref="{escape(s.ref)}">{text}</span>'
        out.append(text)
    return Markup("".join(out))
