"""The HTML report: one self-contained page (inline CSS, no script, nothing fetched) a journalist can open or
mail. A header with the counts, a table of findings worst first — each row's explanation opens (``<details>``)
on the quote, the source, the evidence and the other sources — then the differences inside the evidence.

Every text is escaped; only http(s) URLs become links (a registry could hold ``javascript:``). The page stays
under :data:`MAX_BYTES`: beyond it the remaining rows are left out and a note says how many.
"""

from __future__ import annotations

from html import escape

from checker.engine.findings import EvidenceNote, Finding, Report
from checker.evidence.facts import Fact
from checker.registry.models import VERDICTS
from checker.report import RenderOptions
from checker.report.common import display_value, fact_value, summarise, summary_line, worst_first

#: A browser opens larger pages, but slowly; the JSON report holds everything.
MAX_BYTES = 5 * 1024 * 1024

CSS = """\
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans KR","Apple SD Gothic Neo",sans-serif;
margin:1.5rem;color:#1a1a1a;background:#fff;line-height:1.45}
h1{font-size:1.5rem;margin:0 0 .3rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f2f2f2}
table.counts td{text-align:right}
table.findings{width:100%}
table.findings td.explanation{min-width:22rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;word-break:break-all}
.verdict{display:inline-block;padding:.1rem .45rem;border-radius:.3rem;font-weight:600;white-space:nowrap}
.v-supported{background:#d7f5dd;color:#0b5d1e}
.v-approximate{background:#fff1c2;color:#5c4300}
.v-contradicted{background:#fbd5d5;color:#8a1010}
.v-disputed{background:#f0dcf5;color:#6a1b7a}
.v-unverifiable{background:#e1ecf4;color:#1d4e6e}
.drift{display:block;font-size:.85em;font-weight:600;color:#8a1010}
details summary{cursor:pointer}
details dl{margin:.5rem 0 0;display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem}
details dt{font-weight:600}details dd{margin:0}
details ul,.notes ul{margin:0;padding-left:1.1rem}
.muted{color:#555}
.note{background:#fff8e1;border-left:4px solid #c99a00;padding:.5rem .8rem}
"""


def format_html(report: Report, options: RenderOptions = RenderOptions()) -> str:
    """``report`` as one self-contained HTML page, at most :data:`MAX_BYTES` bytes of UTF-8."""
    return render_html(report, max_bytes=MAX_BYTES)


def render_html(report: Report, *, max_bytes: int = MAX_BYTES) -> str:
    summary = summarise(report.findings)
    line = summary_line(summary)
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="claimcheck">',
        f"<title>claimcheck: {_e(line)}</title>",
        f"<style>\n{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>claimcheck report</h1>",
        f"<p><strong>{_e(line)}</strong></p>",
        f'<p class="muted">{_e(report.mode)} verification of <code>{_e(report.registry)}</code> · '
        f"claimcheck {_e(report.tool_version)}</p>",
        '<table class="counts">',
        "<caption>Claims by verdict</caption>",
        '<thead><tr><th scope="col">verdict</th><th scope="col">claims</th></tr></thead>',
        "<tbody>",
        *(f'<tr><th scope="row">{_badge(v)}</th><td>{summary.by_verdict.get(v, 0)}</td></tr>' for v in VERDICTS),
        f'<tr><th scope="row">drift from <code>expect</code></th><td>{summary.drift}</td></tr>',
        "</tbody>",
        "</table>",
        "</header>",
        "<main>",
    ]
    tail = ["</main>", "</body>", "</html>"]
    budget = max_bytes - _size(head) - _size(tail) - 2000  # room for the section tags and truncation notes

    body: list[str] = []
    findings = worst_first(report.findings)
    rows, used = _take([_row(f) for f in findings], budget)
    body += ["<section>", "<h2>Findings</h2>"]
    if findings:
        body += [
            '<table class="findings">',
            '<thead><tr><th scope="col">verdict</th><th scope="col">claim</th><th scope="col">subject</th>'
            '<th scope="col">property</th><th scope="col">declared</th><th scope="col">explanation</th></tr></thead>',
            "<tbody>", *rows, "</tbody>", "</table>",
        ]
        if len(rows) < len(findings):
            body.append(_left_out(len(findings) - len(rows), "finding", max_bytes))
    else:
        body.append("<p>No claims to report.</p>")
    body.append("</section>")

    if report.evidence_notes:
        notes, _ = _take([_note(n) for n in report.evidence_notes], budget - used)
        body += ['<section class="notes">', "<h2>Differences inside the evidence</h2>"]
        if notes:
            body += ["<ul>", *notes, "</ul>"]
        if len(notes) < len(report.evidence_notes):
            body.append(_left_out(len(report.evidence_notes) - len(notes), "evidence note", max_bytes))
        body.append("</section>")
    return "\n".join(head + body + tail) + "\n"


def _take(items: list[str], budget: int) -> tuple[list[str], int]:
    """The leading ``items`` that fit in ``budget`` bytes, and the bytes they use."""
    used = 0
    for i, item in enumerate(items):
        size = len(item.encode()) + 1
        if used + size > budget:
            return items[:i], used
        used += size
    return items, used


def _size(lines: list[str]) -> int:
    return sum(len(s.encode()) + 1 for s in lines)


def _left_out(n: int, noun: str, max_bytes: int) -> str:
    limit = f"{max_bytes / 2**20:g} MiB" if max_bytes >= 2**20 else f"{max_bytes / 1024:.0f} KiB"
    return (f'<p class="note">… {n} more {noun}(s) left out: the page is limited to {limit}. '
            "See the JSON report (<code>--format json</code>) for every finding.</p>")


def _row(f: Finding) -> str:
    verdict = _badge(f.verdict)
    if f.drift and f.expect:
        verdict += f'<span class="drift">expected {_e(f.expect)}</span>'
    return (f"<tr><td>{verdict}</td><td><code>{_e(f.claim_id)}</code></td><td>{_e(f.subject.name)}</td>"
            f"<td><code>{_e(f.property)}</code></td><td>{_e(display_value(f.value))}</td>"
            f'<td class="explanation"><details><summary>{_e(f.explanation)}</summary>{_details(f)}</details></td></tr>')


def _details(f: Finding) -> str:
    source = f"{_e(f.source_id)}, {_e(f.published.isoformat())}"
    if f.source_url:
        source += f" — {_link(f.source_url)}"
    items = [("Quote", f"<q>{_e(f.quote)}</q>"), ("Source", source), ("Reason", f"<code>{_e(f.reason)}</code>")]
    if f.subject.repo_id:
        items.append(("Hub repo", f"<code>{_e(f.subject.repo_id)}</code>"))
    if f.position is not None:
        items.append(("Claim file", f"<code>{_e(f.position.path)}:{f.position.line}:{f.position.col}</code>"))
    if f.evidence:
        items.append(("Evidence", "<ul>" + "".join(f"<li>{_fact(fact)}</li>" for fact in f.evidence) + "</ul>"))
    elif f.verdict != "disputed":
        items.append(("Evidence", '<span class="muted">no Hub evidence</span>'))
    if f.related:
        others = "".join(
            f"<li>{'agrees' if r.compatible else 'differs'}: <code>{_e(r.claim_id)}</code> "
            f"({_e(r.published.isoformat())}): {_e(display_value(r.value))}</li>" for r in f.related)
        items.append(("Other sources", f"<ul>{others}</ul>"))
    return "<dl>" + "".join(f"<dt>{name}</dt><dd>{html}</dd>" for name, html in items) + "</dl>"


def _fact(fact: Fact) -> str:
    value = fact_value(fact)
    out = f"<code>{_e(fact.method.value)}</code> {_e(fact.property)} = {_e(value)}"
    if fact.source_url:
        out += f" — {_link(fact.source_url)}"
    if fact.revision:
        out += f' <span class="muted">@ <code title="{_e(fact.revision)}">{_e(fact.revision[:12])}</code></span>'
    return out


def _note(n: EvidenceNote) -> str:
    facts = "".join(f"<li>{_fact(fact)}</li>" for fact in n.facts)
    return (f"<li><strong>{_e(n.repo_id)}</strong> <code>{_e(n.property)}</code>: {_e(n.explanation)}"
            + (f"<ul>{facts}</ul>" if facts else "") + "</li>")


def _badge(verdict: str) -> str:
    return f'<span class="verdict v-{_e(verdict)}">{_e(verdict)}</span>'


def _link(url: str) -> str:
    """A link for an http(s) URL; any other scheme is shown as text, never made clickable."""
    if url.lower().startswith(("https://", "http://")):
        return f'<a href="{_e(url)}">{_e(url)}</a>'
    return f"<code>{_e(url)}</code>"


def _e(text: object) -> str:
    return escape(str(text), quote=True)
