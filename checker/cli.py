"""The command line: a thin shell that parses options, calls the library, prints and picks the exit code.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 invalid input or usage;
3 evidence could not be obtained and --strict was given.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from checker import __version__
from checker.errors import ClaimcheckError, RegistryError

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID, EXIT_UNAVAILABLE = 0, 1, 2, 3

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
def validate(registry_dir: Path, texts: tuple[Path, ...]) -> None:
    """Validate a registry (default ./claims): every problem in every file, as path:line:col."""
    registry = load_or_exit(registry_dir, texts)
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


def main() -> None:
    """Entry point of the ``claimcheck`` console script."""
    try:
        cli.main(prog_name="claimcheck", standalone_mode=True)
    except ClaimcheckError as exc:  # pragma: no cover - commands handle their own errors
        fail(f"error: {exc}")
