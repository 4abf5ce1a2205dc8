"""The error types claimcheck raises; each maps to an exit code in the CLI."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


def closest(word: str, choices: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The ``n`` choices most like ``word``, closest first by difflib's similarity ratio (ties in the order
    given, where ``difflib.get_close_matches`` would put them in reverse alphabetical order)."""
    import difflib  # only when a message suggests a word (start-up does not pay for it)

    matcher = difflib.SequenceMatcher(b=word)
    scored = []
    for i, choice in enumerate(dict.fromkeys(choices)):
        matcher.set_seq1(choice)
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff and matcher.ratio() >= cutoff:
            scored.append((-matcher.ratio(), i, choice))
    return [choice for _, _, choice in sorted(scored)[:n]]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean parameters.total?"`` (closest first: ``…, a, b?``), or empty when nothing is close."""
    near = closest(word, choices)
    return f"; did you mean {', '.join(near)}?" if near else ""


class ClaimcheckError(Exception):
    """Base of every error claimcheck reports to the user (exit code 2 unless stated)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one input file, printed as ``path:line:col: message`` (1-based line and column)."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class RegistryError(ClaimcheckError):
    """The registry has one or more problems; all of them are carried, sorted by position."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ValueParseError(ClaimcheckError, ValueError):
    """A declared value (quantity, date, bool, percentage, ...) could not be parsed."""


class EvidenceError(ClaimcheckError):
    """Evidence could not be read or written (a broken snapshot file, an unwritable store)."""


def display_path(path: Path | str) -> str:
    """A path as the user should see it: relative to the working directory when it lies below it."""
    p = Path(path)
    try:  # links are not resolved: the path named is the one shown
        return str(Path(os.path.abspath(p)).relative_to(Path(os.path.abspath(Path.cwd()))))
    except (ValueError, OSError, RuntimeError):  # outside the working directory, or a symlink loop
        return str(p)
