"""The HTML report: a well-formed, self-contained page with every finding, all text escaped."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.report import RenderOptions, render
from checker.report.html import render_html
from tests.report.sample import write_registry

VOID = {"meta", "br", "hr", "img", "link", "input", "wbr"}


class Checker(HTMLParser):
    """Parses a page and checks that every element is closed in order; collects tags, links and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Checker:
    checker = Checker()
    checker.feed(page)
    checker.close()
    assert checker.errors == [] and checker.stack == [], (checker.errors, checker.stack)
    return checker


def test_well_formed_and_self_contained(report):
    page = render("html", report)
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    parsed = parse(page)
    tags = [t for t, _ in parsed.tags]
    assert ("meta", {"charset": "utf-8"}) in parsed.tags
    assert "script" not in tags and "link" not in tags and "img" not in tags  # nothing external, no JavaScript
    assert all(not a.get("src") for _, a in parsed.tags)
    # the quote and evidence are shown for every finding that needs a look; a supported one keeps them folded
    assert tags.count("details") == sum(1 for f in report.findings if f.verdict == "supported" and not f.drift)
    assert page == render("html", report)


def test_summary_and_every_claim(report):
    page = render("html", report)
    text = "".join(parse(page).text)
    assert ("5 claims: 1 supported, 1 approximate, 1 contradicted, 0 corroborated, 1 disputed, 1 unverifiable; "
            "1 drift") in text
    for f in report.findings:
        assert f.claim_id in text
    assert "expected supported" in text
    assert "Model card says 102B, Hub API total 102.6B." in text  # the evidence notes
    assert 'class="verdict v-contradicted"' in page
    assert '<p class="explanation">' in page


def test_evidence_links(report):
    parsed = parse(render("html", report))
    hrefs = [a["href"] for t, a in parsed.tags if t == "a"]
    assert "https://huggingface.co/api/models/upstage/Solar-Open-100B" in hrefs
    assert "https://news.example/a" in hrefs


def test_text_is_escaped(report):
    evil = report.findings[2].model_copy(update={
        "quote": "<script>alert(1)</script>", "explanation": "a & b <i>",
        "source_url": "javascript:alert(1)"})
    page = render("html", report.model_copy(update={"findings": [evil]}))
    parsed = parse(page)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" in "".join(parsed.text)
    assert all(t not in ("script", "i") for t, _ in parsed.tags)
    assert not any(a.get("href", "").startswith("javascript:") for _, a in parsed.tags)


def test_empty_report(report):
    page = render("html", report.model_copy(update={"findings": [], "evidence_notes": []}))
    assert "No claims to report." in "".join(parse(page).text)


def test_size_bounded(report):
    big = report.model_copy(update={"findings": report.findings * 400})
    limit = 100_000
    full = render_html(big, max_bytes=10**9)
    out = render_html(big, max_bytes=limit)
    assert len(full.encode()) > limit >= len(out.encode())
    assert "more finding(s) left out" in out
    parse(out)


def test_cli_writes_html(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    reg = write_registry(tmp_path / "reg")
    result = CliRunner().invoke(cli, ["verify", str(reg), "--format", "html", "--output", "r.html"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    text = "".join(parse((tmp_path / "r.html").read_text(encoding="utf-8")).text)
    assert "6 claims:" in text and "news-b/ghost-size" in text


def test_the_page_shows_the_worst_findings_that_fit_grouped_by_source(report):
    import re

    from checker.report.common import worst_first

    many = [f.model_copy(update={"claim_id": f"s{i}/{f.claim_id.rpartition('/')[2]}", "source_id": f"s{i % 7}"})
            for i in range(300) for f in report.findings]
    big = report.model_copy(update={"findings": many})
    out = render_html(big, max_bytes=200_000)
    shown = re.findall(r'<code class="claim-id">(.*?)</code>', out)
    shown = [re.sub(r"<wbr>", "", s) for s in shown]
    ranked = worst_first(many)[:len(shown)]
    groups: dict[str, list[str]] = {}
    for f in ranked:
        groups.setdefault(f.source_id, []).append(f.claim_id)
    assert shown == [c for ids in groups.values() for c in ids]
    assert f"… {len(many) - len(shown)} more finding(s) left out" in out
    assert 0 < len(shown) < len(many)


def test_the_writer_keeps_no_more_cards_than_fill_the_page(report):
    from checker.report.html import HtmlWriter
    from checker.report.streaming import Head

    writer = HtmlWriter(Head.of(report), RenderOptions(), max_bytes=20_000)
    biggest = 0
    for i in range(200):
        for f in report.findings:
            writer.add(f.model_copy(update={"claim_id": f"s{i}/{f.claim_id}"}))
            biggest = max(biggest, max(max(cards.size) for cards in writer.cards.values()))
            assert writer.cards_size < 20_000 + biggest
    page = "".join(writer.end(report.evidence_notes))
    assert len(page.encode()) <= 20_000
    parse(page)


def test_cards_kept_on_disk_give_the_same_page(report, monkeypatch: pytest.MonkeyPatch):
    from checker.report.html import HtmlWriter
    from checker.report.spool import Blobs
    from checker.report.streaming import Head

    many = [f.model_copy(update={"claim_id": f"s{i}/{f.claim_id.rpartition('/')[2]}", "source_id": f"s{i % 7}"})
            for i in range(100) for f in report.findings]
    big = report.model_copy(update={"findings": many})
    monkeypatch.setattr(Blobs, "MEMORY", 10**9)
    in_memory = render_html(big, max_bytes=200_000)
    monkeypatch.setattr(Blobs, "MEMORY", 1000)
    writer = HtmlWriter(Head.of(big), RenderOptions(), max_bytes=200_000)
    for f in many:
        writer.add(f)
    assert writer.blobs._file is not None  # the cards went to disk
    assert "".join(writer.end(big.evidence_notes)) == in_memory
    assert "more finding(s) left out" in in_memory  # the page is full: cards were dropped as well
