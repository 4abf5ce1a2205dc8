"""``downloads``: declared download counts against the Hub's figures, which grow over time.

The Hub reports ``downloads_all_time`` and ``downloads`` (the last 30 days); the explanation always
says which figure was used and on what date. The claim is dated by its source's publication date.
Because an all-time count never shrinks, a figure recorded at another date bounds the count at the
claim's date from one side only:
- ``>=N`` ("has passed N"): an all-time figure at or above N supports it (a later figure is read as
  confirming the milestone, as the claim itself is a lower bound); below N it contradicts (or is
  approximate) when recorded at or after the claim's date, and only bounds it when recorded before.
- ``<=N``: a figure at or below N recorded at or after the claim's date supports it; above N it
  contradicts when recorded at or before the claim's date; otherwise bound only.
- an exact or ``~`` figure: compared directly when both dates are the same day; a later figure below it,
  or an earlier figure above it, contradicts it; anything else is consistent but only a bound
  (``downloads-bound-only``).
- With only the 30-day figure: all-time >= 30-day, so a 30-day figure that reaches a ``>=N`` claim
  supports it, and one recorded at or before the claim's date that exceeds an upper or exact claim
  contradicts it; otherwise ``only-30-day-downloads``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from checker.engine.compare import Comparison, compare, figure, number, versus
from checker.engine.context import Context, Judgement, pinned, ranked, unverifiable
from checker.evidence.facts import Fact, RepoEvidence
from checker.registry.models import Verdict
from checker.registry.types import Claim
from checker.values import Quantity

ALL_TIME, MONTH = "downloads_all_time", "downloads"
_LOWER, _UPPER = (">=", ">"), ("<=", "<")


def _most_exact(evidence: RepoEvidence, prop: str) -> tuple[Fact, Decimal, dt.date] | None:
    for fact in ranked(evidence.facts_for(prop)):
        value = number(fact.value)
        if value is not None:
            seen = fact.observed_at or evidence.retrieved_at
            day = seen.date() if isinstance(seen, dt.datetime) else seen
            return pinned(fact, evidence), value, day
    return None


def _count(value: Decimal, precision: float | None) -> str:
    return f"{int(value):,}" if not precision else f"{figure(value, precision)} (rounded)"


def _when(day: dt.date, published: dt.date) -> str:
    if day == published:
        return f"as of {day.isoformat()}, the article's date"
    side = "after" if day > published else "before"
    return f"as of {day.isoformat()}, {side} the article of {published.isoformat()}"


def check_downloads(claim: Claim, evidence: RepoEvidence, ctx: Context) -> Judgement:
    q = claim.value
    if not isinstance(q, Quantity):
        return unverifiable("invalid-value", f"downloads needs a quantity, got {claim.raw_value!r}")
    published = claim.source.published
    tol, approx = ctx.tolerance_for(claim), ctx.options.approximate

    all_time = _most_exact(evidence, ALL_TIME)
    if all_time is not None:
        fact, value, day = all_time
        c = compare(q, value, fact.precision, tol, approx)
        text = f"all-time downloads {_count(value, fact.precision)} {_when(day, published)} ({versus(c, q)})"
        verdict = _all_time_verdict(q, value, c, day, published)
        if verdict is None:
            return unverifiable("downloads-bound-only",
                                f"{text}: counts only grow, so this figure only bounds the count at the "
                                "article's date", (fact,))
        return Judgement(verdict, "downloads-all-time", text, (fact,))

    month = _most_exact(evidence, MONTH)
    if month is None:
        return unverifiable("no-evidence", f"no download figures recorded for {evidence.repo_id}")
    fact, value, day = month
    c = compare(q, value, fact.precision, tol, approx)
    text = (f"30-day downloads {_count(value, fact.precision)} {_when(day, published)} ({versus(c, q)}; "
            "no all-time figure recorded)")
    if q.comparator in _LOWER and c.verdict == "supported":
        return Judgement("supported", "downloads-30-day", f"{text}: all-time downloads are at least the 30-day "
                                                          "figure", (fact,))
    if q.comparator not in _LOWER and value > q.number and c.verdict != "supported" and day <= published:
        return Judgement(c.verdict, "downloads-30-day", f"{text}: the all-time count was already higher", (fact,))
    return unverifiable("only-30-day-downloads", f"{text}: a 30-day figure cannot settle an all-time claim",
                        (fact,))


def _all_time_verdict(q: Quantity, value: Decimal, c: Comparison, day: dt.date, published: dt.date) -> Verdict | None:
    """The verdict an all-time figure recorded on ``day`` allows, or None when it is only a bound."""
    if c.verdict == "supported":
        if q.comparator in _LOWER or day == published:
            return "supported"
        if q.comparator in _UPPER:
            return "supported" if day >= published else None
        return None
    below = value < q.number
    if q.comparator in _LOWER or (q.comparator not in _UPPER and below):
        return c.verdict if day >= published else None
    return c.verdict if day <= published else None
