"""Start-up of `claimcheck verify` on the bundled registry against `python -c pass`. A script, not a test.

    .venv/bin/python benchmarks/startup.py            # 15 runs of each; exit 1 when the ratio is above 8
    .venv/bin/python benchmarks/startup.py --runs 30  # more runs on a noisy machine
    .venv/bin/python benchmarks/startup.py --imports  # also: the slowest imports (python -X importtime)

Both commands run as subprocesses, interleaved (one of each per round, so load on a shared machine hits both
alike), with stdout to a pipe as in CI. Reported: median, min and max wall time of each, the ratio of the wall
medians (the target: `claimcheck verify claims` <= 8x `python -c pass`) and, steadier on a shared machine, the
ratio of the CPU-time medians. The checker package is byte-compiled first, as `pip install` does: with
PYTHONDONTWRITEBYTECODE set, an editable install would otherwise recompile every module on every run.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from measure import claimcheck_command, compile_package, require_install  # benchmarks/ is on sys.path: this script's folder

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 8.0


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(cmd: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``cmd``."""
    cpu, start = _cpu(), time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: the bundled registry has contradicted claims
        sys.exit(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stderr.decode(errors='replace')}")
    return elapsed, _cpu() - cpu


def _describe(name: str, runs: list[tuple[float, float]]) -> str:
    wall, cpu = [w for w, _ in runs], [c for _, c in runs]
    return (f"{name:<26} wall median {statistics.median(wall) * 1000:6.1f} ms (min {min(wall) * 1000:6.1f}, "
            f"max {max(wall) * 1000:6.1f})   cpu median {statistics.median(cpu) * 1000:6.1f} ms")


def slowest_imports(limit: int = 25) -> str:
    """The imports of `claimcheck verify claims` with the largest cumulative time, from -X importtime."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "checker", "verify", "claims"], cwd=ROOT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "cumulative" in line:
            continue
        _, self_us, cumulative_us, name = (part.strip() for part in line.replace("import time:", "|").split("|"))
        rows.append((int(cumulative_us), int(self_us), name))
    rows.sort(reverse=True)
    return "\n".join(f"  {cum / 1000:7.1f} ms cumulative  {own / 1000:6.1f} self  {name}"
                     for cum, own, name in rows[:limit])


def main() -> int:
    require_install("benchmarks/startup.py")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (default 15; at least 10)")
    parser.add_argument("--imports", action="store_true", help="also list the slowest imports")
    args = parser.parse_args()
    runs = max(10, args.runs)
    bare = [sys.executable, "-c", "pass"]
    verify = [*claimcheck_command(), "verify", "claims"]
    compile_package()
    _time(bare), _time(verify)  # warm the page cache and .pyc files
    bare_runs, verify_runs = [], []
    for _ in range(runs):
        bare_runs.append(_time(bare))
        verify_runs.append(_time(verify))
    print(f"{runs} runs of each, interleaved")
    print(_describe("python -c pass", bare_runs))
    print(_describe("claimcheck verify claims", verify_runs))
    ratio = statistics.median(w for w, _ in verify_runs) / statistics.median(w for w, _ in bare_runs)
    cpu_ratio = statistics.median(c for _, c in verify_runs) / statistics.median(c for _, c in bare_runs)
    ok = ratio <= TARGET_RATIO
    print(f"ratio of wall medians {ratio:.1f}x (target <= {TARGET_RATIO:g}x): {'ok' if ok else 'MISSED'}; "
          f"of cpu medians {cpu_ratio:.1f}x")
    if args.imports:
        print("slowest imports (cumulative, one run):")
        print(slowest_imports())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
