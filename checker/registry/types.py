"""The loaded, normalised registry the engine works on (built by ``checker.registry.loader``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Union

from checker.registry.models import ConfigFile, Entity, LicenseEntry, SourceMeta, Verdict
from checker.values import DateInterval, Quantity

if TYPE_CHECKING:
    from checker.kinds import ValueKind
    from checker.properties import Vocabulary


def _no_declarations() -> Vocabulary:
    from checker.properties import Vocabulary  # the table imports the engine, which imports this module

    return Vocabulary()


@dataclass(frozen=True, slots=True)
class Position:
    """Where something stands in a registry file (1-based)."""

    path: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Subject:
    """What a claim is about: a registry entity, or a bare Hub repo (``hf:owner/name``)."""

    id: str                      # entity id, or "hf:owner/name"
    name: str                    # display name
    repo_id: str | None          # Hub repo id when it has one
    entity: Entity | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    """``relation.size``: the subject is ``smaller_by``/``larger_by`` a fraction than, or ``fraction_of`` the
    size of, another subject."""

    object: Subject
    mode: str                    # "smaller_by" | "larger_by" | "fraction_of"
    amount: Decimal              # as a fraction: 5% -> Decimal("0.05")
    step: Decimal                # rounding unit of the written percentage, as a fraction (5% -> 0.01)


# Claim values: one frozen dataclass per value kind, tagged by ``kind``, so a check that reads a value of the
# wrong kind fails type checking until it narrows the union (``match`` / ``isinstance``).


@dataclass(frozen=True, slots=True)
class QuantityValue:
    """A ``quantity`` claim's value."""

    quantity: Quantity
    kind: Literal["quantity"] = "quantity"


@dataclass(frozen=True, slots=True)
class DateValue:
    """A ``date`` claim's value: the interval it names."""

    interval: DateInterval
    kind: Literal["date"] = "date"


@dataclass(frozen=True, slots=True)
class BoolValue:
    """A ``bool`` claim's value."""

    flag: bool
    kind: Literal["bool"] = "bool"


@dataclass(frozen=True, slots=True)
class TextValue:
    """A ``text`` claim's value, stripped."""

    text: str
    kind: Literal["text"] = "text"


@dataclass(frozen=True, slots=True)
class EntityValue:
    """An ``entity`` claim's value: the registry entity it names."""

    subject: Subject
    kind: Literal["entity"] = "entity"


@dataclass(frozen=True, slots=True)
class LicenseValue:
    """A ``license`` claim's value: the licence id, alias or family as written."""

    license: str
    kind: Literal["license"] = "license"


@dataclass(frozen=True, slots=True)
class RepoValue:
    """A ``repo`` claim's value: a subject with a Hub repo, or None for ``none``."""

    subject: Subject | None
    kind: Literal["repo"] = "repo"

    @property
    def none(self) -> bool:
        """The claim says there is none (``base_model: none``)."""
        return self.subject is None


@dataclass(frozen=True, slots=True)
class RelationValue:
    """A ``relation`` claim's value."""

    relation: Relation
    kind: Literal["relation"] = "relation"


ClaimValue = Union[QuantityValue, DateValue, BoolValue, TextValue, EntityValue, LicenseValue, RepoValue,
                   RelationValue]


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim with its value parsed for its property's kind."""

    global_id: str               # "<source id>/<claim id>"
    id: str
    source: SourceMeta
    subject: Subject
    property: str
    kind: ValueKind              # parses, writes and compares the value
    raw_value: object
    value: ClaimValue            # tagged by kind (``value.kind == kind.name``)
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
            if isinstance(c.value, RelationValue) and c.value.relation.object.repo_id:
                repos.add(c.value.relation.object.repo_id)
        return sorted(repos)
