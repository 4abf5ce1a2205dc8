"""Hub test helpers: a local Hub on 127.0.0.1 loaded with the ``data/`` fixtures, and a fast HubSource.

Repos: ``example-org`` has three (so it is listed), ``example-labs`` and ``example-solo`` one each (so they
are fetched with model_info, which is where per-repo faults bite).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from checker.evidence.hub import HubSource
from checker.evidence.store import SnapshotStore
from tests.evidence.localhub import LocalHub, fixture_files, load_fixture, synthetic_info

TOKEN = "hf_secret_test_token"
ORG_REPOS = ("example-org/vision-chat-7b-instruct", "example-org/vision-chat-7b", "example-org/moe-236b-a23b")
LABS_REPO = "example-labs/legacy-encoder-base"
SOLO_REPO = "example-solo/solo-chat-3b"
ALL_REPOS = (*ORG_REPOS, LABS_REPO, SOLO_REPO)


@pytest.fixture
def hub() -> Iterator[LocalHub]:
    """A running local Hub with every fixture repo; ``TOKEN`` may read gated files."""
    with LocalHub(authorized_tokens=(TOKEN,)) as local:
        for name in ("vision-chat-7b-instruct", "vision-chat-7b", "moe-236b-a23b", "legacy-encoder-base"):
            info = load_fixture(name)
            local.add(info, fixture_files(info["id"]))
        local.add(synthetic_info(SOLO_REPO, 3))
        yield local


@pytest.fixture
def make_source(hub: LocalHub) -> Callable[..., HubSource]:
    """HubSource factory pointed at the local Hub, with small timeouts and waits."""
    def make(**kwargs: Any) -> HubSource:
        options: dict[str, Any] = {"endpoint": hub.url, "timeout": 2.0, "retries": 2, "backoff": 0.01}
        return HubSource(**{**options, **kwargs})
    return make


@pytest.fixture
def store(tmp_path) -> SnapshotStore:
    return SnapshotStore(tmp_path / "claims" / "evidence" / "hub")
