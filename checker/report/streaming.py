"""Reports written as the findings stream past, so a million findings are never all in memory.

A chunk writer (:class:`ChunkWriter`) gets the report's head, then each finding in registry order, then
the evidence notes and the summary, and returns the text to write at each step. ``json``, ``sarif``,
``text`` and ``html`` have their own (:data:`checker.report.STREAMING`); every other format (Markdown, JUnit,
ClaimReview) is fed through :class:`Collect`, which keeps the findings in a list and calls the format's
string formatter at the end. One pass
can feed any number of writers (:func:`writer_for` each, then ``add`` each finding to all of them).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from checker.registry.models import VERDICTS

if TYPE_CHECKING:
    from checker.engine.findings import EvidenceNote, Finding, Report, Summary
    from checker.report import RenderOptions


@dataclass(frozen=True)
class Head:
    """What a report says before its findings."""

    tool_version: str
    mode: Literal["offline", "live"]
    registry: str

    @staticmethod
    def of(report: Report) -> Head:
        return Head(tool_version=report.tool_version, mode=report.mode, registry=report.registry)

    def cleaned(self) -> Head:
        """The head with its strings cleaned (:mod:`checker.report.escape`)."""
        from checker.report.escape import _text

        return Head(tool_version=_text(self.tool_version), mode=self.mode, registry=_text(self.registry))


class ChunkWriter(Protocol):
    """Writes one report in chunks; the findings come cleaned and in registry order."""

    def begin(self) -> str: ...

    def add(self, finding: Finding) -> str: ...

    def end(self, notes: list[EvidenceNote], summary: Summary) -> str | Iterable[str]: ...


class Collect:
    """A format that needs every finding: collects them, and renders the whole report at the end."""

    def __init__(self, name: str, head: Head, options: RenderOptions):
        from checker.report import FORMATTERS

        self._format = FORMATTERS[name]
        self._head, self._options = head, options
        self.findings: list[Finding] = []

    def begin(self) -> str:
        return ""

    def add(self, finding: Finding) -> str:
        self.findings.append(finding)
        return ""

    def end(self, notes: list[EvidenceNote], summary: Summary) -> str:
        from checker.engine.findings import Report

        report = Report.model_construct(tool_version=self._head.tool_version, mode=self._head.mode,
                                        registry=self._head.registry, findings=self.findings,
                                        evidence_notes=notes, summary=summary)
        return self._format(report, self._options)


def writer_for(name: str, head: Head, options: RenderOptions) -> ChunkWriter:
    """The chunk writer of format ``name``: its own when it streams, else :class:`Collect`."""
    from checker.report import STREAMING

    return STREAMING[name](head, options) if name in STREAMING else Collect(name, head, options)


def chunks(writer: ChunkWriter, report: Report) -> Iterator[str]:
    """``report`` through ``writer``, chunk by chunk (its findings as they are: clean them first)."""
    yield writer.begin()
    for f in report.findings:
        yield writer.add(f)
    yield from ending(writer, report.evidence_notes, report.summary)


def ending(writer: ChunkWriter, notes: list[EvidenceNote], summary: Summary) -> Iterable[str]:
    """``writer.end(notes, summary)`` as chunks (a writer's end is one string or several)."""
    tail = writer.end(notes, summary)
    return (tail,) if isinstance(tail, str) else tail


class Tally:
    """What a stream of findings adds up to, gathered as it passes: the summary, the worst severity, the
    findings that drifted from their expect, the repos reported on (their evidence notes are kept)."""

    def __init__(self) -> None:
        self.total = 0
        self.by_verdict: dict[str, int] = dict.fromkeys(VERDICTS, 0)
        self.drifted: list[tuple[str, str | None, str]] = []   # (claim id, expect, verdict)
        self.repos: set[str] = set()

    def add(self, f: Finding) -> None:
        self.total += 1
        self.by_verdict[f.verdict] += 1
        if f.drift:
            self.drifted.append((f.claim_id, f.expect, f.verdict))
        if f.subject.repo_id:
            self.repos.add(f.subject.repo_id)

    def summary(self) -> Summary:
        from checker.engine.findings import Summary

        return Summary(total=self.total, by_verdict=dict(self.by_verdict), drift=len(self.drifted))
