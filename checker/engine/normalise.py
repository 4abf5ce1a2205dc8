"""Claim values as JSON (``Finding.value``, ``RelatedClaim.value``) and as short text for explanations."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from checker.registry.types import NormalisedValue, Relation, Subject
from checker.values import DateInterval, Quantity, format_date, format_quantity

_SEPARATORS = re.compile(r"[\s\-._]+")


def fold_text(text: str) -> str:
    """Text as compared: NFKC, case-folded, without spaces, dashes, dots or underscores
    (``"Qwen2.5-VL"`` -> ``"qwen25vl"``, ``"Mixture-of-Experts"`` = ``"mixture of experts"``)."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", str(text)).casefold())


RELATION_WORDS = {"smaller_by": "smaller than", "larger_by": "larger than", "fraction_of": "of the size of"}


def written_percent(rel: Relation) -> str:
    """A relation's percentage as written: ``5 %``, ``0.5 %``."""
    return f"{(rel.amount * 100).quantize((rel.step * 100).normalize())} %"


def value_json(value: NormalisedValue) -> Any:
    """Quantities as {value, low, high, comparator, currency, text}, dates as ISO intervals, subjects
    as their id, relations as {object, mode, amount}; bools, strings and None as they are."""
    if isinstance(value, Quantity):
        return value.as_json()
    if isinstance(value, DateInterval):
        return value.iso()
    if isinstance(value, Subject):
        return value.id
    if isinstance(value, Relation):
        return {"object": value.object.id, "mode": value.mode, "amount": float(value.amount)}
    return value


def value_text(value: NormalisedValue) -> str:
    """``100B``, ``2025-08``, ``true``, ``DeepSeek``, ``5 % smaller than X``, ``none``."""
    if isinstance(value, Quantity):
        return format_quantity(value)
    if isinstance(value, DateInterval):
        return format_date(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Subject):
        return value.name
    if isinstance(value, Relation):
        return f"{written_percent(value)} {RELATION_WORDS[value.mode]} {value.object.name}"
    if value is None:
        return "none"
    return str(value)
