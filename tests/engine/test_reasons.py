"""Reason codes are one enum: the report schema lists exactly its members, and every one has a meaning."""

from checker.engine.reasons import REASONS, ReasonCode
from checker.evidence.facts import Method
from checker.schemas import schema_dict


def test_the_report_schema_lists_every_reason_code():
    listed = schema_dict("report")["$defs"]["ReasonCode"]["enum"]
    assert listed == [r.value for r in ReasonCode] == list(REASONS)


def test_every_reason_has_a_meaning_and_every_method_a_reason():
    assert all(r.meaning for r in ReasonCode)
    assert {ReasonCode.of_method(m) for m in Method} <= set(ReasonCode)
