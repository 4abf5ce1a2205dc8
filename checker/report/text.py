"""The terminal report: a table of verdicts with their one-line explanations, then the evidence behind every
verdict (method, value, URL, revision), the differences inside the evidence, and a
summary line. Rendered with rich into a string; colour only when ``options.color`` (the CLI decides it)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.text import Span, Text

from checker.engine.findings import EvidenceNote, Finding, Report
from checker.evidence.facts import Fact
from checker.report import RenderOptions
from checker.report.common import display_value, fact_value, summarise, summary_line, worst_first

#: Below this many columns the six-column table wraps too much: one block per finding instead.
NARROW = 100

VERDICT_STYLE: dict[str, str] = {
    "supported": "green",
    "approximate": "yellow",
    "contradicted": "bold red",
    "disputed": "magenta",
    "unverifiable": "cyan",
}


def format_text(report: Report, options: RenderOptions = RenderOptions()) -> str:
    """The report as terminal text (a table, or one block per finding when ``options.compact``)."""
    console = _console(options)
    findings = worst_first(report.findings)
    if not findings:
        console.print("No claims to report.")
    elif options.compact or options.width < NARROW:
        for i, finding in enumerate(findings):
            if i:
                console.print()
            _finding_block(console, finding)
    else:
        console.print(_table(findings, console.width), soft_wrap=True)
        # the evidence behind every verdict, worst first (a bare "no evidence" adds nothing to the row)
        backed = [f for f in findings if f.evidence or f.related]
        if backed:
            console.print()
            console.print(Text("Evidence", style="bold"))
            for finding in backed:
                _evidence_block(console, finding)
    if report.evidence_notes:
        console.print()
        console.print(Text("Differences inside the evidence", style="bold"))
        for note in report.evidence_notes:
            _note_block(console, note)
    if not (options.compact and len(findings) == 1):
        console.print()
        console.print(Text(summary_line(summarise(report.findings)), style="bold"), soft_wrap=True)
    return console.file.getvalue()  # type: ignore[attr-defined]


def _console(options: RenderOptions) -> Console:
    return Console(
        file=io.StringIO(), width=max(40, options.width), force_terminal=options.color,
        color_system="standard" if options.color else None, no_color=not options.color,
        highlight=False, emoji=False, markup=False, legacy_windows=False, force_jupyter=False,
        force_interactive=False, soft_wrap=False)


Cell = list[tuple[str, str]]  # paragraphs, each with its style


def _verdict(finding: Finding) -> Cell:
    return [(finding.verdict + (" *" if finding.drift else ""), VERDICT_STYLE.get(finding.verdict, ""))]


def _explanation(finding: Finding) -> Cell:
    cell = [(finding.explanation, "")]
    if finding.drift and finding.expect:
        cell.append((f"* expected {finding.expect}", "bold"))
    return cell


def _claim_id(claim_id: str) -> Cell:
    """The claim's id within its source: short enough for a column (the evidence blocks give the global id)."""
    return [(claim_id.rpartition("/")[2], "")]


def _table(findings: list[Finding], width: int) -> Text:
    """The findings table: every cell wrapped to its column (long ids folded), two spaces between
    columns. (Laid out here rather than with rich's Table, which takes ten times as long on a few hundred rows.)"""
    rows = [(_verdict(f), _claim_id(f.claim_id), [(f.subject.name, "")], [(f.property, "")],
             [(display_value(f.value), "")], _explanation(f)) for f in findings]
    widths = _column_widths(rows, width)
    header = tuple([(name, "bold")] for name in COLUMNS)
    parts: list[str] = []
    spans: list[Span] = []
    at = 0
    for row in (header, *rows):
        cells = [_wrap(cell, w) for cell, w in zip(row, widths)]
        for i in range(max(len(c) for c in cells)):
            last = max(j for j, c in enumerate(cells) if i < len(c))
            for j in range(last + 1):
                text, style = cells[j][i] if i < len(cells[j]) else ("", "")
                if style and text:
                    spans.append(Span(at, at + len(text), style))
                pad = " " * (widths[j] - cell_len(text) + 2) if j < last else "\n"
                parts += (text, pad)
                at += len(text) + len(pad)
    return Text("".join(parts).rstrip("\n"), spans=spans)


def _wrap(cell: Cell, width: int) -> list[tuple[str, str]]:
    """Word-wrap each paragraph to ``width`` cells (double-width characters counted twice), folding words
    longer than a line."""
    lines: list[tuple[str, str]] = []
    for paragraph, style in cell:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if cell_len(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append((line, style))
            while cell_len(word) > width:
                cut = _fit(word, width)
                lines.append((word[:cut], style))
                word = word[cut:]
            line = word
        lines.append((line, style))
    return lines


def _fit(word: str, width: int) -> int:
    """How many leading characters of ``word`` fit in ``width`` cells (at least one)."""
    used = 0
    for i, ch in enumerate(word):
        used += cell_len(ch)
        if used > width:
            return max(1, i)
    return len(word)


COLUMNS = ("verdict", "claim", "subject", "property", "declared", "explanation")

#: (widest, narrowest) a column may be, in cells; the explanation takes what is left.
_CAPS = {"claim": (30, 12), "subject": (22, 10), "property": (22, 10), "declared": (24, 8)}


def _column_widths(rows: Sequence[tuple[Cell, ...]], width: int) -> list[int]:
    """Column widths that fit ``width``: each column as wide as its longest line (within its caps), the
    explanation the rest; when that leaves the explanation under a third of the width, shrink the others."""
    def longest(i: int, header: str) -> int:
        return max([cell_len(header)] + [cell_len(text) for r in rows for text, _ in r[i]])

    verdict = max(cell_len(r[0][0][0]) for r in rows)
    cols = {}
    for i, name in enumerate(_CAPS, start=1):
        hi, lo = _CAPS[name]
        cols[name] = max(lo, min(hi, longest(i, name)))
    padding = 2 * 5  # two spaces between columns
    budget = max(30, width - padding - verdict)
    explanation_min = max(26, budget // 3)
    for name in ("declared", "subject", "property", "claim"):
        over = sum(cols.values()) + explanation_min - budget
        if over <= 0:
            break
        cols[name] = max(_CAPS[name][1], cols[name] - over)
    explanation = max(12, budget - sum(cols.values()))
    return [verdict, cols["claim"], cols["subject"], cols["property"], cols["declared"], explanation]


def _fact_line(fact: Fact) -> Text:
    line = Text("    ")
    line.append(f"{fact.method.value:<18}", style="dim")
    line.append(f" {fact.property}: {fact_value(fact)}")
    if fact.source_url:
        line.append(f"  {fact.source_url}")
    if fact.revision:
        line.append(f"  @ {fact.revision[:12]}", style="dim")
    return line


def _evidence_block(console: Console, finding: Finding) -> None:
    head = Text("  ")
    head.append(finding.verdict, style=VERDICT_STYLE.get(finding.verdict, ""))
    head.append(f"  {finding.claim_id}  [{finding.reason}]")
    _print_lines(console, [head, *_details(finding)])


def _details(finding: Finding) -> list[Text]:
    """Quote, evidence lines and the other sources' values, each on its own unwrapped line (URLs intact)."""
    where = f"{finding.source_id}, {finding.published.isoformat()}"
    lines = [Text(f"    “{finding.quote}” ({where})", style="italic")]
    if finding.source_url:
        lines.append(Text(f"    source: {finding.source_url}"))
    lines += [_fact_line(fact) for fact in finding.evidence]
    if not finding.evidence and finding.verdict != "disputed":
        lines.append(Text("    no Hub evidence", style="dim"))
    for rel in finding.related:
        mark = "agrees" if rel.compatible else "differs"
        lines.append(Text(f"    {mark}: {rel.claim_id} ({rel.published.isoformat()}): {display_value(rel.value)}"))
    return lines


def _print_lines(console: Console, lines: list[Text]) -> None:
    # One print per block: rich's per-call overhead dominates the report on a few hundred findings.
    console.print(Text("\n").join(lines), soft_wrap=True)


def _finding_block(console: Console, finding: Finding) -> None:
    head = Text()
    head.append(finding.verdict.upper(), style=VERDICT_STYLE.get(finding.verdict, ""))
    head.append(f"  {finding.subject.name} {finding.property} = {display_value(finding.value)}")
    if finding.drift and finding.expect:
        head.append(f"  (expected {finding.expect})", style="dim")
    # Wrapped lines keep the indent (rich's Padding would pad every line with trailing spaces).
    explanation = [Text("  ") + line for line in Text(finding.explanation).wrap(console, max(20, console.width - 2))]
    ident = Text(f"  {finding.claim_id}  [{finding.reason}]", style="dim")
    _print_lines(console, [head, *explanation, ident, *_details(finding)])


def _note_block(console: Console, note: EvidenceNote) -> None:
    head = Text(f"  {note.repo_id} {note.property}: {note.explanation}")
    _print_lines(console, [head, *(_fact_line(fact) for fact in note.facts)])
