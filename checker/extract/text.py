"""An article's text before extraction: its header, its boilerplate, its sentences and clauses.

Pure. Two header forms are read: the seed files' first line `` date 2026-02-12 ...`` and the dev set's
``url: …`` / ``date: YYYY-MM-DD`` lines. Boilerplate lines (bylines, copyright notices, related
headlines, share buttons) are dropped by the patterns in the language tables, so nothing is proposed
from them. Sentences are split at sentence-final punctuation; clauses at commas, semicolons and
connective endings (the language tables name them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from checker.extract.rules import Language, tables
from checker.registry.quotes import normalise

__all__ = ["Header", "read_header", "body_lines", "Sentence", "sentences"]

_SEED_DATE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
_FIELD = re.compile(r"^(url|date|title):\s*(.*)$")


@dataclass(frozen=True)
class Header:
    """What an article file says about itself before its body."""

    published: date | None
    url: str | None
    title: str | None


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def read_header(raw: str) -> tuple[Header, str]:
    """The header (either form) and the body after it; a text without a header is all body."""
    m = _SEED_DATE.match(raw)
    if m:
        return Header(_day(m[1]), None, None), raw[m.end():]
    fields: dict[str, str] = {}
    lines = raw.split("\n")
    i = 0
    while i < len(lines) and i < 3:
        f = _FIELD.match(lines[i].strip())
        if not f or f[1] in fields:
            break
        fields[f[1]] = f[2].strip()
        i += 1
    if not fields:
        return Header(None, None, None), raw
    return Header(_day(fields.get("date", "")), fields.get("url") or None, fields.get("title") or None), \
        "\n".join(lines[i:])


def body_lines(text: str, lang: Language) -> list[str]:
    """The article's lines without boilerplate, normalised (NFC, whitespace folded) as quotes are."""
    table = tables(lang)
    out: list[str] = []
    for line in text.splitlines():
        line = normalise(line)
        if not line:
            continue
        if table.boilerplate.search(line):
            # A related-headline block or the footer: what follows is not the article either.
            if table.stop_after.search(line):
                break
            continue
        out.append(line)
    return out


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article and the index of its line (a headline is a line of its own)."""

    text: str
    line: int
    headline: bool


def sentences(text: str, lang: Language) -> list[Sentence]:
    """The article's sentences, boilerplate dropped; short lines without a final stop are headlines."""
    table = tables(lang)
    out: list[Sentence] = []
    for i, line in enumerate(body_lines(text, lang)):
        parts = [p for p in table.sentence_end.split(line) if p.strip()]
        headline = len(parts) == 1 and not table.final_stop.search(line) and len(line) < 90
        out.extend(Sentence(p.strip(), i, headline) for p in parts)
    return out
