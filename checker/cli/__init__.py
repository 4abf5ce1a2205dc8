"""The command line (``claimcheck``, ``python -m checker``): one module per group of commands over a shared
base; each module is imported when one of its commands runs (``checker.cli.base.COMMAND_MODULES``)."""

from checker.cli.base import cli, main

__all__ = ["cli", "main"]
