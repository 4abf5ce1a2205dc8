"""Quote provenance: every quote must occur in its source's text (after NFC and whitespace folding)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from checker.safefiles import read_bytes_bounded

_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC with every run of whitespace folded to one space, trimmed."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


@dataclass(frozen=True)
class QuoteMatch:
    """Where a quote was found (offset in the normalised text), or the closest passage when it was not."""

    offset: int | None
    closest: str | None = None


class SourceText:
    """A source's full text, normalised once for every quote searched in it."""

    def __init__(self, path: Path):
        """Read ``path`` (a regular file inside its folder; raises UnsafeFile, OSError, UnicodeDecodeError)."""
        self.path = path
        self.text = normalise(read_bytes_bounded(path, folder=path.parent).decode("utf-8"))

    def find(self, quote: str) -> QuoteMatch:
        """Find ``quote``; when absent, return the passage of the same length that resembles it most."""
        q = normalise(quote)
        at = self.text.find(q)
        if at >= 0:
            return QuoteMatch(at)
        return QuoteMatch(None, self.closest(q))

    def closest(self, q: str) -> str:
        # Anchor on the longest shared run, then widen to the quote's length around it.
        import difflib  # only for a quote that is not found

        matcher = difflib.SequenceMatcher(None, self.text, q, autojunk=False)
        m = matcher.find_longest_match(0, len(self.text), 0, len(q))
        start = max(0, m.a - m.b)
        return self.text[start:start + len(q) + 10].strip()


def find_text(name: str, dirs: list[Path]) -> Path | None:
    """The first ``dir/name`` that exists, or None; ``name`` may not leave its folder, nor may a link."""
    if Path(name).name != name:
        return None
    for d in dirs:
        candidate = d / name
        if candidate.is_symlink() or candidate.is_file():
            return candidate  # SourceText refuses what is not a regular file inside ``d``
    return None
