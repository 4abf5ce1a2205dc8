"""Benchmark of ``hub refresh`` against the threaded loop a competent user writes, on the local Hub
(tests/evidence/localhub.py, 127.0.0.1): no real network, the real huggingface_hub client on both sides.

The baseline is a ``ThreadPoolExecutor(8)`` over the repos, each doing ``HfApi.model_info`` and then
``hf_hub_download`` (a HEAD and a GET) of the files its claims' properties call for (the property table's
``files``), with a retry that waits out a 429 as ``RateLimit`` / ``Retry-After`` ask. The refresh runs at the
same concurrency (8), so a speed-up comes from requests saved, not from more of them in flight.

The claims are the bundled registry's own: every synthetic repo is a copy of one of its 19 repos (tiled in
turn) under a new id, with that repo's claims (parameter counts, release dates, relations, the vision
encoder, …) and a local Hub answer built from its recorded facts (:func:`bundled_repo`). Scenarios:

* ``dense``: 4 organisations of 120 models, 100 of each wanted (listing pages pay off);
* ``sparse``: 20 organisations of 500 models, 1-4 of each wanted (listing pages would be wasted);
* ``quota``: 2 dense and 10 sparse organisations on a Hub allowing 100 requests per 10 s per bucket
  (``api``, ``resolvers``) with ``RateLimit`` headers: no repo may fail;
* ``bundled``: the bundled registry's 19 repos, whose recorded verdicts must not change: the claims are
  verified on this refresh's evidence and on a refresh reading every file the property table names.

The latency bound is requests / concurrency x latency (with a quota, per bucket at least the windows
before the last one its requests reach, (ceil(n / quota) - 1) x window, plus the rest at full concurrency).
Targets: in the dense, sparse and quota scenarios >= 2.5x the baseline's wall and wall <= 1.15x the bound;
zero failed repos everywhere; bundled: <= 1.2 requests per repo and the same verdicts. Exit code 1 when a
target is missed.

At equal concurrency the speed-up is bounded by the ratio of the requests (times the baseline's own
overhead per request, its wall over its bound): per repo, the baseline makes 1 + 2s (s = files the property
table names for its claims), the refresh a + d (a = its API requests per repo: at best one per owner, a
listing page serving every wanted repo of an owner of up to 500 models; d = files still needed once the API
answered). With the bundled claims s = 1.05 and d = 0.84: release dates (only a release statement decides),
relations (the card's headline total comes first), repos without an API total, and figures the exact total
does not support at zero tolerance (a matching card figure supports them) need their card. Sparse: 50 repos
of 20 owners, so a >= 0.4 and the requests ratio is at most 3.1 / 1.24 = 2.5 (154 against 62); bundled: 9
owners and 16 files, 25 requests for 19 repos (1.32), where <= 1.2 would need three cards fewer.

    .venv/bin/python benchmarks/hub_refresh.py
"""

from __future__ import annotations

import atexit
import math
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from measure import require_install  # benchmarks/ is on sys.path: this script's folder

require_install("benchmarks/hub_refresh.py")  # before the project's imports: a clear message outside its environment

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# huggingface_hub reads its environment once, at import: no real token, endpoint, cache or telemetry.
for _var in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_ENDPOINT", "HF_HUB_OFFLINE"):
    os.environ.pop(_var, None)
_HF_HOME = tempfile.mkdtemp(prefix="claimcheck-bench-hf-")
os.environ.update(HF_HOME=_HF_HOME, HF_HUB_DISABLE_TELEMETRY="1", HF_HUB_DISABLE_PROGRESS_BARS="1")
atexit.register(shutil.rmtree, _HF_HOME, ignore_errors=True)  # the throw-away cache goes with the run

from checker.engine import verify  # noqa: E402
from checker.engine.context import ranked  # noqa: E402
from checker.evidence.facts import HubFile, Method, RepoEvidence  # noqa: E402
from checker.evidence.hub import API_EXPAND, LIST_EXPAND, HubSource  # noqa: E402
from checker.evidence.interface import ClaimNeeds, needs_of  # noqa: E402
from checker.evidence.refresh import refresh, registry_needs  # noqa: E402
from checker.evidence.snapshot import SnapshotSource  # noqa: E402
from checker.evidence.store import SnapshotStore  # noqa: E402
from checker.properties import files_for  # noqa: E402
from checker.registry.loader import load_registry  # noqa: E402
from checker.registry.types import Claim  # noqa: E402
from tests.evidence.localhub import LocalHub, synthetic_info  # noqa: E402

LATENCY, CONCURRENCY = 0.100, 8
QUOTA = (100, 10.0)
SPEEDUP, BOUND, PER_REPO = 2.5, 1.15, 1.2


# -- the bundled registry as a local Hub --------------------------------------------------------------

@dataclass(frozen=True)
class Profile:
    """One bundled repo: its claims and what the local Hub serves for it (built from its recorded facts)."""

    repo_id: str
    claims: tuple[Claim, ...]
    total: int | None
    card: str
    config: dict[str, Any]


def bundled_repo(evidence: RepoEvidence) -> tuple[int | None, str, dict[str, Any]]:
    """(safetensors total, model card, config.json) for a local Hub serving a bundled repo.

    The recorded snapshots come from public pages (no raw API answer), so the exact total is taken to be the
    finest recorded figure (an exact one, else the smallest written precision; ties go to the more exact
    method): a size badge is the Hub's rounding of it, a card's "12.7B" is finer than a "13B" badge. No
    figure recorded: no ``safetensors`` in the answer. The card is the recorded card statements, one per
    paragraph, under the model's name; the config holds the recorded vision tower, if any.
    """
    figures = [f for f in ranked(evidence.facts_for("parameters.total")) if isinstance(f.value, (int, float))]
    finest = min(figures, key=lambda f: f.precision or 0, default=None)
    quotes = dict.fromkeys(f.quote for f in evidence.facts if f.method is Method.MODEL_CARD and f.quote)
    card = f"# {evidence.repo_id.split('/')[1]}\n\n" + "\n\n".join(q for q in quotes if q) + "\n"
    config: dict[str, Any] = {"architectures": ["ForCausalLM"], "model_type": "llama"}
    vision = next((f.value for f in evidence.facts_for("vision_config") if isinstance(f.value, dict)), None)
    if vision is not None:
        config["vision_config"] = vision
    return (int(finest.value) if finest is not None else None), card, config


def profiles() -> list[Profile]:
    registry = load_registry(ROOT / "claims")
    store = SnapshotStore(ROOT / "claims" / "evidence" / "hub")
    needs = registry_needs(registry)
    return [Profile(repo_id, claims, *bundled_repo(store.load(repo_id))) for repo_id, claims in needs.claims.items()]


def serve(hub: LocalHub, repo_id: str, index: int, profile: Profile) -> None:
    info = synthetic_info(repo_id, index)
    if profile.total is None:
        info.pop("safetensors")
    else:
        info["safetensors"] = {"parameters": {"BF16": profile.total}, "total": profile.total}
    hub.add(info, {"README.md": profile.card, "config.json": profile.config})


# -- scenarios ----------------------------------------------------------------------------------------

@dataclass
class Scenario:
    """Repos served (id, profile index), the wanted ones, their claims, and the local Hub's options."""

    name: str
    served: list[tuple[str, int]]
    wanted: list[str]
    needs: ClaimNeeds
    quota: tuple[int, float] | None = None


def tiled(name: str, orgs: list[tuple[int, int]], tiles: list[Profile], quota: tuple[int, float] | None = None
          ) -> Scenario:
    """Organisations of (models, wanted) each; the wanted repos spread over the listing (every k-th)."""
    served: list[tuple[str, int]] = []
    wanted: list[str] = []
    claims: dict[str, tuple[Claim, ...]] = {}
    for o, (size, want) in enumerate(orgs):
        step = size / want
        picks = {int(k * step + step / 2) for k in range(want)}
        for m in range(size):
            repo_id = f"{name}-org-{o:02d}/model-{m:04d}"
            tile = len(served) % len(tiles)
            served.append((repo_id, tile))
            if m in picks:
                wanted.append(repo_id)
                claims[repo_id] = tiles[tile].claims
    return Scenario(name, served, wanted, ClaimNeeds(claims), quota)


def bundled(tiles: list[Profile]) -> Scenario:
    return Scenario("bundled", [(p.repo_id, i) for i, p in enumerate(tiles)], [p.repo_id for p in tiles],
                    ClaimNeeds({p.repo_id: p.claims for p in tiles}))


class RemoteHub:
    """A scenario's local Hub in a process of its own (a real Hub does not share the client's interpreter
    lock); ``count`` and ``clear`` are relayed to it."""

    def __init__(self, scenario: Scenario, tiles: list[Profile]):
        self.scenario, self.tiles, self.quota = scenario, tiles, scenario.quota

    def __enter__(self) -> RemoteHub:
        context = multiprocessing.get_context("fork")     # the child inherits the scenario, nothing is pickled
        self._conn, child = context.Pipe()
        self._process = context.Process(target=self._serve, args=(child,), daemon=True)
        self._process.start()
        self.url = self._conn.recv()
        return self

    def _serve(self, conn: Any) -> None:
        hub = LocalHub(latency_ms=LATENCY * 1000, page_size=100, quota=self.quota)
        for index, (repo_id, tile) in enumerate(self.scenario.served):
            serve(hub, repo_id, index, self.tiles[tile])
        hub.freeze(LIST_EXPAND)   # listing pages from an index: the local Hub's CPU is not the Hub's latency
        with hub:
            conn.send(hub.url)
            while (message := conn.recv()) is not None:
                name, args, kwargs = message
                conn.send(getattr(hub, name)(*args, **kwargs))

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        self._conn.send((name, args, kwargs))
        return self._conn.recv()

    def count(self, *args: Any, **kwargs: Any) -> int:
        return int(self._call("count", *args, **kwargs))

    def clear(self) -> None:
        self._call("clear")

    def __exit__(self, *exc: object) -> None:
        self._conn.send(None)
        self._process.join(timeout=10)


# -- the baseline -------------------------------------------------------------------------------------

def threaded(hub: RemoteHub, repos: list[str], files: Mapping[str, frozenset[HubFile]]) -> tuple[float, int]:
    """The competent user's loop: (wall, repos that failed)."""
    from huggingface_hub import HfApi, hf_hub_download
    from huggingface_hub.errors import HfHubHTTPError
    from huggingface_hub.utils import parse_ratelimit_headers

    api = HfApi(endpoint=hub.url, token=False)
    cache = tempfile.mkdtemp(prefix="claimcheck-bench-cache-")

    def patiently(call: Callable[[], Any]) -> Any:
        for _ in range(20):
            try:
                return call()
            except HfHubHTTPError as exc:
                if exc.response is None or exc.response.status_code != 429:
                    raise
                limit = parse_ratelimit_headers(exc.response.headers)
                retry_after = exc.response.headers.get("retry-after", "")
                time.sleep(limit.reset_in_seconds if limit else int(retry_after) if retry_after.isdigit() else 1)
        raise RuntimeError("still rate-limited")

    def one(repo_id: str) -> bool:
        try:
            info = patiently(lambda: api.model_info(repo_id, expand=list(API_EXPAND), timeout=10))
            for file in sorted(files[repo_id]):
                patiently(lambda: hf_hub_download(repo_id, file.value, revision=info.sha, endpoint=hub.url,
                                                  token=False, cache_dir=cache))
            return True
        except Exception:  # noqa: BLE001 - counted as a failed repo
            return False

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        ok = list(pool.map(one, repos))
    wall = time.perf_counter() - started
    shutil.rmtree(cache, ignore_errors=True)
    return wall, ok.count(False)


# -- one run ------------------------------------------------------------------------------------------

def bound(hub: RemoteHub, requests: int) -> float:
    """requests / concurrency x latency; under a quota, at least what each bucket's requests need: the
    windows before the last one they reach, then the rest at full concurrency."""
    seconds = requests / CONCURRENCY * LATENCY
    if hub.quota is not None:
        quota, window = hub.quota
        for routes in (("info", "list"), ("resolve",)):
            n = sum(hub.count(r) - hub.count(r, status=429) for r in routes)
            full = max(0, math.ceil(n / quota) - 1)
            seconds = max(seconds, full * window + (n - full * quota) / CONCURRENCY * LATENCY)
    return seconds


def run(scenario: Scenario, hub: RemoteHub, tmp: Path) -> dict[str, Any]:
    hub.clear()
    source = HubSource(endpoint=hub.url, concurrency=CONCURRENCY)
    store = SnapshotStore(tmp / scenario.name / "evidence" / "hub")
    started = time.perf_counter()
    summary = refresh(scenario.wanted, source, store, needs=scenario.needs)
    wall = time.perf_counter() - started
    row: dict[str, Any] = {
        "scenario": scenario.name, "repos": len(scenario.wanted), "requests": hub.count(),
        "lists": hub.count("list"), "infos": hub.count("info"), "files": hub.count("resolve"),
        "throttled": hub.count(status=429), "wall": wall, "bound": bound(hub, hub.count() - hub.count(status=429)),
        "failed": len(summary.failed), "store": store}
    static = {r: files_for(needs_of(scenario.needs, r)) for r in scenario.wanted}
    hub.clear()
    row["baseline_wall"], row["baseline_failed"] = threaded(hub, scenario.wanted, static)
    row["baseline_requests"] = hub.count()
    return row


def same_verdicts(scenario: Scenario, hub: RemoteHub, store: SnapshotStore, tmp: Path) -> tuple[bool, int, int]:
    """(the bundled claims' verdicts on this refresh's evidence equal those on a refresh reading every file
    the property table names, claims compared, cards skipped)."""
    registry = load_registry(ROOT / "claims")
    hub.clear()
    full = SnapshotStore(tmp / "bundled-full" / "evidence" / "hub")
    static = {r: needs_of(scenario.needs, r) for r in scenario.wanted}
    refresh(scenario.wanted, HubSource(endpoint=hub.url, concurrency=CONCURRENCY), full, needs=static)
    def cards(s: SnapshotStore) -> int:
        return sum(1 for r in scenario.wanted if (e := s.load(r)).raw is not None and e.raw.model_card is not None)

    def verdicts(s: SnapshotStore) -> list[tuple[str, str]]:
        evidence = SnapshotSource(s).evidence(registry.repo_ids())
        return [(f.claim_id, f.verdict) for f in verify(registry, evidence).findings]

    ours, theirs = verdicts(store), verdicts(full)
    return ours == theirs, len(ours), cards(full) - cards(store)


def main() -> int:
    started = time.perf_counter()
    from huggingface_hub import HfApi  # noqa: F401 - the library's import is start-up, not refresh work
    from huggingface_hub.utils import get_session
    from huggingface_hub.utils import logging as hf_logging

    # So is building its shared HTTP client (a TLS context, some 70 ms): the refresh and the baseline use the
    # same one, and without this the first scenario's refresh would pay for it and every baseline would not.
    get_session()

    hf_logging.set_verbosity_error()      # the baseline's downloads log every 429 they wait out
    print(f"huggingface_hub import and HTTP client: {time.perf_counter() - started:.2f} s (not part of the walls below)")
    print(f"local Hub: {LATENCY * 1000:.0f} ms a request; concurrency {CONCURRENCY} for the refresh and the "
          f"baseline; claims tiled from the bundled registry's repos")
    tiles = profiles()
    scenarios = [
        tiled("dense", [(120, 100)] * 4, tiles),
        tiled("sparse", [(500, 1 + o % 4) for o in range(20)], tiles),
        tiled("quota", [(120, 100)] * 2 + [(500, 1 + o % 4) for o in range(10)], tiles, QUOTA),
        bundled(tiles),
    ]
    rows, checks = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for scenario in scenarios:
            with RemoteHub(scenario, tiles) as hub:
                row = run(scenario, hub, Path(tmp))
                if scenario.name == "bundled":
                    row["same"], row["claims"], row["cards_skipped"] = same_verdicts(scenario, hub, row["store"],
                                                                                     Path(tmp))
            rows.append(row)

    header = ("scenario", "repos", "requests", "req/repo", "wall s", "bound s", "wall/bound", "baseline req",
              "baseline s", "speed-up", "failed")
    print()
    print("  ".join(f"{h:>12}" for h in header))
    for r in rows:
        cells = (r["scenario"], r["repos"], r["requests"], f"{r['requests'] / r['repos']:.2f}", f"{r['wall']:.2f}",
                 f"{r['bound']:.2f}", f"{r['wall'] / r['bound']:.2f}", r["baseline_requests"],
                 f"{r['baseline_wall']:.2f}", f"{r['baseline_wall'] / r['wall']:.1f}x",
                 f"{r['failed']} ({r['baseline_failed']})")
        print("  ".join(f"{c:>12}" for c in cells))
    print()
    for r in rows:
        print(f"{r['scenario']}: {r['lists']} listing pages, {r['infos']} model_info, {r['files']} files, "
              f"{r['throttled']} answered 429; the baseline's {r['baseline_requests']} requests are "
              f"{r['baseline_requests'] / r['requests']:.2f}x these (the speed-up's ceiling at equal concurrency)")
        name = r["scenario"]
        if name != "bundled":
            speedup, ceiling = r["baseline_wall"] / r["wall"], r["baseline_requests"] / r["requests"]
            checks.append((f"{name}: >= {SPEEDUP}x the threaded baseline", speedup >= SPEEDUP,
                           f"{speedup:.2f}x (requests {ceiling:.2f}x)"))
            checks.append((f"{name}: wall <= {BOUND}x the bound", r["wall"] <= BOUND * r["bound"],
                           f"{r['wall'] / r['bound']:.2f}x"))
        checks.append((f"{name}: zero failed repos", r["failed"] == 0, str(r["failed"])))
        if name == "bundled":
            checks.append((f"bundled: <= {PER_REPO} requests per repo", r["requests"] / r["repos"] <= PER_REPO,
                           f"{r['requests'] / r['repos']:.2f}"))
            checks.append(("bundled: verdicts as with every card read", r["same"],
                           f"{r['claims']} claims, {r['cards_skipped']} cards not read"))
    print()
    print(f"{'target':<52} {'measured':<40} met")
    for name, passed, measured in checks:
        print(f"{name:<52} {measured:<40} {'yes' if passed else 'NO'}")
    print(f"\nbenchmark wall: {time.perf_counter() - started:.0f} s")
    return 0 if all(passed for _, passed, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
