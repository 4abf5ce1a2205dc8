"""The command line: a thin shell that parses options, calls the library, prints and picks the exit code.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 invalid input or usage;
3 evidence could not be obtained and --strict was given.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import re
import sys
import types
from pathlib import Path
from typing import NoReturn

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


def fail(message: str, code: int = EXIT_INVALID) -> NoReturn:
    """Print ``message`` on stderr and exit with ``code``."""
    click.echo(message, err=True)
    sys.exit(code)


def no_registry(registry_dir: Path) -> str:
    """What to say when there is no registry at ``registry_dir``."""
    return (f"error: no registry at {registry_dir}{'/' if not str(registry_dir).endswith('/') else ''} "
            f"(a folder with entities.yaml and sources/*.yaml). Run claimcheck in the folder that holds "
            f"claims/, or name the registry: claimcheck verify PATH/TO/claims (check: --registry PATH).")


def annotate(problems) -> None:
    """Under GitHub Actions, every problem also as an ``::error`` annotation on its file, line and column."""
    if os.environ.get("GITHUB_ACTIONS") != "true":
        return
    for p in problems:
        message = p.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = p.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        click.echo(f"::error file={path},line={p.line},col={p.col}::{message}")


def load_or_exit(registry_dir: Path, texts: tuple[Path, ...], *, writes: bool = False):
    """Load the registry, or print every problem as path:line:col and exit 2 (``writes``: the command would
    have written reports, so say that none was)."""
    from checker.registry.loader import load_registry

    if not registry_dir.is_dir():
        fail(no_registry(registry_dir))
    try:
        return load_registry(registry_dir, texts=list(texts))
    except RegistryError as exc:
        fail_with_problems(exc.problems, writes=writes)
    except ClaimcheckError as exc:
        fail(f"error: {exc}")


def fail_with_problems(problems, *, writes: bool = False) -> NoReturn:
    """Print every problem as path:line:col (and, under GitHub Actions, as annotations), then exit 2."""
    annotate(problems)
    n = len(problems)
    fail(f"{RegistryError(problems)}\n{n} problem{'s' if n != 1 else ''} found"
         + ("; no report was written." if writes else "."))


#: Which module defines each command: a command's module is imported when it is run (or listed in --help), so
#: ``claimcheck verify`` does not load the others.
COMMAND_MODULES = {
    "check": "checker.cli.verify", "diff": "checker.cli.diff", "extract": "checker.cli.extract",
    "hub": "checker.cli.hub", "list": "checker.cli.validate", "schema": "checker.cli.validate",
    "validate": "checker.cli.validate", "verify": "checker.cli.verify",
}


class LazyGroup(click.Group):
    """The top-level group: its commands are registered by their modules (``@cli.command()``), imported on
    first use from :data:`COMMAND_MODULES`."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            importlib.import_module(COMMAND_MODULES[cmd_name])
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimcheck")
def cli() -> None:
    """Check what is declared about AI models against Hugging Face Hub metadata and other articles."""


def progress_bar(stack, total: int, label: str):
    """A transient progress bar on stderr (only on a terminal) entered on ``stack``; returns the callback
    ``HubSource(progress=...)`` takes, or None."""
    if not sys.stderr.isatty() or total == 0:
        return None
    from rich.console import Console
    from rich.progress import Progress

    bar = stack.enter_context(Progress(console=Console(stderr=True), transient=True))
    task = bar.add_task(label, total=total)
    return lambda _repo_id: bar.advance(task)


_PYDANTIC_SECTION = re.compile(rb"^\s*\[\s*pydantic\s*\]\s*$", re.M)


def pydantic_plugins_may_exist() -> bool:
    """Whether a distribution on ``sys.path`` may declare a pydantic plugin (an entry point of the "pydantic"
    group), looked up in the ``entry_points.txt`` files without importing importlib.metadata; True whenever
    that look-up cannot be sure (a zip on the path, a finder that lists distributions of its own)."""
    if any(getattr(finder, "find_distributions", None) is not None and finder is not importlib.machinery.PathFinder
           for finder in sys.meta_path):
        return True
    for entry in sys.path:
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except OSError:  # missing, a path hook's pseudo-entry, or a zip (which it cannot look into)
            if os.path.isfile(folder):
                return True
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), "rb") as fh:
                    if _PYDANTIC_SECTION.search(fh.read()):
                        return True
            except OSError:
                continue
    return False


def skip_pydantic_plugin_discovery() -> None:
    """When no pydantic plugin is installed, spare pydantic its discovery: the first model it builds would
    otherwise import importlib.metadata (email, zipfile, csv, ...) and scan every installed distribution,
    some 40 ms of the 0.3 s that ``claimcheck verify`` takes on a small registry."""
    name = "pydantic.plugin._loader"
    if name in sys.modules or pydantic_plugins_may_exist():
        return
    loader = types.ModuleType(name, "No pydantic plugin is installed (checker.cli.base looked).")
    loader.get_plugins = tuple  # type: ignore[attr-defined]  # () : the one name pydantic imports from it
    sys.modules[name] = loader


def exit_now(exc: SystemExit) -> NoReturn:
    """End the process as ``raise exc`` would, without the interpreter's teardown: the ``atexit`` callbacks
    run and stdout and stderr are flushed as at a normal exit, then :func:`os._exit` skips freeing every
    module, class and object one by one (some 55 M instructions, 5 % of ``claimcheck verify`` on the
    bundled registry). Whenever the shortcut could differ from a normal exit (the code is a
    message, another thread is running, a flush fails) the exception is raised as it is."""
    code = exc.code
    if code is None:
        status = 0
    elif isinstance(code, int) and -2**31 <= code < 2**31:
        status = code
    else:  # a message (Python prints it and exits 1), or a number the C exit() cannot take
        raise exc
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:  # pragma: no cover - no command leaves one running
        raise exc  # the interpreter waits for non-daemon threads
    import atexit

    atexit._run_exitfuncs()  # what Python runs first at exit; the callbacks are then unregistered
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except BaseException:  # e.g. a closed pipe: the normal exit reports it (and exits 120)
        raise exc from None
    os._exit(status)


def main() -> None:
    """Entry point of the ``claimcheck`` console script (and ``python -m checker``): the process ends with
    :func:`exit_now`."""
    skip_pydantic_plugin_discovery()
    try:
        try:
            cli.main(prog_name="claimcheck", standalone_mode=True)
        except ClaimcheckError as exc:  # pragma: no cover - commands handle their own errors
            fail(f"error: {exc}")
    except SystemExit as done:  # standalone mode always ends here
        exit_now(done)
