"""benchmarks/verify_process.py: the budget cuts runs in order of need, and a cut or unmeasured target is never
met. Nothing here is timed: the smoke run checks what is reported, not how fast."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.benchmarks import load_script

verify_process = load_script("verify_process")
Group, allocate, MARGIN = verify_process.Group, verify_process.allocate, verify_process.MARGIN


def test_the_plan_is_printed_and_nothing_is_run(capsys, monkeypatch):
    monkeypatch.setattr(verify_process, "workdir", lambda: pytest.fail("--plan made a work folder"))
    monkeypatch.setattr(verify_process, "spawn", lambda *a: pytest.fail("--plan ran a command"))
    assert verify_process.main(["--plan"]) == 0
    out = capsys.readouterr().out
    assert all(g.name in out for g in verify_process.PLAN)
    assert "projected total" in out
    # A budget that holds the whole matrix runs every group as often as the issue asks: nothing cut.
    assert verify_process.main(["--plan", "--budget", "100000"]) == 0
    assert "CUT" not in capsys.readouterr().out


def test_runs_are_given_out_highest_priority_first():
    a = Group(0, "generated", "10k", ("json",), "")
    b = Group(1, "generated", "1M", ("json",), "")
    c = Group(2, "tile-articles", "100k", ("text",), "")
    wanted = {a: 5, b: 3, c: 5}
    every = allocate([c, b, a], wanted, lambda g, n: 10.0 * n, lambda r: 0.0, set(), 1e9)
    assert every == wanted
    # Room for a's 5 rounds and 2 of b's 3: b is cut, and c, below it, gets nothing.
    tight = allocate([c, b, a], wanted, lambda g, n: 10.0 * n, lambda r: 0.0, set(), 7 * 10 * MARGIN + 1)
    assert tight == {a: 5, b: 2, c: 0}
    # A cheaper group below a cut one still gets what fits after it.
    cheap = allocate([c, b, a], wanted, lambda g, n: (1.0 if g is c else 10.0) * n, lambda r: 0.0, set(),
                     7 * 10 * MARGIN + 3 * MARGIN + 0.5)
    assert cheap == {a: 5, b: 2, c: 3}


def test_a_registry_is_charged_once_and_not_when_written():
    text = Group(2, "generated", "100k", ("text", "json"), "")
    html = Group(5, "generated", "100k", ("html", "sarif"), "")
    wanted = {text: 5, html: 5}
    left = 100 + 2 * 5 * 10 * MARGIN + 1
    assert allocate([text, html], wanted, lambda g, n: 10.0 * n, lambda r: 100.0, set(), left) == wanted
    # The registry's 100 s are charged to the first group only; once written, to neither.
    assert allocate([text, html], wanted, lambda g, n: 10.0 * n, lambda r: 100.0, set(), left - 100) == {text: 0, html: 0}
    assert allocate([text, html], wanted, lambda g, n: 10.0 * n, lambda r: 100.0, {"generated-100k"}, left - 100) == wanted


def test_an_extra_group_runs_all_its_runs_or_none():
    core = Group(2, "generated", "100k", ("text", "json"), "")
    extra = Group(verify_process.EXTRA_PRIORITY, "tile-separate", "100k", ("text", "json"), "")
    assert extra.extra and not core.extra
    wanted = {core: 5, extra: 5}
    left = 5 * 10 * MARGIN + 4 * 10 * MARGIN + 1          # the core group's 5 runs and 4 of the extra's
    assert allocate([core, extra], wanted, lambda g, n: 10.0 * n, lambda r: 0.0, set(), left) == {core: 5, extra: 0}
    assert allocate([core, extra], wanted, lambda g, n: 10.0 * n, lambda r: 0.0, set(), left + 10 * MARGIN) == wanted


def test_a_cut_or_unmeasured_target_is_not_met():
    ok = verify_process.Target("t", 1.0, 3.0, "x")
    assert ok.met and ok.result == "met"
    cut = verify_process.Target("t", 1.0, 3.0, "x", cut="generated-1M json: 1 of 3 runs")
    assert not cut.met and cut.result == "NOT MET (runs cut)"
    over = verify_process.Target("t", 4.0, 3.0, "x")
    assert not over.met and over.result == "NOT MET"
    assert verify_process.Target("t", None, 3.0, "x").result == "NOT MET (not measured)"


def test_a_small_run_reports_every_group_and_target(tmp_path: Path, capsys):
    """The whole script on tiny registries, one run each: every group is run and reported as cut (the issue asks
    5 and 3 runs), and every target is measured but not met."""
    out = tmp_path / "figures.json"
    code = verify_process.main(["--scale", "0.002", "--runs", "1", "--runs-1m", "1", "--json", str(out)])
    assert code == 1
    text = capsys.readouterr().out
    figures = json.loads(out.read_text(encoding="utf-8"))
    extra = " (extra: not judged, not counted)"
    assert [p["status"] for p in figures["plan"]] == [
        f"CUT: 1 of {p['runs_asked']} runs" + (extra if p["priority"] >= verify_process.EXTRA_PRIORITY else "")
        for p in figures["plan"]]
    labels = {s["label"] for s in figures["series"]}
    assert {g.key(c) for g in verify_process.PLAN for c in g.commands} <= labels
    assert {"python -c pass", "verify claims", "bundled json"} <= labels
    assert figures["targets"] and all(t["value"] is not None and not t["met"] and t["cut"] for t in figures["targets"])
    assert any(t["target"].startswith("growth") for t in figures["targets"])
    judged = {t["target"].split(":")[0] for t in figures["targets"]}
    assert "generated-100k text" in judged and "tile-separate-100k text" not in judged   # a cut extra is not judged
    assert "runs at 1M" in figures["phases_s"] and "writing registries" in figures["phases_s"]
    assert "target" in text and "0 of" in text


def test_a_budget_that_fits_nothing_measures_no_target(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setattr(verify_process, "spawn", lambda cmd, err: (0.01, 30_000, 0.01))   # no process needed
    out = tmp_path / "figures.json"
    assert verify_process.main(["--scale", "0.002", "--runs", "1", "--budget", "0.01", "--json", str(out)]) == 1
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert all(p["status"].startswith("NOT RUN") for p in figures["plan"])
    startup, *rest = figures["targets"]
    assert startup["target"].startswith("start-up") and startup["value"] is not None
    assert rest and all(t["value"] is None and t["result"] == "NOT MET (not measured)" for t in rest)
    assert "NOT RUN" in capsys.readouterr().out


def test_runs_at_100k_and_1m_are_projected_in_pairs():
    costs = verify_process.Costs(dict(verify_process.SIZES))
    one = Group(1, "generated", "1M", ("json",), "")
    two = Group(2, "generated", "100k", ("text", "json"), "")
    ten = Group(0, "generated", "10k", ("text", "json"), "")
    json_1m, c = costs.run(one, "json"), verify_process.CONTENTION
    assert costs.runs(one, 3) == 2 * json_1m * c          # two side by side, then the third alone
    slowest = max(costs.run(two, "text"), costs.run(two, "json"))
    assert costs.runs(two, 5) == 5 * slowest * c          # text beside json, five times
    assert costs.runs(ten, 5) == 5 * costs.round(ten)      # 10k: one process at a time
