"""The command line (``claimcheck``, ``python -m checker``): one module per group of commands over a shared
base; each module is imported when one of its commands runs (``checker.cli.base.COMMAND_MODULES``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checker.cli.base import cli

__all__ = ["cli", "main"]


def main() -> None:
    """Entry point of the ``claimcheck`` console script and ``python -m checker``: one process, one command.

    Before anything else is imported, the cyclic collector is told to run rarely: click, pydantic and a
    command's modules make tens of thousands of objects that live as long as the process, and almost no
    cycles, so at the default threshold (700 allocations) the collector would scan them some twenty times
    before a small registry is even loaded (about 3 % of ``claimcheck verify`` on the bundled one). A
    command that builds much (``verify``) sets its own thresholds for its run."""
    import gc

    gc.set_threshold(100_000, 50, 1000)
    from checker.cli.base import main as run

    run()


def __getattr__(name: str) -> Any:
    # ``cli`` (the click group) is imported on first use, so that :func:`main` runs before click is loaded.
    if name == "cli":
        from checker.cli.base import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
