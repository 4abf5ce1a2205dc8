"""``claimcheck validate`` and ``list``: every problem of every file in one run, GitHub annotations, and what a
registry knows."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from tests.registry.conftest import build_registry


@pytest.fixture
def planted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The base registry with four problems of four kinds: an entity's schema, a claim's schema, a value, a
    subject."""
    monkeypatch.chdir(tmp_path)
    reg = build_registry(tmp_path / "reg")
    entities = reg / "entities.yaml"
    other = "    names: [Other-70B]\n"
    entities.write_text(entities.read_text().replace(other, other + "    colour: red\n"))
    src = reg / "sources" / "a.yaml"
    text = src.read_text()
    text = text.replace("    value: 70억\n", "    value: 70억\n    weight: heavy\n", 1)
    text = text.replace("    value: 2024-08\n", "    value: 2024-13\n", 1)
    text = text.replace("  - id: licence\n    subject: example-7b\n", "  - id: licence\n    subject: nobody-knows\n", 1)
    src.write_text(text)
    return reg


def test_every_problem_in_one_run(planted: Path):
    result = CliRunner().invoke(cli, ["validate", "reg"])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith("reg/")]
    messages = "\n".join(lines)
    assert "reg/entities.yaml:" in messages and "unknown field" in messages and "colour'" in messages
    assert "weight'" in messages  # a claim's schema problem ...
    assert "2024-13" in messages or "month" in messages  # ... does not hide a value problem in the same file
    assert "unknown entity 'nobody-knows'" in messages
    assert "unknown entity 'other-70b'" not in messages  # the invalid entity is reported once, at itself
    assert len(lines) == 4, result.stderr
    assert result.stderr.rstrip().endswith("4 problems found.")
    assert "written" not in result.stderr  # validate writes nothing, so it does not say so


def test_github_annotations(planted: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = CliRunner().invoke(cli, ["validate", "reg"])
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 4
    assert any(a.startswith("::error file=reg/sources/a.yaml,line=") and ",col=" in a and "nobody-knows" in a
               for a in annotations)


def test_no_annotations_outside_github_actions(planted: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert "::error" not in CliRunner().invoke(cli, ["validate", "reg"]).output


def test_verify_says_no_report_was_written(planted: Path):
    result = CliRunner().invoke(cli, ["verify", "reg", "--format", "json", "--output", "r.json"])
    assert result.exit_code == 2 and "no report was written" in result.stderr
    assert not Path("r.json").exists()


def test_no_registry_says_how_to_point_at_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    for args in (["verify"], ["validate"], ["check", "K-EXAONE", "parameters.total", "236B"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2
        assert "no registry at claims/" in result.stderr and "PATH/TO/claims" in result.stderr, args


def test_list_subjects_and_properties(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    build_registry(tmp_path / "claims")
    subjects = CliRunner().invoke(cli, ["list", "subjects"])
    assert subjects.exit_code == 0
    rows = {line.split("\t")[0]: line.split("\t") for line in subjects.stdout.splitlines()}
    assert rows["example-7b"][1] == "model" and rows["example-7b"][3] == "example-org/example-7b"
    props = CliRunner().invoke(cli, ["list", "properties"])
    assert props.exit_code == 0
    by_name = {line.split("\t")[0]: line.split("\t") for line in props.stdout.splitlines()}
    assert by_name["parameters.total"][1:3] == ["quantity", "Hub"]
    assert by_name["parameters.total"][3] == "1 claim(s)"
