"""The one small interface every evidence source implements."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from checker.evidence.facts import RepoEvidence, Unavailable

EvidenceMap = Mapping[str, RepoEvidence | Unavailable]


class EvidenceSource(Protocol):
    """Gives the evidence for a set of Hub repos: recorded, or fetched live."""

    name: str

    def evidence(self, repo_ids: Iterable[str], *,
                 needs: frozenset[str] = frozenset()) -> dict[str, RepoEvidence | Unavailable]:
        """Evidence per repo id; ``needs`` names claim properties (e.g. ``vision_encoder``) that call for
        extra files (config.json, the model card) in live mode. Never raises for one repo's failure."""
        ...
