"""Every format that lists a finding's other sources says how many it left out (``related_count``)."""

from __future__ import annotations

import json

import pytest

from checker.engine.findings import RelatedCount, Report
from checker.report import render
from tests.report.sample import make_report

COUNT = RelatedCount(total=12, compatible=9, incompatible=3, independent_compatible=1, independent_incompatible=2)
REST = "and 11 more; in all 12: 9 agree, 3 differ (independent: 1 agrees, 2 differ)"


def _counted() -> Report:
    report = make_report()
    findings = [f.model_copy(update={"related_count": COUNT}) if f.related else f for f in report.findings]
    return report.model_copy(update={"findings": findings})


@pytest.mark.parametrize("fmt", ["text", "markdown", "junit", "html"])
def test_formats_count_the_unlisted_other_sources(fmt):
    assert REST in render(fmt, _counted())
    assert "more; in all" not in render(fmt, make_report())  # every other source listed: nothing to add


def test_sarif_and_json_carry_the_counts():
    sarif = json.loads(render("sarif", _counted()))
    props = {r["properties"]["claimId"]: r["properties"] for r in sarif["runs"][0]["results"]}
    disputed = props["news-b/trillion-founded"]
    assert disputed["relatedCount"] == {"total": 12, "compatible": 9, "incompatible": 3,
                                        "independentCompatible": 1, "independentIncompatible": 2}
    assert disputed["related"][0]["independent"] is True
    assert "relatedCount" not in props["news-a/solar-params"]
    data = json.loads(render("json", _counted()))
    found = {f["claim_id"]: f for f in data["findings"]}
    assert found["news-b/trillion-founded"]["related_count"] == COUNT.model_dump()
    assert Report.model_validate(data).findings[3].related_count == COUNT
