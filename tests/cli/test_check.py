"""``claimcheck check SUBJECT PROPERTY VALUE``: one ad-hoc claim, verified with the registry's claims."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from tests.report.sample import write_registry


@pytest.fixture
def reg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_registry(tmp_path / "claims")  # the default registry: ./claims


def check(*args: str):
    return CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)


@pytest.mark.parametrize("subject", ["Acme-7B", "acme-7b", "ACME-7B", "아크미-7B", "hf:acme/acme-7b"])
def test_supported_by_any_name(reg, subject):
    result = check(subject, "parameters.total", "7B")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "SUPPORTED  Acme-7B parameters.total = 7B"
    assert "Hub safetensors total is 7.000B" in lines[1]
    assert "https://huggingface.co/api/models/acme/acme-7b" in result.stdout
    assert "  claim  [" in result.stdout  # the claim's id (unique: shortened)


def test_only_its_finding_is_printed_as_json(reg):
    result = check("Beta-70B", "parameters.total", "50B", "--format", "json")
    assert result.exit_code == 1  # contradicted
    data = json.loads(result.stdout)
    assert [f["verdict"] for f in data["findings"]] == ["contradicted"]
    finding = data["findings"][0]
    assert finding["source_id"] == "ad-hoc"
    assert finding["published"] == dt.date.today().isoformat()
    assert data["summary"]["total"] == 1


def test_fail_on_never(reg):
    assert check("Beta-70B", "parameters.total", "50B", "--fail-on", "never").exit_code == 0


def test_cross_article_context_applies(reg):
    result = check("아크미랩", "founded", "2022", "--format", "json")
    finding = json.loads(result.stdout)["findings"][0]
    assert finding["verdict"] == "disputed"
    assert {r["claim_id"] for r in finding["related"]} == {"news-a/founded", "news-b/founded"}
    assert result.exit_code == 0


def test_tolerance(reg):
    strict = json.loads(check("beta-70b", "parameters.total", "70B", "--format", "json").stdout)
    loose = json.loads(check("beta-70b", "parameters.total", "70B", "--format", "json", "--tolerance", "5%").stdout)
    assert (strict["findings"][0]["verdict"], loose["findings"][0]["verdict"]) == ("approximate", "supported")


def test_unknown_subject_suggests_names(reg):
    result = check("Acme-8B", "parameters.total", "7B")
    assert result.exit_code == 2
    assert "unknown entity 'Acme-8B'" in result.stderr
    assert "did you mean acme-7b" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["acme-7b", "parameters.total", "lots"], "value does not fit 'parameters.total'"),
    (["acme-7b", "Not A Property", "7B"], "property"),
    (["acme-7b", "relation.size", "{object: beta-70b, smaller_by: [}"], "not valid YAML"),
    (["acme-7b", "parameters.total", "7B", "--tolerance", "x"], "invalid --tolerance"),
    (["acme-7b", "parameters.total", "7B", "--registry", "nowhere"], "no registry at nowhere/"),
])
def test_bad_input_exit_2(reg, args, message):
    result = check(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_relation_value_in_yaml_flow(reg):
    result = check("acme-7b", "relation.size", "{object: beta-70b, fraction_of: 10%}", "--format", "json")
    finding = json.loads(result.stdout)["findings"][0]
    assert finding["property"] == "relation.size"
    assert finding["value"]["object"] == "beta-70b"


def test_unavailable_evidence_and_strict(reg):
    assert check("ghost-1b", "parameters.total", "1B").exit_code == 0
    result = check("ghost-1b", "parameters.total", "1B", "--strict")
    assert result.exit_code == 3  # another article agrees, but the Hub evidence is missing
    assert result.stdout.startswith("UNVERIFIABLE")  # the agreeing article is context, never a verdict
    assert "news-b" in result.stdout
    assert "no Hub evidence" in result.stdout and "agrees: news-b/ghost-size (2026-01-20): 1B" in result.stdout


def test_without_a_registry_a_bare_repo_can_be_checked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = check("hf:someone/model", "parameters.total", "7B")
    assert result.exit_code == 0
    assert result.stdout.startswith("UNVERIFIABLE  someone/model parameters.total = 7B")


SEED = Path(__file__).resolve().parents[2] / "claims"


def _verdict(*args: str) -> dict:
    return json.loads(check(*args, "--format", "json").stdout)["findings"][0]


def test_the_bundled_registry_under_policy_v2(tmp_path):
    """Issue 8's checks on the seed registry: a missing snapshot never improves a verdict, touching intervals
    are no match, and a low-confidence licence decides nothing."""
    import shutil

    copy = shutil.copytree(SEED, tmp_path / "claims")
    (copy / "evidence" / "hub" / "skt" / "A.X-K1.json").unlink()
    gone = _verdict("A.X-K1", "parameters.total", "500B", "--registry", str(copy))
    assert (gone["verdict"], gone["reason"]) == ("unverifiable", "evidence-unavailable")
    assert "news-2026-02-24-motif-selected" in gone["explanation"]  # the agreeing article, as context
    assert _verdict("A.X-K1", "parameters.total", "500B", "--registry", str(SEED))["verdict"] == "approximate"
    assert _verdict("Solar Open", "parameters.total", "101B", "--registry", str(SEED))["verdict"] != "supported"
    assert _verdict("Solar Open", "parameters.total", "103B", "--registry", str(SEED))["verdict"] == "supported"
    licence = _verdict("A.X-K1", "license", "apache-2.0", "--registry", str(SEED))
    assert licence["verdict"] != "supported" and "a third-party page says" in licence["explanation"]
    assert "the Hub declares" not in licence["explanation"]
