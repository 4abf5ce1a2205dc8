"""benchmarks/realistic.py: its registries are valid, and a tiling keeps the bundled verdicts (copies x)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from tests.benchmarks import load_script

ROOT = Path(__file__).resolve().parents[2]


realistic = load_script("realistic")


def _summary(registry: Path, tmp_path: Path) -> dict:
    """``claimcheck validate`` passes, and ``claimcheck verify --format json``'s summary."""
    runner = CliRunner()
    valid = runner.invoke(cli, ["validate", str(registry)], catch_exceptions=False)
    assert valid.exit_code == 0, valid.output
    out = tmp_path / f"{registry.name}.json"
    result = runner.invoke(cli, ["verify", str(registry), "--format", "json", "--output", str(out),
                                 "--fail-on", "never"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))["summary"]


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _summary(realistic.BUNDLED, tmp_path_factory.mktemp("bundled"))


def test_separate_tiling_multiplies_the_bundled_verdicts(tmp_path: Path, bundled: dict):
    reg = tmp_path / "separate"
    made = realistic.tile(reg, 2 * bundled["total"], mode="separate")
    assert made["copies"] == 2 and made["claims"] == 2 * bundled["total"]
    summary = _summary(reg, tmp_path)
    assert summary["total"] == 2 * bundled["total"]
    assert summary["by_verdict"] == {k: 2 * v for k, v in bundled["by_verdict"].items()}
    assert summary["drift"] == 2 * bundled["drift"]
    # Every copy has its own repos: the snapshot files live under the renamed owners, repo_id fixed.
    snap = json.loads((reg / "evidence" / "hub" / "upstage-c0001" / "Solar-Open-100B.json").read_text("utf-8"))
    assert snap["repo_id"] == "upstage-c0001/Solar-Open-100B"
    assert {"model_info", "config_json", "model_card"} <= snap["raw"].keys()
    assert snap["raw"]["model_info"]["id"] == snap["repo_id"]


def test_article_tiling_shares_entities_and_evidence(tmp_path: Path, bundled: dict):
    reg = tmp_path / "articles"
    made = realistic.tile(reg, 2 * bundled["total"], mode="articles", live=False)
    assert made["repos"] == len(list((realistic.BUNDLED / "evidence" / "hub").glob("*/*.json")))
    assert _summary(reg, tmp_path)["total"] == 2 * bundled["total"]
    sources = sorted(p.stem for p in (reg / "sources").glob("*.yaml"))
    assert len(sources) == 2 * len(list((realistic.BUNDLED / "sources").glob("*.yaml")))
    assert all(s.endswith(("-a0000", "-a0001")) for s in sources)


def test_generated_registry_is_valid_and_calibrated(tmp_path: Path):
    reg = tmp_path / "generated"
    made = realistic.generate(reg, 600, seed=3)
    assert made["claims"] == 600
    summary = _summary(reg, tmp_path)
    assert summary["total"] == 600
    cal = realistic.calibration(reg)
    assert 0.25 < cal["hub_checkable"] < 0.5
    assert cal["with_note"] == cal["with_expect"] == 1.0
    assert any(int(k.rstrip("+")) > 2 for k in cal["group_sizes"]), "cross-article groups are not only pairs"
    assert summary["drift"] < 0.05 * summary["total"]
    snap = next((reg / "evidence" / "hub").glob("*/*.json"))
    assert json.loads(snap.read_text("utf-8"))["origin"] == "live"
    assert snap.stat().st_size > 30_000   # a live recording with its raw answers
