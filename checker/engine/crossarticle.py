"""Cross-article consistency: claims about the same (subject, property) compared with each other.

Compatibility:
- dates: the intervals overlap;
- quantities: the intervals their comparators admit (``>=30만`` is [29.5만, inf)) come within the
  approximate bound of each other, relative to the two figures' mean (each interval is widened by half
  the bound times its own figure); a ``~`` figure is first widened by the whole bound;
- anything else (bool, text, licence, entity, repo, relation): equal after normalisation.

Verdicts: Hub evidence decides. A claim the Hub judged (supported, approximate, contradicted) keeps its
verdict and lists the other sources in ``related``. An unverifiable claim is settled by the other
sources: any conflicting one -> ``disputed`` (``sources-disagree``); else any agreeing one ->
``supported`` (``cross-article``); the Hub's own reason (evidence unavailable, metadata cannot prove, ...)
stays in the explanation. A claim no other source repeats keeps its Hub reason, or becomes
``single-source`` when the Hub cannot check it at all. Claims of the same source neither agree nor
disagree with each other.

Cost: one pass groups the claims in a dict; agreement and conflict counts come from sorted interval
bounds (O(n log n) per group) or value counts, and each finding lists at most ``MAX_RELATED`` others,
so the work stays linear in the number of claims even when one group is very large.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from checker.engine.compare import declared_interval
from checker.engine.context import Judgement, Options
from checker.engine.findings import RelatedClaim
from checker.engine.normalise import value_json, value_text
from checker.licenses import LicenseBook
from checker.registry.types import Claim, Relation, Subject
from checker.values import DateInterval, Quantity

MAX_RELATED = 20
#: Hub reasons meaning the Hub has nothing to say about the claim at all.
HUB_SILENT = frozenset({"no-repo", "not-hub-checkable"})
_INF = Decimal("Infinity")


@dataclass(frozen=True)
class Settled:
    """A claim's judgement after cross-article comparison, with the other sources' claims."""

    judgement: Judgement
    related: tuple[RelatedClaim, ...]


def _interval(value: object, approximate: Decimal) -> tuple[Decimal, Decimal] | None:
    if isinstance(value, DateInterval):
        return Decimal(value.start.toordinal()), Decimal(value.end.toordinal())
    if not isinstance(value, Quantity):
        return None
    lo, hi = declared_interval(value)
    lo, hi = (-_INF if lo is None else lo), (_INF if hi is None else hi)
    size = abs(value.number)
    if value.comparator == "~":
        lo, hi = lo - approximate * size, hi + approximate * size
    return lo - approximate * size / 2, hi + approximate * size / 2


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def _key(value: object, licenses: LicenseBook) -> object:
    """The form values are compared in when they are not intervals."""
    if isinstance(value, Subject):
        return ("subject", value.id)
    if isinstance(value, Relation):
        return ("relation", value.object.id, value.mode, value.amount)
    if isinstance(value, str):
        known = licenses.resolve(value)
        return ("text", _fold(known.id if known is not None else value))
    if isinstance(value, Quantity):
        return ("quantity", value.number, value.comparator, value.currency)
    if isinstance(value, DateInterval):
        return ("date", value.start, value.end)
    return (type(value).__name__, value)


class _Group:
    """One (subject, property) group: pairwise compatibility and per-claim counts."""

    def __init__(self, members: list[int], claims: Sequence[Claim], options: Options, licenses: LicenseBook):
        self.members = members
        values = [claims[i].value for i in members]
        bounds = [_interval(v, options.approximate) for v in values]
        kinds = {type(v) for v in values}
        self.intervals = bounds if len(kinds) == 1 and all(b is not None for b in bounds) else None
        self.keys = None if self.intervals is not None else [_key(v, licenses) for v in values]
        self.pos = {claim_index: k for k, claim_index in enumerate(members)}

    def compatible(self, i: int, j: int) -> bool:
        a, b = self.pos[i], self.pos[j]
        if self.intervals is not None:
            (a_lo, a_hi), (b_lo, b_hi) = self.intervals[a], self.intervals[b]  # type: ignore[misc]
            return a_lo <= b_hi and b_lo <= a_hi
        assert self.keys is not None
        return self.keys[a] == self.keys[b]

    def counts(self) -> list[tuple[int, int]]:
        """(agreeing, conflicting) other claims for each member, before same-source correction."""
        n = len(self.members)
        if self.intervals is not None:
            los = sorted(lo for lo, _ in self.intervals)  # type: ignore[misc]
            his = sorted(hi for _, hi in self.intervals)  # type: ignore[misc]
            out = []
            for lo, hi in self.intervals:  # type: ignore[misc]
                conflicts = (n - bisect_right(los, hi)) + bisect_left(his, lo)
                out.append((n - 1 - conflicts, conflicts))
            return out
        assert self.keys is not None
        tally = Counter(self.keys)
        return [(tally[k] - 1, n - tally[k]) for k in self.keys]


def cross_check(claims: Sequence[Claim], judgements: Sequence[Judgement], options: Options,
                licenses: LicenseBook) -> list[Settled]:
    """Settle each claim against the other sources' claims; one result per claim, in order."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        groups[(claim.subject.id, claim.property)].append(i)

    results = [Settled(j, ()) for j in judgements]
    by_id = {c.global_id: c for c in claims}
    for members in groups.values():
        if len(members) < 2:
            if judgements[members[0]].verdict == "unverifiable":
                results[members[0]] = Settled(_alone(claims[members[0]], judgements[members[0]]), ())
            continue
        group = _Group(members, claims, options, licenses)
        counts = group.counts()
        by_source: dict[str, list[int]] = defaultdict(list)
        for i in members:
            by_source[claims[i].source.id].append(i)
        for k, i in enumerate(members):
            agree, conflict = counts[k]
            for j in by_source[claims[i].source.id]:
                if j != i:
                    if group.compatible(i, j):
                        agree -= 1
                    else:
                        conflict -= 1
            related = _related(i, members, claims, group)
            results[i] = Settled(_settle(claims[i], judgements[i], agree, conflict, related, by_id), related)
    return results


def _related(i: int, members: list[int], claims: Sequence[Claim], group: _Group) -> tuple[RelatedClaim, ...]:
    out = []
    for j in members:
        if len(out) == MAX_RELATED:
            break
        if j == i or claims[j].source.id == claims[i].source.id:
            continue
        c = claims[j]
        out.append(RelatedClaim(claim_id=c.global_id, source_id=c.source.id, published=c.source.published,
                                value=value_json(c.value), compatible=group.compatible(i, j)))
    return tuple(out)


def _describe(related: tuple[RelatedClaim, ...], claims_by_id: dict[str, Claim], total: int,
              mark: bool) -> str:
    parts = []
    for r in related:
        flag = "" if not mark else (" (agrees)" if r.compatible else " (conflicts)")
        parts.append(f"{r.source_id} ({r.published.isoformat()}) says {value_text(claims_by_id[r.claim_id].value)}{flag}")
    if total > len(related):
        parts.append(f"and {total - len(related)} more")
    return "; ".join(parts)


def _hub_note(judgement: Judgement) -> str:
    return "" if judgement.reason in HUB_SILENT else f" (Hub: {judgement.explanation})"


def _settle(claim: Claim, judgement: Judgement, agree: int, conflict: int,
            related: tuple[RelatedClaim, ...], by_id: dict[str, Claim]) -> Judgement:
    if judgement.verdict != "unverifiable":
        return judgement
    if agree + conflict == 0:
        return _alone(claim, judgement)
    if conflict:
        listed = _describe(related, by_id, agree + conflict, mark=True)
        return replace(judgement, verdict="disputed", reason="sources-disagree",
                       explanation=f"sources disagree with this {value_text(claim.value)}: {listed}{_hub_note(judgement)}")
    agreeing = tuple(r for r in related if r.compatible)
    listed = _describe(agreeing, by_id, agree, mark=False)
    return replace(judgement, verdict="supported", reason="cross-article",
                   explanation=f"no Hub evidence settles it; other sources agree: {listed}{_hub_note(judgement)}")


def _alone(claim: Claim, judgement: Judgement) -> Judgement:
    if judgement.reason not in HUB_SILENT:
        return judgement
    return replace(judgement, reason="single-source",
                   explanation=f"no other source states {claim.property} for {claim.subject.name}; {judgement.explanation}")
