"""The command line: a thin shell that parses options, calls the library, prints and picks the exit code.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 invalid input or usage;
3 evidence could not be obtained and --strict was given.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from checker import __version__
from checker.errors import ClaimcheckError, RegistryError

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID, EXIT_UNAVAILABLE = 0, 1, 2, 3
#: Columns of the text report when it goes to a file or a pipe (a CI log): wide enough for the table.
PIPE_WIDTH = 140

registry_argument = click.argument(
    "registry_dir", required=False, default="claims",
    type=click.Path(file_okay=False, path_type=Path))
texts_option = click.option(
    "--texts", "texts", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder holding the sources' full texts (repeatable); quotes are then checked against them.")


def fail(message: str, code: int = EXIT_INVALID) -> None:
    """Print ``message`` on stderr and exit with ``code``."""
    click.echo(message, err=True)
    sys.exit(code)


def load_or_exit(registry_dir: Path, texts: tuple[Path, ...]):
    """Load the registry, or print every problem as path:line:col and exit 2."""
    from checker.registry.loader import load_registry

    try:
        return load_registry(registry_dir, texts=list(texts))
    except RegistryError as exc:
        fail(f"{exc}\n{len(exc.problems)} problem(s) found; nothing was written.")
    except ClaimcheckError as exc:
        fail(f"error: {exc}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimcheck")
def cli() -> None:
    """Check what is declared about AI models against Hugging Face Hub metadata and other articles."""


@cli.command()
@registry_argument
@texts_option
@click.option("--verbose", "-v", is_flag=True, help="List every claim, with its quote's offset in its text.")
def validate(registry_dir: Path, texts: tuple[Path, ...], verbose: bool) -> None:
    """Validate a registry (default ./claims): every problem in every file, as path:line:col."""
    registry = load_or_exit(registry_dir, texts)
    if verbose:
        for c in registry.claims:
            where = (f"quote at character {c.quote_offset} of {c.source.text}" if c.quote_offset is not None
                     else "quote not checked (no --texts, or no text file)")
            click.echo(f"{c.position.path}:{c.position.line}:{c.position.col}: {c.global_id}: {where}")
    checked = sum(1 for c in registry.claims if c.quote_offset is not None)
    quotes = f", {checked} quote(s) found in their texts" if texts else ""
    click.echo(f"{registry_dir}: {len(registry.claims)} claim(s) in {len(registry.sources)} source(s), "
               f"{len(registry.entities)} entities, {len(registry.licenses)} licences{quotes}: valid")


@cli.command()
@click.option("--kind", type=click.Choice(["source", "entities", "licenses", "snapshot", "report"]),
              default="source", show_default=True, help="Which file format.")
def schema(kind: str) -> None:
    """Print the JSON Schema of a file format (default: a claim file)."""
    from checker.schemas import schema_text

    click.echo(schema_text(kind), nl=False)


@cli.group()
def hub() -> None:
    """Work with the live Hugging Face Hub (HF_TOKEN is used when set, and never printed)."""


@hub.command("refresh")
@registry_argument
@click.option("--only", multiple=True, metavar="REPO",
              help="Refresh only this repo (repeatable); it must be referenced by the registry.")
@click.option("--endpoint", metavar="URL", default=None,
              help="Hub endpoint (default: $HF_ENDPOINT, else https://huggingface.co).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=10.0, show_default=True,
              help="Seconds allowed for each request.")
@click.option("--concurrency", type=click.IntRange(1, 32), default=8, show_default=True,
              help="Requests in flight at once.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def hub_refresh(registry_dir: Path, only: tuple[str, ...], endpoint: str | None, timeout: float,
                concurrency: int, quiet: bool) -> None:
    """Re-record the Hub evidence of every repo the registry references (REGISTRY_DIR/evidence/hub).

    Changed evidence is written atomically; a repo that cannot be fetched keeps its recorded evidence and
    makes the exit code 3.
    """
    from checker.evidence.hub import HubSource
    from checker.evidence.refresh import refresh, registry_needs
    from checker.evidence.store import SnapshotStore

    registry = load_or_exit(registry_dir, ())
    store = SnapshotStore(registry_dir / "evidence" / "hub")
    repo_ids = registry.repo_ids()
    try:
        with contextlib.ExitStack() as stack:
            total = 0 if quiet else len(only) if only else len(repo_ids)
            progress = _progress_bar(stack, total, "hub refresh")
            source = HubSource(endpoint=endpoint, timeout=timeout, concurrency=concurrency, progress=progress)
            summary = refresh(repo_ids, source, store, only=only, needs=registry_needs(registry))
    except ClaimcheckError as exc:
        fail(f"error: {exc}")
    click.echo(summary.text(), err=True, nl=False)
    sys.exit(EXIT_OK if summary.ok else EXIT_UNAVAILABLE)


# -- verify and check ----------------------------------------------------------------------------------

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

    mode = "live" if live else "offline"
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


def _plan_outputs(formats: tuple[str, ...], outputs: tuple[Path, ...]) -> list[tuple[str, Path | None]]:
    """Pair formats with outputs in order (None = stdout); exit 2 on a plan that cannot work."""
    names = list(formats) or ["text"]
    if len(outputs) > len(names):
        fail("error: more --output than --format: the i-th --output receives the i-th --format")
    plan = [(name, outputs[i] if i < len(outputs) and str(outputs[i]) != "-" else None)
            for i, name in enumerate(names)]
    if sum(1 for _, path in plan if path is None) > 1:
        fail("error: only one report can go to stdout; give the other --format an --output")
    seen: set[Path] = set()
    for _, path in plan:
        if path is None:
            continue
        resolved = path.resolve()
        if resolved in seen:
            fail(f"error: --output {path} is given twice")
        seen.add(resolved)
        if path.is_dir():
            fail(f"error: --output {path} is a directory")
        if not path.parent.is_dir():
            fail(f"error: --output {path}: directory {path.parent} does not exist")
    return plan


def _gather_evidence(registry, selected, live: bool, endpoint: str | None):
    """Evidence for every repo of ``registry``: the snapshot offline; live, only the repos of the ``selected``
    claims are fetched (the others are marked unavailable; their findings are not reported)."""
    if not live:
        from checker.evidence.snapshot import SnapshotSource
        from checker.evidence.store import SnapshotStore

        return SnapshotSource(SnapshotStore(Path(registry.root) / "evidence" / "hub")).evidence(registry.repo_ids())
    import contextlib

    from checker.evidence.facts import Unavailable
    from checker.evidence.hub import HubSource  # imports huggingface_hub: only here
    from checker.evidence.refresh import registry_needs
    from checker.registry.types import Registry

    wanted = Registry(root=registry.root, claims=list(selected))
    with contextlib.ExitStack() as stack:
        progress = _progress_bar(stack, len(wanted.repo_ids()), "Hub evidence")
        evidence = HubSource(endpoint=endpoint, progress=progress).evidence(wanted.repo_ids(),
                                                                           needs=registry_needs(wanted))
    for repo_id in registry.repo_ids():
        evidence.setdefault(repo_id, Unavailable(repo_id=repo_id, reason="error", detail="not fetched: not selected"))
    return evidence


def _progress_bar(stack, total: int, label: str):
    """A transient progress bar on stderr (only on a terminal) entered on ``stack``; returns the callback
    ``HubSource(progress=...)`` takes, or None."""
    if not sys.stderr.isatty() or total == 0:
        return None
    from rich.console import Console
    from rich.progress import Progress

    bar = stack.enter_context(Progress(console=Console(stderr=True), transient=True))
    task = bar.add_task(label, total=total)
    return lambda _repo_id: bar.advance(task)


def _run(registry, selected, live: bool, endpoint: str | None, options):
    """Gather evidence and verify; returns the report and the repos whose evidence could not be obtained.
    An evidence or engine error exits 2."""
    from checker.engine import verify as run_verify
    from checker.evidence.facts import Unavailable

    try:
        evidence = _gather_evidence(registry, selected, live, endpoint)
        report = run_verify(registry, evidence, options)
    except ClaimcheckError as exc:
        fail(f"error: {exc}")
    return report, {repo for repo, found in evidence.items() if isinstance(found, Unavailable)}


def _write_all(files: list[tuple[Path, str]]) -> None:
    """Write every file atomically: each to a temporary file beside it first, and only when all are written
    are they renamed into place; a failure (exit 2) leaves the outputs as they were."""
    import os
    import tempfile

    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        for tmp, path in staged:
            os.replace(tmp, path)
    except OSError as exc:
        fail(f"error: cannot write {getattr(exc, 'filename', None) or 'an output'}: {exc.strerror or exc}")
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)


def _emit(report, plan: list[tuple[str, Path | None]], compact: bool = False) -> None:
    """Render every planned output first, then write them (files atomically); nothing is written on error."""
    import os
    import shutil

    from checker.report import RenderOptions, render

    tty = sys.stdout.isatty()
    rendered = []
    for name, path in plan:
        to_terminal = path is None and tty
        options = RenderOptions(color=to_terminal and not os.environ.get("NO_COLOR"),
                                width=shutil.get_terminal_size((100, 24)).columns if to_terminal else PIPE_WIDTH,
                                compact=compact)
        rendered.append((path, render(name, report, options)))
    _write_all([(path, text) for path, text in rendered if path is not None])
    for path, text in rendered:
        if path is None:
            click.echo(text, nl=False)


def _exit_code(report, unavailable: set[str], fail_on: str, strict: bool) -> int:
    """3 (with --strict) when a reported finding lacks evidence: its reason is evidence-unavailable, or the Hub
    could check it but its subject's repo could not be read (a cross-article verdict hides that); else 1 or 0
    by --fail-on."""
    from checker.engine.findings import SEVERITY
    from checker.properties import hub_checkable

    if strict and any(f.reason == "evidence-unavailable"
                      or (f.subject.repo_id in unavailable and hub_checkable(f.property)) for f in report.findings):
        return EXIT_UNAVAILABLE
    if fail_on == "drift" and any(f.drift for f in report.findings):
        return EXIT_FINDINGS
    if fail_on in SEVERITY and any(SEVERITY[f.verdict] >= SEVERITY[fail_on] for f in report.findings):
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
@tolerance_option
@strict_option
@endpoint_option
def verify(registry_dir: Path, texts: tuple[Path, ...], live: bool, formats: tuple[str, ...],
           outputs: tuple[Path, ...], fail_on: str, only: tuple[str, ...], tolerance: str | None, strict: bool,
           endpoint: str | None) -> None:
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
    plan = _plan_outputs(formats, outputs)
    registry = load_or_exit(registry_dir, texts)
    from checker.report.common import summary_line
    from checker.selectors import SelectorError, parse_selectors

    try:
        selection = parse_selectors(only, registry)
    except SelectorError as exc:
        fail(f"error: {exc}")
    selected = [c for c in registry.claims if selection.selects_claim(c)]
    report, unavailable = _run(registry, selected, live, endpoint, options)
    report = selection.apply(report)
    _emit(report, plan)
    drifted = [f for f in report.findings if f.drift]
    if drifted:
        noun = "verdict" if len(drifted) == 1 else "verdicts"
        click.echo(f"{len(drifted)} {noun} drifted from expect:", err=True)
        for f in drifted:
            click.echo(f"  {f.claim_id}: expected {f.expect}, got {f.verdict}", err=True)
    click.echo(summary_line(report.summary), err=True)
    sys.exit(_exit_code(report, unavailable, fail_on, strict))


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
    if registry_dir is None and not Path("claims").is_dir():
        registry = Registry(root=Path("claims"))  # no registry here: the claim stands alone
    else:
        registry = load_or_exit(registry_dir or Path("claims"), ())
    try:
        claim = build_adhoc_claim(registry, subject, prop, _command_line_value(value),
                                  published=dt.date.today())  # the only clock: an ad-hoc claim is made today
    except RegistryError as exc:
        fail("error: " + "; ".join(p.message for p in exc.problems))
    except ClaimcheckError as exc:
        fail(f"error: {exc}")
    combined = Registry(root=registry.root, claims=[*registry.claims, claim],
                        sources={**registry.sources, claim.source.id: claim.source},
                        entities=registry.entities, licenses=registry.licenses)
    report, unavailable = _run(combined, [claim], live, endpoint, options)
    report = Selection(claims=frozenset({claim.global_id})).apply(report)
    _emit(report, [(format_name, None)], compact=True)
    sys.exit(_exit_code(report, unavailable, fail_on, strict))


def _command_line_value(text: str):
    """VALUE as typed: a mapping or list in YAML flow style (``{object: x, smaller_by: 5%}``) or plain text."""
    if text.lstrip()[:1] not in ("{", "["):
        return text
    from ruamel.yaml import YAML, YAMLError

    try:
        return YAML(typ="safe", pure=True).load(text)
    except YAMLError as exc:
        fail(f"error: VALUE {text!r} is not valid YAML flow: {exc}")


def main() -> None:
    """Entry point of the ``claimcheck`` console script."""
    try:
        cli.main(prog_name="claimcheck", standalone_mode=True)
    except ClaimcheckError as exc:  # pragma: no cover - commands handle their own errors
        fail(f"error: {exc}")
