"""The JSON depth bound: its fast check agrees with a plain token scan on every input."""

from __future__ import annotations

import random

import pytest

from checker.safefiles import _JSON_TOKENS, json_too_deep


def _scan(raw: bytes, limit: int) -> str | None:
    """The bound as a plain scan of tokens (the definition the fast check must agree with)."""
    depth = 0
    for m in _JSON_TOKENS.finditer(raw):
        c = m.group()
        if c in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return f"nested deeper than {limit} levels (at byte {m.start()})"
        elif c in (b"]", b"}"):
            depth -= 1
    return None


@pytest.mark.parametrize("seed", range(40))
def test_fast_check_agrees_with_the_scan(seed: int):
    rnd = random.Random(seed)
    alphabet = [b"[", b"]", b"{", b"}", b'"', b"\\", b"a", b",", b"\n", b"1"]
    for _ in range(200):
        raw = b"".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 60)))
        limit = rnd.randint(0, 6)
        assert json_too_deep(raw, limit) == _scan(raw, limit), raw


def test_brackets_inside_strings_do_not_count():
    assert json_too_deep('{"a": "' + "[" * 100 + '"}') is None
    assert json_too_deep('{"a": "\\"' + "[" * 100 + '"}') is None
    assert json_too_deep("[" * 65 + "]" * 65) == "nested deeper than 64 levels (at byte 64)"
    assert json_too_deep("[" * 64 + "]" * 64) is None


@pytest.mark.parametrize("seed", range(20))
def test_fast_check_agrees_with_the_scan_on_long_runs(seed: int):
    # Runs of plain bytes (collapsed by the fast check) after backslashes, inside and outside strings.
    rnd = random.Random(1000 + seed)
    alphabet = [b"[", b"]", b"{", b"}", b'"', b"\\", b"\\\\", b"abc", b" \n\t", b"\xc3\xa9", b"x" * 40]
    for _ in range(200):
        raw = b"".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 80)))
        limit = rnd.randint(0, 8)
        assert json_too_deep(raw, limit) == _scan(raw, limit), raw
