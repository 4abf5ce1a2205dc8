"""Several evidence sources as one: each repo's facts from all of them, every fact marked with its origin.

The first source that has a repo's evidence gives the record (revision, retrieval time, raw responses); the
facts of every source that has it are merged in source order, each with ``origin`` set to the name of the source
it came from. A repo no source has is unavailable with the first source's reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from checker.evidence.facts import RepoEvidence, Unavailable
from checker.evidence.interface import EvidenceSource, Needs


class CompositeSource:
    """The evidence of ``sources`` merged per repo (an :class:`EvidenceSource` itself)."""

    def __init__(self, *sources: EvidenceSource):
        if not sources:
            raise ValueError("a composite source needs at least one source")
        self.sources = sources
        self.name = "+".join(s.name for s in sources)

    def evidence(self, repo_ids: Iterable[str], *, needs: Needs = frozenset()) -> dict[str, RepoEvidence | Unavailable]:
        """Evidence per repo id, merged from every source (never raises for one repo's failure)."""
        return dict(self.iter_evidence(repo_ids, needs=needs))

    def iter_evidence(self, repo_ids: Iterable[str], *,
                      needs: Needs = frozenset()) -> Iterator[tuple[str, RepoEvidence | Unavailable]]:
        """(repo id, merged evidence) in the order asked, once every source has answered for all of them."""
        ids = list(dict.fromkeys(repo_ids))
        answers = [(s.name, s.evidence(ids, needs=needs)) for s in self.sources]
        for repo_id in ids:
            yield repo_id, merge(repo_id, [(name, got[repo_id]) for name, got in answers if repo_id in got])


def merge(repo_id: str, results: list[tuple[str, RepoEvidence | Unavailable]]) -> RepoEvidence | Unavailable:
    """One repo's results from several sources (``(source name, result)`` in order) as one result."""
    found = [(name, r) for name, r in results if isinstance(r, RepoEvidence)]
    if not found:
        first = next((r for _, r in results if isinstance(r, Unavailable)), None)
        return first or Unavailable(repo_id=repo_id, reason="no-snapshot", detail="no source has evidence for it")
    facts = [f if f.origin is not None else f.model_copy(update={"origin": name})
             for name, evidence in found for f in evidence.facts]
    gated = list(dict.fromkeys(g for _, evidence in found for g in evidence.gated_files))
    return found[0][1].model_copy(update={"facts": facts, "gated_files": gated})
