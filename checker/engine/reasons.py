"""Every reason code a finding can carry, with its meaning (stable: CI baselines and reports key on them)."""

from __future__ import annotations

REASONS: dict[str, str] = {
    # a figure compared with the most exact fact, named by how that fact was obtained
    "hub-api": "compared with the Hub API's figure (exact)",
    "safetensors-header": "compared with the total read from the safetensors headers",
    "config": "compared with config.json",
    "model-card": "compared with the developer's own model-card statement",
    "page": "compared with a stored public page (a rounded badge or list figure)",
    "reconstructed": "compared with a reconstructed figure (not an exact API value)",
    # could not be judged from the Hub
    "no-evidence": "the repo's evidence holds no fact bearing on the claim",
    "evidence-unavailable": "the repo's evidence could not be obtained (never a contradiction)",
    "no-repo": "the subject (or a relation's object) has no Hub repo in the registry",
    "not-hub-checkable": "Hub metadata cannot show this property",
    "invalid-value": "the claim's value does not fit its property",
    # openness and licences
    "osi-license": "weights downloadable under an OSI-approved licence without use restrictions",
    "open-weights-only": "weights downloadable, but the licence is not OSI-approved or restricts use",
    "not-downloadable": "the repo is private, disabled or does not exist",
    "downloadable": "the repo is public and not disabled (gating reported)",
    "license-unknown": "the licence is neither an SPDX id nor described in licenses.yaml",
    "license-match": "the Hub licence is the claimed one",
    "license-mismatch": "the Hub licence is another one (for a claimed version: another version, or another family)",
    "license-family": "the Hub licence is a version of the licence family the claim names",
    "license-version-unknown": "the Hub names only the licence family, not which version the claim names",
    "license-terms": "judged from the licence's terms (SPDX list or licenses.yaml)",
    "license-terms-unknown": "the licence is known, but its terms leave the question open",
    # dates, organisations, lineage
    "created-at-only": "only the repo's creation date is recorded; it does not date a release",
    "repo-owner": "judged from the repo owner's organisation",
    "owner-unknown": "the repo owner is not a Hub namespace of any registry entity",
    "declared-base-model": "judged from the base model the repo declares",
    "no-base-model-declared": "the repo declares no base model (absence proves nothing)",
    "metadata-cannot-prove": "no declared base model; metadata can never prove training from scratch",
    # downloads and relations
    "downloads-all-time": "compared with the all-time download count",
    "downloads-30-day": "judged from the 30-day download count (all-time is at least that)",
    "downloads-30-day-arithmetic": "all-time less the last 30 days: the count 30 days before the observation",
    "only-30-day-downloads": "only a 30-day count is recorded and it cannot settle the claim",
    "bound-only": "a count at another date only bounds the count at the claim's date (counts only grow)",
    "parameter-ratio": "the size ratio of the two models from their parameter totals",
    # across articles
    "cross-article": "no Hub verdict; other sources agree and none conflicts",
    "sources-disagree": "no Hub verdict; other sources state incompatible values",
    "single-source": "the Hub cannot check it and no other source states it",
}
