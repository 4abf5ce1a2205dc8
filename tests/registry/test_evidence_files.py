"""``claimcheck validate`` checks the evidence files too: every problem with its file and position, exit 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.registry.loader import check_evidence_files

SEED = Path(__file__).resolve().parents[2] / "claims"
GOOD = {"schema_version": 1, "repo_id": "acme/acme-7b", "retrieved_at": "2026-02-01T09:00:00Z",
        "origin": "live", "facts": [
            {"property": "parameters.total", "value": 7_000_000_000, "method": "hub-api",
             "source_url": "https://huggingface.co/api/models/acme/acme-7b"},
            {"property": "license", "value": "mit", "method": "hub-api"}]}


def _write(reg: Path, text: str, name: str = "acme/acme-7b.json") -> Path:
    path = reg / "evidence" / "hub" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _bad(**change) -> str:
    doc = json.loads(json.dumps(GOOD))
    for key, value in change.items():
        idx, field = key.split("__")
        doc["facts"][int(idx[1:])][field] = value
    return json.dumps(doc, indent=2)


def test_the_bundled_snapshot_is_valid():
    assert check_evidence_files(SEED) == []


def test_a_good_file_passes(base_registry: Path):
    _write(base_registry, json.dumps(GOOD, indent=2))
    assert check_evidence_files(base_registry) == []


@pytest.mark.parametrize("text, at, message", [
    (_bad(f0__precision=float("nan")), '"precision"', "facts.0.precision"),   # json.dumps writes NaN
    (_bad(f0__precision="nan"), '"precision"', "facts.0.precision"),
    (_bad(f0__value=float("inf")), "Infinity", "must be a finite number"),
    (_bad(f1__property="commercial_use"), "commercial_use", "facts.1.property"),   # no such fact kind
    (_bad(f1__method="guessed"), "guessed", "facts.1.method"),
    (json.dumps({**GOOD, "repo_id": "acme/other"}, indent=2), "acme/other", "does not match the file's path"),
    ('{"schema_version": 1,\n  "repo_id": }', '"repo_id"', "not JSON"),
])
def test_a_bad_file_fails_validate_with_its_position(base_registry: Path, text: str, at: str, message: str):
    _write(base_registry, text)
    line = text[:text.index(at)].count("\n") + 1
    result = CliRunner().invoke(cli, ["validate", "reg"])
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.output.splitlines() if ln.startswith("reg/evidence/hub/acme/acme-7b.json:")]
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"reg/evidence/hub/acme/acme-7b.json:{line}:"), result.output
    assert message in lines[0], result.output
    assert "Traceback" not in result.output


def test_evidence_and_registry_problems_are_reported_together(base_registry: Path):
    _write(base_registry, _bad(f0__precision="nan"))
    source = base_registry / "sources" / "a.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("property: founded", "property: foundd"),
                      encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "reg"])
    assert result.exit_code == 2
    assert "2 problems found" in result.output
    assert "did you mean founded?" in result.output and "facts.0.precision" in result.output


def test_a_copy_of_the_seed_registry_with_a_misspelt_property(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The issue's example: ``parameters.totl`` in a copy of the registry."""
    shutil.copytree(SEED, tmp_path / "claims")
    monkeypatch.chdir(tmp_path)
    path = next(p for p in sorted((tmp_path / "claims" / "sources").glob("*.yaml"))
                if "property: parameters.total\n" in p.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    line = text[:text.index("property: parameters.total\n")].count("\n") + 1
    path.write_text(text.replace("property: parameters.total\n", "property: parameters.totl\n", 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 2
    assert f"claims/sources/{path.name}:{line}:15: unknown property 'parameters.totl'" in result.output
    assert "did you mean parameters.total" in result.output
