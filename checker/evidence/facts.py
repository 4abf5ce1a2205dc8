"""The evidence model: a fact, a repo's recorded evidence (one snapshot file), and an unavailable result.

A verifier never sees HTTP; it sees facts. Every fact says how it was obtained (``method``) and where
(``source_url``), and how precise it is (``precision``).
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from checker.registry.models import HubRepoId

SNAPSHOT_SCHEMA_VERSION: Literal[1] = 1


class Method(str, Enum):
    """Where a fact came from, from most to least exact."""

    HUB_API = "hub-api"
    SAFETENSORS_HEADER = "safetensors-header"
    CONFIG = "config"
    MODEL_CARD = "model-card"
    PAGE = "page"
    RECONSTRUCTED = "reconstructed"


#: Lower rank = more exact; the engine prefers the most exact fact.
METHOD_RANK: dict[Method, int] = {m: i for i, m in enumerate(Method)}


class Fact(BaseModel):
    """One observed fact about one repo.

    Fact properties (the vocabulary evidence sources emit):
    ``parameters.total``, ``parameters.active``, ``parameters.non_embedding`` (number; ``precision`` is the
    unit of the last significant digit, e.g. a "103B" badge has precision 1e9; absent = exact),
    ``parameters.by_dtype`` (dict dtype -> count), ``license`` (Hub license id, e.g. "mit", "other"),
    ``license_name``, ``license_link``, ``gated`` (false | "auto" | "manual"), ``private``, ``disabled``,
    ``created_at``, ``last_modified`` (ISO datetime strings), ``release_date`` (ISO date or interval text
    from a model card), ``base_model`` (list of repo ids; [] = none declared), ``base_model_relation``,
    ``author`` (the owner namespace), ``model_type``, ``architectures``, ``vision_encoder`` (family, e.g.
    "qwen2.5-vl"), ``vision_config`` (dict), ``downloads`` (last 30 days), ``downloads_all_time``,
    ``likes``, ``pipeline_tag``, ``library_name``, ``tags``, ``exists`` (true), ``renamed_to``,
    ``training.from_scratch_statement`` (text the card states).
    """

    model_config = ConfigDict(extra="forbid")

    property: str
    value: Any
    precision: float | None = Field(default=None, description="Unit of the last significant digit; null = exact.")
    method: Method
    source_url: str | None = None
    quote: str | None = None
    revision: str | None = None
    observed_at: dt.date | dt.datetime | None = None
    confidence: Literal["high", "medium", "low"] | None = None
    note: str | None = None


class RawResponses(BaseModel):
    """The raw responses a live recording was made from, so every fact is auditable."""

    model_config = ConfigDict(extra="forbid")

    model_info: dict[str, Any] | None = None
    config_json: dict[str, Any] | None = None
    model_card: str | None = None


class RepoEvidence(BaseModel):
    """One snapshot file: ``claims/evidence/hub/<owner>/<name>.json``."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1] = SNAPSHOT_SCHEMA_VERSION
    repo_id: HubRepoId
    retrieved_at: dt.datetime
    revision: str | None = None
    origin: Literal["live", "public-pages"] = Field(
        description="live = recorded from the Hub API; public-pages = built from public pages (not exact API values)")
    facts: list[Fact] = Field(default_factory=list)
    raw: RawResponses | None = None
    note: str | None = None

    def facts_for(self, prop: str) -> list[Fact]:
        """The facts recorded for ``prop``, in file order."""
        return [f for f in self.facts if f.property == prop]


UnavailableReason = Literal[
    "no-snapshot", "not-found", "gated", "disabled", "rate-limited", "timeout", "server-error",
    "connection-error", "bad-response", "unauthorized", "error",
]


class Unavailable(BaseModel):
    """Evidence for a repo could not be obtained; never a contradiction."""

    model_config = ConfigDict(extra="forbid")

    repo_id: str
    reason: UnavailableReason
    detail: str = ""
