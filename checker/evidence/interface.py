"""The one small interface every evidence source implements."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from checker.evidence.facts import RepoEvidence, Unavailable
from checker.registry.types import Claim

EvidenceMap = Mapping[str, RepoEvidence | Unavailable]
#: The claim properties asked about: one set for every repo, or one set per repo id.
Needs = frozenset[str] | Mapping[str, frozenset[str]]


@dataclass(frozen=True, eq=False)
class ClaimNeeds(Mapping[str, frozenset[str]]):
    """Needs given as the claims themselves, per repo id (as subject, or as a relation's object): their
    properties are the needs, and a live source may skip a file whose facts cannot change their verdicts
    once the API's facts are in (:func:`checker.properties.files_wanted`)."""

    claims: Mapping[str, tuple[Claim, ...]]

    def __getitem__(self, repo_id: str) -> frozenset[str]:
        return frozenset(c.property for c in self.claims[repo_id])

    def __iter__(self) -> Iterator[str]:
        return iter(self.claims)

    def __len__(self) -> int:
        return len(self.claims)


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
