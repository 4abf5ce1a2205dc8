"""The Markdown report, shaped for a GitHub step summary (``>> $GITHUB_STEP_SUMMARY``): a table of counts, then
one row per finding (worst first) with its explanation and its evidence as links, then the differences inside
the evidence. Cells are escaped (``|``, newlines, HTML); the whole stays under 1 MiB, the step-summary limit —
beyond it the remaining rows are left out and a note says how many."""

from __future__ import annotations

from checker.engine.findings import Finding, Report
from checker.evidence.facts import Fact
from checker.registry.models import VERDICTS, Verdict
from checker.report import RenderOptions
from checker.report.common import display_value, fit_rows, related_rest, summarise, summary_line, worst_first
from checker.report.verdicts import DISPLAY_ORDER, LOOK

#: GitHub refuses a step summary above 1 MiB.
MAX_BYTES = 1024 * 1024

ICON: dict[Verdict, str] = {v: LOOK[v].icon for v in VERDICTS}


def format_markdown(report: Report, options: RenderOptions = RenderOptions()) -> str:
    """``report`` as GitHub-flavoured Markdown, at most :data:`MAX_BYTES` bytes of UTF-8."""
    return render_markdown(report, max_bytes=MAX_BYTES)


def render_markdown(report: Report, *, max_bytes: int = MAX_BYTES) -> str:
    summary = summarise(report.findings)
    head = [
        f"## claimcheck: {summary_line(summary)}",
        "",
        f"{report.mode} verification of `{cell(report.registry)}` · claimcheck {cell(report.tool_version)}",
        "",
        "| verdict | claims |",
        "|---|---:|",
        *(f"| {ICON[v]} {v} | {summary.by_verdict.get(v, 0)} |" for v in DISPLAY_ORDER),
        f"| drift from `expect` | {summary.drift} |",
        "",
    ]
    rows: list[str] = []
    if report.findings:
        rows += ["### Findings", "",
                 "| verdict | claim | subject | property | declared | explanation | evidence |",
                 "|---|---|---|---|---|---|---|"]
        rows += [_finding_row(f) for f in worst_first(report.findings)]
        rows.append("")
    if report.evidence_notes:
        rows += ["### Differences inside the evidence", ""]
        rows += [f"- **{cell(n.repo_id)}** `{cell(n.property)}`: {cell(n.explanation)} {_links(n.facts)}".rstrip()
                 for n in report.evidence_notes]
        rows.append("")
    return fit_rows("\n".join(head) + "\n", rows, max_bytes,
                    "A step summary is limited to 1 MiB; the JSON report (`--format json`) has every finding.")


def _finding_row(f: Finding) -> str:
    verdict = f"{ICON.get(f.verdict, '')} {f.verdict}"
    if f.drift and f.expect:
        verdict += f" (expected {f.expect})"
    claim = f"`{cell(f.claim_id)}`"
    if f.source_url:
        claim = f"[{claim}]({url(f.source_url)})"
    evidence = _links(f.evidence) or ("—" if not f.related else "")
    if f.related:
        others = "; ".join(f"{'agrees' if r.compatible else 'differs'}: `{cell(r.claim_id)}` {cell(display_value(r.value))}"
                           for r in f.related)
        if (rest := related_rest(f)) is not None:
            others += f"; {cell(rest)}"
        evidence = f"{evidence}<br>{others}" if evidence else others
    return (f"| {verdict} | {claim} | {cell(f.subject.name)} | `{cell(f.property)}` | {cell(display_value(f.value))} "
            f"| {cell(f.explanation)} | {evidence} |")


def _links(facts: list[Fact]) -> str:
    parts = []
    for fact in facts:
        label = f"{fact.property} = {cell(display_value(fact.value))} ({fact.method.value})"
        rev = f" @{cell(fact.revision[:7])}" if fact.revision else ""
        parts.append(f"[{label.replace('[', '(').replace(']', ')')}]({url(fact.source_url)}){rev}" if fact.source_url
                     else f"{label}{rev}")
    return "<br>".join(parts)


def cell(text: object) -> str:
    """``text`` made safe inside a table cell: ``|`` escaped, newlines folded, HTML and backticks neutralised."""
    s = str(text)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = s.replace("\\", "\\\\").replace("|", "\\|").replace("`", "'")
    return " ".join(s.split())


def url(u: str) -> str:
    """A URL safe inside a Markdown link target."""
    return u.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("|", "%7C")
