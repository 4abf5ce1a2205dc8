from __future__ import annotations

import pytest

from checker.registry.loader import load_registry
from checker.selectors import Selection, SelectorError, parse_selectors
from tests.report.sample import make_report, write_registry


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    return load_registry(write_registry(tmp_path_factory.mktemp("sel") / "reg"))


def ids(selection: Selection, registry) -> list[str]:
    return [c.global_id for c in registry.claims if selection.selects_claim(c)]


def test_empty_selection_keeps_everything(registry):
    sel = parse_selectors([], registry)
    assert not sel
    report = make_report()
    assert sel.apply(report) is report
    assert len(ids(sel, registry)) == len(registry.claims)


@pytest.mark.parametrize("text", ["subject:acme-7b", "subject:아크미-7B", "subject:ACME-7b", "subject:hf:acme/acme-7b"])
def test_subject_by_id_alias_or_repo(registry, text):
    assert ids(parse_selectors([text], registry), registry) == ["news-a/acme-size"]


def test_subject_not_in_registry_as_bare_repo(registry):
    sel = parse_selectors(["subject:hf:other/model"], registry)
    assert ids(sel, registry) == []


def test_property_exact_and_prefix(registry):
    assert ids(parse_selectors(["property:founded"], registry), registry) == ["news-a/founded", "news-b/founded"]
    assert len(ids(parse_selectors(["property:parameters.*"], registry), registry)) == 4
    assert ids(parse_selectors(["property:parameters"], registry), registry) == []


def test_same_key_or_different_keys_and(registry):
    sel = parse_selectors(["source:news-a", "source:news-b", "property:founded"], registry)
    assert ids(sel, registry) == ["news-a/founded", "news-b/founded"]
    sel = parse_selectors(["source:news-b", "subject:beta-70b"], registry)
    assert ids(sel, registry) == ["news-b/beta-size"]


def test_claim(registry):
    assert ids(parse_selectors(["claim:news-b/ghost-size"], registry), registry) == ["news-b/ghost-size"]


def test_verdict_filters_findings_and_recomputes_the_summary(registry):
    report = make_report()
    sel = parse_selectors(["verdict:contradicted", "verdict:approximate"], registry)
    assert all(sel.selects_claim(c) for c in registry.claims)  # verdicts are only known after verification
    out = sel.apply(report)
    assert [f.verdict for f in out.findings] == ["approximate", "contradicted"]
    assert out.summary.total == 2 and out.summary.by_verdict["contradicted"] == 1 and out.summary.drift == 1
    assert [n.repo_id for n in out.evidence_notes] == ["upstage/Solar-Open-100B"]
    out = parse_selectors(["verdict:unverifiable"], registry).apply(report)
    assert out.evidence_notes == []


@pytest.mark.parametrize("text, message", [
    ("subject", "expected KEY:VALUE"),
    ("subjct:acme-7b", "did you mean subject"),
    ("colour:red", "expected KEY:VALUE"),
    ("subject:", "empty subject"),
    ("subject:acme-8b", "unknown entity 'acme-8b'; did you mean acme-7b"),
    ("subject:hf:../etc", "invalid Hub repo id"),
    ("property:Parameters", "expected a property name"),
    ("property:*", "expected a property name"),
    ("source:news-c", "no source 'news-c' in the registry; did you mean news-a, news-b"),
    ("claim:news-a/acme-sise", "did you mean news-a/acme-size"),
    ("claim:acme-size", "claim ids are <source id>/<claim id>"),
    ("verdict:wrong", "verdict must be one of supported"),
])
def test_bad_selectors(registry, text, message):
    with pytest.raises(SelectorError) as exc:
        parse_selectors([text], registry)
    assert message in str(exc.value)
    assert repr(text) in str(exc.value)
