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


def test_findings_are_the_models_model_construct_would_build(tmp_path: Path):
    """The engine builds findings without model_construct: every field is set, as model_construct sets it."""
    from checker.engine.findings import Finding, PositionOut

    registry = load_registry(write_registry(tmp_path / "reg"))
    evidence = SnapshotSource(SnapshotStore(Path(registry.root) / "evidence" / "hub")).evidence(registry.repo_ids())
    for f in iter_findings(registry, evidence):
        assert set(f.__dict__) == set(Finding.model_fields) == f.model_fields_set
        assert f == Finding.model_construct(**f.__dict__)
        assert f.model_dump_json() == Finding.model_construct(**f.__dict__).model_dump_json()
        assert f.position is not None and f.position == PositionOut.model_construct(**f.position.__dict__)
        assert f.model_copy(update={"quote": "x"}).quote == "x" and f.quote != "x"
        assert Finding.model_validate(f.model_dump()) == f
