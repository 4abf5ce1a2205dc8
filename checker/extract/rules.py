"""The extraction rules of each language, read from ``tables/<lang>.yaml``: words and properties as data.

Nothing here names a model, an organisation or an outlet; the tables hold trigger words, units,
comparators and the properties they indicate. :func:`words` compiles a word list into one regex
whose words may be written with or without their inner spaces.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

import yaml

Language = Literal["ko", "en"]

__all__ = ["Language", "QuantityRule", "StatementRule", "Tables", "tables", "words"]


_DASH = "[-\u2010\u2011\u2013]"  # "Apache‑2.0" is written with a non-breaking hyphen too


def words(items: list[str], *, edges: bool = True) -> re.Pattern[str]:
    """One pattern for a word list: longest first, inner spaces optional, Latin words on word edges."""
    parts = []
    for w in sorted(set(items), key=len, reverse=True):
        if not w:
            continue
        body = r"\s?".join(re.escape(p) for p in w.split(" ")) if not w.startswith("(") else w
        body = body.replace(r"\-", _DASH)
        if edges and w[0].isascii() and w[0].isalnum():
            body = r"(?<![A-Za-z0-9])" + body
        if edges and w[-1].isascii() and w[-1].isalnum():
            body += r"(?![A-Za-z0-9])"
        parts.append(body)
    return re.compile("|".join(parts) if parts else r"(?!x)x", re.I)


@dataclass(frozen=True)
class QuantityRule:
    """A figure is ``property`` when its clause has a ``near`` word (and every ``require`` one)."""

    property: str
    near: re.Pattern[str] | None
    after: re.Pattern[str] | None
    counters: tuple[str, ...] | None
    require: re.Pattern[str] | None
    scale: bool = False        # a model size: a Latin scale or a large Korean unit
    latin: bool = False        # a model size written with a Latin scale ("2.6B")
    currency: bool = False     # money only
    percent: bool = False      # a percentage only
    plan: bool = False         # only in a clause that states a plan
    not_after: re.Pattern[str] | None = None   # a unit after the figure that belongs to another rule
    subject: str | None = None                 # the kind of entity it is about (default: by property)


@dataclass(frozen=True)
class StatementRule:
    """A phrase that states ``property: value`` about the model of its clause."""

    property: str
    value: bool | str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Tables:
    """One language's rules."""

    boilerplate: re.Pattern[str]
    stop_after: re.Pattern[str]
    sentence_end: re.Pattern[str]
    final_stop: re.Pattern[str]
    clause_break: re.Pattern[str]
    quantity: tuple[QuantityRule, ...]
    parameter_scale: tuple[str, ...]
    not_a_size_after: re.Pattern[str]
    before_comparators: dict[str, str]
    after_comparators: dict[str, str]
    before_cmp: re.Pattern[str]
    after_cmp: re.Pattern[str]
    generic: re.Pattern[str]
    budget_items: dict[str, str]
    statements: tuple[StatementRule, ...]
    negation: re.Pattern[str]
    relations: dict[str, dict[str, re.Pattern[str]]]
    licenses: dict[str, str | None]
    license_names: re.Pattern[str]
    license_words: re.Pattern[str]
    date_skip: re.Pattern[str]
    date_release: re.Pattern[str]
    date_founded: re.Pattern[str]
    date_events: dict[str, str]
    date_events_re: re.Pattern[str]
    date_plan: re.Pattern[str]
    date_reported: re.Pattern[str]
    compared_after: re.Pattern[str]
    compared_before: re.Pattern[str]
    event_prefixes: dict[str, str]
    relation_modes: dict[str, re.Pattern[str]]
    relation_half: re.Pattern[str]


def _load(lang: str) -> dict[str, Any]:
    text = resources.files("checker.extract").joinpath(f"tables/{lang}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def _rx(items: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{i})" for i in items), re.I)


@functools.cache
def tables(lang: Language) -> Tables:
    """The rules of ``lang`` (Korean tables also know the English licence names)."""
    d = _load(lang)
    licenses: dict[str, str | None] = dict(_load("en").get("licenses", {})) if lang != "en" else {}
    licenses.update(d.get("licenses", {}))
    cmp = d.get("comparators", {})
    rules = []
    for r in d["quantity"]:
        counters = r.get("counters")
        rules.append(QuantityRule(
            property=r["property"],
            near=words(r["near"]) if r.get("near") else None,
            after=words(r["after"], edges=False) if r.get("after") else None,
            counters=tuple(counters) if counters is not None else None,
            require=words(r["require"]) if r.get("require") else None,
            scale=bool(r.get("scale")), latin=bool(r.get("latin")), currency=bool(r.get("currency")),
            percent=bool(r.get("percent")),
            plan=bool(r.get("plan")),
            not_after=words(r["not_after"], edges=False) if r.get("not_after") else None,
            subject=r.get("subject")))
    dates = d["dates"]
    relations = {prop: {side: words(ws, edges=False) for side, ws in spec.items() if ws}
                 for prop, spec in d.get("relations", {}).items()}
    return Tables(
        boilerplate=_rx(d["boilerplate"]), stop_after=re.compile(d["stop_after"], re.I),
        sentence_end=re.compile(d["sentence_end"]), final_stop=re.compile(d["final_stop"]),
        clause_break=re.compile(d["clause_break"]),
        quantity=tuple(rules), parameter_scale=tuple(d["parameter_scale"]),
        not_a_size_after=_rx(d["not_a_size_after"]),
        before_comparators={k.casefold(): v for k, v in cmp.get("before", {}).items()},
        after_comparators={k.casefold(): v for k, v in cmp.get("after", {}).items()},
        before_cmp=words(list(cmp.get("before", {}))), after_cmp=words(list(cmp.get("after", {})), edges=False),
        generic=words(d.get("generic", [])), budget_items=dict(d.get("budget_items", {})),
        statements=tuple(StatementRule(s["property"], s["value"], words(s["words"])) for s in d["statements"]),
        negation=words(d.get("negation", []), edges=False), relations=relations,
        licenses=licenses, license_names=words(list(licenses)),
        license_words=words(d.get("license_words", []) + _load("en").get("license_words", [])),
        date_skip=words(dates.get("skip", [])), date_release=words(dates["release"], edges=lang == "en"),
        date_founded=words(dates["founded"], edges=lang == "en"), date_events=dict(dates.get("events", {})),
        date_events_re=words(list(dates.get("events", {})), edges=lang == "en"),
        date_plan=words(dates.get("plan", []), edges=lang == "en"),
        date_reported=words(dates.get("reported", []), edges=lang == "en"),
        compared_after=re.compile(r"\s?(?:" + "|".join(map(re.escape, d.get("compared", {}).get("after_name", []))) + ")")
        if d.get("compared", {}).get("after_name") else re.compile(r"(?!x)x"),
        compared_before=re.compile("(?:" + "|".join(map(re.escape, d.get("compared", {}).get("before_name", [])))
                                   + r")\s?$", re.I) if d.get("compared", {}).get("before_name") else re.compile(r"(?!x)x"),
        event_prefixes=dict(dates.get("event_prefixes", {})),
        relation_modes={mode: re.compile("(?:" + "|".join(map(re.escape, ws)) + ")", re.I)
                        for mode, ws in d.get("size_relations", {}).get("modes", {}).items()},
        relation_half=words(d.get("size_relations", {}).get("half", []), edges=False),
    )
