import datetime as dt
import random
from dataclasses import replace

from checker.engine import verify
from checker.engine.context import Judgement, Options
from checker.engine.crossarticle import MAX_NAMED, MAX_RELATED, cross_check, quantities_compatible
from checker.licenses import LicenseBook
from checker.registry.models import SourceMeta
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
    assert [s.judgement.verdict for s in out] == ["corroborated", "corroborated"]
    assert [r.compatible for r in out[0].related] == [True]


def test_quantities_agree_within_the_approximate_bound():
    assert settle([q("budget.x", "30만", "a"), q("budget.x", "33만", "b")])[0].judgement.verdict == "corroborated"
    assert settle([q("budget.x", "30만", "a"), q("budget.x", "35만", "b")])[0].judgement.verdict == "disputed"


def test_disputed_lists_every_other_source_with_value_and_date():
    out = settle([q("budget.x", "30만", "a", 1), q("budget.x", "40만", "b", 2), q("budget.x", "31만", "c", 3)])
    first = out[0].judgement
    assert (first.verdict, first.reason) == ("disputed", "sources-disagree")
    assert "30만: 1 source (a)" in first.explanation and "40만: 1 source (b)" in first.explanation
    assert "31만: 1 source (c)" in first.explanation
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
    assert settle([a, b])[1].judgement.explanation.startswith("no primary evidence; independent sources report the same: a")


def test_time_varying_properties_compare_within_one_day_only():
    out = settle([q("downloads", "10만", "a", 1), q("downloads", "50만", "b", 20)])
    assert [s.judgement.reason for s in out] == ["single-source"] * 2
    assert [s.related for s in out] == [(), ()]


def test_related_is_capped_with_a_count():
    claims = [q("budget.x", "30만" if i else "90만", f"s{i}") for i in range(MAX_RELATED + 5)]
    out = settle(claims)
    assert len(out[0].related) == MAX_RELATED
    assert out[0].judgement.explanation == (f"sources disagree: 30만: {MAX_RELATED + 4} sources (s1, s2, s3 and "
                                            f"{MAX_RELATED + 1} more); 90만: 1 source (s0)")
    count = out[0].related_count
    assert count is not None
    assert (count.total, count.compatible, count.incompatible) == (MAX_RELATED + 4, 0, MAX_RELATED + 4)
    assert (count.independent_compatible, count.independent_incompatible) == (0, MAX_RELATED + 4)
    assert out[1].related_count is not None and out[1].related_count.independent_compatible == MAX_RELATED + 3


def test_the_tally_names_a_few_values_and_counts_the_rest():
    claims = [q("budget.x", f"{10 * (i + 1)}만", f"s{i}") for i in range(MAX_NAMED + 2)]
    explanation = settle(claims)[0].judgement.explanation
    assert explanation.count("1 source (") == MAX_NAMED
    assert explanation.endswith("; and 2 more values")


def test_corroboration_names_a_few_sources_and_counts_the_rest():
    claims = [q("budget.x", "30만", f"s{i}") for i in range(MAX_NAMED + 3)]
    explanation = settle(claims)[0].judgement.explanation
    assert explanation.startswith("no primary evidence; independent sources report the same: s1 (2026-01-01) "
                                  "says 30만")
    assert explanation.count(" says ") == MAX_NAMED and explanation.endswith("; and 2 more")


def wire(sid, raw, quote="the same wire story", publisher="Wire"):
    src = SourceMeta(id=sid, published=dt.date(2026, 1, 1), publisher=publisher)
    return replace(q("budget.x", raw, sid), source=src, global_id=f"{sid}/budget.x", quote=quote)


def test_related_lists_disagreeing_then_agreeing_origins_then_copies():
    # Twenty copies of one wire story, one independent outlet agreeing and one disagreeing: the copies are
    # counted, and listed last; one copy stands for the story among the independent ones.
    copies = [wire(f"w{i}", "30만") for i in range(20)]
    claims = copies[:10] + [wire("agree", "31만", "its own words", "Agree"),
                            wire("other", "50만", "other words", "Other")] + copies[10:]
    out = settle(claims)
    related = out[0].related
    assert [r.source_id for r in related] == ["other", "agree"] + [f"w{i}" for i in range(1, MAX_RELATED - 1)]
    assert (related[0].compatible, related[0].independent) == (False, True)
    assert all(r.independent is False for r in related[2:])
    assert len(related) == MAX_RELATED
    count = out[0].related_count
    assert count is not None
    assert (count.total, count.compatible, count.independent_compatible, count.independent_incompatible) == (
        21, 20, 1, 1)
    assert out[0].judgement.verdict == "disputed"
    # An independent outlet sees the whole story once, as one origin, among its first entries.
    agree = out[10]
    assert [(r.source_id, r.compatible, r.independent) for r in agree.related[:2]] == [
        ("other", False, True), ("w0", True, True)]


def test_related_entries_are_shared_between_findings():
    out = settle([q("budget.x", "30만", f"s{i}") for i in range(4)])
    by_id = [{r.claim_id: r for r in s.related} for s in out]
    assert by_id[0]["s3/budget.x"] is by_id[1]["s3/budget.x"] is by_id[2]["s3/budget.x"]


def test_counts_match_the_pairwise_definition():
    """Counted without pairing claims: the counts equal a brute-force count over every pair (random groups
    with wire copies, shared texts, one source's several claims), and the listed entries are flagged right."""
    rnd = random.Random(12)
    quotes, values = ["q1", "q2", "q3"], ["30만", "33만", "35만", ">=30만", "~318", "<300", "40만"]
    for _ in range(300):
        n = rnd.randrange(2, 25)
        sources = [SourceMeta(id=f"s{s}", published=dt.date(2026, 1, 5), publisher=rnd.choice([None, "W", "X"]),
                              text=rnd.choice([None, None, "t1.txt", "t2.txt"])) for s in range(rnd.randrange(1, n + 1))]
        claims = []
        for c in range(n):
            src, raw = rnd.choice(sources), rnd.choice(values)
            made = claim("count.users", parse_quantity(raw), raw=raw, subj=ORG, src=src, cid=f"c{c}")
            claims.append(replace(made, quote=rnd.choice(quotes)))
        out = settle(claims)
        for i, a in enumerate(claims):
            others = [j for j, b in enumerate(claims) if b.source.id != a.source.id]
            fits = {j for j in others if quantities_compatible(a.value.quantity, claims[j].value.quantity,
                                                                Options().approximate)}
            free = {j for j in others if not _dependent(a, claims[j])}
            count = out[i].related_count
            got = (0, 0, 0, 0) if count is None else (count.total, count.compatible, count.independent_compatible,
                                                      count.independent_incompatible)
            assert got == (len(others), len(fits), len(fits & free), len(free - fits))
            listed = {r.claim_id: r for r in out[i].related}
            assert len(listed) == len(out[i].related) == min(MAX_RELATED, len(others))
            for j in others:
                if claims[j].global_id in listed:
                    r = listed[claims[j].global_id]
                    assert (r.compatible, r.independent) == (j in fits, j in free)


def _dependent(a, b):
    return a.source.id == b.source.id or bool(a.source.text and a.source.text == b.source.text) or bool(
        a.source.publisher and a.source.publisher == b.source.publisher and a.quote.split() == b.quote.split())


def test_the_tally_counts_each_value_with_its_sources():
    days = ["2025-12-30", "2025-12-30", "2025-12-30", "2025-12-28"]
    claims = [claim("founded", parse_date(d), raw=d, subj=ORG, src=source(f"s{i}"), cid="f") for i, d in enumerate(days)]
    out = settle(claims)
    assert {s.judgement.verdict for s in out} == {"disputed"}
    assert "2025-12-30: 3 sources (s0, s1, s2); 2025-12-28: 1 source (s3)" in out[3].judgement.explanation


def test_a_wire_copy_does_not_corroborate():
    def copy(sid, quote, publisher="Wire", text=None):
        src = SourceMeta(id=sid, published=dt.date(2026, 1, 5), publisher=publisher, text=text)
        c = claim("founded", parse_date("2024"), raw="2024", subj=ORG, src=src, cid="f")
        return replace(c, quote=quote)
    out = settle([copy("a", "founded in 2024"), copy("b", "founded  in 2024")])
    assert [s.judgement.reason for s in out] == ["single-source"] * 2
    assert [r.independent for r in out[0].related] == [False]
    out = settle([copy("a", "founded in 2024"), copy("b", "set up in 2024", publisher="Other")])
    assert [s.judgement.verdict for s in out] == ["corroborated"] * 2
    out = settle([copy("a", "x", text="same.txt"), copy("b", "y", publisher="Other", text="same.txt")])
    assert [s.judgement.reason for s in out] == ["single-source"] * 2


def test_unavailable_evidence_keeps_other_sources_as_context():
    gone = Judgement("unverifiable", "evidence-unavailable", "evidence for m could not be obtained")
    out = settle([q("parameters.total", "500B", "a"), q("parameters.total", "5000억", "b")], [gone, OPEN])
    assert (out[0].judgement.verdict, out[0].judgement.reason) == ("unverifiable", "evidence-unavailable")
    assert "b (2026-01-01) says 500.0B (agrees)" in out[0].judgement.explanation


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

    Speed itself is measured by benchmarks/verify_process.py, not by a timed test.
    """
    report = verify(_registry(2_000), {})
    big = [f for f in report.findings if f.subject.id == "big"]
    assert len(big) == 200
    assert all(len(f.related) <= MAX_RELATED for f in report.findings)
    assert {f.related_count.total for f in big if f.related_count is not None} == {199}


def test_bounds_that_meet_at_one_figure_only_touch():
    out = settle([q("gpu.per-team", "<=1000", "a"), q("gpu.per-team", ">=1000", "b")])
    assert [s.judgement.verdict for s in out] == ["disputed", "disputed"]
    out = settle([q("gpu.per-team", "<=1000", "a"), q("gpu.per-team", ">=900", "b")])
    assert [s.judgement.verdict for s in out] == ["corroborated", "corroborated"]
    # "about 318" and "under 300" are not one figure, however close
    out = settle([q("size.gb", "~318", "a"), q("size.gb", "<300", "b")])
    assert [s.judgement.verdict for s in out] == ["disputed", "disputed"]


def test_copies_of_a_primary_source_do_not_decide_each_other():
    def primary(sid, raw, text="release.txt", quote="the release"):
        src = SourceMeta(id=sid, published=dt.date(2026, 1, 1), publisher="startup", kind="primary", text=text)
        return replace(q("budget.x", raw, sid), source=src, global_id=f"{sid}/budget.x", quote=quote)
    copies = [primary(f"p{i}", "30만") for i in range(12)]
    out = settle(copies + [q("budget.x", "40만", "press"), primary("own", "30만", "other.txt", "its own words")])
    assert [s.judgement.reason for s in out[:12]] == ["primary-source"] * 12  # decided by "own", independent
    assert out[12].judgement.reason == "primary-source" and "p0" in out[12].judgement.explanation
    assert out[12].judgement.verdict == "contradicted"
    assert out[13].judgement.reason == "primary-source" and "p0" in out[13].judgement.explanation
    alone = settle(copies)
    assert "primary-source" not in {s.judgement.reason for s in alone}


def test_related_entries_are_what_model_construct_builds():
    """Related entries are built without model_construct (smaller, faster): every field set, equal, dumped
    alike, and a copy's changes are its own."""
    from checker.engine.findings import RelatedClaim

    out = settle([q("budget.x", "30만", "a", 1), q("budget.x", "40만", "b", 2)])
    r = out[0].related[0]
    built = RelatedClaim.model_construct(**r.__dict__)
    assert list(r.__dict__) == list(RelatedClaim.model_fields) and r.model_fields_set == set(RelatedClaim.model_fields)
    assert r == built and r.model_dump_json() == built.model_dump_json()
    assert RelatedClaim.model_validate(r.model_dump()) == r
    assert r.model_copy(update={"compatible": True}).compatible is True and r.compatible is False
