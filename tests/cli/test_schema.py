"""`claimcheck schema`: every file format the project defines can be printed."""

from __future__ import annotations

import json

from click.testing import CliRunner

from checker.cli import cli
from checker.cli.validate import SCHEMA_KINDS
from checker.schemas import MODELS


def test_schema_offers_every_format() -> None:
    assert sorted(SCHEMA_KINDS) == sorted(MODELS)


def test_schema_prints_the_properties_format() -> None:
    result = CliRunner().invoke(cli, ["schema", "--kind", "properties"])
    assert result.exit_code == 0, result.output
    assert "properties" in json.loads(result.output)["properties"]
