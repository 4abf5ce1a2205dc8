"""The terminal report: a table of verdicts with their one-line explanations, worst first, then the evidence
behind every verdict (method, value, URL, revision), the differences inside the evidence, and the summary line
(once). Claim ids are global, shortened to the claim's own id only where that is unique in the report. Every
line is wrapped to ``options.width`` at spaces: no word is ever split (a URL longer than a line stays whole).
Rendered with rich into a string; colour only when ``options.color`` (the CLI leaves that to rich's detection)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.text import Span, Text

from checker.engine.findings import EvidenceNote, Finding, Report
from checker.evidence.facts import Fact
from checker.registry.models import VERDICTS, Verdict
from checker.report import RenderOptions
from checker.report.common import display_value, fact_value, summarise, summary_line, worst_first
from checker.report.verdicts import LOOK

#: Below this many columns the six-column table wraps too much: one block per finding instead.
NARROW = 100

VERDICT_STYLE: dict[Verdict, str] = {v: LOOK[v].style for v in VERDICTS}


def format_text(report: Report, options: RenderOptions = RenderOptions()) -> str:
    """The report as terminal text (a table, or one block per finding when ``options.compact``)."""
    console = _console(options)
    findings = worst_first(report.findings)
    ids = short_ids([f.claim_id for f in findings])
    table = None if options.compact or options.width < NARROW or not findings else _table(findings, ids, console.width)
    if not findings:
        console.print("No claims to report.")
    elif table is None:
        for i, finding in enumerate(findings):
            if i:
                console.print()
            _finding_block(console, finding, ids)
    else:
        console.print(table, soft_wrap=True)
        # the evidence behind every verdict, worst first (a bare "no evidence" adds nothing to the row)
        backed = [f for f in findings if f.evidence or f.related]
        if backed:
            console.print()
            console.print(Text("Evidence", style="bold"))
            for finding in backed:
                _evidence_block(console, finding, ids)
    if report.evidence_notes:
        console.print()
        console.print(Text("Differences inside the evidence", style="bold"))
        for note in report.evidence_notes:
            _note_block(console, note)
    if not (options.compact and len(findings) == 1):
        console.print()
        _print_lines(console, [Text(summary_line(summarise(report.findings)), style="bold")])
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


def short_ids(claim_ids: list[str]) -> dict[str, str]:
    """Each global claim id (``<source id>/<claim id>``) as shown: the claim's own id where no other claim in
    the report has it, else the global id."""
    local = [c.rpartition("/")[2] for c in claim_ids]
    count: dict[str, int] = {}
    for name in local:
        count[name] = count.get(name, 0) + 1
    return {c: name if count[name] == 1 else c for c, name in zip(claim_ids, local)}


def _table(findings: list[Finding], ids: dict[str, str], width: int) -> Text | None:
    """The findings table, every cell wrapped to its column at spaces, two spaces between columns; None when
    the longest words do not fit side by side in ``width`` (then one block per finding). (Laid out here rather
    than with rich's Table, which takes ten times as long on a few hundred rows.)"""
    rows = [(_verdict(f), [(ids[f.claim_id], "")], [(f.subject.name, "")], [(f.property, "")],
             [(display_value(f.value), "")], _explanation(f)) for f in findings]
    widths = _column_widths(rows, width)
    if widths is None:
        return None
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
    """Word-wrap each paragraph to ``width`` cells (double-width characters counted twice); a word longer
    than a line gets a line of its own, whole."""
    return [(line, style) for paragraph, style in cell for line in wrap_words(paragraph, width)]


def wrap_words(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken at spaces; a word longer than a line is broken
    after a ``/``, ``-`` or a ``.`` before a letter (as browsers do), never elsewhere: without one it stays
    whole."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
            line = ""
        for piece in _pieces(word):
            if line and cell_len(line + piece) > width:
                lines.append(line)
                line = ""
            line += piece
    lines.append(line)
    return lines


_BREAK_AFTER = re.compile(r"(?<=[/-])(?=[^/-])|(?<=\.)(?=[a-z])")  # after / and -, and a dot before a letter


def _pieces(word: str) -> list[str]:
    """``word`` cut after each ``/`` or ``-`` followed by more text, and each ``.`` followed by a letter (a
    dotted property name; never inside a figure such as 2.6B)."""
    return _BREAK_AFTER.split(word)


def _longest_word(rows: Sequence[tuple[Cell, ...]], i: int, pieces: bool = False) -> int:
    words = (w for r in rows for text, _ in r[i] for w in text.split())
    return max((cell_len(p) for w in words for p in (_pieces(w) if pieces else [w])), default=1)


COLUMNS = ("verdict", "claim", "subject", "property", "declared", "explanation")

#: (widest, narrowest) a column may be, in cells; the explanation takes what is left.
_CAPS = {"claim": (30, 12), "subject": (22, 10), "property": (22, 10), "declared": (24, 8)}


def _column_widths(rows: Sequence[tuple[Cell, ...]], width: int) -> list[int] | None:
    """Column widths that fit ``width``: each column as wide as its longest line (within its caps, never
    below its longest word), the explanation the rest; when that leaves the explanation under a third of the
    width, shrink the others. None when even the longest words do not fit."""
    def longest(i: int, header: str) -> int:
        return max([cell_len(header)] + [cell_len(text) for r in rows for text, _ in r[i]])

    verdict = max(cell_len(r[0][0][0]) for r in rows)
    cols = {}
    floor = {}
    for i, name in enumerate(_CAPS, start=1):
        hi, lo = _CAPS[name]
        # ids and dotted property names break after "/", "-" or "."; names and values only at spaces
        floor[name] = max(lo, _longest_word(rows, i, pieces=name in ("claim", "property")))
        cols[name] = max(floor[name], min(hi, longest(i, name)))
    padding = 2 * 5  # two spaces between columns
    budget = max(30, width - padding - verdict)
    explanation_min = max(26, budget // 3)
    for name in ("declared", "subject", "property", "claim"):
        over = sum(cols.values()) + explanation_min - budget
        if over <= 0:
            break
        cols[name] = max(floor[name], cols[name] - over)
    explanation = budget - sum(cols.values())
    if explanation < max(12, _longest_word(rows, 5, pieces=True)):
        return None
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


def _evidence_block(console: Console, finding: Finding, ids: dict[str, str]) -> None:
    head = Text("  ")
    head.append(finding.verdict, style=VERDICT_STYLE.get(finding.verdict, ""))
    head.append(f"  {ids[finding.claim_id]}  [{finding.reason}]")
    _print_lines(console, [head, *_details(finding)])


def _details(finding: Finding) -> list[Text]:
    """Quote, evidence lines and the other sources' values, each on its own line (wrapped when printed)."""
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
    """Print ``lines`` wrapped to the console at spaces (never inside a word: a long URL stays whole),
    continuation lines indented two more than their first."""
    out: list[Text] = []
    for line in lines:
        out += _wrap_text(line, console.width)
    # One print per block: rich's per-call overhead dominates the report on a few hundred findings.
    console.print(Text("\n").join(out), soft_wrap=True)


_TOKEN = re.compile(r"\S+\s*")


def _wrap_text(line: Text, width: int) -> list[Text]:
    """``line`` cut at spaces into lines of at most ``width`` cells where its words allow, styles kept."""
    plain = line.plain
    if cell_len(plain) <= width:
        return [line]
    indent = len(plain) - len(plain.lstrip(" "))
    cuts: list[int] = []
    used = indent
    for match in _TOKEN.finditer(plain, indent):
        word = cell_len(match.group().rstrip())
        if used > indent + 2 * bool(cuts) and used + word > width:
            cuts.append(match.start())
            used = indent + 2
        used += cell_len(match.group())
    parts = line.divide(cuts)
    out = [parts[0]]
    for part in parts[1:]:
        out.append(Text(" " * (indent + 2)) + part)
    for part in out:
        part.rstrip()
    return out


def _finding_block(console: Console, finding: Finding, ids: dict[str, str]) -> None:
    head = Text()
    head.append(finding.verdict.upper(), style=VERDICT_STYLE.get(finding.verdict, ""))
    head.append(f"  {finding.subject.name} {finding.property} = {display_value(finding.value)}")
    if finding.drift and finding.expect:
        head.append(f"  (expected {finding.expect})", style="dim")
    # Wrapped lines keep the indent (rich's Padding would pad every line with trailing spaces).
    explanation = [Text("  " + line) for line in wrap_words(finding.explanation, max(20, console.width - 2))]
    ident = Text(f"  {ids[finding.claim_id]}  [{finding.reason}]", style="dim")
    _print_lines(console, [head, *explanation, ident, *_details(finding)])


def _note_block(console: Console, note: EvidenceNote) -> None:
    head = Text(f"  {note.repo_id} {note.property}: {note.explanation}")
    _print_lines(console, [head, *(_fact_line(fact) for fact in note.facts)])
