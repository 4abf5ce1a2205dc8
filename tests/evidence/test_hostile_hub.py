"""A lying or confused Hub never overwrites good evidence, never receives the token on another host, and
never keeps a refresh running past its deadline (the local Hub's faults, real client, real sockets)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.evidence.refresh import refresh
from tests.evidence.conftest import ALL_REPOS, LABS_REPO, ORG_REPOS, SOLO_REPO
from tests.evidence.localhub import OTHER_HOST, LocalHub

#: A token-shaped canary: it must appear in no request to another host, no file, no output, no error.
CANARY = "hf_CanaryCanaryCanaryCanaryCanary0123456789"


def _recorded(hub, make_source, store) -> dict[str, bytes]:
    summary = refresh(ALL_REPOS, make_source(token=CANARY), store)
    assert summary.ok
    for repo in hub.repos.values():
        repo.info["downloads"] += 1   # the Hub moved on: a good answer would be written
    hub.clear()
    return {r: store.path_for(r).read_bytes() for r in ALL_REPOS}


def _sum(fault_field: str, value: object) -> Callable[[LocalHub], object]:
    return lambda hub: hub.fault("field", repo=SOLO_REPO, route="info", field=fault_field, value=value)


FAULTS: dict[str, tuple[Callable[[LocalHub], object], str]] = {
    "wrong-id-existing-repo": (lambda hub: hub.fault("wrong-id", repo=SOLO_REPO, value=LABS_REPO), "wrong-repo"),
    "wrong-id-unknown-repo": (lambda hub: hub.fault("wrong-id", repo=SOLO_REPO, value="someone/else"), "wrong-repo"),
    "cross-host-redirect": (lambda hub: hub.fault("cross-host", repo=SOLO_REPO, route="info"), "bad-response"),
    "negative-total": (_sum("safetensors", {"parameters": {"BF16": -70_000_000_000}, "total": -70_000_000_000}),
                       "implausible"),
    "zero-total": (_sum("safetensors", {"parameters": {"BF16": 0}, "total": 0}), "implausible"),
    "huge-total": (_sum("safetensors", {"parameters": {"BF16": 10**30}, "total": 10**30}), "implausible"),
    "negative-downloads": (_sum("downloads", -5), "implausible"),
    "created-before-the-hub": (_sum("createdAt", "1999-01-01T00:00:00.000Z"), "implausible"),
    "created-in-the-future": (_sum("createdAt", "2999-01-01T00:00:00.000Z"), "implausible"),
    "oversized-body": (lambda hub: hub.fault("oversized", repo=SOLO_REPO, route="info", size=6_000_000),
                       "bad-response"),
    "trickled-body": (lambda hub: hub.fault("trickle", repo=SOLO_REPO, route="info", seconds=0.05), "timeout"),
}


@pytest.mark.parametrize("name", FAULTS)
def test_a_bad_answer_never_replaces_recorded_evidence(hub, make_source, store, name):
    recorded = _recorded(hub, make_source, store)
    switch_on, reason = FAULTS[name]
    switch_on(hub)
    started = time.monotonic()
    summary = refresh(ALL_REPOS, make_source(token=CANARY, timeout=1.0), store)
    elapsed = time.monotonic() - started

    assert [(f.repo_id, f.reason, f.kept) for f in summary.failed] == [(SOLO_REPO, reason, True)], summary.text()
    assert store.path_for(SOLO_REPO).read_bytes() == recorded[SOLO_REPO]
    assert not (store.root / "someone").exists()
    assert CANARY not in summary.text()
    assert all(r.headers.get("host", "").split(":")[0] != OTHER_HOST or "authorization" not in r.headers
               for r in hub.requests)
    # The deadline is per request: a trickling body ends at the timeout (1 s), far from its 100 s of bytes.
    assert elapsed < 20


def test_a_listing_link_to_another_host_gets_no_token(hub, make_source, store):
    hub.max_page = 1    # every listing page links to the next: the second link leaves the origin
    hub.fault("link-other-host", route="list")
    summary = refresh(ALL_REPOS, make_source(token=CANARY), store)

    assert summary.ok, summary.text()      # the repos fall back to their own requests
    # One page (one of example-org's three repos); the two it did not hold, and the two other owners' repos,
    # asked for one by one.
    assert hub.count("list") == 1 and hub.count("info") == 4
    to_other = [r for r in hub.requests if r.headers.get("host", "").split(":")[0] == OTHER_HOST]
    assert not to_other                    # the next page on another host is not even requested
    assert all(r.headers.get("authorization") == f"Bearer {CANARY}" for r in hub.requests if r.route != "harness")


def test_a_trickling_hub_refresh_ends_within_its_deadline(hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``hub refresh --timeout 1`` against a Hub trickling every answer ends near its deadline: each request
    is abandoned at 1 s however its bytes arrive (a generous margin for a shared machine)."""
    from tests.registry.conftest import build_registry

    reg = build_registry(tmp_path / "reg")
    monkeypatch.chdir(tmp_path)
    hub.add({**hub.repos[SOLO_REPO].info, "id": "example-org/example-7b"})
    hub.fault("trickle", seconds=0.2)
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["hub", "refresh", str(reg), "--endpoint", hub.url, "--timeout", "1"])
    elapsed = time.monotonic() - started

    assert result.exit_code != 0 and "timeout" in result.output, result.output
    assert elapsed < 1 * 4 + 20


def test_the_canary_token_reaches_no_output_file_or_error(hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A live run whose Hub echoes the token back (in an error message and in a model card) writes it nowhere."""
    from tests.registry.conftest import build_registry

    reg = build_registry(tmp_path / "reg")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_TOKEN", CANARY)
    info = {**hub.repos[SOLO_REPO].info, "id": "example-org/example-7b",
            "cardData": {"license": "apache-2.0", "echo": f"Bearer {CANARY}"}}
    hub.add(info, {"README.md": f"---\nlicense: apache-2.0\n---\nUploaded with {CANARY}.\n",
                   "config.json": {"model_type": "llama", "token": CANARY}})
    hub.fault("status", repo=ORG_REPOS[0], status=500, message="echo {authorization}")
    outputs = []
    for args in (["hub", "refresh", str(reg), "--endpoint", hub.url, "--timeout", "2"],
                 ["verify", str(reg), "--live", "--endpoint", hub.url, "--format", "json", "--output", "r.json",
                  "--format", "markdown", "--output", "r.md", "--format", "sarif", "--output", "r.sarif",
                  "--format", "html", "--output", "r.html", "--fail-on", "never"]):
        result = CliRunner().invoke(cli, args)
        outputs.append(result.output + repr(result.exception))
    assert "1 updated" in outputs[0], outputs[0]
    recorded = (reg / "evidence" / "hub" / "example-org" / "example-7b.json").read_text(encoding="utf-8")
    assert "Uploaded with hf_***" in recorded or "Uploaded with ***" in recorded
    for text in outputs:
        assert CANARY not in text
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert CANARY.encode() not in path.read_bytes(), path
    # The token did go where it belongs: the endpoint itself.
    assert any(r.headers.get("authorization") == f"Bearer {CANARY}" for r in hub.requests)
