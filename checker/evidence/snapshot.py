"""The offline evidence source: the recorded snapshot. No network, no token."""

from __future__ import annotations

from collections.abc import Iterable

from checker.errors import display_path
from checker.evidence.facts import RepoEvidence, Unavailable
from checker.evidence.store import SnapshotStore


class SnapshotSource:
    """Evidence as recorded in a :class:`SnapshotStore`."""

    name = "snapshot"

    def __init__(self, store: SnapshotStore):
        self.store = store

    def evidence(self, repo_ids: Iterable[str], *,
                 needs: frozenset[str] = frozenset()) -> dict[str, RepoEvidence | Unavailable]:
        out: dict[str, RepoEvidence | Unavailable] = {}
        for repo_id in repo_ids:
            recorded = self.store.load(repo_id)
            out[repo_id] = recorded if recorded is not None else Unavailable(
                repo_id=repo_id, reason="no-snapshot",
                detail=f"no recorded evidence at {display_path(self.store.path_for(repo_id))}; "
                       "run `claimcheck hub refresh`")
        return out
