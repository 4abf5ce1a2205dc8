"""benchmarks/measure.py: a script run by a Python without claimcheck says how to run it, and exits 2."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from pathlib import Path

import pytest

from tests.benchmarks import load_script

measure = load_script("measure")


def test_the_projects_python_goes_on():
    assert measure.require_install("benchmarks/x.py") is None


def test_another_python_is_told_what_to_run(monkeypatch, tmp_path: Path, capsys):
    def missing(name: str):
        raise PackageNotFoundError(name)

    monkeypatch.setattr(measure, "distribution", missing)
    monkeypatch.setattr(measure, "ROOT", tmp_path)  # no .venv there to run again under
    with pytest.raises(SystemExit) as done:
        measure.require_install("benchmarks/x.py")
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "does not have claimcheck installed" in err and ".venv/bin/python benchmarks/x.py" in err
