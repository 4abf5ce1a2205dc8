"""Helpers the formatters and the CLI share: summaries, ordering, and values as short human text."""

from __future__ import annotations

import re

from checker.engine.findings import Finding, Summary
from checker.evidence.facts import Fact
from checker.registry.models import VERDICTS
from checker.report.verdicts import LOOK
from checker.values import format_date, parse_date

_ISO_DATES = re.compile(r"^\d{4}-\d{2}-\d{2}(?:/\d{4}-\d{2}-\d{2})?$")


def summarise(findings: list[Finding]) -> Summary:
    """The summary of ``findings``: total, count per verdict (every verdict present, in order), drift."""
    by_verdict = {v: 0 for v in VERDICTS}
    for f in findings:
        by_verdict[f.verdict] = by_verdict.get(f.verdict, 0) + 1
    return Summary(total=len(findings), by_verdict=by_verdict, drift=sum(1 for f in findings if f.drift))


def summary_line(summary: Summary) -> str:
    """``"12 claims: 8 supported, 2 approximate, 1 contradicted, 0 disputed, 1 unverifiable; 1 drift"``."""
    counts = ", ".join(f"{summary.by_verdict.get(v, 0)} {v}" for v in VERDICTS)
    noun = "claim" if summary.total == 1 else "claims"
    return f"{summary.total} {noun}: {counts}; {summary.drift} drift"


def worst_first(findings: list[Finding]) -> list[Finding]:
    """``findings`` worst first: contradicted, then any other verdict that drifted from its ``expect``, then
    approximate, disputed, unverifiable, supported (``report.verdicts``); the engine's order is kept within
    each."""
    return sorted(findings, key=worst_key)


def worst_key(f: Finding) -> int:
    """``f``'s place in :func:`worst_first` (lower comes first)."""
    rank = LOOK[f.verdict].rank
    return 1 if f.drift and rank > 0 else rank


def related_rest(f: Finding) -> str | None:
    """What ``related`` leaves out, counted (``related_count``): ``"and 52 more; in all 60: 58 agree, 2 differ
    (independent: 1 agrees, 1 differs)"``; None when every other source's claim is listed."""
    c = f.related_count
    if c is None or c.total <= len(f.related):
        return None
    return (f"and {c.total - len(f.related)} more; in all {c.total}: {c.compatible} {_agree(c.compatible)}, "
            f"{c.incompatible} {_differ(c.incompatible)} (independent: {c.independent_compatible} "
            f"{_agree(c.independent_compatible)}, {c.independent_incompatible} {_differ(c.independent_incompatible)})")


def _agree(n: int) -> str:
    return "agrees" if n == 1 else "agree"


def _differ(n: int) -> str:
    return "differs" if n == 1 else "differ"


def display_value(value: object) -> str:
    """A claim value as ``Finding.value`` holds it (see ``checker.kinds``: ``to_json``), or a fact's value,
    as short text: ``236B``, ``2024-08``, ``true``, ``10 % of the size of other-70b``."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return format_date(parse_date(value)) if _ISO_DATES.match(value) else value
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, list):
        return ", ".join(display_value(v) for v in value) if value else "none"
    if isinstance(value, dict):
        if isinstance(value.get("text"), str):  # a structured claim value carries its own text (checker.kinds)
            return value["text"]
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


def fit_rows(head: str, rows: list[str], max_bytes: int, more: str) -> str:
    """``head`` and as many ``rows`` (one line each) as fit in ``max_bytes`` of UTF-8; when some do not fit,
    a note counting the table rows and list items left out, followed by ``more`` (where to find them)."""
    out, used = [head], len(head.encode())
    reserve = 200  # room for the note
    for i, row in enumerate(rows):
        size = len(row.encode()) + 1
        if used + size > max_bytes - reserve:
            left = sum(1 for r in rows[i:] if r.startswith(("| ", "- ")) and not r.startswith("|---"))
            out.append(f"\n_… {left} more row(s) left out to stay within {max_bytes} bytes. {more}_\n")
            break
        out.append(row + "\n")
        used += size
    return "".join(out)


def fact_value(fact: Fact) -> str:
    """A fact's value as shown to a reader, with its rounding when it has one: ``103B (±500M)``."""
    value = display_value(fact.value)
    if fact.precision:
        value += f" (±{display_value(fact.precision / 2)})"
    return value
