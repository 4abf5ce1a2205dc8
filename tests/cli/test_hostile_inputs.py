"""Every hostile command-line input under ``hostile/`` exits 2 with its message, no traceback, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from checker.cli import cli

HOSTILE = Path(__file__).parent / "hostile"
CASES = sorted(p for p in HOSTILE.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_is_an_input_error(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    spec = YAML(typ="safe").load((case / "case.yaml").read_text(encoding="utf-8"))
    for path in case.iterdir():
        if path.name != "case.yaml":
            shutil.copyfile(path, tmp_path / path.name)
    monkeypatch.chdir(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    result = CliRunner().invoke(cli, spec["args"])

    assert result.exit_code == spec["exit"], result.output
    assert spec["message"] in result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
