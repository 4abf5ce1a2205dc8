"""The offline evidence source: the recorded snapshot. No network, no token."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from checker.errors import display_path
from checker.evidence.facts import RepoEvidence, Unavailable
from checker.evidence.interface import Needs
from checker.evidence.store import SnapshotStore


class SnapshotSource:
    """Evidence as recorded in a :class:`SnapshotStore`."""

    name = "snapshot"

    def __init__(self, store: SnapshotStore):
        self.store = store

    def evidence(self, repo_ids: Iterable[str], *, needs: Needs = frozenset()) -> dict[str, RepoEvidence | Unavailable]:
        """The recorded evidence per repo id (``needs`` is irrelevant: a snapshot holds what it holds)."""
        return dict(self.iter_evidence(repo_ids, needs=needs))

    def iter_evidence(self, repo_ids: Iterable[str], *,
                      needs: Needs = frozenset()) -> Iterator[tuple[str, RepoEvidence | Unavailable]]:
        """(repo id, recorded evidence or ``no-snapshot``) in the order asked."""
        shared: dict[object, object] = {}
        for repo_id in dict.fromkeys(repo_ids):
            # The raw answers are for audits, not verdicts.
            recorded = self.store.load(repo_id, raw=False, shared=shared)
            yield repo_id, recorded if recorded is not None else Unavailable(
                repo_id=repo_id, reason="no-snapshot",
                detail=f"no recorded evidence at {display_path(self.store.path_for(repo_id))}; "
                       "run `claimcheck hub refresh`")
