"""What changed between two reports (``claimcheck diff OLD.json NEW.json``): verdicts that got worse or better,
claims added or removed, evidence that changed under an unchanged verdict, evidence notes added or removed.

Pure: :func:`parse_report` reads a report's JSON text, :func:`diff_reports` compares two reports, and the
formatters return strings. Findings are matched by ``claim_id``; facts inside a finding by (property, method,
source URL). A fact's ``observed_at`` is ignored: a live run observes everything today, which is no change.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from checker import __version__
from checker.engine.findings import REPORT_SCHEMA_VERSION, SEVERITY, EvidenceNote, Finding, Report
from checker.errors import ClaimcheckError
from checker.evidence.facts import Fact, Method
from checker.registry.models import Verdict
from checker.report.common import display_value, fit_rows
from checker.safefiles import json_too_deep

DIFF_SCHEMA_VERSION: Literal[1] = 1
#: --fail-on: ``change`` = a verdict changed or a claim was added or removed; ``worse`` = a verdict got worse
#: or a claim disappeared; ``never``.
FAIL_ON = ("change", "worse", "never")
#: Validation errors shown for a file that is not a valid report (the first few say enough).
MAX_ERRORS = 5


class ReportInputError(ClaimcheckError):
    """A file is not a report this version can read; ``messages`` are one line each (without the path)."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("; ".join(messages))


def parse_report(data: str | bytes) -> Report:
    """The report in ``data`` (the JSON of ``claimcheck verify --format json``), or :class:`ReportInputError`
    saying why not: not JSON, not a report, a schema_version this version does not know, or where it is invalid."""
    deep = json_too_deep(data)
    if deep is not None:
        raise ReportInputError([f"not a report: {deep}"])
    try:
        return Report.model_validate_json(data)
    except ValidationError as exc:
        error = exc
    # Diagnose only on failure, so a good report is parsed once.
    try:
        raw = json.loads(data)
    except ValueError as exc:  # JSONDecodeError, or bytes that are not UTF-8
        raise ReportInputError([f"not JSON: {exc}"]) from None
    if not isinstance(raw, dict) or "schema_version" not in raw or "findings" not in raw:
        raise ReportInputError(["not a claimcheck report (expected the JSON of `claimcheck verify --format json`)"])
    version = raw["schema_version"]
    if type(version) is not int or version != REPORT_SCHEMA_VERSION:  # type(): True == 1 is no version
        raise ReportInputError([f"report schema_version {version!r} is not known to claimcheck {__version__} "
                                f"(it reads version {REPORT_SCHEMA_VERSION})"])
    errors = error.errors(include_url=False)
    messages = [f"{'.'.join(str(p) for p in e['loc']) or '(top level)'}: {e['msg']}" for e in errors[:MAX_ERRORS]]
    if len(errors) > MAX_ERRORS:
        messages.append(f"... and {len(errors) - MAX_ERRORS} more validation error(s)")
    raise ReportInputError(messages)


# -- the diff model ---------------------------------------------------------------------------------------


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReportInfo(_Out):
    """Which report a side of the diff is."""

    tool_version: str
    mode: Literal["offline", "live"]
    registry: str
    claims: int


class FactState(_Out):
    """The parts of a fact that are compared."""

    value: Any
    precision: float | None = None
    revision: str | None = None


class FactChange(_Out):
    """One fact of a finding's evidence that was added (``old`` null), removed (``new`` null) or changed."""

    property: str
    method: Method
    source_url: str | None = None
    old: FactState | None = None
    new: FactState | None = None


class ClaimChange(_Out):
    """A claim found in both reports whose verdict, reason or evidence differs."""

    claim_id: str
    subject: str
    property: str
    value: Any
    old_verdict: Verdict
    new_verdict: Verdict
    old_reason: str
    new_reason: str
    old_explanation: str
    new_explanation: str
    evidence: list[FactChange]


class ClaimRef(_Out):
    """A claim present in only one of the reports."""

    claim_id: str
    subject: str
    property: str
    value: Any
    verdict: Verdict
    reason: str
    explanation: str


class DiffSummary(_Out):
    worse: int
    better: int
    added: int
    removed: int
    evidence_changed: int
    unchanged: int
    notes_added: int
    notes_removed: int


class ReportDiff(_Out):
    """What ``claimcheck diff`` produces: every list in the new report's order (removed: the old report's)."""

    schema_version: Literal[1] = DIFF_SCHEMA_VERSION
    old: ReportInfo
    new: ReportInfo
    worse: list[ClaimChange]
    better: list[ClaimChange]
    added: list[ClaimRef]
    removed: list[ClaimRef]
    evidence_changed: list[ClaimChange]
    notes_added: list[EvidenceNote]
    notes_removed: list[EvidenceNote]
    summary: DiffSummary

    def exceeds(self, fail_on: str) -> bool:
        """Whether there is a change at or above ``fail_on`` (one of :data:`FAIL_ON`)."""
        if fail_on == "worse":
            return bool(self.worse or self.removed)
        if fail_on == "change":
            return bool(self.worse or self.better or self.added or self.removed)
        return False


# -- comparing ---------------------------------------------------------------------------------------------


def diff_reports(old: Report, new: Report) -> ReportDiff:
    """Compare ``old`` with ``new``, matching findings by claim_id (the first finding of an id counts)."""
    old_by_id = _by_id(old.findings)
    new_by_id = _by_id(new.findings)
    worse: list[ClaimChange] = []
    better: list[ClaimChange] = []
    evidence_changed: list[ClaimChange] = []
    added: list[ClaimRef] = []
    unchanged = 0
    for claim_id, after in new_by_id.items():
        before = old_by_id.get(claim_id)
        if before is None:
            added.append(_ref(after))
            continue
        facts = diff_facts(before.evidence, after.evidence)
        rise = SEVERITY.get(after.verdict, 0) - SEVERITY.get(before.verdict, 0)
        if rise > 0:
            worse.append(_change(before, after, facts))
        elif rise < 0:
            better.append(_change(before, after, facts))
        elif facts or before.reason != after.reason:
            evidence_changed.append(_change(before, after, facts))
        else:
            unchanged += 1
    removed = [_ref(f) for claim_id, f in old_by_id.items() if claim_id not in new_by_id]
    old_notes = {_note_key(n) for n in old.evidence_notes}
    new_notes = {_note_key(n) for n in new.evidence_notes}
    notes_added = [n for n in new.evidence_notes if _note_key(n) not in old_notes]
    notes_removed = [n for n in old.evidence_notes if _note_key(n) not in new_notes]
    return ReportDiff(
        old=_info(old, len(old_by_id)), new=_info(new, len(new_by_id)),
        worse=worse, better=better, added=added, removed=removed, evidence_changed=evidence_changed,
        notes_added=notes_added, notes_removed=notes_removed,
        summary=DiffSummary(worse=len(worse), better=len(better), added=len(added), removed=len(removed),
                            evidence_changed=len(evidence_changed), unchanged=unchanged,
                            notes_added=len(notes_added), notes_removed=len(notes_removed)))


def diff_facts(old: list[Fact], new: list[Fact]) -> list[FactChange]:
    """The facts added, removed or changed (value, precision or revision) between two evidence lists.

    Facts are paired by (property, method, source URL), in order when a key occurs more than once, so a
    reordered list is no change."""
    groups: dict[tuple[str, Method, str | None], tuple[list[Fact], list[Fact]]] = defaultdict(lambda: ([], []))
    for fact in old:
        groups[_fact_key(fact)][0].append(fact)
    for fact in new:
        groups[_fact_key(fact)][1].append(fact)
    changes: list[FactChange] = []
    for (prop, method, source_url), (before, after) in groups.items():
        for i in range(max(len(before), len(after))):
            a = _state(before[i]) if i < len(before) else None
            b = _state(after[i]) if i < len(after) else None
            if a != b:
                changes.append(FactChange(property=prop, method=method, source_url=source_url, old=a, new=b))
    return changes


def _by_id(findings: list[Finding]) -> dict[str, Finding]:
    by_id: dict[str, Finding] = {}
    for f in findings:
        by_id.setdefault(f.claim_id, f)
    return by_id


def _fact_key(fact: Fact) -> tuple[str, Method, str | None]:
    return fact.property, fact.method, fact.source_url


def _state(fact: Fact) -> FactState:
    return FactState(value=fact.value, precision=fact.precision, revision=fact.revision)


def _note_key(note: EvidenceNote) -> tuple[str, str, str]:
    return note.repo_id, note.property, note.explanation


def _info(report: Report, claims: int) -> ReportInfo:
    return ReportInfo(tool_version=report.tool_version, mode=report.mode, registry=report.registry, claims=claims)


def _ref(f: Finding) -> ClaimRef:
    return ClaimRef(claim_id=f.claim_id, subject=f.subject.name, property=f.property, value=f.value,
                    verdict=f.verdict, reason=f.reason, explanation=f.explanation)


def _change(before: Finding, after: Finding, facts: list[FactChange]) -> ClaimChange:
    return ClaimChange(claim_id=after.claim_id, subject=after.subject.name, property=after.property,
                       value=after.value, old_verdict=before.verdict, new_verdict=after.verdict,
                       old_reason=before.reason, new_reason=after.reason, old_explanation=before.explanation,
                       new_explanation=after.explanation, evidence=facts)


# -- rendering ---------------------------------------------------------------------------------------------


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

    def verdict(v: str, explanation: str | None = None) -> str:
        text = f"{ICON.get(v, '')} {v}"
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


