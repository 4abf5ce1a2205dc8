"""Proposing claims from an article: ``claimcheck extract``.

``text`` reads the header, drops boilerplate and splits sentences; ``morph`` is the Korean morphology
(kiwipiepy, loaded on first use); ``dates`` finds Korean (relative) and English dates; ``rules`` loads
the per-language rule tables (``tables/ko.yaml``, ``tables/en.yaml``); ``claims`` turns mentions into
proposals (all pure); ``fetch`` reads an article from a URL. This module puts the pieces
into a claim file (:func:`claim_file`, :func:`render`), still without I/O.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from checker.extract.claims import Proposal, propose, split_date_line
from checker.extract.dates import DateMention, find_dates, resolve
from checker.registry.entities import EntityIndex

__all__ = ["Proposal", "propose", "split_date_line", "DateMention", "find_dates", "resolve",
           "claim_file", "render", "source_id", "language", "guess_title"]

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")


def language(text: str) -> str | None:
    """``ko`` when Hangul is most of the text's letters, ``en`` when Latin letters are, else None."""
    letters = sum(1 for ch in text if ch.isalpha())
    hangul = len(_HANGUL.findall(text))
    if letters and hangul * 2 > letters:
        return "ko"
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return "en" if letters and latin * 2 > letters else None


def guess_title(text: str) -> str | None:
    """The first line when it reads as a headline: short, not a sentence, with more text after it."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if len(lines) < 2:
        return None
    first = lines[0]
    if len(first) > 120 or re.search(r"[.!?。]$|다\.?$", first):
        return None
    return first


def _slug(text: str, words: int = 6) -> str:
    parts = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(parts[:words])[:60].strip("-")


def source_id(published: dt.date, *, title: str | None = None, file_name: str | None = None,
              url: str | None = None) -> str:
    """``<published>-<slug>``: the slug of the title, else of the file name or URL path, else of the host.

    A title in Hangul gives no slug (its stray Latin letters and digits would make a misleading one).
    """
    candidates = [title if title and language(title) != "ko" else ""]
    if file_name:
        candidates.append(PurePosixPath(file_name).stem)
    if url:
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        if segments:
            candidates.append(PurePosixPath(segments[-1]).stem)
        candidates.append(parts.hostname or "")
    slug = next((s for s in map(_slug, candidates) if s), "article")
    return f"{published.isoformat()}-{slug}"


def claim_file(text: str, published: dt.date, *, entities: EntityIndex | None = None, source: str | None = None,
               title: str | None = None, url: str | None = None, text_name: str | None = None
               ) -> tuple[dict[str, object], list[Proposal]]:
    """The ``source:`` block and the proposed claims of an article (a SourceFile's content)."""
    meta: dict[str, object] = {"id": source or source_id(published, title=title, file_name=text_name, url=url)}
    if title:
        meta["title"] = title
    if url:
        meta["url"] = url
    meta["published"] = published
    lang = language(text)
    if lang:
        meta["language"] = lang
    if text_name:
        meta["text"] = text_name
    return meta, propose(text, published, entities)


_PLAIN = re.compile(r"^[a-z][a-z0-9._-]*$|^TODO$")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "todo"}


def _scalar(value: object) -> str:
    if isinstance(value, dict):  # a relation: a JSON object is a valid YAML flow mapping
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.match(text) and (text == "TODO" or text.lower() not in _YAML_WORDS):
        return text
    # A JSON string is a valid YAML double-quoted scalar: every other value is written that way.
    return json.dumps(text, ensure_ascii=False)


def render(meta: dict[str, object], proposals: list[Proposal], origin: str) -> str:
    """The claim file as YAML, with a header saying these are proposals to review."""
    lines = [
        f"# Claims proposed by `claimcheck extract` from {origin}.",
        "# These are proposals to review, not verified claims: check each subject (TODO = not found),",
        "# property, value and quote against the article, fix or delete it, then add `expect:` verdicts.",
        "source:",
    ]
    lines += [f"  {key}: {_scalar(val)}" for key, val in meta.items()]
    if not proposals:
        lines.append("claims: []")
    else:
        lines.append("claims:")
        for p in proposals:
            entry = p.entry()
            first = True
            for key, val in entry.items():
                lines.append(f"  {'- ' if first else '  '}{key}: {_scalar(val)}")
                first = False
    return "\n".join(lines) + "\n"
