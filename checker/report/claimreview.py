"""The schema.org ClaimReview export: a JSON-LD array, one ``ClaimReview`` per finding, in report order.

An interchange export for fact-checking tools and claim registries (ClaimsKG and the like), not search
markup: Google retired ClaimReview rich results in 2025, and its one-review-per-page rule does not apply.

Decisions:

- Every finding is exported, ``disputed`` and ``unverifiable`` too: "could not check" is a result, never
  dropped. Those two have no rating on the scale, so their ``reviewRating`` carries only the verdict word
  (``alternateName``) and the explanation — no ``ratingValue`` and, without a value, no ``bestRating`` /
  ``worstRating`` either.
- The scale is 1-5: contradicted 1 ("False"), approximate 3 ("Mostly true"), supported 5 ("True");
  ``alternateName`` is the verdict's rating (``report.verdicts``).
- ``claimReviewed`` is the article's own wording (the quote); the normalised claim is ``itemReviewed.name``.
- ``identifier`` is the global claim id, stable across runs. ``url`` is the registry's ``review_url``
  (``claims/claimcheck.yaml``) plus ``#<claim id>``; ``author`` is its ``reviewer`` (the organisation publishing
  the reviews; the tool's name only when none is configured). ``datePublished`` is the day the evidence
  was observed (no clock: the same report always gives the same export), else the article's date.
- ``itemReviewed`` is the Claim: its ``author`` is the source's publisher where known, ``appearance`` and
  ``firstAppearance`` the article (with its URL), ``datePublished`` the article's date.
- ``isBasedOn`` lists the evidence URLs; ``itemReviewed.about`` is the subject (with its Hub page).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import quote

from checker.engine.findings import Finding, Report
from checker.report import RenderOptions
from checker.report.common import display_value
from checker.report.escape import safe_url
from checker.report.verdicts import LOOK

BEST, WORST = 5, 1

HUB = "https://huggingface.co"


def format_claimreview(report: Report, options: RenderOptions = RenderOptions()) -> str:
    """``report`` as a JSON-LD array of schema.org ClaimReview objects (indent 2, non-ASCII kept)."""
    observed = [d for f in report.findings if (d := _observed(f)) is not None]
    as_of = max(observed) if observed else None
    return json.dumps([claim_review(f, options, as_of) for f in report.findings], indent=2,
                      ensure_ascii=False) + "\n"


def _observed(f: Finding) -> dt.date | None:
    days = [o.date() if isinstance(o, dt.datetime) else o for fact in f.evidence if (o := fact.observed_at)]
    return max(days) if days else None


def claim_review(f: Finding, options: RenderOptions = RenderOptions(), as_of: dt.date | None = None) -> dict[str, Any]:
    """One finding as a ClaimReview object; ``as_of`` dates a review whose finding has no dated evidence."""
    look = LOOK[f.verdict]
    word = look.rating or f.verdict
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": word, "name": word}
    if look.rating_value is not None:
        rating.update(ratingValue=look.rating_value, bestRating=BEST, worstRating=WORST)
    rating["ratingExplanation"] = f.explanation

    published = f.published.isoformat()
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if f.source_url:
        appearance["url"] = f.source_url
    appearance.update(identifier=f.source_id, datePublished=published)
    if f.publisher:
        appearance["publisher"] = {"@type": "Organization", "name": f.publisher}

    about: dict[str, Any] = {"@type": "Thing", "name": f.subject.name, "identifier": f.subject.id}
    if f.subject.repo_id:
        same_as = safe_url(f"{HUB}/{f.subject.repo_id}")  # a repo id from a report file may hold anything
        if same_as is not None:
            about["sameAs"] = same_as

    claim: dict[str, Any] = {
        "@type": "Claim",
        "name": f"{f.subject.name} {f.property} = {display_value(f.value)}",
        "about": about,
        "appearance": appearance,
        "firstAppearance": appearance,
        "datePublished": published,
    }
    if f.publisher:
        claim["author"] = {"@type": "Organization", "name": f.publisher}
    reviewer = options.reviewer
    author: dict[str, Any] = {"@type": "Organization", "name": reviewer.name if reviewer else "claimcheck"}
    if reviewer:
        author["url"] = reviewer.url
        if reviewer.logo:
            author["logo"] = reviewer.logo
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": f.claim_id,
    }
    if options.review_url:
        review["url"] = f"{options.review_url.split('#')[0]}#{quote(f.claim_id, safe='/')}"
    review.update({
        "claimReviewed": f.quote,
        "itemReviewed": claim,
        "reviewRating": rating,
        "author": author,
        "datePublished": (_observed(f) or as_of or f.published).isoformat(),
    })
    urls = list(dict.fromkeys(fact.source_url for fact in f.evidence if fact.source_url))
    if urls:
        review["isBasedOn"] = urls
    return review
