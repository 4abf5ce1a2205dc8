"""What users run, measured: whole `claimcheck verify` processes on realistic registries. A script, not a test.

    .venv/bin/python benchmarks/verify_process.py                 # 10k, 100k and 1M claims (< 12 minutes)
    .venv/bin/python benchmarks/verify_process.py --quick         # 10k only (about a minute or two)
    .venv/bin/python benchmarks/verify_process.py --json out.json # also write every figure (for the README)
    .venv/bin/python benchmarks/verify_process.py --budget 600    # seconds for the whole run (default 690)

Registries come from benchmarks/realistic.py, written to /dev/shm when it has room (else a temp dir) and
removed afterwards (``--keep`` keeps them): ``tile-separate`` (copies of ./claims with their own entities and
repos), ``tile-articles`` (copies as new articles about the same models) and ``generated`` (calibrated to
./claims; its calibration is printed beside the bundled one). Snapshot files are in the live format.

Every measurement is a fresh process, ``claimcheck verify REG [--format F] --output FILE`` (F: text, the
default, json, html, sarif), timed from spawn to exit, its peak RSS from ``os.wait4`` (ru_maxrss). Runs are
interleaved (one of each format per round), so load on the shared machine hits every format alike;
figures are medians with min and max. Also measured the same way: the floor (a process that only parses the
same YAML with libyaml and ``json.loads`` the same snapshot files), ``python -c pass``, and
``claimcheck verify claims`` (the bundled registry: start-up, and the RSS the per-claim memory is counted
above).

Targets (issue 12), each a ratio within one run: at 10k claims, in both tilings, text <= 3x the floor and
<= 1.2x json; time per claim at 1M <= 1.1x at 10k (json, generated, start-up subtracted from both);
memory (peak RSS minus the bundled run's, per claim) <= 3 KB in every format at 10k in both tilings and
generated, and at 100k and 1M; start-up (`claimcheck verify claims`) <= 8x `python -c pass`. A table says
met / NOT MET; the exit code is 1 when one is missed. Runs are cut (never targets) to stay in the budget:
each group gets its share of what is left, at least 3 runs (1 at 1M), and 1M is skipped (NOT MET) when its
projected time or memory does not fit.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import realistic  # benchmarks/ is on sys.path: this script's folder
from measure import claimcheck_command, compile_package

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("text", "json", "html", "sarif")
TARGET_FLOOR, TARGET_JSON, TARGET_GROWTH, TARGET_KB, TARGET_STARTUP = 3.0, 1.2, 1.1, 3.0, 8.0
#: Registry sizes; ``--scale`` shrinks them all (a smoke test of the script itself: --scale 0.02).
SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}

FLOOR = r"""
import json, sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
for p in sorted(root.glob("*.yaml")) + sorted((root / "sources").glob("*.yaml")):
    yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
for p in sorted((root / "evidence" / "hub").glob("*/*.json")):
    json.loads(p.read_bytes())
"""


@dataclass
class Series:
    """The runs of one command: wall seconds and peak RSS (KiB) of each."""

    label: str
    claims: int
    walls: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    @property
    def rss_mb(self) -> float:
        return statistics.median(self.rss) / 1024

    def row(self) -> dict[str, Any]:
        return {"label": self.label, "claims": self.claims, "runs": len(self.walls),
                "median_s": round(self.median, 3), "min_s": round(min(self.walls), 3),
                "max_s": round(max(self.walls), 3), "cpu_median_s": round(statistics.median(self.cpus), 3),
                "peak_rss_mb": round(self.rss_mb, 1),
                "peak_rss_max_mb": round(max(self.rss) / 1024, 1)}


class Budget:
    """Seconds left for the whole benchmark; a group asks how many runs it may make."""

    def __init__(self, seconds: float):
        self.start, self.seconds = time.perf_counter(), seconds

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    @property
    def left(self) -> float:
        return self.seconds - self.elapsed

    def runs(self, per_round: float, share: float, wanted: int, least: int) -> int:
        """Rounds of ``per_round`` seconds that fit in ``share`` of what is left, within [least, wanted]."""
        fit = int(self.left * share / max(per_round, 1e-3))
        return max(least, min(wanted, fit))


def spawn(cmd: list[str], err_file: Path) -> tuple[float, int, float]:
    """Run ``cmd`` to completion: (wall seconds, peak RSS KiB, CPU seconds of the child). Exits on failure."""
    with open(err_file, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):  # 1: contradicted findings, as in the bundled registry
        tail = err_file.read_text(encoding="utf-8", errors="replace")[-3000:]
        sys.exit(f"{' '.join(cmd)} exited {proc.returncode}:\n{tail}")
    return wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def verify_cmd(reg: Path, fmt: str, out: Path) -> list[str]:
    cmd = [*claimcheck_command(), "verify", str(reg)]
    if fmt != "text":   # text is the default: measured as users type it
        cmd += ["--format", fmt]
    return cmd + ["--output", str(out / f"report.{fmt}")]


def measure(commands: dict[str, list[str]], claims: int, runs: int, work: Path) -> dict[str, Series]:
    """``runs`` interleaved rounds of every command (one of each per round)."""
    series = {k: Series(k, claims) for k in commands}
    for _ in range(runs):
        for key, cmd in commands.items():
            wall, rss, cpu = spawn(cmd, work / "stderr.txt")
            series[key].walls.append(wall)
            series[key].rss.append(rss)
            series[key].cpus.append(cpu)
    return series


def group(name: str, reg: Path, claims: int, formats: tuple[str, ...], budget: Budget, share: float,
          wanted: int, least: int, work: Path, floor: bool = True) -> dict[str, Series]:
    """Every format (and the floor) on ``reg``: one round to size the rest, then as many as fit."""
    commands = {fmt: verify_cmd(reg, fmt, work) for fmt in formats}
    if floor:
        commands["floor"] = [sys.executable, "-c", FLOOR, str(reg)]
    first = measure(commands, claims, 1, work)
    per_round = sum(s.walls[0] for s in first.values())
    more = budget.runs(per_round, share, wanted, least) - 1
    if more > 0:
        rest = measure(commands, claims, more, work)
        for k, s in rest.items():
            first[k].walls += s.walls
            first[k].rss += s.rss
            first[k].cpus += s.cpus
    for k, s in first.items():
        s.label = f"{name} {k}"
        print(f"  {s.label:<28} {claims:>9,} claims  {len(s.walls)} runs  median {s.median:7.2f} s "
              f"(min {min(s.walls):7.2f}, max {max(s.walls):7.2f}; cpu {statistics.median(s.cpus):7.2f})  "
              f"peak RSS {s.rss_mb:6.0f} MB", flush=True)
    return first


@dataclass
class Target:
    name: str
    value: float | None        # None: not measured (counts as NOT MET)
    limit: float
    unit: str
    detail: str = ""

    @property
    def met(self) -> bool:
        return self.value is not None and self.value <= self.limit

    def row(self) -> dict[str, Any]:
        return {"target": self.name, "value": None if self.value is None else round(self.value, 3),
                "limit": self.limit, "unit": self.unit, "met": self.met, "detail": self.detail}


def cpu_ratio(a: Series, b: Series) -> str:
    """The ratio of CPU-time medians: steadier than wall time when the shared machine is busy."""
    return f"{statistics.median(a.cpus) / statistics.median(b.cpus):.2f}x"


def kb_per_claim(s: Series, base: Series) -> float:
    return (statistics.median(s.rss) - statistics.median(base.rss)) / s.claims


def mem_available_kb() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def workdir() -> Path:
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free > 3 * 1024**3:
        return Path(tempfile.mkdtemp(prefix="claimcheck-bench-", dir=shm))
    return Path(tempfile.mkdtemp(prefix="claimcheck-bench-"))


def big(work: Path, base: dict[str, Series], series: dict[str, Series], targets: list[Target],
        out: dict[str, Any], budget: Budget, runs: int) -> None:
    """100k and 1M claims, in order of need: generated 100k (text, json, floor), generated 1M (json and,
    when the budget allows, sarif: the streaming formats; its time reserved first, 3 runs projected from
    the figures so far), then the tiling with its own entities at 100k with what is left. A group whose first
    round is projected not to fit is not run (its targets NOT MET)."""
    start = base["bundled json"].median
    g10 = series["generated-10k json"]
    per_claim_10k = max(g10.median - start, 0.0) / g10.claims
    gen_10k = out["registries"]["generated-10k"]["seconds"]

    def cost_1m(ref: Series) -> tuple[float, float]:
        run = start + max(ref.median - start, 0.0) / ref.claims * SIZES["1M"] * 1.2
        return run, gen_10k * 100 + 3 * run

    def at_100k(name: str, make: Any, share: float, reserve: float, floor: bool) -> None:
        kinds = ("text", "json", "floor") if floor else ("text", "json")
        round_s = 10 * 1.2 * sum(series[f"{name}-10k {k}"].median for k in kinds) + \
            10 * out["registries"][f"{name}-10k"]["seconds"]
        mem = [Target(f"{name} 100k {fmt}: memory per claim", None, TARGET_KB, "KB") for fmt in ("text", "json")]
        targets.extend(mem)
        room = budget.left - reserve
        if round_s > room:
            for t in mem:
                t.detail = f"not run: one round ~{round_s:.0f} s, {room:.0f} s left for it"
            print(f"  {name}-100k not run (one round ~{round_s:.0f} s, {room:.0f} s left for it)")
            return
        t0 = time.perf_counter()
        info = make(work / f"{name}-100k")
        out["registries"][f"{name}-100k"] = info
        print(f"  {name}-100k written in {time.perf_counter() - t0:.1f} s")
        got = group(name + "-100k", work / f"{name}-100k", info["claims"], ("text", "json"), Budget(room), share,
                    runs, 1, work, floor=floor)
        series.update({f"{name}-100k {k}": v for k, v in got.items()})
        for t, fmt in zip(mem, ("text", "json")):
            t.value = kb_per_claim(got[fmt], base[f"bundled {fmt}"])
            t.detail = f"peak {got[fmt].rss_mb:.0f} MB, {len(got[fmt].walls)} runs"
        shutil.rmtree(work / f"{name}-100k", ignore_errors=True)

    run_1m, total_1m = cost_1m(g10)
    reserve = total_1m if total_1m < budget.left else 0.0
    print(f"100k claims (1M projected from 10k: {gen_10k * 100:.0f} s to write, {run_1m:.0f} s a json run; "
          f"{budget.left:.0f} s left, {reserve:.0f} s reserved for 1M):")
    at_100k("generated", lambda p: realistic.generate(p, SIZES["100k"], seed=1), 0.7, reserve, True)

    print("1M claims:")
    growth = Target("growth: time per claim 1M / 10k (json, generated, start-up subtracted)", None,
                    TARGET_GROWTH, "x")
    mem1m = Target("generated 1M json: memory per claim", None, TARGET_KB, "KB")
    targets += [growth, mem1m]
    ref = series.get("generated-100k json", g10)
    run_1m, _ = cost_1m(ref)
    kb = max(kb_per_claim(ref, base["bundled json"]), 0.0)
    projected_mb = (statistics.median(base["bundled json"].rss) + kb * SIZES["1M"] * 1.2) / 1024
    avail = mem_available_kb()
    gen_s = gen_10k * 100
    print(f"  projected: {run_1m:.0f} s and {projected_mb:.0f} MB a run, ~{gen_s:.0f} s to write; "
          f"{budget.left:.0f} s left, {(avail or 0) / 1024:.0f} MB available")
    if avail is not None and projected_mb * 1024 > 0.6 * avail:
        growth.detail = mem1m.detail = f"not run: {projected_mb:.0f} MB projected, {avail // 1024} MB available"
    elif gen_s + run_1m > budget.left:
        growth.detail = mem1m.detail = f"not run: {gen_s + run_1m:.0f} s projected, {budget.left:.0f} s left"
    else:
        t0 = time.perf_counter()
        info = realistic.generate(work / "generated-1m", SIZES["1M"], seed=1)
        out["registries"]["generated-1m"] = info
        print(f"  generated-1m written in {time.perf_counter() - t0:.1f} s")
        formats = ("json", "sarif") if 3 * 2 * run_1m < budget.left else ("json",)
        got = group("generated-1m", work / "generated-1m", info["claims"], formats, budget, 0.9, 3, 1, work,
                    floor=False)
        series.update({f"generated-1m {k}": v for k, v in got.items()})
        j = got["json"]
        growth.value = ((j.median - start) / j.claims) / per_claim_10k
        growth.detail = (f"{(j.median - start) / j.claims * 1e6:.1f} us vs {per_claim_10k * 1e6:.1f} us per claim, "
                         f"{len(j.walls)} runs")
        mem1m.value = kb_per_claim(j, base["bundled json"])
        mem1m.detail = f"peak {j.rss_mb:.0f} MB"
        shutil.rmtree(work / "generated-1m", ignore_errors=True)

    print("100k claims, the tiling with its own entities and repos (what is left of the budget):")
    at_100k("tile-separate", lambda p: realistic.tile(p, SIZES["100k"], mode="separate"), 1.0, 0.0, False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k claims only")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--budget", type=float, default=690.0, help="seconds for the whole run (default 690)")
    parser.add_argument("--runs", type=int, default=5, help="runs wanted per command at 10k and 100k (default 5)")
    parser.add_argument("--keep", action="store_true", help="keep the registries (their folder is printed)")
    parser.add_argument("--scale", type=float, default=1.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    for key in SIZES:
        SIZES[key] = max(200, int(SIZES[key] * args.scale))
    budget = Budget(args.budget)
    work = workdir()
    out: dict[str, Any] = {"series": [], "targets": [], "calibration": {}, "registries": {}}
    series: dict[str, Series] = {}
    targets: list[Target] = []
    runs = max(5, args.runs)
    try:
        compile_package()
        print(f"registries in {work}; budget {args.budget:.0f} s", flush=True)

        # -- the bundled registry: start-up, and the RSS memory per claim is counted above -----------
        print("start-up and baseline (bundled registry ./claims, 175 claims):")
        bare = [sys.executable, "-c", "pass"]
        startup_cmds = {"python -c pass": bare, "verify claims": [*claimcheck_command(), "verify", "claims"]}
        bundled_cmds = {f"bundled {f}": verify_cmd(ROOT / "claims", f, work) for f in FORMATS if f != "text"}
        measure(startup_cmds | bundled_cmds, 175, 1, work)   # warm the page cache
        base = measure(startup_cmds, 175, 10, work) | measure(bundled_cmds, 175, 3, work)
        for k, s in base.items():
            s.label = k
            print(f"  {k:<28} median {s.median * 1000:7.1f} ms (min {min(s.walls) * 1000:7.1f}, "
                  f"max {max(s.walls) * 1000:7.1f})  peak RSS {s.rss_mb:6.1f} MB", flush=True)
        cli, py = base["verify claims"].median, base["python -c pass"].median
        targets.append(Target("start-up: verify claims / python -c pass", cli / py, TARGET_STARTUP, "x",
                              f"{cli * 1000:.0f} ms / {py * 1000:.0f} ms; cpu "
                              f"{cpu_ratio(base['verify claims'], base['python -c pass'])}"))
        series |= base
        base["bundled text"] = base["verify claims"]

        # -- 10k ------------------------------------------------------------------------------------
        regs: dict[str, tuple[Path, int]] = {}
        t0 = time.perf_counter()
        for name, make in (("tile-separate", lambda p: realistic.tile(p, SIZES["10k"], mode="separate")),
                           ("tile-articles", lambda p: realistic.tile(p, SIZES["10k"], mode="articles")),
                           ("generated", lambda p: realistic.generate(p, SIZES["10k"], seed=1))):
            info = make(work / f"{name}-10k")
            regs[name] = (work / f"{name}-10k", info["claims"])
            out["registries"][f"{name}-10k"] = info
        print(f"10k registries written in {time.perf_counter() - t0:.1f} s")
        cal = {"bundled": realistic.calibration(realistic.BUNDLED),
               "generated-10k": realistic.calibration(regs["generated"][0])}
        out["calibration"] = cal
        print("calibration (bundled vs generated):")
        for key in cal["bundled"]:
            print(f"  {key:<18} {str(cal['bundled'][key]):<44} {cal['generated-10k'][key]}")
        print("10k claims:")
        shares = {"tile-separate": 0.1, "tile-articles": 0.12, "generated": 0.18} if not args.quick else \
                 {"tile-separate": 0.3, "tile-articles": 0.45, "generated": 1.0}
        for name in ("tile-separate", "tile-articles", "generated"):
            reg, n = regs[name]
            # Every format on the generated registry; the tilings' targets need text and json.
            formats = FORMATS if name == "generated" else ("text", "json")
            got = group(name + "-10k", reg, n, formats, budget, shares[name], runs, 3, work)
            series |= {f"{name}-10k {k}": v for k, v in got.items()}
            text, js, floor = got["text"], got["json"], got["floor"]
            if name.startswith("tile"):
                targets.append(Target(f"{name} 10k: text / floor", text.median / floor.median, TARGET_FLOOR, "x",
                                      f"{text.median:.2f} s / {floor.median:.2f} s; cpu {cpu_ratio(text, floor)}"))
                targets.append(Target(f"{name} 10k: text / json", text.median / js.median, TARGET_JSON, "x",
                                      f"{text.median:.2f} s / {js.median:.2f} s; cpu {cpu_ratio(text, js)}"))
            for fmt in formats:
                targets.append(Target(f"{name} 10k {fmt}: memory per claim", kb_per_claim(got[fmt], base[f"bundled {fmt}"]),
                                      TARGET_KB, "KB", f"peak {got[fmt].rss_mb:.0f} MB - bundled "
                                                       f"{base[f'bundled {fmt}'].rss_mb:.0f} MB"))

        if not args.quick:
            big(work, base, series, targets, out, budget, runs)
    finally:
        if args.keep:
            print(f"registries kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print(f"{'target':<66} {'measured':>10} {'limit':>8}  result")
    for t in targets:
        value = "—" if t.value is None else f"{t.value:.2f} {t.unit}"
        print(f"{t.name:<66} {value:>10} {t.limit:>6g} {t.unit:<2} {'met' if t.met else 'NOT MET'}"
              f"{'  (' + t.detail + ')' if t.detail else ''}")
    print(f"\ntotal {budget.elapsed:.0f} s (budget {args.budget:.0f} s)")
    if args.json:
        out["series"] = [s.row() for s in series.values()]
        out["targets"] = [t.row() for t in targets]
        out["total_s"] = round(budget.elapsed, 1)
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0 if all(t.met for t in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
