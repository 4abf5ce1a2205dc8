"""Every reason code a finding can carry, with its meaning (stable: CI baselines and reports key on them).

One enum, :class:`ReasonCode`: ``Finding.reason`` is one of its members, so the report schema lists them all and
a checker cannot return a code that is not here. Each member carries its meaning.
"""

from __future__ import annotations

from enum import StrEnum

from checker.evidence.facts import Method


class ReasonCode(StrEnum):
    """A stable reason code, with its meaning (``.meaning``)."""

    meaning: str

    def __new__(cls, value: str, meaning: str = "") -> ReasonCode:
        member = str.__new__(cls, value)
        member._value_ = value
        member.meaning = meaning
        return member

    @classmethod
    def of_method(cls, method: Method) -> ReasonCode:
        """The reason naming how the deciding fact was obtained (every Method has one)."""
        return cls(method.value)

    # a figure compared with the most exact fact, named by how that fact was obtained
    HUB_API = "hub-api", "compared with the Hub API's figure (exact)"
    SAFETENSORS_HEADER = "safetensors-header", "compared with the total read from the safetensors headers"
    CONFIG = "config", "compared with config.json"
    MODEL_CARD = "model-card", "compared with the developer's own model-card statement"
    PAGE = "page", "compared with a stored public page (a rounded badge or list figure)"
    RECONSTRUCTED = "reconstructed", "compared with a reconstructed figure (not an exact API value)"
    # could not be judged from the Hub
    NO_EVIDENCE = "no-evidence", "the repo's evidence holds no fact bearing on the claim"
    EVIDENCE_UNAVAILABLE = "evidence-unavailable", "the repo's evidence could not be obtained (never a contradiction)"
    NO_REPO = "no-repo", "the subject (or a relation's object) has no Hub repo in the registry"
    NOT_HUB_CHECKABLE = "not-hub-checkable", "Hub metadata cannot show this property"
    INVALID_VALUE = "invalid-value", "the claim's value does not fit its property"
    # openness and licences
    OSI_LICENSE = "osi-license", "weights downloadable under an OSI-approved licence without use restrictions"
    OPEN_WEIGHTS_ONLY = "open-weights-only", "weights downloadable, but the licence is not OSI-approved or restricts use"
    NOT_DOWNLOADABLE = "not-downloadable", "the repo is private, disabled or does not exist"
    DOWNLOADABLE = "downloadable", "the repo is public and not disabled (gating reported)"
    LICENSE_UNKNOWN = "license-unknown", "the licence is neither an SPDX id nor described in licenses.yaml"
    LICENSE_MATCH = "license-match", "the Hub licence is the claimed one"
    LICENSE_MISMATCH = "license-mismatch", ("the Hub licence is another one (for a claimed version: another version, or "
                                            "another family)")
    LICENSE_FAMILY = "license-family", "the Hub licence is a version of the licence family the claim names"
    LICENSE_VERSION_UNKNOWN = "license-version-unknown", ("the Hub names only the licence family, not which version the "
                                                          "claim names")
    LICENSE_TERMS = "license-terms", "judged from the licence's terms (SPDX list or licenses.yaml)"
    LICENSE_TERMS_UNKNOWN = "license-terms-unknown", "the licence is known, but its terms leave the question open"
    # dates, organisations, lineage
    CREATED_AT_ONLY = "created-at-only", "only the repo's creation date is recorded; it does not date a release"
    REPO_OWNER = "repo-owner", "judged from the repo owner's organisation"
    OWNER_UNKNOWN = "owner-unknown", "the repo owner is not a Hub namespace of any registry entity"
    DECLARED_BASE_MODEL = "declared-base-model", "judged from the base model the repo declares"
    NO_BASE_MODEL_DECLARED = "no-base-model-declared", "the repo declares no base model (absence proves nothing)"
    METADATA_CANNOT_PROVE = "metadata-cannot-prove", "no declared base model; metadata can never prove training from scratch"
    # downloads and relations
    DOWNLOADS_ALL_TIME = "downloads-all-time", "compared with the all-time download count"
    DOWNLOADS_30_DAY = "downloads-30-day", "judged from the 30-day download count (all-time is at least that)"
    DOWNLOADS_30_DAY_ARITHMETIC = "downloads-30-day-arithmetic", ("all-time less the last 30 days: the count 30 days before "
                                                                  "the observation")
    ONLY_30_DAY_DOWNLOADS = "only-30-day-downloads", "only a 30-day count is recorded and it cannot settle the claim"
    BOUND_ONLY = "bound-only", "a count at another date only bounds the count at the claim's date (counts only grow)"
    PARAMETER_RATIO = "parameter-ratio", "the size ratio of the two models from their parameter totals"
    # across articles
    CROSS_ARTICLE = "cross-article", "no primary evidence; independent other sources agree and none conflicts (corroborated)"
    SOURCES_DISAGREE = "sources-disagree", "no primary evidence; sources state incompatible values (tallied)"
    PRIMARY_SOURCE = "primary-source", "judged against the developer's or organiser's own document (a kind: primary source)"
    SAME_SOURCE_CONFLICT = "same-source-conflict", "the same source states incompatible values for this fact"
    SINGLE_SOURCE = "single-source", "the Hub cannot check it and no other source states it"


#: Every reason code and its meaning, as plain strings.
REASONS: dict[str, str] = {r.value: r.meaning for r in ReasonCode}
