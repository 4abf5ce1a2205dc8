"""Every bad registry under ``bad/`` is rejected with exit code 2 and the position of its one problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from checker.cli import cli
from tests.registry.conftest import BAD, build_registry

CASES = sorted(p for p in BAD.iterdir() if p.is_dir())


def test_there_are_enough_bad_cases():
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_registry_is_rejected_with_position(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    spec = YAML(typ="safe").load((case / "case.yaml").read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    build_registry(tmp_path / "reg", case)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    args = ["validate", "reg"] + (["--texts", "reg/texts"] if spec["texts"] else [])

    result = CliRunner().invoke(cli, args)

    assert result.exit_code == 2, result.output
    problem_lines = [line for line in result.output.splitlines() if line.startswith("reg/")]
    assert len(problem_lines) == 1, result.output
    assert problem_lines[0].startswith(f"reg/{spec['position']}: "), result.output
    assert spec["message"] in problem_lines[0]
    assert "Traceback" not in result.output
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
