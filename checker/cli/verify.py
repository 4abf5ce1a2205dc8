"""``verify`` (a whole registry) and ``check`` (one ad-hoc claim)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import click

from checker.cli.base import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNAVAILABLE,
    cli,
    fail,
    load_or_exit,
    no_registry,
    progress_bar,
    registry_argument,
    texts_option,
)
from checker.cli.output import add_summary, emit, plan_outputs, source_root
from checker.errors import ClaimcheckError, RegistryError

FAIL_ON = ("contradicted", "drift", "never")

live_option = click.option(
    "--live", is_flag=True, help="Fetch evidence from the Hugging Face Hub (HF_TOKEN when set) instead of the "
                                 "recorded snapshot in REGISTRY_DIR/evidence/hub.")
endpoint_option = click.option("--endpoint", metavar="URL", help="Hub endpoint for --live (default: $HF_ENDPOINT, else https://huggingface.co).")
tolerance_option = click.option(
    "--tolerance", metavar="PERCENT", help="How far a declared figure may be from the evidence and still be "
                                           "supported, e.g. 0.5% (the default).")
strict_option = click.option(
    "--strict", is_flag=True, help="Exit 3 when evidence for a reported claim could not be obtained.")


def _format_option(multiple: bool):
    from checker.report import FORMATTERS

    return click.option(
        "--format", "formats" if multiple else "format_name", multiple=multiple, type=click.Choice(list(FORMATTERS)),
        default=None if multiple else "text", show_default=not multiple,
        help="Report format" + (" (repeatable; the i-th --format pairs with the i-th --output, the rest go to "
                                "stdout; default: text)." if multiple else "."))


def _engine_options(text: str | None, live: bool):
    """Engine Options from ``--tolerance`` and ``--live`` (exit 2 when the tolerance is not a percentage below
    the approximate bound)."""
    from checker.engine import Options

    mode: Literal["offline", "live"] = "live" if live else "offline"
    if text is None:
        return Options(mode=mode)
    from checker.values import parse_percent

    try:
        tolerance = parse_percent(text)
    except ClaimcheckError as exc:
        fail(f"error: invalid --tolerance {text!r}: {exc}")
    if not 0 <= tolerance < Options().approximate:
        fail(f"error: invalid --tolerance {text!r}: must be at least 0% and below "
             f"{float(Options().approximate) * 100:g}% (the approximate bound)")
    return Options(tolerance=tolerance, mode=mode)


def _gather_evidence(registry, selected, live: bool, endpoint: str | None):
    """Evidence for every repo of ``registry``: the snapshot offline; live, only the repos of the ``selected``
    claims are fetched (the others are marked unavailable; their findings are not reported)."""
    if not live:
        from checker.evidence.snapshot import SnapshotSource
        from checker.evidence.store import SnapshotStore

        return SnapshotSource(SnapshotStore(Path(registry.root) / "evidence" / "hub")).evidence(registry.repo_ids())

    from checker.evidence.facts import Unavailable
    from checker.evidence.hub import HubSource  # imports huggingface_hub: only here
    from checker.evidence.refresh import registry_needs
    from checker.registry.types import Registry

    wanted = Registry(root=registry.root, claims=list(selected))
    with contextlib.ExitStack() as stack:
        progress = progress_bar(stack, len(wanted.repo_ids()), "Hub evidence")
        evidence = HubSource(endpoint=endpoint, progress=progress).evidence(wanted.repo_ids(),
                                                                           needs=registry_needs(wanted))
    for repo_id in registry.repo_ids():
        evidence.setdefault(repo_id, Unavailable(repo_id=repo_id, reason="error", detail="not fetched: not selected"))
    return evidence


def _run(registry, selected, live: bool, endpoint: str | None, options):
    """Gather evidence and verify; returns the engine's finding stream (the cross-article comparison done
    already, each claim judged and its finding built as it is read) and the repos whose evidence could not be
    obtained. An evidence or engine error exits 2."""
    from checker.engine import stream
    from checker.errors import EvidenceError
    from checker.evidence.facts import Unavailable

    try:
        evidence = _gather_evidence(registry, selected, live, endpoint)
        _settle_memory()
        run = stream(registry, evidence, options)
    except EvidenceError as exc:
        # One broken snapshot file stopped the run: report every broken one, each at its position.
        from checker.registry.loader import check_evidence_files

        problems = check_evidence_files(registry.root)
        fail("\n".join(str(p) for p in problems) + f"\n{len(problems)} problem(s) in the recorded evidence; fix "
             "them, or restore the files and run `claimcheck hub refresh`" if problems else f"error: {exc}")
    except ClaimcheckError as exc:
        fail(f"error: {exc}")
    return run, {repo for repo, found in evidence.items() if isinstance(found, Unavailable)}


def _settle_memory() -> None:
    """The registry and evidence are loaded and live to the end of the run: the cyclic collector need not
    scan them again (a full collection visits every live object, which makes a large run super-linear)."""
    import gc

    gc.freeze()


@contextlib.contextmanager
def _lean_gc() -> Iterator[None]:
    """Few cyclic collections for one command: a run builds millions of objects that live to its end and
    almost no cycles (a few hundred objects at 10,000 claims), so the young generation is collected every
    100,000 allocations instead of 700 and a full collection practically never; what was frozen
    (:func:`_settle_memory`) and the thresholds are restored when the command ends."""
    import gc

    old = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


class _Outcome:
    """What the exit code needs, gathered as the findings stream past."""

    def __init__(self, unavailable: set[str], strict: bool):
        self.unavailable, self.strict = unavailable, strict
        self.lacking = False   # a reported finding lacks evidence (--strict)

    def observe(self, f) -> None:
        """3 (with --strict) when a reported finding lacks evidence: its reason is evidence-unavailable, or
        the Hub could check it but its subject's repo could not be read (a cross-article verdict hides that)."""
        if self.strict and not self.lacking:
            from checker.properties import hub_checkable

            self.lacking = f.reason == "evidence-unavailable" or (f.subject.repo_id in self.unavailable
                                                                  and hub_checkable(f.property))

    def exit_code(self, tally, fail_on: str) -> int:
        """3 with --strict when a finding lacked evidence; else 1 or 0 by --fail-on."""
        from checker.engine.findings import SEVERITY

        if self.lacking:
            return EXIT_UNAVAILABLE
        if fail_on == "drift" and tally.drifted:
            return EXIT_FINDINGS
        if fail_on in SEVERITY and any(n and SEVERITY[v] >= SEVERITY[fail_on] for v, n in tally.by_verdict.items()):
            return EXIT_FINDINGS
        return EXIT_OK


@cli.command()
@registry_argument
@texts_option
@live_option
@_format_option(multiple=True)
@click.option("--output", "outputs", multiple=True, type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Write the matching --format here (atomically, only after verification succeeded); - is stdout.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="contradicted", show_default=True,
              help="Exit 1 when a finding is contradicted, or (drift) when a verdict differs from its expect.")
@click.option("--only", "only", multiple=True, metavar="SELECTOR",
              help="Report only some findings: subject:<entity>, property:<name or prefix.*>, source:<id>, "
                   "claim:<source id>/<claim id>, verdict:<verdict>. Repeatable: the same key OR-ed, different "
                   "keys AND-ed. The whole registry is still verified, so cross-article comparison is complete.")
@click.option("--source-root", "source_root_dir", default=None,
              type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="The folder SARIF locations are relative to (default: the registry's git top level).")
@click.option("--summary", is_flag=True,
              help="Also append the Markdown report to the GitHub Actions step summary ($GITHUB_STEP_SUMMARY).")
@tolerance_option
@strict_option
@endpoint_option
@_lean_gc()
def verify(registry_dir: Path, texts: tuple[Path, ...], live: bool, formats: tuple[str, ...],
           outputs: tuple[Path, ...], fail_on: str, only: tuple[str, ...], source_root_dir: Path | None, summary: bool,
           tolerance: str | None, strict: bool, endpoint: str | None) -> None:
    """Verify every claim of a registry (default ./claims) against Hub evidence and across articles.

    Offline by default, from the recorded snapshot (no network, no token). The report goes to stdout or
    --output; a summary, and the verdicts that drifted from their expect, go to stderr.

    \b
    Exit codes: 0  nothing at or above --fail-on
                1  findings at or above --fail-on
                2  invalid input or usage (nothing is written)
                3  with --strict: evidence for a reported claim could not be obtained
    """
    if endpoint and not live:
        fail("error: --endpoint needs --live")
    options = _engine_options(tolerance, live)
    plan = plan_outputs(formats, outputs)
    if summary:
        plan = add_summary(plan)
    registry = load_or_exit(registry_dir, texts, writes=any(path is not None for _, path in plan))
    from checker.report.common import summary_line
    from checker.selectors import SelectorError, parse_selectors

    try:
        selection = parse_selectors(only, registry)
    except SelectorError as exc:
        fail(f"error: {exc}")
    selected = [c for c in registry.claims if selection.selects_claim(c)] if live else registry.claims
    run, unavailable = _run(registry, selected, live, endpoint, options)
    outcome = _Outcome(unavailable, strict)
    # Only SARIF locations are relative to the source root; finding the git top level costs a subprocess.
    root = source_root(registry_dir, source_root_dir) if any(name == "sarif" for name, _ in plan) else None
    tally = emit(run, plan, registry=registry, root=root, selection=selection, observe=outcome.observe)
    if tally.drifted:
        noun = "verdict" if len(tally.drifted) == 1 else "verdicts"
        click.echo(f"{len(tally.drifted)} {noun} drifted from expect:", err=True)
        for claim_id, expect, verdict in tally.drifted:
            click.echo(f"  {claim_id}: expected {expect}, got {verdict}", err=True)
    if ("text", None) not in plan:  # the text report on stdout ends with the summary already
        click.echo(summary_line(tally.summary()), err=True)
    sys.exit(outcome.exit_code(tally, fail_on))


@cli.command()
@click.argument("subject")
@click.argument("prop", metavar="PROPERTY")
@click.argument("value")
@click.option("--registry", "registry_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The registry whose entities, licences and claims give context (default ./claims, when present).")
@live_option
@_format_option(multiple=False)
@click.option("--fail-on", type=click.Choice(["contradicted", "never"]), default="contradicted", show_default=True,
              help="Exit 1 when the claim is contradicted.")
@tolerance_option
@strict_option
@endpoint_option
@_lean_gc()
def check(subject: str, prop: str, value: str, registry_dir: Path | None, live: bool, format_name: str,
          fail_on: str, tolerance: str | None, strict: bool, endpoint: str | None) -> None:
    """Check one ad-hoc claim, e.g. claimcheck check K-EXAONE parameters.total 236B

    SUBJECT is an entity id or name from entities.yaml (any language, case-insensitive) or hf:<owner>/<name>.
    The claim is verified together with the registry's claims, so other articles' values count too.
    """
    import datetime as dt

    from checker.registry.loader import build_adhoc_claim
    from checker.registry.types import Registry
    from checker.selectors import Selection

    if endpoint and not live:
        fail("error: --endpoint needs --live")
    options = _engine_options(tolerance, live)
    standalone = registry_dir is None and not Path("claims").is_dir()
    if standalone:
        registry = Registry(root=Path("claims"))  # no registry here: the claim stands alone
    else:
        registry = load_or_exit(registry_dir or Path("claims"), ())
    try:
        claim = build_adhoc_claim(registry, subject, prop, _command_line_value(value),
                                  published=dt.date.today())  # the only clock: an ad-hoc claim is made today
    except RegistryError as exc:
        if standalone and not subject.startswith("hf:"):
            fail(no_registry(Path("claims")) + f" Without one, {subject!r} means nothing: name the model by its "
                 "Hub repo instead, hf:<owner>/<name>.")
        fail("error: " + "; ".join(p.message for p in exc.problems))
    except ClaimcheckError as exc:
        fail(f"error: {exc}")
    combined = Registry(root=registry.root, claims=[*registry.claims, claim],
                        sources={**registry.sources, claim.source.id: claim.source},
                        entities=registry.entities, licenses=registry.licenses, config=registry.config,
                        vocabulary=registry.vocabulary)
    run, unavailable = _run(combined, [claim], live, endpoint, options)
    outcome = _Outcome(unavailable, strict)
    tally = emit(run, [(format_name, None)], compact=True, registry=registry,
                 selection=Selection(claims=frozenset({claim.global_id})), observe=outcome.observe)
    sys.exit(outcome.exit_code(tally, fail_on))


def _command_line_value(text: str):
    """VALUE as typed: a mapping or list in YAML flow style (``{object: x, smaller_by: 5%}``) or plain text."""
    if text.lstrip()[:1] not in ("{", "["):
        return text
    from ruamel.yaml import YAML, YAMLError

    from checker.registry.yamlbounds import check_yaml_bounds

    bounds = check_yaml_bounds(text, "VALUE")
    if bounds:
        fail("error: " + "; ".join(f"VALUE column {p.col}: {p.message}" for p in bounds))
    try:
        return YAML(typ="safe", pure=True).load(text)
    except YAMLError as exc:
        fail(f"error: VALUE {text!r} is not valid YAML flow: {exc}")


