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

from checker.registry.positioned import PosDict, PosList
from checker.registry.yamlbounds import MAX_DEPTH, MAX_NUMBER_DIGITS, MAX_SCALAR_CHARS

_STR = "tag:yaml.org,2002:str"
#: ruamel's YAML 1.2 implicit resolvers (``VersionedResolver(version=(1, 2))``) in its order: a tag, its regexp
#: and the first characters it is tried for. A copy, so that reading YAML does not import ruamel
#: (tests/test_startup.py checks it against ruamel's table).
_IMPLICIT = [
    ("bool", re.compile("^(?:true|True|TRUE|false|False|FALSE)$", re.X), "tTfF"),
    ("float", re.compile("^(?:\n"
                         "         [-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?\n"
                         "        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)\n"
                         "        |[-+]?\\.[0-9_]+(?:[eE][-+][0-9]+)?\n"
                         "        |[-+]?\\.(?:inf|Inf|INF)\n"
                         "        |\\.(?:nan|NaN|NAN))$", re.X), "-+0123456789."),
    ("int", re.compile("^(?:[-+]?0b[0-1_]+\n"
                       "        |[-+]?0o?[0-7_]+\n"
                       "        |[-+]?[0-9_]+\n"
                       "        |[-+]?0x[0-9a-fA-F_]+)$", re.X), "-+0123456789"),
    ("timestamp", re.compile("^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]\n"
                             "        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?\n"
                             "        (?:[Tt]|[ \\t]+)[0-9][0-9]?\n"
                             "        :[0-9][0-9] :[0-9][0-9] (?:\\.[0-9]*)?\n"
                             "        (?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$", re.X), "0123456789"),
    ("merge", re.compile("^(?:<<)$"), "<"),
    ("null", re.compile("^(?: ~\n"
                        "        |null|Null|NULL\n"
                        "        | )$", re.X), ("~", "n", "N", "")),
    ("value", re.compile("^(?:=)$"), "="),
    ("yaml", re.compile("^(?:!|&|\\*)$"), "!&*"),
]
_TABLE: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _tag, _regexp, _firsts in _IMPLICIT:
    for _first in _firsts:
        _TABLE.setdefault(_first, []).append((f"tag:yaml.org,2002:{_tag}", _regexp))
_ANY: list[tuple[str, re.Pattern[str]]] = []  # YAML 1.2 has no rule tried for any first character
_RULES = {k: v + _ANY for k, v in _TABLE.items()}


def resolve_plain(value: str) -> str:
    """The tag ruamel gives a plain scalar (what ``VersionedResolver.resolve`` does, without its overhead)."""
    for tag, regexp in _RULES.get(value[:1], _ANY):
        if regexp.match(value):
            return tag
    return _STR


_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Plain(_Loader):  # type: ignore[valid-type,misc]  # libyaml's loader when PyYAML was built with it
    """libyaml's parser and composer, with no implicit resolution (every plain scalar stays a string)."""

    def resolve(self, kind, value, implicit):  # no implicit resolution here: _scalar does YAML 1.2's
        return _KIND_TAG[kind]

    # The composer calls these around every node for path-based resolvers, which this loader has none of;
    # C callables that do nothing save two Python calls per node.
    descend_resolver = dict[object, object]().get
    ascend_resolver = tuple


_PLAIN = "?"  # the tag of a scalar without an explicit one
_KIND_TAG = {yaml.ScalarNode: _PLAIN, yaml.SequenceNode: "tag:yaml.org,2002:seq",
             yaml.MappingNode: "tag:yaml.org,2002:map"}


class _Unusual(Exception):
    pass


def fast_load(text: str):
    """The document in ``text`` as ruamel would load it, or None when ruamel must do it.

    The bounds of :mod:`yamlbounds` are checked on the way (nesting, value and number size, impossible
    dates): where one may be broken this returns None too, and the caller's bounds check words the problem.
    Aliases are the exception: libyaml's composer shares an aliased node, so a text with an anchor (``&``)
    must pass ``check_yaml_bounds`` before it comes here (building it expands every alias).
    """
    if not hasattr(yaml, "CSafeLoader"):
        return None
    try:
        loader = _Plain(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if node is None:
            return None
        # No value is longer than the text it is written in, so short texts skip the per-value check. Without
        # an anchor no node is shared, so each is let go once built (the tree is about 25 times the text;
        # holding it all beside the result would double a large file's peak).
        return _build(node, 1, len(text) > MAX_SCALAR_CHARS, "&" not in text)
    except (yaml.YAMLError, _Unusual, ValueError, RecursionError):
        return None


class _Any:
    def __contains__(self, item: object) -> bool:
        return True


#: First characters of a plain scalar that some implicit rule may resolve; any other stays a string
#: (every one when a rule applies to any first character).
_RESOLVABLE = frozenset(_TABLE) if not _ANY else _Any()


def _scalar(node, long: bool):
    value = node.value
    if long and len(value) > MAX_SCALAR_CHARS:
        raise _Unusual("long value")
    if node.tag == _STR or (node.tag == _PLAIN and node.style):  # !!str, quoted, literal or folded
        return value
    if node.tag != _PLAIN:
        raise _Unusual(node.tag)
    if value[:1] not in _RESOLVABLE:  # the common case: a word, an id, a name
        return value
    tag = resolve_plain(value)
    if tag == _STR:
        return value
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return value.lower() == "true"
    if tag.endswith((":int", ":float")) and len(value) > MAX_NUMBER_DIGITS:
        raise _Unusual("long number")  # the bounds check counts its digits
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
        return dt.date.fromisoformat(value)  # ValueError (an impossible date) leaves it to the bounds check
    raise _Unusual(tag)


def _empty(node) -> bool:
    """An empty plain scalar: ruamel places it at the token after it (the next key or item, or the end of
    its collection), not at its own start."""
    return node.__class__ is _ScalarNode and not node.value and not node.style


_ScalarNode, _SequenceNode, _MappingNode = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode


#: Plain scalars an implicit rule was tried on, and what they resolved to: a registry repeats its dates,
#: numbers and booleans (tiled or copied articles all of them), and trying the rules costs up to four regexp
#: matches. The results are immutable (str, int, float, bool, None, date); bounded, then started afresh.
_RESOLVED: dict[str, object] = {}
_RESOLVED_LIMIT = 4096


def _plain(node, value: str):
    """A plain, untagged scalar of a short text that some implicit rule may resolve (see _scalar)."""
    found = _RESOLVED.get(value, _RESOLVED)
    if found is _RESOLVED:  # not seen (the dict itself is never a value)
        found = _scalar(node, False)  # may raise _Unusual: not remembered
        if found == found:  # not NaN: one shared NaN would make two .nan keys one (a duplicate key)
            if len(_RESOLVED) >= _RESOLVED_LIMIT:
                _RESOLVED.clear()
            _RESOLVED[value] = found
    return found


def _build(node, depth: int, long: bool, consume: bool):
    # The common scalar (plain, untagged, a first character no implicit rule resolves, or quoted) is
    # taken as it is here, inline; a plain one some rule may resolve is looked up (_plain); every other goes
    # through _scalar.
    cls = node.__class__
    if cls is _ScalarNode:
        return _scalar(node, long)
    if depth > MAX_DEPTH:
        raise _Unusual("deep")
    items = node.value
    start = node.start_mark
    if cls is _SequenceNode:
        seq = PosList()
        marks = seq.pos = []
        append, mark_append = seq.append, marks.append
        for i, item in enumerate(items):
            if item.__class__ is _ScalarNode:
                value = item.value
                if long or item.tag != _PLAIN:
                    value = _scalar(item, long)
                elif not item.style and value[:1] in _RESOLVABLE:
                    value = _plain(item, value)
                append(value)
            else:
                append(_build(item, depth + 1, long, consume))
            mark = item.start_mark
            if _empty(item):
                mark = items[i + 1].start_mark if i + 1 < len(items) else node.end_mark
            mark_append((mark.line, mark.column))
            if consume:
                items[i] = None
        seq.line, seq.col = start.line, start.column
        return seq
    if cls is _MappingNode:
        mp = PosDict()
        mp.line, mp.col = start.line, start.column
        pos = mp.pos = {}
        for i, (knode, vnode) in enumerate(items):
            if knode.__class__ is not _ScalarNode:
                raise _Unusual("key")
            key = knode.value
            if long or knode.tag != _PLAIN:
                key = _scalar(knode, long)
            elif not knode.style and key[:1] in _RESOLVABLE:
                key = _plain(knode, key)
            if key in mp or key == "<<":
                raise _Unusual("key")
            mark = vnode.start_mark
            if vnode.__class__ is _ScalarNode:
                value = vnode.value
                if long or vnode.tag != _PLAIN:
                    if not value and not vnode.style:
                        mark = items[i + 1][0].start_mark if i + 1 < len(items) else node.end_mark
                    value = _scalar(vnode, long)
                elif not vnode.style and value[:1] in _RESOLVABLE:
                    if not value:
                        mark = items[i + 1][0].start_mark if i + 1 < len(items) else node.end_mark
                    value = _plain(vnode, value)
                mp[key] = value
            else:
                mp[key] = _build(vnode, depth + 1, long, consume)
            kmark = knode.start_mark
            pos[key] = (kmark.line, kmark.column, mark.line, mark.column)
            if consume:
                items[i] = None
        return mp
    raise _Unusual(cls)
