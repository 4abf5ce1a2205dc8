"""``hub refresh``: re-record evidence from the live Hub."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from checker.cli.base import EXIT_OK, EXIT_UNAVAILABLE, cli, fail, load_or_exit, progress_bar, registry_argument
from checker.errors import ClaimcheckError


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
            progress = progress_bar(stack, total, "hub refresh")
            source = HubSource(endpoint=endpoint, timeout=timeout, concurrency=concurrency, progress=progress)
            summary = refresh(repo_ids, source, store, only=only, needs=registry_needs(registry))
    except ClaimcheckError as exc:
        fail(f"error: {exc}")
    click.echo(summary.text(), err=True, nl=False)
    sys.exit(EXIT_OK if summary.ok else EXIT_UNAVAILABLE)


