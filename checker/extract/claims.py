"""Candidate claims in an article's text: mention finders plus the language's rule tables.

Pure: text + published date + optional :class:`EntityIndex` -> list of :class:`Proposal`.

1. :mod:`checker.extract.text` drops the header and boilerplate and splits sentences;
2. each sentence is cut into clauses (commas, dashes, and for Korean the connective endings
   kiwipiepy tags);
3. mention finders: registry names (:class:`_Names`), figures (any span :func:`parse_quantity` reads:
   ``320억개``, ``6천500여 건``, ``236 billion``, ``$5.6 million``), dates (:mod:`checker.extract.dates`);
4. rules from ``tables/<lang>.yaml`` turn them into candidates: a figure takes the property of the
   nearest trigger word in its clause; phrases state open source, licences, developers, base models;
   a date takes the verb after it (release, founding, an event);
5. the subject is the nearest registry name of a fitting kind in the clause, else in the sentence,
   else the previous sentences' subject; unresolved, it is ``TODO: <the name as written>``.

Every quote is a verbatim clause of the normalised text, so the quote checker finds it again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from checker.errors import ValueParseError
from checker.extract import morph
from checker.extract.dates import DateMention, as_past, find_dates, find_dates_en
from checker.extract.rules import Language, QuantityRule, Tables, tables
from checker.extract.text import Sentence, read_header, sentences
from checker.registry.entities import EntityIndex
from checker.registry.quotes import normalise
from checker.values import Quantity, parse_quantity
from checker.values.common import _NUM

__all__ = ["Proposal", "propose", "split_date_line", "TODO", "language_of"]

TODO = "TODO"
_MAX_QUOTE = 300
_NEAR = 45               # how far (characters) a trigger word may be from its figure
_HANGUL = re.compile(r"[\uac00-\ud7a3]")

MODEL_KINDS = ("model",)
ORG_KINDS = ("organisation",)
PROGRAMME_KINDS = ("programme", "event")
_KINDS = {"model": MODEL_KINDS, "organisation": ORG_KINDS, "programme": PROGRAMME_KINDS}


def _subject_kinds(prop: str, declared: str | None = None) -> tuple[str, ...]:
    """The entity kinds a property is about, nearest first (a rule may declare one)."""
    if declared is not None:
        return _KINDS[declared]
    if prop == "founded":
        return ORG_KINDS + ("team",)
    if prop.split(".")[0] in ("event", "budget", "count", "plan", "result") or prop == "gpu.per-team":
        return PROGRAMME_KINDS
    if prop.startswith("gpu."):
        return MODEL_KINDS + PROGRAMME_KINDS
    return MODEL_KINDS


@dataclass(frozen=True)
class Proposal:
    """One proposed claim, in the shape of a :class:`checker.registry.models.ClaimEntry`."""

    id: str
    subject: str
    property: str
    value: str | int | bool | dict[str, str]
    quote: str
    note: str | None = None

    def entry(self) -> dict[str, object]:
        """The claim as a mapping with ClaimEntry's keys (no ``expect``: that is the curator's)."""
        out: dict[str, object] = {"id": self.id, "subject": self.subject, "property": self.property,
                                  "value": self.value, "quote": self.quote}
        if self.note:
            out["note"] = self.note
        return out


@dataclass
class _Candidate:
    property: str
    value: str | int | bool | dict[str, str]
    span: tuple[int, int]               # what the quote must cover, in the sentence
    kinds: tuple[str, ...]
    notes: list[str] = field(default_factory=list)
    subject: str | None = None          # set when the rule itself names it
    key: str = ""                       # what makes two candidates the same claim
    named_only: bool = False            # only about a model named in its own clause
    value_span: tuple[int, int] | None = None   # a registry name used as the value (a base model)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    entity: str
    kind: str


def language_of(text: str) -> Language:
    """``ko`` when Hangul is most of the text's letters, else ``en``."""
    letters = sum(1 for ch in text if ch.isalpha())
    return "ko" if letters and len(_HANGUL.findall(text)) * 2 > letters else "en"


def split_date_line(text: str) -> tuple[date | None, str]:
    """The article's header date (either header form) and the text after the header."""
    header, body = read_header(text)
    return header.published, body


# -------------------------------------------------------------------------------------------------
# names

_SEP_CHARS = r"[\s\-\u2010\u2011\u2013]"
_SEP = _SEP_CHARS + "?"


class _Names:
    """Registry names found in a sentence (longest name first at each position)."""

    def __init__(self, index: EntityIndex | None):
        self.kinds: dict[str, str] = {}
        self.display: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        self.regex: re.Pattern[str] | None = None
        if index is None or not index.entities:
            return
        names: dict[str, str] = {}
        for ent in index.entities.values():
            self.kinds[ent.id] = ent.kind
            self.display[ent.id] = ent.names[0]
            for name in [*ent.names, *ent.hub_orgs, *([ent.hub_repo.split("/")[1]] if ent.hub_repo else [])]:
                name = normalise(name)
                if len(name) >= 2:
                    names.setdefault(name.casefold(), ent.id)
        self.by_name = names
        parts = []
        for name in sorted(names, key=len, reverse=True):
            # A spaced alias matches with or without its spaces, and "-" or a space between parts.
            body = _SEP.join(re.escape(w) for w in re.split(_SEP_CHARS, name))
            tail = r"(?![A-Za-z0-9])" if name[-1].isascii() and name[-1].isalnum() else ""
            parts.append(body + tail)
        self.regex = re.compile(r"(?<![0-9A-Za-z])(?:" + "|".join(parts) + ")", re.I)
        self._squash = {re.sub(_SEP_CHARS, "", n): e for n, e in names.items()}

    def find(self, sentence: str) -> list[_Mention]:
        if self.regex is None:
            return []
        out = []
        for m in self.regex.finditer(sentence):
            ent = self.by_name.get(m.group().casefold()) or self._squash.get(re.sub(_SEP_CHARS, "", m.group().casefold()))
            if ent is not None:
                out.append(_Mention(m.start(), m.end(), ent, self.kinds[ent]))
        return out


# -------------------------------------------------------------------------------------------------
# clauses

def _clauses(s: str, lang: Language, table: Tables) -> list[tuple[int, int]]:
    """Clause spans of a sentence; commas inside parentheses do not end one."""
    cuts: set[int] = set()
    depth = 0
    for i, ch in enumerate(s):
        if ch in "(（[":
            depth += 1
        elif ch in ")）]":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0 and s[i + 1:i + 2] == " ":
            cuts.add(i + 1)
    cuts.update(m.end() for m in table.clause_break.finditer(s))
    if lang == "ko":
        cuts.update(morph.clause_breaks(s))
    bounds = [0, *sorted(c for c in cuts if 0 < c < len(s)), len(s)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next((c for c in clauses if c[0] <= pos < c[1]), clauses[-1])


# -------------------------------------------------------------------------------------------------
# figures

_SCALE_WORD = r"(?:thousand|million|billion|trillion|bn|mn|[KMBT])"
_FIGURE = re.compile(
    rf"(?<![0-9A-Za-z.,\-_/])(?P<pre>US\$|\$|₩|€|£)?(?P<num>(?:{_NUM}|[천백십])(?:\s?(?:[천백십조억만]|{_NUM}))*)"
    rf"(?P<scale>(?:\s|-|\u2011)?{_SCALE_WORD}(?![A-Za-z]))?(?P<pct>\s?%)?(?P<cur>\s?(?:원|달러)(?!장|래|리|칙|료|형|숭이|인|화|천|본|자|소|격))?"
)


@dataclass(frozen=True)
class _Figure:
    start: int
    end: int
    text: str          # as written, a valid quantity ("320억", "236 billion", "$5.6 million")
    quantity: Quantity
    percent: bool
    latin_scale: str | None


def _figures(s: str) -> list[_Figure]:
    out = []
    for m in _FIGURE.finditer(s):
        if not re.search(r"[0-9]", m["num"]):
            continue
        scale = m["scale"].strip(" -\u2011") if m["scale"] else None
        text = (m["pre"] or "") + m["num"].rstrip() + (" " + scale if scale else "") + (m["cur"] or "")
        end = m.end("cur") if m["cur"] else m.end("scale") if m["scale"] else m.end("num")
        q = None
        # Shrink to what the quantity grammar reads: "37만2000" whole, "6천500여" without its suffix.
        while text:
            try:
                q = parse_quantity(text)
                break
            except ValueParseError:
                cut = max(text.rfind(" "), 0)
                if cut <= 0:
                    break
                end -= len(text) - cut
                text = text[:cut]
        if q is None:
            continue
        end = end if not m["pct"] else m.end()
        raw = s[m.start():end]
        try:  # the value as written when the grammar reads it so ("40B"), else its reading ("314 billion")
            text = raw if parse_quantity(raw) == q else text
        except ValueParseError:
            pass
        out.append(_Figure(m.start(), end, text, q, bool(m["pct"]), scale))
    return out


def _big(f: _Figure, table: Tables) -> bool:
    """Whether a figure is written as a model size: a Latin scale or a large Korean unit."""
    if f.latin_scale:
        return any(f.latin_scale.casefold() == s.casefold() for s in table.parameter_scale)
    return bool(re.search(r"[억조]", f.text))


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _nearest(pattern: re.Pattern[str], s: str, clause: tuple[int, int], fig: tuple[int, int],
             limit: int = _NEAR) -> int | None:
    best = None
    for m in pattern.finditer(s, clause[0], clause[1]):
        g = _gap(fig, m.span())
        if g <= limit and (best is None or g < best):
            best = g
    return best


# A counter after a figure; "개" only when no noun follows it ("5개 정예팀" counts teams, not GPUs).
_COUNTER = re.compile(r"\s?(개\s?(?:정예\s?)?팀|개(?!\s?[가-힣]{2})|건|회|번|장|명|곳|종|대|팀)"
                      r"(?!(?!이다|이며|이고|으로|에서|이라|이었|씩)[가-힣]{2})")


def _comparator(s: str, f: _Figure, table: Tables) -> str:
    before = s[max(0, f.start - 40):f.start].rstrip()
    for m in table.before_cmp.finditer(before):
        if m.end() == len(before):
            return table.before_comparators.get(m.group().casefold(), "=")
    after = s[f.end:f.end + 14]
    c = re.match(r"\s?(?:개|건|회|번|장|명|곳|종|대|팀)", after)
    rest = after[c.end():] if c else after
    rest = re.sub(r"^(?:을|를|이|가|은|는|에|의|로|으로)(?=\s)", "", rest).lstrip(" ")
    tail = table.after_cmp.match(rest)
    if tail and tail.group():
        return table.after_comparators.get(tail.group().casefold(), "=")
    return "="


def _with_comparator(text: str, cmp: str) -> str:
    return text if cmp == "=" else f"{cmp}{text}"


# The MoE size notation "236B-A23B": total parameters, then the active ones after "A".
_MOE = re.compile(r"(?<![0-9A-Za-z.\-])(?P<total>[0-9]+(?:\.[0-9]+)?[BT])-A(?P<active>[0-9]+(?:\.[0-9]+)?[BT])"
                  r"(?![A-Za-z0-9])")


def _quantities(s: str, clauses: list[tuple[int, int]], table: Tables, blocked: list[tuple[int, int]],
                plan: bool) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in _MOE.finditer(s):
        if any(_gap(m.span(), b) == 0 for b in blocked):
            continue  # inside a model's name: no claim
        blocked = [*blocked, m.span()]
        for group, prop in (("total", "parameters.total"), ("active", "parameters.active")):
            value = m[group]
            out.append(_Candidate(prop, value, m.span(group), MODEL_KINDS, key=str(parse_quantity(value).number)))
    for f in _figures(s):
        if any(_gap((f.start, f.end), b) == 0 for b in blocked):
            continue
        clause = _clause_of(clauses, f.start)
        if table.generic.search(s, max(clause[0], f.start - 8), min(clause[1], f.end + 8)):
            continue
        after = s[f.end:]
        counter_m = _COUNTER.match(after)
        counter = re.sub(r"\s|정예", "", counter_m[1]) if counter_m else ""
        counter = "개 팀" if counter == "개팀" else counter
        best: tuple[int, int, QuantityRule] | None = None
        for order, rule in enumerate(table.quantity):
            if rule.scale and not _big(f, table):
                continue
            if rule.latin and not (f.latin_scale and _big(f, table)):
                continue
            if rule.currency != (f.quantity.currency is not None) or rule.percent != f.percent:
                continue
            if rule.plan and not plan:
                continue
            if rule.counters is not None and counter not in rule.counters:
                continue
            if rule.after is not None:
                tail = after[counter_m.end():] if counter_m and rule.counters else after
                am = rule.after.match(tail.lstrip(" "))
                if not am or not am.group():
                    continue
            if rule.require is not None and not rule.require.search(s):
                continue
            if rule.not_after is not None and rule.not_after.match(after[counter_m.end() if counter_m else 0:].lstrip(" ")):
                continue
            dist = 0
            if rule.near is not None:
                d = _nearest(rule.near, s, clause, (f.start, f.end))
                if d is None:
                    d = _nearest(rule.near, s, (0, len(s)), (f.start, f.end), 200 if rule.after else _NEAR)
                    d = None if d is None else d + _NEAR
                if d is None:
                    continue
                dist = d
            if best is None or (dist, order) < (best[0], best[1]):
                best = (dist, order, rule)
        if best is None:
            continue
        rule = best[2]
        if rule.property.startswith("parameters.") and (table.not_a_size_after.match(after.lstrip(" "))
                                                        or re.search(r"[0-9A-Za-z]\s?[~∼\-–]\s?$", s[:f.start])):
            continue  # "12B급", "200B~300B": a class or a range of sizes, not one model's
        prop = rule.property
        notes: list[str] = []
        if prop == "budget":
            prop = f"budget.{_budget_item(s, clause, f, table)}"
        value = _with_comparator(f.text, _comparator(s, f, table))
        out.append(_Candidate(prop, value, (f.start, f.end), _subject_kinds(prop, rule.subject), notes,
                              key=f"{f.quantity.number}"))
    return out


def _budget_item(s: str, clause: tuple[int, int], f: _Figure, table: Tables) -> str:
    """The item a sum is for: the nearest item word before it in the clause, else the nearest after it."""
    best: tuple[bool, int, str] | None = None
    for word, slug in table.budget_items.items():
        for m in re.finditer(re.escape(word), s[clause[0]:clause[1]]):
            start = clause[0] + m.start()
            g = _gap((f.start, f.end), (start, clause[0] + m.end()))
            rank = (start > f.start, g, slug)
            if g <= _NEAR and (best is None or rank < best):
                best = rank
    return best[2] if best else "total"


# -------------------------------------------------------------------------------------------------
# statements: open source, licences, developers, base models

def _negated(s: str, m: re.Match[str], lang: Language, table: Tables) -> bool:
    if lang == "ko":
        return morph.negated_after(s, m.end())
    return bool(table.negation.search(s, max(0, m.start() - 12), m.start()))


def _statements(s: str, lang: Language, table: Tables, mentions: list[_Mention]) -> list[_Candidate]:
    out: list[_Candidate] = []
    used: list[tuple[str, tuple[int, int]]] = []
    # A trigger inside quotation marks is a title or a slogan ("'… 오픈소스 모델'을 주제로"), not a claim.
    quoted = [q.span() for q in _ANY_QUOTE.finditer(s)]
    for rule in table.statements:
        for m in rule.pattern.finditer(s):
            if any(p == rule.property and _gap(m.span(), u) == 0 for p, u in used):
                continue
            if any(a < m.start() and m.end() < b and (b - a) - (m.end() - m.start()) > 8 for a, b in quoted):
                continue
            used.append((rule.property, m.span()))
            value: str | bool = rule.value
            if isinstance(value, bool) and _negated(s, m, lang, table):
                value = not value
            if value == "named":
                value = _encoder_name(s, m, mentions) or "present"
            out.append(_Candidate(rule.property, value, m.span(), MODEL_KINDS, key=str(value)))
    for m in table.license_names.finditer(s):
        if not table.license_words.search(s, max(0, m.start() - 30), m.end() + 30):
            continue
        written = re.sub(_SEP_CHARS, "-", m.group()).casefold()
        lic = next((v for k, v in table.licenses.items() if re.sub(_SEP_CHARS, "-", k).casefold() == written), None)
        notes = [] if lic else ["the licence has no SPDX id: add it to licenses.yaml, then write its id"]
        value = lic or f"{TODO}: {m.group()}"
        out.append(_Candidate("license", value, m.span(), MODEL_KINDS, notes, key=value))
    return out


_ANY_QUOTE = re.compile(r"['‘\"“][^'’\"”]{1,80}['’\"”]")
_LATIN_NAME = re.compile(r"(?<![A-Za-z0-9가-힣])[A-Z][A-Za-z0-9.]+(?:-[A-Za-z0-9.]+)*(?![A-Za-z0-9])")


def _encoder_name(s: str, m: re.Match[str], mentions: list[_Mention]) -> str | None:
    """The name given to an encoder: a capitalised word just before it ("SigLIP-based encoder")."""
    window = s[max(0, m.start() - 40):m.start()]
    names = [n for n in _LATIN_NAME.findall(window) if n not in ("Frozen", "The", "AI")]
    return names[-1] if names else None


def _entity_value(prop: str, mention: _Mention, names: _Names) -> str:
    """A developer is written by its display name; a base model by its entity id (a repo value)."""
    return mention.entity if prop == "base_model" else names.display[mention.entity]


def _size_relations(s: str, table: Tables, mentions: list[_Mention]) -> list[_Candidate]:
    """"X보다 5% 작은", "5% smaller than X", "X에 비해 절반": ``relation.size`` with X as the object."""
    out: list[_Candidate] = []
    for m in mentions:
        if m.kind != "model":
            continue
        before = s[max(0, m.start - 40):m.start]
        paren = re.match(r"\([^)]{0,20}\)", s[m.end:])  # "A(72B)에 비해": its size between
        cmp_after = table.compared_after.match(s, m.end + (paren.end() if paren else 0))
        if cmp_after:  # Korean: the name, then 보다 / 에 비해, then the amount
            rest = s[cmp_after.end():cmp_after.end() + 25]
            amount = re.match(r"\s?(?:약\s?)?([0-9]+(?:\.[0-9]+)?)\s?%\s?(?:더\s?)?(\S+)", rest)
            half = table.relation_half.match(rest.lstrip())
            if amount and (mode := _relation_mode(amount[2], table)):
                value = {"object": m.entity, mode: f"{amount[1]}%"}
            elif half:
                value = {"object": m.entity, "fraction_of": "50%"}
            else:
                continue
            span = (m.start, cmp_after.end() + (amount.end() if amount else len(rest) - len(rest.lstrip()) + half.end()
                                                 if half else 0))
        else:  # English: the amount, "smaller than", then the name
            eng = re.search(r"([0-9]+(?:\.[0-9]+)?)\s?%\s(\w+)\s(?:\w+\s)?than\s?$", before)
            if not eng or not (mode := _relation_mode(eng[2], table)):
                continue
            value = {"object": m.entity, mode: f"{eng[1]}%"}
            span = (m.start - len(before) + eng.start(), m.end)
        out.append(_Candidate("relation.size", value, span, MODEL_KINDS, key=str(sorted(value.items())),
                              named_only=True, value_span=(m.start, m.end)))
    return out


def _relation_mode(word: str, table: Tables) -> str | None:
    for mode, pattern in table.relation_modes.items():
        if pattern.match(word):
            return mode
    return None


def _relations(s: str, table: Tables, mentions: list[_Mention], names: _Names) -> list[_Candidate]:
    out: list[_Candidate] = []
    for prop, sides in table.relations.items():
        want = ORG_KINDS if prop == "developer" else MODEL_KINDS
        for side, pattern in sides.items():
            for m in pattern.finditer(s):
                value: str | None = None
                value_span: tuple[int, int] | None = None
                span = m.span()
                if side == "after_name":   # "X가 개발한", "X를 기반으로": the name ends where the phrase starts
                    near = [x for x in mentions if x.end == m.start() and (x.kind in want or prop == "base_model")]
                    if near:
                        value, span = _entity_value(prop, near[-1], names), (near[-1].start, m.end())
                        value_span = (near[-1].start, near[-1].end)
                    else:
                        w = re.search(r"([A-Za-z][A-Za-z0-9.\-]*(?: [0-9][0-9.]*[A-Za-z]?)?)$", s[:m.start()])
                        if w and prop == "base_model":
                            value, span = f"{TODO}: {w[1]}", (w.start(1), m.end())
                else:                      # "developed by X", "based on X": the name follows
                    near = [x for x in mentions if x.start - m.end() in (0, 1) and (x.kind in want or prop == "base_model")]
                    if near:
                        value, span = _entity_value(prop, near[0], names), (m.start(), near[0].end)
                        value_span = (near[0].start, near[0].end)
                    elif prop == "base_model":
                        w = re.match(r"\s?((?:[A-Z][A-Za-z0-9.\-]*)(?: [0-9][0-9.]*[A-Za-z]?)*)", s[m.end():])
                        if w:
                            value, span = f"{TODO}: {w[1]}", (m.start(), m.end() + w.end())
                if value is None:
                    continue
                subject = None
                if prop == "developer" and side == "after_name":
                    # "X가 개발한 대규모 언어모델 ‘모델 2.0’": the model named right after the phrase.
                    after = [x for x in mentions if x.kind == "model" and 0 <= x.start - m.end() <= 40]
                    q = _QUOTED.search(s, m.end(), min(len(s), m.end() + 60))
                    if after:
                        subject, span = after[0].entity, (span[0], after[0].end)
                    elif q:
                        subject, span = f"{TODO}: {q[1].strip()}", (span[0], q.end())
                    else:
                        continue  # "X가 만든 인코더": made by X, but not a model
                out.append(_Candidate(prop, value, span, MODEL_KINDS, key=value.casefold(), named_only=True,
                                      subject=subject, value_span=value_span if prop == "base_model" else None))
    return out


# -------------------------------------------------------------------------------------------------
# dates

_PAST = re.compile(r"(?:한|했|된|됐|하였|되었|돼|인|였|보였|놨|은)")


def _event_slug(s: str, m: re.Match[str], table: Tables) -> str:
    """The event's slug, with a phase or qualifier written before it ("2차 평가", "추가 선정")."""
    slug = next(v for k, v in table.date_events.items() if k.casefold() == m.group().casefold())
    before = s[max(0, m.start() - 8):m.start()]
    if n := re.search(r"(\d)\s?차\s?(?:단계\s?)?$", before):
        return f"phase{n[1]}-{slug}"
    for word, prefix in table.event_prefixes.items():
        if re.search(re.escape(word) + r"\s?(?:\S+\s)?$", before):
            return f"{prefix}-{slug}"
    return slug


def _date_window(s: str, d: DateMention, clause: tuple[int, int], nxt: int | None) -> tuple[int, int]:
    """Where the verb of a Korean date may be: up to the first predicate after it (kiwipiepy's VV/XSV).

    "2011년 국내 게임업계 최초로 꾸려진 … 설립됐다": 2011 dates 꾸려진, not 설립. A date alone in its
    clause ("2025년 4월, 회사는 … 공개했다") reaches into the next one.
    """
    hi = min([x for x in (nxt, clause[1] if s[d.end:clause[1]].strip(" ,") else None) if x is not None]
             or [len(s)])
    end = morph.first_predicate_end(s, d.end, hi)
    return d.end, end if end is not None else hi


def _dated(s: str, lang: Language, table: Tables, clauses: list[tuple[int, int]], published: date,
           plan: bool) -> tuple[list[_Candidate], list[tuple[int, int]]]:
    out: list[_Candidate] = []
    found: list[DateMention] = find_dates(s, published) if lang == "ko" else find_dates_en(s, published)
    spans = [(d.start, d.end) for d in found]
    for i, d in enumerate(found):
        clause = _clause_of(clauses, d.start)
        if table.date_skip.search(s, clause[0], clause[1]):
            continue
        if lang == "ko":
            lo, hi = _date_window(s, d, clause, found[i + 1].start if i + 1 < len(found) else None)
            if table.date_reported.search(s, lo, hi):
                # "공개했다고 15일 밝혔다": the date is when it was said; the verb said comes before it.
                lo = found[i - 1].end if i else 0
                hi = d.start
        else:
            lo, hi = 0, len(s)
        notes = [n for n in [d.note(published)] if n]
        m = table.date_founded.search(s, lo, hi) if lang == "ko" else table.date_founded.search(s, *clause)
        prop: str | None = None
        if m and not d.until:
            prop = "founded"
        else:
            m = table.date_release.search(s, lo, hi)
            if m and not d.until:
                prop = "release_date"
            else:
                m = table.date_events_re.search(s, lo, hi)
                if m is None and lang == "ko":
                    # "공모를 6월 20일부터 7월 21일까지 진행한다": the event is named before its date.
                    before = list(table.date_events_re.finditer(s, clause[0], d.start))
                    m = before[-1] if before else None
                if m:
                    prop = f"event.{_event_slug(s, m, table)}"
        if prop is None or m is None:
            continue
        if lang == "ko" and _PAST.match(s, m.end()) and not plan:
            d = as_past(d, published)
            notes = [n for n in [d.note(published)] if n]
        span = (min(d.start, m.start()), max(d.end, m.end()))
        out.append(_Candidate(prop, d.value, span, _subject_kinds(prop), notes, key=d.value))
    return out, spans


# -------------------------------------------------------------------------------------------------
# subjects

def _resolve_subject(c: _Candidate, s: str, clause: tuple[int, int], mentions: list[_Mention],
                     carried: dict[tuple[str, ...], str], lang: Language) -> tuple[str, str | None]:
    """(subject, note): the nearest fitting name in the clause, then the sentence, then carried over."""
    table = tables(lang)
    # "베타 LLM보다 빠르다", "faster than Beta LLM": the name compared with is not the subject.
    fitting = [m for m in mentions if m.kind in c.kinds and not table.compared_after.match(s, m.end)
               and not table.compared_before.search(s[max(0, m.start - 16):m.start])]
    if c.property == "developer" or c.property == "base_model":
        fitting = [m for m in fitting if not (c.span[0] <= m.start and m.end <= c.span[1])
                   or c.property == "developer" and m.kind == "model"]
    for lo, hi in (clause, (0, len(s))):
        inside = [m for m in fitting if lo <= m.start < hi]
        if inside:
            for kind in c.kinds:
                of_kind = [m for m in inside if m.kind == kind]
                if of_kind:
                    return min(of_kind, key=lambda m: (_gap(c.span, (m.start, m.end)), m.start)).entity, None
    if c.subject is not None:
        return c.subject, None
    if c.named_only:
        return (carried[c.kinds], "subject carried over from the previous sentence") if c.kinds in carried \
            else (TODO, None)
    if lang == "en" and c.kinds == MODEL_KINDS:
        # An unregistered model named before the figure in the same sentence ("the rival's Model-4, for
        # reference, is … 1.8 trillion parameters") is the subject, not the previous sentence's model.
        names = [n for n in _EN_NAME.finditer(s, 0, c.span[0]) if not _MONTH_WORDS.match(n[1])
                 and not re.match(r"\s?(?:GPUs?|chips?|accelerators?)\b", s[n.end():])]
        if names:
            name = names[-1][1].rstrip(".-")
            return f"{TODO}: {name}", f"{name!r} is not in entities.yaml: add it or name the subject"
    if c.kinds in carried:
        return carried[c.kinds], "subject carried over from the previous sentence"
    name = _written_name(s, c.span, clause, lang, tables(lang))
    others = sorted({m.entity for m in mentions if m.kind not in c.kinds})
    if name and any(name in s[m.start:m.end] or s[m.start:m.end] in name for m in mentions):
        return TODO, f"the {c.kinds[0]} is not named; the sentence names {', '.join(others)}"
    if name:
        return f"{TODO}: {name}", f"{name!r} is not in entities.yaml: add it or name the subject"
    return TODO, "subject not found: name it"


# A written name: quoted, and not a phrase the rules know ("‘모델-비전 2.0’", not "‘프롬 스크래치’").
_QUOTED = re.compile(r"['‘\"“]([^'’\"”]{2,40})['’\"”]")
_EN_NAME = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Za-z]*[\-\u2011. ]?[0-9][A-Za-z0-9.\-\u2011]*"
                      r"|[a-z]+-[a-z]+-[0-9][a-z0-9.\-]*)")
_MONTH_WORDS = re.compile(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Q[1-4]|H[12]|FY"
                          r"|(?:The|This|That|These|Those|A|An|In|On|At|By|For|With|Its|Our|Their|Up|Over|About"
                          r"|Some|All|Both|Each|Only|Just|Nearly|Around|Of|And|Or|To|From)\b)")


def _is_phrase(text: str, table: Tables) -> bool:
    """Whether quoted words are a phrase the rules know ("‘프롬 스크래치’"), not a name."""
    return any(r.pattern.search(text) for r in table.statements) or bool(table.generic.search(text))


_NAME_BEFORE_PAREN = re.compile(r"([0-9A-Za-z가-힣][0-9A-Za-z가-힣.\-]{0,30})\($")


def _written_name(s: str, span: tuple[int, int], clause: tuple[int, int], lang: Language,
                  table: Tables) -> str | None:
    # "라이트(1.2B)", "Model-V2(405B)": the name the size is written after
    paren = _NAME_BEFORE_PAREN.search(s[:span[0]])
    if paren and not re.fullmatch(r"[0-9.,]+[천백십조억만]*[KMBT]?", paren[1]):  # "700억(70B)": one figure twice
        return paren[1]
    for lo, hi in (clause, (0, len(s))):
        quoted = [q for q in _QUOTED.finditer(s, lo, hi) if not _is_phrase(q[1], table)]
        if quoted:
            return min(quoted, key=lambda q: _gap(span, q.span()))[1].strip()
        if lang == "en":
            for n in _EN_NAME.finditer(s, lo, hi):
                if not _MONTH_WORDS.match(n[1]):
                    return n[1].rstrip(".-")
    if lang == "ko":
        return morph.topic(s)
    return None


# -------------------------------------------------------------------------------------------------
# quotes and ids

def _quote(s: str, span: tuple[int, int], clause: tuple[int, int]) -> str:
    """The clause around ``span`` (widened to cover it), at most _MAX_QUOTE characters."""
    a, b = min(clause[0], span[0]), max(clause[1], span[1])
    if b - a > _MAX_QUOTE:
        a, b = max(a, span[0] - 60), min(b, span[1] + 60)
    return s[a:b].strip().rstrip(",").strip()


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", lambda m: "." if m.group() == "." else "-", ascii_text)
    return slug.strip("-.")


def _claim_id(subject: str, prop: str, taken: set[str]) -> str:
    p = _slug(prop.replace(".", "-").replace("_", "-")) or "claim"
    s = "" if subject.startswith(TODO) else _slug(subject)[:40].strip("-.")
    base = f"{s}-{p}" if s else p
    cid, n = base, 2
    while cid in taken:
        cid, n = f"{base}-{n}", n + 1
    taken.add(cid)
    return cid


# -------------------------------------------------------------------------------------------------

def _sentence_candidates(sent: Sentence, lang: Language, table: Tables, names: _Names, published: date
                         ) -> tuple[list[_Mention], list[tuple[int, int]], list[_Candidate]]:
    s = sent.text
    mentions = names.find(s)
    clauses = _clauses(s, lang, table) or [(0, len(s))]
    plan = bool(table.date_plan.search(s))
    dated, date_spans = _dated(s, lang, table, clauses, published, plan)
    blocked = [*date_spans, *[(m.start, m.end) for m in mentions]]
    cands = [*_quantities(s, clauses, table, blocked, plan), *_statements(s, lang, table, mentions),
             *_relations(s, table, mentions, names), *_size_relations(s, table, mentions), *dated]
    # A base model named in the sentence is what the subject builds on, never the subject itself.
    values = [c.value_span for c in cands if c.value_span is not None]
    mentions = [m for m in mentions if (m.start, m.end) not in values]
    return mentions, clauses, cands


_CONJUNCTION = re.compile(r"^\s?(?:,|and|및|와|과|·|/|&)\s?$|^\s?(?:와|과)\s")


def _joined_models(c: _Candidate, mentions: list[_Mention], clause: tuple[int, int], s: str) -> list[str]:
    """Models the clause names together ("A와 B를 공개", "A and B were released"): each gets the claim."""
    models = [m for m in mentions if m.kind == "model" and clause[0] <= m.start < clause[1]]
    if not models:
        models = [m for m in mentions if m.kind == "model"]
    if len(models) < 2:
        return []
    group = [models[0]]
    for a, b in zip(models, models[1:]):
        if _CONJUNCTION.match(s[a.end:b.start]) or re.fullmatch(r"(?:와|과)\s?", s[a.end:b.start]):
            group.append(b)
        elif len(group) < 2:
            group = [b]
        else:
            break
    return list(dict.fromkeys(m.entity for m in group)) if len(group) >= 2 else []


def propose(text: str, published: date, entities: EntityIndex | None = None,
            lang: Language | None = None) -> list[Proposal]:
    """Candidate claims of ``text`` (published on ``published``), in reading order, each once.

    A claim made several times is proposed at its first mention in the body: a headline or
    sub-headline that the body repeats does not win over the body sentence.
    """
    _, body = read_header(text)
    lang = lang or language_of(body)
    table = tables(lang)
    names = _Names(entities)
    whole = normalise(body)
    rows: list[tuple[int, Sentence, _Candidate, str, str, str | None]] = []
    carried: dict[tuple[str, ...], str] = {}
    for n, sent in enumerate(sentences(body, lang)):
        mentions, clauses, cands = _sentence_candidates(sent, lang, table, names, published)
        seen: set[tuple[str, str, str]] = set()
        for c in sorted(cands, key=lambda c: c.span):
            clause = _clause_of(clauses, c.span[0])
            quote = _quote(sent.text, c.span, clause)
            if not quote or quote not in whole:
                continue
            joined = _joined_models(c, mentions, clause, sent.text) if c.kinds == MODEL_KINDS and \
                not c.property.startswith("parameters.") else []
            if joined:
                subjects: list[tuple[str, str | None]] = [(e, None) for e in joined]
            else:
                subjects = [_resolve_subject(c, sent.text, clause, mentions, carried, lang)]
            for subject, note in subjects:
                if subject == TODO and (isinstance(c.value, bool) or c.named_only or sent.headline):
                    continue  # a statement about no model in particular ("프롬 스크래치부터 시작하여")
                key = (subject, c.property, c.key)
                if key in seen:
                    continue
                seen.add(key)
                notes = [x for x in [note, *c.notes] if x]
                rows.append((n, sent, c, subject, quote, "; ".join(notes) or None))
        models = [m.entity for m in mentions if m.kind == "model"]
        if models:
            carried[MODEL_KINDS] = models[-1]
        for kinds in (PROGRAMME_KINDS, ORG_KINDS + ("team",)):
            of = [m.entity for m in mentions if m.kind in kinds]
            if of:
                carried[kinds] = of[-1]
    in_body = {(r[3], r[2].property, r[2].key) for r in rows if not r[1].headline}
    out: list[Proposal] = []
    taken: set[str] = set()
    done: set[tuple[str, str, str]] = set()
    for _, sent, c, subject, quote, note in rows:
        key = (subject, c.property, c.key)
        if (sent.headline and key in in_body) or key in done:
            continue
        done.add(key)
        out.append(Proposal(_claim_id(subject, c.property, taken), subject, c.property, c.value, quote, note))
    return out
