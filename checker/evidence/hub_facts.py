"""Facts from Hub responses: the API's model JSON, ``config.json`` and the model card (pure, no I/O).

Every fact records how it was read (``hub-api``, ``config``, ``model-card``), from where, at which revision,
and, for a figure written in a card, the precision of its written digits.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from checker.evidence.facts import Fact, Method
from checker.properties import config_readers

CREATED_AT_FLOOR = dt.datetime(2022, 3, 2, 23, 29, 4, tzinfo=dt.timezone.utc)
MOE_KEYS = ("n_routed_experts", "n_shared_experts", "num_experts", "num_local_experts", "num_experts_per_tok",
            "num_shared_experts", "moe_topk", "moe_intermediate_size", "first_k_dense_replace")


# -- facts from the API ---------------------------------------------------------------------------------

_SIMPLE_API_FIELDS = (("gated", "gated"), ("private", "private"), ("disabled", "disabled"),
                      ("downloads", "downloads"), ("downloads_all_time", "downloadsAllTime"), ("likes", "likes"),
                      ("author", "author"), ("pipeline_tag", "pipeline_tag"), ("library_name", "library_name"),
                      ("tags", "tags"))


def api_facts(raw: dict[str, Any], info: Any, *, source_url: str, observed_at: dt.datetime) -> list[Fact]:
    """The ``hub-api`` facts in one model info response (``raw``, parsed as ``info``); absent fields give none."""
    facts: list[Fact] = []

    def add(prop: str, value: Any, note: str | None = None) -> None:
        facts.append(Fact(property=prop, value=value, method=Method.HUB_API, source_url=source_url,
                          revision=info.sha, observed_at=observed_at, note=note))

    add("exists", True)
    if info.safetensors is not None:
        add("parameters.total", info.safetensors.total, "safetensors.total")
        add("parameters.by_dtype", dict(info.safetensors.parameters), "safetensors.parameters")

    card = raw.get("cardData") if isinstance(raw.get("cardData"), dict) else None
    tags = [t for t in raw.get("tags") or [] if isinstance(t, str)]
    tag_licenses = [t.removeprefix("license:") for t in tags if t.startswith("license:")]
    if card is not None and card.get("license") is not None:
        add("license", card["license"], "cardData.license")
    elif tag_licenses:
        add("license", tag_licenses[0] if len(tag_licenses) == 1 else tag_licenses, "license: tag")
    for key in ("license_name", "license_link"):
        if card is not None and card.get(key) is not None:
            add(key, card[key], f"cardData.{key}")

    if card is not None:
        declared = card.get("base_model")
        models = [declared] if isinstance(declared, str) else [m for m in declared or [] if isinstance(m, str)]
        add("base_model", models, "cardData.base_model" if models else "the card's metadata declares no base_model")
        if card.get("base_model_relation") is not None:
            add("base_model_relation", card["base_model_relation"], "cardData.base_model_relation")
    if raw.get("baseModels") is not None:
        relation, models = parse_base_models(raw["baseModels"])
        add("base_model", models, "baseModels")
        if relation is not None:
            add("base_model_relation", relation, "baseModels.relation")

    for prop, key in _SIMPLE_API_FIELDS:
        if raw.get(key) is not None:
            add(prop, raw[key])
    if info.created_at is not None:
        add("created_at", info.created_at.isoformat(),
            "floor: creation date unknown" if info.created_at == CREATED_AT_FLOOR else None)
    if info.last_modified is not None:
        add("last_modified", info.last_modified.isoformat())

    config = raw.get("config")
    if isinstance(config, dict):
        for key in ("model_type", "architectures"):
            if config.get(key) is not None:
                add(key, config[key], f"config.{key} (the Hub's extract of config.json)")
    return facts


def parse_base_models(value: Any) -> tuple[str | None, list[str]]:
    """(relation, repo ids) from ``baseModels``: ``{"relation", "models": [{"id"}]}``, a list, or an id."""
    relation = None
    if isinstance(value, dict):
        relation = value.get("relation") if isinstance(value.get("relation"), str) else None
        value = value.get("models") or []
    if isinstance(value, (str, dict)):
        value = [value]
    models = [m.get("id") if isinstance(m, dict) else m for m in value if isinstance(m, (str, dict))]
    return relation, [m for m in models if isinstance(m, str)]


# -- facts from config.json -----------------------------------------------------------------------------

def vision_encoder_family(model_type: str) -> str:
    """A vision tower's family from its ``model_type``.

    ``qwen2_5_vl`` -> ``qwen2.5-vl``, ``siglip_vision_model`` -> ``siglip``.
    """
    name = model_type.lower().removesuffix("_vision_model").removesuffix("_vision")
    name = re.sub(r"(?<=\d)_(?=\d)", ".", name)        # version digits: 2_5 -> 2.5
    return name.replace("_", "-")


def config_facts(config: dict[str, Any], *, source_url: str, revision: str | None,
                 observed_at: dt.datetime) -> list[Fact]:
    """The ``config`` facts in a repo's ``config.json``."""
    facts: list[Fact] = []

    def add(prop: str, value: Any, note: str | None = None) -> None:
        facts.append(Fact(property=prop, value=value, method=Method.CONFIG, source_url=source_url,
                          revision=revision, observed_at=observed_at, note=note))

    for key in ("model_type", "architectures"):
        if config.get(key) is not None:
            add(key, config[key])
    vision = config.get("vision_config")
    if isinstance(vision, dict):
        add("vision_config", vision)
        if isinstance(vision.get("model_type"), str):
            add("vision_encoder", vision_encoder_family(vision["model_type"]),
                f"vision_config.model_type = {vision['model_type']}")
    # Multimodal configs keep the language model's settings under text_config.
    text_config = config.get("text_config")
    text: dict[str, Any] = text_config if isinstance(text_config, dict) else {}
    moe = {k: src[k] for k in MOE_KEYS for src in (config, text) if src.get(k) is not None}
    if moe:
        add("moe", moe)
    for read in config_readers():  # the properties whose checkers read config.json fields of their own
        for kind, value, note in read(config):
            add(kind, value, note)
    return facts


# -- facts from the model card --------------------------------------------------------------------------

_UNITS = {"K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12,
          "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_NUMBER = re.compile(r"(?<![\w.\-/])(?P<num>\d+(?:\.\d+)?)\s?"
                     r"(?P<unit>[KMBT](?![A-Za-z0-9])|(?i:thousand|million|billion|trillion)\b)")
_ACTIVE_AFTER = re.compile(r"\s*(?:param(?:eter)?s?\s+)?(?:are\s+|is\s+)?activ(?:e|ated)\b", re.I)
_ACTIVE_BEFORE = re.compile(
    r"\bactiv(?:e|ated|ating)\s*(?:param(?:eter)?s?)?\s*(?:\([^)]*\))?\s*(?:of|:|\||=|is|are)?\s*$", re.I)
_NON_EMBEDDING_AFTER = re.compile(r"\s*(?:param(?:eter)?s?\s*)?\(?\s*(?:without|w/o|excluding|non-?)\s*embeddings?", re.I)
_NON_EMBEDDING_BEFORE = re.compile(
    r"(?:without|w/o|excluding|non-?)\s*embeddings?\)?\s*(?:param(?:eter)?s?)?\s*(?:of|:|\||=|is|are)?\s*$", re.I)
_TOTAL_AFTER = re.compile(r"\s*(?:-?\s*param(?:eter)?s?\b|total\b|in\s+total\b)", re.I)
_TOTAL_BEFORE = re.compile(r"\b(?:total|param(?:eter)?s?)\s*(?:\([^)]*\))?\s*(?:of|:|\||=|is|are)?\s*$", re.I)

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    r"(?<!\d)(?P<y>\d{4})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})(?!\d)"
    rf"|(?P<mon>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    rf"|(?<!\d)(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon3>{_MONTH}),?\s+(?P<y3>\d{{4}})", re.I)
_RELEASE = re.compile(r"\breleas(?:e|ed|es|ing)\b", re.I)
_RELEASE_JUST_BEFORE = re.compile(r"\breleas(?:e|ed)\b\s*(?:date)?\s*(?:on|in|:|\||-|was|is)?\s*(?:on\s*)?$", re.I)


def card_facts(card: str, *, source_url: str, revision: str | None, observed_at: dt.datetime,
               names: Iterable[str] = ()) -> list[Fact]:
    """``model-card`` facts: explicit parameter counts and release dates in the card body, each with its sentence.

    Only statements about this model count (see :func:`_is_own`): ``names`` are its names (the repo name,
    aliases); the card's title is added. A count's ``precision`` is the unit of its last written digit ("671B"
    -> 1e9, "2.6B" -> 1e8). A release date written right after "release(d)" is high confidence; one elsewhere
    in the sentence (a news line such as "2025.12.31: We release …") is medium.
    """
    found: dict[tuple[str, str], Fact] = {}     # one fact per statement; a direct one beats a news line
    own = _OwnNames([*names, *_title(card)])

    def add(prop: str, value: Any, quote: str, precision: float | None = None, confidence: str | None = None) -> None:
        earlier = found.get((prop, str(value)))
        if earlier is None or (earlier.confidence == "medium" and confidence == "high"):
            found[(prop, str(value))] = Fact(
                property=prop, value=value, precision=precision, method=Method.MODEL_CARD, source_url=source_url,
                quote=quote[:300], revision=revision, observed_at=observed_at, confidence=confidence)

    for statement in _card_statements(card):
        text = statement.text
        for m in _NUMBER.finditer(text):
            prop = _count_property(text[max(0, m.start() - 48):m.start()], text[m.end():m.end() + 48])
            if prop is None or not _is_own(statement, m.start(), own):
                continue
            number, unit = Decimal(m["num"]), _UNITS.get(m["unit"], _UNITS.get(m["unit"].lower(), 1))
            decimals = len(m["num"].partition(".")[2])
            add(prop, int(number * unit), text, precision=float(Decimal(unit).scaleb(-decimals)))
        if _RELEASE.search(text):
            for m in _DATE.finditer(text):
                date = _date(m)
                if date is not None and _is_own(statement, m.start(), own):
                    direct = _RELEASE_JUST_BEFORE.search(text[:m.start()])
                    add("release_date", date.isoformat(), text, confidence="high" if direct else "medium")
    return list(found.values())


# -- whose figure: attribution of a statement to this model or another -------------------------------------

#: The start of a model name: a capitalised word ("Llama", "DeepSeek-R1", "Qwen2.5", "GPT-4o") or a
#: lower-case hyphenated one ("gpt-oss-20b").
_NAME_HEAD = re.compile(r"(?<![\w.\-/])(?:[A-Z][A-Za-z]+(?:[-_.]?[A-Za-z0-9]+)*|[a-z]{2,}(?:[-_.][A-Za-z0-9]+)+)")
#: What may follow a name after a space or hyphen: a version ("3", "3.1", "v2", "R1") or, once the name
#: holds a digit, a size ("32B", "A23B").
_VERSION_TAIL = re.compile(r"[ -](?:v?\d{1,2}(?:\.\d+)*|[A-Z]+\d[\w.]*)(?![\w-]|\.\d)")
_SIZE_TAIL_TOKEN = re.compile(r"[ -]A?\d+(?:\.\d+)?[KMBT](?![\w-])")


def _mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of every model name in ``text``: a name with a version or size digit."""
    found = []
    for m in _NAME_HEAD.finditer(text):
        end = m.end()
        while True:
            tail = _VERSION_TAIL.match(text, end)
            if tail is None and re.search(r"\d", text[m.start():end]):
                tail = _SIZE_TAIL_TOKEN.match(text, end)
            if tail is None:
                break
            end = tail.end()
        name = text[m.start():end]
        head = re.match(r"[A-Za-z]+", name)
        if re.search(r"\d", name) and head is not None and head.group().casefold() not in _NOT_NAMES \
                and not _HARDWARE_AFTER.match(text, end):
            found.append((m.start(), end, name))
    return found


#: Capitalised words followed by a number that are not model names.
_NOT_NAMES = frozenset(("table", "figure", "fig", "section", "step", "stage", "phase", "version", "top", "appendix",
                        "chapter", "level", "round", "day", "week", "year", "part", "note", "article", "page",
                        *(m for m in ("january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "sept", "october", "november", "december")),
                        *_MONTHS))
#: The card speaking of its own model without naming it.
_SELF = re.compile(r"\b(?:this|our)\s+(?:[\w.-]+\s+)?models?\b|\bthe\s+model\b|\bwe\b|\bours\b", re.I)
#: Words after which the model named next is another one: a base, a teacher, a comparison.
_LINK = re.compile(r"\b(?:based\s+on|built\s+(?:on|upon)|fine-?tuned\s+(?:from|on)|derived\s+from|"
                   r"distilled\s+(?:from|into)|initiali[sz]ed\s+(?:from|with)|continued?\s+from|than|"
                   r"outperform\w*|surpass\w*|beat\w*|rival\w*|exceed\w*|match(?:es|ing)?|compared\s+(?:to|with)|"
                   r"comparison\s+with|vs\.?|versus|like|such\s+as|including|against)"
                   r"[\s,:(]*(?:(?:the|a|an|other|models?|such|as|larger|smaller|leading|open)\s+)*$", re.I)
_HARDWARE_AFTER = re.compile(r"\s*GPUs?\b")
_SIZE_TAIL = re.compile(r"^(?:a?\d+(?:\.\d+)?[kmbt])+$")


def _norm(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


class _OwnNames:
    """This model's names, compared without case, spaces or punctuation."""

    def __init__(self, names: Iterable[str]):
        self.keys = {k for k in (_norm(n.rsplit("/", 1)[-1]) for n in names) if k}

    def named(self, mention: str) -> bool:
        """Whether ``mention`` names this model: one of its names, or its family name followed only by sizes
        ("EXAONE 4.0" in the card of EXAONE-4.0-32B, not "DeepSeek-R1" in the card of a distilled model)."""
        m = _norm(mention)
        return any(m == k or (k.startswith(m) and _SIZE_TAIL.match(k[len(m):])) for k in self.keys)


@dataclass(frozen=True)
class _Statement:
    """A sentence, or a table cell with its row label. ``about`` is, for a cell, the model its row or
    column names ("" when none does); None for a sentence, whose mentions say whom it is about."""

    text: str
    about: str | None = None


@dataclass(frozen=True)
class _Ref:
    start: int
    end: int
    own: bool


def _refs(text: str, own: _OwnNames) -> list[_Ref]:
    """The models a sentence refers to, in order: named ones, and the card's "this model", "our model", "we"."""
    refs = [_Ref(m.start(), m.end(), True) for m in _SELF.finditer(text)]
    for start, end, name in _mentions(text):
        linked = _LINK.search(text[max(0, start - 60):start]) is not None
        refs.append(_Ref(start, end, own.named(name) and not linked))
    return sorted(refs, key=lambda r: r.start)


def _is_own(statement: _Statement, pos: int, own: _OwnNames) -> bool:
    """Whether the figure at ``pos`` is this model's own.

    A table cell belongs to the model its column or row names (a cell naming none is the card's own). In a
    sentence, a figure belongs to the nearest model referred to before it (within its name, or after it:
    "outperforms DeepSeek-R1 (671B)", "based on Llama 3 released on …"); a figure before any reference
    belongs to the first one after it that is not a base or comparison; a sentence naming no model is in
    the card's own voice.
    """
    if statement.about is not None:
        return not statement.about or own.named(statement.about)
    refs = _refs(statement.text, own)
    before = [r for r in refs if r.start <= pos]
    if before:
        return before[-1].own
    after = [r for r in refs if r.start > pos and (r.own or not _LINK.search(statement.text[:r.start]))]
    return after[0].own if after else True


def _title(card: str) -> list[str]:
    """The card's first level-1 heading, which names its model ("# Model card for X" -> "X")."""
    m = re.search(r"^#\s+(.+?)\s*$", card, re.M)
    if m is None:
        return []
    return [re.sub(r"^(?:model\s+card\s+(?:for|of)\s+)", "", m.group(1).replace("*", ""), flags=re.I).strip()]


def _count_property(before: str, after: str) -> str | None:
    if _ACTIVE_AFTER.match(after) or _ACTIVE_BEFORE.search(before):
        return "parameters.active"
    if _NON_EMBEDDING_AFTER.match(after) or _NON_EMBEDDING_BEFORE.search(before):
        return "parameters.non_embedding"
    if _TOTAL_AFTER.match(after) or _TOTAL_BEFORE.search(before):
        return "parameters.total"
    return None


def _date(m: re.Match[str]) -> dt.date | None:
    if m["y"]:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    else:
        y, d = int(m["y2"] or m["y3"]), int(m["d2"] or m["d3"])
        mo = _MONTHS.get((m["mon"] or m["mon3"])[:3].lower(), 0)
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def _card_statements(card: str) -> Iterable[_Statement]:
    """The card body's sentences and table cells (front matter and code blocks skipped, bold markers removed).

    A table with a header row yields one statement per data cell, ``"<row or column label> | <cell>"``,
    with the model its column header or its first cell names.
    """
    body = card
    if card.startswith("---"):
        end = card.find("\n---", 3)
        body = card[card.find("\n", end + 4) + 1:] if end != -1 else ""
    lines = body.splitlines()
    in_code = False
    header: list[str] | None = None
    for i, line in enumerate(lines):
        if line.lstrip().startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        line = line.replace("**", "").replace("__", "")
        if _TABLE_ROW.match(line):
            cells = _cells(line)
            if _TABLE_RULE.match(line):
                continue
            if header is None and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1]):
                header = cells
                continue
            if header is not None:
                yield from _table_cells(header, cells)
                continue
        else:
            header = None
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\[(])", line):
            sentence = sentence.strip().lstrip("-*>#|").strip()
            if sentence:
                yield _Statement(sentence)


_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _table_cells(header: list[str], row: list[str]) -> Iterable[_Statement]:
    label = row[0] if row else ""
    for j, cell in enumerate(row[1:], 1):
        head = header[j] if j < len(header) else ""
        column_model = _model_named(head)
        about = column_model if column_model else _model_named(label)
        # Models as columns: the row label says what the figure is; else the column header does.
        what = label if column_model or not head else head
        yield _Statement(f"{what} | {cell}", about)


def _model_named(text: str) -> str:
    """The model name a table header or label cell holds, or ""."""
    found = _mentions(text)
    return found[0][2] if found else ""
