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


def test_claims_are_judged_one_at_a_time_as_findings_are_asked_for(tmp_path: Path, monkeypatch):
    """Only the cross-article comparison runs before the first finding: each claim is judged when its finding
    is built, so the stream never holds every judgement at once (the same findings as ``verify``)."""
    import checker.engine as engine

    registry = load_registry(write_registry(tmp_path / "reg"))
    evidence = SnapshotSource(SnapshotStore(Path(registry.root) / "evidence" / "hub")).evidence(registry.repo_ids())
    expected = verify(registry, evidence).findings
    judged: list[str] = []
    real = engine.judge

    def counting(claim, ctx):
        judged.append(claim.global_id)
        return real(claim, ctx)

    monkeypatch.setattr(engine, "judge", counting)
    run = stream(registry, evidence)
    assert judged == []
    findings = [next(run.findings)]
    assert judged == [findings[0].claim_id]
    findings.extend(run.findings)
    assert judged == [f.claim_id for f in findings] == [c.global_id for c in registry.claims]
    assert findings == expected and len(expected) > 1


def test_a_plan_settles_a_claim_as_cross_check_does():
    """plan + Settler (the streaming path) and cross_check (every judgement at once) settle alike."""
    import datetime as dt

    from checker.engine.context import Judgement, Options
    from checker.engine.crossarticle import Settler, cross_check, plan
    from checker.licenses import LicenseBook
    from checker.values import parse_quantity
    from tests.engine.factory import claim, source, subject

    org = subject(repo=None, sid="startup", name="Startup")
    claims = [claim("count.users", parse_quantity(raw), raw=raw, subj=org, src=source(sid, dt.date(2026, 1, 1)),
                    cid=f"u{k}") for k, (raw, sid) in enumerate([("30만", "a"), ("31만", "b"), ("50만", "c"),
                                                                   ("30만", "a")])]
    claims.append(claim("count.other", parse_quantity("1"), raw="1", subj=org, src=source("a"), cid="alone"))
    judgements = [Judgement("unverifiable", "not-hub-checkable", "Hub metadata cannot show it")] * len(claims)
    plans = plan(claims, Options(), LicenseBook({}))
    assert plans[-1] is None and all(p is not None for p in plans[:-1])
    settler = Settler(claims, Options(), plans)
    lazily = [settler.settle(i, j) for i, j in reversed(list(enumerate(judgements)))][::-1]
    assert lazily == cross_check(claims, judgements, Options(), LicenseBook({}))
    assert {s.judgement.reason for s in lazily} >= {"sources-disagree", "single-source"}
