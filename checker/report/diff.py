"""The ``claimcheck diff`` formatters: pure functions ``ReportDiff -> str``, registered by name in
:data:`checker.report.DIFF_FORMATTERS` beside the report formatters."""

from __future__ import annotations

from checker.diff import ClaimChange, ClaimRef, DiffSummary, FactChange, ReportDiff, ReportInfo
from checker.registry.models import Verdict
from checker.report.common import display_value, fit_rows


def headline(summary: DiffSummary) -> str:
    """``"1 worse, 2 better, 1 removed, 3 with changed evidence; 12 claims unchanged"`` (zero counts left out)."""
    parts = [f"{n} {label}" for n, label in (
        (summary.worse, "worse"), (summary.better, "better"), (summary.added, "added"),
        (summary.removed, "removed"), (summary.evidence_changed, "with changed evidence"),
        (summary.notes_added, "evidence note added" if summary.notes_added == 1 else "evidence notes added"),
        (summary.notes_removed, "evidence note removed" if summary.notes_removed == 1 else "evidence notes removed"),
    ) if n]
    unchanged = f"{summary.unchanged} claim{'' if summary.unchanged == 1 else 's'} unchanged"
    return f"{', '.join(parts)}; {unchanged}" if parts else f"no change; {unchanged}"


def fact_change_text(change: FactChange) -> str:
    """One evidence change on one line: ``parameters.total (hub-api): 72.1B → 70B; revision 0123456 → 89abcde``."""
    label = f"{change.property} ({change.method.value})"
    old, new = change.old, change.new
    if old is None or new is None:
        sign, state = ("-", old) if new is None else ("+", new)
        if state is None:
            return label
        precision = _precision(state.precision) if state.precision is not None else ""
        revision = f" @{state.revision[:7]}" if state.revision else ""
        return f"{sign} {label} = {display_value(state.value)}{precision}{revision}"
    parts = []
    if old.value != new.value or old.precision != new.precision:
        before, after = display_value(old.value), display_value(new.value)
        if old.precision != new.precision:
            before, after = before + _precision(old.precision), after + _precision(new.precision)
        parts.append(f"{before} → {after}" if before != after else f"{before} (value type changed)")
    if old.revision != new.revision:
        parts.append(f"revision {_rev(old.revision)} → {_rev(new.revision)}")
    return f"{label}: {'; '.join(parts)}"


def _precision(precision: float | None) -> str:
    return " (exact)" if precision is None else f" (precision {display_value(precision)})"


def _rev(revision: str | None) -> str:
    return revision[:7] if revision else "none"


def _describe(info: ReportInfo) -> str:
    noun = "claim" if info.claims == 1 else "claims"
    return f"{info.mode} verification of {info.registry} ({info.claims} {noun}) · claimcheck {info.tool_version}"


def format_diff_text(diff: ReportDiff) -> str:
    """The diff as plain terminal text: a headline, then one section per kind of change."""
    lines = [f"claimcheck diff: {headline(diff.summary)}", f"  old: {_describe(diff.old)}",
             f"  new: {_describe(diff.new)}"]
    for title, changes in (("Worse", diff.worse), ("Better", diff.better)):
        if changes:
            lines += ["", f"{title} ({len(changes)})"]
            for c in changes:
                lines.append(f"  {c.claim_id}: {c.old_verdict} → {c.new_verdict}  ({_claim_text(c)})")
                if (c.old_explanation, c.old_reason) == (c.new_explanation, c.new_reason):
                    lines.append(f"    {c.new_explanation} [{c.new_reason}]")
                else:
                    lines.append(f"    was: {c.old_explanation} [{c.old_reason}]")
                    lines.append(f"    now: {c.new_explanation} [{c.new_reason}]")
                lines += [f"    {fact_change_text(fc)}" for fc in c.evidence]
    for title, sign, refs in (("Added", "+", diff.added), ("Removed", "-", diff.removed)):
        if refs:
            lines += ["", f"{title} ({len(refs)})"]
            lines += [f"  {sign} {r.claim_id}: {r.verdict}  ({_claim_text(r)}): {r.explanation} [{r.reason}]"
                      for r in refs]
    if diff.evidence_changed:
        lines += ["", f"Changed evidence, same verdict ({len(diff.evidence_changed)})"]
        for c in diff.evidence_changed:
            lines.append(f"  {c.claim_id}: {c.new_verdict}  ({_claim_text(c)})")
            if c.old_reason != c.new_reason:
                lines.append(f"    reason: {c.old_reason} → {c.new_reason}")
            if c.old_explanation != c.new_explanation:
                lines.append(f"    was: {c.old_explanation}")
                lines.append(f"    now: {c.new_explanation}")
            lines += [f"    {fact_change_text(fc)}" for fc in c.evidence]
    for title, sign, notes in (("Evidence notes added", "+", diff.notes_added),
                               ("Evidence notes removed", "-", diff.notes_removed)):
        if notes:
            lines += ["", f"{title} ({len(notes)})"]
            lines += [f"  {sign} {n.repo_id} {n.property}: {n.explanation}" for n in notes]
    return "\n".join(lines) + "\n"


def _claim_text(c: ClaimChange | ClaimRef) -> str:
    return f"{c.subject} {c.property} {display_value(c.value)}"


def format_diff_markdown(diff: ReportDiff, *, max_bytes: int | None = None) -> str:
    """The diff as compact GitHub-flavoured Markdown (a step summary or a PR comment), at most ``max_bytes``
    bytes of UTF-8 (default: the step-summary limit, 1 MiB)."""
    from checker.report.markdown import ICON, MAX_BYTES, cell

    def verdict(v: Verdict, explanation: str | None = None) -> str:
        text = f"{ICON[v]} {v}"
        return f"{text}: {cell(explanation)}" if explanation else text

    def evidence(changes: list[FactChange]) -> str:
        return "<br>".join(cell(fact_change_text(fc)) for fc in changes) or "—"

    def claim(c: ClaimChange | ClaimRef) -> str:
        return f"`{cell(c.claim_id)}`<br>{cell(c.subject)} `{cell(c.property)}` {cell(display_value(c.value))}"

    registry = (f"`{cell(diff.new.registry)}`" if diff.old.registry == diff.new.registry
                else f"`{cell(diff.old.registry)}` → `{cell(diff.new.registry)}`")
    head = (f"## claimcheck diff: {headline(diff.summary)}\n\n"
            f"{registry}: {diff.old.mode} report ({diff.old.claims} claims, claimcheck {cell(diff.old.tool_version)}) "
            f"→ {diff.new.mode} report ({diff.new.claims} claims, claimcheck {cell(diff.new.tool_version)})\n\n")
    rows: list[str] = []
    if diff.worse or diff.better:
        rows += ["### Verdicts changed", "", "| change | claim | was | now | evidence |", "|---|---|---|---|---|"]
        # the old explanation only when it says something the new one does not
        rows += [f"| {label} | {claim(c)} "
                 f"| {verdict(c.old_verdict, c.old_explanation if c.old_explanation != c.new_explanation else None)} "
                 f"| {verdict(c.new_verdict, c.new_explanation)} | {evidence(c.evidence)} |"
                 for label, changes in (("⬇️ worse", diff.worse), ("⬆️ better", diff.better)) for c in changes]
        rows.append("")
    if diff.added or diff.removed:
        rows += ["### Claims added or removed", "", "| | claim | verdict |", "|---|---|---|"]
        rows += [f"| {label} | {claim(r)} | {verdict(r.verdict, r.explanation)} |"
                 for label, refs in (("➕ added", diff.added), ("➖ removed", diff.removed)) for r in refs]
        rows.append("")
    if diff.evidence_changed:
        rows += ["### Changed evidence, same verdict", "", "| claim | verdict | evidence |", "|---|---|---|"]
        for c in diff.evidence_changed:
            changes = [cell(f"reason: {c.old_reason} → {c.new_reason}")] if c.old_reason != c.new_reason else []
            changes += [cell(fact_change_text(fc)) for fc in c.evidence]
            rows.append(f"| {claim(c)} | {verdict(c.new_verdict, c.new_explanation)} | {'<br>'.join(changes)} |")
        rows.append("")
    if diff.notes_added or diff.notes_removed:
        rows += ["### Differences inside the evidence", ""]
        rows += [f"- {label} **{cell(n.repo_id)}** `{cell(n.property)}`: {cell(n.explanation)}"
                 for label, notes in (("➕", diff.notes_added), ("➖", diff.notes_removed)) for n in notes]
        rows.append("")
    return fit_rows(head, rows, MAX_BYTES if max_bytes is None else max_bytes,
                    "`claimcheck diff --format json` lists every change.")




def format_diff_json(diff: ReportDiff) -> str:
    """The diff as indented JSON (``claimcheck diff --format json``; the ``ReportDiff`` model)."""
    return diff.model_dump_json(indent=2) + "\n"
