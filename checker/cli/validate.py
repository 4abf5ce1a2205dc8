"""Commands on the registry files: ``validate`` and ``schema``."""

from __future__ import annotations

from pathlib import Path

import click

from checker.cli.base import cli, fail, registry_argument, texts_option


@cli.command()
@registry_argument
@texts_option
@click.option("--verbose", "-v", is_flag=True, help="List every claim, with its quote's offset in its text.")
def validate(registry_dir: Path, texts: tuple[Path, ...], verbose: bool) -> None:
    """Validate a registry (default ./claims) and its evidence files: every problem in every file, as
    path:line:col."""
    from checker.errors import ClaimcheckError, RegistryError
    from checker.registry.loader import check_evidence_files, load_registry

    problems = check_evidence_files(registry_dir)
    registry = None
    try:
        registry = load_registry(registry_dir, texts=list(texts))
    except RegistryError as exc:
        problems = exc.problems + problems
    except ClaimcheckError as exc:
        fail(f"error: {exc}")
    if problems or registry is None:
        fail(f"{RegistryError(problems)}\n{len(problems)} problem(s) found; nothing was written.")
    if verbose:
        for c in registry.claims:
            where = (f"quote at character {c.quote_offset} of {c.source.text}" if c.quote_offset is not None
                     else "quote not checked (no --texts, or no text file)")
            click.echo(f"{c.position.path}:{c.position.line}:{c.position.col}: {c.global_id}: {where}")
    checked = sum(1 for c in registry.claims if c.quote_offset is not None)
    quotes = f", {checked} quote(s) found in their texts" if texts else ""
    snapshots = len(list((Path(registry_dir) / "evidence" / "hub").glob("*/*.json")))
    click.echo(f"{registry_dir}: {len(registry.claims)} claim(s) in {len(registry.sources)} source(s), "
               f"{len(registry.entities)} entities, {len(registry.licenses)} licences, "
               f"{snapshots} evidence file(s){quotes}: valid")


@cli.command()
@click.option("--kind", type=click.Choice(["source", "entities", "licenses", "snapshot", "report", "config"]),
              default="source", show_default=True, help="Which file format.")
def schema(kind: str) -> None:
    """Print the JSON Schema of a file format (default: a claim file)."""
    from checker.schemas import schema_text

    click.echo(schema_text(kind), nl=False)


