"""A composite source merges several sources per repo and records each fact's origin."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from checker.evidence.composite import CompositeSource
from checker.evidence.facts import FactKind, RepoEvidence, Unavailable
from checker.evidence.interface import EvidenceSource, Needs
from tests.engine.factory import fact, snapshot


class _Fixed:
    """An evidence source answering from a dict (a test double of the interface, not of the Hub client)."""

    def __init__(self, name: str, answers: dict[str, RepoEvidence | Unavailable]):
        self.name, self.answers, self.asked = name, answers, []

    def evidence(self, repo_ids: Iterable[str], *, needs: Needs = frozenset()) -> dict[str, RepoEvidence | Unavailable]:
        return dict(self.iter_evidence(repo_ids, needs=needs))

    def iter_evidence(self, repo_ids: Iterable[str], *,
                      needs: Needs = frozenset()) -> Iterator[tuple[str, RepoEvidence | Unavailable]]:
        for repo_id in repo_ids:
            self.asked.append((repo_id, needs))
            yield repo_id, self.answers.get(repo_id) or Unavailable(repo_id=repo_id, reason="no-snapshot")


def test_facts_of_every_source_with_their_origin():
    recorded = _Fixed("snapshot", {"example-org/m": snapshot(fact("parameters.total", 7_000_000_000))})
    live = _Fixed("hub", {"example-org/m": snapshot(fact("license", "mit"), revision="fedcba")})
    source: EvidenceSource = CompositeSource(recorded, live)
    got = source.evidence(["example-org/m"], needs=frozenset({"license"}))["example-org/m"]
    assert isinstance(got, RepoEvidence)
    assert [(f.property, f.origin) for f in got.facts] == [(FactKind.PARAMETERS_TOTAL, "snapshot"),
                                                           (FactKind.LICENSE, "hub")]
    assert got.revision == "abcdef1234567890"          # the first source's record
    assert recorded.asked == live.asked == [("example-org/m", frozenset({"license"}))]
    assert source.name == "snapshot+hub"


def test_a_repo_no_source_has_is_unavailable_with_the_first_reason():
    a = _Fixed("snapshot", {})
    b = _Fixed("hub", {"x/y": Unavailable(repo_id="x/y", reason="timeout")})
    assert CompositeSource(a, b).evidence(["x/y"])["x/y"].reason == "no-snapshot"   # type: ignore[union-attr]
    assert CompositeSource(b, a).evidence(["x/y"])["x/y"].reason == "timeout"       # type: ignore[union-attr]


def test_one_source_missing_a_repo_leaves_the_other_s_evidence():
    a = _Fixed("snapshot", {})
    b = _Fixed("hub", {"x/y": snapshot(fact("gated", False), repo="x/y")})
    got = CompositeSource(a, b).evidence(["x/y"])["x/y"]
    assert isinstance(got, RepoEvidence) and [f.origin for f in got.facts] == ["hub"]
