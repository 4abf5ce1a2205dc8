"""Benchmark of ``hub refresh`` against the local Hub (tests/evidence/localhub.py): no real network.

200 repos in 20 organisations, 50 ms latency per request, every repo needing its config.json (a
``vision_encoder`` claim), so the refresh does the same work as the baseline: a plain sequential loop of
``HfApi.model_info`` plus one config.json GET per repo. A second refresh runs against a Hub enforcing a
quota of 100 requests per 10 s (per client and bucket, with ``RateLimit`` headers) and must not lose a repo.

Targets: <= 1.5 requests per repo; wall <= 1.5x the ideal (requests / concurrency x latency); >= 5x faster
than the sequential loop; zero failed repos under the quota. Exit code 1 when a target is missed.

    .venv/bin/python benchmarks/hub_refresh.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# huggingface_hub reads its environment once, at import: no real token, endpoint, cache or telemetry.
for _var in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_ENDPOINT", "HF_HUB_OFFLINE"):
    os.environ.pop(_var, None)
os.environ.update(HF_HOME=tempfile.mkdtemp(prefix="claimcheck-bench-hf-"), HF_HUB_DISABLE_TELEMETRY="1")

from checker.evidence.hub import API_EXPAND, HubSource  # noqa: E402
from checker.evidence.refresh import refresh  # noqa: E402
from checker.evidence.store import SnapshotStore  # noqa: E402
from tests.evidence.localhub import LocalHub, synthetic_config, synthetic_info  # noqa: E402

ORGS, PER_ORG, LATENCY, CONCURRENCY = 20, 10, 0.050, 8
QUOTA = (100, 10.0)
REPOS = [f"bench-org-{o:02d}/model-{m:02d}" for o in range(ORGS) for m in range(PER_ORG)]
NEEDS = frozenset({"vision_encoder"})


def local_hub(**kwargs: object) -> LocalHub:
    hub = LocalHub(latency_ms=LATENCY * 1000, **kwargs)
    for i, repo_id in enumerate(REPOS):
        hub.add(synthetic_info(repo_id, i), {"config.json": synthetic_config()})
    return hub


def sequential(hub: LocalHub) -> float:
    """The plain loop: model_info, then config.json at the returned revision, one repo after another."""
    from huggingface_hub import HfApi, hf_hub_url
    from huggingface_hub.utils import get_session, hf_raise_for_status

    api = HfApi(endpoint=hub.url, token=False)
    started = time.perf_counter()
    for repo_id in REPOS:
        info = api.model_info(repo_id, expand=list(API_EXPAND), timeout=10)
        response = get_session().get(hf_hub_url(repo_id, "config.json", revision=info.sha, endpoint=hub.url),
                                     timeout=10)
        hf_raise_for_status(response)
    return time.perf_counter() - started


def main() -> int:
    results: list[tuple[str, bool]] = []
    # The library's import is a one-off start-up cost, not refresh work: timed on its own.
    started = time.perf_counter()
    from huggingface_hub import HfApi, ModelInfo, hf_hub_url  # noqa: F401
    from huggingface_hub.utils import get_session, paginate  # noqa: F401
    print(f"huggingface_hub import: {time.perf_counter() - started:.2f} s (not part of the walls below)")

    with tempfile.TemporaryDirectory() as tmp, local_hub() as hub:
        source = HubSource(endpoint=hub.url, concurrency=CONCURRENCY)
        started = time.perf_counter()
        summary = refresh(REPOS, source, SnapshotStore(Path(tmp) / "a"), needs=NEEDS)
        wall = time.perf_counter() - started
        requests = hub.count()
        per_repo = requests / len(REPOS)
        ideal = requests / CONCURRENCY * LATENCY
        print(f"refresh: {len(REPOS)} repos in {ORGS} orgs, {LATENCY * 1000:.0f} ms latency, concurrency {CONCURRENCY}")
        print(f"  requests {requests} ({hub.count('list')} listing pages, {hub.count('info')} model_info, "
              f"{hub.count('resolve')} config.json) = {per_repo:.2f} per repo; failed {len(summary.failed)}")
        print(f"  wall {wall:.2f} s; ideal {ideal:.2f} s; ratio {wall / ideal:.2f}")
        hub.clear()
        baseline = sequential(hub)
        print(f"sequential loop: {hub.count()} requests, wall {baseline:.2f} s; speed-up {baseline / wall:.1f}x")
        results += [("requests per repo <= 1.5", per_repo <= 1.5), ("wall <= 1.5x ideal", wall <= 1.5 * ideal),
                    (">= 5x faster than sequential", baseline / wall >= 5), ("no failed repo", summary.ok)]

    with tempfile.TemporaryDirectory() as tmp, local_hub(quota=QUOTA) as hub:
        source = HubSource(endpoint=hub.url, concurrency=CONCURRENCY)
        started = time.perf_counter()
        summary = refresh(REPOS, source, SnapshotStore(Path(tmp) / "b"), needs=NEEDS)
        wall = time.perf_counter() - started
        print(f"quota run ({QUOTA[0]} requests per {QUOTA[1]:.0f} s per bucket): wall {wall:.2f} s; "
              f"{hub.count()} requests, {hub.count(status=429)} answered 429; {source.retry_count} retries by "
              f"HubSource; failed {len(summary.failed)}")
        results.append(("quota run: zero failed repos", summary.ok and len(summary.updated) == len(REPOS)))

    for name, passed in results:
        print(f"{'PASS' if passed else 'FAIL'}  {name}")
    return 0 if all(passed for _, passed in results) else 1


if __name__ == "__main__":
    sys.exit(main())
