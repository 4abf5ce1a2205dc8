"""``release_date``: declared release dates against the model card and the repo's creation date.

Rule (kept honest on purpose):
- The developer's release statements (facts ``release_date``, usually from the model card) decide: a
  claimed interval that overlaps a statement is supported; one that overlaps none is contradicted, with
  the distance to the nearest statement in days.
- ``created_at`` never decides. Weights cannot be public on the Hub before their repo exists, but a model
  can be released elsewhere first (an API, a paper, another hub), and a repo can be created privately
  long before it is made public; so the creation date alone neither supports nor refutes a release date.
  With only ``created_at`` the claim is unverifiable (``created-at-only``) and the explanation says how
  the claim relates to it. ``2022-03-02T23:29:04Z`` is the Hub's placeholder for "older than the
  Hub's records" and counts as no date at all.
"""

from __future__ import annotations

import datetime as dt

from checker.engine.context import Context, Judgement, pinned, ranked, read_from, unverifiable
from checker.engine.reasons import ReasonCode as R
from checker.errors import ValueParseError
from checker.evidence.facts import Fact, RepoEvidence
from checker.registry.types import Claim, DateValue
from checker.values import DateInterval, format_date, parse_date

CREATED_AT_PLACEHOLDER = "2022-03-02T23:29:04"


def _interval(fact: Fact) -> DateInterval | None:
    try:
        return parse_date(fact.value)
    except ValueParseError:
        return None


def days_apart(claim: DateInterval, other: DateInterval) -> int:
    """Signed days from ``other`` to ``claim`` (positive: the claim is later; 0 when they overlap)."""
    if claim.start > other.end:
        return (claim.start - other.end).days
    if claim.end < other.start:
        return -(other.start - claim.end).days
    return 0


def distance(days: int) -> str:
    """``12 days`` / ``about 3 months`` (later/earlier is the caller's word)."""
    n = abs(days)
    if n >= 60:
        return f"about {round(n / 30.44)} months"
    return f"{n} day{'s' if n != 1 else ''}"


def check_release_date(claim: Claim, evidence: RepoEvidence, ctx: Context) -> Judgement:
    if not isinstance(claim.value, DateValue):
        return unverifiable(R.INVALID_VALUE, f"release_date needs a date, got {claim.raw_value!r}")
    iv = claim.value.interval
    claimed = format_date(iv)
    statements = [(pinned(f, evidence), d) for f in ranked(evidence.facts_for("release_date"))
                  if (d := _interval(f)) is not None]
    if statements:
        for fact, d in statements:
            if iv.overlaps(d):
                return Judgement("supported", R.of_method(fact.method),
                                 f"{read_from(fact.method)} states release {format_date(d)}, "
                                 f"within the claimed {claimed}", (fact,))
        fact, d = min(statements, key=lambda s: abs(days_apart(iv, s[1])))
        days = days_apart(iv, d)
        side = "after" if days > 0 else "before"
        return Judgement("contradicted", R.of_method(fact.method),
                         f"{read_from(fact.method)} states release {format_date(d)}; the claimed {claimed} is "
                         f"{distance(days)} {side} it", tuple(f for f, _ in statements))
    created = _created_at(evidence)
    if created is None:
        placeholder = " (created_at is the Hub's 2022-03-02 placeholder: unknown)" \
            if evidence.facts_for("created_at") else ""
        return unverifiable(R.NO_EVIDENCE, f"no release statement or creation date recorded for "
                                           f"{evidence.repo_id}{placeholder}")
    fact, day = created
    days = days_apart(iv, DateInterval(day, day))
    if days < 0:
        relation = (f"the claimed {claimed} is before it: the model may have been released elsewhere first")
    elif days > 0:
        relation = (f"the claimed {claimed} is after it: a repo can be created before it is made public")
    else:
        relation = f"within the claimed {claimed}: consistent, but a creation date is not a release date"
    return unverifiable(R.CREATED_AT_ONLY,
                        f"no release statement recorded; the Hub repo was created on {day.isoformat()}, "
                        f"{relation}", (fact,))


def _created_at(evidence: RepoEvidence) -> tuple[Fact, dt.date] | None:
    for fact in ranked(evidence.facts_for("created_at")):
        text = fact.value.isoformat() if isinstance(fact.value, dt.datetime) else str(fact.value)
        if text.startswith(CREATED_AT_PLACEHOLDER):
            continue
        d = _interval(fact)
        if d is not None:
            return pinned(fact, evidence), d.start
    return None
