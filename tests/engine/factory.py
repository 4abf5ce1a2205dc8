"""Small builders for engine unit tests: claims, facts, snapshots and registries without files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from checker.engine.context import Context, Options
from checker.engine.developer import owner_index
from checker.evidence.facts import Fact, Method, RepoEvidence
from checker.kinds import KINDS, ValueKind
from checker.licenses import LicenseBook
from checker.registry.loader import load_vocabulary
from checker.registry.models import Entity, LicenseEntry, SourceMeta
from checker.registry.types import (
    BoolValue,
    Claim,
    ClaimValue,
    DateValue,
    EntityValue,
    LicenseValue,
    Position,
    QuantityValue,
    Registry,
    Relation,
    RelationValue,
    RepoValue,
    Subject,
    TextValue,
)
from checker.values import DateInterval, Quantity

REPO = "example-org/m"
#: The seed registry's vocabulary: built-in properties and claims/properties.yaml.
VOCABULARY = load_vocabulary(Path(__file__).resolve().parents[2] / "claims")


def kind_of(prop: str) -> ValueKind:
    """The value kind ``prop`` takes in the seed vocabulary (text when it is not there)."""
    spec = VOCABULARY.lookup(prop)
    return spec.kind if spec is not None else KINDS["text"]


def subject(repo: str | None = REPO, sid: str = "m", name: str = "Model-M") -> Subject:
    return Subject(id=sid, name=name, repo_id=repo)


def source(sid: str = "news-a", published: dt.date = dt.date(2026, 1, 10)) -> SourceMeta:
    return SourceMeta(id=sid, published=published, url=f"https://news.example.com/{sid}")


def tagged(kind: ValueKind, value: Any) -> ClaimValue:
    """A plain value (Quantity, DateInterval, bool, str, Subject, Relation, None) tagged by its type; a value of
    the wrong type for ``kind`` (``"lots"`` for a quantity) stays text, as an ill-typed claim to refuse."""
    match value:
        case QuantityValue() | DateValue() | BoolValue() | TextValue() | EntityValue() | LicenseValue() | \
                RepoValue() | RelationValue():
            return value
        case Quantity():
            return QuantityValue(value)
        case DateInterval():
            return DateValue(value)
        case bool():
            return BoolValue(value)
        case Relation():
            return RelationValue(value)
        case Subject():
            return RepoValue(value) if kind.name == "repo" else EntityValue(value)
        case None:
            return RepoValue(None)
        case str():
            return LicenseValue(value) if kind.name == "license" else TextValue(value)
    raise AssertionError(f"no claim value for {value!r}")


def claim(prop: str, value: Any, *, raw: Any = None, subj: Subject | None = None, src: SourceMeta | None = None,
          cid: str = "c", tolerance=None, expect=None) -> Claim:
    src = src or source()
    return Claim(global_id=f"{src.id}/{cid}", id=cid, source=src, subject=subj or subject(), property=prop,
                 kind=kind_of(prop), raw_value=raw if raw is not None else value, value=tagged(kind_of(prop), value),
                 quote=f"{prop} {raw if raw is not None else value}", position=Position("sources/a.yaml", 3, 5),
                 tolerance=tolerance, expect=expect)


def fact(prop: str, value: Any, method: Method = Method.HUB_API, **kw) -> Fact:
    return Fact(property=prop, value=value, method=method, source_url=f"https://huggingface.co/{REPO}", **kw)


def snapshot(*facts: Fact, repo: str = REPO, revision: str | None = "abcdef1234567890",
             origin: str = "live") -> RepoEvidence:
    return RepoEvidence(repo_id=repo, retrieved_at=dt.datetime(2026, 2, 1, 9, tzinfo=dt.timezone.utc),
                        revision=revision, origin=origin, facts=list(facts))


def context(evidence: dict | None = None, entities: dict[str, Entity] | None = None,
            licenses: dict[str, LicenseEntry] | None = None, options: Options = Options()) -> Context:
    entities = entities or {}
    return Context(options=options, evidence=evidence or {}, entities=entities,
                   licenses=LicenseBook(licenses or {}), owners=owner_index(entities))


def registry(claims: list[Claim], entities: dict[str, Entity] | None = None,
             licenses: dict[str, LicenseEntry] | None = None) -> Registry:
    return Registry(root=Path("claims"), claims=claims, sources={c.source.id: c.source for c in claims},
                    entities=entities or {}, licenses=licenses or {})
