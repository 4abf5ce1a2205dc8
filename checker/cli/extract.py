"""``claimcheck extract``: propose a claim file from an article's text file or URL."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

from checker.cli.base import EXIT_INVALID, EXIT_UNAVAILABLE, cli, fail

if TYPE_CHECKING:
    from checker.registry.entities import EntityIndex


def _entities(registry: Path | None) -> "EntityIndex | None":
    """The registry's EntityIndex: from --registry, else ./claims when it has an entities.yaml, else None."""
    from pydantic import ValidationError

    from checker.registry.entities import EntityIndex
    from checker.registry.models import EntitiesFile
    from checker.registry.yamlfile import read_yaml

    path = (registry or Path("claims")) / "entities.yaml"
    if not path.is_file():
        if registry is not None:
            fail(f"error: --registry {registry}: no entities.yaml there")
        return None
    doc, problems = read_yaml(path)
    if doc is None:
        fail("\n".join(str(p) for p in problems))
    assert doc is not None
    try:
        parsed = EntitiesFile.model_validate(doc.data)
    except ValidationError as exc:
        fail(f"error: {path} is not a valid entities file ({exc.error_count()} problem(s)); "
             f"run `claimcheck validate` for details")
    return EntityIndex({e.id: e for e in parsed.entities})


@cli.command()
@click.argument("article")
@click.option("--published", metavar="YYYY-MM-DD",
              help="Publication date: the anchor for relative dates; overrides the file's header "
                   "(a first line ' date 2026-02-12 ...', or 'url:' / 'date:' lines) and the page's metadata.")
@click.option("--source-id", metavar="ID", help="The source id (kebab-case). Default: <published>-<slug of title or name>.")
@click.option("--registry", type=click.Path(file_okay=False, path_type=Path),
              help="Registry whose entities.yaml names the subjects (default: ./claims when present).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the claim file here (atomically) instead of stdout.")
@click.option("--force", is_flag=True, help="Overwrite --output when it exists.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True,
              help="Seconds to wait for a URL.")
def extract(article: str, published: str | None, source_id: str | None, registry: Path | None,
            output: Path | None, force: bool, timeout: float) -> None:
    """Propose claims (a YAML claim file) from ARTICLE, a text file or an http(s) URL.

    Relative dates (지난해, 지난달, 이달 N일, 상반기, 초/중순/말 ...) are resolved against the publication
    date. The result is a set of proposals to review: subjects, properties and values are guesses from
    the wording, and no `expect` is set. Exit 2 on invalid input, 3 when the URL cannot be fetched.
    """
    import yaml
    from pydantic import ValidationError

    from checker.extract import claim_file, guess_title, render
    from checker.extract.fetch import FetchError, MissingDependency, fetch_article
    from checker.extract.text import read_header
    from checker.registry.models import KEBAB, SourceFile

    if source_id is not None and not re.match(KEBAB, source_id):
        fail(f"error: --source-id {source_id!r} is not kebab-case (a-z, 0-9, '-')")
    if output is not None:
        if os.path.lexists(output) and not force:  # checked again, atomically, when written
            fail(f"error: {output} exists; pass --force to overwrite it")
        if not output.parent.is_dir():
            fail(f"error: --output {output}: directory {output.parent} does not exist")
    anchor = None
    if published:
        try:
            anchor = dt.date.fromisoformat(published)
        except ValueError:
            fail(f"error: --published {published!r} is not a date (YYYY-MM-DD)")

    url = title = text_name = None
    if re.match(r"^https?://", article, re.I):
        try:
            page = fetch_article(article, timeout=timeout)
        except MissingDependency as exc:
            fail(f"error: {exc}", EXIT_INVALID)
        except FetchError as exc:
            fail(f"error: cannot fetch the article: {exc}", EXIT_UNAVAILABLE)
        text, url, title, found_date = page.text, page.url or article, page.title, page.published
        origin = article
    else:
        if re.match(r"^[a-z][a-z0-9+.-]*://", article, re.I):
            fail(f"error: {article}: only http(s) URLs and text files can be read")
        path = Path(article)
        if not path.is_file():
            fail(f"error: {article}: no such file")
        from checker.safefiles import UnsafeFile, read_bytes_bounded

        try:
            raw = read_bytes_bounded(path).decode("utf-8")
        except (OSError, UnicodeDecodeError, UnsafeFile) as exc:
            fail(f"error: cannot read {article}: {exc}")
        header, text = read_header(raw)  # " date 2026-02-12 ..." or "url: …" / "date: …" lines
        found_date, url = header.published, header.url
        title, text_name, origin = header.title or guess_title(text), path.name, path.name
    anchor = anchor or found_date
    if anchor is None:
        fail(f"error: no publication date found in {origin}; pass --published YYYY-MM-DD "
             "(relative dates are resolved against it)")

    assert anchor is not None
    meta, proposals = claim_file(text, anchor, entities=_entities(registry), source=source_id, title=title,
                                 url=url, text_name=text_name)
    rendered = render(meta, proposals, origin.replace("\n", " "))
    try:  # what is written must be a valid claim file; anything else is a bug here
        SourceFile.model_validate(yaml.safe_load(rendered))
    except (ValidationError, yaml.YAMLError) as exc:  # pragma: no cover
        fail(f"error: internal: the proposed claim file does not validate: {exc}")

    if output is None:
        click.echo(rendered, nl=False)
    elif force:
        from checker.cli.output import write_all

        write_all([(output, rendered)])
    else:
        from checker.cli.output import write_new

        try:
            write_new(output, rendered)
        except FileExistsError:
            fail(f"error: {output} exists; pass --force to overwrite it")
        except OSError as exc:
            fail(f"error: cannot write {output}: {exc.strerror or exc}")
    todo = sum(1 for p in proposals if p.subject.startswith("TODO"))
    click.echo(f"{len(proposals)} claim(s) proposed from {origin}"
               f"{f', {todo} without a subject (TODO)' if todo else ''}; review them before use.", err=True)
