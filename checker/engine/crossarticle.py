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

Cost: linear in the claims times the distinct values of their group, never per pair of claims: one pass
groups the claims in a dict; each group's distinct values are compared once per pair of values; independence
is counted, not paired: each claim's sources-sharing buckets (same source, same text, same wire copy, and
their intersections) are counted per value and combined by inclusion-exclusion. Each finding lists at most
``MAX_RELATED`` others (one per independent origin first) with counts of all of them, and an explanation
names at most ``MAX_NAMED`` other sources.
"""

from __future__ import annotations

import datetime as dt
import functools
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

from checker.compact import construct, share_keys
from checker.engine.compare import compare, explained_by_rounding, interval_gap, overlaps, relative, versus
from checker.engine.context import Judgement, Options
from checker.engine.findings import RelatedClaim, RelatedCount
from checker.engine.reasons import ReasonCode as R
from checker.licenses import LicenseBook
from checker.registry.models import Verdict
from checker.registry.types import Claim, QuantityValue, RelationValue
from checker.values import Quantity

#: Other claims listed per finding (``related``); all of them are counted (``related_count``).
MAX_RELATED = 5
#: Other sources (or values) an explanation names before "and N more".
MAX_NAMED = 3
#: Groups up to this size are counted pair by pair and list every other source's claim.
SMALL_GROUP = MAX_RELATED + 1
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

#: A claim's dependence signature: (source id, article text or None, (publisher, quote) or None). Two claims
#: are not independent when they share any component that is not None.
Signature = tuple[str, str | None, tuple[str, str] | None]
class Settled(NamedTuple):
    """A claim's judgement after cross-article comparison, with a few of the other sources' claims and
    counts of all of them (None when no other source states the property). A tuple: one per claim, made
    fast."""

    judgement: Judgement
    related: tuple[RelatedClaim, ...]
    related_count: RelatedCount | None = None


def _linked(a: Signature, b: Signature) -> bool:
    """Not independent: the same source, the same article text, or the same publisher's verbatim copy."""
    return a[0] == b[0] or (a[1] is not None and a[1] == b[1]) or (a[2] is not None and a[2] == b[2])


class _Group:
    """One (subject, property) group: its distinct values ("classes"), compared once per pair of classes,
    and its members' dependence counted per class."""

    def __init__(self, members: list[int], claims: Sequence[Claim], options: Options, licenses: LicenseBook):
        self.members = members
        group = [claims[i] for i in members]
        self.approximate = options.approximate
        bounds = [c.kind.interval(c.value, options.approximate) for c in group]
        kinds = {c.kind.name for c in group}
        # Quantities are compared with the quantity rules (positive overlap, or one figure the rounding of
        # the other); dates by interval overlap; anything else by key. A class is one distinct value.
        raw: list[object]
        figures = [c.value.quantity for c in group if isinstance(c.value, QuantityValue)]
        spans = [b for b in bounds if b is not None]
        if len(figures) == len(group):
            self.mode = "quantity"
            raw = list(figures)
        elif len(kinds) == 1 and len(spans) == len(group):
            self.mode = "interval"
            raw = list(spans)
        else:
            self.mode = "key"
            raw = [c.kind.key(c.value, licenses) for c in group]
        index: dict[object, int] = {}
        self.cls = [index.setdefault(v, len(index)) for v in raw]
        self.values = list(index)
        # The class values again, typed for their mode (empty in the other modes).
        self.figures = [v for v in self.values if isinstance(v, Quantity)] if self.mode == "quantity" else []
        self.spans: list[tuple[Decimal, Decimal]] = []
        if self.mode == "interval":
            first = {c: k for k, c in reversed(list(enumerate(self.cls)))}
            self.spans = [spans[first[c]] for c in range(len(self.values))]
            self._los = sorted(lo for lo, _ in spans)
            self._his = sorted(hi for _, hi in spans)
        self.size = [0] * len(self.values)
        for c in self.cls:
            self.size[c] += 1
        self._fits: dict[tuple[int, int], bool] = {}
        self._agreeing: dict[int, int] = {}

    def fit(self, a: int, b: int) -> bool:
        """Whether the values of classes ``a`` and ``b`` fit one fact."""
        if a == b and self.mode != "quantity":
            return True
        key = (a, b)
        found = self._fits.get(key)
        if found is None:
            if self.mode == "quantity":
                found = quantities_compatible(self.figures[a], self.figures[b], self.approximate)
            elif self.mode == "interval":
                (a_lo, a_hi), (b_lo, b_hi) = self.spans[a], self.spans[b]
                found = a_lo <= b_hi and b_lo <= a_hi
            else:
                found = False  # distinct keys
            self._fits[key] = found
        return found

    def agreeing(self, c: int) -> int:
        """Members (itself included when it fits itself) whose value fits class ``c``."""
        found = self._agreeing.get(c)
        if found is None:
            if self.mode == "quantity":
                found = sum(n for v, n in enumerate(self.size) if self.fit(c, v))
            elif self.mode == "interval":
                lo, hi = self.spans[c]
                n = len(self.cls)
                found = n - (n - bisect_right(self._los, hi)) - bisect_left(self._his, lo)
            else:
                found = self.size[c]
            self._agreeing[c] = found
        return found


class _Dependence:
    """Who is not independent of whom in one group, counted without listing pairs.

    Every member falls in the buckets of its signature's components and of their intersections; the members
    linked to a claim (itself included), per class, are the inclusion-exclusion sum of its buckets' counts.
    Families are the connected members (union of shared components): claims of other families are
    independent of a claim for certain."""

    def __init__(self, members: list[int], claims: Sequence[Claim], group: _Group):
        self.sig: list[Signature] = []
        for i in members:
            src = claims[i].source
            copy = (src.publisher, " ".join(claims[i].quote.split())) if src.publisher else None
            self.sig.append((src.id, src.text or None, copy))
        self.group = group
        self.buckets: dict[tuple[object, ...], dict[int, int]] = {}
        self.same_source: dict[str, list[int]] = defaultdict(list)
        for k, sig in enumerate(self.sig):
            self.same_source[sig[0]].append(k)
        self._sums: dict[tuple[tuple[object, ...], int], tuple[int, int]] = {}
        self._alone: dict[tuple[str | None, tuple[str, str] | None, int], tuple[int, int]] = {}
        # A small group is counted pair by pair (cheaper than its buckets, same counts).
        self.small = len(members) <= SMALL_GROUP
        if self.small:
            return
        self.keys = [self._keys(sig) for sig in self.sig]
        for k, sig in enumerate(self.sig):
            c = group.cls[k]
            for key, _ in self.keys[k]:
                bucket = self.buckets.get(key)
                if bucket is None:
                    self.buckets[key] = {c: 1}
                else:
                    bucket[c] = bucket.get(c, 0) + 1

    @staticmethod
    def _keys(sig: Signature) -> list[tuple[tuple[object, ...], int]]:
        """The buckets of ``sig``: each component, and each intersection, with its inclusion-exclusion sign."""
        src, text, copy = sig
        out: list[tuple[tuple[object, ...], int]] = [(("id", src), 1)]
        if text is not None:
            out += [(("text", text), 1), (("id+text", src, text), -1)]
        if copy is not None:
            out += [(("copy", copy), 1), (("id+copy", src, copy), -1)]
            if text is not None:
                out += [(("text+copy", text, copy), -1), (("all", src, text, copy), 1)]
        return out

    def _sum(self, key: tuple[object, ...], c: int) -> tuple[int, int]:
        """(members fitting class ``c``, all members) of one bucket."""
        found = self._sums.get((key, c))
        if found is None:
            fitting = total = 0
            for v, n in self.buckets[key].items():
                total += n
                if self.group.fit(c, v):
                    fitting += n
            found = self._sums[(key, c)] = (fitting, total)
        return found

    def alone(self, k: int) -> bool:
        """Whether member ``k`` is its source's only claim in the group."""
        return len(self.same_source[self.sig[k][0]]) == 1

    @functools.cached_property
    def family(self) -> list[int]:
        """Each member's family (a representative member's position)."""
        return self._families()

    def _pairwise(self, k: int, only_source: bool) -> tuple[int, int]:
        group, sig = self.group, self.sig[k]
        c, cls = group.cls[k], group.cls
        fitting = total = 0
        for m, other in enumerate(self.sig):
            if other[0] == sig[0] if only_source else _linked(sig, other):
                total += 1
                if group.fit(c, cls[m]):
                    fitting += 1
        return fitting, total

    def linked(self, k: int) -> tuple[int, int]:
        """(fitting, all) members not independent of member ``k``, ``k`` itself included."""
        if self.small:
            return self._pairwise(k, False)
        c = self.group.cls[k]
        if self.alone(k):
            # Its source's buckets hold it alone: the sum is its text and copy buckets' (or itself), the same
            # for every copy of one story.
            _, text, copy = self.sig[k]
            found = self._alone.get((text, copy, c))
            if found is None:
                f = t = 0
                if text is None and copy is None:
                    f, t = (1 if self.group.fit(c, c) else 0), 1
                if text is not None:
                    f, t = self._sum(("text", text), c)
                if copy is not None:
                    cf, ct = self._sum(("copy", copy), c)
                    f, t = f + cf, t + ct
                    if text is not None:
                        bf, bt = self._sum(("text+copy", text, copy), c)
                        f, t = f - bf, t - bt
                found = self._alone[(text, copy, c)] = (f, t)
            return found
        fitting = total = 0
        for key, sign in self.keys[k]:
            f, t = self._sum(key, c)
            fitting += sign * f
            total += sign * t
        return fitting, total

    def own_source(self, k: int) -> tuple[int, int]:
        """(fitting, all) members of member ``k``'s own source, ``k`` itself included."""
        if self.alone(k):
            return (1 if self.group.fit(self.group.cls[k], self.group.cls[k]) else 0), 1
        if self.small:
            return self._pairwise(k, True)
        return self._sum(("id", self.sig[k][0]), self.group.cls[k])

    def _families(self) -> list[int]:
        parent = list(range(len(self.sig)))

        def root(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        first: dict[tuple[int, object], int] = {}
        for k, sig in enumerate(self.sig):
            for x, part in enumerate(sig):
                if part is not None:
                    other = first.setdefault((x, part), k)
                    if other != k:
                        parent[root(k)] = root(other)
        return [root(k) for k in range(len(self.sig))]


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
    namespaces to entity ids (a ``hf:`` subject's developer). The same as :func:`plan` then
    :meth:`Settler.settle` per claim."""
    settler = Settler(claims, options, plan(claims, options, licenses, values, owners))
    return [settler.settle(i, j) for i, j in enumerate(judgements)]


class Plan(NamedTuple):
    """What the other sources say about one claim of a group of two or more, known before the claim itself is
    judged (its judgement decides which of it counts): agreeing and conflicting independent members, the
    related entries and counts, the first independent primary claim, the group's tally and the note on
    the claim's own source contradicting it."""

    agree: int
    conflict: int
    related: tuple[RelatedClaim, ...]
    related_at: tuple[int, ...]  # the claims of ``related``, by position in the registry
    related_count: RelatedCount | None
    primary: int | None
    primary_fits: bool
    tally: str | None
    self_note: str | None


def plan(claims: Sequence[Claim], options: Options, licenses: LicenseBook, values: Sequence[object] | None = None,
         owners: Mapping[str, str] | None = None) -> list[Plan | None]:
    """The cross-article comparison of every claim, without any judgement (None: no other claim states the
    claim's fact): what :class:`Settler` needs to settle each claim once it is judged, so the claims can be
    judged one at a time, as their findings are written."""
    # Each value is rendered once, however many findings list it.
    shown = _Shown(claims, values)
    groups: dict[tuple[str, str, object, str | None], list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        day = claim.source.published if claim.property in TIME_VARYING else None
        # A relation is a fact about a pair: claims about other objects are other facts.
        obj = claim.value.relation.object.id if isinstance(claim.value, RelationValue) else None
        groups[(claim.subject.id, claim.property, day, obj)].append(i)

    results: list[Plan | None] = [None] * len(claims)
    counts: dict[tuple[int, ...], RelatedCount] = {}  # equal counts share one object
    positions: dict[int, tuple[tuple[RelatedClaim, ...], tuple[int, ...]]] = {}  # a shared related tuple's
    for members in groups.values():
        if len(members) < 2:
            continue
        group = _Group(members, claims, options, licenses)
        dep = _Dependence(members, claims, group)
        pick = _Picker(group, dep, shown, members)
        n = len(members)
        primaries = [k for k, i in enumerate(members) if is_primary(claims[i], owners or {})]
        first_primary: dict[tuple[str | None, tuple[str, str] | None], list[int]] = {}
        tally: str | None = None
        for k, i in enumerate(members):
            c = group.cls[k]
            fitting = group.agreeing(c)
            linked_fit, linked_all = dep.linked(k)
            own_fit, own_all = dep.own_source(k)
            # Claims of the same source, or of a copy of it, are not independent of this one: they neither
            # corroborate nor dispute it; a same-source conflict is flagged on its own.
            agree = fitting - linked_fit
            conflict = (n - fitting) - (linked_all - linked_fit)
            others = n - own_all
            count = None
            if others:
                shape = (others, fitting - own_fit, others - fitting + own_fit, agree, conflict)
                count = counts.get(shape)
                if count is None:
                    count = counts[shape] = RelatedCount.model_construct(
                        total=shape[0], compatible=shape[1], incompatible=shape[2],
                        independent_compatible=shape[3], independent_incompatible=shape[4])
            own_conflicts = [members[m] for m in dep.same_source[dep.sig[k][0]]
                             if m != k and not group.fit(c, group.cls[m])]
            related = pick.related(k)
            shared = positions.get(id(related))
            if shared is None:
                shared = positions[id(related)] = (related, tuple(shown.position[id(r)] for r in related))
            p = _first_primary(k, primaries, dep, first_primary) if primaries else None
            if conflict and tally is None:
                tally = _tally(members, claims, shown)
            results[i] = Plan(agree, conflict, related, shared[1], count,
                              members[p] if p is not None else None, p is not None and group.fit(c, group.cls[p]),
                              tally if conflict else None,
                              _self_note(i, own_conflicts, shown) if own_conflicts else None)
    return results


class Settler:
    """Settles each claim, once judged, with its :class:`Plan`: Hub evidence decides, then a primary source,
    then the other sources' agreement or conflict. Holds the claims and a few of their texts."""

    def __init__(self, claims: Sequence[Claim], options: Options, plans: list[Plan | None]):
        self.claims, self.options, self.plans = claims, options, plans
        self.text = functools.lru_cache(maxsize=4096)(self._text)

    def _text(self, i: int) -> str:
        c = self.claims[i]
        return c.kind.to_text(c.value)

    def settle(self, i: int, judgement: Judgement) -> Settled:
        """Claim ``i`` settled from its own ``judgement``, once: its plan is let go (only what later claims
        share stays)."""
        p, self.plans[i] = self.plans[i], None
        claim = self.claims[i]
        if p is None:
            return Settled(_alone(claim, judgement) if judgement.verdict == "unverifiable" else judgement, ())
        settleable = judgement.verdict == "unverifiable" and judgement.reason in SETTLEABLE
        if settleable and p.primary is not None:
            judgement = _by_primary(i, p.primary, self.claims, p.primary_fits, self.text, self.options)
        elif judgement.verdict == "unverifiable" and p.conflict and judgement.reason not in UNSETTLED:
            judgement = Judgement("disputed", R.SOURCES_DISAGREE, f"sources disagree: {p.tally}{_hub_note(judgement)}",
                                  judgement.facts)
        else:
            judgement = _settle(claim, judgement, p, self.text)
        if p.self_note is not None:
            judgement = _self_conflict(p.self_note, judgement)
        return Settled(judgement, p.related, p.related_count)


def _first_primary(k: int, primaries: list[int], dep: _Dependence,
                   memo: dict[tuple[str | None, tuple[str, str] | None], list[int]]) -> int | None:
    """The first primary-source member independent of member ``k``. The primaries independent of its text and
    copy key are found once per (text, copy key): a hundred copies of one primary source are skipped once,
    not once per claim."""
    src, text, copy = dep.sig[k]
    found = memo.get((text, copy))
    if found is None:
        found = memo[(text, copy)] = []
        for p in primaries:
            other = dep.sig[p]
            if (text is None or other[1] != text) and (copy is None or other[2] != copy):
                found.append(p)
                if len(found) == _PRIMARY_CANDIDATES:
                    break
    for p in found:
        if dep.sig[p][0] != src:
            return p
    if len(found) < _PRIMARY_CANDIDATES:
        return None
    # Its own source has that many primary claims here: look further (rare).
    return next((p for p in primaries if not _linked(dep.sig[k], dep.sig[p])), None)


#: Primary claims remembered per (text, copy key): more than one source's claims in one group, usually.
_PRIMARY_CANDIDATES = 8


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


class _Picker:
    """Chooses the few related claims a finding lists: independent disagreeing, independent agreeing, then
    not independent (copies), at most ``MAX_RELATED``. Independent ones are taken one per other family (so a
    hundred copies of one wire story take one place), round-robin over the values; equal (value, family)
    claims share the choice."""

    def __init__(self, group: _Group, dep: _Dependence, shown: _Shown, members: list[int]):
        self.group, self.dep, self.shown, self.members = group, dep, shown, members
        self._independent: dict[tuple[int, int], list[int]] = {}
        self._shared: dict[tuple[int, int, str | None, tuple[str, str] | None], tuple[RelatedClaim, ...]] = {}
        # Per class, the first member of each family, in registry order (a small group lists everyone).
        self.heads: list[list[int]] = [[] for _ in group.values]
        if dep.small:
            return
        seen: set[tuple[int, int]] = set()
        for k, c in enumerate(group.cls):
            fam = dep.family[k]
            if (c, fam) not in seen:
                seen.add((c, fam))
                self.heads[c].append(k)

    def _others(self, c: int, fam: int) -> list[int]:
        found = self._independent.get((c, fam))
        if found is None:
            family, fit = self.dep.family, self.group.fit
            disagree: list[list[int]] = []
            agree: list[list[int]] = []
            for v, heads in enumerate(self.heads):
                # One head per family: at most one of the first MAX_RELATED + 1 is this claim's own.
                listed = [h for h in heads[:MAX_RELATED + 1] if family[h] != fam][:MAX_RELATED]
                if listed:
                    (agree if fit(c, v) else disagree).append(listed)
            found = []
            for tier in (disagree, agree):
                if len(tier) == 1:
                    found.extend(tier[0])
                else:
                    for rank in range(MAX_RELATED):
                        found.extend(lst[rank] for lst in tier if rank < len(lst))
                if len(found) >= MAX_RELATED:
                    break
            found = self._independent[(c, fam)] = found[:MAX_RELATED]
        return found

    def related(self, k: int) -> tuple[RelatedClaim, ...]:
        if self.dep.small:
            return self._everyone(k)
        # A claim alone in its source and past the first members (which the fill below may take) gets the
        # same entries as every claim with its value, family, text and copy key: one tuple, shared.
        dep = self.dep
        if k > 2 * MAX_RELATED and dep.alone(k):
            key = (self.group.cls[k], dep.family[k], dep.sig[k][1], dep.sig[k][2])
            found = self._shared.get(key)
            if found is None:
                found = self._shared[key] = self._related(k)
            return found
        return self._related(k)

    def _everyone(self, k: int) -> tuple[RelatedClaim, ...]:
        """Every other source's claim of a small group (at most MAX_RELATED), in tier order."""
        group, sig, members = self.group, self.dep.sig[k], self.members
        c = group.cls[k]
        entries = [self.shown.related(members[m], group.fit(c, group.cls[m]), not _linked(sig, other))
                   for m, other in enumerate(self.dep.sig) if other[0] != sig[0]]
        entries.sort(key=lambda r: (not r.independent, r.compatible))
        return tuple(entries)

    def _related(self, k: int) -> tuple[RelatedClaim, ...]:
        group, dep, members = self.group, self.dep, self.members
        c, sig = group.cls[k], dep.sig[k]
        others = self._others(c, dep.family[k])
        entries = [self.shown.related(members[m], group.fit(c, group.cls[m])) for m in others]
        if len(entries) < MAX_RELATED:
            # Then the rest in registry order, other sources only (a source's own claims are flagged, not
            # listed): a scan that stops after at most MAX_RELATED, the chosen and the own source's claims.
            chosen = set(others)
            for m, other in enumerate(dep.sig):
                if other[0] != sig[0] and m not in chosen:
                    entries.append(self.shown.related(members[m], group.fit(c, group.cls[m]),
                                                      not _linked(sig, other)))
                    if len(entries) == MAX_RELATED:
                        break
            # Independent disagreeing, independent agreeing, then copies (a stable sort keeps each tier's order).
            entries.sort(key=lambda r: (not r.independent, r.compatible))
        return tuple(entries)


def _tally(members: list[int], claims: Sequence[Claim], shown: _Shown) -> str:
    """``2025-12-30: 3 sources (a, b, c); 2025-12-28: 1 source (d)``: each stated value with its sources,
    the most stated first, at most ``MAX_NAMED`` values and sources each named."""
    by_value: dict[str, dict[str, None]] = defaultdict(dict)
    for i in members:
        by_value[shown.text(i)][claims[i].source.id] = None
    ordered = sorted(by_value.items(), key=lambda kv: -len(kv[1]))
    parts = []
    for value, ids in ordered[:MAX_NAMED]:
        named = list(ids)[:MAX_NAMED]
        listed = ", ".join(named) + (f" and {len(ids) - len(named)} more" if len(ids) > len(named) else "")
        parts.append(f"{value}: {len(ids)} source{'s' if len(ids) != 1 else ''} ({listed})")
    if len(ordered) > MAX_NAMED:
        parts.append(f"and {len(ordered) - MAX_NAMED} more values")
    return "; ".join(parts)


def _by_primary(i: int, p: int, claims: Sequence[Claim], fits: bool, text: Callable[[int], str],
                options: Options) -> Judgement:
    """A primary source about the subject decides the claim, as Hub evidence would."""
    c, pc = claims[i], claims[p]
    said = f"the primary source {pc.source.id} ({pc.source.published.isoformat()}, by {pc.source.publisher}) " \
           f"says {text(p)}"
    if isinstance(c.value, QuantityValue) and isinstance(pc.value, QuantityValue):
        q, pq = c.value.quantity, pc.value.quantity
        cmp = compare(q, pq.number, float(pq.step) if pq.step else None, options.tolerance, options.approximate)
        return Judgement(cmp.verdict, R.PRIMARY_SOURCE, f"{said} ({versus(cmp, q)})")
    verdict: Verdict = "supported" if fits else "contradicted"
    return Judgement(verdict, R.PRIMARY_SOURCE, said)


def _self_note(i: int, others: list[int], shown: _Shown) -> str:
    """What claim ``i``'s own source says against it in its ``others`` claims."""
    listed = "; ".join(f"{shown.claims[j].global_id} says {shown.text(j)}" for j in others[:MAX_NAMED])
    if len(others) > MAX_NAMED:
        listed += f"; and {len(others) - MAX_NAMED} more"
    return f"this source contradicts itself: it says {shown.text(i)} here, but {listed}"


def _self_conflict(note: str, judgement: Judgement) -> Judgement:
    if judgement.reason in SETTLEABLE | {R.CROSS_ARTICLE, R.SOURCES_DISAGREE, R.SINGLE_SOURCE}:
        return Judgement("disputed", R.SAME_SOURCE_CONFLICT, f"{note}; {judgement.explanation}", judgement.facts)
    return Judgement(judgement.verdict, judgement.reason, f"{judgement.explanation}; {note}", judgement.facts)


def _related_claim(claim_id: str, source_id: str, published: dt.date, value: object, compatible: bool,
                   independent: bool) -> RelatedClaim:
    """``RelatedClaim.model_construct`` of every field, three times smaller and faster
    (:func:`checker.compact.construct`; the set of given fields, every field, one set for all)."""
    return construct(RelatedClaim, (("claim_id", claim_id), ("source_id", source_id), ("published", published),
                                    ("value", value), ("compatible", compatible), ("independent", independent)),
                     _RELATED_FIELDS)


_RELATED_FIELDS = set(RelatedClaim.model_fields)
share_keys(RelatedClaim)


class _Shown:
    """Claims as JSON values, text and related-claim entries, each built on first use only."""

    def __init__(self, claims: Sequence[Claim], values: Sequence[object] | None):
        self.claims = claims
        self.values = values
        self._json: dict[int, object] = {}
        self._text: dict[int, str] = {}
        self._related: dict[tuple[int, bool, bool], RelatedClaim] = {}
        #: The claim each related entry is, by the entry's id (entries live as long as this).
        self.position: dict[int, int] = {}

    def related(self, j: int, compatible: bool, independent: bool = True) -> RelatedClaim:
        """Claim ``j`` as another claim's related entry (shared: entries are never modified)."""
        key = (j, compatible, independent)
        found = self._related.get(key)
        if found is None:
            c = self.claims[j]
            found = self._related[key] = _related_claim(c.global_id, c.source.id, c.source.published, self.json(j),
                                                        compatible, independent)
            self.position[id(found)] = j
        return found

    def json(self, i: int) -> object:
        if self.values is not None:
            return self.values[i]
        if i not in self._json:
            c = self.claims[i]
            self._json[i] = c.kind.to_json(c.value)
        return self._json[i]

    def text(self, i: int) -> str:
        if i not in self._text:
            c = self.claims[i]
            self._text[i] = c.kind.to_text(c.value)
        return self._text[i]


def _describe(related: Sequence[tuple[RelatedClaim, int]], text: Callable[[int], str], total: int,
              mark: bool) -> str:
    """At most ``MAX_NAMED`` of ``related`` (entries with their claims' positions) with their values, and how
    many of ``total`` are left unnamed."""
    parts = []
    named = related[:MAX_NAMED]
    for r, at in named:
        flag = "" if not mark else (" (agrees)" if r.compatible else " (conflicts)")
        if not r.independent:
            flag += " (not independent: same text or a copy)"
        parts.append(f"{r.source_id} ({r.published.isoformat()}) says {text(at)}{flag}")
    if total > len(named):
        parts.append(f"and {total - len(named)} more")
    return "; ".join(parts)


def _hub_note(judgement: Judgement) -> str:
    return "" if judgement.reason in HUB_SILENT else f" (Hub: {judgement.explanation})"


def _settle(claim: Claim, judgement: Judgement, plan: Plan, text: Callable[[int], str]) -> Judgement:
    if judgement.verdict != "unverifiable":
        return judgement
    agree, conflict, related, count = plan.agree, plan.conflict, plan.related, plan.related_count
    if judgement.reason == R.EVIDENCE_UNAVAILABLE:
        # Evidence that could not be obtained never improves a verdict: other sources are context only.
        if not related or count is None:
            return judgement
        listed = _describe(list(zip(related, plan.related_at)), text, count.total, mark=True)
        return Judgement(judgement.verdict, judgement.reason,
                         f"{judgement.explanation}; other sources, as context only: {listed}", judgement.facts)
    if agree + conflict == 0:
        return _alone(claim, judgement)
    if judgement.reason not in SETTLEABLE:
        return judgement
    agreeing = [(r, at) for r, at in zip(related, plan.related_at) if r.compatible and r.independent]
    listed = _describe(agreeing, text, agree, mark=False)
    return Judgement("corroborated", R.CROSS_ARTICLE,
                     f"no primary evidence; independent sources report the same: {listed}{_hub_note(judgement)}",
                     judgement.facts)


def _alone(claim: Claim, judgement: Judgement) -> Judgement:
    if judgement.reason not in HUB_SILENT:
        return judgement
    return Judgement(judgement.verdict, R.SINGLE_SOURCE, f"no other source states {claim.property} for "
                     f"{claim.subject.name}; {judgement.explanation}", judgement.facts)
