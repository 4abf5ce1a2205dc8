"""benchmarks/truth_eval.py: the dev set converts into a valid registry, and the figures are computed right."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.benchmarks import load_script

ROOT = Path(__file__).resolve().parents[2]
DEVSET = ROOT.parent / "shared" / "devset"


truth_eval = load_script("truth_eval")


@pytest.mark.parametrize("value, fields, text", [
    (72_000_000_000, {}, "72B"),
    (30_840_000, {"unit": "GPU hours"}, "30.84M"),
    (150_000_000_000, {"unit": "KRW", "comparator": "~"}, "~1500억 원"),
    (5_600_000, {"unit": "USD"}, "$5.6M"),
    (16_384, {"comparator": "<="}, "<=16,384"),
])
def test_quantities_keep_their_written_rounding(value, fields, text):
    assert truth_eval.quantity(value, fields) == text


def test_scores():
    s = truth_eval.score([("a", "supported", "supported"), ("b", "corroborated", "contradicted"),
                          ("c", "contradicted", "approximate"), ("d", "unverifiable", "unverifiable")])
    assert (s["agreement"], s["coverage"], s["selective_accuracy"]) == (0.5, 0.75, 1 / 3)
    assert (s["false_contradictions"], s["contradictions_missed"]) == (["b"], ["c"])


@pytest.mark.skipif(not (DEVSET / "claims.yaml").exists(), reason="../shared/devset is absent")
def test_the_dev_set_is_verified(tmp_path, capsys):
    code = truth_eval.main(["--devset", str(DEVSET), "--keep", str(tmp_path / "registry")])
    out = capsys.readouterr().out
    assert code in (0, 1), out
    assert "agreement with the labels" in out and "confusion matrix" in out
    primary = [p for p in (tmp_path / "registry" / "sources").glob("*.yaml") if "kind: primary" in p.read_text()]
    assert len(primary) >= 2
