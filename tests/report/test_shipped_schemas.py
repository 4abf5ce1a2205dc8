"""The JSON Schemas shipped in checker/schemas/ are generated, never edited by hand."""

from __future__ import annotations

import pytest

from checker.schemas import MODELS, SHIPPED_DIR, schema_text, write_schemas


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_shipped_schema_is_the_generated_one(kind):
    shipped = SHIPPED_DIR / f"{kind}.schema.json"
    assert shipped.is_file(), f"{shipped} is missing: run `python -m checker.schemas`"
    assert shipped.read_text(encoding="utf-8") == schema_text(kind), (
        f"{shipped} differs from the models: run `python -m checker.schemas`")


def test_write_schemas(tmp_path):
    paths = write_schemas(tmp_path)
    assert sorted(p.name for p in paths) == sorted(f"{k}.schema.json" for k in MODELS)
