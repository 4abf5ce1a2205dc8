from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from checker.report import FORMATTERS, RenderOptions, render
from checker.report.common import summarise, summary_line

ANSI = re.compile(r"\x1b\[")


def test_no_ansi_codes_without_colour(report):
    out = render("text", report, RenderOptions(color=False))
    assert not ANSI.search(out)


def test_colour_when_asked(report):
    out = render("text", report, RenderOptions(color=True))
    assert ANSI.search(out)
    assert "\x1b[1;31mcontradicted" in out  # contradicted in bold red


def test_every_verdict_with_its_claim_and_explanation(report):
    out = render("text", report, RenderOptions(width=200))
    for f in report.findings:
        row = next(line for line in out.splitlines() if line.startswith(f.verdict))
        assert f.explanation in row


def test_evidence_lines_for_every_verdict(report):
    out = render("text", report, RenderOptions(width=200))
    evidence = out.split("\nEvidence\n", 1)[1]
    # method, value, URL and revision on one line where the terminal is wide enough
    assert ("hub-api            parameters.total: 102.6B  https://huggingface.co/api/models/upstage/Solar-Open-100B"
            "  @ 1a2b3c4d5e6f") in evidence
    assert "differs: news-a/trillion-founded (2026-01-05)" in evidence
    assert "“완전한 오픈소스” (news-b, 2026-01-09)" in evidence
    # supported findings show what supports them too
    assert "  supported  k-exaone-params  [" in evidence.split("Differences inside the evidence")[0]


def test_table_fits_width_100(report):
    out = render("text", report, RenderOptions(width=100))
    table = out.split("\nEvidence\n", 1)[0]
    assert max(cell_len(line) for line in table.splitlines()) <= 100


def test_drift_is_marked(report):
    out = render("text", report)
    assert "approximate *" in out
    assert "* expected supported" in out


def test_summary_line(report):
    out = render("text", report)
    # the summary comes last (wrapped to the terminal width like every line)
    assert " ".join(out.rstrip().split("\n\n")[-1].split()) == (
        "5 claims: 1 supported, 1 approximate, 1 contradicted, 0 corroborated, 1 disputed, 1 unverifiable; 1 drift")
    assert summary_line(summarise(report.findings[:1])).startswith("1 claim: 1 supported")


def test_evidence_notes(report):
    out = render("text", report)
    assert "Differences inside the evidence" in out
    assert "upstage/Solar-Open-100B parameters.total: Model card says 102B, Hub API total 102.6B." in out


def test_compact_single_finding(report):
    one = report.model_copy(update={"findings": report.findings[1:2], "evidence_notes": []})
    out = render("text", one, RenderOptions(compact=True))
    lines = out.splitlines()
    assert lines[0] == "APPROXIMATE  Solar Open parameters.total = 100B  (expected supported)"
    assert lines[1] == "  Hub safetensors total is 102.6B (+2.6 %) | rounded."
    assert "https://huggingface.co/upstage/Solar-Open-100B" in out
    assert "claims:" not in out  # no summary line for a single finding


def test_narrow_terminal_falls_back_to_blocks(report):
    out = render("text", report, RenderOptions(width=60))
    assert "CONTRADICTED  Solar Open open_source = true" in out


def test_empty_report(report):
    empty = report.model_copy(update={"findings": [], "evidence_notes": [], "summary": summarise([])})
    out = render("text", empty)
    assert "No claims to report." in out
    assert "0 claims:" in out


def test_formatters_are_looked_up_by_name():
    assert {"text", "json", "markdown"} <= set(FORMATTERS)
    assert callable(FORMATTERS["text"])


def _finding(report, **changes):
    return report.findings[0].model_copy(update=changes)


def test_ids_are_global_where_the_local_id_repeats(report):
    a = _finding(report, claim_id="news-a/phase2-evaluation-date", source_id="news-a")
    b = _finding(report, claim_id="news-b/phase2-evaluation-date", source_id="news-b")
    c = _finding(report, claim_id="news-b/only-here", source_id="news-b")
    out = render("text", report.model_copy(update={"findings": [a, b, c]}), RenderOptions(width=140))
    table = out.split("\nEvidence\n", 1)[0]
    assert "news-a/phase2-evaluation-date" in table and "news-b/phase2-evaluation-date" in table
    assert " only-here " in table and "news-b/only-here" not in table


@pytest.mark.parametrize("width", [60, 80, 100, 140])
def test_no_word_is_split_and_lines_fit(report, width):
    long = _finding(report, subject=report.findings[0].subject.model_copy(update={"name": "google-deepmind"}),
                    value="google-deepmind", explanation="declared google-deepmind but the repo owner is "
                    "Motif-Technologies/Motif-2-12.7B-Reasoning-Preview-Experimental-Edition " * 2)
    out = render("text", report.model_copy(update={"findings": [long, *report.findings]}), RenderOptions(width=width))
    words = set(out.split())
    assert "google-deepmind" in words or "google-" in words
    assert not any(w.startswith("eepmind") or w.endswith("google-d") for w in words)
    for line in out.splitlines():
        if cell_len(line) > width:  # only a line holding a single unbreakable token (a URL) may be longer
            assert len(line.split()) <= 3 and any(t.startswith("http") for t in line.split()), line


def test_worst_first_in_the_documented_order(report):
    order = ["contradicted", "drift", "approximate", "disputed", "corroborated", "unverifiable", "supported"]
    drifted = _finding(report, claim_id="news-z/drifted", verdict="supported", expect="approximate", drift=True)
    out = render("text", report.model_copy(update={"findings": [*report.findings, drifted]}), RenderOptions(width=140))
    rows = [line.split()[0] for line in out.split("\nEvidence\n", 1)[0].splitlines()[1:] if line[:1].isalpha()]
    seen = ["drift" if "*" in line.split("  ")[0] and r != "contradicted" else r
            for r, line in zip(rows, [x for x in out.split("\nEvidence\n", 1)[0].splitlines()[1:] if x[:1].isalpha()])]
    ranks = [order.index(v) for v in seen]
    assert ranks == sorted(ranks), seen


def test_summary_printed_once(report):
    out = render("text", report, RenderOptions(width=140))
    assert out.count(" claims: ") == 1
