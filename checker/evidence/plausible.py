"""Plausibility of facts parsed from Hub responses: a value no real repo can have is a broken or lying
answer, never a fact (a parameter total of -70 billion, 0 or 10^30; a creation date before the Hub
existed; a negative download count). The live source turns such an answer into a failure with reason
``implausible``, so the recorded evidence stays as it was.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Any

from checker.evidence.facts import Fact

#: More parameters than any model has by orders of magnitude (10^14 = 100 trillion).
MAX_PARAMETERS = 10**14
#: The Hugging Face Hub did not hold models before 2016.
HUB_START = dt.datetime(2016, 1, 1, tzinfo=dt.timezone.utc)
_PARAMETER_FACTS = ("parameters.total", "parameters.active", "parameters.non_embedding")
_COUNT_FACTS = ("downloads", "downloads_all_time", "likes")
_INSTANT_FACTS = ("created_at", "last_modified")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _parameters(value: Any) -> str | None:
    if not _is_number(value) or value != int(value):
        return f"{value!r} is not a whole number"
    if not 0 < value < MAX_PARAMETERS:
        return f"{value!r} is not between 1 and 10^14"
    return None


def _instant(value: Any, observed: dt.datetime) -> str | None:
    try:
        when = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return f"{value!r} is not a date"
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    if not HUB_START <= when <= observed + dt.timedelta(days=1):
        return f"{value!r} lies outside the Hub's lifetime (2016 to the time of the request)"
    return None


def why_implausible(fact: Fact, observed: dt.datetime) -> str | None:
    """Why ``fact`` cannot describe a real repo (observed at ``observed``), or None when it can."""
    value = fact.value
    if fact.property in _PARAMETER_FACTS:
        return _parameters(value)
    if fact.property == "parameters.by_dtype":
        if not isinstance(value, dict):
            return "per-dtype counts are not a mapping"
        for dtype, count in value.items():
            if not _is_number(count) or count != int(count) or not 0 <= count < MAX_PARAMETERS:
                return f"{dtype}: {count!r} is not a count between 0 and 10^14"
        return None
    if fact.property in _COUNT_FACTS:
        if not _is_number(value) or value != int(value) or value < 0:
            return f"{value!r} is not a non-negative count"
        return None
    if fact.property in _INSTANT_FACTS:
        return _instant(value, observed)
    return None


def first_implausible(facts: Iterable[Fact], observed: dt.datetime) -> str | None:
    """``property: why`` for the first implausible fact of ``facts``, or None when all are plausible."""
    for fact in facts:
        why = why_implausible(fact, observed)
        if why is not None:
            return f"{fact.property} ({fact.note or fact.method.value}): {why}"
    return None
