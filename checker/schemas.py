"""JSON Schemas of every file format, generated from the pydantic models (never written by hand)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from checker.engine.findings import Report
from checker.evidence.facts import RepoEvidence
from checker.registry.models import ConfigFile, EntitiesFile, LicensesFile, PropertiesFile, SourceFile

MODELS: dict[str, type[BaseModel]] = {
    "source": SourceFile,
    "entities": EntitiesFile,
    "licenses": LicensesFile,
    "properties": PropertiesFile,
    "snapshot": RepoEvidence,
    "report": Report,
    "config": ConfigFile,
}
TITLES = {
    "source": "claimcheck claim file (claims/sources/*.yaml)",
    "entities": "claimcheck entities (claims/entities.yaml)",
    "licenses": "claimcheck model licences (claims/licenses.yaml)",
    "properties": "claimcheck declared properties (claims/properties.yaml)",
    "snapshot": "claimcheck Hub evidence snapshot (claims/evidence/hub/<owner>/<name>.json)",
    "report": "claimcheck verification report (verify --format json)",
    "config": "claimcheck registry settings (claims/claimcheck.yaml)",
}


def schema_dict(kind: str) -> dict:
    """The JSON Schema of ``kind`` as a dict."""
    schema = MODELS[kind].model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": TITLES[kind], **{
        k: v for k, v in schema.items() if k != "title"}}


def schema_text(kind: str) -> str:
    """The JSON Schema of ``kind`` as stable, indented JSON text."""
    return json.dumps(schema_dict(kind), ensure_ascii=False, indent=2) + "\n"


#: Where the generated schemas are shipped (package data); tests assert they equal the generated text.
SHIPPED_DIR = Path(__file__).parent / "schemas"


def write_schemas(directory: Path = SHIPPED_DIR) -> list[Path]:
    """Write ``<kind>.schema.json`` for every kind into ``directory``; returns the paths written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind in MODELS:
        path = directory / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":  # python -m checker.schemas: regenerate the shipped schemas
    for written in write_schemas():
        print(written)
