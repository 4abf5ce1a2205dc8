from __future__ import annotations

import json

from checker.engine.findings import Report
from checker.report import render


def test_round_trips(report):
    out = render("json", report)
    assert Report.model_validate_json(out) == report


def test_stable_layout(report):
    out = render("json", report)
    assert out.endswith("}\n")
    assert out.startswith('{\n  "schema_version": 1,\n')
    assert "완전한 오픈소스" in out  # non-ASCII kept
    assert out == render("json", report)
    assert json.loads(out)["summary"]["drift"] == 1


def test_same_text_as_json_dumps(report):
    assert render("json", report) == json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
