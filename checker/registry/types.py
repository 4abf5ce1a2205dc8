"""The loaded, normalised registry the engine works on (built by ``checker.registry.loader``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Union

from checker.registry.models import ConfigFile, Entity, LicenseEntry, SourceMeta, Verdict
from checker.values import DateInterval, Quantity

if TYPE_CHECKING:
    from checker.kinds import ValueKind
    from checker.properties import Vocabulary


def _no_declarations() -> Vocabulary:
    from checker.properties import Vocabulary  # the table imports the engine, which imports this module

    return Vocabulary()


@dataclass(frozen=True)
class Position:
    """Where something stands in a registry file (1-based)."""

    path: str
    line: int
    col: int


@dataclass(frozen=True)
class Subject:
    """What a claim is about: a registry entity, or a bare Hub repo (``hf:owner/name``)."""

    id: str                      # entity id, or "hf:owner/name"
    name: str                    # display name
    repo_id: str | None          # Hub repo id when it has one
    entity: Entity | None = None


@dataclass(frozen=True)
class Relation:
    """``relation.size``: the subject is ``smaller_by``/``larger_by`` a fraction than, or ``fraction_of`` the
    size of, another subject."""

    object: Subject
    mode: str                    # "smaller_by" | "larger_by" | "fraction_of"
    amount: Decimal              # as a fraction: 5% -> Decimal("0.05")
    step: Decimal                # rounding unit of the written percentage, as a fraction (5% -> 0.01)


NormalisedValue = Union[Quantity, DateInterval, bool, str, Subject, Relation, None]


@dataclass(frozen=True)
class Claim:
    """One claim with its value parsed for its property's kind."""

    global_id: str               # "<source id>/<claim id>"
    id: str
    source: SourceMeta
    subject: Subject
    property: str
    kind: ValueKind              # parses, writes and compares the value
    raw_value: object
    value: NormalisedValue       # base_model "none" -> None; entity -> Subject; license -> str
    quote: str
    position: Position
    tolerance: Decimal | None = None   # per-claim tolerance as a fraction
    expect: Verdict | None = None
    note: str | None = None
    quote_offset: int | None = None    # character offset in the source text, when checked


@dataclass
class Registry:
    """A whole registry: sources with their claims, entities, licences."""

    root: Path
    claims: list[Claim] = field(default_factory=list)
    sources: dict[str, SourceMeta] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    licenses: dict[str, LicenseEntry] = field(default_factory=dict)
    config: ConfigFile = field(default_factory=ConfigFile)
    vocabulary: Vocabulary = field(default_factory=_no_declarations)   # built-in + properties.yaml

    def repo_ids(self) -> list[str]:
        """Every Hub repo the registry references (subjects and relation objects), sorted."""
        repos: set[str] = set()
        for c in self.claims:
            if c.subject.repo_id:
                repos.add(c.subject.repo_id)
            if isinstance(c.value, Relation) and c.value.object.repo_id:
                repos.add(c.value.object.repo_id)
        return sorted(repos)
