"""``relation.size``: "X is 5 % smaller than Y" / "X is 5 % of the size of Y" / "X is 5 % larger than Y".

Each model's size is its model-card total when the card states one (the developer's headline figure),
else its most exact total. The declared relation gives an interval of size ratios X/Y from the written
percentage's rounding (``smaller_by 5%`` -> 1 - [4.5 %, 5.5 %]; ``fraction_of 5%`` -> [4.5 %, 5.5 %]);
the evidence gives one from both figures' precisions. Their gap, relative to the declared ratio, is the
relative error of the size the claim implies for X: within the tolerance -> supported, within the
approximate bound -> approximate, else contradicted; a "smaller"/"larger" claim whose direction is
wrong is contradicted however close. The explanation always states the actual
relation, so "5 % smaller than" and "5 % of the size of" are told apart.
"""

from __future__ import annotations

from decimal import Decimal

from checker.engine.compare import evidence_interval, figure, grade, interval_gap, percent, relative
from checker.engine.context import Context, Judgement, unverifiable
from checker.engine.parameters import TOTAL, Figure, figures
from checker.engine.reasons import ReasonCode as R
from checker.evidence.facts import Method, RepoEvidence, Unavailable
from checker.kinds import RELATION_WORDS, written_percent
from checker.registry.types import Claim, Relation, RelationValue, Subject


def headline_size(evidence: RepoEvidence) -> Figure | None:
    """The model-card total when stated, else the most exact total."""
    figs = figures(evidence, TOTAL)
    return next((f for f in figs if f[0].method is Method.MODEL_CARD), figs[0] if figs else None)


def declared_ratio(rel: Relation) -> tuple[Decimal, Decimal, Decimal]:
    """(low, high, nominal) size ratio subject/object the relation declares."""
    lo, hi = max(rel.amount - rel.step / 2, Decimal(0)), rel.amount + rel.step / 2
    if rel.mode == "smaller_by":
        return 1 - hi, 1 - lo, 1 - rel.amount
    if rel.mode == "larger_by":
        return 1 + lo, 1 + hi, 1 + rel.amount
    return lo, hi, rel.amount


def actual_relation(s: Decimal, o: Decimal) -> tuple[str, str]:
    """(``is 4.8 % of``, `` (95.2 % smaller)``) or (``is 12.0 % larger than``, ``""``)."""
    ratio = s / o
    if ratio <= 1:
        return f"is {percent(ratio, signed=False)} of", f" ({percent(1 - ratio, signed=False)} smaller)"
    return f"is {percent(ratio - 1, signed=False)} larger than", ""


def _wrong_direction(mode: str, actual: tuple[Decimal, Decimal | None]) -> bool:
    """A "smaller" claim about a surely larger model, or the reverse, is wrong however close."""
    lo, hi = actual
    return (mode == "smaller_by" and lo > 1) or (mode == "larger_by" and hi is not None and hi < 1)


def check_relation_size(claim: Claim, evidence: RepoEvidence, ctx: Context) -> Judgement:
    if not isinstance(claim.value, RelationValue):
        return unverifiable(R.INVALID_VALUE, f"relation.size needs an object and a percentage, got {claim.raw_value!r}")
    rel = claim.value.relation
    obj: Subject = rel.object
    if not obj.repo_id:
        return unverifiable(R.NO_REPO, f"{obj.name} has no Hub repo in the registry; its size cannot be read")
    obj_evidence = ctx.repo(obj.repo_id)
    if not isinstance(obj_evidence, RepoEvidence):
        why = f"{obj_evidence.reason}: {obj_evidence.detail}" if isinstance(obj_evidence, Unavailable) else "not recorded"
        return unverifiable(R.EVIDENCE_UNAVAILABLE, f"evidence for {obj.repo_id} ({obj.name}) is unavailable ({why})")
    s, o = headline_size(evidence), headline_size(obj_evidence)
    missing = [name for name, fig in ((claim.subject.name, s), (obj.name, o)) if fig is None]
    if missing:
        return unverifiable(R.NO_EVIDENCE, f"no total parameter figure recorded for {' and '.join(missing)}")
    assert s is not None and o is not None
    (s_fact, s_val), (o_fact, o_val) = s, o
    if o_val <= 0:
        return unverifiable(R.NO_EVIDENCE, f"{obj.name}'s recorded size is {o_val}")
    s_lo, s_hi = evidence_interval(s_val, s_fact.precision)
    o_lo, o_hi = evidence_interval(o_val, o_fact.precision)
    actual = (s_lo / o_hi, s_hi / o_lo if o_lo > 0 else None)
    d_lo, d_hi, nominal = declared_ratio(rel)
    gap = relative(interval_gap((d_lo, d_hi), actual), nominal)
    verdict = grade(gap, ctx.tolerance_for(claim), ctx.options.approximate)
    if _wrong_direction(rel.mode, actual):
        verdict = "contradicted"
    verb, aside = actual_relation(s_val, o_val)
    text = (f"{claim.subject.name} ({figure(s_val, s_fact.precision)}) {verb} {obj.name}'s "
            f"{figure(o_val, o_fact.precision)}{aside}; claimed: {written_percent(rel)} {RELATION_WORDS[rel.mode]} "
            f"{obj.name}")
    return Judgement(verdict, R.PARAMETER_RATIO, text, (s_fact, o_fact))
