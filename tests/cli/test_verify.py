"""``claimcheck verify``: outputs, selectors, tolerance and exit codes, on a small registry in tmp_path.

The registry (tests/report/sample.py): news-a says Acme-7B has 70억 (Hub 7.0B: supported), Beta-70B 70B
(Hub 72.1B: approximate, expected supported: drift); news-b says Beta-70B 50B (contradicted), gives
another founding date for Acme Lab (both disputed) and Ghost-1B 1B (no snapshot: unverifiable).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.engine.findings import Report
from tests.report.sample import write_registry


@pytest.fixture
def reg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_registry(tmp_path / "reg")


def run(*args: str):
    return CliRunner().invoke(cli, ["verify", *args], catch_exceptions=False)


def verdicts(text: str) -> dict[str, str]:
    return {f["claim_id"]: f["verdict"] for f in json.loads(text)["findings"]}


def test_default_text_to_stdout_and_exit_1_on_contradicted(reg):
    result = run(str(reg))
    assert result.exit_code == 1
    assert "\x1b[" not in result.stdout  # not a terminal: no colour
    assert result.stdout.startswith("verdict")
    assert "contradicted" in result.stdout and "https://huggingface.co/api/models/beta/beta-70b" in result.stdout
    summary = "6 claims: 1 supported, 1 approximate, 1 contradicted, 0 corroborated, 2 disputed, 1 unverifiable; 1 drift"
    assert result.stdout.splitlines()[-1] == summary  # once: the text report ends with it, stderr does not repeat it
    assert summary not in result.stderr
    assert "1 verdict drifted from expect:\n  news-a/beta-size: expected supported, got approximate" in result.stderr


def test_json_verdicts(reg):
    result = run(str(reg), "--format", "json")
    assert verdicts(result.stdout) == {
        "news-a/acme-size": "supported", "news-a/beta-size": "approximate", "news-a/founded": "disputed",
        "news-b/beta-size": "contradicted", "news-b/founded": "disputed", "news-b/ghost-size": "unverifiable"}
    assert Report.model_validate_json(result.stdout).mode == "offline"


@pytest.mark.parametrize("args, code", [
    ([], 1),
    (["--fail-on", "contradicted"], 1),
    (["--fail-on", "never"], 0),
    (["--fail-on", "drift"], 1),
    (["--fail-on", "drift", "--only", "source:news-b"], 0),   # news-b has no expect: no drift
    (["--only", "source:news-a"], 0),                          # nothing contradicted in news-a
    (["--strict"], 3),                                          # ghost/ghost-1b has no snapshot
    (["--strict", "--fail-on", "never"], 3),
    (["--strict", "--only", "subject:beta-70b"], 1),
    (["--strict", "--only", "subject:acme-7b"], 0),
])
def test_exit_codes(reg, args, code):
    assert run(str(reg), *args).exit_code == code


def test_several_formats_and_outputs(reg):
    result = run(str(reg), "--format", "json", "--output", "r.json", "--format", "markdown", "--output", "s.md",
                 "--format", "text")
    assert result.exit_code == 1
    assert Report.model_validate_json(Path("r.json").read_text(encoding="utf-8")).summary.total == 6
    assert Path("s.md").read_text(encoding="utf-8").startswith("## claimcheck: 6 claims:")
    assert result.stdout.startswith("verdict")  # the format without an output goes to stdout
    assert not list(Path(".").glob(".*.tmp"))  # temporary files are gone


def test_output_without_format_is_text(reg):
    result = run(str(reg), "--output", "report.txt")
    assert result.stdout == ""
    assert Path("report.txt").read_text(encoding="utf-8").startswith("verdict")


def test_output_dash_is_stdout(reg):
    result = run(str(reg), "--format", "json", "--output", "-", "--format", "markdown", "--output", "s.md")
    assert json.loads(result.stdout)["schema_version"] == 1


@pytest.mark.parametrize("args, message", [
    (["--format", "json", "--format", "markdown"], "only one report can go to stdout"),
    (["--format", "json", "--output", "a", "--output", "b"], "more --output than --format"),
    (["--format", "json", "--output", "a", "--format", "markdown", "--output", "a"], "is given twice"),
    (["--output", "missing/r.json"], "does not exist"),
    (["--tolerance", "half"], "invalid --tolerance 'half'"),
    (["--tolerance", "0.5"], "invalid --tolerance '0.5'"),
    (["--tolerance", "15%"], "below 10%"),
    (["--only", "subject:nobody"], "unknown entity 'nobody'"),
    (["--only", "colour:red"], "expected KEY:VALUE"),
    (["--endpoint", "http://127.0.0.1:9"], "--endpoint needs --live"),
])
def test_usage_errors_exit_2_and_write_nothing(reg, args, message):
    result = run(str(reg), "--format", "json", "--output", "out.json", *args) if "--output" not in args \
        else run(str(reg), *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert not Path("out.json").exists() and not Path("a").exists()


def test_bad_registry_exit_2_with_positions_and_nothing_written(reg):
    (reg / "sources" / "b.yaml").write_text("source:\n  id: news-b\n  published: someday\n", encoding="utf-8")
    result = run(str(reg), "--format", "json", "--output", "out.json")
    assert result.exit_code == 2
    assert "sources/b.yaml:3:" in result.stderr
    assert not Path("out.json").exists()


def test_broken_snapshot_exit_2_and_nothing_written(reg):
    (reg / "evidence" / "hub" / "acme" / "acme-7b.json").write_text("{not json", encoding="utf-8")
    result = run(str(reg), "--format", "json", "--output", "out.json")
    assert result.exit_code == 2
    assert "acme-7b.json" in result.stderr
    assert not Path("out.json").exists()


def test_every_broken_snapshot_is_reported_at_its_position(reg):
    files = sorted((reg / "evidence" / "hub").glob("*/*.json"))
    assert len(files) >= 2
    files[0].write_text("{not json", encoding="utf-8")
    files[1].write_text("[" * 100_000, encoding="utf-8")
    result = run(str(reg), "--format", "json", "--output", "out.json")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{files[0].name}:1:2: not JSON" in result.stderr
    assert f"{files[1].name}:1:1: not a snapshot: nested deeper than 64 levels" in result.stderr
    assert not Path("out.json").exists()


def test_existing_output_is_replaced_only_on_success(reg):
    Path("out.json").write_text("old", encoding="utf-8")
    assert run(str(reg), "--format", "json", "--output", "out.json", "--only", "verdict:bogus").exit_code == 2
    assert Path("out.json").read_text(encoding="utf-8") == "old"
    assert run(str(reg), "--format", "json", "--output", "out.json").exit_code == 1
    assert json.loads(Path("out.json").read_text(encoding="utf-8"))["schema_version"] == 1


def test_only_filters_findings_after_verification(reg):
    result = run(str(reg), "--format", "json", "--only", "property:founded", "--only", "source:news-a")
    data = json.loads(result.stdout)
    assert verdicts(result.stdout) == {"news-a/founded": "disputed"}
    # cross-article context is intact: the other source's value is still reported
    assert data["findings"][0]["related"][0]["claim_id"] == "news-b/founded"
    assert data["summary"]["total"] == 1


def test_only_verdict_and_subject_alias(reg):
    result = run(str(reg), "--format", "json", "--only", "verdict:contradicted", "--only", "verdict:approximate")
    assert verdicts(result.stdout) == {"news-a/beta-size": "approximate", "news-b/beta-size": "contradicted"}
    result = run(str(reg), "--format", "json", "--only", "subject:아크미-7B", "--only", "property:parameters.*")
    assert verdicts(result.stdout) == {"news-a/acme-size": "supported"}


def test_tolerance(reg):
    # 70B against 72.1B: the intervals are 2.3 % apart
    assert verdicts(run(str(reg), "--format", "json").stdout)["news-a/beta-size"] == "approximate"
    result = run(str(reg), "--format", "json", "--tolerance", "5%", "--fail-on", "drift")
    assert verdicts(result.stdout)["news-a/beta-size"] == "supported"
    assert result.exit_code == 0
    assert "drifted" not in result.stderr


def test_markdown_to_file(reg):
    assert run(str(reg), "--format", "markdown", "--output", "summary.md").exit_code == 1
    md = Path("summary.md").read_text(encoding="utf-8")
    assert "| ❌ contradicted | 1 |" in md
    assert "[parameters.total = 72.1B (hub-api)](https://huggingface.co/api/models/beta/beta-70b)" in md


def test_live_uses_the_hub_source_for_selected_repos_only(reg, monkeypatch):
    import checker.evidence.hub as hub
    from checker.evidence.facts import Unavailable

    calls = []

    class FakeHub:
        def __init__(self, endpoint=None, token=None, timeout=10.0, concurrency=8, progress=None):
            calls.append(("init", endpoint))

        def evidence(self, repo_ids, *, needs=frozenset()):
            repo_ids = list(repo_ids)
            calls.append(("evidence", repo_ids, needs))
            return {r: Unavailable(repo_id=r, reason="timeout", detail="slow") for r in repo_ids}

    monkeypatch.setattr(hub, "HubSource", FakeHub)
    result = run(str(reg), "--live", "--endpoint", "http://127.0.0.1:9", "--only", "subject:beta-70b",
                 "--format", "json", "--strict")
    assert calls == [("init", "http://127.0.0.1:9"),
                     ("evidence", ["beta/beta-70b"], {"beta/beta-70b": frozenset({"parameters.total"})})]
    data = json.loads(result.stdout)
    assert data["mode"] == "live"
    # the Hub could not be read: the other article is context only, never a dispute
    assert {(f["verdict"], f["reason"]) for f in data["findings"]} == {("unverifiable", "evidence-unavailable")}
    assert result.exit_code == 3


def test_offline_never_imports_huggingface_hub(reg):
    code = ("import sys\nfrom click.testing import CliRunner\nfrom checker.cli import cli\n"
            f"r = CliRunner().invoke(cli, ['verify', {str(reg)!r}, '--format', 'json'])\n"
            "assert r.exit_code == 1, r.output\n"
            "print('huggingface_hub' in sys.modules, 'httpx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_a_failed_write_leaves_every_output_as_it_was(reg, monkeypatch):
    import os

    Path("a.json").write_text("old a", encoding="utf-8")
    real_replace = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 1:
            raise PermissionError(13, "Permission denied", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = run(str(reg), "--format", "json", "--output", "a.json", "--format", "markdown", "--output", "b.md")
    assert result.exit_code == 2
    assert "cannot write" in result.stderr and "a.json" in result.stderr
    assert Path("a.json").read_text(encoding="utf-8") == "old a"
    assert not Path("b.md").exists()
    assert not list(Path(".").glob(".*.tmp"))


class _Terminal:
    """A stdout that says it is a terminal."""

    def __init__(self):
        self.parts: list[str] = []

    def isatty(self) -> bool:
        return True

    def write(self, text: str | bytes) -> int:
        self.parts.append(text.decode() if isinstance(text, bytes) else text)
        return len(text)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize("no_color, coloured", [(None, True), ("1", False)])
def test_colour_on_a_terminal_unless_no_color(monkeypatch, no_color, coloured):
    from checker.cli.output import emit as _emit
    from tests.report.sample import make_report

    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    _emit(make_report(), [("text", None)])
    assert ("\x1b[" in "".join(terminal.parts)) is coloured


def test_report_files_get_ordinary_permissions(reg):
    """An --output file is readable like any new file (a web server may serve the HTML page)."""
    import os
    import stat

    run(str(reg), "--format", "json", "--output", "r.json")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(os.stat("r.json").st_mode) == 0o666 & ~mask


def test_summary_flag_appends_markdown_to_the_step_summary(reg, tmp_path, monkeypatch):
    summary = tmp_path / "step-summary.md"
    summary.write_text("## an earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run(str(reg), "--summary", "--format", "json", "--output", "r.json", "--fail-on", "never")
    assert result.exit_code == 0
    text = summary.read_text()
    assert text.startswith("## an earlier step\n") and "## claimcheck: 6 claims" in text
    assert (tmp_path / "r.json").is_file()


def test_output_to_the_step_summary_appends(reg, tmp_path, monkeypatch):
    summary = tmp_path / "step-summary.md"
    summary.write_text("kept\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    for _ in range(2):
        assert run(str(reg), "--format", "markdown", "--output", str(summary), "--fail-on", "never").exit_code == 0
    text = summary.read_text()
    assert text.startswith("kept\n") and text.count("## claimcheck:") == 2


def test_summary_flag_outside_github_actions_is_a_usage_error(reg, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    result = run(str(reg), "--summary")
    assert result.exit_code == 2 and "GITHUB_STEP_SUMMARY" in result.stderr


def test_force_color_is_honoured_through_a_pipe(reg):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    env["FORCE_COLOR"] = "1"
    out = subprocess.run([sys.executable, "-m", "checker", "verify", str(reg), "--fail-on", "never"],
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0 and "\x1b[" in out.stdout


@pytest.mark.parametrize("module", ["checker", "model_claimcheck"])
def test_python_m_under_both_names(module):
    out = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("claimcheck, version ")
