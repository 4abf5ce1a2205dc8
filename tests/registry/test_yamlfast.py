"""The libyaml fast path reads every registry file exactly as ruamel's round-trip loader does."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from checker.registry.positioned import PosDict, PosList, from_ruamel
from checker.registry.yamlbounds import check_yaml_bounds
from checker.registry.yamlfast import fast_load

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(p for p in [*ROOT.glob("claims/**/*.yaml"), *ROOT.glob("tests/**/*.yaml")])


def _positions(node, out: list, path: str = "") -> list:
    """Every value and (line, col) of a loaded tree, flattened for comparison."""
    if isinstance(node, PosDict):
        out.append((path, "map", node.line, node.col))
        for key, value in node.items():
            out.append((f"{path}/{key}", "kv", *node.pos[key]))
            _positions(value, out, f"{path}/{key}")
    elif isinstance(node, PosList):
        out.append((path, "seq", node.line, node.col))
        for i, value in enumerate(node):
            out.append((f"{path}/{i}", "item", *node.pos[i]))
            _positions(value, out, f"{path}/{i}")
    else:
        out.append((path, type(node).__name__, node))
    return out


def _ruamel(text: str):
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    return from_ruamel(yaml.load(text))


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_fast_path_matches_ruamel(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: the loader reports it")
    if check_yaml_bounds(text, path.name):
        pytest.skip("beyond the bounds (a hostile input): neither loader ever sees it")
    try:
        expected = _ruamel(text)
    except Exception:
        pytest.skip("not valid YAML: ruamel reads it, and reports the error")
    fast = fast_load(text)
    if fast is None:
        return  # the caller falls back to ruamel: nothing to compare
    assert _positions(fast, []) == _positions(expected, [])


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",                # duplicate key: ruamel words the error
    "a: !!binary aGVsbG8=\n",      # explicit tag
    "base: &b {x: 1}\nc:\n  <<: *b\n",  # merge key
    "a: [1, 2\n",                  # syntax error
])
def test_unusual_documents_fall_back_to_ruamel(text: str):
    assert fast_load(text) is None


def test_yaml_1_2_rules_not_1_1():
    """``no``/``on`` stay strings and ``010`` is not octal, as in YAML 1.2 (PyYAML alone would differ)."""
    data = fast_load("a: no\nb: on\nc: 2025-08-14\nd: 2025-08\ne: 1_000\nf: 0x1F\n")
    assert data is not None
    assert data == _ruamel("a: no\nb: on\nc: 2025-08-14\nd: 2025-08\ne: 1_000\nf: 0x1F\n")
    assert data["a"] == "no" and data["b"] == "on" and data["d"] == "2025-08"


@pytest.mark.parametrize("text", [
    "a: " + "[" * 65 + "]" * 65 + "\n",                   # nested deeper than the bound
    "a: 1" + "0" * 120 + "\n",                            # a number of more than 100 digits
    "a: 2026-02-30\n",                                    # an impossible date
    "a: '" + "x" * 100_001 + "'\n",                       # a value longer than the bound
])
def test_fast_path_declines_what_breaks_a_bound(text: str):
    """The fast path builds without a separate bounds pass, so it must decline every text beyond one (the
    caller's bounds check then words the problem)."""
    assert check_yaml_bounds(text, "a.yaml")
    assert fast_load(text) is None


def test_common_file_is_read_in_one_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A plain registry file is not scanned twice: the bounds pass runs only when the fast path declines."""
    import checker.registry.yamlfile as yamlfile

    calls: list[str] = []
    monkeypatch.setattr(yamlfile, "check_yaml_bounds", lambda text, path: calls.append(path) or [])
    plain = tmp_path / "plain.yaml"
    plain.write_text("source:\n  id: a\nclaims:\n  - id: b\n    value: 3\n")
    doc, problems = yamlfile.read_yaml(plain)
    assert doc is not None and not problems and calls == []
    anchored = tmp_path / "anchored.yaml"
    anchored.write_text("a: &x [1]\nb: *x\n")
    doc, problems = yamlfile.read_yaml(anchored)
    assert doc is not None and calls == [yamlfile.display_path(anchored)]
