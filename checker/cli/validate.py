"""Commands on the registry files: ``validate`` and ``schema``."""

from __future__ import annotations

from pathlib import Path

import click

from checker.cli.base import (
    cli,
    fail,
    fail_with_problems,
    load_or_exit,
    no_registry,
    registry_argument,
    texts_option,
)


@cli.command()
@registry_argument
@texts_option
@click.option("--verbose", "-v", is_flag=True, help="List every claim, with its quote's offset in its text.")
def validate(registry_dir: Path, texts: tuple[Path, ...], verbose: bool) -> None:
    """Validate a registry (default ./claims) and its evidence files: every problem in every file, as
    path:line:col."""
    from checker.errors import ClaimcheckError, RegistryError
    from checker.registry.loader import check_evidence_files, load_registry

    if not registry_dir.is_dir():
        fail(no_registry(registry_dir))
    problems = check_evidence_files(registry_dir)
    registry = None
    try:
        registry = load_registry(registry_dir, texts=list(texts))
    except RegistryError as exc:
        problems = exc.problems + problems
    except ClaimcheckError as exc:
        fail(f"error: {exc}")
    if problems or registry is None:
        fail_with_problems(problems)
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


#: The formats `schema` prints; kept here, not imported from checker.schemas, so the CLI starts without
#: pydantic (tests/cli check it equals checker.schemas.MODELS).
SCHEMA_KINDS = ["source", "entities", "licenses", "properties", "snapshot", "report", "config"]


@cli.command()
@click.option("--kind", type=click.Choice(SCHEMA_KINDS),
              default="source", show_default=True, help="Which file format.")
def schema(kind: str) -> None:
    """Print the JSON Schema of a file format (default: a claim file)."""
    from checker.schemas import schema_text

    click.echo(schema_text(kind), nl=False)




@cli.command(name="list")
@click.argument("what", type=click.Choice(["subjects", "properties"]))
@click.option("--registry", "registry_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("claims"),
              show_default=True, help="The registry.")
def list_(what: str, registry_dir: Path) -> None:
    """What a registry knows: its subjects (entities: id, kind, names, Hub repo) or the properties its claims
    may use (built in or declared in properties.yaml, with their value kind and whether the Hub can check them).
    """
    registry = load_or_exit(registry_dir, ())
    if what == "subjects":
        claims_about: dict[str, int] = {}
        for c in registry.claims:
            claims_about[c.subject.id] = claims_about.get(c.subject.id, 0) + 1
        click.echo("id\tkind\tnames\tHub\tclaims")
        for ent in sorted(registry.entities.values(), key=lambda e: (e.kind, e.id)):
            hub = ent.hub_repo or ", ".join(ent.hub_orgs) or "-"
            click.echo(f"{ent.id}\t{ent.kind}\t{' / '.join(ent.names)}\t{hub}\t{claims_about.get(ent.id, 0)} claim(s)")
        return
    from checker.properties import BUILTIN

    used: dict[str, int] = {}
    for c in registry.claims:
        used[c.property] = used.get(c.property, 0) + 1
    vocabulary = registry.vocabulary
    specs = [*BUILTIN.values(), *vocabulary.declared.values(), *vocabulary.prefixes]
    click.echo("property\tkind\tchecked against\tclaims\tmeaning")
    for spec in specs:
        name = spec.name + "*" if spec.prefix else spec.name
        count = sum(n for p, n in used.items() if vocabulary.lookup(p) is spec)
        where = "Hub" if spec.hub_checkable else "articles"
        click.echo(f"{name}\t{spec.kind.name}\t{where}\t{count} claim(s)\t{spec.meaning}")
