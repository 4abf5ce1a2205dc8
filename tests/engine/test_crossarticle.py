import datetime as dt

from checker.engine import verify
from checker.engine.context import Judgement, Options
from checker.engine.crossarticle import MAX_RELATED, cross_check
from checker.licenses import LicenseBook
from checker.values import parse_date, parse_quantity
from tests.engine.factory import claim, registry, source, subject

ORG = subject(repo=None, sid="startup", name="Startup")
OPEN = Judgement("unverifiable", "not-hub-checkable", "Hub metadata cannot show it")


def q(prop, raw, sid, day=1, subj=ORG):
    return claim(prop, parse_quantity(raw), raw=raw, subj=subj, src=source(sid, dt.date(2026, 1, day)), cid=prop)


def settle(claims, judgements=None):
    judgements = judgements or [OPEN] * len(claims)
    return cross_check(claims, judgements, Options(), LicenseBook({}))


def test_comparators_are_honoured():
    out = settle([q("count.users", ">=30만", "a"), q("count.users", "35만", "b")])
    assert [s.judgement.verdict for s in out] == ["supported", "supported"]
    assert [r.compatible for r in out[0].related] == [True]


def test_quantities_agree_within_the_approximate_bound():
    assert settle([q("budget.x", "30만", "a"), q("budget.x", "33만", "b")])[0].judgement.verdict == "supported"
    assert settle([q("budget.x", "30만", "a"), q("budget.x", "35만", "b")])[0].judgement.verdict == "disputed"


def test_disputed_lists_every_other_source_with_value_and_date():
    out = settle([q("budget.x", "30만", "a", 1), q("budget.x", "40만", "b", 2), q("budget.x", "31만", "c", 3)])
    first = out[0].judgement
    assert (first.verdict, first.reason) == ("disputed", "sources-disagree")
    assert "b (2026-01-02) says 40만 (conflicts)" in first.explanation
    assert "c (2026-01-03) says 31만 (agrees)" in first.explanation
    assert [(r.source_id, r.compatible) for r in out[0].related] == [("b", False), ("c", True)]
    assert out[0].related[0].value["value"] == 400000


def test_hub_verdicts_are_kept_but_related_listed():
    hub = Judgement("approximate", "hub-api", "Hub says so")
    out = settle([q("parameters.total", "100B", "a"), q("parameters.total", "200B", "b")], [hub, OPEN])
    assert out[0].judgement == hub
    assert out[0].related[0].compatible is False
    assert out[1].judgement.verdict == "disputed"


def test_partial_hub_reasons_are_not_settled_by_agreement():
    partial = Judgement("unverifiable", "license-unknown", "custom licence")
    claims = [claim("open_source", True, subj=ORG, src=source(s), cid="o") for s in ("a", "b")]
    out = settle(claims, [partial, partial])
    assert [s.judgement for s in out] == [partial, partial]
    assert out[0].related[0].compatible is True


def test_dates_overlap():
    a = claim("founded", parse_date("2024-08"), raw="2024-08", subj=ORG, src=source("a"))
    b = claim("founded", parse_date("2024"), raw="2024", subj=ORG, src=source("b"))
    assert settle([a, b])[1].judgement.explanation.startswith("no Hub evidence settles it; other sources agree: a")


def test_time_varying_properties_compare_within_one_day_only():
    out = settle([q("downloads", "10만", "a", 1), q("downloads", "50만", "b", 20)])
    assert [s.judgement.reason for s in out] == ["single-source"] * 2
    assert [s.related for s in out] == [(), ()]


def test_related_is_capped_with_a_count():
    claims = [q("budget.x", "30만" if i else "90만", f"s{i}") for i in range(MAX_RELATED + 5)]
    out = settle(claims)
    assert len(out[0].related) == MAX_RELATED
    assert out[0].judgement.explanation.endswith("and 4 more")


def _registry(n):
    claims = []
    for i in range(n):
        subj = subject(repo=None, sid=f"org-{i // 10}", name=f"Org {i // 10}")
        prop = "count.users" if i % 2 else "founded"
        value = parse_quantity(f"{30 + i % 3}만") if i % 2 else parse_date("2024")
        claims.append(claim(prop, value, subj=subj, src=source(f"s-{i % 5}"), cid=f"c{i}"))
    # one large group as well: every claim's cost must stay bounded however big its group is
    big = subject(repo=None, sid="big", name="Big")
    for i in range(n // 10):
        claims.append(claim("count.users", parse_quantity(f"{30 + i % 7}만"), subj=big, src=source(f"b-{i}"),
                            cid=f"b{i}"))
    return registry(claims)


def test_a_large_group_lists_a_bounded_number_of_related_claims():
    """Cross-article output per claim stays bounded however big its group is (no quadratic report).

    Speed itself is measured by benchmarks/verify_scale.py, not by a timed test.
    """
    report = verify(_registry(2_000), {})
    big = [f for f in report.findings if f.subject.id == "big"]
    assert len(big) == 200
    assert all(len(f.related) <= 20 for f in report.findings)
