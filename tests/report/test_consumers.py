"""Each report checked by (a stand-in for) its consumer, on the bundled registry as CI renders it:
SARIF against the OASIS SARIF 2.1.0 schema, JUnit against the JUnit XSD pytest ships (both vendored in
``consumers/``, see its README), ClaimReview against every property Google's fact-check markup lists as
required or recommended."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
CONSUMERS = Path(__file__).parent / "consumers"


def _verify(fmt: str, cwd: Path, *extra: str) -> str:
    env = {**os.environ, "GITHUB_ACTIONS": ""}
    out = subprocess.run([sys.executable, "-m", "checker", "verify", str(ROOT / "claims"), "--fail-on", "never",
                          "--format", fmt, *extra], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return out.stdout


@pytest.fixture(scope="module")
def sarif(tmp_path_factory) -> dict:
    # run from another folder: locations must still be relative to the repository root
    return json.loads(_verify("sarif", tmp_path_factory.mktemp("elsewhere"), "--source-root", str(ROOT)))


def test_sarif_valid_against_the_official_schema(sarif):
    schema = json.loads((CONSUMERS / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(sarif)


def test_sarif_locations_relative_to_the_repository_root(sarif):
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"] for loc in r["locations"]}
    assert uris and all(u.startswith("claims/sources/") and u.endswith(".yaml") for u in uris), uris
    for u in uris:
        assert (ROOT / u).is_file()


def test_sarif_accepted_verdicts_are_suppressed(sarif):
    results = sarif["runs"][0]["results"]
    accepted = [r for r in results if r["properties"]["expect"] == r["properties"]["verdict"]]
    assert accepted, "the bundled registry accepts some contradictions"
    assert all(r.get("suppressions") for r in accepted)
    open_ = [r for r in results if not r.get("suppressions")]
    assert all(r["properties"]["drift"] or r["properties"]["expect"] is None for r in open_)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert all(rule["help"]["text"] and rule["helpUri"] for rule in rules)


def test_junit_valid_against_the_xsd_and_accepted_verdicts_pass(tmp_path):
    xml = _verify("junit", tmp_path)
    schema = etree.XMLSchema(etree.parse(str(CONSUMERS / "junit-10.xsd")))
    doc = etree.fromstring(xml.encode())
    assert schema.validate(doc), schema.error_log
    # the bundled registry has no drift: every claim carries its accepted verdict, so nothing fails
    assert doc.get("failures") == "0" and int(doc.get("tests")) > 100


#: Google's fact-check markup (ClaimReview): properties listed as required or recommended.
REQUIRED = {"claimReviewed", "reviewRating", "url"}
RECOMMENDED = {"author", "datePublished", "itemReviewed"}
CLAIM_RECOMMENDED = {"appearance", "author", "datePublished", "firstAppearance"}
RATING_REQUIRED = {"alternateName"}
RATING_RECOMMENDED = {"bestRating", "name", "ratingValue", "worstRating"}


def test_claimreview_has_every_required_and_recommended_property(tmp_path):
    reviews = json.loads(_verify("claimreview", tmp_path))
    assert reviews
    config = (ROOT / "claims" / "claimcheck.yaml").read_text()
    for r in reviews:
        assert REQUIRED | RECOMMENDED <= set(r), r["identifier"]
        assert r["url"].startswith("https://") and "#" in r["url"]
        assert r["author"]["@type"] == "Organization" and r["author"]["name"] in config and r["author"]["url"]
        item = r["itemReviewed"]
        assert item["@type"] == "Claim"
        assert CLAIM_RECOMMENDED - {"author"} <= set(item)
        assert item["appearance"].get("url", "").startswith("http") or not item["appearance"].get("url")
        rating = r["reviewRating"]
        assert RATING_REQUIRED <= set(rating)
        if "ratingValue" in rating:
            assert RATING_RECOMMENDED <= set(rating)
    # the publisher is known for some sources: their claims carry an author
    assert any("author" in r["itemReviewed"] for r in reviews)
    assert all(CLAIM_RECOMMENDED <= set(r["itemReviewed"]) for r in reviews if "publisher" in r["itemReviewed"]
               ["appearance"])


def test_sarif_root_defaults_to_the_git_top_level(tmp_path):
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--show-toplevel"], capture_output=True).returncode:
        pytest.skip("the project is not a git checkout here")
    log = json.loads(_verify("sarif", tmp_path))  # run from elsewhere, no --source-root
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"] for loc in r["locations"]}
    assert uris and all(u.startswith("claims/sources/") for u in uris), uris
