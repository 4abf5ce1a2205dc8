"""``context_length``: the context window in tokens, against config.json.

Facts: the config's window field (``max_position_embeddings``, or the architecture's equivalent: ``n_positions``,
``max_sequence_length``, ``seq_length``, ``n_ctx``), read from the top level or, in a multimodal config,
``text_config``; with ``rope_scaling`` (a ``factor`` over ``original_max_position_embeddings``, else over the
window) a scaled window beyond the native one is a second fact (Qwen's YaRN: 32,768 x 4), since a model card
may state either; a window that already is the scaled one (Llama 3.1's 131,072) stays the only fact.

Values: ``128K``, ``128k``, ``128,000 tokens``, ``32768``. A token count's ``K`` is 1,024 (``128K`` = 131,072),
the decimal reading (128,000) being accepted too: the claim is judged by whichever reading fits the evidence
best. A claim matches when it matches any recorded window (the native or the rope-scaled one).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from checker.engine.compare import Comparison, compare, percent
from checker.engine.context import Context, Judgement, at_revision, pinned, ranked, unverifiable
from checker.engine.reasons import ReasonCode as R
from checker.evidence.facts import Fact, FactKind, RepoEvidence
from checker.kinds import Names, QuantityKind
from checker.registry.types import Claim, ClaimValue, QuantityValue
from checker.values import Quantity, parse_quantity

#: Fields holding the context window, by architecture family (first found wins).
WINDOW_FIELDS = ("max_position_embeddings", "n_positions", "max_sequence_length", "seq_length", "n_ctx")
_TOKENS_WORD = re.compile(r"\s*(?:tokens?|토큰)\s*$", re.IGNORECASE)
_KILO = re.compile(r"^\s*(?:[<>]=?|~|≥|≤)?\s*[0-9][0-9.,]*\s*[kK]\s*(?:tokens?|토큰)?\s*$", re.IGNORECASE)
_RANK = {"supported": 0, "approximate": 1, "contradicted": 2}


class TokenCountKind(QuantityKind):
    """A token count: a quantity, optionally followed by ``tokens`` (``128,000 tokens``, ``128K``)."""

    def parse(self, raw: Any, names: Names) -> ClaimValue:
        return QuantityValue(parse_quantity(_TOKENS_WORD.sub("", raw) if isinstance(raw, str) else raw))


TOKENS = TokenCountKind()


def read_config(config: Mapping[str, Any]) -> list[tuple[FactKind, Any, str | None]]:
    """The context windows ``config`` records: native, and rope-scaled when ``rope_scaling`` has a factor."""
    text = config.get("text_config")
    for where, part in (("", config), ("text_config.", text if isinstance(text, Mapping) else {})):
        for key in WINDOW_FIELDS:
            window = part.get(key)
            if isinstance(window, int) and not isinstance(window, bool) and window > 0:
                out: list[tuple[FactKind, Any, str | None]] = [(FactKind.CONTEXT_LENGTH, window, f"{where}{key}")]
                rope = part.get("rope_scaling")
                factor = rope.get("factor") if isinstance(rope, Mapping) else None
                if isinstance(factor, (int, float)) and not isinstance(factor, bool) and factor > 1:
                    assert isinstance(rope, Mapping)
                    original = rope.get("original_max_position_embeddings")
                    base = original if isinstance(original, int) and original > 0 else window
                    scaled = int(base * factor)
                    if scaled > window:  # else the window already is the scaled one (Llama 3.1: 131,072)
                        kind = rope.get("rope_type") or rope.get("type") or "rope"
                        out.append((FactKind.CONTEXT_LENGTH, scaled,
                                    f"{where}rope_scaling: {kind} factor {factor:g} over {base}"))
                return out
    return []


def readings(claim: Claim) -> list[Quantity]:
    """The declared count, and its binary reading when written with ``K`` (128K: 131,072 first)."""
    assert isinstance(claim.value, QuantityValue)
    q = claim.value.quantity
    if isinstance(claim.raw_value, str) and _KILO.match(claim.raw_value):
        binary = Quantity(q.number / 1000 * 1024, q.step / 1000 * 1024, q.comparator, q.currency)
        return [binary, q]
    return [q]


def check_context_length(claim: Claim, evidence: RepoEvidence, ctx: Context) -> Judgement:
    """The best match of any reading of the claim with any recorded window (config.json)."""
    if not isinstance(claim.value, QuantityValue):
        return unverifiable(R.INVALID_VALUE, f"context_length needs a token count, got {claim.raw_value!r}")
    facts = [pinned(f, evidence) for f in ranked(evidence.facts_for(FactKind.CONTEXT_LENGTH))
             if isinstance(f.value, int) and not isinstance(f.value, bool)]
    if not facts:
        return unverifiable(R.NO_EVIDENCE, "no context window recorded (config.json not read, or it has none)")
    best: tuple[int, Comparison, Quantity, Fact] | None = None
    for fact in facts:
        for q in readings(claim):
            c = compare(q, Decimal(fact.value), fact.precision, ctx.tolerance_for(claim), ctx.options.approximate)
            key = (_RANK[c.verdict], c.gap)
            if best is None or key < (best[0], best[1].gap):
                best = (_RANK[c.verdict], c, q, fact)
    assert best is not None
    _, c, q, fact = best
    if c.verdict == "contradicted" and q.comparator == "=" and q.number % 1000 == 0:
        # "128,000 tokens" is the decimal spelling of 128K: not a rounding of 131,072, but the same size named
        # in the other unit, so a partial truth at best.
        kilo = Quantity(q.number / 1000 * 1024, q.step, q.comparator, q.currency)
        for f in facts:
            if compare(kilo, Decimal(f.value), f.precision, ctx.tolerance_for(claim),
                       ctx.options.approximate).verdict == "supported":
                own = compare(q, Decimal(f.value), f.precision, ctx.tolerance_for(claim), ctx.options.approximate)
                c, fact = Comparison("approximate", own.gap, own.diff), f
                break
    where = f"config.json {fact.note}" if fact.note else "config.json"
    claimed = str(claim.raw_value).strip()
    if q is not claim.value.quantity:
        claimed += f" read as {int(q.number):,} (K = 1,024)"
    relation = "matches" if c.diff == 0 else f"{percent(c.diff)} vs"
    return Judgement(c.verdict, R.CONFIG, f"{where} gives {fact.value:,} tokens{at_revision(fact)}; "
                                          f"{relation} the claimed {claimed}", (fact,))
