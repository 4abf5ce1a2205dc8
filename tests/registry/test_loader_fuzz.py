"""Whatever a source file holds, loading reports problems (RegistryError) and never crashes."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import RegistryError
from checker.registry.loader import load_registry
from tests.registry.conftest import BASE

BASE_SOURCE = (BASE / "sources" / "a.yaml").read_text(encoding="utf-8")

# Mutations of a valid file find more paths through the loader than random text alone.
lines = BASE_SOURCE.splitlines(keepends=True)
mutated = st.builds(
    lambda i, junk: "".join(lines[:i] + [junk] + lines[i + 1:]),
    st.integers(0, len(lines) - 1),
    st.one_of(st.text(max_size=40), st.sampled_from(["  value: {\n", "- [\n", "    value: !!binary x\n",
                                                     "  - id: size\n", "    quote: ''\n", "\t\n", "    value: .nan\n"])),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.one_of(st.text(max_size=300), st.binary(max_size=200), mutated))
def test_any_source_file_gives_a_result_or_problems(content):
    root = Path(tempfile.mkdtemp())
    try:
        reg = root / "reg"
        shutil.copytree(BASE, reg)
        target = reg / "sources" / "a.yaml"
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        try:
            load_registry(reg, texts=[reg / "texts"])
        except RegistryError as exc:
            assert exc.problems and all(p.line >= 1 and p.col >= 1 for p in exc.problems)
    finally:
        shutil.rmtree(root)
