"""Refreshing the snapshot from the local Hub: what changes is written, what fails keeps its evidence."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.errors import ClaimcheckError
from checker.evidence.refresh import refresh
from checker.evidence.store import SnapshotStore
from tests.evidence.conftest import ALL_REPOS, LABS_REPO, ORG_REPOS, SOLO_REPO, TOKEN
from tests.evidence.localhub import LocalHub

OTHERS = sorted(r for r in ALL_REPOS if r != SOLO_REPO)


@pytest.fixture
def recorded(hub, make_source, store) -> dict[str, bytes]:
    """Every repo recorded once; then the Hub moves on (counters change), so a refresh has news."""
    summary = refresh(ALL_REPOS, make_source(), store)
    assert summary.ok and summary.updated == sorted(ALL_REPOS)
    for repo in hub.repos.values():
        repo.info["downloads"] += 1
    hub.clear()
    return {r: store.path_for(r).read_bytes() for r in ALL_REPOS}


FAULTS: dict[str, tuple[Callable[[LocalHub], object], str]] = {
    "500": (lambda hub: hub.fault("status", repo=SOLO_REPO, status=500), "server-error"),
    "503": (lambda hub: hub.fault("status", repo=SOLO_REPO, status=503), "server-error"),
    "429": (lambda hub: hub.fault("ratelimit", repo=SOLO_REPO, seconds=0), "rate-limited"),
    "reset": (lambda hub: hub.fault("reset", repo=SOLO_REPO), "connection-error"),
    "slower-than-timeout": (lambda hub: hub.fault("slow", repo=SOLO_REPO, seconds=3.0), "timeout"),
    "truncated-json": (lambda hub: hub.fault("truncated", repo=SOLO_REPO), "bad-response"),
    "gated-401": (lambda hub: hub.fault("gated", repo=SOLO_REPO, status=401), "gated"),
    "gated-403": (lambda hub: hub.fault("gated", repo=SOLO_REPO, status=403), "gated"),
    "unauthorized": (lambda hub: hub.fault("unauthorized", repo=SOLO_REPO), "unauthorized"),
    "not-found": (lambda hub: hub.repos.pop(SOLO_REPO), "not-found"),
}


@pytest.mark.parametrize("name", FAULTS)
def test_a_failed_repo_keeps_its_evidence_and_the_others_update(hub, make_source, store, recorded, name):
    switch_on, reason = FAULTS[name]
    switch_on(hub)
    summary = refresh(ALL_REPOS, make_source(timeout=1.0), store)

    assert [(f.repo_id, f.reason, f.kept) for f in summary.failed] == [(SOLO_REPO, reason, True)]
    assert store.path_for(SOLO_REPO).read_bytes() == recorded[SOLO_REPO]
    assert summary.updated == OTHERS and not summary.ok
    text = summary.text()
    assert f"failed    {SOLO_REPO}: {reason} (recorded evidence kept)" in text
    assert text.startswith(f"hub refresh: {len(OTHERS)} updated, 0 unchanged, 1 failed")


def test_a_failed_file_fetch_keeps_the_evidence(hub, make_source, store):
    repo_id = ORG_REPOS[0]
    needs = {repo_id: frozenset({"vision_encoder"})}
    assert refresh(ORG_REPOS, make_source(), store, needs=needs).ok
    before = store.path_for(repo_id).read_bytes()
    hub.fault("status", repo=repo_id, route="resolve", status=502)
    summary = refresh(ORG_REPOS, make_source(), store, needs=needs)
    assert [(f.repo_id, f.reason) for f in summary.failed] == [(repo_id, "server-error")]
    assert store.path_for(repo_id).read_bytes() == before


def test_rate_limit_is_waited_out_and_the_refresh_recovers(hub, make_source, store, recorded):
    hub.fault("ratelimit", repo=SOLO_REPO, times=1, seconds=1)
    started = time.monotonic()
    summary = refresh(ALL_REPOS, make_source(), store)
    assert summary.ok and summary.updated == sorted(ALL_REPOS)
    assert time.monotonic() - started >= 1.0


def test_unchanged_evidence_is_not_rewritten(hub, make_source, store, recorded):
    refresh(ALL_REPOS, make_source(), store)
    stats = {r: store.path_for(r).stat() for r in ALL_REPOS}
    time.sleep(0.01)
    summary = refresh(ALL_REPOS, make_source(), store)
    assert summary.unchanged == sorted(ALL_REPOS) and summary.updated == []
    for repo_id, stat in stats.items():
        now = store.path_for(repo_id).stat()
        assert (now.st_ino, now.st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns)


def test_a_disabled_repo_is_recorded_as_disabled(hub, make_source, store, recorded):
    hub.fault("disabled", repo=SOLO_REPO)
    summary = refresh(ALL_REPOS, make_source(), store)
    assert summary.ok and SOLO_REPO in summary.updated
    assert [(f.property, f.value) for f in store.load(SOLO_REPO).facts] == [("disabled", True)]


def test_a_renamed_repo_is_recorded_under_both_ids(hub, make_source, store, recorded):
    new_id = "example-solo/solo-chat-3b-v2"
    hub.rename(SOLO_REPO, new_id)
    summary = refresh(ALL_REPOS, make_source(), store)
    assert summary.ok and summary.renamed == {SOLO_REPO: new_id}
    assert f"renamed   {SOLO_REPO} -> {new_id}" in summary.text()
    old = store.load(SOLO_REPO)
    assert [f.value for f in old.facts_for("renamed_to")] == [new_id]
    new = store.load(new_id)
    assert new.repo_id == new_id and not new.facts_for("renamed_to")
    assert new.facts_for("parameters.total")[0].value == old.facts_for("parameters.total")[0].value


def test_two_refreshes_at_once_leave_valid_files(hub, make_source, store, recorded):
    errors: list[BaseException] = []

    def run() -> None:
        try:
            refresh(ALL_REPOS, make_source(), store)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert all(store.load(r) is not None for r in ALL_REPOS)
    assert not [p for p in store.root.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.parametrize("bad", ["../etc/passwd", "a/../../b", "/etc/passwd", "owner/name/extra", "..\\x/y"])
def test_invalid_repo_ids_are_rejected_before_any_request_or_path(hub, make_source, store, tmp_path, bad):
    with pytest.raises(ClaimcheckError, match="not Hub repo ids"):
        refresh([SOLO_REPO, bad], make_source(), store)
    with pytest.raises(ClaimcheckError, match="not Hub repo ids"):
        refresh([SOLO_REPO], make_source(), store, only=[bad])
    assert hub.count() == 0
    assert not any(tmp_path.rglob("*.json"))


def test_only_limits_the_refresh_to_registry_repos(hub, make_source, store):
    summary = refresh(ALL_REPOS, make_source(), store, only=[SOLO_REPO])
    assert summary.updated == [SOLO_REPO]
    assert {r.repo for r in hub.requests} == {SOLO_REPO}
    with pytest.raises(ClaimcheckError, match="does not reference: example-x/typo"):
        refresh(ALL_REPOS, make_source(), store, only=["example-x/typo"])


def test_a_broken_snapshot_file_is_replaced_by_good_evidence(hub, make_source, store, recorded):
    store.path_for(LABS_REPO).write_text("{not json", encoding="utf-8")
    summary = refresh([LABS_REPO], make_source(), store)
    assert summary.updated == [LABS_REPO] and store.load(LABS_REPO) is not None


# -- the command line -----------------------------------------------------------------------------------

def write_registry(root: Path, repos: tuple[str, ...]) -> Path:
    (root / "sources").mkdir(parents=True)
    (root / "entities.yaml").write_text("entities: []\n", encoding="utf-8")
    claims = "".join(f"  - id: c{i}\n    subject: hf:{repo}\n    property: parameters.total\n    value: 7B\n"
                     f"    quote: 7B parameters\n" for i, repo in enumerate(repos))
    (root / "sources" / "a.yaml").write_text(
        f"source:\n  id: example-news\n  published: 2026-01-10\nclaims:\n{claims}", encoding="utf-8")
    return root


def test_cli_refresh_records_and_never_shows_the_token(hub, tmp_path, monkeypatch):
    registry = write_registry(tmp_path / "claims", ALL_REPOS)
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    hub.fault("status", repo=SOLO_REPO, status=400, message="rejected: {authorization}")
    args = ["hub", "refresh", str(registry), "--endpoint", hub.url, "--timeout", "2"]
    result = CliRunner().invoke(cli, args)

    assert result.exit_code == 3, result.output
    assert f"failed    {SOLO_REPO}: error" in result.stderr
    assert "4 updated, 0 unchanged, 1 failed" in result.stderr
    assert {r.headers.get("authorization") for r in hub.requests} == {f"Bearer {TOKEN}"}
    assert TOKEN not in result.stdout + result.stderr + repr(result.exception)
    files = list((registry / "evidence" / "hub").rglob("*.json"))
    assert len(files) == 4
    assert not [f for f in files if TOKEN in f.read_text(encoding="utf-8")]
    # parameters.total claims call for the model card
    assert hub.count("resolve") == 4
    assert {r.path.rsplit("/", 1)[1] for r in hub.requests if r.route == "resolve"} == {"README.md"}


def test_cli_refresh_exit_codes(hub, tmp_path):
    registry = write_registry(tmp_path / "claims", (SOLO_REPO, LABS_REPO))
    base = ["hub", "refresh", str(registry), "--endpoint", hub.url, "--quiet"]
    ok = CliRunner().invoke(cli, base)
    assert ok.exit_code == 0, ok.output
    assert "2 updated" in ok.stderr and ok.stdout == ""
    assert SnapshotStore(registry / "evidence" / "hub").load(SOLO_REPO) is not None

    only = CliRunner().invoke(cli, [*base, "--only", LABS_REPO])
    assert only.exit_code == 0 and "0 updated, 1 unchanged" in only.stderr
    typo = CliRunner().invoke(cli, [*base, "--only", "example-x/typo"])
    assert typo.exit_code == 2 and "does not reference: example-x/typo" in typo.stderr
    missing = CliRunner().invoke(cli, ["hub", "refresh", str(tmp_path / "nowhere"), "--endpoint", hub.url])
    assert missing.exit_code == 2 and hub.count("info") == 3          # 2 + 1 for --only; none after


def test_a_gated_repo_read_without_access_keeps_files_recorded_with_access(hub, make_source, store):
    repo_id = "example-org/moe-236b-a23b"
    needs = frozenset({"parameters.active"})
    assert refresh([repo_id], make_source(token=TOKEN), store, needs=needs).ok
    before = store.path_for(repo_id).read_bytes()
    assert store.load(repo_id).raw.model_card is not None

    summary = refresh([repo_id], make_source(), store, needs=needs)          # no token: API fields only
    assert [(f.reason, f.kept) for f in summary.failed] == [("gated", True)]
    assert "config.json and README.md not readable" in summary.failed[0].detail
    assert store.path_for(repo_id).read_bytes() == before


def test_a_file_recorded_at_the_same_revision_is_kept_when_no_claim_needs_it(hub, make_source, store):
    repo_id = "example-org/moe-236b-a23b"
    assert refresh(ORG_REPOS, make_source(token=TOKEN), store, needs={repo_id: frozenset({"release_date"})}).ok
    card_facts = [f for f in store.load(repo_id).facts if f.method.value == "model-card"]
    assert card_facts and store.load(repo_id).raw.model_card
    hub.clear()

    summary = refresh(ORG_REPOS, make_source(token=TOKEN), store)      # no claim needs the card now
    assert hub.count("resolve") == 0
    assert repo_id in summary.unchanged                                 # same revision: the card stays recorded
    kept = store.load(repo_id)
    assert [f for f in kept.facts if f.method.value == "model-card"] == card_facts and kept.raw.model_card

    hub.repos[repo_id].info["sha"] = "0" * 40                           # a new commit: only what is needed is read
    summary = refresh(ORG_REPOS, make_source(token=TOKEN), store)
    assert repo_id in summary.updated and hub.count("resolve") == 0
    assert store.load(repo_id).raw.model_card is None
