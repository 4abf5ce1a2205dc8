"""Which kind of value each claim property takes.

Known properties are listed by name; dotted families (``event.*``, ``budget.*``, ``gpu.*`` ...) by prefix.
Anything else is free text compared across articles only. A claim may name its ``kind`` to override.
"""

from __future__ import annotations

from typing import Literal

Kind = Literal["quantity", "date", "bool", "text", "entity", "license", "repo", "relation"]

#: Properties the Hub evidence can check, with their value kind.
HUB_PROPERTIES: dict[str, Kind] = {
    "parameters.total": "quantity",
    "parameters.active": "quantity",
    "open_source": "bool",
    "open_weights": "bool",
    "license": "license",
    "commercial_use": "bool",
    "gated": "bool",
    "release_date": "date",
    "developer": "entity",
    "base_model": "repo",
    "from_scratch": "bool",
    "vision_encoder": "text",
    "downloads": "quantity",
    "relation.size": "relation",
}

#: Properties compared across articles only.
ARTICLE_PROPERTIES: dict[str, Kind] = {
    "founded": "date",
    "age": "quantity",
    "headquarters": "text",
    "architecture": "text",
    "training.tokens": "quantity",
    "training.gpus": "text",
    "parameters.total.planned": "quantity",
    "ceo": "entity",
    "founder": "entity",
    "former_employer": "entity",
    "parent": "entity",
}

#: Dotted families, longest prefix first wins.
PREFIX_KINDS: dict[str, Kind] = {
    "event.": "date",
    "date.": "date",
    "budget.": "quantity",
    "gpu.": "quantity",
    "count.": "quantity",
    "parameters.": "quantity",
    "training.": "text",
    "member.": "bool",
    "benefit.": "bool",
    "requirement.": "bool",
    "result.": "text",
}

_PREFIXES_LONGEST_FIRST = sorted(PREFIX_KINDS, key=len, reverse=True)

def kind_of(prop: str, explicit: Kind | None = None) -> Kind:
    """The value kind of property ``prop`` (``explicit`` wins when given)."""
    if explicit is not None:
        return explicit
    if prop in HUB_PROPERTIES:
        return HUB_PROPERTIES[prop]
    if prop in ARTICLE_PROPERTIES:
        return ARTICLE_PROPERTIES[prop]
    for prefix in _PREFIXES_LONGEST_FIRST:
        if prop.startswith(prefix):
            return PREFIX_KINDS[prefix]
    return "text"


def hub_checkable(prop: str) -> bool:
    """True when Hub evidence can bear on ``prop``."""
    return prop in HUB_PROPERTIES
