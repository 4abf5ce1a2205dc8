"""What no report may carry, whatever the registry, an article or the Hub put in a string: control
characters (ANSI and OSC-8 escapes, NUL, newlines that forge table rows or log lines), bidirectional
overrides that make text read backwards, and links that are not http(s) (``javascript:``, ``data:``).

:func:`clean_report` removes them from every string of a report once, before any formatter sees it, so each
formatter only escapes for its own syntax (HTML, XML, Markdown cells, JSON): control characters and bidi
controls become a visible ``\\uXXXX``, and a URL that is not http(s) is dropped (the fact stays, unlinked).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checker.engine.findings import Report

#: C0 and C1 controls, DEL, and the Unicode bidi embeddings, overrides, isolates and marks.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_SAFE_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f-\x9f<>\"'`]+$", re.I)
# In a report's JSON, an unsafe character shows as \\u00XX, \\n, \\t ... or as itself (bidi); a URL field as
# "source_url": "...": checked first, so a clean report (nearly all) is not rebuilt.
_JSON_UNSAFE = re.compile(r'\\[nrtbf]|\\u00[01][0-9a-fA-F]|\\u007[fF]|\\u00[89][0-9a-fA-F]|[\u0080-\u009f\u061c'
                          r'\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|url":\s*"(?!https?://)')


def visible(text: str) -> str:
    """``text`` with every control and bidi character shown as ``\\uXXXX`` (so it can neither act nor hide)."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL without whitespace, controls or quotes; else None."""
    return url if url is not None and _SAFE_URL.match(url) else None


def _clean(value: Any, key: str | None = None) -> Any:
    if isinstance(value, str):
        return safe_url(value) if key is not None and key.endswith("url") else visible(value)
    if isinstance(value, dict):
        return {k: _clean(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def clean_report(report: Report) -> Report:
    """``report`` with every string made visible (:func:`visible`) and every URL that is not http(s) dropped."""
    text = report.model_dump_json()
    if not _JSON_UNSAFE.search(text):
        return report
    return type(report).model_validate_json(json.dumps(_clean(json.loads(text)), ensure_ascii=False))
