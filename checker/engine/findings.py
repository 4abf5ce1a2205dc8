"""The engine's output: findings with verdicts, reasons, explanations and evidence; the report."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, assert_never

from pydantic import BaseModel, ConfigDict, Field

from checker.engine.reasons import ReasonCode
from checker.evidence.facts import Fact
from checker.registry.models import VERDICTS, Verdict, empty_list

REPORT_SCHEMA_VERSION: Literal[1] = 1



def severity(v: Verdict) -> int:
    """How bad a verdict is for --fail-on, ``diff``'s better/worse and sorting (higher = worse): a verdict
    resting on less evidence ranks below one resting on more (corroborated is worse than supported)."""
    match v:
        case "supported":
            return 0
        case "corroborated":
            return 1
        case "approximate":
            return 2
        case "unverifiable":
            return 3
        case "disputed":
            return 4
        case "contradicted":
            return 5
        case _:
            assert_never(v)


#: Verdict severity for --fail-on and sorting (higher = worse).
SEVERITY: dict[Verdict, int] = {v: severity(v) for v in VERDICTS}


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class SubjectOut(_Out):
    id: str
    name: str
    repo_id: str | None = None


class PositionOut(_Out):
    path: str
    line: int
    col: int


class RelatedClaim(_Out):
    """Another source's claim about the same subject and property (cross-article)."""

    claim_id: str
    source_id: str
    published: dt.date
    value: Any
    compatible: bool
    independent: bool = Field(default=True, description="False when it shares this claim's article text, or is "
                                                        "the same publisher's verbatim copy: it does not count.")


class RelatedCount(_Out):
    """How many other sources' claims share a claim's subject and property (``related`` lists a few of them).
    Claims of the claim's own source are not counted; for downloads and likes, only the same day's."""

    total: int = Field(description="Other sources' claims about the same subject and property.")
    compatible: int = Field(description="Of those, the ones whose value fits this claim's value.")
    incompatible: int = Field(description="Of those, the ones whose value does not fit (total - compatible).")
    independent_compatible: int = Field(description="Compatible claims of independent sources (not the same "
                                                    "article text, not a copy): they corroborate.")
    independent_incompatible: int = Field(description="Incompatible claims of independent sources: they dispute.")


class Finding(_Out):
    """The verdict on one claim, with everything a journalist needs to cite it."""

    claim_id: str = Field(description="<source id>/<claim id>")
    source_id: str
    source_url: str | None = None
    publisher: str | None = Field(default=None, description="Who published the source (its publisher field).")
    published: dt.date
    quote: str
    position: PositionOut | None = None
    subject: SubjectOut
    property: str
    value: Any = Field(description="Normalised: numbers as numbers (with low/high), dates as ISO intervals.")
    verdict: Verdict
    reason: ReasonCode = Field(description="A stable reason code (checker/engine/reasons.py lists their meanings).")
    explanation: str = Field(description="One line a journalist can paste.")
    expect: Verdict | None = None
    drift: bool = False
    evidence: list[Fact] = Field(default_factory=empty_list)
    related: list[RelatedClaim] = Field(default_factory=empty_list, description=(
        "A few other sources' claims about the same subject and property, the most informative first: "
        "independent disagreeing, independent agreeing, then copies; related_count counts all of them."))
    related_count: RelatedCount | None = Field(default=None, description=(
        "Counts of all other sources' claims about the same subject and property; null when there are none."))


class EvidenceNote(_Out):
    """A difference inside the evidence itself (e.g. card 671B vs safetensors 684.5B incl. an MTP module)."""

    repo_id: str
    property: str
    explanation: str
    facts: list[Fact] = Field(default_factory=empty_list)


class Summary(_Out):
    total: int
    by_verdict: dict[str, int]
    drift: int


class Report(_Out):
    """What ``claimcheck verify`` produces; every formatter renders this."""

    schema_version: Literal[1] = REPORT_SCHEMA_VERSION
    tool_version: str
    mode: Literal["offline", "live"]
    registry: str
    findings: list[Finding]
    evidence_notes: list[EvidenceNote] = Field(default_factory=empty_list)
    summary: Summary
