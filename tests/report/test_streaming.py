"""Streaming reports: findings cleaned one at a time (nothing dumped or re-validated), the JSON and SARIF
writers fed finding by finding give the bytes the whole-report formatters give, SARIF keeps only its cap."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.report import FORMATTERS, STREAMING, RenderOptions, render
from checker.report.common import worst_first
from checker.report.escape import UNSAFE, Cleaner, clean_report
from checker.report.streaming import Head, Tally, chunks, ending, writer_for
from tests.report.sample import write_registry
from tests.report.test_report_payloads import _strings, hostile_report


def test_a_clean_report_is_returned_untouched(report):
    cleaner = Cleaner()
    assert cleaner.model(report) is report
    assert all(cleaner.model(f) is f for f in report.findings)


def test_a_hostile_finding_is_cleaned_and_its_shared_facts_once(report):
    dirty = hostile_report("\x1b[31m\u202e", "javascript:alert(1)")
    fact = dirty.findings[1].evidence[0]
    # the same fact object in two findings (as the engine shares a repo's facts)
    f1 = dirty.findings[1]
    f2 = dirty.findings[0].model_copy(update={"evidence": [fact]})
    cleaner = Cleaner()
    c1, c2 = cleaner.model(f1), cleaner.model(f2)
    assert c1.evidence[0] is c2.evidence[0] is not fact
    assert c1.evidence[0].source_url is None            # not http(s): dropped
    assert "\\u001b" in c1.quote and "\x1b" not in c1.quote and "\u202e" not in c1.quote
    assert f1.quote.endswith("\x1b[31m\u202e")           # the original is not modified
    whole = clean_report(dirty).model_dump(mode="json")
    assert not [t for t in _strings(whole) if UNSAFE.search(t)]


def test_a_url_that_is_not_http_is_dropped_inside_values(report):
    f = report.findings[0].model_copy(update={"value": {"url": "javascript:x", "text": "a\nb"}})
    assert Cleaner().model(f).value == {"url": None, "text": "a\\u000ab"}


@pytest.mark.parametrize("batch", [1, 2, 500])
@pytest.mark.parametrize("n", [0, 1, 5])
def test_json_chunks_are_the_model_dump(report, n, batch, monkeypatch):
    import checker.report.json as jsonreport

    monkeypatch.setattr(jsonreport, "BATCH", batch)
    part = report.model_copy(update={"findings": report.findings[:n]})
    assert FORMATTERS["json"](part) == part.model_dump_json(indent=2) + "\n"
    writer = STREAMING["json"](Head.of(part), RenderOptions())
    assert "".join(chunks(writer, part)) == part.model_dump_json(indent=2) + "\n"


def _sarif_order(findings):
    """The SARIF results' order as the whole-report formatter sorted them: worst first, then by level."""
    from checker.report.sarif import _LEVEL_RANK, _level

    candidates = [f for f in worst_first(findings) if f.verdict != "supported" or f.drift]
    return sorted(candidates, key=lambda f: _LEVEL_RANK[_level(f)])


def test_sarif_keeps_only_the_cap_and_the_same_order(report, monkeypatch):
    import checker.report.sarif as sarif

    monkeypatch.setattr(sarif, "MAX_RESULTS", 3)
    findings = [f.model_copy(update={"claim_id": f"{f.claim_id}-{i}"}) for i in range(4) for f in report.findings]
    many = report.model_copy(update={"findings": findings})
    writer = sarif.SarifWriter(Head.of(many))
    for f in findings:
        assert writer.add(f) == ""
        # a result is kept only while fewer than the cap come before it: at most the cap in each place
        assert all(len(kept) <= 3 for kept in writer._verdicts.values())
    log = json.loads("".join(writer.end(many.evidence_notes, many.summary)))
    ids = [r["partialFingerprints"]["claimcheck/v1"] for r in log["runs"][0]["results"]]
    assert ids == [f.claim_id for f in _sarif_order(findings)[:3]]
    assert log["runs"][0]["properties"]["omittedResults"] == len(_sarif_order(findings)) - 3


def test_json_encodes_a_finding_subclass_alone(report):
    """A subclass of Finding inside the batch's list would lose its own fields: it is encoded by itself."""
    from checker.engine.findings import Finding

    class Extra(Finding):
        extra: int = 7

    odd = Extra.model_construct(**dict(report.findings[1]), extra=7)
    part = report.model_copy(update={"findings": [report.findings[0], odd, report.findings[2]]})
    text = "".join(chunks(STREAMING["json"](Head.of(part), RenderOptions()), part))
    assert text == part.model_dump_json(indent=2, serialize_as_any=True) + "\n"
    assert json.loads(text)["findings"][1]["extra"] == 7


def test_collected_formats_render_the_whole_report(report):
    for name in FORMATTERS:
        if name in STREAMING:
            continue
        writer = writer_for(name, Head.of(report), RenderOptions())
        assert "".join(chunks(writer, report)) == render(name, report)


def test_tally_is_the_summary(report):
    from checker.report.common import summarise

    tally = Tally()
    for f in report.findings:
        tally.add(f)
    assert tally.summary() == summarise(report.findings)
    assert tally.drifted == [(f.claim_id, f.expect, f.verdict) for f in report.findings if f.drift]


def test_one_pass_feeds_every_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Several --format/--output pairs: the findings are built once, and each file is what that format
    alone writes."""
    import checker.engine as engine

    monkeypatch.chdir(tmp_path)
    reg = write_registry(tmp_path / "reg")
    built = []
    real = engine._finding

    def counting(*args):
        built.append(args[0].global_id)
        return real(*args)

    monkeypatch.setattr(engine, "_finding", counting)
    names = ["json", "sarif", "markdown", "text"]
    args = [a for i, name in enumerate(names) for a in ("--format", name, "--output", f"out{i}")]
    result = CliRunner().invoke(cli, ["verify", str(reg), "--fail-on", "never", *args])
    assert result.exit_code == 0, result.output
    assert len(built) == len(set(built)) == 6
    for i, name in enumerate(names):
        alone = CliRunner().invoke(cli, ["verify", str(reg), "--fail-on", "never", "--format", name])
        assert Path(f"out{i}").read_text(encoding="utf-8") == alone.stdout, name


def test_stdout_streams_json_before_the_last_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The JSON report on stdout is written as the findings come (not held until the end): here one
    finding per batch."""
    import checker.cli.output as output
    import checker.report.json as jsonreport

    monkeypatch.setattr(jsonreport, "BATCH", 1)
    monkeypatch.chdir(tmp_path)
    reg = write_registry(tmp_path / "reg")
    monkeypatch.setattr(output._Stdout, "LIMIT", 1)
    seen: list[str] = []
    real = output.click.echo

    def echo(message=None, *args, **kw):
        if not kw.get("err"):
            seen.append(message)
        return real(message, *args, **kw)

    monkeypatch.setattr(output.click, "echo", echo)
    result = CliRunner().invoke(cli, ["verify", str(reg), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0
    assert len(seen) > 6 and "".join(seen) == result.stdout
    json.loads(result.stdout)


def test_a_failure_mid_stream_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import checker.report.json as jsonreport

    monkeypatch.chdir(tmp_path)
    reg = write_registry(tmp_path / "reg")
    Path("a.json").write_text("old", encoding="utf-8")
    calls = []

    def boom(self, finding):
        calls.append(finding)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return ""

    monkeypatch.setattr(jsonreport.JsonWriter, "add", boom)
    result = CliRunner().invoke(cli, ["verify", str(reg), "--format", "json", "--output", "a.json",
                                      "--format", "sarif", "--output", "b.sarif"])
    assert result.exit_code == 2 and "No space left" in result.stderr
    assert Path("a.json").read_text(encoding="utf-8") == "old" and not Path("b.sarif").exists()
    assert not list(Path(".").glob(".*.tmp"))
    assert sys.modules["checker.report.json"] is jsonreport


def test_the_collector_is_restored_after_a_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """verify freezes what it loaded and collects rarely while it runs; afterwards (in-process callers,
    these tests) the thresholds are as they were and nothing stays frozen."""
    import gc

    import checker.engine as engine

    monkeypatch.chdir(tmp_path)
    reg = write_registry(tmp_path / "reg")
    during = []
    real = engine.stream

    def spy(*args, **kw):
        during.append((gc.get_threshold(), gc.get_freeze_count()))
        return real(*args, **kw)

    monkeypatch.setattr(engine, "stream", spy)
    before = gc.get_threshold()
    result = CliRunner().invoke(cli, ["verify", str(reg), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    (threshold, frozen), = during
    assert threshold[0] > before[0] and frozen > 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_sarif_spooled_to_disk_gives_the_same_log(report, monkeypatch):
    import checker.report.sarif as sarif

    monkeypatch.setattr(sarif, "MAX_RESULTS", 40)
    findings = [f.model_copy(update={"claim_id": f"{f.claim_id}-{i}"}) for i in range(30) for f in report.findings]
    many = report.model_copy(update={"findings": findings})
    monkeypatch.setattr(sarif.SarifWriter, "SPOOL_MEMORY", 10**9)
    monkeypatch.setattr(sarif.SarifWriter, "SPOOL_BATCH", 10**9)
    in_memory = "".join(chunks(sarif.SarifWriter(Head.of(many)), many))
    monkeypatch.setattr(sarif.SarifWriter, "SPOOL_MEMORY", 4)
    monkeypatch.setattr(sarif.SarifWriter, "SPOOL_BATCH", 2)
    writer = sarif.SarifWriter(Head.of(many))
    for f in findings:
        writer.add(f)
    assert writer._results._file is not None  # the results went to disk
    assert "".join(ending(writer, many.evidence_notes, many.summary)) == in_memory
    assert json.loads(in_memory)["runs"][0]["properties"]["resultCount"] == 40
