"""What every checker receives and returns: options, the shared context, and a judgement.

A checker is a pure function ``(claim, evidence, context) -> Judgement`` where ``evidence`` is the
subject repo's :class:`RepoEvidence` (an unavailable repo never reaches a checker; see ``verify``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, assert_never

from checker.engine.findings import EvidenceNote
from checker.engine.reasons import ReasonCode
from checker.evidence.facts import METHOD_RANK, Fact, Method, RepoEvidence, Unavailable
from checker.evidence.interface import EvidenceMap
from checker.licenses import LicenseBook
from checker.registry.models import Entity, Verdict
from checker.registry.types import Claim


@dataclass(frozen=True)
class Options:
    """Judgement settings: the supported tolerance and the approximate bound, as fractions."""

    tolerance: Decimal = Decimal("0.005")
    approximate: Decimal = Decimal("0.10")
    mode: Literal["offline", "live"] = "offline"


@dataclass(frozen=True)
class Judgement:
    """A checker's result for one claim, before cross-article comparison."""

    verdict: Verdict
    reason: ReasonCode
    explanation: str
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class Context:
    """Everything a checker may consult besides the claim's own evidence (all read-only)."""

    options: Options
    evidence: EvidenceMap
    entities: Mapping[str, Entity]
    licenses: LicenseBook
    owners: Mapping[str, str] = field(default_factory=dict)   # case-folded Hub namespace -> entity id

    def tolerance_for(self, claim: Claim) -> Decimal:
        """The claim's own tolerance when it sets one, else the run's."""
        return claim.tolerance if claim.tolerance is not None else self.options.tolerance

    def repo(self, repo_id: str | None) -> RepoEvidence | Unavailable | None:
        """The evidence recorded for ``repo_id`` (None when the map has nothing for it)."""
        return self.evidence.get(repo_id) if repo_id else None


Checker = Callable[[Claim, RepoEvidence, Context], Judgement]
NoteMaker = Callable[[RepoEvidence, Options], list[EvidenceNote]]


def pinned(fact: Fact, evidence: RepoEvidence) -> Fact:
    """``fact`` with the snapshot's revision filled in when the fact does not carry its own."""
    if fact.revision is None and evidence.revision is not None:
        return fact.model_copy(update={"revision": evidence.revision})
    return fact


def ranked(facts: Iterable[Fact]) -> list[Fact]:
    """Facts from the most exact method to the least (file order within a method)."""
    return sorted(facts, key=lambda f: METHOD_RANK[f.method])


def first_value(evidence: RepoEvidence, prop: str) -> Fact | None:
    """The most exact fact recorded for ``prop``, or None."""
    facts = ranked(evidence.facts_for(prop))
    return facts[0] if facts else None


def read_from(method: Method) -> str:
    """Where a fact was read, as words for explanations (exhaustive: a new Method fails type checking here)."""
    match method:
        case Method.HUB_API:
            return "the Hub API"
        case Method.SAFETENSORS_HEADER:
            return "the safetensors headers"
        case Method.CONFIG:
            return "config.json"
        case Method.MODEL_CARD:
            return "the model card"
        case Method.PAGE:
            return "a stored public page"
        case Method.RECONSTRUCTED:
            return "a reconstructed record"
        case _:
            assert_never(method)


def at_revision(fact: Fact) -> str:
    """`` at revision abc1234`` when the fact is pinned to one, else empty."""
    return f" at revision {fact.revision[:7]}" if fact.revision else ""


def unverifiable(reason: ReasonCode, explanation: str, facts: Iterable[Fact] = ()) -> Judgement:
    return Judgement("unverifiable", reason, explanation, tuple(facts))
