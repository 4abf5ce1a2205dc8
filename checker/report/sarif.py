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
  (errors first, then warnings, then notes) and ``run.properties`` says how many. The writer streams: it
  keeps each result that could be shown already encoded, in a spool (on disk when there are many), and
  of the others only their count (:class:`SarifWriter`).
"""

from __future__ import annotations

import functools
import itertools
import json
import posixpath
import re
from collections.abc import Iterator
from enum import Enum
from typing import Any
from urllib.parse import quote

import pydantic_core

from checker.engine.findings import SEVERITY, EvidenceNote, Finding, Report, Summary
from checker.engine.reasons import REASONS
from checker.registry.models import VERDICTS, Verdict
from checker.report import RenderOptions
from checker.report.common import display_value, summary_line, worst_key
from checker.report.streaming import Head, chunks
from checker.report.verdicts import DISPLAY_ORDER, LOOK

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
MAX_RESULTS = 5000
FINGERPRINT = "claimcheck/v1"

HELP_URI = "https://pypi.org/project/model-claimcheck/"
_LEVEL_RANK = {"error": 0, "warning": 1, "note": 2}
_PLACES_PER_LEVEL = 1 + max(look.rank for look in LOOK.values())  # worst_key's values
_VERDICT_INDEX = {v: i for i, v in enumerate(VERDICTS)}
# A result's rule index as encoded before the rules are known: the first match in the result's text is the
# key (the second one, after "ruleId" and its value; a quote inside a JSON string is escaped).
_RULE_INDEX_SLOT = '"ruleIndex": 0'
# Where the results go in the log's text (unique: a quote inside a JSON string is escaped).
_RESULTS_SLOT = '"results": []'
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def format_sarif(report: Report, options: RenderOptions = RenderOptions()) -> str:
    """``report`` as SARIF 2.1.0 JSON (indent 2, keys in a fixed order, non-ASCII kept, trailing newline)."""
    return "".join(chunks(SarifWriter(Head.of(report), options), report))


class SarifWriter:
    """The SARIF log in chunks. The rules and the results' order depend on every finding, so it is written
    at the end. Meanwhile each candidate is encoded as it comes, with a placeholder rule index
    (:data:`_RULE_INDEX_SLOT`), into a :class:`~checker.report.spool.Spool` (on disk past a few dozen: an
    encoded result is about 3 KB, a finding as objects about 2 KB) by its place in the order (level, then
    worst first; within a place, registry order); in memory only its verdict (a byte) and the counts. A
    candidate behind :data:`MAX_RESULTS` others already kept is only counted: it can never be shown."""

    SPOOL_MEMORY, SPOOL_BATCH = 64, 32  # results, not the text report's small rows (Spool's defaults)

    def __init__(self, head: Head, options: RenderOptions = RenderOptions()):
        from checker.report.spool import Spool

        self._head, self._options = head, options
        self._results = Spool(self.SPOOL_MEMORY, self.SPOOL_BATCH)
        # place -> the verdict (index in VERDICTS) of each result kept there, in order of arrival
        self._verdicts: dict[int, bytearray] = {}
        self._seen = 0
        self._candidates = 0
        self._by_verdict: dict[str, int] = dict.fromkeys(VERDICTS, 0)
        self._drift = 0

    def begin(self) -> str:
        return ""

    def add(self, f: Finding) -> str:
        self._seen += 1
        self._by_verdict[f.verdict] += 1
        self._drift += f.drift
        if f.verdict != "supported" or f.drift:
            self._candidates += 1
            # errors, then warnings, then notes; worst verdict first within a level; then registry order
            place = _LEVEL_RANK[_level(f)] * _PLACES_PER_LEVEL + worst_key(f)
            ahead = sum(len(v) for p, v in self._verdicts.items() if p <= place)
            if ahead < MAX_RESULTS:  # else MAX_RESULTS results come before it whatever follows
                encoded = _dumps(_result(f, 0, self._head.registry, self._options))
                self._results.add(place, (encoded.replace("\n", "\n        "),))
                self._verdicts.setdefault(place, bytearray()).append(_VERDICT_INDEX[f.verdict])
        return ""

    def end(self, notes: list[EvidenceNote], summary: Summary) -> Iterator[str]:
        try:
            yield from self._end()
        finally:
            self._results.close()

    def _end(self) -> Iterator[str]:
        head = self._head
        taken: dict[int, int] = {}  # place -> its first results shown
        room = MAX_RESULTS
        for place in sorted(self._verdicts):
            taken[place] = min(room, len(self._verdicts[place]))
            room -= taken[place]
        count = MAX_RESULTS - room
        present = {VERDICTS[i] for place, n in taken.items() for i in self._verdicts[place][:n]}
        omitted = self._candidates - count
        verdicts = [v for v in DISPLAY_ORDER if v in present]
        rule_index = {v: i for i, v in enumerate(verdicts)}
        counted = Summary(total=self._seen, by_verdict=self._by_verdict, drift=self._drift)
        run_properties: dict[str, Any] = {
            "mode": head.mode,
            "registry": head.registry,
            "summary": summary_line(counted),
            "resultCount": count,
            "truncated": omitted > 0,
            "omittedResults": omitted,
        }
        if omitted:
            run_properties["truncationNote"] = (
                f"{omitted} less severe result(s) left out: code scanning shows at most "
                f"{MAX_RESULTS} results per run. See the JSON report (--format json) for every finding.")
        driver: dict[str, Any] = {"name": "claimcheck", "version": head.tool_version,
                                  "rules": [_rule(v) for v in verdicts]}
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",  # positions count characters (the YAML loader's columns)
                "results": [],  # spliced in below, one result at a time
                "properties": run_properties,
            }],
        }
        # The indenting encoder holds every result of a 5000-result log at once; each result encoded alone
        # and indented to its depth (8 spaces) gives the same text in far less memory.
        before, slot, after = _dumps(log).partition(_RESULTS_SLOT)
        assert slot, "the SARIF log has no results list where the writer expects it"
        yield before
        first = True
        for place, n in taken.items():
            kept = self._verdicts[place]
            for i, (encoded,) in enumerate(itertools.islice(self._results.read(place), n)):
                index = rule_index[VERDICTS[kept[i]]]
                yield (("\"results\": [\n        " if first else ",\n        ")
                       + encoded.replace(_RULE_INDEX_SLOT, f'"ruleIndex": {index}', 1))
                first = False
        yield ("\n      ]" if count else '"results": []') + after + "\n"


def _dumps(obj: Any) -> str:
    """``json.dumps(obj, indent=2, ensure_ascii=False)``, by pydantic's encoder (written in Rust, four times
    faster than json's indenting encoder, which is pure Python) when that gives the same text: for dicts,
    lists, strings (and str enums), bools, None and 64-bit ints it does (same separators, same escapes);
    a float (written differently: ``1e16`` against ``1e+16``) or anything else is left to ``json.dumps``."""
    if _plain(obj):
        try:
            return pydantic_core.to_json(obj, indent=2).decode("utf-8")
        except (pydantic_core.PydanticSerializationError, UnicodeDecodeError, ValueError):
            pass  # a lone surrogate, say: json.dumps writes it as it does
    return json.dumps(obj, indent=2, ensure_ascii=False)


_INT_BOUND = 2 ** 63


def _plain(obj: Any) -> bool:
    """True when ``obj`` holds only what both encoders write alike (see :func:`_dumps`)."""
    kind = obj.__class__
    if kind is str or kind is bool or obj is None:
        return True
    if kind is int:
        return -_INT_BOUND <= obj < _INT_BOUND
    if kind is dict:
        return all(k.__class__ is str and _plain(v) for k, v in obj.items())
    if kind is list:
        return all(map(_plain, obj))
    return isinstance(obj, str) and isinstance(obj, Enum)  # a str enum: written as its value by both


def _level(f: Finding) -> str:
    level = LOOK[f.verdict].sarif_level
    return "warning" if f.drift and level == "note" else level


def _rule(verdict: Verdict) -> dict[str, Any]:
    look = LOOK[verdict]
    help_text = (f"{look.full}\n\nThe result's message is the one-line explanation; its properties hold the "
                 "quote, the source, the evidence (method, value, URL, revision) and the other articles' values. "
                 "A finding whose verdict is the claim's `expect` (the curator's accepted verdict) is reported "
                 "suppressed. To accept this verdict, set `expect: " + verdict + "` on the claim (with a `note`).")
    return {
        "id": f"claimcheck/{verdict}",
        "name": verdict.capitalize(),
        "shortDescription": {"text": look.short},
        "fullDescription": {"text": look.full},
        "help": {"text": help_text, "markdown": help_text},
        "helpUri": HELP_URI + "#verdicts",
        "defaultConfiguration": {"level": look.sarif_level},
        "properties": {
            "verdict": verdict,
            "severity": SEVERITY[verdict],
            "claimReviewRating": look.rating,
            "tags": ["claimcheck", "fact-check", verdict],
        },
    }


def _result(f: Finding, index: int, registry: str, options: RenderOptions) -> dict[str, Any]:
    text = f.explanation + (f" (expected {f.expect})" if f.drift and f.expect else "")
    result: dict[str, Any] = {
        "ruleId": f"claimcheck/{f.verdict}",
        "ruleIndex": index,
        "level": _level(f),
        "message": {"text": text},
    }
    located = _location(f, options)
    fallback = None if located else _artifact(registry, options)
    if located:
        result["locations"] = [located]
    elif fallback:
        result["locations"] = [{"physicalLocation": {"artifactLocation": fallback}}]
    result["partialFingerprints"] = {FINGERPRINT: f.claim_id}
    if f.expect == f.verdict:  # the curator accepted it: code scanning closes the alert
        result["suppressions"] = [{
            "kind": "inSource", "status": "accepted",
            "justification": f"the claim's expect is {f.expect}: the curator's accepted verdict"}]
    props: dict[str, Any] = {
        "claimId": f.claim_id,
        "verdict": f.verdict,
        "reason": f.reason,
        "subject": {"id": f.subject.id, "name": f.subject.name, "repoId": f.subject.repo_id},
        "property": f.property,
        "value": _display(f.value),
        "quote": f.quote,
        "source": {"id": f.source_id, "url": f.source_url, "published": f.published.isoformat()},
        "expect": f.expect,
        "drift": f.drift,
        "evidence": [{"method": fact.method.value, "property": fact.property, "value": _display(fact.value),
                      "url": fact.source_url, "revision": fact.revision} for fact in f.evidence],
        "evidenceUrls": list(dict.fromkeys(fact.source_url for fact in f.evidence if fact.source_url)),
        "related": [{"claimId": r.claim_id, "published": r.published.isoformat(), "value": _display(r.value),
                     "compatible": r.compatible, "independent": r.independent} for r in f.related],
    }
    if f.related_count is not None:
        c = f.related_count
        props["relatedCount"] = {"total": c.total, "compatible": c.compatible, "incompatible": c.incompatible,
                                 "independentCompatible": c.independent_compatible,
                                 "independentIncompatible": c.independent_incompatible}
    if f.reason in REASONS:
        props["reasonDescription"] = REASONS[f.reason]
    if not located:
        props["unlocated"] = True
    result["properties"] = props
    return result


@functools.lru_cache(maxsize=4096)
def _display_text(value: str) -> str:
    return display_value(value)


def _display(value: object) -> str:
    """``display_value(value)``; a string's once (related claims repeat a few dates, each parsed and
    formatted again otherwise)."""
    return _display_text(value) if value.__class__ is str else display_value(value)


def _location(f: Finding, options: RenderOptions) -> dict[str, Any] | None:
    if f.position is None:
        return None
    artifact = _artifact(f.position.path, options)
    if artifact is None:
        return None
    return {"physicalLocation": {
        "artifactLocation": artifact,
        "region": {"startLine": max(1, f.position.line), "startColumn": max(1, f.position.col)},
    }}


def _artifact(path: str, options: RenderOptions) -> dict[str, str] | None:
    """An artifactLocation for a file path as the registry loader displays it (relative to ``options.workdir``),
    relative to ``options.source_root`` (the repository root) when it lies below it; None for a pseudo-path
    such as ``<command line>``."""
    if not path or path.startswith("<"):
        return None
    p = path.replace("\\", "/")
    if options.source_root and options.workdir and not _WINDOWS_DRIVE.match(p):
        absolute = posixpath.normpath(posixpath.join(options.workdir.replace("\\", "/"), p))
        root = options.source_root.replace("\\", "/").rstrip("/")
        if absolute.startswith(root + "/"):
            p = absolute[len(root) + 1:]
    if _WINDOWS_DRIVE.match(p):
        return {"uri": "file:///" + quote(p, safe="/:")}
    if p.startswith("/"):
        return {"uri": "file://" + quote(p, safe="/")}
    while p.startswith("./"):
        p = p[2:]
    return {"uri": quote(p, safe="/"), "uriBaseId": "%SRCROOT%"}
