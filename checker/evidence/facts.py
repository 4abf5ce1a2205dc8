"""The evidence model: a fact, a repo's recorded evidence (one snapshot file), and an unavailable result.

A verifier never sees HTTP; it sees facts. Every fact says how it was obtained (``method``) and where
(``source_url``), and how precise it is (``precision``).
"""

from __future__ import annotations

import math
from enum import Enum, StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from checker.registry.models import DateField, DateTimeField, HubRepoId, empty_list

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


class FactKind(StrEnum):
    """What a fact is about: the vocabulary evidence sources emit and checkers read (a snapshot fact of any
    other kind is a validation error, so producers and readers cannot drift apart)."""

    PARAMETERS_TOTAL = "parameters.total"              # number; precision = unit of the last written digit
    PARAMETERS_ACTIVE = "parameters.active"
    PARAMETERS_NON_EMBEDDING = "parameters.non_embedding"
    PARAMETERS_BY_DTYPE = "parameters.by_dtype"        # dict dtype -> count
    LICENSE = "license"                                # Hub licence id ("mit", "other"), or a list of them
    LICENSE_NAME = "license_name"
    LICENSE_LINK = "license_link"
    GATED = "gated"                                    # false | "auto" | "manual"
    PRIVATE = "private"
    DISABLED = "disabled"
    EXISTS = "exists"                                  # true
    RENAMED_TO = "renamed_to"
    CREATED_AT = "created_at"                          # ISO datetime
    LAST_MODIFIED = "last_modified"
    RELEASE_DATE = "release_date"                      # ISO date or interval from a model card
    BASE_MODEL = "base_model"                          # list of repo ids; [] = none declared
    BASE_MODEL_RELATION = "base_model_relation"
    AUTHOR = "author"                                  # the owner namespace
    MODEL_TYPE = "model_type"
    ARCHITECTURES = "architectures"
    VISION_ENCODER = "vision_encoder"                  # family, e.g. "qwen2.5-vl"
    VISION_CONFIG = "vision_config"                    # dict
    MOE = "moe"                                        # dict of the config's expert settings
    CONTEXT_LENGTH = "context_length"                  # tokens; the native window, or a rope-scaled one
    DOWNLOADS = "downloads"                            # last 30 days
    DOWNLOADS_ALL_TIME = "downloads_all_time"
    LIKES = "likes"
    PIPELINE_TAG = "pipeline_tag"
    LIBRARY_NAME = "library_name"
    TAGS = "tags"
    TRAINING_FROM_SCRATCH_STATEMENT = "training.from_scratch_statement"   # text the card states


class HubFile(StrEnum):
    """Repo files a live fetch reads beyond the API fields, when a claim's property needs them."""

    CONFIG = "config.json"
    MODEL_CARD = "README.md"


def _finite(value: Any, where: str = "value") -> Any:
    """``value`` unchanged, or ValueError when a number anywhere in it is NaN or infinite."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{where} must be a finite number, got {value!r}")
    if isinstance(value, dict):
        for k, v in value.items():
            _finite(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _finite(v, f"{where}[{i}]")
    return value


class Fact(BaseModel):
    """One observed fact about one repo.

    ``property`` is a :class:`FactKind`; ``precision`` is the unit of the last significant digit (a "103B"
    badge has precision 1e9; absent = exact). Numbers are finite everywhere (no NaN, no infinity).
    """

    model_config = ConfigDict(extra="forbid")

    property: FactKind
    value: Any
    precision: float | None = Field(default=None, gt=0, allow_inf_nan=False,
                                    description="Unit of the last significant digit; null = exact.")
    method: Method
    source_url: str | None = None
    quote: str | None = None
    revision: str | None = None
    observed_at: DateField | DateTimeField | None = None
    confidence: Literal["high", "medium", "low"] | None = None
    note: str | None = None
    origin: str | None = Field(default=None, description="The evidence source that gave the fact (snapshot, "
                                                         "hub, ...), when several were merged.")

    @field_validator("value")
    @classmethod
    def _value_is_finite(cls, value: Any) -> Any:
        return _finite(value)


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
    retrieved_at: DateTimeField
    revision: str | None = None
    origin: Literal["live", "public-pages"] = Field(
        description="live = recorded from the Hub API; public-pages = built from public pages (not exact API values)")
    facts: list[Fact] = Field(default_factory=empty_list)
    raw: RawResponses | None = None
    gated_files: list[HubFile] = Field(default_factory=empty_list, description=(
        "Files the checked properties needed that were gated to the token used (their facts are missing)."))
    note: str | None = None

    def facts_for(self, prop: str) -> list[Fact]:
        """The facts recorded for ``prop``, in file order."""
        return [f for f in self.facts if f.property == prop]


UnavailableReason = Literal[
    "no-snapshot", "not-found", "gated", "disabled", "rate-limited", "timeout", "server-error",
    "connection-error", "bad-response", "unauthorized", "wrong-repo", "implausible", "error",
]


class Unavailable(BaseModel):
    """Evidence for a repo could not be obtained; never a contradiction."""

    model_config = ConfigDict(extra="forbid")

    repo_id: str
    reason: UnavailableReason
    detail: str = ""
