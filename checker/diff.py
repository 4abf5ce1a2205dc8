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
