"""Helpers the formatters and the CLI share: summaries, ordering, and values as short human text."""

from __future__ import annotations

from checker.engine.findings import SEVERITY, Finding, Summary
from checker.registry.models import VERDICTS


def summarise(findings: list[Finding]) -> Summary:
    """The summary of ``findings``: total, count per verdict (every verdict present, in order), drift."""
    by_verdict = {v: 0 for v in VERDICTS}
    for f in findings:
        by_verdict[f.verdict] = by_verdict.get(f.verdict, 0) + 1
    return Summary(total=len(findings), by_verdict=by_verdict, drift=sum(1 for f in findings if is_drift(f)))


def is_drift(finding: Finding) -> bool:
    """True when the finding's verdict differs from the curator's ``expect``."""
    return finding.drift or (finding.expect is not None and finding.expect != finding.verdict)


def summary_line(summary: Summary) -> str:
    """``"12 claims: 8 supported, 2 approximate, 1 contradicted, 0 disputed, 1 unverifiable; 1 drift"``."""
    counts = ", ".join(f"{summary.by_verdict.get(v, 0)} {v}" for v in VERDICTS)
    noun = "claim" if summary.total == 1 else "claims"
    return f"{summary.total} {noun}: {counts}; {summary.drift} drift"


def worst_first(findings: list[Finding]) -> list[Finding]:
    """``findings`` ordered by severity, worst first; the engine's order is kept within a verdict."""
    return sorted(findings, key=lambda f: -SEVERITY.get(f.verdict, 0))


def display_value(value: object) -> str:
    """A normalised claim value (see ``Finding.value``) as a short human string."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, list):
        return ", ".join(display_value(v) for v in value) if value else "none"
    if isinstance(value, dict):
        for key in ("raw", "text", "display"):
            if isinstance(value.get(key), str | int | float) and not isinstance(value.get(key), bool):
                return str(value[key])
        if "start" in value and "end" in value:
            return str(value["start"]) if value["start"] == value["end"] else f"{value['start']}/{value['end']}"
        if "number" in value:
            comparator = value.get("comparator") or "="
            prefix = "" if comparator == "=" else comparator
            unit = f" {value['currency']}" if value.get("currency") else ""
            return f"{prefix}{display_value(value['number'])}{unit}"
        if "id" in value:
            return str(value["id"])
        return ", ".join(f"{k}: {display_value(v)}" for k, v in value.items())
    return str(value)


def _number(x: int | float) -> str:
    """A count the way articles write it: 236000000000 -> 236B, 2.6e9 -> 2.6B; small numbers as they are."""
    if isinstance(x, float) and not x.is_integer():
        if abs(x) < 1000:
            return f"{x:g}"
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(x) >= scale:
            return f"{x / scale:.4g}{suffix}"
    return f"{int(x)}" if float(x).is_integer() else f"{x:g}"
