"""``diff``: what changed between two JSON reports of ``claimcheck verify`` (e.g. the snapshot's and a live run's)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from checker.cli.base import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, cli, fail

# Kept here, not imported from checker.diff: that module loads the report models, which start-up avoids.
FAIL_ON = ("change", "worse", "never")


@cli.command("diff")
@click.argument("old", metavar="OLD.json", type=click.Path(path_type=Path))
@click.argument("new", metavar="NEW.json", type=click.Path(path_type=Path))
@click.option("--format", "format_name", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="Output format (markdown suits a GitHub step summary or a PR comment).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="change", show_default=True,
              help="Exit 1 on any change of verdict or any claim added or removed (change), only on a verdict "
                   "that got worse or a claim that disappeared (worse), or never.")
def diff_command(old: Path, new: Path, format_name: str, fail_on: str) -> None:
    """Compare two JSON reports of claimcheck verify (--format json), matching claims by id.

    Lists verdicts that got worse or better, claims added or removed, claims whose verdict is the same but
    whose reason or evidence changed, and evidence notes added or removed.

    \b
    Exit codes: 0  no change at or above --fail-on
                1  a change at or above --fail-on
                2  invalid input or usage
    """
    from checker.diff import ReportInputError, diff_reports
    from checker.report import DIFF_FORMATTERS
    from checker.report.diff import headline

    reports, problems = [], []
    for path in (old, new):  # read both first, so every bad input is reported at once
        try:
            reports.append(_load(path))
        except ReportInputError as exc:
            problems += [f"{path}: {message}" for message in exc.messages]
    if problems:
        fail("\n".join(problems), EXIT_INVALID)
    result = diff_reports(*reports)
    click.echo(DIFF_FORMATTERS[format_name](result), nl=False)
    if format_name != "text":  # the text output starts with it already
        click.echo(f"claimcheck diff: {headline(result.summary)}", err=True)
    sys.exit(EXIT_FINDINGS if result.exceeds(fail_on) else EXIT_OK)


#: A report of 20,000 claims is some 40 MB; anything far larger is not one.
MAX_REPORT_BYTES = 256 * 1024 * 1024


def _load(path: Path):
    """The report in the file at ``path``; ReportInputError when it cannot be read or is not a report."""
    from checker.diff import ReportInputError, parse_report
    from checker.safefiles import UnsafeFile, read_bytes_bounded

    try:
        data = read_bytes_bounded(path, limit=MAX_REPORT_BYTES)
    except UnsafeFile as exc:
        raise ReportInputError([str(exc)]) from None
    except FileNotFoundError:
        raise ReportInputError(["no such file"]) from None
    except IsADirectoryError:
        raise ReportInputError(["is a directory, not a report"]) from None
    except OSError as exc:
        raise ReportInputError([f"cannot read: {exc.strerror or exc}"]) from None
    return parse_report(data)
