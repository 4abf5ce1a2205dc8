"""The CI files a maintainer copies (workflow, composite action, pre-commit hook) are valid for their consumers:
GitHub's own schemas (vendored in check-jsonschema, so offline) and actionlint where it is installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "claims.yml"
ACTION = ROOT / "action.yml"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str | None:
    return shutil.which(name, path=str(BIN)) or shutil.which(name)


@pytest.mark.parametrize(("path", "schema"), [(WORKFLOW, "vendor.github-workflows"), (ACTION, "vendor.github-actions")])
def test_valid_against_github_schema(path: Path, schema: str):
    tool = _tool("check-jsonschema")
    if tool is None:
        pytest.skip("check-jsonschema is not installed (it comes with the test extra)")
    result = subprocess.run([tool, "--builtin-schema", schema, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_nothing():
    tool = _tool("actionlint")
    if tool is None:
        pytest.skip("actionlint is not installed (the test extra brings it on Linux x86-64 only)")
    result = subprocess.run([tool, "-no-color", str(WORKFLOW)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_request_job_uploads_sarif_only_when_written():
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    steps = jobs["verify"]["steps"]
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@"))
    assert upload["uses"].endswith("@v4")
    assert "hashFiles('claimcheck.sarif')" in upload["if"]
    assert jobs["verify"]["permissions"]["security-events"] == "write"
    assert any("--fail-on drift" in str(s.get("run", "")) for s in steps)


def test_action_inputs():
    action = yaml.safe_load(ACTION.read_text())
    assert {"registry", "formats", "fail-on"} <= set(action["inputs"])
    assert action["runs"]["using"] == "composite"


def test_pre_commit_hook_runs_validate():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [h["entry"] for h in hooks] == ["claimcheck validate"]
    assert all(h["pass_filenames"] is False for h in hooks)
