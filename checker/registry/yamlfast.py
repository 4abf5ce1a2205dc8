"""A fast path for reading registry YAML: libyaml's C parser composes the node tree, and the values are
resolved with ruamel's own YAML 1.2 rules into positioned dicts and lists carrying the same line and
column data that ruamel's round-trip loader records.

ruamel's pure-Python parser dominates loading a large registry; this gives the same result several
times faster. Anything unusual (an error, a duplicate key, an explicit tag, a merge key, a datetime)
returns None, and the caller parses the file with ruamel, which also words the error messages.
"""

from __future__ import annotations

import datetime as dt
import re

import yaml
from ruamel.yaml.resolver import VersionedResolver

from checker.registry.positioned import PosDict, PosList

_STR = "tag:yaml.org,2002:str"
#: ruamel's YAML 1.2 implicit resolvers: first character -> [(tag, regexp)], read once.
_TABLE = {k: list(v) for k, v in VersionedResolver(version=(1, 2)).versioned_resolver.items()}
_ANY = _TABLE.get(None, [])


def resolve_plain(value: str) -> str:
    """The tag ruamel gives a plain scalar (what ``VersionedResolver.resolve`` does, without its overhead)."""
    for tag, regexp in _TABLE.get(value[:1], []) + _ANY:
        if regexp.match(value):
            return tag
    return _STR


_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Plain(_Loader):  # type: ignore[valid-type,misc]  # libyaml's loader when PyYAML was built with it
    """libyaml's parser and composer, with no implicit resolution (every plain scalar stays a string)."""

    def resolve(self, kind, value, implicit):  # no implicit resolution here: _scalar does YAML 1.2's
        return _KIND_TAG[kind]


_PLAIN = "?"  # the tag of a scalar without an explicit one
_KIND_TAG = {yaml.ScalarNode: _PLAIN, yaml.SequenceNode: "tag:yaml.org,2002:seq",
             yaml.MappingNode: "tag:yaml.org,2002:map"}


class _Unusual(Exception):
    pass


def fast_load(text: str):
    """The document in ``text`` as ruamel would load it, or None when ruamel must do it."""
    if not hasattr(yaml, "CSafeLoader"):
        return None
    try:
        loader = _Plain(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        return None if node is None else _build(node)
    except (yaml.YAMLError, _Unusual, ValueError, RecursionError):
        return None


def _scalar(node):
    value = node.value
    if node.tag == _STR or (node.tag == _PLAIN and node.style):  # !!str, quoted, literal or folded
        return value
    if node.tag != _PLAIN:
        raise _Unusual(node.tag)
    tag = resolve_plain(value)
    if tag == _STR:
        return value
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return value.lower() == "true"
    if tag.endswith(":int"):
        v = value.replace("_", "")
        sign = -1 if v.startswith("-") else 1
        v = v.lstrip("+-")
        if v.startswith("0x"):
            return sign * int(v[2:], 16)
        if v.startswith("0o"):
            return sign * int(v[2:], 8)
        if v.startswith("0b"):
            return sign * int(v[2:], 2)
        if len(v) > 1 and v.startswith("0"):
            raise _Unusual(value)
        return sign * int(v)
    if tag.endswith(":float"):
        low = value.lower().replace("_", "")
        if low.lstrip("+-") in (".inf",):
            return float("-inf") if low.startswith("-") else float("inf")
        if low == ".nan":
            return float("nan")
        return float(low)
    if tag.endswith(":timestamp") and _DATE.match(value):
        return dt.date.fromisoformat(value)
    raise _Unusual(tag)


def _mark(node, following, parent):
    """Where ruamel places ``node``: an empty plain scalar sits at the token after it (the next key or item,
    or the end of its collection); anything else at its own start."""
    if isinstance(node, yaml.ScalarNode) and not node.style and node.value == "":
        return following.start_mark if following is not None else parent.end_mark
    return node.start_mark


def _build(node):
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    items = node.value
    last = len(items) - 1
    if isinstance(node, yaml.SequenceNode):
        seq = PosList(_build(item) for item in items)
        seq.line, seq.col = node.start_mark.line, node.start_mark.column
        marks = [_mark(item, items[i + 1] if i < last else None, node) for i, item in enumerate(items)]
        seq.pos = [(m.line, m.column) for m in marks]
        return seq
    if isinstance(node, yaml.MappingNode):
        mp = PosDict()
        mp.line, mp.col = node.start_mark.line, node.start_mark.column
        mp.pos = {}
        for i, (knode, vnode) in enumerate(items):
            key = _build(knode)
            if isinstance(key, (list, dict)) or key in mp or key == "<<":
                raise _Unusual("key")
            mp[key] = _build(vnode)
            mark = _mark(vnode, items[i + 1][0] if i < last else None, node)
            mp.pos[key] = (knode.start_mark.line, knode.start_mark.column, mark.line, mark.column)
        return mp
    raise _Unusual(type(node))
