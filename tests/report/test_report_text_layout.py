"""The text report's own layout machinery: cell widths, the fast wrapping paths against the word-by-word
ones, the chunked writer against the whole-report formatter, colour codes, and no rich."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len as rich_cell_len

from checker.registry.models import VERDICTS
from checker.report import RenderOptions, render
from checker.report.escape import clean_report
from checker.report.streaming import Head, chunks, writer_for
from checker.report.text import (
    _TOKEN,
    TextWriter,
    _cuts,
    _wrap_words_cells,
    cell_len,
    format_text,
    sgr,
    wrap_words,
)
from checker.report.verdicts import LOOK


@pytest.mark.parametrize("text, cells", [
    ("abc", 3), ("트릴리온랩스", 12), ("ＡＢ", 4), ("日本語", 6), ("e\u0301", 1), ("“quoted”", 8), ("", 0),
    ("2360억 파라미터", 4 + 2 + 1 + 8),
])
def test_cell_widths(text, cells):
    assert cell_len(text) == cells


def test_cell_widths_agree_with_rich_on_the_report_sample(report):
    for f in report.findings:
        for text in (f.quote, f.subject.name, f.explanation, f.claim_id):
            assert cell_len(text) == rich_cell_len(text), text


def _cuts_by_tokens(plain: str, width: int) -> tuple[int, list[int]]:
    """The definition :func:`_cuts` implements (token by token, counting cells)."""
    indent = len(plain) - len(plain.lstrip(" "))
    cuts: list[int] = []
    used = indent
    for match in _TOKEN.finditer(plain, indent):
        word = cell_len(match.group().rstrip())
        if used > indent + 2 * bool(cuts) and used + word > width:
            cuts.append(match.start())
            used = indent + 2
        used += cell_len(match.group())
    return indent, cuts


# words from an alphabet with the break characters, spaces (some doubled), wide and combining characters
_WORD = st.text(alphabet="ab/-.xz가나ＡＢ\u0301", min_size=0, max_size=30)
_ASCII_WORD = st.text(alphabet="ab/-.xz", min_size=0, max_size=30)
_WIDE_WORD = st.text(alphabet="ab/-.xz가나日“", min_size=0, max_size=30)  # wide, all of them two cells: doubled
_TEXT = st.one_of(st.lists(_WORD, max_size=25).map(" ".join), st.lists(_ASCII_WORD, max_size=25).map(" ".join),
                  st.lists(_WIDE_WORD, max_size=25).map(" ".join))


@settings(max_examples=400, deadline=None)
@given(text=_TEXT, width=st.integers(min_value=4, max_value=60))
def test_wrap_words_equals_the_word_by_word_wrap(text, width):
    assert wrap_words(text, width) == _wrap_words_cells(text, width)


@settings(max_examples=400, deadline=None)
@given(text=_TEXT, indent=st.integers(min_value=0, max_value=6), width=st.integers(min_value=10, max_value=60))
def test_line_cuts_equal_the_token_by_token_cuts(text, indent, width):
    plain = " " * indent + text
    assert _cuts(plain, width) == _cuts_by_tokens(plain, width)


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.text(alphabet="ab/-.x", min_size=1, max_size=30), max_size=25).map(" ".join),
       width=st.integers(min_value=4, max_value=60))
def test_wrapped_lines_fit_unless_a_piece_is_longer(text, width):
    for line in wrap_words(text, width):
        assert cell_len(line) <= width or " " not in line


def test_the_chunked_writer_gives_the_formatter_s_text(report):
    options = RenderOptions(width=140, color=True)
    whole = render("text", report, options)
    clean = clean_report(report)
    writer = writer_for("text", Head(tool_version=clean.tool_version, mode=clean.mode, registry=clean.registry),
                        options)
    assert isinstance(writer, TextWriter)
    assert "".join(chunks(writer, clean)) == whole


def test_the_writer_keeps_no_finding(report):
    writer = TextWriter(None, RenderOptions())
    before = [sys.getrefcount(f) for f in report.findings]
    for finding in report.findings:
        writer.add(finding)
    del finding
    assert [sys.getrefcount(f) for f in report.findings] == before
    text = "".join(writer.end(report.evidence_notes, report.summary))
    assert text == format_text(report)


def test_a_long_report_comes_in_several_chunks(report):
    many = report.model_copy(update={"findings": [f.model_copy(update={"claim_id": f"s{i}/{f.claim_id}"})
                                                  for i in range(400) for f in report.findings]})
    writer = TextWriter(None, RenderOptions(width=140))
    for f in many.findings:
        writer.add(f)
    parts = list(writer.end(many.evidence_notes, many.summary))
    assert len(parts) > 1 and all(p.endswith("\n") for p in parts)
    assert "".join(parts) == format_text(many, RenderOptions(width=140))


@pytest.mark.parametrize("verdict", VERDICTS)
def test_every_verdict_has_its_colour(report, verdict):
    finding = report.findings[0].model_copy(update={"verdict": verdict, "drift": False})
    out = render("text", report.model_copy(update={"findings": [finding]}), RenderOptions(color=True, width=140))
    assert f"{sgr(LOOK[verdict].style)}{verdict}\x1b[0m" in out
    assert re.sub(r"\x1b\[[0-9;]*m", "", out) == render(
        "text", report.model_copy(update={"findings": [finding]}), RenderOptions(width=140))


def test_the_text_report_does_not_import_rich():
    code = ("import sys; from checker.report import render; from tests.report.sample import make_report; "
            "render('text', make_report()); print('rich' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "False"


def test_the_characters_counted_wide_without_a_look_are_wide():
    from checker.report.text import _WIDE, char_width

    for lo, hi in re.findall(r"(.)-(.)", _WIDE.pattern):
        assert all(char_width(chr(c)) == 2 for c in range(ord(lo), ord(hi) + 1)), (hex(ord(lo)), hex(ord(hi)))


@settings(max_examples=300, deadline=None)
@given(head=st.text(alphabet="ab/-.x", min_size=0, max_size=40), tail=st.text(alphabet="ab/-.x", min_size=0, max_size=40),
       width=st.integers(min_value=4, max_value=40))
def test_claim_ids_wrap_as_any_word(head, tail, width):
    from checker.report.text import _Column, _id_stats, _stats_of

    claim_id = f"{head}/{tail}"
    column = _Column(width, False, remember=False)
    for _ in range(2):  # the second time from the remembered source id
        assert column.lines(claim_id) == tuple(line + " " * (width - cell_len(line) + 2)
                                               for line in wrap_words(claim_id, width))
    assert _id_stats(claim_id) == (lambda s: (s[0], s[2]))(_stats_of(claim_id))
