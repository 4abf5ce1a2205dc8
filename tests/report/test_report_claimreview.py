"""The ClaimReview export: schema.org JSON-LD, one review per finding, ratings on a 1-5 scale."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.report import render
from tests.report.sample import write_registry


def reviews(report) -> dict[str, dict]:
    return {r["identifier"]: r for r in json.loads(render("claimreview", report))}


def test_one_review_per_finding(report):
    out = render("claimreview", report)
    data = json.loads(out)
    assert isinstance(data, list) and len(data) == len(report.findings)
    assert [r["identifier"] for r in data] == [f.claim_id for f in report.findings]
    for r in data:
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
        assert r["author"] == {"@type": "Organization", "name": "claimcheck"}  # no reviewer configured
        assert "url" not in r  # no review_url configured
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["datePublished"])  # from the evidence, not the clock
    assert out == render("claimreview", report)


def test_ratings_per_verdict(report):
    by_id = reviews(report)
    ratings = {k: (r["reviewRating"]["alternateName"], r["reviewRating"].get("ratingValue")) for k, r in by_id.items()}
    assert ratings == {
        "news-a/k-exaone-params": ("True", 5),
        "news-a/solar-params": ("Mostly true", 3),
        "news-b/solar-license": ("False", 1),
        "news-b/trillion-founded": ("disputed", None),
        "news-b/motif-gated": ("unverifiable", None),
    }
    false = by_id["news-b/solar-license"]["reviewRating"]
    assert false["bestRating"] == 5 and false["worstRating"] == 1
    assert false["ratingExplanation"] == "Licence 'solar-open' restricts use; not OSI-approved."
    unverifiable = by_id["news-b/motif-gated"]["reviewRating"]
    assert set(unverifiable) == {"@type", "alternateName", "name", "ratingExplanation"}


def test_claim_and_its_appearance(report):
    r = reviews(report)["news-a/solar-params"]
    assert r["claimReviewed"] == "1000억 | 파라미터"
    item = r["itemReviewed"]
    assert item["@type"] == "Claim" and item["datePublished"] == "2026-01-05"
    assert item["appearance"] == {"@type": "CreativeWork", "url": "https://news.example/a", "identifier": "news-a",
                                  "datePublished": "2026-01-05"}
    assert "author" not in item
    assert item["about"]["sameAs"] == "https://huggingface.co/upstage/Solar-Open-100B"
    assert "https://huggingface.co/api/models/upstage/Solar-Open-100B" in r["isBasedOn"]
    assert "url" not in reviews(report)["news-b/solar-license"]["itemReviewed"]["appearance"]  # no source url


def test_cli_writes_claimreview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    reg = write_registry(tmp_path / "reg")
    result = CliRunner().invoke(cli, ["verify", str(reg), "--format", "claimreview", "--output", "r.jsonld"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    data = json.loads((tmp_path / "r.jsonld").read_text(encoding="utf-8"))
    assert {r["identifier"]: r["reviewRating"]["alternateName"] for r in data}["news-b/beta-size"] == "False"
