"""Where reports go: pairing --format with --output, streaming the findings to every format at once, and
writing files atomically."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from checker.cli.base import PIPE_WIDTH, fail

if TYPE_CHECKING:
    from checker.engine.findings import Finding
    from checker.report.streaming import ChunkWriter, Tally


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
    """Colour and width for stdout, decided as rich's Console decides them (TTY_COMPATIBLE, FORCE_COLOR, the
    TTY, TERM=dumb, NO_COLOR, COLUMNS and LINES), without importing rich; a pipe gets :data:`PIPE_WIDTH`
    columns unless COLUMNS says otherwise."""
    env = os.environ
    try:
        tty = sys.stdout.isatty()
    except (AttributeError, ValueError):  # no stdout, or a closed one
        tty = False
    forced = env.get("FORCE_COLOR")
    compatible = env.get("TTY_COMPATIBLE", "")
    terminal = compatible == "1" if compatible in ("0", "1") else forced != "" if forced is not None else tty
    dumb = terminal and env.get("TERM", "").lower() in ("dumb", "unknown")
    color = terminal and not dumb and env.get("NO_COLOR", "") == ""
    columns, lines = env.get("COLUMNS"), env.get("LINES")
    if not (tty or columns):
        return color, PIPE_WIDTH
    if columns is not None and columns.isdigit() and (lines is not None and lines.isdigit() or not dumb):
        return color, int(columns)
    if dumb:
        return color, 80
    for fd in (0, 1, 2):
        try:
            return color, os.get_terminal_size(fd).columns or 80
        except (AttributeError, ValueError, OSError):  # not a terminal
            continue
    return color, 80


class _Stdout:
    """Chunks for stdout, written in large pieces (colour was decided by _terminal: click would strip
    it from a pipe even with FORCE_COLOR)."""

    LIMIT = 1 << 20

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._size = 0

    def write(self, text: str) -> None:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= self.LIMIT:
            self.flush()

    def flush(self) -> None:
        if self._parts:
            click.echo("".join(self._parts), nl=False, color=True)
            self._parts, self._size = [], 0


class _File:
    """One --output file, written as the chunks come: to a temporary file beside it when it can be replaced
    atomically (a regular file or a new path), else to an anonymous spool copied into it at the end (a link
    is written through, a FIFO or a device written to, never swapped for a regular file: ``--output
    /dev/null`` as root must not replace it). The step summary is appended to (earlier steps' summaries
    stay). Nothing reaches ``path`` before :meth:`commit`."""

    def __init__(self, path: Path):
        from checker.atomic import open_staged

        self.path = path
        self.append = _is_step_summary(path)
        self.tmp: Path | None = None
        if not self.append and replaceable(path):
            self.fh, self.tmp = open_staged(path)
        else:
            import tempfile  # with shutil, bz2 and lzma: only for a file that cannot be replaced

            self.fh = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")

    def write(self, text: str) -> None:
        self.fh.write(text)

    def close(self) -> None:
        self.fh.close()

    def copy_in(self) -> None:
        """The spooled text into ``path`` (a link, FIFO, device, or the step summary)."""
        import shutil

        self.fh.seek(0)
        first = self.fh.read(1)
        with self.path.open("a" if self.append else "w", encoding="utf-8", newline="") as out:
            if self.append and first != "\n":
                out.write("\n")
            out.write(first)
            shutil.copyfileobj(self.fh, out, 1 << 20)
        self.fh.close()

    def discard(self) -> None:
        if not self.fh.closed:
            self.fh.close()
        if self.tmp is not None:
            self.tmp.unlink(missing_ok=True)


def _commit(files: list[_File]) -> None:
    """Every file into place: the staged ones renamed (only when all are written), then the others copied
    in, then the step summary appended; a failure (exit 2) leaves the outputs as they were as far as the
    renames go, and removes every temporary file."""
    try:
        staged = [f for f in files if f.tmp is not None]
        for f in staged:
            f.close()
        for f in staged:
            assert f.tmp is not None
            os.replace(f.tmp, f.path)
            f.tmp = None
        for f in files:
            if f.tmp is None and not f.fh.closed and not f.append:
                f.copy_in()
        for f in files:
            if f.append:
                f.copy_in()
    except OSError as exc:
        fail(f"error: cannot write {getattr(exc, 'filename', None) or 'an output'}: {exc.strerror or exc}")
    finally:
        for f in files:
            f.discard()


def emit(report, plan: list[tuple[str, Path | None]], compact: bool = False, registry=None,
         root: Path | None = None, *, selection=None, observe: Callable[[Finding], None] | None = None) -> Tally:
    """Write every planned output from one pass over the findings of ``report`` (a Report, or the engine's
    FindingStream): each finding is cleaned (:mod:`checker.report.escape`), kept when ``selection`` selects
    it (then the evidence notes on the kept findings' repos are kept too), shown to ``observe``, and handed
    to every format's writer. json and sarif stream; the other formats collect the findings they need.
    Files are written atomically and only when everything was written; stdout gets the chunks as they come.
    ``registry`` gives the reviewer for ClaimReview; ``root`` the source root for SARIF. Returns the tally."""
    from checker.engine.findings import Report
    from checker.report import RenderOptions
    from checker.report.escape import Cleaner
    from checker.report.streaming import Head, Tally, ending, writer_for

    config = registry.config if registry is not None else None
    cleaner = Cleaner()
    head = Head(tool_version=report.tool_version, mode=report.mode, registry=report.registry).cleaned()
    notes = [cleaner.model(n) for n in report.evidence_notes]
    given = report.summary if isinstance(report, Report) and not selection else None
    findings: Iterable[Finding] = cleaner.findings(report.findings)
    if selection:
        findings = (f for f in findings if selection.selects(f))
    files: list[_File] = []
    outputs: list[tuple[ChunkWriter, _Stdout | _File]] = []
    stdout = _Stdout()
    try:
        for name, path in plan:
            color, width = _terminal() if path is None and name == "text" else (False, PIPE_WIDTH)
            options = RenderOptions(color=color, width=width,
                                    compact=compact, workdir=str(Path.cwd()),
                                    source_root=str(root) if root is not None else None,
                                    reviewer=config.reviewer if config else None,
                                    review_url=config.review_url if config else None)
            sink: _Stdout | _File = stdout if path is None else _File(path)
            if isinstance(sink, _File):
                files.append(sink)
            outputs.append((writer_for(name, head, options), sink))
        tally = Tally()
        for writer, sink in outputs:
            sink.write(writer.begin())
        for f in findings:
            tally.add(f)
            if observe is not None:
                observe(f)
            for writer, sink in outputs:
                chunk = writer.add(f)
                if chunk:
                    sink.write(chunk)
        if selection:
            notes = [n for n in notes if n.repo_id in tally.repos]
        summary = given if given is not None else tally.summary()
        for writer, sink in outputs:
            for chunk in ending(writer, notes, summary):
                sink.write(chunk)
    except OSError as exc:
        for file in files:
            file.discard()
        fail(f"error: cannot write {getattr(exc, 'filename', None) or 'an output'}: {exc.strerror or exc}")
    except BaseException:
        for file in files:
            file.discard()
        raise
    _commit(files)
    stdout.flush()
    return tally
