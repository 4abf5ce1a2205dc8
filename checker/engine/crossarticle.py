"""Across sources: claims about the same (subject, property) compared with each other (DESIGN.md, policy v2).

Compatibility:
- quantities: the intervals overlap with positive length, or (plain and ``~`` figures) one is the other
  rounded or truncated and they are at most the approximate bound apart; a one-sided bound ("up to 1,000")
  starts at the figure itself, so "up to 1,000" and "1,000 or more" only touch (``quantities_compatible``);
- dates: the intervals overlap;
- anything else (bool, text, licence, entity, repo): equal after normalisation. A relation is grouped with
  its object, so claims about other pairs are other facts.

Independence: two sources are not independent when they are the same source, share the same article text
(``text:``), or have the same publisher and a verbatim-identical quote (a wire copy). Claims that are not
independent of a claim neither corroborate nor dispute it (they are listed, marked ``independent: false``);
conflicting claims of one source are flagged (``same-source-conflict``).

Verdicts: Hub evidence decides: a claim the Hub judged keeps its verdict and lists the other sources. Evidence
that could not be obtained never improves a verdict: such a claim stays ``unverifiable``
(``evidence-unavailable``) with the other sources as context. Otherwise a claim of a primary source
(``kind: primary``, published by the subject's developer, organiser or Hub owner) decides the others as Hub
evidence would (``primary-source``); its own claims are not evidence for themselves. Failing that, any
conflict makes the claim ``disputed`` with a tally of each value and its sources, and independent agreement
makes a claim the Hub had nothing on (``SETTLEABLE``) ``corroborated`` (``cross-article``), never
``supported``. A claim no other source repeats keeps its Hub reason, or becomes ``single-source`` when the
Hub cannot check it at all. Properties that change over time (``TIME_VARYING``) are only compared between
sources published the same day.

Cost: one pass groups the claims in a dict; dates and keys are counted from sorted bounds or value counts,
quantities once per pair of distinct figures; each finding lists at most ``MAX_RELATED`` others.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from checker.engine.compare import compare, explained_by_rounding, interval_gap, overlaps, relative, versus
from checker.engine.context import Judgement, Options
from checker.engine.findings import RelatedClaim
from checker.engine.reasons import ReasonCode as R
from checker.licenses import LicenseBook
from checker.registry.models import Verdict
from checker.registry.types import Claim, QuantityValue, RelationValue
from checker.values import Quantity

MAX_RELATED = 20
#: Hub reasons meaning the Hub has nothing to say about the claim at all.
HUB_SILENT = frozenset({R.NO_REPO, R.NOT_HUB_CHECKABLE})
#: Unverifiable reasons other sources may settle (the Hub had no bearing evidence). Not
#: ``evidence-unavailable``: evidence that could not be obtained never improves a verdict.
SETTLEABLE = HUB_SILENT | {R.NO_EVIDENCE}
#: Unverifiable reasons other sources never change: evidence that could not be obtained, and a value that
#: does not fit its property (a description where a name is needed) cannot be in dispute.
UNSETTLED = frozenset({R.EVIDENCE_UNAVAILABLE, R.INVALID_VALUE})
#: Properties whose true value changes over time: claims are compared only within one publication day.
TIME_VARYING = frozenset({"downloads", "likes"})


@dataclass(frozen=True)
class Settled:
    """A claim's judgement after cross-article comparison, with the other sources' claims."""

    judgement: Judgement
    related: tuple[RelatedClaim, ...]


class _Group:
    """One (subject, property) group: pairwise compatibility and per-claim counts."""

    def __init__(self, members: list[int], claims: Sequence[Claim], options: Options, licenses: LicenseBook):
        self.members = members
        group = [claims[i] for i in members]
        bounds = [c.kind.interval(c.value, options.approximate) for c in group]
        kinds = {c.kind.name for c in group}
        self.approximate = options.approximate
        # Quantities are compared pair by pair with the quantity rules (positive overlap, or one figure the
        # rounding of the other); dates by interval overlap; anything else by key.
        figures = [c.value.quantity for c in group if isinstance(c.value, QuantityValue)]
        self.quantities = figures if len(figures) == len(group) else None
        same_kind = len(kinds) == 1 and all(b is not None for b in bounds)
        self.intervals = bounds if same_kind and self.quantities is None else None
        self.keys = None if self.intervals is not None or self.quantities is not None else [
            c.kind.key(c.value, licenses) for c in group]
        self.pos = {claim_index: k for k, claim_index in enumerate(members)}
        # Pairs are judged once per pair of distinct figures (a large group repeats a few figures).
        self._pairs: dict[tuple[Quantity, Quantity], bool] = {}

    def _fit(self, qa: Quantity, qb: Quantity) -> bool:
        key = (qa, qb)
        if key not in self._pairs:
            self._pairs[key] = quantities_compatible(qa, qb, self.approximate)
        return self._pairs[key]

    def compatible(self, i: int, j: int) -> bool:
        a, b = self.pos[i], self.pos[j]
        if self.quantities is not None:
            qa, qb = self.quantities[a], self.quantities[b]
            assert isinstance(qa, Quantity) and isinstance(qb, Quantity)
            return self._fit(qa, qb)
        if self.intervals is not None:
            (a_lo, a_hi), (b_lo, b_hi) = self.intervals[a], self.intervals[b]  # type: ignore[misc]
            return a_lo <= b_hi and b_lo <= a_hi
        assert self.keys is not None
        return self.keys[a] == self.keys[b]

    def counts(self) -> list[tuple[int, int]]:
        """(agreeing, conflicting) other claims for each member, before same-source correction."""
        n = len(self.members)
        if self.quantities is not None:
            figures = [q for q in self.quantities if isinstance(q, Quantity)]
            seen: Counter[Quantity] = Counter(figures)
            fits = {u: sum(m for v, m in seen.items() if self._fit(u, v)) for u in seen}
            out = []
            for q in figures:
                agree = fits[q] - (1 if self._fit(q, q) else 0)
                out.append((agree, n - 1 - agree))
            return out
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


def quantities_compatible(a: Quantity, b: Quantity, approximate: Decimal) -> bool:
    """Two sources' figures fit one fact: their intervals overlap with positive length, or (plain or ``~``
    figures) one is the other rounded or truncated and they are at most the approximate bound apart
    ("30만" and "33만"; not "~318" and "<300", nor "30만" and "35만")."""
    if a.currency != b.currency:
        return False
    ia, ib = _bounds(a), _bounds(b)
    if overlaps(ia, ib):
        return True
    if a.comparator not in ("=", "~") or b.comparator not in ("=", "~"):
        return False
    base = min(abs(a.number), abs(b.number))
    if relative(interval_gap(ia, ib), base) > approximate:
        return False
    (a_lo, a_hi), (b_lo, b_hi) = ia, ib
    assert a_lo is not None and a_hi is not None and b_lo is not None and b_hi is not None
    return explained_by_rounding(a, (b_lo, b_hi)) or explained_by_rounding(b, (a_lo, a_hi))


def _bounds(q: Quantity) -> tuple[Decimal | None, Decimal | None]:
    """A figure's interval; a one-sided bound ("up to 1,000", "1,000 or more") from the figure itself, so that
    two bounds meeting at one figure only touch."""
    match q.comparator:
        case ">=" | ">":
            return q.number, None
        case "<=" | "<":
            return None, q.number
        case _:
            return q.bounds()


def cross_check(claims: Sequence[Claim], judgements: Sequence[Judgement], options: Options,
                licenses: LicenseBook, values: Sequence[object] | None = None,
                owners: Mapping[str, str] | None = None) -> list[Settled]:
    """Settle each claim against the other sources' claims; one result per claim, in order.
    ``values`` are the claims' JSON values when the caller already has them; ``owners`` maps case-folded Hub
    namespaces to entity ids (a ``hf:`` subject's developer)."""
    # Each value is rendered once, however many findings list it.
    shown = _Shown(claims, values)
    groups: dict[tuple[str, str, object, str | None], list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        day = claim.source.published if claim.property in TIME_VARYING else None
        # A relation is a fact about a pair: claims about other objects are other facts.
        obj = claim.value.relation.object.id if isinstance(claim.value, RelationValue) else None
        groups[(claim.subject.id, claim.property, day, obj)].append(i)

    results = [Settled(j, ()) for j in judgements]
    for members in groups.values():
        if len(members) < 2:
            if judgements[members[0]].verdict == "unverifiable":
                results[members[0]] = Settled(_alone(claims[members[0]], judgements[members[0]]), ())
            continue
        group = _Group(members, claims, options, licenses)
        counts = group.counts()
        linked = _dependence(members, claims)
        primaries = [i for i in members if is_primary(claims[i], owners or {})]
        tally: str | None = None
        for k, i in enumerate(members):
            agree, conflict = counts[k]
            own_conflicts = []
            for j in linked[i]:
                # Claims of the same source, or of a copy of it, are not independent of this one: they
                # neither corroborate nor dispute it; a same-source conflict is flagged on its own.
                if group.compatible(i, j):
                    agree -= 1
                else:
                    conflict -= 1
                    if claims[j].source.id == claims[i].source.id:
                        own_conflicts.append(j)
            related = _related(i, members, claims, group, shown, linked[i])
            judgement = judgements[i]
            primary = [j for j in primaries if j != i and j not in linked[i]]
            if judgement.verdict == "unverifiable" and judgement.reason in SETTLEABLE and primary:
                judgement = _by_primary(i, primary[0], claims, group, shown, options)
            elif judgement.verdict == "unverifiable" and conflict and judgement.reason not in UNSETTLED:
                tally = tally if tally is not None else _tally(members, claims, shown)
                judgement = replace(judgement, verdict="disputed", reason=R.SOURCES_DISAGREE,
                                    explanation=f"sources disagree: {tally}{_hub_note(judgement)}")
            else:
                judgement = _settle(i, claims[i], judgement, agree, conflict, related, shown)
            if own_conflicts:
                judgement = _self_conflict(i, own_conflicts, judgement, shown)
            results[i] = Settled(judgement, related)
    return results


def is_primary(claim: Claim, owners: Mapping[str, str]) -> bool:
    """A claim from a primary source about its publisher's own model or event (DESIGN.md, policy v2): the
    publisher is the subject itself, its developer or organiser, or the owner of its Hub repo."""
    src = claim.source
    if src.kind != "primary" or not src.publisher:
        return False
    entity = claim.subject.entity
    own = {claim.subject.id}
    if entity is not None:
        own |= {e for e in (entity.developer, entity.parent, entity.organiser) if e}
    repo = claim.subject.repo_id
    if repo and (owner := owners.get(repo.split("/")[0].casefold())):
        own.add(owner)
    return src.publisher in own


def _dependence(members: list[int], claims: Sequence[Claim]) -> dict[int, set[int]]:
    """For each member, the other members that are not independent of it: the same source, the same article
    text (``text:`` file), or the same publisher with a verbatim-identical quote (a wire copy)."""
    buckets: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in members:
        src = claims[i].source
        buckets[("id", src.id)].append(i)
        if src.text:
            buckets[("text", src.text)].append(i)
        if src.publisher:
            buckets[("copy", src.publisher, " ".join(claims[i].quote.split()))].append(i)
    linked: dict[int, set[int]] = {i: set() for i in members}
    for bucket in buckets.values():
        if len(bucket) > 1:
            for i in bucket:
                linked[i].update(j for j in bucket if j != i)
    return linked


def _tally(members: list[int], claims: Sequence[Claim], shown: _Shown) -> str:
    """``2025-12-30: 3 sources (a, b, c); 2025-12-28: 1 source (d)``: each stated value with its sources."""
    by_value: dict[str, list[str]] = defaultdict(list)
    for i in members:
        ids = by_value[shown.text(i)]
        if claims[i].source.id not in ids:
            ids.append(claims[i].source.id)
    ordered = sorted(by_value.items(), key=lambda kv: -len(kv[1]))
    parts = []
    for value, ids in ordered[:MAX_RELATED]:
        listed = ", ".join(ids[:MAX_RELATED]) + (f" and {len(ids) - MAX_RELATED} more" if len(ids) > MAX_RELATED else "")
        parts.append(f"{value}: {len(ids)} source{'s' if len(ids) != 1 else ''} ({listed})")
    if len(ordered) > MAX_RELATED:
        parts.append(f"and {len(ordered) - MAX_RELATED} more values")
    return "; ".join(parts)


def _by_primary(i: int, p: int, claims: Sequence[Claim], group: _Group, shown: _Shown,
                options: Options) -> Judgement:
    """A primary source about the subject decides the claim, as Hub evidence would."""
    c, pc = claims[i], claims[p]
    said = f"the primary source {pc.source.id} ({pc.source.published.isoformat()}, by {pc.source.publisher}) " \
           f"says {shown.text(p)}"
    if isinstance(c.value, QuantityValue) and isinstance(pc.value, QuantityValue):
        q, pq = c.value.quantity, pc.value.quantity
        cmp = compare(q, pq.number, float(pq.step) if pq.step else None, options.tolerance, options.approximate)
        return Judgement(cmp.verdict, R.PRIMARY_SOURCE, f"{said} ({versus(cmp, q)})")
    verdict: Verdict = "supported" if group.compatible(i, p) else "contradicted"
    return Judgement(verdict, R.PRIMARY_SOURCE, said)


def _self_conflict(i: int, others: list[int], judgement: Judgement, shown: _Shown) -> Judgement:
    listed = "; ".join(f"{shown.claims[j].global_id} says {shown.text(j)}" for j in others[:MAX_RELATED])
    note = f"this source contradicts itself: it says {shown.text(i)} here, but {listed}"
    if judgement.reason in SETTLEABLE | {R.CROSS_ARTICLE, R.SOURCES_DISAGREE, R.SINGLE_SOURCE}:
        return replace(judgement, verdict="disputed", reason=R.SAME_SOURCE_CONFLICT,
                       explanation=f"{note}; {judgement.explanation}")
    return replace(judgement, explanation=f"{judgement.explanation}; {note}")


class _Shown:
    """Claims as JSON values, text and related-claim entries, each built on first use only."""

    def __init__(self, claims: Sequence[Claim], values: Sequence[object] | None):
        self.claims = claims
        self.index = {c.global_id: i for i, c in enumerate(claims)}
        self._json: dict[int, object] = dict(enumerate(values)) if values is not None else {}
        self._text: dict[int, str] = {}
        self._related: dict[tuple[int, bool, bool], RelatedClaim] = {}

    def related(self, j: int, compatible: bool, independent: bool = True) -> RelatedClaim:
        """Claim ``j`` as another claim's related entry (shared: entries are never modified)."""
        key = (j, compatible, independent)
        if key not in self._related:
            c = self.claims[j]
            self._related[key] = RelatedClaim(claim_id=c.global_id, source_id=c.source.id,
                                              published=c.source.published, value=self.json(j),
                                              compatible=compatible, independent=independent)
        return self._related[key]

    def json(self, i: int) -> object:
        if i not in self._json:
            c = self.claims[i]
            self._json[i] = c.kind.to_json(c.value)
        return self._json[i]

    def text(self, i: int) -> str:
        if i not in self._text:
            c = self.claims[i]
            self._text[i] = c.kind.to_text(c.value)
        return self._text[i]


def _related(i: int, members: list[int], claims: Sequence[Claim], group: _Group,
             shown: _Shown, linked: set[int]) -> tuple[RelatedClaim, ...]:
    out: list[RelatedClaim] = []
    for j in members:
        if len(out) == MAX_RELATED:
            break
        if j == i or claims[j].source.id == claims[i].source.id:
            continue
        out.append(shown.related(j, group.compatible(i, j), j not in linked))
    return tuple(out)


def _describe(related: tuple[RelatedClaim, ...], shown: _Shown, total: int, mark: bool) -> str:
    parts = []
    for r in related:
        flag = "" if not mark else (" (agrees)" if r.compatible else " (conflicts)")
        if not r.independent:
            flag += " (not independent: same text or a copy)"
        parts.append(f"{r.source_id} ({r.published.isoformat()}) says {shown.text(shown.index[r.claim_id])}{flag}")
    if total > len(related):
        parts.append(f"and {total - len(related)} more")
    return "; ".join(parts)


def _hub_note(judgement: Judgement) -> str:
    return "" if judgement.reason in HUB_SILENT else f" (Hub: {judgement.explanation})"


def _settle(i: int, claim: Claim, judgement: Judgement, agree: int, conflict: int,
            related: tuple[RelatedClaim, ...], shown: _Shown) -> Judgement:
    if judgement.verdict != "unverifiable":
        return judgement
    if judgement.reason == R.EVIDENCE_UNAVAILABLE:
        # Evidence that could not be obtained never improves a verdict: other sources are context only.
        if not related:
            return judgement
        listed = _describe(related, shown, len(related), mark=True)
        return replace(judgement, explanation=f"{judgement.explanation}; other sources, as context only: {listed}")
    if agree + conflict == 0:
        return _alone(claim, judgement)
    if judgement.reason not in SETTLEABLE:
        return judgement
    agreeing = tuple(r for r in related if r.compatible and r.independent)
    listed = _describe(agreeing, shown, agree, mark=False)
    return replace(judgement, verdict="corroborated", reason=R.CROSS_ARTICLE,
                   explanation=f"no primary evidence; independent sources report the same: {listed}"
                               f"{_hub_note(judgement)}")


def _alone(claim: Claim, judgement: Judgement) -> Judgement:
    if judgement.reason not in HUB_SILENT:
        return judgement
    return replace(judgement, reason=R.SINGLE_SOURCE,
                   explanation=f"no other source states {claim.property} for {claim.subject.name}; {judgement.explanation}")
