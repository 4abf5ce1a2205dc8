"""What no report may carry, whatever the registry, an article or the Hub put in a string: control
characters (ANSI and OSC-8 escapes, NUL, newlines that forge table rows or log lines), bidirectional
overrides that make text read backwards, and links that are not http(s) (``javascript:``, ``data:``).

:class:`Cleaner` removes them from every string of a finding (and of the report around it) once, as the
findings stream past, before any formatter sees them, so each formatter only escapes for its own syntax
(HTML, XML, Markdown cells, JSON): control characters and bidi controls become a visible ``\\uXXXX``, and a
URL (a field or key ending in ``url``) that is not http(s) is dropped (the fact stays, unlinked). A string
that is already clean costs one ``str.isprintable`` call; the models shared by many findings (facts,
related claims) are checked once. Nothing is dumped, reloaded or re-validated.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

if TYPE_CHECKING:
    from checker.engine.findings import Finding, Report

M = TypeVar("M", bound=BaseModel)

#: C0 and C1 controls, DEL, and the Unicode bidi embeddings, overrides, isolates and marks.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_SAFE_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f-\x9f<>\"'`]+$", re.I)
#: Shared models remembered at most (then forgotten and checked again: cleaning is idempotent), so a
#: million-finding stream does not keep one entry per related claim alive.
_MEMO_LIMIT = 100_000


def visible(text: str) -> str:
    """``text`` with every control and bidi character shown as ``\\uXXXX`` (so it can neither act nor hide)."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL without whitespace, controls or quotes; else None."""
    return url if url is not None and _SAFE_URL.match(url) else None


def _text(text: str) -> str:
    # Every UNSAFE character is unprintable, so printable text (nearly all) is returned as it is, untouched.
    if text.isprintable():
        return text
    shown = visible(text)
    return text if shown == text else shown


class Cleaner:
    """Cleans models one at a time; returns the very object given when nothing in it needed cleaning."""

    def __init__(self) -> None:
        self._memo: dict[int, Any] = {}   # id of a shared model -> its clean version (the model itself if clean)
        self._alive: list[Any] = []       # the originals of rebuilt models, so their ids are not reused
        # The last model or dict seen in each field, with its clean version: consecutive findings often share
        # their subject, related counts and value, and holding one per field keeps nothing else alive.
        self._last: dict[str, tuple[Any, Any]] = {}

    def model(self, m: M) -> M:
        """``m`` with every string cleaned (a copy without validation, only when something changed)."""
        changes: dict[str, Any] | None = None
        cls = m.__class__
        urls = _URLS.get(cls)
        if urls is None:
            urls = _URLS[cls] = frozenset(name for name in cls.model_fields if name.endswith("url"))
        last = self._last
        new: Any
        for key, value in m.__dict__.items():
            kind = value.__class__
            if kind is str:
                if key in urls:
                    if _SAFE_URL.match(value):
                        continue
                    new = None
                elif value.isprintable():
                    continue
                else:
                    new = _text(value)
            elif kind in _ATOMS:
                continue
            elif kind is list:
                if not value:
                    continue
                new = self._items(value)
            else:
                seen = last.get(key)
                if seen is not None and seen[0] is value:
                    new = seen[1]
                else:
                    new = self.model(value) if isinstance(value, BaseModel) else self._value(value, key)
                    last[key] = (value, new)
            if new is not value:
                if changes is None:
                    changes = {}
                changes[key] = new
        return m if changes is None else m.model_copy(update=changes)

    def findings(self, findings: Iterable[Finding]) -> Iterator[Finding]:
        """Each of ``findings`` cleaned, as they come."""
        for f in findings:
            yield self.model(f)

    def _shared(self, m: BaseModel) -> BaseModel:
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
            self._alive.clear()
        clean = self.model(m)
        self._memo[id(m)] = clean
        if clean is not m:
            self._alive.append(m)
        return clean

    def _items(self, items: list[Any] | tuple[Any, ...]) -> list[Any] | tuple[Any, ...]:
        # Only models held alive by the memo have their ids in it, so no other live object can match one.
        memo = self._memo
        out: list[Any] | None = None
        for i, v in enumerate(items):
            clean = memo.get(id(v))
            if clean is None:
                clean = self._shared(v) if isinstance(v, BaseModel) else self._value(v)
            if clean is not v and out is None:
                out = list(items[:i])
            if out is not None:
                out.append(clean)
        if out is None:
            return items
        return out if isinstance(items, list) else tuple(out)

    def _value(self, value: Any, key: str | None = None) -> Any:
        kind = value.__class__
        if kind in _ATOMS:
            return value
        if isinstance(value, Enum):   # a fixed vocabulary (verdicts, reasons, methods): nothing to clean
            _ATOMS.add(kind)
            return value
        if isinstance(value, str):
            if key is not None and key.endswith("url"):
                return value if _SAFE_URL.match(value) else None
            return _text(value)
        if isinstance(value, BaseModel):
            # A model field (a position, a subject) is not memoised: remembering one per finding would keep
            # every finding's position alive (model() remembers only the last one per field); the memo is for
            # the lists' models (facts, related claims).
            return self.model(value)
        if isinstance(value, list | tuple):
            return self._items(value)
        if isinstance(value, dict):
            for k, v in value.items():
                if k.__class__ is str and v.__class__ in _ATOMS and k.isprintable():
                    continue  # the common entry (a number, a bound, a date): nothing to clean
                if (isinstance(k, str) and _text(k) is not k) or self._value(v, k if isinstance(k, str) else None) is not v:
                    return {(_text(k) if isinstance(k, str) else k): self._value(v, k if isinstance(k, str) else None)
                            for k, v in value.items()}
            return value
        return value


#: Types whose values hold no string to clean (enum types are added as they are met).
_ATOMS: set[type] = {type(None), bool, int, float, dt.date, dt.datetime}


#: The fields of each model class whose names end in ``url``, filled as the classes are met.
_URLS: dict[type[BaseModel], frozenset[str]] = {}


def clean_report(report: Report) -> Report:
    """``report`` with every string made visible (:func:`visible`) and every URL that is not http(s) dropped."""
    return Cleaner().model(report)
