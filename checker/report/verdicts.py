"""How each verdict looks in every report format, in one table keyed by the verdict.

Every format reads its per-verdict wording, colour, icon, level and order from :data:`LOOK`, built by
:func:`_look`, whose ``match`` is exhaustive (``assert_never``): a new verdict fails mypy until it has its row
here, and then every format shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, assert_never

from checker.registry.models import VERDICTS, Verdict

SarifLevel = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class VerdictLook:
    """One verdict in every format."""

    rank: int  #: display order, worst first (drift sorts right after rank 0)
    short: str  #: one-line description (SARIF rule, HTML filter title)
    full: str  #: the verdict table's definition
    icon: str  #: Markdown
    style: str  #: rich style in the terminal
    color: tuple[str, str]  #: HTML badge (background, text)
    sarif_level: SarifLevel
    rating: str | None  #: ClaimReview alternateName; None: no point on the scale
    rating_value: int | None  #: ClaimReview ratingValue on the 1-5 scale
    junit: Literal["fail", "skip", "pass"]  #: JUnit outcome when the verdict is not the claim's expect


def _look(v: Verdict) -> VerdictLook:
    match v:
        case "contradicted":
            return VerdictLook(0, "The evidence contradicts the claim", "contradicted: primary evidence says otherwise.",
                               "❌", "bold red", ("#fbd5d5", "#8a1010"), "error", "False", 1, "fail")
        case "approximate":
            return VerdictLook(2, "The claim is a rounded or partial truth",
                               "approximate: primary evidence shows a rounded or partial truth: the evidence rounded or "
                               "truncated to the claim's precision, at most 10 % off, or open weights called "
                               "\"open source\".", "🟡", "yellow", ("#fff1c2", "#5c4300"), "warning", "Mostly true", 3,
                               "pass")
        case "corroborated":
            return VerdictLook(4, "Other sources report the same; no primary evidence",
                               "corroborated: no primary evidence, but at least one independent other source states "
                               "a compatible value and none conflicts.", "🔁", "blue", ("#e3e8fb", "#1f3a8a"),
                               "note", "Consistent with other reports", None, "pass")
        case "disputed":
            return VerdictLook(3, "Sources disagree about the claim",
                               "disputed: sources disagree and no primary evidence settles it; the report tallies "
                               "each value with its sources.", "⚖️", "magenta",
                               ("#f0dcf5", "#6a1b7a"), "warning", None, None, "skip")
        case "unverifiable":
            return VerdictLook(5, "The claim could not be verified",
                               "unverifiable: no evidence, or it could not be fetched; the reason code says which. "
                               "A failed fetch is never a contradiction.", "❔", "cyan", ("#e1ecf4", "#1d4e6e"),
                               "note", None, None, "skip")
        case "supported":
            return VerdictLook(6, "The evidence matches the claim",
                               "supported: primary evidence matches: the declared figure's rounding interval overlaps "
                               "the evidence's, or comes within the tolerance (0.5 % by default).", "✅", "green",
                               ("#d7f5dd", "#0b5d1e"), "note", "True", 5, "pass")
        case _:
            assert_never(v)


LOOK: dict[Verdict, VerdictLook] = {v: _look(v) for v in VERDICTS}

#: Verdicts in display order, worst first: contradicted, approximate, disputed, corroborated, unverifiable,
#: supported.
DISPLAY_ORDER: tuple[Verdict, ...] = tuple(sorted(VERDICTS, key=lambda v: LOOK[v].rank))
