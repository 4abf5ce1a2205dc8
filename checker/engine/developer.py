"""``developer``: the claimed organisation against the repo's owner namespace on the Hub.

The owner is the ``author`` fact, or else the namespace of the repo id. It is mapped to a registry
entity through the entities' ``hub_orgs``. The claim is supported when that entity is the claimed one,
a subsidiary of it (its ``parent`` chain reaches the claimed entity), or its parent (a model published
under the parent company's namespace); any other organisation contradicts it. An owner no entity lists
leaves the claim unverifiable: the registry, not the Hub, is then incomplete.
"""

from __future__ import annotations

from collections.abc import Mapping

from checker.engine.context import Context, Judgement, first_value, pinned, unverifiable
from checker.engine.reasons import ReasonCode as R
from checker.evidence.facts import RepoEvidence
from checker.registry.models import Entity
from checker.registry.types import Claim, EntityValue, RepoValue


def owner_index(entities: Mapping[str, Entity]) -> dict[str, str]:
    """Case-folded Hub namespace -> entity id (the first entity listing it wins)."""
    owners: dict[str, str] = {}
    for ent in entities.values():
        for org in ent.hub_orgs:
            owners.setdefault(org.casefold(), ent.id)
    return owners


def ancestors(entity_id: str, entities: Mapping[str, Entity]) -> list[str]:
    """The ``parent`` chain above ``entity_id``, nearest first (cycle-safe)."""
    chain: list[str] = []
    current = entities.get(entity_id)
    while current is not None and current.parent and current.parent not in chain and current.parent != entity_id:
        chain.append(current.parent)
        current = entities.get(current.parent)
    return chain


def _name(entity_id: str, entities: Mapping[str, Entity]) -> str:
    ent = entities.get(entity_id)
    return ent.names[0] if ent else entity_id


def check_developer(claim: Claim, evidence: RepoEvidence, ctx: Context) -> Judgement:
    claimed = claim.value.subject if isinstance(claim.value, (EntityValue, RepoValue)) else None
    if claimed is None:
        return unverifiable(R.INVALID_VALUE, f"developer needs an entity, got {claim.raw_value!r}")
    author = first_value(evidence, "author")
    owner = str(author.value) if author is not None and author.value else evidence.repo_id.split("/")[0]
    facts = (pinned(author, evidence),) if author is not None else ()
    owner_entity = ctx.owners.get(owner.casefold())
    if owner_entity is None:
        return unverifiable(R.OWNER_UNKNOWN, f"repo owner {owner!r} is not a Hub namespace of any registry "
                                             "entity (hub_orgs); cannot tell who it belongs to", facts)
    who, named = _name(owner_entity, ctx.entities), claimed.name
    if owner_entity == claimed.id:
        return Judgement("supported", R.REPO_OWNER, f"repo owner {owner} is {who}'s Hub namespace", facts)
    if claimed.id in ancestors(owner_entity, ctx.entities):
        return Judgement("supported", R.REPO_OWNER, f"repo owner {owner} belongs to {who}, part of {named}", facts)
    if owner_entity in ancestors(claimed.id, ctx.entities):
        return Judgement("supported", R.REPO_OWNER,
                         f"repo owner {owner} belongs to {who}, the parent organisation of {named}", facts)
    return Judgement("contradicted", R.REPO_OWNER, f"repo owner {owner} belongs to {who}, not {named}", facts)
