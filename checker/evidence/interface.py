"""The one small interface every evidence source implements."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Protocol

from checker.evidence.facts import RepoEvidence, Unavailable

EvidenceMap = Mapping[str, RepoEvidence | Unavailable]
#: The claim properties asked about: one set for every repo, or one set per repo id.
Needs = frozenset[str] | Mapping[str, frozenset[str]]


def needs_of(needs: Needs, repo_id: str) -> frozenset[str]:
    """The properties ``needs`` asks about for ``repo_id``."""
    return frozenset(needs.get(repo_id, ())) if isinstance(needs, Mapping) else frozenset(needs)


class EvidenceSource(Protocol):
    """Gives the evidence for a set of Hub repos: recorded, or fetched live."""

    name: str

    def evidence(self, repo_ids: Iterable[str], *, needs: Needs = frozenset()) -> dict[str, RepoEvidence | Unavailable]:
        """Evidence per repo id; ``needs`` names claim properties (e.g. ``vision_encoder``) whose checks call
        for extra files (config.json, the model card) in live mode. Never raises for one repo's failure."""
        ...

    def iter_evidence(self, repo_ids: Iterable[str], *,
                      needs: Needs = frozenset()) -> Iterator[tuple[str, RepoEvidence | Unavailable]]:
        """The same pairs as :meth:`evidence`, each as soon as it is complete (so a caller can store while
        fetching); the order is the source's."""
        ...
