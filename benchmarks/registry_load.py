"""Registry and evidence loading against the libyaml/json.loads floor, and bytes per loaded claim. A script,
not a test.

    .venv/bin/python benchmarks/registry_load.py                    # 10k claims, both tilings and generated
    .venv/bin/python benchmarks/registry_load.py --claims 100000 --runs 3
    .venv/bin/python benchmarks/registry_load.py --registry DIR     # an existing registry
    .venv/bin/python benchmarks/registry_load.py --code OLD_TREE    # the checker package of another tree

Three whole processes per registry, interleaved (one of each per round, so load on a shared machine hits them
alike): the floor (parse every YAML file with yaml.CSafeLoader and json.loads every snapshot file: nothing
checked, nothing built), ``load_registry`` alone, and ``load_registry`` plus the offline evidence of every repo
the registry names (what ``claimcheck verify`` reads before it verifies). Reported: medians with min and max of
wall and CPU time (CPU is steadier on a shared machine), the ratio of each to the floor, and, in one more
process, the bytes each loaded claim holds (tracemalloc, after a collection) and the peak while loading.
Registries come from benchmarks/realistic.py (live-format snapshot files, ~45 KB with raw answers).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import require_install  # benchmarks/ is on sys.path: this script's folder

ROOT = Path(__file__).resolve().parents[1]
#: The tree whose ``checker`` package the measured processes import (--code; this one by default).
CODE = ROOT

FLOOR = """
import json, sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
for p in sorted(root.rglob("*.yaml")):
    yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
for p in sorted((root / "evidence").rglob("*.json")):
    json.loads(p.read_text(encoding="utf-8"))
"""

LOAD = """
import sys
from pathlib import Path
from checker.registry.loader import load_registry
registry = load_registry(Path(sys.argv[1]))
if sys.argv[2] == "evidence":
    from checker.evidence.snapshot import SnapshotSource
    from checker.evidence.store import SnapshotStore
    SnapshotSource(SnapshotStore(registry.root / "evidence" / "hub")).evidence(registry.repo_ids())
"""

MEMORY = """
import gc, json, sys, tracemalloc
from pathlib import Path
from checker.registry.loader import load_registry
load_registry(Path(sys.argv[2]))  # every lazy import and cache of loading, before measuring
gc.collect()
tracemalloc.start()
before = tracemalloc.get_traced_memory()[0]
registry = load_registry(Path(sys.argv[1]))
gc.collect()
held, peak = tracemalloc.get_traced_memory()
n = len(registry.claims)
print(json.dumps({"claims": n, "held": (held - before) / n, "peak": (peak - before) / n}))
"""


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(code: str, *args: str) -> tuple[float, float]:
    cpu, start = _cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], cwd=CODE, check=True)
    return time.perf_counter() - start, _cpu() - cpu


def _median(runs: list[tuple[float, float]], i: int) -> float:
    return statistics.median(r[i] for r in runs)


def measure(registry: Path, runs: int) -> None:
    """Print the timing and memory figures of one registry."""
    variants = {"floor (libyaml + json.loads)": (FLOOR, str(registry)),
                "load_registry": (LOAD, str(registry), "registry"),
                "load_registry + evidence": (LOAD, str(registry), "evidence")}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    for _ in range(runs):
        for name, (code, *args) in variants.items():
            times[name].append(_run(code, *args))
    floor_wall, floor_cpu = _median(times[next(iter(times))], 0), _median(times[next(iter(times))], 1)
    for name, got in times.items():
        wall, cpu = [w for w, _ in got], [c for _, c in got]
        print(f"  {name:<30} wall median {statistics.median(wall):6.2f} s (min {min(wall):.2f}, max {max(wall):.2f})"
              f"  cpu median {statistics.median(cpu):6.2f} s (min {min(cpu):.2f}, max {max(cpu):.2f})"
              f"  x floor: wall {statistics.median(wall) / floor_wall:.2f}, cpu {statistics.median(cpu) / floor_cpu:.2f}")
    out = subprocess.run([sys.executable, "-c", MEMORY, str(registry), str(ROOT / "claims")], cwd=CODE,
                         check=True, capture_output=True, text=True).stdout
    mem = json.loads(out)
    print(f"  memory: {mem['claims']} claims hold {mem['held']:.0f} B each after loading "
          f"(peak while loading {mem['peak']:.0f} B per claim)")


def main() -> int:
    require_install("benchmarks/registry_load.py")
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--registry", type=Path, action="append", help="measure this registry (repeatable)")
    parser.add_argument("--code", type=Path, help="a tree whose checker package to measure (before/after)")
    args = parser.parse_args()
    global CODE
    CODE = (args.code or ROOT).resolve()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import realistic

    with tempfile.TemporaryDirectory(prefix="claimcheck-load-") as tmp:
        registries = args.registry or []
        if not registries:
            for name, build in [("tiling, own entities and repos", lambda d: realistic.tile(d, args.claims)),
                                ("tiling, new articles about the same models",
                                 lambda d: realistic.tile(d, args.claims, mode="articles")),
                                ("generated", lambda d: realistic.generate(d, args.claims))]:
                out = Path(tmp) / f"r{len(registries)}"
                build(out)
                print(f"{name}: {out}", file=sys.stderr)
                registries.append(out)
        for registry in registries:
            files = len(list((registry / "evidence").rglob("*.json")))
            print(f"{registry} ({files} snapshot files), {args.runs} runs each:")
            measure(registry, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
