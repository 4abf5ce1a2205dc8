"""``parameters.total`` / ``parameters.active``: declared counts against the Hub's and the card's.

Rules (DESIGN.md, Verdicts):
- A claim that matches (within tolerance) the developer's own model-card statement is supported with
  reason ``model-card``, provided the checkpoint total does not differ from the card by more than the
  approximate bound (an MTP module or a vision tower explains a few per cent, not more).
- Otherwise the verdict follows the most exact fact (``METHOD_RANK``) and the reason names its method;
  every fact is listed as evidence, and the explanation also quotes the model card's figure and any
  fact that disagrees with the most exact one.
- Active counts are compared only with active facts, totals only with totals; a figure that matches the
  other count is pointed out rather than mixed up.
- Differences inside the evidence (card vs checkpoint, badge vs card, per-dtype sum vs total) become
  evidence notes of their own.
"""

from __future__ import annotations

from decimal import Decimal
from typing import assert_never

from checker.engine.compare import compare, evidence_interval, figure, interval_gap, number, percent, relative, versus
from checker.engine.context import Context, Judgement, Options, at_revision, pinned, ranked, unverifiable
from checker.engine.findings import EvidenceNote
from checker.engine.reasons import ReasonCode as R
from checker.evidence.facts import Fact, Method, RepoEvidence
from checker.registry.types import Claim, QuantityValue
from checker.values import Quantity, format_quantity

TOTAL, ACTIVE = "parameters.total", "parameters.active"
_OTHER = {TOTAL: ACTIVE, ACTIVE: TOTAL}
CHECKPOINT_HINT = "which may include an MTP module or a vision tower"
# Integer storage dtypes hold packed quantized weights: their element counts are not parameter counts.
# (I64 is left out: small I64 buffers such as position ids are common in unquantized checkpoints.)
_PACKED_DTYPES = {"U8", "I8", "U16", "I16", "U32", "I32"}
_PACKED_SHARE = Decimal("0.01")

Figure = tuple[Fact, Decimal]


def figures(evidence: RepoEvidence, prop: str) -> list[Figure]:
    """The numeric facts for ``prop``, most exact first, pinned to the snapshot's revision."""
    out = []
    for fact in ranked(evidence.facts_for(prop)):
        value = number(fact.value)
        if value is not None:
            out.append((pinned(fact, evidence), value))
    return out


def describe(fig: Figure, prop: str = TOTAL) -> str:
    """``model card says 671B`` / ``size badge 103B (rounded)`` / ``... 12B active``."""
    fact, value = fig
    text = figure(value, fact.precision) + (" active" if prop == ACTIVE else "")
    match fact.method:  # exhaustive: a new Method fails type checking here, not at run time
        case Method.HUB_API:
            return f"Hub safetensors total is {text}"
        case Method.SAFETENSORS_HEADER:
            return f"safetensors headers count {text}"
        case Method.CONFIG:
            return f"config.json implies {text}"
        case Method.MODEL_CARD:
            return f"model card says {text}"
        case Method.PAGE:
            return f"size badge {text} (rounded)"
        case Method.RECONSTRUCTED:
            return f"reconstructed figure {text} (not an exact API value)"
        case _:
            assert_never(fact.method)


def _gap(a: Figure, b: Figure) -> Decimal:
    """Distance between two facts' intervals relative to the first one's figure."""
    (fa, va), (fb, vb) = a, b
    return relative(interval_gap(evidence_interval(va, fa.precision), evidence_interval(vb, fb.precision)), va)


def check_parameters(claim: Claim, evidence: RepoEvidence, ctx: Context) -> Judgement:
    if not isinstance(claim.value, QuantityValue):
        return unverifiable(R.INVALID_VALUE, f"{claim.property} needs a quantity, got {claim.raw_value!r}")
    q = claim.value.quantity
    prop, tol, approx = claim.property, ctx.tolerance_for(claim), ctx.options.approximate
    figs = figures(evidence, prop)
    if not figs:
        return _no_figure(claim, q, evidence, ctx)

    checkpoint = next((f for f in figs if f[0].method is not Method.MODEL_CARD), None)
    for card in (f for f in figs if f[0].method is Method.MODEL_CARD):
        c = compare(q, card[1], card[0].precision, tol, approx)
        if c.verdict != "supported" or (checkpoint and _gap(card, checkpoint) > approx):
            continue
        text = f"{describe(card, prop)} ({versus(c, q)}){at_revision(card[0])}"
        if checkpoint and _gap(card, checkpoint) > tol:
            diff = relative(checkpoint[1] - card[1], card[1])
            hint = f", {CHECKPOINT_HINT}" if diff > 0 else ""
            text += f"; the checkpoint differs: {describe(checkpoint, prop)} ({percent(diff)}){hint}"
        used = (card[0],) + ((checkpoint[0],) if checkpoint else ())
        return Judgement("supported", R.MODEL_CARD, text, used)

    best = figs[0]
    c = compare(q, best[1], best[0].precision, tol, approx)
    if c.verdict != "supported":
        # Figures of the same precision that disagree (a card's truncated 102B, the Hub badge's rounded 103B)
        # are both the developer's or the Hub's word: one that matches decides.
        for fig in figs[1:]:
            if fig[0].precision == best[0].precision and (
                    alt := compare(q, fig[1], fig[0].precision, tol, approx)).verdict == "supported":
                best, c = fig, alt
                figs = [fig] + [f for f in figs if f is not fig]
                break
    text = f"{describe(best, prop)} ({versus(c, q)}){at_revision(best[0])}"
    # The developer's own figure is always worth quoting; other facts only when they disagree.
    others = [describe(f, prop) for f in figs[1:] if f[0].method is Method.MODEL_CARD or _gap(f, best) > tol][:2]
    if others:
        text += "; also " + "; ".join(others)
    if c.verdict != "supported":
        text += _mixup_hint(q, evidence, _OTHER[prop], ctx)
    return Judgement(c.verdict, R.of_method(best[0].method), text, tuple(f for f, _ in figs))


def settled_by_api(claim: Claim, evidence: RepoEvidence) -> bool:
    """Whether ``evidence`` (the Hub API's facts alone) decides a ``parameters.total`` claim whatever the
    model card says, so a live fetch need not read the card for it.

    True when the API's exact total supports the claim at zero tolerance (hence at every run's tolerance;
    a claim's own tolerance is its own): with card figures added, a matching card figure supports it, and
    otherwise the most exact figure decides, which is that API total (``METHOD_RANK``). A value that is
    not a quantity is unverifiable whatever the evidence. An approximate or contradicted API verdict
    settles nothing: the developer's card figure may support the claim.
    """
    if not isinstance(claim.value, QuantityValue):
        return True
    tolerance = claim.tolerance if claim.tolerance is not None else Decimal(0)
    figs = figures(evidence, claim.property)
    return bool(figs) and figs[0][0].method is Method.HUB_API and compare(
        claim.value.quantity, figs[0][1], figs[0][0].precision, tolerance, Options().approximate).verdict == "supported"


def _no_figure(claim: Claim, q: Quantity, evidence: RepoEvidence, ctx: Context) -> Judgement:
    label = "active-parameter" if claim.property == ACTIVE else "total-parameter"
    text = f"no {label} figure recorded for {evidence.repo_id}"
    if claim.property == ACTIVE:
        text += " (Hub metadata never counts MoE active parameters)"
    text += _mixup_hint(q, evidence, _OTHER[claim.property], ctx)
    return unverifiable(R.NO_EVIDENCE, text)


def _mixup_hint(q: Quantity, evidence: RepoEvidence, other: str, ctx: Context) -> str:
    """``; the claimed 102B matches the total (102.6B), not an active count`` when it does."""
    for fig in figures(evidence, other):
        c = compare(q, fig[1], fig[0].precision, ctx.options.tolerance, ctx.options.approximate)
        if c.verdict == "supported":
            which, not_which = ("total", "an active count") if other == TOTAL else ("active count", "the total")
            shown = figure(fig[1], fig[0].precision)
            return f"; the claimed {format_quantity(q)} matches the {which} ({shown}), not {not_which}"
    return ""


def parameter_notes(evidence: RepoEvidence, options: Options) -> list[EvidenceNote]:
    """Differences inside one repo's parameter evidence, each with the facts that show it."""
    notes: list[EvidenceNote] = []
    for prop in (TOTAL, ACTIVE):
        figs = figures(evidence, prop)
        if not figs:
            continue
        ref = figs[0]
        for fig in figs[1:]:
            if _gap(fig, ref) <= options.tolerance:
                continue
            diff = relative(ref[1] - fig[1], fig[1])
            hint = f", {CHECKPOINT_HINT}" if fig[0].method is Method.MODEL_CARD and diff > 0 else ""
            notes.append(EvidenceNote(
                repo_id=evidence.repo_id, property=prop,
                explanation=f"{describe(fig, prop)} but {describe(ref, prop)} ({percent(diff)}){hint}",
                facts=[fig[0], ref[0]]))
    notes.extend(_dtype_notes(evidence, options))
    return notes


def _dtype_notes(evidence: RepoEvidence, options: Options) -> list[EvidenceNote]:
    by_dtype = next((f for f in evidence.facts_for("parameters.by_dtype") if isinstance(f.value, dict)), None)
    if by_dtype is None:
        return []
    maybe = {k: number(v) for k, v in by_dtype.value.items()}
    counts = {k: v for k, v in maybe.items() if v is not None}
    if len(counts) != len(maybe):
        return []
    notes = []
    fact = pinned(by_dtype, evidence)
    total = next((f for f in figures(evidence, TOTAL) if f[0].method is Method.HUB_API), None)
    dtype_sum = sum(counts.values(), Decimal(0))
    if total is not None and relative(abs(total[1] - dtype_sum), dtype_sum) > options.tolerance:
        notes.append(EvidenceNote(
            repo_id=evidence.repo_id, property=TOTAL,
            explanation=(f"per-dtype counts sum to {figure(dtype_sum)} but the Hub total is {figure(total[1])} "
                         "(the total may be a value declared in the repo)"),
            facts=[fact, total[0]]))
    packed = sorted(k for k in counts if k.upper() in _PACKED_DTYPES)
    if packed and sum(counts[k] for k in packed) >= _PACKED_SHARE * dtype_sum:
        notes.append(EvidenceNote(
            repo_id=evidence.repo_id, property=TOTAL,
            explanation=(f"packed integer dtypes ({', '.join(packed)}) hold quantized weights: their element "
                         "counts are not parameter counts, so the Hub total may undercount"),
            facts=[fact]))
    return notes
