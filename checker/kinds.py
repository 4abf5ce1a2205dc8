"""Value kinds: how a claim value of each kind is parsed, written as JSON and as text, and compared across sources.

One class per kind, so the loader, the engine and the reports ask the kind instead of switching on it. A kind
that compares by interval (quantities, dates) returns one from :meth:`ValueKind.interval`; every other kind
compares by :meth:`ValueKind.key` (values are compatible when their keys are equal).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Any, Protocol

from checker.errors import ValueParseError
from checker.licenses import LicenseBook
from checker.registry.models import Kind, check_repo_id
from checker.registry.types import NormalisedValue, Relation, Subject
from checker.values import (
    DateInterval,
    Quantity,
    format_date,
    format_quantity,
    parse_bool,
    parse_date,
    parse_percent_with_step,
    parse_quantity,
)

_SEPARATORS = re.compile(r"[\s\-._]+")
_INF = Decimal("Infinity")
RELATION_MODES = ("smaller_by", "larger_by", "fraction_of")
RELATION_WORDS = {"smaller_by": "smaller than", "larger_by": "larger than", "fraction_of": "of the size of"}


def fold_text(text: str) -> str:
    """Text as compared: NFKC, case-folded, without spaces, dashes, dots or underscores
    (``"Qwen2.5-VL"`` -> ``"qwen25vl"``, ``"Mixture-of-Experts"`` = ``"mixture of experts"``)."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", str(text)).casefold())


def written_percent(rel: Relation) -> str:
    """A relation's percentage as written: ``5 %``, ``0.5 %``."""
    return f"{(rel.amount * 100).quantize((rel.step * 100).normalize())} %"


def scalar_text(raw: Any) -> str:
    """A scalar claim value as stripped text (a mapping, list, bool or nothing is refused)."""
    if isinstance(raw, (dict, list)) or raw is None or isinstance(raw, bool):
        raise ValueParseError(f"expected a text value, got {raw!r}")
    text = str(raw).strip()
    if not text:
        raise ValueParseError("empty value")
    return text


class Names(Protocol):
    """What parsing needs from the registry: entity names and licence ids (raise LookupError when unknown)."""

    def entity(self, text: str) -> Subject: ...

    def known_license(self, text: str) -> bool: ...


class ValueKind:
    """The base kind: free text, compared case- and punctuation-insensitively."""

    name: Kind = "text"

    def parse(self, raw: Any, names: Names) -> NormalisedValue:
        """The claim value ``raw`` (as written in YAML) normalised; raises ValueParseError or LookupError."""
        return scalar_text(raw)

    def to_json(self, value: NormalisedValue) -> Any:
        """``value`` as it stands in a report (``Finding.value``)."""
        return value

    def to_text(self, value: NormalisedValue) -> str:
        """``value`` as short text for an explanation."""
        return "none" if value is None else str(value)

    def interval(self, value: NormalisedValue, approximate: Decimal) -> tuple[Decimal, Decimal] | None:
        """The interval two sources' values must share to be compatible, or None to compare keys."""
        return None

    def key(self, value: NormalisedValue, licenses: LicenseBook) -> object:
        """The form two sources' values are compared in when they have no interval."""
        return (self.name, fold_text(str(value)))

    def __repr__(self) -> str:
        return f"<kind {self.name}>"


class QuantityKind(ValueKind):
    """A count or amount with its rounding (``70B``, ``5190억``, ``>=30만``, ``1936억 원``)."""

    name: Kind = "quantity"

    def parse(self, raw: Any, names: Names) -> NormalisedValue:
        return parse_quantity(raw)

    def to_json(self, value: NormalisedValue) -> Any:
        assert isinstance(value, Quantity)
        return value.as_json()

    def to_text(self, value: NormalisedValue) -> str:
        assert isinstance(value, Quantity)
        return format_quantity(value)

    def interval(self, value: NormalisedValue, approximate: Decimal) -> tuple[Decimal, Decimal] | None:
        """The comparator's interval, widened by half the approximate bound (a ``~`` figure by all of it)."""
        if not isinstance(value, Quantity):
            return None
        lo, hi = value.bounds()
        low, high = (-_INF if lo is None else lo), (_INF if hi is None else hi)
        size = abs(value.number)
        if value.comparator == "~":
            low, high = low - approximate * size, high + approximate * size
        return low - approximate * size / 2, high + approximate * size / 2

    def key(self, value: NormalisedValue, licenses: LicenseBook) -> object:
        assert isinstance(value, Quantity)
        return ("quantity", value.number, value.comparator, value.currency)


class DateKind(ValueKind):
    """A date as the interval it names (``2025``, ``2025-08``, ``2026-H1``, ``2026-06-21/2026-07-10``)."""

    name: Kind = "date"

    def parse(self, raw: Any, names: Names) -> NormalisedValue:
        return parse_date(raw)

    def to_json(self, value: NormalisedValue) -> Any:
        assert isinstance(value, DateInterval)
        return value.iso()

    def to_text(self, value: NormalisedValue) -> str:
        assert isinstance(value, DateInterval)
        return format_date(value)

    def interval(self, value: NormalisedValue, approximate: Decimal) -> tuple[Decimal, Decimal] | None:
        if not isinstance(value, DateInterval):
            return None
        return Decimal(value.start.toordinal()), Decimal(value.end.toordinal())

    def key(self, value: NormalisedValue, licenses: LicenseBook) -> object:
        assert isinstance(value, DateInterval)
        return ("date", value.start, value.end)


class BoolKind(ValueKind):
    """``true`` / ``false``."""

    name: Kind = "bool"

    def parse(self, raw: Any, names: Names) -> NormalisedValue:
        return parse_bool(raw)

    def to_text(self, value: NormalisedValue) -> str:
        return "true" if value else "false"

    def key(self, value: NormalisedValue, licenses: LicenseBook) -> object:
        return ("bool", value)


class EntityKind(ValueKind):
    """A registry entity (id or alias)."""

    name: Kind = "entity"

    def parse(self, raw: Any, names: Names) -> NormalisedValue:
        return names.entity(scalar_text(raw))

    def to_json(self, value: NormalisedValue) -> Any:
        assert isinstance(value, Subject)
        return value.id

    def to_text(self, value: NormalisedValue) -> str:
        assert isinstance(value, Subject)
        return value.name

    def key(self, value: NormalisedValue, licenses: LicenseBook) -> object:
        assert isinstance(value, Subject)
        return ("subject", value.id)


class RepoKind(EntityKind):
    """A Hub repo (``owner/name``, ``hf:owner/name`` or an entity with a repo), or ``none``."""

    name: Kind = "repo"

    def parse(self, raw: Any, names: Names) -> NormalisedValue:
        text = scalar_text(raw)
        if text.casefold() == "none":
            return None
        if "/" in text and not text.startswith("hf:"):
            check_repo_id(text)
            text = f"hf:{text}"
        return names.entity(text)

    def to_json(self, value: NormalisedValue) -> Any:
        return None if value is None else super().to_json(value)

    def to_text(self, value: NormalisedValue) -> str:
        return "none" if value is None else super().to_text(value)

    def key(self, value: NormalisedValue, licenses: LicenseBook) -> object:
        return ("subject", None) if value is None else super().key(value, licenses)


class LicenseKind(ValueKind):
    """A licence: an SPDX id, or an id, alias or family from ``licenses.yaml``."""

    name: Kind = "license"

    def parse(self, raw: Any, names: Names) -> NormalisedValue:
        text = scalar_text(raw)
        if not names.known_license(text):
            raise LookupError(f"unknown licence {text!r}: not an SPDX id and not in licenses.yaml")
        return text

    def key(self, value: NormalisedValue, licenses: LicenseBook) -> object:
        known = licenses.resolve(str(value))
        return ("text", fold_text(known.id if known is not None else str(value)))


class RelationKind(ValueKind):
    """``{object: <entity>, smaller_by|larger_by|fraction_of: 5%}``."""

    name: Kind = "relation"

    def parse(self, raw: Any, names: Names) -> NormalisedValue:
        if not isinstance(raw, dict):
            raise ValueParseError(f"expected a mapping like {{object: <entity>, smaller_by: 5%}}, got {raw!r}")
        unknown = set(raw) - {"object", *RELATION_MODES}
        modes = [m for m in RELATION_MODES if m in raw]
        if unknown or "object" not in raw or len(modes) != 1:
            raise ValueParseError("expected 'object' and exactly one of smaller_by, larger_by, fraction_of"
                                  + (f"; unknown key(s) {sorted(unknown)}" if unknown else ""))
        amount, step = parse_percent_with_step(raw[modes[0]])
        if not Decimal(0) < amount < Decimal(100):
            raise ValueParseError(f"{modes[0]} must be a positive percentage, got {raw[modes[0]]!r}")
        return Relation(object=names.entity(scalar_text(raw["object"])), mode=modes[0], amount=amount, step=step)

    def to_json(self, value: NormalisedValue) -> Any:
        assert isinstance(value, Relation)
        # ``text`` as quantities carry it: a report shows a structured value by its text.
        return {"object": value.object.id, "mode": value.mode, "amount": float(value.amount),
                "text": f"{written_percent(value)} {RELATION_WORDS[value.mode]} {value.object.id}"}

    def to_text(self, value: NormalisedValue) -> str:
        assert isinstance(value, Relation)
        return f"{written_percent(value)} {RELATION_WORDS[value.mode]} {value.object.name}"

    def key(self, value: NormalisedValue, licenses: LicenseBook) -> object:
        assert isinstance(value, Relation)
        return ("relation", value.object.id, value.mode, value.amount)


#: Every kind a claim (``kind:``) or ``properties.yaml`` may name; exhaustive over ``Kind``.
KINDS: dict[Kind, ValueKind] = {k.name: k for k in (
    ValueKind(), QuantityKind(), DateKind(), BoolKind(), EntityKind(), RepoKind(), LicenseKind(), RelationKind())}
