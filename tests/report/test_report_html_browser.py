"""The HTML report in a real browser (headless Chromium over the DevTools protocol): the bundled registry's
page shows every finding with the right counts, the verdict filter works, nothing is wider than a 390 px
phone or a 1280 px desktop, every finding that needs a look shows its quote, explanation and evidence links,
and a ``<script>`` planted in registry values never runs.

Skips only where no Chromium is installed (``.ci/run`` installs Debian's ``chromium``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.engine.findings import Report
from checker.report import render
from tests.report.browser import Browser, find_chromium

ROOT = Path(__file__).resolve().parents[2]
PLANTED = '<script>window.__planted = 1</script><img src="x" onerror="window.__planted = 2">'


@pytest.fixture(scope="module")
def browser():
    binary = find_chromium()
    if binary is None:
        pytest.skip("no Chromium installed: apt-get install -y chromium fonts-noto-cjk (.ci/run does this)")
    with Browser(binary) as b:
        yield b


@pytest.fixture(scope="module")
def report() -> Report:
    out = subprocess.run([sys.executable, "-m", "checker", "verify", str(ROOT / "claims"), "--format", "json",
                          "--fail-on", "never"], capture_output=True, text=True, check=True, cwd=ROOT)
    return Report.model_validate_json(out.stdout)


@pytest.fixture(scope="module")
def page(report, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render("html", report), encoding="utf-8")
    return path


def _visible(selector: str) -> str:
    return f"[...document.querySelectorAll({json.dumps(selector)})].filter(e => e.offsetParent !== null).length"


def test_counts(browser, page, report):
    browser.open(page, 1280)
    assert browser.eval("document.querySelectorAll('article.finding').length") == len(report.findings)
    assert browser.eval(_visible("article.finding")) == len(report.findings)
    assert browser.eval("document.getElementById('summary').textContent") == (
        f"{report.summary.total} claims: " + ", ".join(f"{n} {v}" for v, n in report.summary.by_verdict.items())
        + f"; {report.summary.drift} drift")
    labels = browser.eval("Object.fromEntries([...document.querySelectorAll('.filters label')].map("
                          "l => [l.htmlFor, +l.querySelector('.n').textContent]))")
    for verdict, n in report.summary.by_verdict.items():
        if n:
            assert labels[f"show-{verdict}"] == n
            assert browser.eval(f"document.querySelectorAll('article.v-{verdict}').length") == n
    sources = {f.source_id for f in report.findings}
    assert browser.eval("document.querySelectorAll('section.source').length") == len(sources)
    points = sum(1 for f in report.findings if f.property.startswith("parameters.") and f.evidence)
    assert 0 < browser.eval("document.querySelectorAll('svg circle.point').length") <= points


def test_filter_by_verdict(browser, page, report):
    browser.open(page, 1280)
    contradicted = report.summary.by_verdict["contradicted"]
    browser.eval("document.querySelector('label[for=show-contradicted]').click()")
    assert browser.eval(_visible("article.finding")) == contradicted
    assert browser.eval(_visible("article.v-contradicted")) == contradicted
    with_contradiction = {f.source_id for f in report.findings if f.verdict == "contradicted"}
    assert browser.eval(_visible("section.source")) == len(with_contradiction)
    browser.eval("document.querySelector('label[for=show-all]').click()")
    assert browser.eval(_visible("article.finding")) == len(report.findings)


@pytest.mark.parametrize("width", [390, 1280])
def test_no_horizontal_scrolling(browser, page, width, tmp_path):
    browser.open(page, width)
    assert browser.eval("document.documentElement.scrollWidth") <= width
    widest = browser.eval("Math.max(...[...document.querySelectorAll('body *')].map("
                          "e => e.getBoundingClientRect().right))")
    assert widest <= width + 0.5
    shot = browser.screenshot(tmp_path / f"report-{width}.png")
    assert shot.startswith(b"\x89PNG\r\n\x1a\n") and len(shot) > 10_000


def test_quote_explanation_and_evidence_links_visible_unless_supported(browser, page, report):
    browser.open(page, 390)
    problems = browser.eval("""[...document.querySelectorAll('article.finding:not(.v-supported)')].flatMap(a => {
        const seen = s => [...a.querySelectorAll(s)].every(e => e.getClientRects().length > 0);
        const out = [];
        if (!a.querySelector('.quote') || !seen('.quote')) out.push('quote');
        if (!a.querySelector('.explanation') || !seen('.explanation')) out.push('explanation');
        if (!seen('.evidence a')) out.push('evidence');
        return out.length ? [a.querySelector('.claim-id').textContent + ': ' + out.join(', ')] : [];
    })""")
    assert problems == []
    with_links = sum(1 for f in report.findings if f.verdict != "supported" and any(e.source_url for e in f.evidence))
    assert browser.eval(_visible("article.finding:not(.v-supported) .evidence a")) >= with_links > 0


def test_planted_script_stays_inert(browser, report, tmp_path):
    evil = report.findings[0].model_copy(update={
        "quote": PLANTED, "explanation": PLANTED, "source_id": PLANTED,
        "subject": report.findings[0].subject.model_copy(update={"name": PLANTED}),
        "source_url": "javascript:window.__planted=3"})
    path = tmp_path / "planted.html"
    path.write_text(render("html", report.model_copy(update={"findings": [evil, *report.findings[1:]]})),
                    encoding="utf-8")
    browser.open(path, 1280)
    assert browser.eval("[...document.links].filter(a => !/^https?:/.test(a.href)).length") == 0
    assert browser.eval("typeof window.__planted") == "undefined"
    assert browser.eval("document.scripts.length") == 0
    assert browser.eval("document.querySelectorAll('main img').length") == 0
    shown = browser.eval("[...document.querySelectorAll('.quote, .explanation, .what strong')].map(e => e.textContent)")
    assert shown.count(PLANTED) == 3  # shown as the text it is
