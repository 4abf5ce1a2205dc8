"""Reading YAML with positions: every problem can be pointed at as ``path:line:col``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker.errors import Problem, display_path
from checker.registry.positioned import PosDict, PosList, from_ruamel
from checker.registry.yamlbounds import MAX_FILE_BYTES, check_yaml_bounds
from checker.registry.yamlfast import fast_load
from checker.safefiles import UnsafeFile, read_bytes_bounded


class YamlDocument:
    """A parsed YAML file that can tell where any part of it stands."""

    def __init__(self, path: Path, data: Any, display: str | None = None):
        self.path = path
        self.display = display_path(path) if display is None else display
        self.data = data

    def problem(self, loc: Sequence[str | int], message: str, *, key: bool = False) -> Problem:
        """A problem at the node ``loc`` (a path of keys and indices); ``key=True`` points at the key itself.

        Where ``loc`` leads outside the document (a missing field), the deepest existing node is used.
        """
        line, col = self.position(loc, key=key)
        return Problem(self.display, line, col, message)

    def position(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the node at ``loc``."""
        node = self.data
        line, col = getattr(node, "line", 0), getattr(node, "col", 0)
        for i, part in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(node, PosDict) and part in node:
                kline, kcol, vline, vcol = node.pos[part]
                line, col = (kline, kcol) if (key and last) else (vline, vcol)
                node = node[part]
            elif isinstance(node, PosList) and isinstance(part, int) and 0 <= part < len(node):
                line, col = node.pos[part]
                node = node[part]
            else:
                break
            if isinstance(node, (PosDict, PosList)) and not (key and last):
                # A block mapping's own position is its first key; nested nodes are more precise.
                line, col = node.line, node.col
        return line + 1, col + 1


def read_yaml(path: Path, folder: Path | None = None) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``path`` (a regular file, inside ``folder`` when given); on failure return the problems
    (unreadable, non-UTF-8 bytes, YAML syntax, duplicate keys, a bound of :mod:`yamlbounds` broken)."""
    shown = display_path(path)
    try:
        raw = read_bytes_bounded(path, folder=folder, limit=MAX_FILE_BYTES)
    except UnsafeFile as exc:
        return None, [Problem(shown, 1, 1, f"cannot read file: {exc}")]
    except OSError as exc:
        return None, [Problem(shown, 1, 1, f"cannot read file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(shown, line, col, f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded")]
    if text.startswith("\ufeff"):
        text = text[1:]
    # One pass in the common case: the fast path checks the bounds as it builds, and declines whatever
    # might break one; only then (or with an anchor, see fast_load) do the parser events get a pass of
    # their own, so the problem is worded with its position before anything else reads the text.
    tried = "&" not in text
    if tried:
        fast = fast_load(text)
        if fast is not None:
            return YamlDocument(path, fast, shown), []
    bounds = check_yaml_bounds(text, shown)
    if bounds:
        return None, bounds
    fast = None if tried else fast_load(text)  # declined once: it declines again (the outcome is the text's)
    if fast is not None:
        return YamlDocument(path, fast, shown), []
    from ruamel.yaml import YAML  # only for what the fast path declines: it is slow to import
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    try:
        data = from_ruamel(yaml.load(text))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(s for s in (exc.context, exc.problem) if s) or "invalid YAML"
        return None, [Problem(shown, line, col, f"YAML syntax error: {_one_line(what)}")]
    except (YAMLError, ValueError, RecursionError) as exc:  # the bounds make the last two unexpected
        return None, [Problem(shown, 1, 1, f"YAML error: {_one_line(str(exc))[:200]}")]
    return YamlDocument(path, data, shown), []


def _one_line(text: str) -> str:
    return " ".join(text.split())
