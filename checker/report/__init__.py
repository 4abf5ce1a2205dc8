"""Report formatters: pure functions ``Report -> str``, looked up by name.

``FORMATTERS`` maps a format name to its function; a formatter's module is imported only when the
format is used (so ``--format json`` never imports rich). Every formatter has the signature
``format_x(report, options=RenderOptions()) -> str``; options a format has no use for are ignored.
To add a format, write ``checker/report/<name>.py`` and add one line to ``_ENTRIES``.

``STREAMING`` maps the formats that have their own chunk writer (:mod:`checker.report.streaming`) to it:
``json`` writes each finding as it comes, ``sarif``, ``text`` and ``html`` keep only what they show of it
(spooled to disk when there is much) and write the report at the end; their formatter is the join of the
chunks, so both give the same bytes.
The CLI feeds every requested format from one pass over the findings.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # the format names are needed at start-up (for --format); the models only when rendering
    from checker.engine.findings import Report
    from checker.registry.models import Reviewer


T = TypeVar("T")


@dataclass(frozen=True)
class RenderOptions:
    """How to render: ``color`` (ANSI colours; the CLI decides from the TTY and NO_COLOR), ``width`` (columns
    for the text table), ``compact`` (text: one block per finding instead of a table, as ``check`` prints);
    ``workdir`` (the folder the findings' file paths are relative to) and ``source_root`` (the repository root
    SARIF locations are relative to), both absolute; ``reviewer`` (the organisation publishing ClaimReviews)."""

    color: bool = False
    width: int = 100
    compact: bool = False
    workdir: str | None = None
    source_root: str | None = None
    reviewer: Reviewer | None = None
    review_url: str | None = None


Formatter = Callable[..., str]
if TYPE_CHECKING:
    from checker.report.streaming import ChunkWriter, Head

    WriterClass = Callable[[Head, RenderOptions], ChunkWriter]

#: format name -> "module:function"; resolved lazily by :data:`FORMATTERS`.
_ENTRIES: dict[str, str] = {
    "text": "checker.report.text:format_text",
    "json": "checker.report.json:format_json",
    "markdown": "checker.report.markdown:format_markdown",
    "junit": "checker.report.junit:format_junit",
    "sarif": "checker.report.sarif:format_sarif",
    "html": "checker.report.html:format_html",
    "claimreview": "checker.report.claimreview:format_claimreview",
}


class _Formatters(Mapping[str, T]):
    """name -> formatter function (or writer class), importing its module on first use."""

    def __init__(self, entries: dict[str, str]):
        self._entries = entries
        self._loaded: dict[str, T] = {}

    def __getitem__(self, name: str) -> T:
        if name not in self._loaded:
            module, _, func = self._entries[name].partition(":")
            self._loaded[name] = getattr(importlib.import_module(module), func)
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


FORMATTERS: Mapping[str, Formatter] = _Formatters(_ENTRIES)

#: format name -> chunk writer class ``(head, options) -> ChunkWriter``, for the formats that stream.
STREAMING: Mapping[str, WriterClass] = _Formatters({
    "json": "checker.report.json:JsonWriter",
    "sarif": "checker.report.sarif:SarifWriter",
    "text": "checker.report.text:TextWriter",
    "html": "checker.report.html:HtmlWriter",
})

#: ``claimcheck diff`` formats: name -> ``format_diff_x(diff) -> str``, resolved lazily like FORMATTERS.
DIFF_FORMATTERS: Mapping[str, Callable[..., str]] = _Formatters({
    "text": "checker.report.diff:format_diff_text",
    "json": "checker.report.diff:format_diff_json",
    "markdown": "checker.report.diff:format_diff_markdown",
})


def render(name: str, report: Report, options: RenderOptions = RenderOptions()) -> str:
    """Render ``report`` in format ``name`` (a key of :data:`FORMATTERS`; KeyError otherwise), its strings
    cleaned of control characters and its links of anything but http(s) first (:mod:`checker.report.escape`)."""
    from checker.report.escape import clean_report

    return FORMATTERS[name](clean_report(report), options)
