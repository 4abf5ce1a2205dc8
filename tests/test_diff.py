"""``claimcheck diff``: diff_reports on hand-built reports (tests/report/sample.py), the formatters, and the
command's exit codes and input errors (reports from real ``verify`` runs on the small sample registry)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.diff import ReportDiff, ReportInputError, diff_reports, parse_report
from checker.engine.findings import EvidenceNote, Finding, Report
from checker.report import DIFF_FORMATTERS
from checker.report.diff import fact_change_text, format_diff_markdown, format_diff_text
from checker.report.json import format_json
from tests.report.sample import REV, fact, make_report, write_registry

SOLAR = "news-a/solar-params"
NEW_REV = "fedcba9876543210fedcba9876543210fedcba98"


def edit(report: Report, claim_id: str, **update) -> Report:
    """``report`` with the finding ``claim_id`` updated."""
    findings = [f.model_copy(update=update) if f.claim_id == claim_id else f for f in report.findings]
    return report.model_copy(update={"findings": findings})


def without(report: Report, claim_id: str) -> Report:
    return report.model_copy(update={"findings": [f for f in report.findings if f.claim_id != claim_id]})


def finding(report: Report, claim_id: str) -> Finding:
    return next(f for f in report.findings if f.claim_id == claim_id)


# -- diff_reports -------------------------------------------------------------------------------------------


def test_identical_reports_give_an_empty_diff():
    report = make_report()
    diff = diff_reports(report, make_report())
    assert not (diff.worse or diff.better or diff.added or diff.removed or diff.evidence_changed
                or diff.notes_added or diff.notes_removed)
    assert diff.summary.unchanged == 5
    assert not any(diff.exceeds(level) for level in ("change", "worse", "never"))
    assert format_diff_text(diff).startswith("claimcheck diff: no change; 5 claims unchanged\n")


def test_worse_and_better_verdicts():
    old = make_report()
    new = edit(edit(old, "news-a/k-exaone-params", verdict="contradicted", reason="hub-api",
                    explanation="Hub total is 250B (+5.9 %)."),
               "news-b/solar-license", verdict="approximate", reason="open-weights")
    diff = diff_reports(old, new)
    assert [(c.claim_id, c.old_verdict, c.new_verdict) for c in diff.worse] == [
        ("news-a/k-exaone-params", "supported", "contradicted")]
    assert [(c.claim_id, c.old_verdict, c.new_verdict) for c in diff.better] == [
        ("news-b/solar-license", "contradicted", "approximate")]
    worse = diff.worse[0]
    assert (worse.old_reason, worse.new_reason) == ("model-card", "hub-api")
    assert (worse.old_explanation, worse.new_explanation) == ("The model card says 236B.", "Hub total is 250B (+5.9 %).")
    assert diff.summary.unchanged == 3 and not diff.evidence_changed
    assert diff.exceeds("change") and diff.exceeds("worse") and not diff.exceeds("never")


def test_only_better_fails_on_change_but_not_on_worse():
    old = make_report()
    diff = diff_reports(old, edit(old, "news-b/motif-gated", verdict="supported", reason="hub-api"))
    assert len(diff.better) == 1 and not diff.worse
    assert diff.exceeds("change") and not diff.exceeds("worse")


def test_added_and_removed_claims():
    old = make_report()
    extra = finding(old, "news-b/motif-gated").model_copy(update={"claim_id": "news-c/motif-gated", "source_id": "news-c"})
    new = without(old, "news-b/trillion-founded")
    new = new.model_copy(update={"findings": [*new.findings, extra]})
    diff = diff_reports(old, new)
    assert [(r.claim_id, r.verdict) for r in diff.added] == [("news-c/motif-gated", "unverifiable")]
    assert [(r.claim_id, r.verdict) for r in diff.removed] == [("news-b/trillion-founded", "disputed")]
    assert (diff.old.claims, diff.new.claims, diff.summary.unchanged) == (5, 5, 4)
    assert diff.exceeds("worse")  # a claim that disappeared counts as worse


def test_only_an_added_claim_does_not_fail_on_worse():
    old = without(make_report(), "news-b/motif-gated")
    diff = diff_reports(old, make_report())
    assert len(diff.added) == 1 and diff.exceeds("change") and not diff.exceeds("worse")


def test_evidence_change_under_the_same_verdict():
    old = make_report()
    facts = [fact("parameters.total", 102_700_000_000, "hub-api",
                  "https://huggingface.co/api/models/upstage/Solar-Open-100B", revision=NEW_REV),
             *finding(old, SOLAR).evidence[1:]]
    new = edit(old, SOLAR, evidence=facts, explanation="Hub safetensors total is 102.7B (+2.7 %).")
    diff = diff_reports(old, new)
    assert not (diff.worse or diff.better or diff.added or diff.removed)
    [change] = diff.evidence_changed
    assert change.claim_id == SOLAR and change.old_verdict == change.new_verdict == "approximate"
    [fc] = change.evidence
    assert (fc.property, fc.method.value, fc.old.value, fc.new.value) == (
        "parameters.total", "hub-api", 102_600_000_000, 102_700_000_000)
    assert (fc.old.revision, fc.new.revision) == (REV, NEW_REV)
    assert fact_change_text(fc) == "parameters.total (hub-api): 102.6B → 102.7B; revision 1a2b3c4 → fedcba9"
    assert not diff.exceeds("change")  # the verdict held: reported, not failed
    text = format_diff_text(diff)
    assert "Changed evidence, same verdict (1)" in text and "102.6B → 102.7B" in text


def test_evidence_added_removed_and_precision():
    old = make_report()
    card = finding(old, SOLAR).evidence[1]
    page = fact("parameters.total", 103e9, "page", "https://huggingface.co/upstage", precision=1e9)
    new = edit(old, SOLAR, evidence=[card.model_copy(update={"precision": None}), page])
    [change] = diff_reports(old, new).evidence_changed
    texts = sorted(fact_change_text(fc) for fc in change.evidence)
    assert texts == ["+ parameters.total (page) = 103B (precision 1B) @1a2b3c4",
                     "- parameters.total (hub-api) = 102.6B @1a2b3c4",
                     "parameters.total (model-card): 102B (precision 1B) → 102B (exact)"]


def test_reason_change_alone_is_reported():
    old = make_report()
    [change] = diff_reports(old, edit(old, "news-a/k-exaone-params", reason="hub-api")).evidence_changed
    assert (change.old_reason, change.new_reason, change.evidence) == ("model-card", "hub-api", [])


def test_observed_at_and_fact_order_are_no_change():
    old = make_report()
    later = [f.model_copy(update={"observed_at": dt.date(2026, 3, 1)}) for f in finding(old, SOLAR).evidence]
    diff = diff_reports(old, edit(old, SOLAR, evidence=list(reversed(later))))
    assert not diff.evidence_changed and diff.summary.unchanged == 5


def test_evidence_notes_added_and_removed():
    old = make_report()
    note = EvidenceNote(repo_id="upstage/Solar-Open-100B", property="parameters.total",
                        explanation="Model card says 102B, Hub API total 102.7B.")
    diff = diff_reports(old, old.model_copy(update={"evidence_notes": [note]}))
    assert [n.explanation for n in diff.notes_added] == ["Model card says 102B, Hub API total 102.7B."]
    assert [n.explanation for n in diff.notes_removed] == ["Model card says 102B, Hub API total 102.6B."]
    assert not diff.exceeds("change")
    assert "1 evidence note added, 1 evidence note removed" in format_diff_text(diff)


def test_diff_json_round_trips_with_schema_version_first():
    old = make_report()
    diff = diff_reports(old, edit(old, "news-a/k-exaone-params", verdict="approximate"))
    data = json.loads(diff.model_dump_json())
    assert next(iter(data)) == "schema_version" and data["schema_version"] == 1
    assert ReportDiff.model_validate(data) == diff


def test_markdown_is_compact_and_escaped():
    old = make_report()
    new = edit(old, "news-a/k-exaone-params", verdict="contradicted", explanation="card | says 250B")
    md = format_diff_markdown(diff_reports(old, new))
    assert md.startswith("## claimcheck diff: 1 worse; 4 claims unchanged\n")
    assert "### Verdicts changed" in md and "⬇️ worse" in md and "card \\| says 250B" in md
    assert "### Claims added or removed" not in md  # empty sections are left out


def test_markdown_is_cut_to_the_byte_limit():
    old = make_report()
    new = old.model_copy(update={"findings": [f.model_copy(update={"verdict": "contradicted"})
                                              for f in old.findings if f.verdict != "contradicted"]})
    md = format_diff_markdown(diff_reports(old, new), max_bytes=1200)
    assert len(md.encode()) <= 1200 and "more row(s) left out" in md


# -- parse_report -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, message", [
    ("{", "not JSON: "),
    (b"\xff\xfe{", "not JSON: "),
    ("[1, 2]", "not a claimcheck report"),
    ('{"schema_version": 1, "repo_id": "a/b", "facts": []}', "not a claimcheck report"),
    ('{"schema_version": 2, "findings": []}', "report schema_version 2 is not known"),
    ('{"schema_version": "1", "findings": []}', "report schema_version '1' is not known"),
])
def test_parse_report_errors(text, message):
    with pytest.raises(ReportInputError) as info:
        parse_report(text)
    assert info.value.messages[0].startswith(message) or message in info.value.messages[0]


def test_parse_report_gives_the_location_of_an_invalid_field():
    data = json.loads(format_json(make_report()))
    data["findings"][1]["verdict"] = "maybe"
    with pytest.raises(ReportInputError) as info:
        parse_report(json.dumps(data))
    assert info.value.messages[0].startswith("findings.1.verdict: Input should be 'supported'")


def test_parse_report_reads_what_verify_writes():
    assert parse_report(format_json(make_report())) == make_report()


# -- the command --------------------------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(cli, ["diff", *args], catch_exceptions=False)


def verify_json(registry: Path, output: str) -> Path:
    result = CliRunner().invoke(cli, ["verify", str(registry), "--format", "json", "--output", output,
                                      "--fail-on", "never"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return Path(output)


def set_total(registry: Path, repo_id: str, total: int) -> None:
    """Re-record a repo's parameters.total in the sample registry's snapshot, at a new revision."""
    path = registry / "evidence" / "hub" / f"{repo_id}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["facts"][0].update(value=total, revision=NEW_REV)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def reg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_registry(tmp_path / "reg")


@pytest.fixture
def old_json(reg: Path) -> Path:
    return verify_json(reg, "old.json")


def test_identical_reports_exit_0(reg, old_json):
    new = verify_json(reg, "new.json")
    result = run(str(old_json), str(new))
    assert result.exit_code == 0
    assert result.stdout.startswith("claimcheck diff: no change; 6 claims unchanged")


def test_real_runs_worse_better_and_changed_evidence(reg, old_json):
    # Acme-7B shrinks to 5B (news-a/acme-size: supported -> contradicted); Beta-70B becomes exactly 70B
    # (news-a/beta-size: approximate -> supported; news-b/beta-size stays contradicted, with new evidence).
    set_total(reg, "acme/acme-7b", 5_000_000_000)
    set_total(reg, "beta/beta-70b", 70_000_000_000)
    new = verify_json(reg, "new.json")
    result = run(str(old_json), str(new), "--format", "json")
    assert result.exit_code == 1
    diff = ReportDiff.model_validate_json(result.stdout)
    assert [(c.claim_id, c.old_verdict, c.new_verdict) for c in diff.worse] == [
        ("news-a/acme-size", "supported", "contradicted")]
    assert [(c.claim_id, c.old_verdict, c.new_verdict) for c in diff.better] == [
        ("news-a/beta-size", "approximate", "supported")]
    assert [c.claim_id for c in diff.evidence_changed] == ["news-b/beta-size"]
    [fc] = diff.evidence_changed[0].evidence
    assert (fc.old.value, fc.new.value, fc.new.revision) == (72_100_000_000, 70_000_000_000, NEW_REV)
    assert "claimcheck diff: 1 worse, 1 better, 1 with changed evidence; 3 claims unchanged" in result.stderr

    text = run(str(old_json), str(new)).stdout
    assert "Worse (1)\n  news-a/acme-size: supported → contradicted" in text
    assert "parameters.total (hub-api): 72.1B → 70B; revision 0123456 → fedcba9" in text
    assert run(str(old_json), str(new), "--format", "markdown").stdout.startswith("## claimcheck diff: 1 worse")


@pytest.mark.parametrize("fail_on, code", [("change", 1), ("worse", 0), ("never", 0)])
def test_fail_on_with_a_better_verdict(reg, old_json, fail_on, code):
    set_total(reg, "beta/beta-70b", 70_000_000_000)  # news-a/beta-size: approximate -> supported
    new = verify_json(reg, "new.json")
    assert run(str(old_json), str(new), "--fail-on", fail_on).exit_code == code


@pytest.mark.parametrize("fail_on, code", [("change", 1), ("worse", 1), ("never", 0)])
def test_fail_on_with_a_removed_claim(reg, old_json, fail_on, code):
    source_b = (reg / "sources" / "b.yaml").read_text(encoding="utf-8")
    (reg / "sources" / "b.yaml").write_text(source_b.split("  - id: ghost-size")[0], encoding="utf-8")
    new = verify_json(reg, "new.json")
    assert run(str(old_json), str(new), "--fail-on", fail_on).exit_code == code


@pytest.mark.parametrize("fail_on, code", [("change", 0), ("worse", 0), ("never", 0)])
def test_evidence_change_alone_never_fails(reg, old_json, fail_on, code):
    set_total(reg, "beta/beta-70b", 72_000_000_000)  # still approximate and contradicted, new figure
    new = verify_json(reg, "new.json")
    result = run(str(old_json), str(new), "--fail-on", fail_on)
    assert result.exit_code == code
    assert "2 with changed evidence" in result.stdout


@pytest.mark.parametrize("content, message", [
    (None, "missing.json: no such file"),
    ("{not json", "bad.json: not JSON: "),
    ('{"schema_version": 1, "repo_id": "acme/acme-7b", "facts": []}', "bad.json: not a claimcheck report"),
    ('["a", "list"]', "bad.json: not a claimcheck report"),
    ('{"schema_version": 9, "findings": []}', "bad.json: report schema_version 9 is not known to claimcheck"),
    ('{"schema_version": 1, "findings": [{"claim_id": "x"}]}', "bad.json: tool_version: Field required"),
])
def test_invalid_input_exits_2_with_the_path(reg, old_json, content, message):
    name = "missing.json" if content is None else "bad.json"
    if content is not None:
        Path(name).write_text(content, encoding="utf-8")
    result = run(str(old_json), name)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_both_bad_inputs_are_reported(reg, tmp_path):
    Path("bad.json").write_text("{", encoding="utf-8")
    result = run("missing.json", "bad.json")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "missing.json: no such file"
    assert result.stderr.splitlines()[1].startswith("bad.json: not JSON: ")


def test_a_directory_is_not_a_report(reg, old_json):
    result = run(str(old_json), str(reg))
    assert result.exit_code == 2 and f"{reg}: is a directory" in result.stderr


def test_bad_option_is_usage_error(old_json):
    assert run(str(old_json), str(old_json), "--fail-on", "drift").exit_code == 2


def test_the_command_offers_exactly_the_core_thresholds():
    """The CLI keeps its own copy of the choices (for start-up time); it must not drift from the core's."""
    from checker.cli import diff as cli_diff
    from checker.diff import FAIL_ON

    assert cli_diff.FAIL_ON == FAIL_ON


def test_diff_formatters_are_registered_by_name():
    assert list(DIFF_FORMATTERS) == ["text", "json", "markdown"]
    assert DIFF_FORMATTERS["text"] is format_diff_text and DIFF_FORMATTERS["markdown"] is format_diff_markdown
