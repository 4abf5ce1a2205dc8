"""Where reports go: pairing --format with --output, rendering, and writing files atomically."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import click

from checker.cli.base import PIPE_WIDTH, fail


def plan_outputs(formats: tuple[str, ...], outputs: tuple[Path, ...]) -> list[tuple[str, Path | None]]:
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


def step_summary() -> Path | None:
    """The GitHub Actions step summary file (``$GITHUB_STEP_SUMMARY``), when set."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    return Path(path) if path else None


def _is_step_summary(path: Path) -> bool:
    summary = step_summary()
    return summary is not None and path.resolve() == summary.resolve()


def replaceable(path: Path) -> bool:
    """Whether ``path`` may be replaced atomically: it does not exist, or it is a regular file (not a link)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except FileNotFoundError:
        return True


def write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``, failing with FileExistsError when anything (even a dangling link) is
    there: the check and the creation are one step."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)


def write_all(files: list[tuple[Path, str]]) -> None:
    """Write every file atomically: each to a temporary file beside it first, and only when all are written
    are they renamed into place; a failure (exit 2) leaves the outputs as they were. The step summary is
    appended to instead (earlier steps' summaries stay), after the other files are in place."""
    from checker.atomic import stage

    staged: list[tuple[Path, Path]] = []
    appended = [(path, text) for path, text in files if _is_step_summary(path)]
    # Only a regular file (or a new path) is replaced; a link is written through and a device or FIFO
    # written to, never swapped for a regular file (``--output /dev/null`` as root must not replace it).
    direct = [(path, text) for path, text in files if not _is_step_summary(path) and not replaceable(path)]
    try:
        for path, text in files:
            if not _is_step_summary(path) and replaceable(path):
                staged.append((stage(path, text), path))
        for tmp, path in staged:
            os.replace(tmp, path)
        for path, text in direct:
            with path.open("w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        for path, text in appended:
            with path.open("a", encoding="utf-8", newline="") as fh:
                fh.write(text if text.startswith("\n") else "\n" + text)
    except OSError as exc:
        fail(f"error: cannot write {getattr(exc, 'filename', None) or 'an output'}: {exc.strerror or exc}")
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)


def add_summary(plan: list[tuple[str, Path | None]]) -> list[tuple[str, Path | None]]:
    """``plan`` with the Markdown report appended to the step summary (``--summary``); exit 2 outside GitHub
    Actions, where there is no step summary."""
    summary = step_summary()
    if summary is None:
        fail("error: --summary appends to $GITHUB_STEP_SUMMARY, which is not set (it is, in a GitHub Actions "
             "step); elsewhere use --format markdown --output FILE")
    if any(path is not None and _is_step_summary(path) for _, path in plan):
        return plan
    return [*plan, ("markdown", summary)]


def source_root(registry_dir: Path, given: Path | None) -> Path:
    """The folder SARIF locations are relative to: ``--source-root``, else the git top level of the registry,
    else the working directory."""
    if given is not None:
        return given.resolve()
    import subprocess

    try:
        top = subprocess.run(["git", "-C", str(registry_dir), "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return Path.cwd()
    return Path(top.stdout.strip()).resolve() if top.returncode == 0 and top.stdout.strip() else Path.cwd()


def _terminal() -> tuple[bool, int]:
    """Colour and width for stdout, as rich detects them (TTY, NO_COLOR, FORCE_COLOR, COLUMNS); a pipe gets
    :data:`PIPE_WIDTH` columns unless COLUMNS says otherwise."""
    from rich.console import Console

    probe = Console()
    width = probe.width if sys.stdout.isatty() or os.environ.get("COLUMNS") else PIPE_WIDTH
    return probe.is_terminal and probe.color_system is not None and not probe.no_color, width


def emit(report, plan: list[tuple[str, Path | None]], compact: bool = False, registry=None,
         root: Path | None = None) -> None:
    """Render every planned output first, then write them (files atomically); nothing is written on error.
    ``registry`` gives the reviewer for ClaimReview; ``root`` the source root for SARIF."""
    from checker.report import RenderOptions, render

    config = registry.config if registry is not None else None
    rendered = []
    for name, path in plan:
        color, width = _terminal() if path is None and name == "text" else (False, PIPE_WIDTH)
        options = RenderOptions(color=color, width=width,
                                compact=compact, workdir=str(Path.cwd()),
                                source_root=str(root) if root is not None else None,
                                reviewer=config.reviewer if config else None,
                                review_url=config.review_url if config else None)
        rendered.append((path, render(name, report, options)))
    write_all([(path, text) for path, text in rendered if path is not None])
    for path, text in rendered:
        if path is None:
            # colour was decided above (rich's detection); click would strip it from a pipe even with FORCE_COLOR
            click.echo(text, nl=False, color=True)


