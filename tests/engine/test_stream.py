"""The engine's finding stream: the same findings as ``verify``, built one at a time after every claim is judged."""

from __future__ import annotations

from pathlib import Path

from checker.engine import iter_findings, stream, verify
from checker.evidence.snapshot import SnapshotSource
from checker.evidence.store import SnapshotStore
from checker.registry.loader import load_registry
from tests.report.sample import write_registry


def test_stream_yields_what_verify_lists(tmp_path: Path):
    registry = load_registry(write_registry(tmp_path / "reg"))
    evidence = SnapshotSource(SnapshotStore(Path(registry.root) / "evidence" / "hub")).evidence(registry.repo_ids())
    report = verify(registry, evidence)
    assert list(iter_findings(registry, evidence)) == report.findings
    run = stream(registry, evidence)
    assert (run.tool_version, run.mode, run.registry, run.evidence_notes) == (
        report.tool_version, report.mode, report.registry, report.evidence_notes)
    first = next(run.findings)
    assert first == report.findings[0]
    assert [first, *run.findings] == report.findings
