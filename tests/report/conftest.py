from __future__ import annotations

import pytest

from checker.engine.findings import Report
from tests.report.sample import make_report


@pytest.fixture
def report() -> Report:
    return make_report()
