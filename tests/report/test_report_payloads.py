"""Hostile text in every string field of a report reaches no format raw: each output is read back with a
real parser (lxml for HTML and JUnit, markdown-it-py for Markdown, json for JSON/SARIF/ClaimReview) and a
byte check for the terminal; no link is anything but http(s)."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from lxml import etree
from lxml import html as lxml_html
from markdown_it import MarkdownIt
from pydantic import ValidationError

from checker.engine.findings import Report
from checker.report import FORMATTERS, RenderOptions, render
from tests.report.sample import make_report

PAYLOADS = [
    "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example/\x1b\\osc8\x1b]8;;\x1b\\",
    "\u202eevil\u2066 \x00nul\x07bell\x9bcsi",
    "a\n| forged | row |\n\n<details><summary>x</summary><script>alert(1)</script></details>",
    "[click](javascript:alert(1)) <img src=x onerror=alert(1)> ` | \\",
]
BAD_URLS = ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "https://ok.example/\n<script>"]
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _plant(data: Any, payload: str, bad_url: str, key: str | None = None) -> Any:
    if isinstance(data, dict):
        return {k: _plant(v, payload, bad_url, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_plant(v, payload, bad_url) for v in data]
    if isinstance(data, str):
        return bad_url if key is not None and key.endswith("url") else data + payload
    return data


def hostile_report(payload: str, bad_url: str) -> Report:
    """The sample report with ``payload`` appended to every string field that accepts it, and every URL bad."""
    base = json.loads(make_report().model_dump_json())
    planted = _plant(base, payload, bad_url)
    # Fields with a fixed vocabulary (verdicts, methods, ids) refuse the payload: keep those as they were.
    for _ in range(500):
        try:
            return Report.model_validate(planted)
        except ValidationError as exc:
            for err in exc.errors():
                _restore(planted, base, list(err["loc"]))
    raise AssertionError("could not plant the payload")


def _restore(planted: Any, base: Any, loc: list) -> None:
    p, b = planted, base
    for i, part in enumerate(loc):
        exists = (isinstance(p, dict) and part in p) or (isinstance(p, list) and isinstance(part, int) and part < len(p))
        if not exists:
            break
        if i == len(loc) - 1 or not isinstance(p[part], (dict, list)):
            p[part] = copy.deepcopy(b[part])
            return
        p, b = p[part], b[part]
    if isinstance(p, dict):
        p.clear()
        p.update(copy.deepcopy(b))
    elif isinstance(p, list):
        p[:] = copy.deepcopy(b)


def _strings(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in [k, *_strings(v)]]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return [data] if isinstance(data, str) else []


CASES = [(p, u) for p in PAYLOADS for u in BAD_URLS]


@pytest.fixture(params=CASES, ids=[f"payload{i}-url{j}" for i in range(len(PAYLOADS)) for j in range(len(BAD_URLS))])
def report(request) -> Report:
    payload, bad_url = request.param
    rep = hostile_report(payload, bad_url)
    planted = [t for t in _strings(json.loads(rep.model_dump_json())) if t.endswith(payload)]
    assert len(planted) >= 20   # quotes, explanations, names, values, notes, fact values ... all carry it
    return rep


def test_every_format_is_covered():
    assert set(FORMATTERS) == {"text", "json", "markdown", "junit", "sarif", "html", "claimreview"}


@pytest.mark.parametrize("compact", [False, True])
def test_text_carries_no_control_character(report, compact):
    out = render("text", report, RenderOptions(color=False, compact=compact))
    assert not _CONTROL.search(out), repr(_CONTROL.search(out))   # so no ANSI, no OSC-8 link, no bidi


@pytest.mark.parametrize("name", ["json", "sarif", "claimreview"])
def test_json_formats_parse_and_hold_no_control_or_bad_link(report, name):
    data = json.loads(render(name, report))
    for s in _strings(data):
        assert not _CONTROL.search(s), repr(s)
    for link in _links(data):
        assert link.startswith(("http://", "https://")) and not re.search(r"\s", link), link


def _links(data: Any, key: str = "") -> list[str]:
    """Every value of a key that holds a link (url, source_url, isBasedOn, helpUri ...)."""
    if isinstance(data, dict):
        return [u for k, v in data.items() for u in _links(v, k)]
    if isinstance(data, list):
        return [u for v in data for u in _links(v, key)]
    linky = key.lower().endswith(("url", "isbasedon", "helpuri", "sameas"))
    return [data] if linky and isinstance(data, str) else []


def test_html_has_no_script_and_only_http_links(report):
    doc = lxml_html.document_fromstring(render("html", report))
    assert not doc.xpath("//script") and not doc.xpath("//img") and not doc.xpath("//@onerror")
    for href in doc.xpath("//a/@href"):
        assert href.startswith(("http://", "https://", "#")), href
    assert not _CONTROL.search(etree.tostring(doc, encoding="unicode"))


def test_junit_is_well_formed_xml(report):
    root = etree.fromstring(render("junit", report).encode("utf-8"))
    assert root.tag == "testsuites"
    assert not _CONTROL.search(etree.tostring(root, encoding="unicode"))


def test_markdown_rows_stay_rows_and_links_stay_http(report):
    out = render("markdown", report)
    clean = render("markdown", make_report())
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    clean_tokens = MarkdownIt("commonmark").enable("table").parse(clean)
    rows = sum(1 for t in tokens if t.type == "tr_open")
    assert rows == sum(1 for t in clean_tokens if t.type == "tr_open")   # no forged row
    for tok in tokens:
        for child in [tok, *(tok.children or [])]:
            if child.type == "link_open":
                assert str(child.attrs.get("href", "")).startswith(("http://", "https://", "#")), child.attrs
            if child.type in ("html_inline", "html_block"):
                assert not re.search(r"<\s*(script|img|iframe|a\b)", child.content, re.I), child.content
    assert not _CONTROL.search(out)
