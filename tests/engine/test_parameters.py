from checker.engine.context import Options
from checker.engine.parameters import check_parameters, parameter_notes
from checker.evidence.facts import Method
from checker.values import parse_quantity
from tests.engine.factory import claim, context, fact, snapshot


def judge(value, *facts, prop="parameters.total"):
    return check_parameters(claim(prop, parse_quantity(value), raw=value), snapshot(*facts), context())


def test_reason_names_the_most_exact_method():
    assert judge("7B", fact("parameters.total", 7_000_000_000, Method.CONFIG)).reason == "config"
    j = judge("7B", fact("parameters.total", 7_000_000_000, Method.RECONSTRUCTED))
    assert (j.verdict, j.reason) == ("supported", "reconstructed")
    assert "not an exact API value" in j.explanation


def test_evidence_lists_every_fact_and_pins_the_revision():
    j = judge("100B", fact("parameters.total", 102_600_000_000),
              fact("parameters.total", 102_000_000_000, Method.MODEL_CARD, precision=1e9))
    assert [f.method for f in j.facts] == [Method.HUB_API, Method.MODEL_CARD]
    assert all(f.revision == "abcdef1234567890" for f in j.facts)
    assert "also model card says 102B" in j.explanation


def test_non_numeric_facts_are_ignored():
    j = judge("7B", fact("parameters.total", "n/a"))
    assert (j.verdict, j.reason) == ("unverifiable", "no-evidence")


def test_invalid_value():
    j = check_parameters(claim("parameters.total", "lots"), snapshot(), context())
    assert j.reason == "invalid-value"


def test_card_vs_checkpoint_note():
    ev = snapshot(fact("parameters.total", 684_531_386_000),
                  fact("parameters.total", 671_000_000_000, Method.MODEL_CARD, precision=1e9))
    [note] = parameter_notes(ev, Options())
    assert note.property == "parameters.total"
    assert "model card says 671B but Hub safetensors total is 684.5B (+2.0 %)" in note.explanation
    assert "MTP" in note.explanation


def test_badge_and_card_within_rounding_make_no_note():
    ev = snapshot(fact("parameters.total", 103_000_000_000, Method.PAGE, precision=1e9),
                  fact("parameters.total", 102_000_000_000, Method.MODEL_CARD, precision=1e9))
    assert parameter_notes(ev, Options()) == []


def test_dtype_sum_and_packed_dtype_notes():
    ev = snapshot(fact("parameters.total", 333_312),
                  fact("parameters.by_dtype", {"BF16": 7_600_000_000, "U8": 900_000_000}))
    notes = parameter_notes(ev, Options())
    assert len(notes) == 2
    assert "per-dtype counts sum to 8.500B but the Hub total is 333.3K" in notes[0].explanation
    assert "packed integer dtypes (U8)" in notes[1].explanation


def test_tiny_integer_buffers_are_not_packed_weights():
    ev = snapshot(fact("parameters.by_dtype", {"BF16": 7_000_000_000, "I32": 1000}))
    assert parameter_notes(ev, Options()) == []
