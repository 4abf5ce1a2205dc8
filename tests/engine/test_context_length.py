"""context_length: token counts as written, config.json windows (native and rope-scaled), K = 1,024."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checker.engine.context_length import TOKENS, check_context_length, read_config, readings
from checker.evidence.facts import FactKind, Method
from checker.evidence.hub_facts import config_facts
from tests.engine.factory import claim, context, fact, snapshot


@pytest.mark.parametrize("raw, number", [
    ("128K", 128_000), ("128k", 128_000), ("128,000 tokens", 128_000), (32768, 32_768), ("32768", 32_768),
    ("1M tokens", 1_000_000), ("8192 토큰", 8_192),
])
def test_token_counts_parse(raw, number):
    assert TOKENS.parse(raw, names=None).quantity.number == number  # type: ignore[arg-type,union-attr]


def test_k_reads_as_1024_first_and_decimal_too():
    c = claim("context_length", TOKENS.parse("128K", names=None), raw="128K")  # type: ignore[arg-type]
    assert [q.number for q in readings(c)] == [Decimal(131_072), Decimal(128_000)]
    c = claim("context_length", TOKENS.parse("128,000 tokens", names=None), raw="128,000 tokens")  # type: ignore[arg-type]
    assert [q.number for q in readings(c)] == [Decimal(128_000)]


@pytest.mark.parametrize("config, expected", [
    ({"max_position_embeddings": 131072}, [131072]),
    ({"n_positions": 2048, "model_type": "gpt2"}, [2048]),                         # GPT-2's field
    ({"text_config": {"max_position_embeddings": 32768}}, [32768]),                # multimodal
    ({"max_position_embeddings": 32768,
      "rope_scaling": {"type": "yarn", "factor": 4.0, "original_max_position_embeddings": 32768}}, [32768, 131072]),
    ({"max_position_embeddings": 131072,                                          # already the scaled window
      "rope_scaling": {"rope_type": "llama3", "factor": 8.0, "original_max_position_embeddings": 8192}}, [131072]),
    ({"max_position_embeddings": True}, []),
    ({"hidden_size": 4096}, []),
])
def test_windows_read_from_config(config, expected):
    assert [value for kind, value, _ in read_config(config)] == expected
    facts = config_facts(config, source_url="https://hub.example/config.json", revision=None, observed_at=None)
    assert [f.value for f in facts if f.property is FactKind.CONTEXT_LENGTH] == expected
    assert all(f.method is Method.CONFIG for f in facts if f.property is FactKind.CONTEXT_LENGTH)


def test_no_window_is_unverifiable():
    c = claim("context_length", TOKENS.parse("128K", names=None), raw="128K")  # type: ignore[arg-type]
    j = check_context_length(c, snapshot(fact("exists", True)), context())
    assert (j.verdict, j.reason) == ("unverifiable", "no-evidence")


def test_explanation_names_the_field_and_the_reading():
    c = claim("context_length", TOKENS.parse("128K", names=None), raw="128K")  # type: ignore[arg-type]
    window = fact("context_length", 131072, Method.CONFIG, note="max_position_embeddings")
    j = check_context_length(c, snapshot(window), context())
    assert j.verdict == "supported"
    assert j.explanation == ("config.json max_position_embeddings gives 131,072 tokens at revision abcdef1; "
                             "matches the claimed 128K read as 131,072 (K = 1,024)")
