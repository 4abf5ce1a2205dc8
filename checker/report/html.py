"""The HTML report: one self-contained page (inline CSS and SVG, no script, nothing fetched) a journalist can
open or mail, readable from a phone (390 px) to a desktop without horizontal scrolling.

- A header with the counts, which double as a filter by verdict: CSS only (radio inputs and ``:checked``), so
  the page runs no script at all and a ``<script>`` planted in a registry value stays inert text.
- A chart of declared vs evidence parameter counts on log scales (inline SVG), each point coloured by verdict.
- The findings grouped by article (the order sources first appear in, worst first within each): for every
  finding that is not ``supported`` the quote, the source, the explanation and the evidence links are shown
  in full; a supported finding keeps them behind ``<details>``.
- Then the differences inside the evidence.

Words never break in the middle: long ids and URLs get break opportunities (``<wbr>``) after ``/``, ``.``,
``_``, ``?``, ``&`` and ``=``, and hyphens break as usual. Every text is escaped; only http(s) URLs become
links (a registry could hold ``javascript:``). The page stays under :data:`MAX_BYTES`: beyond it the less
severe findings are left out and a note says how many.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Iterator
from html import escape

from checker.engine.findings import EvidenceNote, Finding, Report, Summary
from checker.evidence.facts import Fact
from checker.registry.models import Verdict
from checker.report import RenderOptions
from checker.report.common import display_value, fact_value, related_rest, summary_line, worst_key
from checker.report.escape import safe_url
from checker.report.streaming import Head, Tally
from checker.report.verdicts import DISPLAY_ORDER, LOOK

#: A browser opens larger pages, but slowly; the JSON report holds everything.
MAX_BYTES = 5 * 1024 * 1024

_BASE_CSS = """\
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans KR","Noto Sans CJK KR","Apple SD Gothic Neo",sans-serif;
margin:0 auto;padding:1rem;max-width:72rem;color:#1a1a1a;background:#fff;line-height:1.5;word-break:keep-all}
h1{font-size:1.5rem;margin:0 0 .3rem}h2{font-size:1.15rem;margin:0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
a{color:#0645ad;overflow-wrap:break-word}
.muted{color:#555}.nw{white-space:nowrap}
.filter{position:absolute;opacity:0;pointer-events:none}
.filters{display:flex;flex-wrap:wrap;gap:.4rem;margin:.8rem 0;padding:0;list-style:none}
.filters label{display:inline-block;border:1px solid #bbb;border-radius:1rem;padding:.15rem .7rem;cursor:pointer;
white-space:nowrap;background:#fafafa}
.filters label .n{font-weight:700;margin-left:.3rem}
.verdict{display:inline-block;padding:.05rem .45rem;border-radius:.3rem;font-weight:600;white-space:nowrap}
.drift{display:inline-block;margin-left:.4rem;font-size:.85em;font-weight:600;color:#8a1010}
.chart{margin:1rem 0}.chart svg{width:100%;max-width:40rem;height:auto;display:block}
.chart figcaption{font-size:.9em;color:#444}
section.source{border-top:2px solid #ddd;margin-top:1.5rem;padding-top:.8rem}
section.source>p{margin:.2rem 0 .6rem}
article.finding{border:1px solid #ddd;border-left-width:6px;border-radius:.4rem;padding:.6rem .8rem;margin:.6rem 0}
article.finding p{margin:.25rem 0}
.what strong{font-weight:600}
dl.facts{margin:.4rem 0 0;display:grid;grid-template-columns:minmax(0,max-content) minmax(0,1fr);gap:.15rem .8rem}
dl.facts dt{font-weight:600}dl.facts dd{margin:0;min-width:0}
dl.facts ul,.notes ul{margin:0;padding-left:1.1rem}
details summary{cursor:pointer;color:#333}
.note{background:#fff8e1;border-left:4px solid #c99a00;padding:.5rem .8rem}
@media (max-width:40rem){dl.facts{grid-template-columns:minmax(0,1fr)}dl.facts dd{margin-bottom:.3rem}}
"""


def _css() -> str:
    """The stylesheet: the base, one colour rule per verdict, and the filter rules (one per verdict)."""
    rules = [_BASE_CSS]
    for v in DISPLAY_ORDER:
        bg, fg = LOOK[v].color
        rules.append(f".v-{v} .verdict,.verdict.v-{v}{{background:{bg};color:{fg}}}"
                     f"article.v-{v}{{border-left-color:{fg}}}")
        rules.append(f"#show-{v}:checked~main article.finding:not(.v-{v}){{display:none}}"
                     f"#show-{v}:checked~main section.source:not(:has(article.v-{v})){{display:none}}"
                     f"#show-{v}:checked~header label[for=show-{v}]{{border-color:#333;background:{bg}}}")
    rules.append("#show-all:checked~header label[for=show-all]{border-color:#333;background:#e8e8e8}")
    rules.append(".filter:focus-visible~header .filters label{outline:1px dotted #888}")
    return "\n".join(rules) + "\n"


def format_html(report: Report, options: RenderOptions = RenderOptions()) -> str:
    """``report`` as one self-contained HTML page, at most :data:`MAX_BYTES` bytes of UTF-8."""
    return render_html(report, max_bytes=MAX_BYTES)


def render_html(report: Report, *, max_bytes: int = MAX_BYTES) -> str:
    writer = HtmlWriter(Head.of(report), RenderOptions(), max_bytes=max_bytes)
    for f in report.findings:
        writer.add(f)
    return "".join(writer.end(report.evidence_notes))


class _Source:
    """What a source's heading shows: its worst finding's place (rank, arrival), date, publisher and URL, and
    its findings counted by verdict; its number (in order of arrival) for the cards it holds."""

    __slots__ = ("number", "first", "published", "publisher", "url", "counts", "total")

    def __init__(self, number: int, first: tuple[int, int], f: Finding):
        self.number, self.first = number, first
        self.published, self.publisher, self.url = f.published.isoformat(), f.publisher, f.source_url
        self.counts: dict[str, int] = {}
        self.total = 0


class _Cards:
    """The cards kept of one rank, in order of arrival: of each its source's number, its place in the
    writer's :class:`~checker.report.spool.Blobs` and its size (bytes of UTF-8 with its newline); arrays,
    not a tuple per card (a tenth of the memory)."""

    __slots__ = ("source", "at", "size")

    def __init__(self) -> None:
        self.source, self.at, self.size = array("q"), array("q"), array("q")

    def append(self, source: int, at: int, size: int) -> None:
        self.source.append(source)
        self.at.append(at)
        self.size.append(size)

    def pop(self) -> int:
        """Forget the last card; returns its size."""
        self.source.pop()
        self.at.pop()
        return self.size.pop()

    def __len__(self) -> int:
        return len(self.size)


class HtmlWriter:
    """The HTML page from a stream of findings (:class:`checker.report.streaming.ChunkWriter`), written at the
    end. Of each finding it keeps its card (the HTML it shows) only while the cards worse or as bad would not
    already fill the page (:data:`MAX_BYTES`: the page shows the worst findings that fit, so the others are
    dropped as they come), its point of the chart while the chart could still be shown, and its source's
    counts. The cards wait in a :class:`~checker.report.spool.Blobs` (on disk past 256 KiB: a page's worth
    is 5 MiB) and are read back at the end grouped by source; in memory each is three numbers."""

    def __init__(self, head: Head, options: RenderOptions, *, max_bytes: int = MAX_BYTES):
        self.head, self.max_bytes = head, max_bytes
        self.tally = Tally()  # what the page counts
        self.points: list[tuple[float, float, Verdict, str]] | None = []  # None: too many for the chart
        self.points_size = 0  # bytes the chart's points take at least
        from checker.report.spool import Blobs

        self.blobs = Blobs()  # the cards' HTML as UTF-8
        self.cards: dict[int, _Cards] = {}  # rank -> the cards kept
        self.cards_size = 0
        self.sources: dict[str, _Source] = {}

    def begin(self) -> str:
        return ""

    def add(self, f: Finding) -> str:
        seq = self.tally.total
        self.tally.add(f)
        rank = worst_key(f)
        source = self.sources.get(f.source_id)
        if source is None:
            source = self.sources[f.source_id] = _Source(len(self.sources), (rank, seq), f)
        elif (rank, seq) < source.first:
            source.first = (rank, seq)
            source.published, source.publisher, source.url = f.published.isoformat(), f.publisher, f.source_url
        source.counts[f.verdict] = source.counts.get(f.verdict, 0) + 1
        source.total += 1
        if self.points is not None and (point := _point(f)) is not None:
            self._add_point(point, f)
        cards = self.cards
        if self.cards_size >= self.max_bytes and rank >= max(cards):
            return ""  # it would come after cards that fill the page already
        card = _card(f).encode()
        kept = cards.get(rank)
        if kept is None:
            kept = cards[rank] = _Cards()
        kept.append(source.number, self.blobs.add(card), len(card) + 1)
        self.cards_size += len(card) + 1
        while True:  # drop the last card while the ones before it fill the page
            last = cards[max(cards)]
            if self.cards_size - last.size[-1] < self.max_bytes:
                break
            self.cards_size -= last.pop()
            if not last:
                del cards[max(cards)]
        return ""

    def _add_point(self, point: tuple[float, float], f: Finding) -> None:
        e, d = point
        assert self.points is not None
        tip = f"{f.claim_id}: declared {display_value(f.value)}, evidence {display_value(e)} ({f.verdict})"
        self.points.append((e, d, f.verdict, tip))
        # its circle, its coordinates written shorter than they can be (56.0 at least)
        self.points_size += len(_circle(f.verdict, "0", "0", tip).encode())
        if self.points_size > self.max_bytes // 4:  # the chart will be left out
            self.points = None

    def end(self, notes: list[EvidenceNote], summary: Summary | None = None) -> Iterator[str]:
        """The page, in chunks (``summary`` is not used: the page counts the findings given to :meth:`add`)."""
        try:
            yield from self._end(notes)
        finally:
            self.blobs.close()

    def _end(self, notes: list[EvidenceNote]) -> Iterator[str]:
        max_bytes = self.max_bytes
        head_ = self.head
        summary = self.tally.summary()
        line = summary_line(summary)
        present = [v for v in DISPLAY_ORDER if summary.by_verdict.get(v, 0)]
        chart = _chart(self.points) if self.points is not None else None
        if chart is None or len(chart.encode()) > max_bytes // 4:  # the findings matter more than their picture
            chart = '<p class="note">The chart of parameter counts is left out to keep the page small.</p>'

        radios = ['<input type="radio" name="verdict" id="show-all" class="filter" checked>',
                  *(f'<input type="radio" name="verdict" id="show-{v}" class="filter">' for v in present)]
        labels = [f'<li><label for="show-all">all<span class="n">{summary.total}</span></label></li>',
                  *(f'<li><label for="show-{v}" class="v-{v}"><span class="verdict">{v}</span>'
                    f'<span class="n">{summary.by_verdict[v]}</span></label></li>' for v in present)]
        head = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="claimcheck">',
            f"<title>claimcheck: {_e(line)}</title>",
            f"<style>\n{_css()}</style>",
            "</head>",
            "<body>",
            *radios,
            "<header>",
            "<h1>claimcheck report</h1>",
            f'<p><strong id="summary">{_e(line)}</strong></p>',
            f'<p class="muted">{_e(head_.mode)} verification of <code>{_wrap(head_.registry)}</code> · '
            f"claimcheck {_e(head_.tool_version)} · {summary.drift} drift from <code>expect</code></p>",
            '<nav aria-label="Show findings by verdict"><ul class="filters">', *labels, "</ul></nav>",
            chart,
            "</header>",
            "<main>",
        ]
        tail = ["</main>", "</body>", "</html>"]
        budget = max_bytes - _size(head) - _size(tail) - 4000  # room for section headings and truncation notes

        # the kept cards worst first (the engine's order within a rank), as many as fit
        kept = _Cards()
        for rank in sorted(self.cards):
            kept.source += self.cards[rank].source
            kept.at += self.cards[rank].at
            kept.size += self.cards[rank].size
        self.cards = {}
        taken, used = 0, 0
        for size in kept.size:
            if used + size > budget:
                break
            used += size
            taken += 1
        yield "".join(f"{item}\n" for item in head)
        body: list[str] = []
        if not self.tally.total:
            body.append("<p>No claims to report.</p>")
        # sources in the order of their worst finding, each with its cards in the order above (a stable sort)
        sources = sorted(self.sources.items(), key=lambda item: item[1].first)
        place = array("q", [0]) * len(sources)  # source number -> place in that order
        for i, (_, source) in enumerate(sources):
            place[source.number] = i
        order = sorted(range(taken), key=lambda i: place[kept.source[i]])
        current = -1
        for i in order:
            if place[kept.source[i]] != current:
                if current >= 0:
                    body.append("</section>")
                current = place[kept.source[i]]
                source_id, source = sources[current]
                body += [f'<section class="source" aria-label="{_e(source_id)}">', _source_head(source_id, source)]
            body.append(self.blobs.read(kept.at[i], kept.size[i] - 1).decode())
            if len(body) > 256:
                yield "".join(f"{item}\n" for item in body)
                body = []
        if current >= 0:
            body.append("</section>")
        if taken < self.tally.total:
            body.append(_left_out(self.tally.total - taken, "finding", max_bytes))

        if notes:
            note_items, _ = _take([_note(n) for n in notes], budget - used)
            body += ['<section class="notes">', "<h2>Differences inside the evidence</h2>"]
            if note_items:
                body += ["<ul>", *note_items, "</ul>"]
            if len(note_items) < len(notes):
                body.append(_left_out(len(notes) - len(note_items), "evidence note", max_bytes))
            body.append("</section>")
        yield "".join(f"{item}\n" for item in body + tail)


def _source_head(source_id: str, source: _Source) -> str:
    meta = [_e(source.published)]
    if source.publisher:
        meta.insert(0, _e(source.publisher))
    if source.url:
        meta.append(_link(source.url))
    counts = ", ".join(f"{n} {v}" for v in DISPLAY_ORDER if (n := source.counts.get(v, 0)))
    return (f"<h2><code>{_wrap(source_id)}</code></h2>"
            f'<p class="muted">{" · ".join(meta)} · {source.total} claim(s): {_e(counts)}</p>')


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


def _card(f: Finding) -> str:
    head = _badge(f.verdict)
    if f.drift and f.expect:
        head += f'<span class="drift">expected {_e(f.expect)}</span>'
    head += f' <code class="claim-id">{_wrap(f.claim_id)}</code>'
    what = (f'<p class="what"><strong>{_e(f.subject.name)}</strong> · <code>{_wrap(f.property)}</code> = '
            f'<span class="declared">{_e(display_value(f.value))}</span></p>')
    explanation = f'<p class="explanation">{_prose(f.explanation)}</p>'
    facts = _facts(f)
    if f.verdict == "supported" and not f.drift:
        facts = f"<details><summary>Quote and evidence</summary>{facts}</details>"
    return (f'<article class="finding v-{f.verdict}" data-verdict="{f.verdict}">'
            f"<p>{head}</p>{what}{explanation}{facts}</article>")


def _facts(f: Finding) -> str:
    source = f"{_e(f.source_id)}, {_e(f.published.isoformat())}"
    if f.source_url:
        source += f" — {_link(f.source_url)}"
    items = [("Quote", f'<q class="quote">{_e(f.quote)}</q>'), ("Source", source),
             ("Reason", f"<code>{_e(f.reason)}</code>")]
    if f.subject.repo_id:
        items.append(("Hub repo", f"<code>{_wrap(f.subject.repo_id)}</code>"))
    if f.position is not None:
        items.append(("Claim file", f"<code>{_wrap(f'{f.position.path}:{f.position.line}:{f.position.col}')}</code>"))
    if f.evidence:
        items.append(("Evidence", '<ul class="evidence">' + "".join(f"<li>{_fact(fact)}</li>" for fact in f.evidence)
                      + "</ul>"))
    elif f.verdict != "disputed":
        items.append(("Evidence", '<span class="muted">no Hub evidence</span>'))
    if f.related:
        others = "".join(
            f"<li>{'agrees' if r.compatible else 'differs'}: <code>{_wrap(r.claim_id)}</code> "
            f"({_e(r.published.isoformat())}): {_e(display_value(r.value))}</li>" for r in f.related)
        if (rest := related_rest(f)) is not None:
            others += f'<li class="muted">{_e(rest)}</li>'
        items.append(("Other sources", f"<ul>{others}</ul>"))
    return '<dl class="facts">' + "".join(f"<dt>{name}</dt><dd>{html}</dd>" for name, html in items) + "</dl>"


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
    return (f"<li><strong>{_wrap(n.repo_id)}</strong> <code>{_e(n.property)}</code>: {_e(n.explanation)}"
            + (f"<ul>{facts}</ul>" if facts else "") + "</li>")


def _badge(verdict: str) -> str:
    return f'<span class="verdict v-{_e(verdict)}">{_e(verdict)}</span>'


def _link(url: str) -> str:
    """A link for an http(s) URL; any other scheme is shown as text, never made clickable."""
    if safe_url(url):
        shown = _HASH.sub(r"\1…", url)
        return f'<a href="{_e(url)}">{_wrap(shown)}</a>'
    return f"<code>{_wrap(url)}</code>"


#: A commit hash in a URL is shown abbreviated (the link keeps it whole): 40 characters fit no phone.
_HASH = re.compile(r"\b([0-9a-f]{12})[0-9a-f]{28}\b")


_BREAKS = re.compile(r"(?<=[/._?&=])")


def _wrap(text: object) -> str:
    """``text`` escaped, with a line-break opportunity after ``/ . _ ? & =`` (ids and URLs are long words)."""
    return "<wbr>".join(_e(part) for part in _BREAKS.split(str(text)) if part)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?(?:/\d{4}-\d{2}(?:-\d{2})?)?")


def _prose(text: str) -> str:
    """``text`` escaped, its ISO dates kept on one line (a browser would break 2025-04-22 at a hyphen)."""
    out, at = [], 0
    for m in _DATE.finditer(text):
        out += [_e(text[at:m.start()]), f'<span class="nw">{_e(m.group())}</span>']
        at = m.end()
    return "".join(out) + _e(text[at:])


# -- the chart -------------------------------------------------------------------------------------------

_W, _H, _PAD = 640, 380, 56


def _point(f: Finding) -> tuple[float, float] | None:
    """(evidence, declared) of a parameter-count claim with a numeric declared value and a numeric fact of the
    same property (the first, most exact one); None for any other finding."""
    if not f.property.startswith("parameters.") or not isinstance(f.value, dict):
        return None
    declared = f.value.get("value")
    fact = next((x for x in f.evidence if x.property == f.property and isinstance(x.value, int | float)
                 and not isinstance(x.value, bool)), None)
    if isinstance(declared, int | float) and declared > 0 and fact is not None and float(fact.value) > 0:
        return float(fact.value), float(declared)
    return None


def _circle(verdict: Verdict, cx: str, cy: str, tip: str) -> str:
    fill = LOOK[verdict].color[1]
    return (f'<circle class="point v-{verdict}" cx="{cx}" cy="{cy}" r="5" fill="{fill}" '
            f'fill-opacity=".75" stroke="#fff"><title>{_e(tip)}</title></circle>')


def _chart(points: list[tuple[float, float, Verdict, str]]) -> str:
    """Declared vs evidence parameter counts, both axes log10, with the line where they are equal; ``points``:
    (evidence, declared, verdict, tooltip) of each finding (:func:`_point`)."""
    if not points:
        return ""
    values = [v for e, d, _, _ in points for v in (e, d)]
    lo, hi = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))
    if hi == lo:
        hi += 1

    def x(v: float) -> float:
        return _PAD + (math.log10(v) - lo) / (hi - lo) * (_W - 1.5 * _PAD)

    def y(v: float) -> float:
        return _H - _PAD - (math.log10(v) - lo) / (hi - lo) * (_H - 1.5 * _PAD)

    parts = [f'<svg viewBox="0 0 {_W} {_H}" role="img" aria-labelledby="chart-title" '
             'xmlns="http://www.w3.org/2000/svg" font-size="12" font-family="sans-serif">',
             '<title id="chart-title">Declared vs evidence parameter counts (log scales)</title>',
             f'<rect x="{_PAD}" y="{_PAD / 2}" width="{_W - 1.5 * _PAD}" height="{_H - 1.5 * _PAD}" '
             'fill="#fcfcfc" stroke="#999"/>']
    for k in range(lo, hi + 1):
        label = _e(display_value(10.0 ** k))
        parts.append(f'<line x1="{x(10 ** k):.1f}" y1="{_PAD / 2}" x2="{x(10 ** k):.1f}" y2="{_H - _PAD}" '
                     f'stroke="#e3e3e3"/><text x="{x(10 ** k):.1f}" y="{_H - _PAD + 16}" '
                     f'text-anchor="middle">{label}</text>')
        parts.append(f'<line x1="{_PAD}" y1="{y(10 ** k):.1f}" x2="{_W - _PAD / 2}" y2="{y(10 ** k):.1f}" '
                     f'stroke="#e3e3e3"/><text x="{_PAD - 6}" y="{y(10 ** k) + 4:.1f}" '
                     f'text-anchor="end">{label}</text>')
    parts.append(f'<line x1="{x(10 ** lo):.1f}" y1="{y(10 ** lo):.1f}" x2="{x(10 ** hi):.1f}" y2="{y(10 ** hi):.1f}" '
                 'stroke="#777" stroke-dasharray="4 4"/>')
    for e, d, verdict, tip in points:
        parts.append(_circle(verdict, f"{x(e):.1f}", f"{y(d):.1f}", tip))
    parts.append(f'<text x="{(_W + _PAD / 2) / 2:.0f}" y="{_H - 12}" text-anchor="middle">evidence (Hub)</text>')
    parts.append(f'<text x="14" y="{_H / 2:.0f}" text-anchor="middle" transform="rotate(-90 14 {_H / 2:.0f})">'
                 "declared</text>")
    parts.append("</svg>")
    return (f'<figure class="chart">{"".join(parts)}<figcaption>{len(points)} parameter-count claim(s): declared '
            "figure against the evidence's, log scales; on the dashed line they are equal.</figcaption></figure>")
