"""Dicts and lists that remember where they stood in a YAML file (0-based line and column, like ruamel)."""

from __future__ import annotations

from typing import Any


class PosDict(dict[Any, Any]):
    """A mapping with its own position and, per key, ``(key line, key col, value line, value col)``."""

    __slots__ = ("line", "col", "pos")
    line: int
    col: int
    pos: dict[Any, tuple[int, ...]]


class PosList(list[Any]):
    """A sequence with its own position and, per item, ``(line, col)``."""

    __slots__ = ("line", "col", "pos")
    line: int
    col: int
    pos: list[tuple[int, ...]]


def from_ruamel(node: Any) -> Any:
    """ruamel's round-trip objects as positioned plain containers (folded strings become plain str)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # only when ruamel read a file: it is slow to import

    if isinstance(node, CommentedMap):
        mapping = PosDict((k, from_ruamel(v)) for k, v in node.items())
        mapping.line, mapping.col = node.lc.line, node.lc.col
        mapping.pos = {k: tuple(node.lc.data[k]) for k in node}
        return mapping
    if isinstance(node, CommentedSeq):
        seq = PosList(from_ruamel(v) for v in node)
        seq.line, seq.col = node.lc.line, node.lc.col
        seq.pos = [tuple(node.lc.data[i]) for i in range(len(node))]
        return seq
    if isinstance(node, str) and type(node) is not str:
        return str(node)
    if isinstance(node, int) and type(node) not in (int, bool):  # ScalarInt (a 0 ruamel kept the style of)
        return int(node)
    if isinstance(node, float) and type(node) is not float:
        return float(node)
    return node
