"""Re-recording Hub evidence into the snapshot store: fetch, compare, write what changed, keep what failed.

A repo whose evidence could not be obtained is reported as failed and its recorded file is left exactly as
it was: a failed fetch never replaces or deletes good evidence (nor does a gated repo's API-only answer
replace files recorded with access). A file the claims did not need this time (the API's facts settled
them) but that was recorded before at the same revision is kept with its facts: a commit's files never
change, so nothing recorded is lost for want of a request; at a new revision only what the claims need is
read. Writes overlap the fetching when the source streams its results.
``--only`` may name only repos the registry references: a typo would otherwise record evidence that
nothing uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any

from checker.errors import ClaimcheckError, EvidenceError, display_path
from checker.evidence.facts import HubFile, Method, RepoEvidence, Unavailable
from checker.evidence.interface import ClaimNeeds, EvidenceSource, Needs
from checker.evidence.store import SnapshotStore
from checker.registry.models import check_repo_id
from checker.registry.types import Claim, Registry, RelationValue

#: Threads writing snapshot files while the fetching goes on.
WRITERS = 4


@dataclass(frozen=True)
class Failed:
    """A repo whose evidence could not be obtained; ``kept`` says whether earlier evidence is still recorded."""

    repo_id: str
    reason: str
    detail: str
    kept: bool


@dataclass
class RefreshSummary:
    """What a refresh did, per repo."""

    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)   # requested id -> the Hub's current id

    @property
    def ok(self) -> bool:
        return not self.failed

    def text(self) -> str:
        """A plain-text account for stderr: counts, then every updated, renamed and failed repo."""
        lines = [f"hub refresh: {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
                 f"{len(self.failed)} failed"]
        lines += [f"  updated   {repo_id}" for repo_id in self.updated]
        lines += [f"  renamed   {old} -> {new} (recorded under both ids; update the registry)"
                  for old, new in self.renamed.items()]
        for f in self.failed:
            kept = "recorded evidence kept" if f.kept else "no recorded evidence"
            lines.append(f"  failed    {f.repo_id}: {f.reason} ({kept})" + (f" - {f.detail}" if f.detail else ""))
        return "\n".join(lines) + "\n"


def registry_needs(registry: Registry) -> ClaimNeeds:
    """The claims per Hub repo, whose properties (and, once the API answered, values) decide the extra
    files a refresh records."""
    claims: dict[str, list[Claim]] = {}
    for claim in registry.claims:
        if claim.subject.repo_id:
            claims.setdefault(claim.subject.repo_id, []).append(claim)
        if isinstance(claim.value, RelationValue) and claim.value.relation.object.repo_id:
            # A relation's object is judged with the same evidence as its subject.
            claims.setdefault(claim.value.relation.object.repo_id, []).append(claim)
    return ClaimNeeds({repo_id: tuple(cs) for repo_id, cs in claims.items()})


def refresh(repo_ids: Iterable[str], source: EvidenceSource, store: SnapshotStore, *,
            only: Iterable[str] | None = None,
            needs: Needs = frozenset()) -> RefreshSummary:
    """Fetch evidence for ``repo_ids`` (or the ``only`` subset) from ``source`` and record what changed.

    Raises ClaimcheckError before any request when an id is not a Hub repo id or ``only`` names a repo
    outside ``repo_ids``.
    """
    ids = sorted(set(repo_ids))
    wanted = list(dict.fromkeys(only or ()))
    invalid = [r for r in [*ids, *wanted] if not _is_repo_id(r)]
    if invalid:
        raise ClaimcheckError("not Hub repo ids: " + ", ".join(repr(r) for r in invalid))
    if wanted:
        unknown = [r for r in wanted if r not in ids]
        if unknown:
            raise ClaimcheckError("--only names repos the registry does not reference: " + ", ".join(unknown))
        ids = [r for r in ids if r in wanted]

    store.clean_stale_temp_files()  # what a refresh killed mid-write left behind
    # A source that streams its results (HubSource) lets the writes overlap the fetching; the writes go to
    # a few threads of their own, since each waits on the disk (fsync) far longer than it computes.
    pairs = source.iter_evidence(ids, needs=needs)
    results: dict[str, RepoEvidence | Unavailable] = {}
    written: dict[str, bool] = {}
    saving: dict[Future[tuple[RepoEvidence | Unavailable, bool]], str] = {}

    def collect(futures: Iterable[Future[tuple[RepoEvidence | Unavailable, bool]]]) -> None:
        for future in list(futures):
            repo_id = saving.pop(future)
            results[repo_id], written[repo_id] = future.result()   # a write error stops the refresh

    with ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="store") as writers:
        try:
            for repo_id, result in pairs:
                results[repo_id] = result
                if isinstance(result, RepoEvidence):
                    saving[writers.submit(_record, store, result)] = repo_id
                collect(f for f in saving if f.done())
            collect(as_completed(list(saving)))
        finally:
            close = getattr(pairs, "close", None)
            if close is not None:
                close()                      # a write error: the source stops fetching
            for future in saving:
                future.cancel()

    summary = RefreshSummary()
    for repo_id in ids:
        result = results.get(repo_id) or Unavailable(repo_id=repo_id, reason="error",
                                                     detail="the evidence source returned nothing")
        if isinstance(result, Unavailable):
            summary.failed.append(Failed(repo_id, result.reason, result.detail, kept=store.exists(repo_id)))
            continue
        (summary.updated if written[repo_id] else summary.unchanged).append(repo_id)
        new_id = next((f.value for f in result.facts_for("renamed_to")), None)
        if isinstance(new_id, str) and new_id != repo_id:
            summary.renamed[repo_id] = new_id
            if new_id not in ids and _is_repo_id(new_id):
                # Also recorded under the new id, so the evidence is found once the registry follows the rename.
                _save_if_changed(store, result.model_copy(update={
                    "repo_id": new_id, "facts": [f for f in result.facts if f.property != "renamed_to"]}),
                    _recorded(store, new_id))
    return summary


def _record(store: SnapshotStore, result: RepoEvidence) -> tuple[RepoEvidence | Unavailable, bool]:
    """Record one repo's new evidence unless that would lose files recorded with access; (the outcome,
    whether the file was written)."""
    recorded = _recorded(store, result.repo_id)
    lost = _gated_losses(recorded, result)
    if lost:
        return Unavailable(repo_id=result.repo_id, reason="gated", detail=(
            f"{' and '.join(lost)} not readable with the current token (gated repo), but recorded before")), False
    result = _keep_unread_files(recorded, result)
    return result, _save_if_changed(store, result, recorded)


def _recorded(store: SnapshotStore, repo_id: str) -> RepoEvidence | None:
    try:
        return store.load(repo_id)
    except EvidenceError:
        return None                          # a broken file is replaced by good evidence


def _gated_losses(recorded: RepoEvidence | None, new: RepoEvidence) -> list[str]:
    """The files ``recorded`` holds that ``new`` lacks because the repo is gated to the current token.

    Without access (no token, or another account) a gated repo still shows its API fields but not its
    files; writing that would throw away card and config facts recorded with access.
    """
    if recorded is None or recorded.raw is None:
        return []
    held = {HubFile.CONFIG: recorded.raw.config_json is not None, HubFile.MODEL_CARD: recorded.raw.model_card is not None}
    return [f.value for f in new.gated_files if held[f]]


_FILE_METHOD = {HubFile.CONFIG: Method.CONFIG, HubFile.MODEL_CARD: Method.MODEL_CARD}


def _keep_unread_files(recorded: RepoEvidence | None, new: RepoEvidence) -> RepoEvidence:
    """``new`` with the files ``recorded`` holds at the same revision that ``new`` did not read (and their facts)."""
    if (recorded is None or recorded.raw is None or new.raw is None or new.revision is None
            or recorded.revision != new.revision):
        return new
    raw, facts = new.raw, list(new.facts)
    for file, method in _FILE_METHOD.items():
        key = "config_json" if file is HubFile.CONFIG else "model_card"
        if getattr(raw, key) is None and getattr(recorded.raw, key) is not None and file not in new.gated_files:
            raw = raw.model_copy(update={key: getattr(recorded.raw, key)})
            facts += [f for f in recorded.facts if f.method is method]
    if raw is new.raw:
        return new
    order = {Method.CONFIG: 1, Method.MODEL_CARD: 2}        # a fresh record's order: API, config, card facts
    facts.sort(key=lambda f: order.get(f.method, 0))
    return new.model_copy(update={"raw": raw, "facts": facts})


def _save_if_changed(store: SnapshotStore, evidence: RepoEvidence, recorded: RepoEvidence | None) -> bool:
    """Write ``evidence`` unless ``recorded`` says the same (timestamps aside); True when written."""
    if recorded is not None and _comparable(recorded) == _comparable(evidence):
        return False
    try:
        store.save(evidence)
    except OSError as exc:
        raise EvidenceError(f"{display_path(store.path_for(evidence.repo_id))}: cannot write: {exc}") from exc
    return True


def _comparable(evidence: RepoEvidence) -> dict[str, Any]:
    data = evidence.model_dump(mode="json", exclude_none=True)
    data.pop("retrieved_at", None)
    for fact in data.get("facts", []):
        fact.pop("observed_at", None)
    return data


def _is_repo_id(repo_id: str) -> bool:
    try:
        check_repo_id(repo_id)
    except ValueError:
        return False
    return True
