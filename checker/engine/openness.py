"""``open_source``, ``open_weights``, ``license``, ``commercial_use``, ``gated``.

"Open source" is judged on rungs (anchors A2), never by keyword:
- R0 the weights are downloadable: the repo exists, is not private and not disabled. A gated repo is
  still downloadable once its terms are accepted; that is said, not held against it.
- R1 the licence is OSI-approved: by exact SPDX id, or ``other`` + ``license_name`` looked up in
  licenses.yaml (exact ids and aliases only).
- R2 the licence has no use restrictions (licenses.yaml ``restrictions``).
All three -> ``osi-license``; downloadable but R1 or R2 failing -> ``open-weights-only`` (a claim of open
source is then approximate: open weights called open source); not downloadable -> ``not-downloadable``;
a licence nobody has described -> ``license-unknown`` (never guessed).
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.engine.context import Context, Judgement, first_value, pinned, unverifiable
from checker.engine.reasons import ReasonCode as R
from checker.evidence.facts import Fact, RepoEvidence
from checker.licenses import CUSTOM, LicenseBook, LicenseInfo
from checker.registry.models import Verdict
from checker.registry.types import BoolValue, Claim

_UNGATED = (False, None, "false", "")
# What each gating mode asks of a downloader (the Hub's "auto" grants access on accepting the terms).
_GATE_TERMS = {"auto": "downloadable after accepting the terms",
               "manual": "downloadable once the authors grant a request"}


@dataclass(frozen=True)
class Rung:
    """One rung's outcome: passed (True/False) or unknown (None), in words, with the facts read."""

    passed: bool | None
    text: str
    facts: tuple[Fact, ...] = ()


def _fact(evidence: RepoEvidence, prop: str) -> Fact | None:
    fact = first_value(evidence, prop)
    return pinned(fact, evidence) if fact is not None else None


def gating(evidence: RepoEvidence) -> tuple[str, Fact | None]:
    """`` (gated: manual; downloadable after accepting the terms)`` or empty, with the fact."""
    fact = _fact(evidence, "gated")
    if fact is None or fact.value in _UNGATED:
        return "", fact
    terms = _GATE_TERMS.get(str(fact.value), "downloadable after accepting the terms")
    return f" (gated: {fact.value}; {terms})", fact


def downloadable(evidence: RepoEvidence) -> Rung:
    """R0: can anyone download the weights?"""
    facts = {p: _fact(evidence, p) for p in ("disabled", "private", "exists")}
    used = tuple(f for f in facts.values() if f is not None)
    gate, gate_fact = gating(evidence)
    if gate_fact is not None:
        used += (gate_fact,)
    for prop, blocked, text in (("disabled", True, "the repo is disabled"), ("private", True, "the repo is private"),
                                ("exists", False, "the repo does not exist on the Hub")):
        found = facts[prop]
        if found is not None and found.value is blocked:
            return Rung(False, f"weights not downloadable: {text}", used)
    # A repo recorded as existing, or read from public pages, was visible without credentials.
    public = (facts["private"] is not None and facts["private"].value is False) or \
        (facts["exists"] is not None and facts["exists"].value is True) or evidence.origin == "public-pages"
    if public:
        return Rung(True, f"weights downloadable{gate}", used)
    return Rung(None, "availability not recorded (no private/disabled/exists facts)", used)


def licence(evidence: RepoEvidence, book: LicenseBook) -> tuple[LicenseInfo | None, str, tuple[Fact, ...]]:
    """The licence the repo declares, what it was matched to (or why not), and the facts read."""
    lic, name = _fact(evidence, "license"), _fact(evidence, "license_name")
    used = tuple(f for f in (lic, name) if f is not None)
    if not used:
        return None, "no licence recorded", used
    hub_id = lic.value if lic is not None else None
    hub_name = name.value if name is not None else None
    shown = repr(hub_name) if hub_name and (hub_id is None or str(hub_id).casefold() == CUSTOM) else repr(hub_id)
    if all(f.confidence == "low" for f in used):
        # A licence only a third party reports is not established: openness must never rest on hearsay.
        return None, f"licence {shown} is reported only by a low-confidence third-party source", used
    info = book.lookup(hub_id, hub_name)
    if info is not None:
        where = "SPDX" if info.source == "spdx" else "licenses.yaml"
        return info, f"licence {shown} = {info.id} ({where})", used
    if hub_name and (hub_id is None or str(hub_id).casefold() == CUSTOM):
        return None, f"custom licence {shown} (license: other) is not described in licenses.yaml", used
    return None, f"licence {shown} is neither an SPDX id nor described in licenses.yaml", used


def _open(info: LicenseInfo) -> tuple[bool, str]:
    if not info.osi_approved:
        return False, "is not OSI-approved"
    if info.restrictions:
        return False, f"is OSI-approved but restricts use ({', '.join(info.restrictions)})"
    return True, "is OSI-approved with no use restrictions"


def check_open_source(claim: Claim, evidence: RepoEvidence, ctx: Context) -> Judgement:
    if not isinstance(claim.value, BoolValue):
        return unverifiable(R.INVALID_VALUE, f"open_source needs true or false, got {claim.raw_value!r}")
    r0 = downloadable(evidence)
    info, lic_text, lic_facts = licence(evidence, ctx.licenses)
    facts = r0.facts + lic_facts
    if r0.passed is False:
        return Judgement("contradicted" if claim.value.flag else "supported", R.NOT_DOWNLOADABLE, r0.text, facts)
    if info is None:
        return unverifiable(R.LICENSE_UNKNOWN if lic_facts else R.NO_EVIDENCE,
                            f"{r0.text}; {lic_text}: cannot tell whether it is OSI-approved "
                            "(checked: license, license_name, the SPDX list, licenses.yaml)", facts)
    is_open, why = _open(info)
    if r0.passed is None:
        return unverifiable(R.NO_EVIDENCE, f"{r0.text}; {lic_text} {why}", facts)
    if is_open:
        return Judgement("supported" if claim.value.flag else "contradicted", R.OSI_LICENSE,
                         f"{r0.text}; {lic_text} {why}", facts)
    return Judgement("approximate" if claim.value.flag else "supported", R.OPEN_WEIGHTS_ONLY,
                     f"{r0.text}, but {lic_text} {why}: open weights, not open source", facts)


def check_open_weights(claim: Claim, evidence: RepoEvidence, ctx: Context) -> Judgement:
    if not isinstance(claim.value, BoolValue):
        return unverifiable(R.INVALID_VALUE, f"open_weights needs true or false, got {claim.raw_value!r}")
    r0 = downloadable(evidence)
    if r0.passed is None:
        return unverifiable(R.NO_EVIDENCE, r0.text, r0.facts)
    reason = R.DOWNLOADABLE if r0.passed else R.NOT_DOWNLOADABLE
    return Judgement("supported" if r0.passed == claim.value.flag else "contradicted", reason, r0.text, r0.facts)


def check_license(claim: Claim, evidence: RepoEvidence, ctx: Context) -> Judgement:
    claimed_text = claim.kind.to_text(claim.value)
    info, lic_text, facts = licence(evidence, ctx.licenses)
    if not facts:
        return unverifiable(R.NO_EVIDENCE, f"no licence recorded for {evidence.repo_id}")
    claimed = ctx.licenses.resolve(claimed_text)
    if info is None or claimed is None:
        declared = {str(f.value).casefold() for f in facts}
        if claimed_text.casefold() in declared:
            return Judgement("supported", R.LICENSE_MATCH, f"the Hub declares {claimed_text!r} as claimed", facts)
        unknown = lic_text if info is None else f"the claimed licence {claimed_text!r} is not described"
        return unverifiable(R.LICENSE_UNKNOWN, f"{unknown}; cannot compare it with the claimed {claimed_text}", facts)
    match claimed.matches(info):
        case None:
            return unverifiable(R.LICENSE_VERSION_UNKNOWN, f"Hub {lic_text}, a family of versions: it cannot show "
                                f"whether the version is the claimed {claimed.id}", facts)
        case True if claimed.is_family and not info.is_family:
            return Judgement("supported", R.LICENSE_FAMILY,
                             f"Hub {lic_text}, a version of the claimed family {claimed.id}", facts)
        case True:
            return Judgement("supported", R.LICENSE_MATCH, f"Hub {lic_text}, as claimed", facts)
        case False:
            return Judgement("contradicted", R.LICENSE_MISMATCH, f"Hub {lic_text}, not the claimed {claimed.id}",
                             facts)


def check_commercial_use(claim: Claim, evidence: RepoEvidence, ctx: Context) -> Judgement:
    if not isinstance(claim.value, BoolValue):
        return unverifiable(R.INVALID_VALUE, f"commercial_use needs true or false, got {claim.raw_value!r}")
    info, lic_text, facts = licence(evidence, ctx.licenses)
    if info is None:
        return unverifiable(R.LICENSE_UNKNOWN if facts else R.NO_EVIDENCE,
                            f"{lic_text}: its terms on commercial use are unknown", facts)
    if info.commercial_use is None:
        return unverifiable(R.LICENSE_TERMS_UNKNOWN,
                            f"{lic_text}; the licence knowledge leaves commercial use open", facts)
    allowed = "allows" if info.commercial_use else "does not allow"
    verdict: Verdict = "supported" if info.commercial_use == claim.value.flag else "contradicted"
    return Judgement(verdict, R.LICENSE_TERMS, f"{lic_text}, which {allowed} commercial use", facts)


def check_gated(claim: Claim, evidence: RepoEvidence, ctx: Context) -> Judgement:
    if not isinstance(claim.value, BoolValue):
        return unverifiable(R.INVALID_VALUE, f"gated needs true or false, got {claim.raw_value!r}")
    fact = _fact(evidence, "gated")
    if fact is None:
        return unverifiable(R.NO_EVIDENCE, f"no gating recorded for {evidence.repo_id}")
    gated = fact.value not in _UNGATED
    text = (f"Hub gated: {fact.value} ({_GATE_TERMS.get(str(fact.value), 'access after accepting the terms')})"
            if gated else "Hub gated: false (no access request needed)")
    return Judgement("supported" if gated == claim.value.flag else "contradicted", R.of_method(fact.method), text, (fact,))
