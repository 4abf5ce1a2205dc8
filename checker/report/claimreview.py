"""The schema.org ClaimReview export: a JSON-LD array, one ``ClaimReview`` per finding, in report order.

An interchange export for fact-checking tools and claim registries (ClaimsKG and the like), not search
markup: Google retired ClaimReview rich results in 2025, and its one-review-per-page rule does not apply.

Decisions:

- Every finding is exported, ``disputed`` and ``unverifiable`` too: "could not check" is a result, never
  dropped. Those two have no rating on the scale, so their ``reviewRating`` carries only the verdict word
  (``alternateName``) and the explanation — no ``ratingValue`` and, without a value, no ``bestRating`` /
  ``worstRating`` either.
- The scale is 1-5: contradicted 1 ("False"), approximate 3 ("Mostly true"), supported 5 ("True");
  ``alternateName`` is the verdict's rating from ``CLAIMREVIEW_RATING``.
- ``claimReviewed`` is the article's own wording (the quote); the normalised claim is ``itemReviewed.name``.
- ``identifier`` is the global claim id, stable across runs. The review has no ``url`` (there is no public
  review page) and no ``datePublished`` (no clock: the same report always gives the same export); the dates
  are the article's publication date.
- ``isBasedOn`` lists the evidence URLs; ``itemReviewed.about`` is the subject (with its Hub page).
"""

from __future__ import annotations

import json
from typing import Any

from checker.engine.findings import CLAIMREVIEW_RATING, Finding, Report
from checker.report import RenderOptions
from checker.report.common import display_value

#: Position on the 1 (worst) to 5 (best) scale; verdicts absent here get no ratingValue.
RATING_VALUE: dict[str, int] = {"contradicted": 1, "approximate": 3, "supported": 5}
BEST, WORST = 5, 1

HUB = "https://huggingface.co"


def format_claimreview(report: Report, options: RenderOptions = RenderOptions()) -> str:
    """``report`` as a JSON-LD array of schema.org ClaimReview objects (indent 2, non-ASCII kept)."""
    return json.dumps([claim_review(f) for f in report.findings], indent=2, ensure_ascii=False) + "\n"


def claim_review(f: Finding) -> dict[str, Any]:
    """One finding as a ClaimReview object."""
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": CLAIMREVIEW_RATING.get(f.verdict) or f.verdict}
    if f.verdict in RATING_VALUE:
        rating.update(ratingValue=RATING_VALUE[f.verdict], bestRating=BEST, worstRating=WORST)
    rating["ratingExplanation"] = f.explanation

    published = f.published.isoformat()
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if f.source_url:
        appearance["url"] = f.source_url
    appearance.update(identifier=f.source_id, datePublished=published)

    about: dict[str, Any] = {"@type": "Thing", "name": f.subject.name, "identifier": f.subject.id}
    if f.subject.repo_id:
        about["sameAs"] = f"{HUB}/{f.subject.repo_id}"

    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": f.claim_id,
        "claimReviewed": f.quote,
        "itemReviewed": {
            "@type": "Claim",
            "name": f"{f.subject.name} {f.property} = {display_value(f.value)}",
            "about": about,
            "appearance": appearance,
            "datePublished": published,
        },
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": "claimcheck"},
    }
    urls = list(dict.fromkeys(fact.source_url for fact in f.evidence if fact.source_url))
    if urls:
        review["isBasedOn"] = urls
    return review
