import datetime as dt
from decimal import Decimal

from checker.engine import Options, judge, verify
from checker.evidence.facts import Method, Unavailable
from checker.registry.models import Entity
from checker.registry.types import Relation
from checker.values import parse_date, parse_quantity
from tests.engine.factory import REPO, claim, context, fact, registry, snapshot, source, subject


def test_finding_carries_every_field():
    c = claim("parameters.total", parse_quantity(">=500B"), raw=">=500B", expect="contradicted")
    report = verify(registry([c]), {REPO: snapshot(fact("parameters.total", 519_000_000_000))})
    [f] = report.findings
    assert (f.claim_id, f.source_id, f.source_url) == ("news-a/c", "news-a", "https://news.example.com/news-a")
    assert (f.published, f.quote) == (dt.date(2026, 1, 10), "parameters.total >=500B")
    assert (f.position.path, f.position.line, f.position.col) == ("sources/a.yaml", 3, 5)
    assert (f.subject.id, f.subject.name, f.subject.repo_id) == ("m", "Model-M", REPO)
    assert f.value == {"value": 500_000_000_000, "low": 499_500_000_000, "high": 500_500_000_000,
                       "comparator": ">=", "text": ">=500B"}
    assert (f.verdict, f.reason, f.expect, f.drift) == ("supported", "hub-api", "contradicted", True)
    assert f.explanation == "Hub safetensors total is 519.0B (+3.8 % vs the claimed >=500B) at revision abcdef1"
    assert f.evidence[0].revision == "abcdef1234567890" and f.evidence[0].method is Method.HUB_API
    assert report.summary.model_dump() == {"total": 1, "drift": 1, "by_verdict": {
        "supported": 1, "approximate": 0, "contradicted": 0, "corroborated": 0, "disputed": 0, "unverifiable": 0}}
    assert report.mode == "offline"


def test_values_are_normalised():
    other = subject(repo="example-org/o", sid="o", name="O")
    claims = [claim("release_date", parse_date("2025-08"), raw="2025-08", cid="d"),
              claim("open_source", True, cid="b"),
              claim("developer", subject(repo=None, sid="lab", name="Lab"), raw="lab", cid="e"),
              claim("base_model", None, raw="none", cid="n"),
              claim("relation.size", Relation(other, "fraction_of", Decimal("0.05"), Decimal("0.01")),
                    raw={"object": "o", "fraction_of": "5%"}, cid="r")]
    values = [f.value for f in verify(registry(claims), {}).findings]
    assert values == ["2025-08-01/2025-08-31", True, "lab", None,
                      {"object": "o", "mode": "fraction_of", "amount": 0.05,
                       "text": "5 % of the size of o"}]


def test_unavailable_is_never_a_contradiction():
    c = claim("open_source", True)
    for ev in ({REPO: Unavailable(repo_id=REPO, reason="not-found", detail="404")}, {}):
        [f] = verify(registry([c]), ev).findings
        assert (f.verdict, f.reason) == ("unverifiable", "evidence-unavailable")
    [f] = verify(registry([c]), {REPO: Unavailable(repo_id=REPO, reason="timeout", detail="after 10 s")}).findings
    assert "timeout: after 10 s" in f.explanation


def test_subjects_without_repo_and_unknown_properties():
    claims = [claim("open_source", True, subj=subject(repo=None), cid="a"),
              claim("headquarters", "Seoul", cid="b")]
    findings = verify(registry(claims), {REPO: snapshot()}).findings
    assert [(f.reason, f.verdict) for f in findings] == [("single-source", "unverifiable")] * 2
    assert "no Hub repo" in findings[0].explanation and "cannot show headquarters" in findings[1].explanation


def test_judge_before_cross_article():
    ctx = context({REPO: snapshot()})
    assert judge(claim("open_source", True, subj=subject(repo=None)), ctx).reason == "no-repo"
    assert judge(claim("headquarters", "Seoul"), ctx).reason == "not-hub-checkable"
    assert judge(claim("open_source", "yes"), ctx).reason == "invalid-value"


def test_evidence_notes_and_determinism():
    c = claim("parameters.total", parse_quantity("671B"), raw="671B")
    ev = {REPO: snapshot(fact("parameters.total", 684_531_386_000),
                         fact("parameters.total", 671_000_000_000, Method.MODEL_CARD, precision=1e9))}
    first, second = verify(registry([c]), ev), verify(registry([c]), ev)
    assert first.model_dump_json() == second.model_dump_json()
    [note] = first.evidence_notes
    assert note.repo_id == REPO and "684.5B" in note.explanation
    assert (first.findings[0].verdict, first.findings[0].reason) == ("supported", "model-card")


def test_options_tolerance_and_mode():
    c = claim("parameters.total", parse_quantity("100B"), raw="100B")
    ev = {REPO: snapshot(fact("parameters.total", 102_000_000_000))}
    assert verify(registry([c]), ev).findings[0].verdict == "approximate"
    report = verify(registry([c]), ev, Options(tolerance=Decimal("0.02"), mode="live"))
    assert (report.findings[0].verdict, report.mode) == ("supported", "live")


def test_findings_keep_registry_order():
    claims = [claim("founded", parse_date("2024"), raw="2024", src=source(f"s{i}"), cid=f"c{i}") for i in range(5)]
    assert [f.claim_id for f in verify(registry(claims), {}).findings] == [c.global_id for c in claims]


def test_developer_parent_cycle_is_safe():
    entities = {"a": Entity(id="a", kind="organisation", names=["A"], hub_orgs=["example-org"], parent="b"),
                "b": Entity(id="b", kind="organisation", names=["B"], parent="a"),
                "c": Entity(id="c", kind="organisation", names=["C"])}
    c = claim("developer", subject(repo=None, sid="c", name="C"), raw="c")
    [f] = verify(registry([c], entities=entities), {REPO: snapshot()}).findings
    assert (f.verdict, f.reason) == ("contradicted", "repo-owner")
