"""The JSON report: the :class:`~checker.engine.findings.Report` model as stable, indented UTF-8 JSON.

Its schema is ``claimcheck schema --kind report`` (shipped as ``checker/schemas/report.schema.json``);
``schema_version`` is the model's first field, so it comes first and readers can dispatch on it. The
findings come before the evidence notes and the summary (the model's order), so the report streams:
:class:`JsonWriter` writes the findings in batches of :data:`BATCH` as they come and holds no more.
"""

from __future__ import annotations

from pydantic import BaseModel

from checker.engine.findings import EvidenceNote, Finding, Report, Summary
from checker.report import RenderOptions
from checker.report.streaming import Head, chunks

# An empty list: the one place the findings go. Unique in the dump: inside a JSON string a quote is escaped.
_SLOT = '\n  "findings": [],\n'
_EMPTY_SUMMARY = Summary(total=0, by_verdict={}, drift=0)
#: Findings encoded in one call (and written as one chunk): one encoder call per finding, and re-indenting
#: its text, cost about as much again as encoding them.
BATCH = 100


class _Findings(BaseModel):
    """A list of findings at the depth the report holds them: dumped with indent 2, its items are indented
    as the report's findings are (``{"findings": [`` then each finding's text, then ``]}``)."""

    findings: list[Finding]


_OPEN, _CLOSE = '{\n  "findings": [', '\n  ]\n}'


def format_json(report: Report, options: RenderOptions = RenderOptions()) -> str:
    """``report`` as JSON text: fields in model order, indent 2, non-ASCII kept, trailing newline.

    The same text as ``report.model_dump_json(indent=2) + "\\n"`` (pydantic's serializer, four times faster
    than ``json.dumps``), written in batches of findings."""
    return "".join(chunks(JsonWriter(Head.of(report), options), report))


def _frame(head: Head, notes: list[EvidenceNote], summary: Summary) -> tuple[str, str]:
    """The report's text before and after its findings."""
    text = Report.model_construct(tool_version=head.tool_version, mode=head.mode, registry=head.registry,
                                  findings=[], evidence_notes=notes, summary=summary).model_dump_json(indent=2)
    before, slot, after = text.partition(_SLOT)
    assert slot, "the report model has no findings list where the JSON writer expects it"
    return before + '\n  "findings": [', "],\n" + after + "\n"


def _encode(findings: list[Finding]) -> str:
    """``findings`` as they stand inside the report's list: each one's text indented by four spaces, each
    after a newline, separated by commas (without the list's brackets)."""
    text = _Findings.model_construct(findings=findings).model_dump_json(indent=2)
    assert text.startswith(_OPEN) and text.endswith(_CLOSE)
    return text[len(_OPEN):-len(_CLOSE)]


class JsonWriter:
    """The JSON report in chunks: :meth:`begin`, :meth:`add` per finding, :meth:`end`."""

    def __init__(self, head: Head, options: RenderOptions = RenderOptions()):
        self._head = head
        self._count = 0
        self._batch: list[Finding] = []

    def begin(self) -> str:
        return _frame(self._head, [], _EMPTY_SUMMARY)[0]

    def add(self, finding: Finding) -> str:
        # A Finding subclass would be encoded as a Finding inside the list: it is encoded alone.
        if finding.__class__ is not Finding:
            return self._flush() + self._alone(finding)
        self._batch.append(finding)
        return self._flush() if len(self._batch) >= BATCH else ""

    def _flush(self) -> str:
        if not self._batch:
            return ""
        text = _encode(self._batch)
        first = self._count == 0
        self._count += len(self._batch)
        self._batch = []
        return text if first else "," + text

    def _alone(self, finding: Finding) -> str:
        # A finding nested two levels deep: its lines indented by four more spaces (a newline in the dump is
        # always pydantic's own: inside a JSON string it is written \n).
        text = finding.model_dump_json(indent=2).replace("\n", "\n    ")
        self._count += 1
        return ("\n    " if self._count == 1 else ",\n    ") + text

    def end(self, notes: list[EvidenceNote], summary: Summary) -> str:
        rest = self._flush()
        after = _frame(self._head, notes, summary)[1]
        return rest + ("\n  " if self._count else "") + after
