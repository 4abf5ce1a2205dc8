"""The JUnit XML report, for CI test reporters (GitLab, Jenkins, GitHub test-report actions).

It follows the common JUnit schema: ``<testsuites>`` holding one ``<testsuite>`` per source (in the order the
sources first appear), one ``<testcase>`` per finding. A verdict equal to the claim's ``expect`` (the curator
accepted it) passes, with its explanation in ``<system-out>``; drift (a verdict other than the ``expect``) is a
``<failure>``; without an ``expect`` the verdict's outcome decides (``report.verdicts``): ``contradicted``
fails, ``unverifiable`` and ``disputed`` are ``<skipped>`` — not failures, but visible — and the others pass.
It validates against the JUnit XSD pytest ships (``<testsuites>`` carries no ``skipped`` attribute). No
errors are ever reported: a claim that could not be checked is a result (skipped), not a crash. Times are
``0``: nothing is timed, so the same report always gives the same XML. The claim's file position goes in the
body, not in ``file``/``line`` attributes, which the schema does not have (pytest's xunit2 dropped them too).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from checker.engine.findings import Finding, Report
from checker.evidence.facts import Fact
from checker.report import RenderOptions
from checker.report.common import display_value, fact_value, related_rest
from checker.report.verdicts import LOOK

#: Characters XML 1.0 cannot hold at all (escaping does not help): dropped from every text and attribute.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def format_junit(report: Report, options: RenderOptions = RenderOptions()) -> str:
    """``report`` as JUnit XML text (UTF-8 declaration, indented, trailing newline)."""
    by_source: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_source.setdefault(finding.source_id, []).append(finding)

    root = ET.Element("testsuites", name="claimcheck")
    totals = dict.fromkeys(("tests", "failures", "errors"), 0)  # the XSD allows no testsuites@skipped
    for source_id, findings in by_source.items():
        suite = _suite(report, source_id, findings)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, n in totals.items():
        root.set(key, str(n))
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(report: Report, source_id: str, findings: list[Finding]) -> ET.Element:
    cases = [_testcase(f) for f in findings]
    failures = sum(1 for c in cases if c.find("failure") is not None)
    skipped = sum(1 for c in cases if c.find("skipped") is not None)
    suite = ET.Element("testsuite", {
        "name": _clean(source_id), "tests": str(len(cases)), "failures": str(failures), "errors": "0",
        "skipped": str(skipped), "time": "0"})
    props = ET.SubElement(suite, "properties")
    first = findings[0]
    for name, value in (("tool", "claimcheck"), ("tool_version", report.tool_version), ("mode", report.mode),
                        ("registry", report.registry), ("source_url", first.source_url),
                        ("published", first.published.isoformat())):
        if value is not None:
            ET.SubElement(props, "property", name=name, value=_clean(value))
    suite.extend(cases)
    return suite


def _testcase(f: Finding) -> ET.Element:
    local_id = f.claim_id.rpartition("/")[2]
    case = ET.Element("testcase", {
        "classname": _clean(f.source_id),
        "name": _clean(f"{local_id}: {f.subject.name} {f.property} = {display_value(f.value)}"),
        "time": "0"})
    outcome = LOOK[f.verdict].junit
    if f.drift:
        _child(case, "failure", _body(f), message=f"expected {f.expect}, got {f.verdict}: {f.explanation}",
               type="drift")
    elif f.expect == f.verdict and f.verdict != "supported":
        _child(case, "system-out", f"{f.verdict} (as expected) [{f.reason}]: {f.explanation}\n{_body(f)}")
    elif outcome == "fail":
        _child(case, "failure", _body(f), message=f.explanation, type=f.verdict)
    elif outcome == "skip":
        _child(case, "skipped", _body(f), message=f"{f.verdict} [{f.reason}]: {f.explanation}")
    elif f.verdict != "supported":
        _child(case, "system-out", f"{f.verdict} [{f.reason}]: {f.explanation}\n{_body(f)}")
    return case


def _child(parent: ET.Element, tag: str, text: str, **attrs: str) -> None:
    el = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrs.items()})
    el.text = _clean(text)


def _body(f: Finding) -> str:
    """What a reader needs to judge the verdict: verdict and reason, quote, source, evidence, other sources."""
    lines = [f"{f.verdict} [{f.reason}]" + (f", expected {f.expect}" if f.drift and f.expect else ""),
             f"claim: {f.claim_id}",
             f"quote: “{f.quote}” ({f.source_id}, {f.published.isoformat()})"]
    if f.source_url:
        lines.append(f"source: {f.source_url}")
    if f.position is not None:
        lines.append(f"at: {f.position.path}:{f.position.line}:{f.position.col}")
    lines += [f"evidence: {_fact_line(fact)}" for fact in f.evidence]
    if not f.evidence and f.verdict != "disputed":
        lines.append("evidence: none")
    lines += [f"{'agrees' if r.compatible else 'differs'}: {r.claim_id} ({r.published.isoformat()}): "
              f"{display_value(r.value)}" for r in f.related]
    if (rest := related_rest(f)) is not None:
        lines.append(f"others: {rest}")
    return "\n".join(lines)


def _fact_line(fact: Fact) -> str:
    line = f"{fact.method.value} {fact.property} = {fact_value(fact)}"
    if fact.source_url:
        line += f" {fact.source_url}"
    if fact.revision:
        line += f" @ {fact.revision[:12]}"
    return line


def _clean(text: object) -> str:
    return _NOT_XML.sub("", str(text))
