"""The command line (``claimcheck``, ``python -m checker``): one module per group of commands over a shared
base; importing this package registers them all."""

from checker.cli import diff, extract, hub, validate, verify  # noqa: F401  (registers the commands)
from checker.cli.base import cli, main

__all__ = ["cli", "main"]
