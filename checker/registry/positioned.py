"""Dicts and lists that remember where they stood in a YAML file (0-based line and column, like ruamel)."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq


class PosDict(dict):
    """A mapping with its own position and, per key, ``(key line, key col, value line, value col)``."""

    __slots__ = ("line", "col", "pos")


class PosList(list):
    """A sequence with its own position and, per item, ``(line, col)``."""

    __slots__ = ("line", "col", "pos")


def from_ruamel(node: Any) -> Any:
    """ruamel's round-trip objects as positioned plain containers (folded strings become plain str)."""
    if isinstance(node, CommentedMap):
        out = PosDict((k, from_ruamel(v)) for k, v in node.items())
        out.line, out.col = node.lc.line, node.lc.col
        out.pos = {k: tuple(node.lc.data[k]) for k in node}
        return out
    if isinstance(node, CommentedSeq):
        out = PosList(from_ruamel(v) for v in node)
        out.line, out.col = node.lc.line, node.lc.col
        out.pos = [tuple(node.lc.data[i]) for i in range(len(node))]
        return out
    if isinstance(node, str) and type(node) is not str:
        return str(node)
    return node
