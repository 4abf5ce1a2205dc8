"""How offline verification scales, and how fast `claimcheck verify` starts. A script, not a test.

    .venv/bin/python benchmarks/verify_scale.py            # all targets; exit 1 when one fails
    .venv/bin/python benchmarks/verify_scale.py --profile  # also: where the time goes at 10,000 claims

1. Generates, in a temporary directory, a registry of 10,000 claims about 1,000 Hub repos in 200 sources,
   with one snapshot file per repo, and the same at twice the size (20,000 / 2,000 / 400).
2. For each size, a fresh subprocess pinned to one core loads the registry, reads the evidence and
   verifies (in-process, the library calls `claimcheck verify` makes); it reports the wall time of those
   three steps and its peak RSS (ru_maxrss: the honest figure, interpreter included).
3. Runs `claimcheck verify` on the bundled registry ./claims as a subprocess, start-up included, best of 5.

Targets: 10k claims <= 3 s and <= 300 MB peak; 20k/10k time ratio <= 2.2; ./claims <= 0.8 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS_10K = 3.0
TARGET_MB_10K = 300.0
TARGET_RATIO = 2.2
TARGET_CLI_SECONDS = 0.8

LICENSES = ["apache-2.0", "mit", "bench-license", "cc-by-nc-4.0"]
PROPERTIES_YAML = """\
properties:
  - name: training.tokens
    kind: quantity
    meaning: "training tokens (an article-only property)"
"""

LICENSES_YAML = """\
licenses:
  - id: bench-license
    name: Benchmark Model License
    aliases: [bench]
    osi_approved: false
    commercial_use: false
    restrictions: [non-commercial]
    url: https://example.org/bench-license
"""


# -- generating a registry -----------------------------------------------------------------------------

def generate(root: Path, claims: int, repos: int, sources: int, seed: int = 1) -> Path:
    """Write a registry of ``claims`` claims about ``repos`` repos in ``sources`` sources under ``root``."""
    rnd = random.Random(seed)
    orgs = max(1, repos // 20)
    (root / "sources").mkdir(parents=True)
    ent = ["entities:"]
    for o in range(orgs):
        ent += [f"  - id: org-{o:04d}", "    kind: organisation", f"    names: [Org {o:04d}, 조직{o:04d}]",
                f"    hub_orgs: [org-{o:04d}]"]
    facts_of: list[dict] = []
    for r in range(repos):
        org = r % orgs
        repo_id = f"org-{org:04d}/model-{r:05d}"
        total = rnd.randrange(1, 700) * 10**9 + rnd.randrange(0, 10**9)
        ent += [f"  - id: model-{r:05d}", "    kind: model", f"    names: [Model-{r:05d}, 모델-{r:05d}]",
                f"    hub_repo: {repo_id}", f"    developer: org-{org:04d}"]
        facts_of.append({"repo_id": repo_id, "org": org, "total": total, "license": LICENSES[r % 4],
                         "created": f"2025-{1 + r % 12:02d}-{1 + r % 28:02d}", "downloads": rnd.randrange(10, 10**6)})
    (root / "entities.yaml").write_text("\n".join(ent) + "\n", encoding="utf-8")
    (root / "licenses.yaml").write_text(LICENSES_YAML, encoding="utf-8")
    (root / "properties.yaml").write_text(PROPERTIES_YAML, encoding="utf-8")

    per_repo = claims // repos
    by_source: list[list[str]] = [[] for _ in range(sources)]
    n = 0
    for r, f in enumerate(facts_of):
        subject = f"model-{r:05d}" if r % 3 else f"모델-{r:05d}"
        total_b = f["total"] / 1e9
        tokens = rnd.randrange(1, 20)
        kinds = [
            ("parameters.total", f"{round(total_b)}B"),
            ("parameters.total", f"{round(total_b * 10)}억" if r % 5 else f"{round(total_b * 1.3)}B"),
            ("license", f["license"] if r % 7 else "mit"),
            ("open_weights", "true"),
            ("open_source", "true" if r % 2 else "false"),
            ("training.tokens", f"{tokens if r % 4 else tokens + 5}T"),  # a second article; a quarter disagree
            ("release_date", f["created"][:7]),
            ("developer", f"org-{f['org']:04d}"),
            ("downloads", f">={f['downloads'] // 2}"),
            ("training.tokens", f"{tokens}T"),
        ]
        for j in range(per_repo):
            prop, value = kinds[j % len(kinds)]
            src = (r * per_repo + j) % sources
            by_source[src].append(
                f"  - id: c{r:05d}-{j:02d}\n    subject: {subject}\n    property: {prop}\n"
                f"    value: \"{value}\"\n    quote: 모델-{r:05d} {prop} {value}\n")
            n += 1
    for s, entries in enumerate(by_source):
        head = (f"source:\n  id: bench-{s:04d}\n  title: 벤치마크 기사 {s}\n  url: https://news.example/{s}\n"
                f"  published: 2026-0{1 + s % 9}-{1 + s % 28:02d}\n  language: ko\nclaims:\n")
        (root / "sources" / f"bench-{s:04d}.yaml").write_text(head + "".join(entries), encoding="utf-8")

    for f in facts_of:
        url = f"https://huggingface.co/api/models/{f['repo_id']}"
        rev = f"{abs(hash(f['repo_id'])) % 16**12:012x}" + "0" * 28

        def fact(prop, value, method="hub-api", **kw):
            return {"property": prop, "value": value, "method": method, "source_url": url, "revision": rev,
                    "observed_at": "2026-02-01", **kw}

        snap = {
            "schema_version": 1, "repo_id": f["repo_id"], "retrieved_at": "2026-02-01T00:00:00Z", "revision": rev,
            "origin": "live",
            "facts": [
                fact("exists", True), fact("author", f["repo_id"].split("/")[0]),
                fact("parameters.total", f["total"]),
                fact("parameters.by_dtype", {"BF16": f["total"]}),
                fact("parameters.total", round(f["total"] / 1e9) * 10**9, "model-card", precision=1e9,
                     quote=f"{round(f['total'] / 1e9)}B parameters"),
                *([fact("license", "other"), fact("license_name", f["license"])] if f["license"] == "bench-license"
                  else [fact("license", f["license"])]),
                fact("gated", False), fact("private", False),
                fact("disabled", False), fact("created_at", f["created"] + "T09:00:00.000Z"),
                fact("base_model", []), fact("downloads", f["downloads"]),
                fact("downloads_all_time", f["downloads"] * 7), fact("pipeline_tag", "text-generation"),
            ],
        }
        path = root / "evidence" / "hub" / f"{f['repo_id']}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(snap, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert n == claims, (n, claims)
    return root


# -- measuring in a fresh process ----------------------------------------------------------------------

def child(registry_dir: Path, profile: bool) -> None:
    """Run in the subprocess: load + evidence + verify, timed; print one JSON line."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from checker.engine import Options, verify
    from checker.evidence.snapshot import SnapshotSource
    from checker.evidence.store import SnapshotStore
    from checker.registry.loader import load_registry
    from checker.report import render

    def run():
        t0 = time.perf_counter()
        registry = load_registry(registry_dir)
        t1 = time.perf_counter()
        source = SnapshotSource(SnapshotStore(registry_dir / "evidence" / "hub"))
        evidence = source.evidence(registry.repo_ids(), needs=frozenset(c.property for c in registry.claims))
        t2 = time.perf_counter()
        report = verify(registry, evidence, Options())
        t3 = time.perf_counter()
        render("json", report)
        t4 = time.perf_counter()
        return report, {"load": t1 - t0, "evidence": t2 - t1, "verify": t3 - t2, "total": t3 - t0,
                        "render_json": t4 - t3}

    if profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        report, times = prof.runcall(run)
        stats = pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative")
        stats.print_stats(30)
        pstats.Stats(prof, stream=sys.stderr).sort_stats("tottime").print_stats(20)
    else:
        report, times = run()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"claims": report.summary.total, "by_verdict": report.summary.by_verdict,
                      "times": times, "peak_mb": peak_mb}))


def measure(registry_dir: Path, profile: bool = False) -> dict:
    cmd = [sys.executable, __file__, "--child", str(registry_dir)] + (["--profile"] if profile else [])
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"measurement failed:\n{proc.stderr[-4000:]}")
    if profile:
        print(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def cli_best_of(registry_dir: Path, runs: int = 5) -> tuple[float, int, str, list[str]]:
    """``claimcheck verify REGISTRY_DIR`` as a user runs it (text report to a pipe), best wall time of ``runs``."""
    exe = Path(sys.executable).parent / "claimcheck"
    cmd = [str(exe), "verify", str(registry_dir)] if exe.exists() else [sys.executable, "-m", "checker", "verify",
                                                                          str(registry_dir)]
    best, code, err = float("inf"), 0, ""
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        best = min(best, time.perf_counter() - t0)
        code, err = proc.returncode, proc.stderr
    return best, code, err, cmd


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the 10,000-claim run")
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per size; the best time counts")
    parser.add_argument("--keep", action="store_true", help="keep the generated registries (path printed)")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.profile)
        return 0

    results: list[tuple[str, bool, str]] = []
    tmp = Path(tempfile.mkdtemp(prefix="claimcheck-bench-"))
    try:
        base = args.claims
        sizes = [(base, base // 10, base // 50), (2 * base, base // 5, base // 25)]
        measured = []
        for claims, repos, sources in sizes:
            t0 = time.perf_counter()
            reg = generate(tmp / f"reg-{claims}", claims, repos, sources)
            gen = time.perf_counter() - t0
            # Best of several fresh processes: a shared machine only ever adds time.
            runs = [measure(reg) for _ in range(args.runs)]
            m = min(runs, key=lambda r: r["times"]["total"])
            m["peak_mb"] = max(r["peak_mb"] for r in runs)
            measured.append(m)
            t = m["times"]
            print(f"{claims:>6} claims / {repos} repos / {sources} sources (generated in {gen:.1f}s): "
                  f"{t['total']:.2f}s (load {t['load']:.2f}s, evidence {t['evidence']:.2f}s, "
                  f"verify {t['verify']:.2f}s; json render {t['render_json']:.2f}s), peak RSS {m['peak_mb']:.0f} MB; "
                  f"verdicts {m['by_verdict']}")
        small, large = measured
        results.append((f"{base} claims in <= {TARGET_SECONDS_10K:g} s", small["times"]["total"] <= TARGET_SECONDS_10K,
                        f"{small['times']['total']:.2f} s"))
        results.append((f"{base} claims peak RSS <= {TARGET_MB_10K:g} MB", small["peak_mb"] <= TARGET_MB_10K,
                        f"{small['peak_mb']:.0f} MB"))
        ratio = large["times"]["total"] / small["times"]["total"]
        results.append((f"{2 * base}/{base} time ratio <= {TARGET_RATIO:g}", ratio <= TARGET_RATIO, f"{ratio:.2f}x"))
        if args.profile:
            measure(tmp / f"reg-{base}", profile=True)

        bundled = ROOT / "claims"
        best, code, err, cmd = cli_best_of(bundled)
        ok = code in (0, 1) and best <= TARGET_CLI_SECONDS
        detail = f"{best:.2f} s (exit {code}; {' '.join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))})"
        detail += "" if code in (0, 1) else f": {err.strip()[-300:]}"
        results.append((f"`claimcheck verify ./claims` <= {TARGET_CLI_SECONDS:g} s (best of 5)", ok, detail))
    finally:
        if args.keep:
            print(f"registries kept in {tmp}")
        else:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)

    print()
    for name, ok, detail in results:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
