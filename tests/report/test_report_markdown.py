from __future__ import annotations

import re

from checker.report import render
from checker.report.markdown import cell, render_markdown

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def test_summary_table_then_findings(report):
    out = render("markdown", report)
    assert out.startswith("## claimcheck: 5 claims:")
    assert "| ❌ contradicted | 1 |" in out
    assert "| drift from `expect` | 1 |" in out
    assert out.index("| verdict | claims |") < out.index("### Findings")


def test_rows_are_escaped(report):
    out = render("markdown", report)
    rows = [line for line in out.splitlines() if line.startswith("| ") and "news-" in line]
    assert len(rows) == len(report.findings)
    for row in rows:
        assert len(UNESCAPED_PIPE.findall(row)) == 8, row  # 7 columns: the | in texts are escaped
    assert "(+2.6 %) \\| rounded." in out


def test_evidence_as_links(report):
    out = render("markdown", report)
    assert "[parameters.total = 102.6B (hub-api)](https://huggingface.co/api/models/upstage/Solar-Open-100B) @1a2b3c4" in out
    assert "[`news-a/solar-params`](https://news.example/a)" in out
    assert "🟡 approximate (expected supported)" in out


def test_cell_escaping():
    assert cell("a | b\nc") == "a \\| b c"
    assert cell("<script>") == "&lt;script&gt;"


def test_truncated_under_the_limit(report):
    big = report.model_copy(update={"findings": report.findings * 400})
    full = render_markdown(big, max_bytes=10**9)
    limit = 20_000
    out = render_markdown(big, max_bytes=limit)
    assert len(full.encode()) > limit
    assert len(out.encode()) <= limit
    assert "more row(s) left out" in out
    assert "| verdict | claims |" in out


def test_default_limit_is_one_mib(report):
    big = report.model_copy(update={"findings": report.findings * 3000})
    out = render("markdown", big)
    assert len(out.encode()) <= 1024 * 1024
    assert "left out" in out
