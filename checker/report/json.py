"""The JSON report: the :class:`~checker.engine.findings.Report` model as stable, indented UTF-8 JSON.

Its schema is ``claimcheck schema --kind report`` (shipped as ``checker/schemas/report.schema.json``);
``schema_version`` comes first so readers can dispatch on it.
"""

from __future__ import annotations

import json

from checker.engine.findings import Report
from checker.report import RenderOptions


def format_json(report: Report, options: RenderOptions = RenderOptions()) -> str:
    """``report`` as JSON text: schema_version first, indent 2, non-ASCII kept, trailing newline."""
    data = report.model_dump(mode="json")
    data = {"schema_version": data.pop("schema_version"), **data}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
