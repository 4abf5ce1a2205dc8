"""The JUnit XML report: one suite per source, failures for contradicted and drift, skipped for the rest."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.report import render
from tests.report.sample import write_registry


def cases(root: ET.Element) -> dict[str, ET.Element]:
    return {c.get("name", "").partition(":")[0]: c for c in root.iter("testcase")}


def test_parses_with_a_declaration(report):
    out = render("junit", report)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    assert out == render("junit", report)  # deterministic


def test_suites_and_counts(report):
    root = ET.fromstring(render("junit", report).encode())
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["news-a", "news-b"]
    assert {k: root.get(k) for k in ("tests", "failures", "errors", "skipped")} == {
        "tests": "5", "failures": "2", "errors": "0", "skipped": None}  # the XSD has no testsuites@skipped
    a, b = suites
    assert (a.get("tests"), a.get("failures"), a.get("skipped")) == ("2", "1", "0")
    assert (b.get("tests"), b.get("failures"), b.get("skipped")) == ("3", "1", "2")
    for suite in suites:  # the declared counts are the elements' counts
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
        assert int(suite.get("skipped")) == len(suite.findall("testcase/skipped"))
    props = {p.get("name"): p.get("value") for p in a.find("properties")}
    assert props["tool_version"] == "0.1.0" and props["mode"] == "offline"


def test_testcase_names(report):
    root = ET.fromstring(render("junit", report).encode())
    case = cases(root)["solar-params"]
    assert case.get("classname") == "news-a"
    assert case.get("name") == "solar-params: Solar Open parameters.total = 100B"


def test_verdicts_map_to_outcomes(report):
    by_name = cases(ET.fromstring(render("junit", report).encode()))
    contradicted = by_name["solar-license"].find("failure")
    assert contradicted.get("type") == "contradicted"
    assert contradicted.get("message") == "Licence 'solar-open' restricts use; not OSI-approved."
    assert "https://huggingface.co/api/models/upstage/Solar-Open-100B" in contradicted.text  # the evidence

    drift = by_name["solar-params"].find("failure")  # approximate, expected supported
    assert drift.get("type") == "drift"
    assert drift.get("message").startswith("expected supported, got approximate")

    assert by_name["motif-gated"].find("skipped") is not None  # unverifiable
    assert "no-snapshot" in by_name["motif-gated"].find("skipped").get("message")
    assert by_name["trillion-founded"].find("skipped") is not None  # disputed
    assert list(by_name["k-exaone-params"]) == []  # supported: a plain pass


def test_approximate_without_drift_passes_with_system_out(report):
    approx = report.findings[1].model_copy(update={"drift": False, "expect": None})
    root = ET.fromstring(render("junit", report.model_copy(update={"findings": [approx]})).encode())
    case = root.find("testsuite/testcase")
    assert case.find("failure") is None and case.find("skipped") is None
    assert "102.6B (+2.6 %)" in case.find("system-out").text


def test_text_that_xml_cannot_hold(report):
    odd = report.findings[2].model_copy(update={"quote": "a\x00b <c> & \"d\"", "explanation": "x\x1by"})
    out = render("junit", report.model_copy(update={"findings": [odd]}))
    failure = ET.fromstring(out.encode()).find("testsuite/testcase/failure")
    # Control characters are shown, never passed on (checker.report.escape): XML could not hold them anyway.
    assert failure.get("message") == "x\\u001by"
    assert "“a\\u0000b <c> & \"d\"”" in failure.text


def test_empty_report(report):
    root = ET.fromstring(render("junit", report.model_copy(update={"findings": []})).encode())
    assert root.get("tests") == "0" and root.findall("testsuite") == []


def test_cli_writes_junit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    reg = write_registry(tmp_path / "reg")
    result = CliRunner().invoke(cli, ["verify", str(reg), "--format", "junit", "--output", "r.xml"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    root = ET.parse(tmp_path / "r.xml").getroot()
    assert (root.get("tests"), root.get("failures")) == ("6", "2")
    assert sum(int(s.get("skipped")) for s in root.findall("testsuite")) == 3
