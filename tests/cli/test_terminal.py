"""The text report's colour and width are decided as rich's Console decides them, without importing rich."""

import itertools
import os
import sys

import pytest

from checker.cli.base import PIPE_WIDTH
from checker.cli.output import _terminal

VARIABLES = ("FORCE_COLOR", "NO_COLOR", "TERM", "COLUMNS", "LINES", "TTY_COMPATIBLE", "COLORTERM")
SETTINGS = {
    "FORCE_COLOR": (None, "", "1"),
    "NO_COLOR": (None, "1"),
    "TERM": (None, "dumb"),
    "COLUMNS": (None, "100", "wide"),
    "LINES": (None, "30"),
    "TTY_COMPATIBLE": (None, "0", "1"),
}


def _as_rich_decides() -> tuple[bool, int]:
    from rich.console import Console

    probe = Console()
    width = probe.width if sys.stdout.isatty() or os.environ.get("COLUMNS") else PIPE_WIDTH
    return probe.is_terminal and probe.color_system is not None and not probe.no_color, width


@pytest.fixture(params=["pipe", "tty"])
def stdout(request, monkeypatch):
    if request.param == "pipe":
        read, write = os.pipe()
    else:
        read, write = os.openpty()
    stream = os.fdopen(write, "w")
    monkeypatch.setattr(sys, "stdout", stream)
    yield request.param
    stream.close()
    os.close(read)


def test_colour_and_width_as_rich_decides_them(stdout, monkeypatch):
    differ = []
    for values in itertools.product(*SETTINGS.values()):
        for name in VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name, value in zip(SETTINGS, values):
            if value is not None:
                monkeypatch.setenv(name, value)
        if _terminal() != _as_rich_decides():
            differ.append((dict(zip(SETTINGS, values)), _terminal(), _as_rich_decides()))
    assert differ == []


def test_no_stdout_is_no_terminal(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "stdout", None)
    assert _terminal() == (False, PIPE_WIDTH)
