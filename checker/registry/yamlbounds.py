"""Bounds on a YAML text, checked on its parser events before anything is built from it.

An input file must never make the tool run out of memory or stack: a few lines of aliases can stand
for billions of nodes ("billion laughs"), deep nesting exhausts the recursion of every builder, and a
10,000-digit integer exceeds Python's conversion limit. The events are read from libyaml (or ruamel's
parser when libyaml rejects the text); neither parser recurses, so the scan itself is bounded.

Each violation is a :class:`Problem` at the offending node; plain scalars are also checked for what
their conversion would reject (an impossible date such as ``2026-02-30``), so no converter ever raises.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from checker.errors import Problem

MAX_DEPTH = 64
MAX_ALIASES = 1_000
#: Nodes the document may stand for once every alias is expanded, beyond the nodes written out.
MAX_EXPANSION = 100_000
MAX_SCALAR_CHARS = 100_000
MAX_NUMBER_DIGITS = 100
MAX_FILE_BYTES = 32 * 1024 * 1024

_DATE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt ]|$)")
_TIME = re.compile(r"[Tt ]\s*([0-9]{1,2}):([0-9]{2}):([0-9]{2})")


@dataclass
class _Frame:
    anchor: str | None
    size: int = 1


def _events(text: str) -> Iterator[Any]:
    """Parser events of ``text``: libyaml's, or ruamel's when libyaml cannot read it (a YAML 1.2 detail);
    a text neither reads ends the stream early and is reported by the loader that parses it."""
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    seen = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            seen += 1
            yield event
        return
    except yaml.YAMLError:
        pass
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        for n, event in enumerate(YAML(typ="rt", pure=True).parse(text)):
            if n >= seen:  # the events libyaml already gave were checked
                yield event
    except YAMLError:
        return


def check_yaml_bounds(text: str, path: str) -> list[Problem]:
    """Every bound ``text`` breaks (depth, aliases, expansion, scalar size, unconvertible scalars)."""
    from checker.registry.yamlfast import resolve_plain

    problems: list[Problem] = []
    stack: list[_Frame] = []
    sizes: dict[str, int] = {}
    written = expanded = aliases = 0
    too_deep = False

    def at(event: Any, message: str) -> Problem:
        return Problem(path, event.start_mark.line + 1, event.start_mark.column + 1, message)

    def add(size: int, anchor: str | None) -> None:
        if anchor is not None:
            sizes[anchor] = size
        if stack:
            stack[-1].size += size

    for event in _events(text):
        name = type(event).__name__
        if name in ("MappingStartEvent", "SequenceStartEvent"):
            written += 1
            stack.append(_Frame(event.anchor))
            if len(stack) > MAX_DEPTH and not too_deep:
                too_deep = True
                problems.append(at(event, f"nested deeper than {MAX_DEPTH} levels"))
                return problems  # nothing deeper is worth reading
        elif name in ("MappingEndEvent", "SequenceEndEvent"):
            frame = stack.pop()
            add(frame.size, frame.anchor)
        elif name == "ScalarEvent":
            written += 1
            problem = _scalar_problem(event, resolve_plain)
            if problem is not None:
                problems.append(at(event, problem))
            add(1, event.anchor)
        elif name == "AliasEvent":
            aliases += 1
            if aliases > MAX_ALIASES:
                problems.append(at(event, f"more than {MAX_ALIASES} aliases (*name)"))
                return problems
            size = sizes.get(event.anchor, 1)
            expanded += size
            if expanded > MAX_EXPANSION:
                problems.append(at(event, f"aliases expand to more than {MAX_EXPANSION} nodes"))
                return problems
            add(size, None)
    return problems


def _scalar_problem(event: Any, resolve_plain: Any) -> str | None:
    value: str = event.value
    if len(value) > MAX_SCALAR_CHARS:
        return f"a value of {len(value)} characters (at most {MAX_SCALAR_CHARS})"
    if event.style or event.tag not in (None, "!"):
        return None  # quoted, block or explicitly tagged: stays a string or is refused by the loader
    tag = resolve_plain(value)
    if tag.endswith((":int", ":float")) and sum(c.isdigit() for c in value) > MAX_NUMBER_DIGITS:
        return f"a number of more than {MAX_NUMBER_DIGITS} digits"
    if tag.endswith(":timestamp"):
        return _timestamp_problem(value)
    return None


def _timestamp_problem(value: str) -> str | None:
    m = _DATE.match(value)
    if m is None:
        return None
    try:
        dt.date(int(m[1]), int(m[2]), int(m[3]))
        t = _TIME.search(value, m.end(3))
        if t is not None:
            dt.time(int(t[1]), int(t[2]), int(t[3]))
    except ValueError as exc:
        return f"{value!r} is not a valid date ({exc})"
    return None


def check_file_size(size: int) -> str | None:
    """Why a file of ``size`` bytes is refused before it is read, or None."""
    if size > MAX_FILE_BYTES:
        return f"file of {size} bytes is larger than the {MAX_FILE_BYTES} allowed"
    return None
