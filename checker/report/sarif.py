"""The SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers: each finding that needs a look
becomes a result pointing at its claim's line in the registry YAML.

- One run; ``tool.driver.rules`` holds one rule per verdict among the results (``claimcheck/<verdict>``), in
  verdict order, with the verdict table's wording.
- A result per finding that is not ``supported``, and per ``supported`` finding that drifted from its
  ``expect`` (``--fail-on drift`` fails CI on it, so it must be visible). Level by verdict: contradicted
  ``error``, disputed and approximate ``warning``, unverifiable ``note``; drift raises ``note`` to
  ``warning`` and adds "expected X" to the message.
- ``partialFingerprints["claimcheck/v1"]`` is the global claim id, so code scanning tracks a claim across runs.
- The location is the claim's file (relative, forward slashes, ``uriBaseId`` ``%SRCROOT%``; an absolute path
  becomes a ``file://`` URI) with its line and column. A finding without a file position (an ad-hoc claim
  from ``check``) is located at the registry directory and marked ``unlocated``: GitHub rejects the *whole*
  file when any result has no location ("locationFromSarifResult: expected at least one location",
  github/codeql-action#1738), though the SARIF spec allows it.
- GitHub shows at most 5000 results per run: beyond :data:`MAX_RESULTS` the least severe are left out
  (errors first, then warnings, then notes) and ``run.properties`` says how many.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from checker.engine.findings import CLAIMREVIEW_RATING, SEVERITY, Finding, Report
from checker.engine.reasons import REASONS
from checker.registry.models import VERDICTS
from checker.report import RenderOptions
from checker.report.common import display_value, summarise, summary_line, worst_first

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
MAX_RESULTS = 5000
FINGERPRINT = "claimcheck/v1"

#: (short, full) description of each verdict, from the verdict table (DESIGN.md, README "Verdicts").
VERDICT_TEXT: dict[str, tuple[str, str]] = {
    "supported": ("The evidence matches the claim",
                  "supported: the evidence matches: the declared figure's rounding interval meets the evidence's "
                  "interval, or comes within the tolerance (0.5 % by default)."),
    "approximate": ("The claim is a rounded or partial truth",
                    "approximate: a rounded or partial truth: off by at most 10 %, or open weights called "
                    "\"open source\"."),
    "contradicted": ("The evidence contradicts the claim",
                     "contradicted: the evidence says otherwise."),
    "disputed": ("Sources disagree about the claim",
                 "disputed: sources disagree and no Hub evidence settles it."),
    "unverifiable": ("The claim could not be verified",
                     "unverifiable: no evidence, or it could not be fetched; the result's reason code says which. "
                     "A failed fetch is never a contradiction."),
}

LEVEL: dict[str, str] = {"contradicted": "error", "disputed": "warning", "approximate": "warning",
                         "unverifiable": "note", "supported": "note"}
_LEVEL_RANK = {"error": 0, "warning": 1, "note": 2}
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def format_sarif(report: Report, options: RenderOptions = RenderOptions()) -> str:
    """``report`` as SARIF 2.1.0 JSON (indent 2, keys in a fixed order, non-ASCII kept, trailing newline)."""
    candidates = [f for f in worst_first(report.findings) if f.verdict != "supported" or f.drift]
    # errors, then warnings, then notes (stable: worst verdict first within a level), so a cap drops notes first
    candidates.sort(key=lambda f: _LEVEL_RANK[_level(f)])
    shown = candidates[:MAX_RESULTS]
    verdicts = [v for v in VERDICTS if any(f.verdict == v for f in shown)]
    rule_index = {v: i for i, v in enumerate(verdicts)}
    run_properties: dict[str, Any] = {
        "mode": report.mode,
        "registry": report.registry,
        "summary": summary_line(summarise(report.findings)),
        "resultCount": len(shown),
        "truncated": len(shown) < len(candidates),
        "omittedResults": len(candidates) - len(shown),
    }
    if len(shown) < len(candidates):
        run_properties["truncationNote"] = (
            f"{len(candidates) - len(shown)} less severe result(s) left out: code scanning shows at most "
            f"{MAX_RESULTS} results per run. See the JSON report (--format json) for every finding.")
    driver: dict[str, Any] = {"name": "claimcheck", "version": report.tool_version,
                              "rules": [_rule(v) for v in verdicts]}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",  # positions count characters (the YAML loader's columns)
            "results": [_result(f, rule_index[f.verdict], report.registry) for f in shown],
            "properties": run_properties,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _level(f: Finding) -> str:
    level = LEVEL[f.verdict]
    return "warning" if f.drift and level == "note" else level


def _rule(verdict: str) -> dict[str, Any]:
    short, full = VERDICT_TEXT[verdict]
    return {
        "id": f"claimcheck/{verdict}",
        "name": verdict.capitalize(),
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "defaultConfiguration": {"level": LEVEL[verdict]},
        "properties": {
            "verdict": verdict,
            "severity": SEVERITY[verdict],
            "claimReviewRating": CLAIMREVIEW_RATING.get(verdict),
            "tags": ["claimcheck", "fact-check", verdict],
        },
    }


def _result(f: Finding, index: int, registry: str) -> dict[str, Any]:
    text = f.explanation + (f" (expected {f.expect})" if f.drift and f.expect else "")
    result: dict[str, Any] = {
        "ruleId": f"claimcheck/{f.verdict}",
        "ruleIndex": index,
        "level": _level(f),
        "message": {"text": text},
    }
    located = _location(f)
    fallback = None if located else _artifact(registry)
    if located:
        result["locations"] = [located]
    elif fallback:
        result["locations"] = [{"physicalLocation": {"artifactLocation": fallback}}]
    result["partialFingerprints"] = {FINGERPRINT: f.claim_id}
    props: dict[str, Any] = {
        "claimId": f.claim_id,
        "verdict": f.verdict,
        "reason": f.reason,
        "subject": {"id": f.subject.id, "name": f.subject.name, "repoId": f.subject.repo_id},
        "property": f.property,
        "value": display_value(f.value),
        "quote": f.quote,
        "source": {"id": f.source_id, "url": f.source_url, "published": f.published.isoformat()},
        "expect": f.expect,
        "drift": f.drift,
        "evidence": [{"method": fact.method.value, "property": fact.property, "value": display_value(fact.value),
                      "url": fact.source_url, "revision": fact.revision} for fact in f.evidence],
        "evidenceUrls": list(dict.fromkeys(fact.source_url for fact in f.evidence if fact.source_url)),
        "related": [{"claimId": r.claim_id, "published": r.published.isoformat(), "value": display_value(r.value),
                     "compatible": r.compatible} for r in f.related],
    }
    if f.reason in REASONS:
        props["reasonDescription"] = REASONS[f.reason]
    if not located:
        props["unlocated"] = True
    result["properties"] = props
    return result


def _location(f: Finding) -> dict[str, Any] | None:
    if f.position is None:
        return None
    artifact = _artifact(f.position.path)
    if artifact is None:
        return None
    return {"physicalLocation": {
        "artifactLocation": artifact,
        "region": {"startLine": max(1, f.position.line), "startColumn": max(1, f.position.col)},
    }}


def _artifact(path: str) -> dict[str, str] | None:
    """An artifactLocation for a file path as the registry loader displays it; None for a pseudo-path such as
    ``<command line>``."""
    if not path or path.startswith("<"):
        return None
    p = path.replace("\\", "/")
    if _WINDOWS_DRIVE.match(p):
        return {"uri": "file:///" + quote(p, safe="/:")}
    if p.startswith("/"):
        return {"uri": "file://" + quote(p, safe="/")}
    while p.startswith("./"):
        p = p[2:]
    return {"uri": quote(p, safe="/"), "uriBaseId": "%SRCROOT%"}
