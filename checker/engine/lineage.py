"""``base_model``, ``from_scratch``, ``vision_encoder``: where a model comes from (anchors A5).

- A declared base model (``base_model`` facts: card metadata, ``baseModels``, adapter config) is
  self-declared and often missing: it can refute, and its absence proves nothing. A claimed base is
  supported when it is declared, or declared further up by a declared base whose own evidence is in the
  snapshot (the chain is followed); otherwise the declaration contradicts it. Nothing declared leaves a
  claim unverifiable (``no-base-model-declared``).
- "Trained from scratch" can be refuted by a declared base model, never proved by metadata
  (``metadata-cannot-prove``, saying what was checked).
- Vision encoders are compared as normalised family names (lower case; spaces, dashes, dots and
  underscores dropped, so "Qwen2.5-VL" = "qwen2_5_vl"). A claim naming a prefix of the recorded family
  ("Qwen" for "qwen2.5-vl") matches it; a claim more specific than the family matches on the family,
  and the explanation says the rest was not checked.
"""

from __future__ import annotations

from checker.engine.context import Context, Judgement, pinned, ranked, read_from, unverifiable
from checker.engine.reasons import ReasonCode as R
from checker.evidence.facts import Fact, RepoEvidence
from checker.kinds import fold_text
from checker.registry.types import BoolValue, Claim, EntityValue, RepoValue

_MAX_DEPTH = 10


def declared_bases(evidence: RepoEvidence) -> tuple[list[str], tuple[Fact, ...]]:
    """Every base model the repo declares (first spelling kept, de-duplicated), and the facts read."""
    facts = tuple(pinned(f, evidence) for f in ranked(evidence.facts_for("base_model")))
    bases: dict[str, str] = {}
    for fact in facts:
        values = fact.value if isinstance(fact.value, list) else [fact.value]
        for v in values:
            if isinstance(v, str) and v.strip():
                bases.setdefault(v.strip().casefold(), v.strip())
    return list(bases.values()), facts


def lineage(bases: list[str], ctx: Context) -> dict[str, str]:
    """Declared bases and, through the snapshot, their declared bases: case-folded id -> the base it
    was declared by (itself for a direct base)."""
    found = {b.casefold(): b for b in bases}
    frontier = list(bases)
    for _ in range(_MAX_DEPTH):
        nxt = []
        for repo in frontier:
            ev = ctx.repo(repo)
            if not isinstance(ev, RepoEvidence):
                continue
            for parent in declared_bases(ev)[0]:
                if parent.casefold() not in found:
                    found[parent.casefold()] = found[repo.casefold()]
                    nxt.append(parent)
        if not nxt:
            break
        frontier = nxt
    return found


def _relation(evidence: RepoEvidence) -> str:
    fact = next(iter(evidence.facts_for("base_model_relation")), None)
    return f" ({fact.value})" if fact is not None and fact.value else ""


def check_base_model(claim: Claim, evidence: RepoEvidence, ctx: Context) -> Judgement:
    none = isinstance(claim.value, RepoValue) and claim.value.none
    claimed = claim.value.subject if isinstance(claim.value, (EntityValue, RepoValue)) else None
    bases, facts = declared_bases(evidence)
    if not bases:
        what = "nothing is declared" if none else "no base_model is declared"
        return unverifiable(R.NO_BASE_MODEL_DECLARED,
                            f"{what} in the card metadata of {evidence.repo_id}; absence of metadata "
                            "is not evidence of absence", facts)
    declared = f"the card declares base_model {', '.join(bases)}{_relation(evidence)}"
    if none:
        return Judgement("contradicted", R.DECLARED_BASE_MODEL, declared, facts)
    if claimed is None or not claimed.repo_id:
        name = claimed.name if claimed is not None else repr(claim.raw_value)
        return unverifiable(R.NO_REPO, f"{name} has no Hub repo in the registry to compare; {declared}", facts)
    via = lineage(bases, ctx).get(claimed.repo_id.casefold())
    if via is None:
        return Judgement("contradicted", R.DECLARED_BASE_MODEL, f"{declared}, not {claimed.repo_id}", facts)
    if via.casefold() == claimed.repo_id.casefold():
        return Judgement("supported", R.DECLARED_BASE_MODEL, declared, facts)
    return Judgement("supported", R.DECLARED_BASE_MODEL,
                     f"{declared}, which descends from {claimed.repo_id} per its own metadata", facts)


def check_from_scratch(claim: Claim, evidence: RepoEvidence, ctx: Context) -> Judgement:
    if not isinstance(claim.value, BoolValue):
        return unverifiable(R.INVALID_VALUE, f"from_scratch needs true or false, got {claim.raw_value!r}")
    bases, facts = declared_bases(evidence)
    if bases:
        declared = f"the card declares base_model {', '.join(bases)}{_relation(evidence)}"
        if claim.value.flag:
            return Judgement("contradicted", R.DECLARED_BASE_MODEL, f"{declared}: not trained from scratch", facts)
        return Judgement("supported", R.DECLARED_BASE_MODEL, declared, facts)
    if not claim.value.flag:
        return unverifiable(R.NO_BASE_MODEL_DECLARED,
                            f"no base_model declared for {evidence.repo_id}; absence of metadata is not "
                            "evidence of training from scratch either", facts)
    statement = next(iter(evidence.facts_for("training.from_scratch_statement")), None)
    said = f"; the card states {str(statement.value)!r}" if statement is not None else ""
    used = facts + ((pinned(statement, evidence),) if statement is not None else ())
    return unverifiable(R.METADATA_CANNOT_PROVE,
                        f"no base_model declared in the card metadata or adapter config{said}; metadata "
                        "can never prove training from scratch", used)


def _families(evidence: RepoEvidence) -> list[tuple[Fact, str]]:
    out = [(pinned(f, evidence), str(f.value)) for f in ranked(evidence.facts_for("vision_encoder"))
           if isinstance(f.value, str) and f.value.strip()]
    for f in ranked(evidence.facts_for("vision_config")):
        if isinstance(f.value, dict) and isinstance(f.value.get("model_type"), str):
            out.append((pinned(f, evidence), f.value["model_type"]))
    return out


#: A claimed vision encoder of more words than this is a description, not a family name.
DESCRIPTION_WORDS = 3


def check_vision_encoder(claim: Claim, evidence: RepoEvidence, ctx: Context) -> Judgement:
    claimed = claim.kind.to_text(claim.value)
    key = fold_text(claimed)
    families = _families(evidence)
    if not families:
        return unverifiable(R.NO_EVIDENCE, f"no vision encoder recorded for {evidence.repo_id} "
                                           "(no vision_config in config.json)")
    if len(claimed.split()) > DESCRIPTION_WORDS:
        # "an open-source model of a Chinese company" names no family: metadata can neither match nor refute it.
        names = ", ".join(repr(f) for _, f in families)
        return unverifiable(R.INVALID_VALUE, f"the claim describes the vision encoder ({claimed}) without naming a "
                                             f"family; the recorded encoder is {names}", tuple(f for f, _ in families))
    for fact, family in families:
        fkey = fold_text(family)
        if key and fkey.startswith(key):
            return Judgement("supported", R.of_method(fact.method),
                             f"{read_from(fact.method)} names the vision encoder {family!r}, "
                             f"of the claimed {claimed} family",
                             (fact,))
        if fkey and key.startswith(fkey):
            return Judgement("supported", R.of_method(fact.method),
                             f"{read_from(fact.method)} names the vision encoder {family!r}; the claim's detail "
                             f"beyond that family ({claimed}) is not checked", (fact,))
    names = ", ".join(repr(f) for _, f in families)
    return Judgement("contradicted", R.of_method(families[0][0].method),
                     f"{read_from(families[0][0].method)} names the vision encoder {names}, not {claimed}",
                     tuple(f for f, _ in families))
