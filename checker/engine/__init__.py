"""The pure engine: registry x evidence -> findings. No I/O, no clock, no network.

``verify(registry, evidence, options)`` judges every claim against its subject repo's evidence with the
checker the property table names (``checker.properties``), then settles the claims the Hub could not judge
against the other articles (``crossarticle``). Findings come out in registry order; reason codes and
their meanings are listed in ``reasons.REASONS``. ``stream`` and ``iter_findings`` build the same findings
one at a time, for reports too large to hold (``verify`` is the list of them).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

import checker.properties as table  # the table imports the checkers: bound here, read at call time
from checker import __version__
from checker.engine.context import Checker, Context, Judgement, Options, unverifiable
from checker.engine.crossarticle import Settled, Settler, plan
from checker.engine.developer import owner_index
from checker.engine.findings import EvidenceNote, Finding, PositionOut, Report, SubjectOut, Summary
from checker.engine.reasons import ReasonCode as R
from checker.evidence.facts import FactKind, RepoEvidence, Unavailable
from checker.evidence.interface import EvidenceMap
from checker.licenses import LicenseBook
from checker.registry.models import VERDICTS
from checker.registry.types import Claim, Registry

__all__ = ["FindingStream", "Options", "iter_findings", "judge", "stream", "verify"]


def verify(registry: Registry, evidence: EvidenceMap,
           options: Options = Options()) -> Report:
    """Judge every claim of ``registry``; ``evidence`` maps each of ``registry.repo_ids()`` to its
    recorded evidence or to why it is unavailable (a missing entry counts as unavailable)."""
    run = stream(registry, evidence, options)
    findings = list(run.findings)
    return Report(tool_version=run.tool_version, mode=run.mode, registry=run.registry,
                  findings=findings, evidence_notes=run.evidence_notes, summary=_summary(findings))


@dataclass
class FindingStream:
    """One verification, its findings not yet built: ``findings`` yields them once, in registry order (the
    report's other parts are here already; its summary is the caller's to count as they pass)."""

    tool_version: str
    mode: Literal["offline", "live"]
    registry: str
    evidence_notes: list[EvidenceNote]
    findings: Iterator[Finding]


def stream(registry: Registry, evidence: EvidenceMap, options: Options = Options()) -> FindingStream:
    """:func:`verify` without the list: every claim is compared across articles here (so an error is raised
    before the first finding), and each claim is judged and its finding built only when it is asked for."""
    ctx = _context(registry, evidence, options)
    return FindingStream(tool_version=__version__, mode=options.mode, registry=str(registry.root),
                         evidence_notes=_notes(registry, ctx), findings=_iter_findings(registry, ctx))


def iter_findings(registry: Registry, evidence: EvidenceMap, options: Options = Options()) -> Iterator[Finding]:
    """The findings of :func:`verify`, one at a time, in registry order."""
    return _iter_findings(registry, _context(registry, evidence, options))


def _context(registry: Registry, evidence: EvidenceMap, options: Options) -> Context:
    return Context(options=options, evidence=evidence, entities=registry.entities,
                   licenses=LicenseBook(registry.licenses), owners=owner_index(registry.entities))


def _iter_findings(registry: Registry, ctx: Context) -> Iterator[Finding]:
    # The cross-article comparison first (it needs every claim), eagerly: a generator body would only run at
    # the first finding, after a report had begun. Each claim is judged only as its finding is built, so no
    # more than one judgement is held at a time.
    claims = registry.claims
    settler = Settler(claims, ctx.options, plan(claims, ctx.options, ctx.licenses, None, ctx.owners))
    return _build(claims, settler, ctx)


#: Claim values whose report form is remembered at most (then forgotten and written again).
_SHOWN_LIMIT = 4096


def _build(claims: list[Claim], settler: Settler, ctx: Context) -> Iterator[Finding]:
    subjects: dict[tuple[str, str, str | None], SubjectOut] = {}
    # Claims share their parsed values (the loader parses each distinct value once): each is written in its
    # report form once, and its findings share it (findings are never modified). Keyed by the value's id,
    # with the value itself held, so an id is never reused while it is remembered.
    shown: dict[int, tuple[object, Any]] = {}
    for i, claim in enumerate(claims):
        settled = settler.settle(i, judge(claim, ctx))
        value = claim.value
        seen = shown.get(id(value))
        if seen is None or seen[0] is not value:
            if len(shown) >= _SHOWN_LIMIT:
                shown.clear()
            seen = shown[id(value)] = (value, claim.kind.to_json(value))
        yield _finding(claim, seen[1], settled, subjects)


def judge(claim: Claim, ctx: Context) -> Judgement:
    """One claim against Hub evidence alone (before the other articles are consulted)."""
    spec = table.builtin(claim.property)
    check = spec.check if spec is not None else None
    if check is None:
        return unverifiable(R.NOT_HUB_CHECKABLE, f"Hub metadata cannot show {claim.property}")
    repo = claim.subject.repo_id
    if not repo:
        return unverifiable(R.NO_REPO, f"{claim.subject.name} has no Hub repo in the registry")
    found = ctx.repo(repo)
    if not isinstance(found, RepoEvidence):
        why = f"{found.reason}: {found.detail}" if isinstance(found, Unavailable) else "not in the evidence given"
        return unverifiable(R.EVIDENCE_UNAVAILABLE, f"evidence for {repo} could not be obtained ({why})")
    # A document is never evidence for its own claims: facts read from the claim's own source (a
    # developer's announcement recorded as a fact) are set aside, and the claim is judged on the rest.
    reads = spec.reads if spec is not None else frozenset()
    own = _same_document(claim.source.url)
    if own is not None and any(_same_document(f.source_url) == own for f in found.facts):
        found = found.model_copy(update={"facts": [f for f in found.facts if _same_document(f.source_url) != own]})
        judgement = _judge_facts(claim, found, ctx, check, reads)
        return replace(judgement, explanation=f"{judgement.explanation}; the claim's own document is not "
                                              "evidence for itself")
    return _judge_facts(claim, found, ctx, check, reads)


def _judge_facts(claim: Claim, found: RepoEvidence, ctx: Context, check: Checker,
                 reads: frozenset[FactKind]) -> Judgement:
    # Low-confidence facts (third-party aggregators, copies) never decide: the checker never sees them,
    # and the explanation names them for what they are.
    hearsay = [f for f in found.facts if f.confidence == "low" and (f.property in reads or f.property == claim.property)]
    if not hearsay:
        return check(claim, found, ctx)
    judgement = check(claim, found.model_copy(update={"facts": [f for f in found.facts if f.confidence != "low"]}), ctx)
    said = "; ".join(f"a third-party page says {f.property} is {f.value!r}" for f in hearsay[:3])
    return replace(judgement, explanation=f"{judgement.explanation}; {said} (low confidence: not evidence)",
                   facts=judgement.facts + tuple(hearsay))


def _same_document(url: str | None) -> str | None:
    """``url`` without fragment, trailing slash or scheme case, so two spellings of one page compare equal."""
    if not url:
        return None
    base = url.split("#", 1)[0].rstrip("/")
    scheme, sep, rest = base.partition("://")
    return f"{scheme.lower()}{sep}{rest}" if sep else base


def _finding(claim: Claim, value: object, settled: Settled,
             subjects: dict[tuple[str, str, str | None], SubjectOut] | None = None) -> Finding:
    j = settled.judgement
    pos = claim.position
    key = (claim.subject.id, claim.subject.name, claim.subject.repo_id)
    subject = subjects.get(key) if subjects is not None else None
    if subject is None:  # one per subject, shared by its findings (they are never modified)
        subject = SubjectOut.model_construct(id=key[0], name=key[1], repo_id=key[2])
        if subjects is not None:
            subjects[key] = subject
    # Built from the engine's own typed values: constructed without validation (a million findings).
    return _construct(Finding, _FINDING_FIELDS, {
        "claim_id": claim.global_id, "source_id": claim.source.id, "source_url": claim.source.url,
        "publisher": claim.source.publisher, "published": claim.source.published, "quote": claim.quote,
        "position": _construct(PositionOut, _POSITION_FIELDS, {"path": pos.path, "line": pos.line, "col": pos.col})
        if pos is not None else None,
        "subject": subject, "property": claim.property, "value": value, "verdict": j.verdict, "reason": j.reason,
        # One line a journalist can paste: quoted evidence text may carry line breaks.
        "explanation": " ".join(j.explanation.split()),
        "expect": claim.expect, "drift": claim.expect is not None and claim.expect != j.verdict,
        "evidence": list(j.facts), "related": list(settled.related), "related_count": settled.related_count})


_FINDING_FIELDS = frozenset(Finding.model_fields)
_POSITION_FIELDS = frozenset(PositionOut.model_fields)
_M = TypeVar("_M", bound=BaseModel)


#: BaseModel's own slots, set through their descriptors: ``object.__setattr__`` looks each one up again.
_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__


def _construct(cls: type[_M], fields: frozenset[str], values: dict[str, Any]) -> _M:
    """``cls.model_construct(**values)`` for ``values`` naming every field (a test holds the engine to that):
    the same instance, without model_construct's per-field alias and default handling (4x faster)."""
    m = cls.__new__(cls)
    object.__setattr__(m, "__dict__", values)
    _SET_FIELDS_SET(m, set(fields))
    _SET_EXTRA(m, None)
    _SET_PRIVATE(m, None)
    return m


def _notes(registry: Registry, ctx: Context) -> list[EvidenceNote]:
    notes: list[EvidenceNote] = []
    for repo in registry.repo_ids():
        found = ctx.repo(repo)
        if isinstance(found, RepoEvidence):
            for make in table.NOTE_MAKERS:
                notes.extend(make(found, ctx.options))
    return notes


def _summary(findings: list[Finding]) -> Summary:
    by_verdict = dict.fromkeys(VERDICTS, 0)
    for f in findings:
        by_verdict[f.verdict] += 1
    return Summary(total=len(findings), by_verdict=by_verdict, drift=sum(f.drift for f in findings))
