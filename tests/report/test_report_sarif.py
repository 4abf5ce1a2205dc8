"""The SARIF report: valid 2.1.0 shape, levels per verdict, claim positions, fingerprints, the 5000 cap."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.engine.findings import PositionOut, Report
from checker.report import render
from checker.report.sarif import MAX_RESULTS
from tests.report.sample import write_registry


@pytest.fixture
def placed(report: Report) -> Report:
    """The sample report with every finding at a line of its source's YAML file."""
    findings = [f.model_copy(update={"position": PositionOut(path=f"claims/sources/{f.source_id}.yaml",
                                                               line=10 + i, col=5)})
                for i, f in enumerate(report.findings)]
    return report.model_copy(update={"findings": findings})


def sarif(report: Report) -> dict:
    return json.loads(render("sarif", report))


def results_by_claim(log: dict) -> dict[str, dict]:
    return {r["partialFingerprints"]["claimcheck/v1"]: r for r in log["runs"][0]["results"]}


def test_header_and_driver(placed):
    out = render("sarif", placed)
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert list(log) == ["$schema", "version", "runs"]
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "claimcheck" and driver["version"] == "0.1.0"
    assert "informationUri" not in driver
    # one rule per verdict among the results: supported has no result here
    assert [r["id"] for r in driver["rules"]] == [
        "claimcheck/contradicted", "claimcheck/approximate", "claimcheck/disputed", "claimcheck/unverifiable"]
    assert all(r["shortDescription"]["text"] and r["fullDescription"]["text"] for r in driver["rules"])
    assert all(r["help"]["text"] and r["helpUri"].startswith("https://") for r in driver["rules"])
    for result in log["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    assert out == render("sarif", placed)  # deterministic


def test_levels_and_messages(placed):
    results = results_by_claim(sarif(placed))
    assert "news-a/k-exaone-params" not in results  # supported, no drift: no result
    assert {k: r["level"] for k, r in results.items()} == {
        "news-b/solar-license": "error", "news-b/trillion-founded": "warning", "news-a/solar-params": "warning",
        "news-b/motif-gated": "note"}
    assert results["news-b/solar-license"]["message"]["text"] == "Licence 'solar-open' restricts use; not OSI-approved."
    assert results["news-a/solar-params"]["message"]["text"].endswith("(expected supported)")  # drift
    assert [r["level"] for r in sarif(placed)["runs"][0]["results"]] == ["error", "warning", "warning", "note"]


def test_locations_point_at_the_claim_line(placed):
    result = results_by_claim(sarif(placed))["news-b/solar-license"]
    assert result["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "claims/sources/news-b.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 12, "startColumn": 5}}}]


def test_properties_carry_the_evidence(placed):
    props = results_by_claim(sarif(placed))["news-a/solar-params"]["properties"]
    assert props["reason"] == "hub-api" and props["property"] == "parameters.total"
    assert props["subject"]["id"] == "solar-open"
    assert props["evidenceUrls"] == ["https://huggingface.co/api/models/upstage/Solar-Open-100B",
                                     "https://huggingface.co/upstage/Solar-Open-100B"]
    assert props["drift"] is True and props["expect"] == "supported"


def test_drifted_supported_finding_is_reported(placed):
    drifted = placed.findings[0].model_copy(update={"expect": "contradicted", "drift": True})
    log = sarif(placed.model_copy(update={"findings": [drifted]}))
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "claimcheck/supported" and result["level"] == "warning"
    assert result["message"]["text"].endswith("(expected contradicted)")


@pytest.mark.parametrize("path, artifact", [
    ("claims\\sources\\a b.yaml", {"uri": "claims/sources/a%20b.yaml", "uriBaseId": "%SRCROOT%"}),
    ("./claims/sources/a.yaml", {"uri": "claims/sources/a.yaml", "uriBaseId": "%SRCROOT%"}),
    ("/work/claims/sources/a.yaml", {"uri": "file:///work/claims/sources/a.yaml"}),
    ("C:\\reg\\sources\\a.yaml", {"uri": "file:///C:/reg/sources/a.yaml"}),
])
def test_uris(report, path, artifact):
    f = report.findings[2].model_copy(update={"position": PositionOut(path=path, line=3, col=1)})
    (result,) = sarif(report.model_copy(update={"findings": [f]}))["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == artifact


def test_finding_without_position_still_a_result(report):
    # GitHub rejects the whole file when a result has no location: anchored at the registry instead
    adhoc = report.findings[2].model_copy(update={"position": PositionOut(path="<command line>", line=1, col=1)})
    for f in (report.findings[2], adhoc):
        (result,) = sarif(report.model_copy(update={"findings": [f]}))["runs"][0]["results"]
        assert result["locations"] == [{"physicalLocation": {
            "artifactLocation": {"uri": "claims", "uriBaseId": "%SRCROOT%"}}}]
        assert result["properties"]["unlocated"] is True
        assert result["partialFingerprints"] == {"claimcheck/v1": "news-b/solar-license"}


def test_capped_at_5000_worst_first(report):
    unverifiable, contradicted = report.findings[4], report.findings[2]
    findings = [unverifiable] * MAX_RESULTS + [contradicted] + [report.findings[0]] * 10
    big = report.model_copy(update={"findings": findings})
    run = sarif(big)["runs"][0]
    assert len(run["results"]) == MAX_RESULTS == 5000
    assert run["results"][0]["level"] == "error"  # the one contradicted finding is kept, first
    assert run["properties"]["truncated"] is True and run["properties"]["omittedResults"] == 1
    assert "5000" in run["properties"]["truncationNote"]


def test_not_capped(report):
    props = sarif(report)["runs"][0]["properties"]
    assert props["truncated"] is False and props["omittedResults"] == 0 and props["resultCount"] == 4


def test_cli_writes_sarif(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    reg = write_registry(tmp_path / "reg")
    result = CliRunner().invoke(cli, ["verify", "reg", "--format", "sarif", "--output", "x.sarif"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    log = json.loads((tmp_path / "x.sarif").read_text(encoding="utf-8"))
    results = results_by_claim(log)
    assert set(results) == {"news-a/beta-size", "news-a/founded", "news-b/beta-size", "news-b/founded",
                            "news-b/ghost-size"}  # all but the supported one
    assert results["news-b/beta-size"]["level"] == "error"
    location = results["news-b/beta-size"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "reg/sources/b.yaml", "uriBaseId": "%SRCROOT%"}
    lines = (reg / "sources" / "b.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[location["region"]["startLine"] - 1].strip() == "- id: beta-size"


@pytest.mark.parametrize("obj", [
    {"a": [], "b": {}, "c": [1, {"x": None, "y": False}], "d": 'q"\\\n\t\r\b\f/\x00\x1b\x7f\u2028\u202e한국어'},
    {"nested": [[{"k": -(2 ** 63)}], []], "big": 2 ** 63 - 1},
    [], {}, "x", 5, None,
])
def test_sarif_text_is_json_dumps_by_the_fast_encoder(obj, monkeypatch: pytest.MonkeyPatch):
    from checker.report import sarif

    expected = json.dumps(obj, indent=2, ensure_ascii=False)

    def refuse(*args, **kw):
        raise AssertionError("json.dumps used for plain data")

    monkeypatch.setattr(sarif.json, "dumps", refuse)
    assert sarif._dumps(obj) == expected


@pytest.mark.parametrize("obj", [{"f": 1e16}, {"f": [0.1, float("nan")]}, {"big": 2 ** 70}, {"s": "\ud800"},
                                 {1: "int key"}, {"t": (1, 2)}])
def test_sarif_text_falls_back_to_json_dumps_where_the_encoders_differ(obj):
    from checker.report import sarif

    assert sarif._dumps(obj) == json.dumps(obj, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("value", ["2024-08-01", "2024-08-01/2024-08-31", "2026-01-01/2026-06-30", "text", True,
                                   None, 236_000_000_000, 2.5, [1, "2024-01-01"], {"text": "7B"}, {"a": 1}])
def test_sarif_values_are_displayed_as_everywhere(value):
    from checker.report import sarif
    from checker.report.common import display_value

    assert sarif._display(value) == display_value(value)
    assert sarif._display(value) == display_value(value)  # the second time from the cache, for a string
