"""``downloads``: declared download counts against the Hub's figures, which grow over time.

The Hub reports ``downloads_all_time`` and ``downloads`` (the last 30 days); the explanation always
says which figure was used and on what date. The claim is dated by its source's publication date.
An all-time count never shrinks, so a figure recorded at another date bounds the count at the claim's
date from one side only:
- ``>=N`` (a milestone, "has passed N"): supported only by a count dated at or before the article that
  reaches N: an all-time count, a 30-day count (all-time is at least that), or the rolling arithmetic
  "all-time minus the last 30 days" of an observation whose 30-day window starts at or before the article
  (that difference is the count 30 days before the observation). A count dated at or after the article
  that is below N contradicts it. A later count at or above N only bounds the article's count from above:
  ``bound-only``.
- ``<=N``: a figure at or below N recorded at or after the claim's date supports it; above N it
  contradicts when recorded at or before the claim's date; otherwise ``bound-only``.
- an exact or ``~`` figure: compared directly when both dates are the same day; a later figure below it,
  or an earlier figure above it, contradicts it; anything else is consistent but only a bound.
- With only a 30-day figure that settles none of the above: ``only-30-day-downloads``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from checker.engine.compare import compare, figure, number, versus
from checker.engine.context import Context, Judgement, pinned, ranked, unverifiable
from checker.engine.reasons import ReasonCode as R
from checker.evidence.facts import Fact, RepoEvidence
from checker.registry.models import Verdict
from checker.registry.types import Claim, QuantityValue
from checker.values import Quantity

ALL_TIME, MONTH = "downloads_all_time", "downloads"
_LOWER, _UPPER = (">=", ">"), ("<=", "<")
#: The Hub's ``downloads`` figure counts the last 30 days before the observation.
_WINDOW = dt.timedelta(days=30)


@dataclass(frozen=True)
class _Count:
    fact: Fact
    value: Decimal
    day: dt.date


def _most_exact(evidence: RepoEvidence, prop: str) -> _Count | None:
    for fact in ranked(evidence.facts_for(prop)):
        value = number(fact.value)
        if value is not None:
            seen = fact.observed_at or evidence.retrieved_at
            day = seen.date() if isinstance(seen, dt.datetime) else seen
            return _Count(pinned(fact, evidence), value, day)
    return None


def _count(value: Decimal, precision: float | None) -> str:
    return f"{int(value):,}" if not precision else f"{figure(value, precision)} (rounded)"


def _when(day: dt.date, published: dt.date) -> str:
    if day == published:
        return f"as of {day.isoformat()}, the article's date"
    side = "after" if day > published else "before"
    return f"as of {day.isoformat()}, {side} the article of {published.isoformat()}"


def check_downloads(claim: Claim, evidence: RepoEvidence, ctx: Context) -> Judgement:
    if not isinstance(claim.value, QuantityValue):
        return unverifiable(R.INVALID_VALUE, f"downloads needs a quantity, got {claim.raw_value!r}")
    q = claim.value.quantity
    all_time, month = _most_exact(evidence, ALL_TIME), _most_exact(evidence, MONTH)
    if all_time is None and month is None:
        return unverifiable(R.NO_EVIDENCE, f"no download figures recorded for {evidence.repo_id}")
    if q.comparator in _LOWER:
        return _milestone(claim, q, all_time, month, ctx)
    if all_time is not None:
        return _against_all_time(claim, q, all_time, ctx)
    assert month is not None
    return _against_30_day(claim, q, month, ctx)


def _reaches(q: Quantity, count: _Count, claim: Claim, ctx: Context) -> bool:
    c = compare(q, count.value, count.fact.precision, ctx.tolerance_for(claim), ctx.options.approximate)
    return c.verdict == "supported"


def _milestone(claim: Claim, q: Quantity, all_time: _Count | None, month: _Count | None, ctx: Context) -> Judgement:
    """A ``>=N`` claim: only a count dated at or before the article can show the milestone was passed."""
    published, goal = claim.source.published, f"{int(q.number):,}"
    if all_time is not None:
        text = f"all-time downloads {_count(all_time.value, all_time.fact.precision)} {_when(all_time.day, published)}"
        reached = _reaches(q, all_time, claim, ctx)
        if reached and all_time.day <= published:
            return Judgement("supported", R.DOWNLOADS_ALL_TIME, f"{text}: already at least {goal}", (all_time.fact,))
        if not reached and all_time.day >= published:
            return Judgement("contradicted", R.DOWNLOADS_ALL_TIME,
                             f"{text}: still below {goal}, and counts only grow", (all_time.fact,))
    if month is not None and month.day <= published and _reaches(q, month, claim, ctx):
        return Judgement("supported", R.DOWNLOADS_30_DAY,
                         f"30-day downloads {_count(month.value, month.fact.precision)} {_when(month.day, published)}: "
                         f"all-time downloads are at least that, so at least {goal}", (month.fact,))
    if all_time is not None and month is not None and all_time.day == month.day \
            and month.day - _WINDOW <= published <= month.day:
        before = all_time.value - month.value
        start = (month.day - _WINDOW).isoformat()
        text = (f"all-time downloads {_count(all_time.value, all_time.fact.precision)} less "
                f"{_count(month.value, month.fact.precision)} in the last 30 days {_when(month.day, published)} "
                f"leave {_count(before, None)} by {start}")
        facts = (all_time.fact, month.fact)
        if _reaches(q, _Count(all_time.fact, before, month.day - _WINDOW), claim, ctx):
            return Judgement("supported", R.DOWNLOADS_30_DAY_ARITHMETIC,
                             f"{text}, before the article: already at least {goal}", facts)
    if all_time is not None:
        text = f"all-time downloads {_count(all_time.value, all_time.fact.precision)} {_when(all_time.day, published)}"
        side = ("an all-time count after the article bounds the article's count only from above"
                if all_time.day > published else "the count may have grown since")
        return unverifiable(R.BOUND_ONLY, f"{text}: {side}; it cannot show the milestone {goal} was passed by then",
                            (all_time.fact,))
    assert month is not None
    return unverifiable(R.ONLY_30_DAY_DOWNLOADS,
                        f"30-day downloads {_count(month.value, month.fact.precision)} {_when(month.day, published)} "
                        f"(no all-time figure recorded): they cannot show the milestone {goal} at the article's date",
                        (month.fact,))


def _against_all_time(claim: Claim, q: Quantity, all_time: _Count, ctx: Context) -> Judgement:
    """An exact, ``~`` or ``<=N`` claim against the all-time count."""
    published = claim.source.published
    c = compare(q, all_time.value, all_time.fact.precision, ctx.tolerance_for(claim), ctx.options.approximate)
    text = (f"all-time downloads {_count(all_time.value, all_time.fact.precision)} "
            f"{_when(all_time.day, published)} ({versus(c, q)})")
    verdict = _bounded_verdict(q, all_time.value, c.verdict, all_time.day, published)
    if verdict is None:
        return unverifiable(R.BOUND_ONLY, f"{text}: counts only grow, so this figure only bounds the count at the "
                                          "article's date", (all_time.fact,))
    return Judgement(verdict, R.DOWNLOADS_ALL_TIME, text, (all_time.fact,))


def _bounded_verdict(q: Quantity, value: Decimal, verdict: Verdict, day: dt.date, published: dt.date) -> Verdict | None:
    """The verdict a count recorded on ``day`` allows an exact or upper-bound claim, or None for a bound only."""
    if verdict == "supported":
        if day == published:
            return "supported"
        if q.comparator in _UPPER:
            return "supported" if day >= published else None
        return None
    if q.comparator not in _UPPER and value < q.number:
        return verdict if day >= published else None
    return verdict if day <= published else None


def _against_30_day(claim: Claim, q: Quantity, month: _Count, ctx: Context) -> Judgement:
    """An exact, ``~`` or ``<=N`` claim when only the 30-day count is recorded."""
    published = claim.source.published
    c = compare(q, month.value, month.fact.precision, ctx.tolerance_for(claim), ctx.options.approximate)
    text = (f"30-day downloads {_count(month.value, month.fact.precision)} {_when(month.day, published)} "
            f"({versus(c, q)}; no all-time figure recorded)")
    if month.value > q.number and c.verdict != "supported" and month.day <= published:
        return Judgement(c.verdict, R.DOWNLOADS_30_DAY, f"{text}: the all-time count was already higher",
                         (month.fact,))
    return unverifiable(R.ONLY_30_DAY_DOWNLOADS, f"{text}: a 30-day figure cannot settle an all-time claim",
                        (month.fact,))
