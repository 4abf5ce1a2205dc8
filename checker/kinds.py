"""Value kinds: how a claim value of each kind is parsed, written as JSON and as text, and compared across sources.

One class per kind, so the loader, the engine and the reports ask the kind instead of switching on it. A kind
that compares by interval (quantities, dates) returns one from :meth:`ValueKind.interval`; every other kind
compares by :meth:`ValueKind.key` (values are compatible when their keys are equal).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Any, Protocol, assert_never

from checker.errors import ValueParseError
from checker.licenses import LicenseBook
from checker.registry.models import Kind, check_repo_id
from checker.registry.types import (
    BoolValue,
    ClaimValue,
    DateValue,
    EntityValue,
    LicenseValue,
    QuantityValue,
    Relation,
    RelationValue,
    RepoValue,
    Subject,
    TextValue,
)
from checker.values import (
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
    """The base kind: free text, compared case- and punctuation-insensitively.

    A subclass only parses; writing and comparing read the value's own tag (``match`` over
    :data:`ClaimValue`, exhaustive), so a value cannot be read as another kind."""

    name: Kind = "text"

    def parse(self, raw: Any, names: Names) -> ClaimValue:
        """The claim value ``raw`` (as written in YAML) normalised; raises ValueParseError or LookupError."""
        return TextValue(scalar_text(raw))

    def to_json(self, value: ClaimValue) -> Any:
        """``value`` as it stands in a report (``Finding.value``)."""
        match value:
            case QuantityValue(quantity=q):
                return q.as_json()
            case DateValue(interval=iv):
                return iv.iso()
            case BoolValue(flag=flag):
                return flag
            case TextValue(text=text):
                return text
            case LicenseValue(license=lic):
                return lic
            case EntityValue(subject=subject):
                return subject.id
            case RepoValue(subject=subject):
                return None if subject is None else subject.id
            case RelationValue(relation=rel):
                # ``text`` as quantities carry it: a report shows a structured value by its text.
                return {"object": rel.object.id, "mode": rel.mode, "amount": float(rel.amount),
                        "text": f"{written_percent(rel)} {RELATION_WORDS[rel.mode]} {rel.object.id}"}
            case _:
                assert_never(value)

    def to_text(self, value: ClaimValue) -> str:
        """``value`` as short text for an explanation."""
        match value:
            case QuantityValue(quantity=q):
                return format_quantity(q)
            case DateValue(interval=iv):
                return format_date(iv)
            case BoolValue(flag=flag):
                return "true" if flag else "false"
            case TextValue(text=text):
                return text
            case LicenseValue(license=lic):
                return lic
            case EntityValue(subject=subject):
                return subject.name
            case RepoValue(subject=subject):
                return "none" if subject is None else subject.name
            case RelationValue(relation=rel):
                return f"{written_percent(rel)} {RELATION_WORDS[rel.mode]} {rel.object.name}"
            case _:
                assert_never(value)

    def interval(self, value: ClaimValue, approximate: Decimal) -> tuple[Decimal, Decimal] | None:
        """The interval two sources' values must share to be compatible, or None to compare keys.

        A quantity's is its comparator's interval, widened by half the approximate bound (a ``~`` figure by
        all of it); a date's is its days."""
        match value:
            case QuantityValue(quantity=q):
                lo, hi = q.bounds()
                low, high = (-_INF if lo is None else lo), (_INF if hi is None else hi)
                size = abs(q.number)
                if q.comparator == "~":
                    low, high = low - approximate * size, high + approximate * size
                return low - approximate * size / 2, high + approximate * size / 2
            case DateValue(interval=iv):
                return Decimal(iv.start.toordinal()), Decimal(iv.end.toordinal())
            case _:
                return None

    def key(self, value: ClaimValue, licenses: LicenseBook) -> object:
        """The form two sources' values are compared in when they have no interval."""
        match value:
            case QuantityValue(quantity=q):
                return ("quantity", q.number, q.comparator, q.currency)
            case DateValue(interval=iv):
                return ("date", iv.start, iv.end)
            case BoolValue(flag=flag):
                return ("bool", flag)
            case TextValue(text=text):
                return ("text", fold_text(text))
            case LicenseValue(license=lic):
                known = licenses.resolve(lic)
                return ("text", fold_text(known.id if known is not None else lic))
            case EntityValue(subject=subject):
                return ("subject", subject.id)
            case RepoValue(subject=subject):
                return ("subject", None if subject is None else subject.id)
            case RelationValue(relation=rel):
                return ("relation", rel.object.id, rel.mode, rel.amount)
            case _:
                assert_never(value)

    def __repr__(self) -> str:
        return f"<kind {self.name}>"


class QuantityKind(ValueKind):
    """A count or amount with its rounding (``70B``, ``5190억``, ``>=30만``, ``1936억 원``)."""

    name: Kind = "quantity"

    def parse(self, raw: Any, names: Names) -> ClaimValue:
        return QuantityValue(parse_quantity(raw))


class DateKind(ValueKind):
    """A date as the interval it names (``2025``, ``2025-08``, ``2026-H1``, ``2026-06-21/2026-07-10``)."""

    name: Kind = "date"

    def parse(self, raw: Any, names: Names) -> ClaimValue:
        return DateValue(parse_date(raw))


class BoolKind(ValueKind):
    """``true`` / ``false``."""

    name: Kind = "bool"

    def parse(self, raw: Any, names: Names) -> ClaimValue:
        return BoolValue(parse_bool(raw))


class EntityKind(ValueKind):
    """A registry entity (id or alias)."""

    name: Kind = "entity"

    def parse(self, raw: Any, names: Names) -> ClaimValue:
        return EntityValue(names.entity(scalar_text(raw)))


class RepoKind(ValueKind):
    """A Hub repo (``owner/name``, ``hf:owner/name`` or an entity with a repo), or ``none``."""

    name: Kind = "repo"

    def parse(self, raw: Any, names: Names) -> ClaimValue:
        text = scalar_text(raw)
        if text.casefold() == "none":
            return RepoValue(None)
        if "/" in text and not text.startswith("hf:"):
            check_repo_id(text)
            text = f"hf:{text}"
        return RepoValue(names.entity(text))


class LicenseKind(ValueKind):
    """A licence: an SPDX id, or an id, alias or family from ``licenses.yaml``."""

    name: Kind = "license"

    def parse(self, raw: Any, names: Names) -> ClaimValue:
        text = scalar_text(raw)
        if not names.known_license(text):
            raise LookupError(f"unknown licence {text!r}: not an SPDX id and not in licenses.yaml")
        return LicenseValue(text)


class RelationKind(ValueKind):
    """``{object: <entity>, smaller_by|larger_by|fraction_of: 5%}``."""

    name: Kind = "relation"

    def parse(self, raw: Any, names: Names) -> ClaimValue:
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
        return RelationValue(Relation(object=names.entity(scalar_text(raw["object"])), mode=modes[0], amount=amount,
                                      step=step))


#: Every kind a claim (``kind:``) or ``properties.yaml`` may name; exhaustive over ``Kind``.
KINDS: dict[Kind, ValueKind] = {k.name: k for k in (
    ValueKind(), QuantityKind(), DateKind(), BoolKind(), EntityKind(), RepoKind(), LicenseKind(), RelationKind())}
