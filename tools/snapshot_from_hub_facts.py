#!/usr/bin/env python3
"""Build the bundled Hub evidence snapshot from ``hub_facts.json`` (public pages, no API access).

    python tools/snapshot_from_hub_facts.py [--hub-facts ../shared/reference/hub_facts.json] [--out claims/evidence/hub]

One ``RepoEvidence`` file (``origin: public-pages``) per entry of ``hub_facts.json`` that has a ``repo_id``,
written through :meth:`SnapshotStore.save`. The output depends on the input file only: ``retrieved_at`` is the
constant :data:`RETRIEVED_AT` (the date the public-page facts were collected; the json carries no date of its
own), facts keep the json's order, and nothing reads the clock or the network.

Rules (the README section "How the bundled snapshot was made" summarises them):

* Nothing is invented. A json fact whose value is null or whose confidence is "none" is dropped (unknown stays
  unknown). A value the rules below cannot parse unambiguously is dropped too, and listed in the report with
  the reason; so is every json key that has no property in the evidence vocabulary (``Fact`` in
  ``checker/evidence/facts.py``).
* Every fact keeps the json's ``source_url`` and its ``snippet`` as ``quote``; a source that is not a URL
  (e.g. "unnamed public GitHub file (id …)") goes into ``note`` and ``source_url`` stays empty. A fact with no
  source URL is written only when its quote comes from a verbatim copy of what the Hub served (a copy of the
  /api/models response or of the model card); any other is skipped and listed. "same" means the source of
  the preceding json fact of that repo.
* ``method`` follows the source: a repo's own Hub page or a Hub list page -> ``page``; a config.json read on
  the repo's own page -> ``config``; the developer's model card, README, LICENSE or official library docs
  (transformers, diffusers, vLLM), or a verbatim copy of the card -> ``model-card``; everything indirect ->
  ``reconstructed``: third-party aggregators and cards (with hub_facts.json's own confidence), a third-party tool's
  transformed copy of the /api/models response, a test model's config, a library class name, a value the
  script derives (a sum, ``license: other`` implied by a non-Hub licence label). ``hub-api`` is never used:
  no verbatim API response exists in the public material.
* Developer documents: an announced release date is a ``release_date`` statement (a commit date is not: a
  repo can be committed to before it is public); licence terms that name the weights' licence apart from the
  code's give that name as ``license_name``; "N% of the weights active" next to the total in one quoted
  sentence gives ``parameters.active`` = N% x total, ``reconstructed``, medium confidence at most, its interval
  the fraction's rounding times the total.
* ``precision`` is the unit of the last written digit ("103B" -> 1e9, "102.6B" -> 1e8, "3.89k" -> 10); exact
  values have none.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from checker.evidence.facts import Fact, Method, RepoEvidence
from checker.evidence.store import SnapshotStore

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_HUB_FACTS = ROOT.parent / "shared" / "reference" / "hub_facts.json"
DEFAULT_OUT = ROOT / "claims" / "evidence" / "hub"

#: When the public pages behind hub_facts.json were collected (the json records no date of its own).
RETRIEVED_AT = dt.datetime(2026, 11, 1, 0, 0, 0, tzinfo=dt.timezone.utc)

EVIDENCE_NOTE = (
    "Built from public pages listed in hub_facts.json (no API access); values are rounded where the pages round "
    "them; `claimcheck hub refresh` replaces this with exact API values.")

#: Hub licence identifiers (https://huggingface.co/docs/hub/repositories-licenses, hub-docs commit 008d54d,
#: plus the Llama 3/4 ids added to that list later). A licence label on a Hub page that is not one of these is
#: the card's ``license_name``, which the Hub shows in place of the id when ``license: other``.
HUB_LICENSE_IDS = frozenset("""
apache-2.0 mit openrail bigscience-openrail-m creativeml-openrail-m bigscience-bloom-rail-1.0 bigcode-openrail-m
afl-3.0 artistic-2.0 bsl-1.0 bsd bsd-2-clause bsd-3-clause bsd-3-clause-clear c-uda cc cc0-1.0 cc-by-2.0 cc-by-2.5
cc-by-3.0 cc-by-4.0 cc-by-sa-3.0 cc-by-sa-4.0 cc-by-nc-2.0 cc-by-nc-3.0 cc-by-nc-4.0 cc-by-nd-4.0 cc-by-nc-nd-3.0
cc-by-nc-nd-4.0 cc-by-nc-sa-2.0 cc-by-nc-sa-3.0 cc-by-nc-sa-4.0 cdla-sharing-1.0 cdla-permissive-1.0
cdla-permissive-2.0 wtfpl ecl-2.0 epl-1.0 epl-2.0 etalab-2.0 eupl-1.1 agpl-3.0 gfdl gpl gpl-2.0 gpl-3.0 lgpl
lgpl-2.1 lgpl-3.0 isc lppl-1.3c ms-pl mpl-2.0 odc-by odbl openrail++ osl-3.0 postgresql ofl-1.1 ncsa unlicense
zlib pddl lgpl-lr deepfloyd-if-license llama2 llama3 llama3.1 llama3.2 llama3.3 llama4 gemma unknown other
""".split())

#: json keys that carry no property of the evidence vocabulary (or no usable value), with the reason.
SKIPPED_KEYS: dict[str, str] = {
    "license_terms": "licence terms: commercial use is judged from licence knowledge (licenses.yaml), "
                     "and no checker reads a commercial_use fact",
    "hf_page_first_seen": "the date a repo page was first seen public (forum digest): not a release or creation date",
    "tech_report": "an arXiv reference: no evidence property",
    "last_update_on_card": "the card's 'last update' date: neither a release nor a creation date",
    "first_commit_seen": "a list-page date without a year carries no date",
    "training_info": "training details: no Hub evidence property",
    "weights_file": "a file size, not a parameter count: no evidence property",
    "collection_desc": "collection description: no evidence property",
    "processor_class": "processor class: no evidence property",
    "context_length": "context length: no evidence property",
    "architecture_note": "free-text architecture description: no evidence property",
    "diffusion_note": "free-text architecture description: no evidence property",
    "backbone": "card prose naming the starting model without a repo namespace: not base_model metadata",
}

#: Per (repo_id, json key) decisions the generic rules cannot make, with the reason.
OVERRIDE_SKIPS: dict[tuple[str, str], str] = {
    ("trillionlabs/Trida-7B", "architectures"):
        "the quoted third-party dump names trillionlabs/Trida-7B-Preview, a different repo",
    ("LGAI-EXAONE/EXAONE-4.0-32B", "license_id"):
        "the third-party listing is for LGAI-EXAONE/EXAONE-4.0.1-32B, a different repo",
}

#: Per (repo_id, json key) caveats added to the facts made from that json fact.
OVERRIDE_NOTES: dict[tuple[str, str], str] = {
    ("Motif-Technologies/Motif-Video-2B", "params_doc"):
        "the docs give the size of the diffusion transformer; the repo also holds other pipeline components "
        "(e.g. the text encoder), so its checkpoint total may be larger",
    ("deepseek-ai/DeepSeek-R1", "params_card"):
        "hub_facts.md: the 685B/684.5B checkpoint total includes the MTP module, the card's 671B does not",
}

API_COPY_NOTE = (
    "value as copied by a third-party tool's transformed /api/models output (websculpt 'huggingface/get-model' "
    "doc; not a verbatim API response, see raw_api/README.md), so `reconstructed`, not `hub-api`")

OFFICIAL_DOCS: dict[str, str] = {
    "github.com/huggingface/transformers/": "transformers docs",
    "huggingface.co/docs/transformers": "transformers docs",
    "github.com/huggingface/diffusers/": "diffusers docs",
    "huggingface.co/docs/diffusers": "diffusers docs",
    "docs.vllm.ai/": "vLLM docs",
}
THIRD_PARTY_URLS = (
    "raw.githubusercontent.com/jakemanger/whatmodel/", "featherless.ai/", "vercel.com/", "docs.nvidia.com/",
    "developer.furiosa.ai/",
)
HUB_PAGE_FIRST = {"collections", "docs", "papers", "models", "spaces", "datasets", "organizations"}
HUB_PAGE_SECOND = {"models", "collections", "activity", "papers", "datasets", "spaces"}

UNITS: dict[str, int] = {"k": 10**3, "m": 10**6, "million": 10**6, "b": 10**9, "billion": 10**9,
                         "t": 10**12, "trillion": 10**12}
PARAM_NUM = r"(\d+(?:\.\d+)?)\s*(billion|million|trillion|B|M|T)(?![A-Za-z])"
VISION_FAMILIES: tuple[tuple[str, str], ...] = (
    (r"qwen\s*2\.5[\s-]*(vl|vision|vit)", "qwen2.5-vl"),
    (r"siglip", "siglip"),
    (r"\bclip\b", "clip"),
)


# ---------------------------------------------------------------------------------------------------------
# Sources and json items


@dataclass(frozen=True)
class Source:
    """Where one json fact was read, classified."""

    kind: str          # own-page | hub-page | config | official-docs | developer | card-copy | api-copy |
    #                    test-model | third-party
    url: str | None    # a real URL, or None
    label: str | None  # the json's text for a source without URL, or the docs' name


@dataclass
class Item:
    """One json fact of one repo."""

    repo_id: str
    key: str
    value: Any
    snippet: str | None
    confidence_text: str
    note: str | None
    source: Source


def confidence_level(text: str) -> str | None:
    """high / medium / low from the json's confidence text; None for "none" (the fact is dropped)."""
    t = text.strip().lower()
    for level in ("none", "high", "medium", "low"):
        if t.startswith(level):
            return None if level == "none" else level
    raise ValueError(f"unknown confidence {text!r}")


def classify(url_text: str | None, repo_id: str, confidence_text: str, id_desc: dict[str, str]) -> Source:
    if url_text is None:
        return Source("none", None, None)
    if not re.match(r"https?://", url_text):
        m = re.match(r"unnamed public GitHub file \(id (\d+)\)", url_text)
        desc = (id_desc.get(m.group(1), "") if m else "") + " " + url_text
        if "copy of the HF README" in desc:
            return Source("card-copy", None, url_text)
        if "transformed API output" in desc:
            return Source("api-copy", None, url_text)
        return Source("third-party", None, url_text)
    bare = re.sub(r"^https?://(www\.)?", "", url_text)
    for prefix, name in OFFICIAL_DOCS.items():
        if bare.startswith(prefix):
            return Source("official-docs", url_text, name)
    if any(bare.startswith(p) for p in THIRD_PARTY_URLS):
        return Source("third-party", url_text, None)
    if bare.startswith("huggingface.co/"):
        path = bare[len("huggingface.co/"):].split("?")[0]
        if re.match(re.escape(repo_id) + r"(/|$)", path):
            if re.search(r"/blob/[^/]+/config\.json$", path):
                return Source("config", url_text, None)
            return Source("own-page", url_text, None)
        segs = [s for s in path.split("/") if s]
        if not segs or segs[0] in HUB_PAGE_FIRST or len(segs) == 1 or segs[1] in HUB_PAGE_SECOND:
            return Source("hub-page", url_text, None)
        if "tiny-random" in path or "test model" in confidence_text:
            return Source("test-model", url_text, None)
        return Source("third-party", url_text, None)
    owner, name = repo_id.split("/")
    if f"models--{owner}--{name}/blobs/" in bare:
        return Source("card-copy", url_text, None)
    t = confidence_text.lower()
    if "aggregator" in t or "third-party" in t or t.startswith("low"):
        return Source("third-party", url_text, None)
    return Source("developer", url_text, None)


# ---------------------------------------------------------------------------------------------------------
# Value helpers


def caveats(text: str) -> tuple[str, list[str]]:
    """Split "3.89k (list-page figure)" into ("3.89k", ["list-page figure"])."""
    notes = [m.group(1).strip() for m in re.finditer(r"\(([^()]*)\)", text)]
    return re.sub(r"\s*\([^()]*\)", "", text).strip(), [n for n in notes if n]


def number(num: str, unit: str | None) -> tuple[int, float | None]:
    """"102.6", "B" -> (102600000000, 1e8); "699", None -> (699, None)."""
    d = Decimal(num.replace(",", ""))
    mult = UNITS[unit.lower()] if unit else 1
    value = d * mult
    if value != value.to_integral_value():
        raise ValueError(f"{num}{unit or ''} is not a whole number")
    exp = d.as_tuple().exponent
    if not isinstance(exp, int):  # 'n', 'N', 'F': NaN or infinity, never a figure
        raise ValueError(f"{num} is not a number")
    precision = Decimal(10) ** exp * mult
    return int(value), (None if precision <= 1 else float(precision))


def in_snippet(num: str, snippet: str | None) -> bool:
    return snippet is not None and re.search(rf"(?<![\d.]){re.escape(num)}(?![\d])", snippet) is not None


def bullet_item(token: str, text: str) -> bool:
    """True when ``token`` is one '•'-separated item of a Hub list-page snippet."""
    return re.search(rf"(?:^|•)\s*{re.escape(token)}\s*(?:•|$)", text) is not None


def repo_segment(repo_id: str, snippet: str) -> str | None:
    """The part of a list-page snippet that belongs to ``repo_id`` (from its name to the next repo's)."""
    m = re.search(rf"(?<![\w.-]){re.escape(repo_id)}(?![\w.-])", snippet)
    if m is None:
        return None
    rest = snippet[m.end():]
    nxt = re.search(r"[\w.-]+/[\w.-]+", rest)
    return rest[: nxt.start()] if nxt else rest


def sentence_with(text: str, needle: str) -> str | None:
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        if needle.lower() in sentence.lower():
            return sentence.strip()
    return None


#: Sources without a URL whose quote is a verbatim copy of what the Hub served (the API response, the card).
VERBATIM_COPIES = frozenset({"api-copy", "card-copy"})


class Skip(Exception):
    """A json value this script does not turn into a fact; the message is the reason."""


def parse_param_statement(text: str, snippet: str | None) -> tuple[list[tuple[str, str, str]], str | None]:
    """Split a free-text parameter statement into (property, number, unit) triples.

    Returns the triples and, for "A (x) + B (y)" component statements, the component note. Raises Skip when
    the text is ambiguous.
    """
    comp = re.fullmatch(rf"\s*{PARAM_NUM}\s*\(([^)]*)\)\s*\+\s*{PARAM_NUM}\s*\(([^)]*)\)\s*", text)
    if comp:
        return [("components", comp.group(1), comp.group(2)), ("components", comp.group(4), comp.group(5))], \
            f"{comp.group(1)}{comp.group(2)} ({comp.group(3)}) + {comp.group(4)}{comp.group(5)} ({comp.group(6)})"
    stripped = re.sub(r"\([^()]*\)", " ", text)
    found: list[tuple[str, str, str]] = []
    bare: list[tuple[str, str]] = []
    for seg in re.split(r"[;/+]|,(?!\d{3})", stripped):
        m = re.search(PARAM_NUM, seg)
        if m is None:
            continue
        if len(re.findall(PARAM_NUM, seg)) > 1:
            raise Skip(f"more than one figure in {seg.strip()!r}")
        qual = (seg[: m.start()] + " " + seg[m.end():]).lower()
        qual = re.sub(r"\s+", " ", qual).strip()
        if re.search(r"without embedding|w/o embedding|excluding|non-embedding", qual):
            found.append(("parameters.non_embedding", m.group(1), m.group(2)))
        elif re.search(r"\bactiv", qual):
            found.append(("parameters.active", m.group(1), m.group(2)))
        elif re.search(r"\btotal\b", qual):
            found.append(("parameters.total", m.group(1), m.group(2)))
        elif re.fullmatch(r"((dense|params|parameters?|moe|in)\s*)*", qual):
            bare.append((m.group(1), m.group(2)))
        else:
            raise Skip(f"cannot tell what {seg.strip()!r} counts")
    if bare:
        if any(p == "parameters.total" for p, _, _ in found):
            raise Skip("a bare figure next to an explicit total")
        if len(bare) > 1:
            bare = [b for b in bare if in_snippet(b[0], snippet)]
        if len(bare) != 1:
            raise Skip("several bare figures")
        found.append(("parameters.total", *bare[0]))
    props = [p for p, _, _ in found]
    if not found or len(props) != len(set(props)):
        raise Skip("no figure, or one property stated twice")
    return found, None


# ---------------------------------------------------------------------------------------------------------
# The builder


@dataclass
class Report:
    written: list[tuple[str, Path, int]] = field(default_factory=list)
    skipped_entries: list[str] = field(default_factory=list)
    skipped_values: list[tuple[str, str, str]] = field(default_factory=list)


class RepoBuilder:
    """Turns one json entry into facts."""

    def __init__(self, repo_id: str, items: list[Item], report: Report):
        self.repo_id = repo_id
        self.items = items
        self.report = report
        self.facts: list[Fact] = []
        self._seen: set[str] = set()

    # -- fact construction ------------------------------------------------------------------------------

    def add(self, item: Item | None, prop: str, value: Any, method: Method, *, precision: float | None = None,
            notes: Sequence[str] = (), confidence: str | None = None, quote: str | None = None,
            source_url: str | None = None) -> None:
        parts = [n for n in notes if n]
        if item is not None:
            src = item.source
            level = confidence_level(item.confidence_text)
            confidence = confidence or level
            extra = item.confidence_text.strip()[len(level or ""):].strip(" -()")
            if extra:
                parts.append(f"hub_facts.json confidence: {item.confidence_text.strip()}")
            if item.note:
                parts.append(item.note)
            if src.kind == "official-docs" and src.label:
                parts.append(f"from {src.label}")
            if src.kind == "third-party":
                parts.append("third-party source")
            if src.kind == "api-copy":
                parts.append(API_COPY_NOTE)
            if src.url is None and src.label:
                parts.append(f"source (no URL in hub_facts.json): {src.label}")
            if (self.repo_id, item.key) in OVERRIDE_NOTES:
                parts.append(OVERRIDE_NOTES[(self.repo_id, item.key)])
            source_url = source_url or src.url
            quote = quote if quote is not None else item.snippet
            if source_url is None and not (src.kind in VERBATIM_COPIES and quote):
                raise Skip("no source URL, and not quoted from a verbatim copy of the response it came from")
        fact = Fact(property=prop, value=value, precision=precision, method=method, source_url=source_url,
                    quote=quote, confidence=confidence, note="; ".join(dict.fromkeys(parts)) or None)
        if prop == "training.from_scratch_statement":  # one statement per source: keep the fuller quote
            for i, old in enumerate(self.facts):
                if old.property == prop and old.source_url == source_url:
                    if value in old.value:
                        return
                    if old.value in value:
                        self.facts[i] = fact
                        return
        ident = json.dumps([prop, value, source_url, method.value], sort_keys=True)
        if ident not in self._seen:
            self._seen.add(ident)
            self.facts.append(fact)

    def skip(self, item: Item, reason: str) -> None:
        self.report.skipped_values.append((self.repo_id, item.key, reason))

    @staticmethod
    def statement_method(item: Item) -> Method:
        """Method for a statement (figure, date, licence name) by its source."""
        return {
            "own-page": Method.MODEL_CARD, "config": Method.MODEL_CARD, "official-docs": Method.MODEL_CARD,
            "developer": Method.MODEL_CARD, "card-copy": Method.MODEL_CARD, "hub-page": Method.PAGE,
        }.get(item.source.kind, Method.RECONSTRUCTED)

    @staticmethod
    def metadata_method(item: Item) -> Method:
        """Method for Hub metadata (tags, licence id, pipeline, counts) by its source."""
        if item.source.kind in ("own-page", "config", "hub-page"):
            if item.snippet and re.match(r"\s*[a-z_]+:\s*\S", item.snippet) and "License:" not in item.snippet:
                return Method.MODEL_CARD  # card front matter ("license: apache-2.0")
            return Method.PAGE
        if item.source.kind == "card-copy":
            return Method.MODEL_CARD
        return Method.RECONSTRUCTED

    # -- per key ----------------------------------------------------------------------------------------

    def build(self) -> list[Fact]:
        owner = self.repo_id.split("/")[0]
        self.add(None, "author", owner, Method.PAGE, confidence="high",
                 source_url=f"https://huggingface.co/{self.repo_id}", notes=["owner namespace of the repo id"])
        self.exists()
        for item in self.items:
            known = confidence_level(item.confidence_text) is not None
            try:
                if not known or item.value is None:
                    raise Skip("value null / confidence none: unknown stays unknown")
                if (self.repo_id, item.key) in OVERRIDE_SKIPS:
                    raise Skip(OVERRIDE_SKIPS[(self.repo_id, item.key)])
                handler = self.handler_for(item)
                if handler is None:
                    raise Skip(SKIPPED_KEYS.get(item.key, "no rule for this json key"))
                handler(item)
            except Skip as exc:
                self.skip(item, str(exc))
            # A quoted "trained from scratch" is recorded in the source's words, whatever the json key.
            if known and item.snippet and "from scratch" in item.snippet.lower() \
                    and (self.repo_id, item.key) not in OVERRIDE_SKIPS:
                try:
                    self.from_scratch(item)
                except Skip as exc:
                    self.skip(item, str(exc))
        return self.facts

    def handler_for(self, item: Item) -> Callable[[Item], None] | None:
        k = item.key
        if k == "license_terms" and re.search(r"\bweights:", str(item.value)):
            return self.weights_license
        if k in SKIPPED_KEYS:
            return None
        if k == "params_badge":
            return self.badge
        if k == "params_badge_gguf":
            return self.gguf_badge
        if k.startswith("params_") or k == "safetensors_total":
            return self.safetensors_total if k == "safetensors_total" else self.params
        if k in ("release_date", "release_date_tf", "release_date_card", "release_date_license", "initial_release",
                 "announcement_release_date"):
            return self.release_date
        if k.endswith("active_fraction"):
            return self.active_fraction
        return {
            "repo_exists": lambda i: None,  # turned into `exists` by exists()
            "from_scratch_claim": lambda i: None,  # its snippet is recorded by from_scratch()
            "model_type": self.model_type, "architectures": self.architectures, "pipeline_tag": self.pipeline_tag,
            "library_name": self.library_name, "license_id": self.license_id, "license_name": self.license_name,
            "gated": self.gated, "created_at": self.created_at,
            "base_model": self.base_model, "downloads": self.downloads, "likes": self.likes,
            "vision_encoder": self.vision_encoder, "vision_encoder_vllm": self.vision_encoder,
            "vision_config_model_type": self.vision_config, "config_moe": self.moe, "moe_config": self.moe,
            "model_details": self.moe,
        }.get(k)

    def exists(self) -> None:
        """`exists: true` from repo_exists, else the repo's own page, else a Hub list page naming the repo."""
        chosen: tuple[Item, str] | None = None
        for item in self.items:
            if item.key == "repo_exists" and item.value is True:
                chosen = (item, "hub_facts.json: repo_exists")
                break
        if chosen is None:
            own = [i for i in self.items if i.source.kind in ("own-page", "config")
                   and confidence_level(i.confidence_text)]
            lists = [i for i in self.items if i.source.kind == "hub-page" and i.snippet
                     and repo_segment(self.repo_id, i.snippet) is not None and confidence_level(i.confidence_text)]
            if own:
                chosen = (own[0], "a page of the repo itself was read")
            elif lists:
                chosen = (lists[0], "the repo is listed on a Hub list page")
        if chosen is None:
            self.report.skipped_values.append((self.repo_id, "exists", "no page of the repo seen"))
            return
        item, why = chosen
        self.add(None, "exists", True, Method.PAGE, confidence="high", source_url=item.source.url,
                 quote=item.snippet, notes=[why])

    def badge(self, item: Item) -> None:
        value = str(item.value).strip()
        m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMBT])", value)
        if m is None:
            raise Skip(f"not a size badge of this repo: {value!r}")
        seg = repo_segment(self.repo_id, item.snippet or "")
        if seg is None or not bullet_item(value, seg):
            raise Skip(f"badge {value!r} not shown next to {self.repo_id} in the snippet")
        n, precision = number(m.group(1), m.group(2))
        self.add(item, "parameters.total", n, Method.PAGE, precision=precision,
                 notes=["size badge on a Hub list page: the safetensors total rounded to the shown digits",
                        "list-page snapshot, date unknown"])

    def gguf_badge(self, item: Item) -> None:
        """A size badge of the same owner's GGUF conversion of this repo: the same weights, so a rounded total.

        A conversion by anyone else proves nothing about this repo and is skipped.
        """
        gguf_repo = f"{self.repo_id}-GGUF"
        value = str(item.value).split()[0].strip()
        m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMBT])", value)
        seg = repo_segment(gguf_repo, item.snippet or "")
        if m is None or seg is None or value not in seg:
            raise Skip(f"no badge of the owner's own {gguf_repo} in the snippet")
        n, precision = number(m.group(1), m.group(2))
        self.add(item, "parameters.total", n, Method.RECONSTRUCTED, precision=precision, confidence="medium",
                 notes=[f"size badge of {gguf_repo}, the developer's own GGUF (quantized) conversion of this "
                        "model: the same weights, rounded to the shown digits; not this repo's own badge",
                        "list-page snapshot"])

    def params(self, item: Item) -> None:
        text = str(item.value)
        triples, components = parse_param_statement(text, item.snippet)
        method = self.statement_method(item)
        _, value_notes = caveats(text)
        if components:
            total = 0
            precisions = []
            for _, num, unit in triples:
                n, p = number(num, unit)
                total += n
                precisions.append(p or 0)
            self.add(item, "parameters.total", total, Method.RECONSTRUCTED, precision=max(precisions) or None,
                     confidence="low",
                     notes=[f"sum of the card's module sizes {components}, derived by this script; the interval is "
                            "the coarser module's rounding"])
            return
        for prop, num, unit in triples:
            n, precision = number(num, unit)
            simple = re.fullmatch(r"\s*\d+(\.\d+)?\s*[A-Za-z]+\s*", text) is not None
            notes = [] if simple else [f"hub_facts.json: {text}"]
            if not in_snippet(num, item.snippet):
                notes.append(f"the quoted sentence does not state {num}{unit}; the figure is hub_facts.json's "
                             "summary of the same source")
            self.add(item, prop, n, method, precision=precision, notes=notes)

    def safetensors_total(self, item: Item) -> None:
        if not isinstance(item.value, int):
            raise Skip("not an exact count")
        self.add(item, "parameters.total", item.value, self.metadata_method(item),
                 notes=["safetensors.total: an exact count"])
        m = re.search(r'"parameters"\s*:\s*(\{[^{}]*\})', item.snippet or "")
        if m:
            by_dtype = json.loads(m.group(1))
            if sum(by_dtype.values()) == item.value:
                self.add(item, "parameters.by_dtype", by_dtype, self.metadata_method(item),
                         notes=["safetensors.parameters from the same quoted output; they sum to the total"])

    def release_date(self, item: Item) -> None:
        text = str(item.value)
        m = re.match(r"(\d{4}-\d{2}(?:-\d{2})?)\b(.*)", text, re.S)
        if m is None:
            raise Skip(f"no ISO date in {text!r}")
        rest = m.group(2).strip(" ;")
        notes = {"release_date_license": ["release date stated in the licence text"],
                 "initial_release": ["the card's 'Initial release of the repository' date"],
                 "announcement_release_date": ["release date stated in the developer's announcement"],
                 }.get(item.key, [])
        if rest:
            notes.append(f"hub_facts.json: {text}")
        self.add(item, "release_date", m.group(1), self.statement_method(item), notes=notes)

    def model_type(self, item: Item) -> None:
        value, notes = caveats(str(item.value))
        if not re.fullmatch(r"[a-z0-9_]+", value):
            raise Skip(f"{value!r} is a tag, not shaped like a config model_type")
        src = item.source.kind
        if src == "config":
            self.add(item, "model_type", value, Method.CONFIG)
        elif src in ("own-page", "hub-page"):
            self.add(item, "model_type", value, Method.PAGE, confidence="medium",
                     notes=["tag on the repo's Hub page (the Hub adds config.json's model_type as a tag); "
                            "config.json itself not seen"])
        elif src == "official-docs":
            self.add(item, "model_type", value, Method.MODEL_CARD, notes=notes)
        else:
            self.add(item, "model_type", value, Method.RECONSTRUCTED, notes=notes)

    def architectures(self, item: Item) -> None:
        if not isinstance(item.value, list):
            raise Skip("not a list")
        if item.source.kind == "config":
            self.add(item, "architectures", item.value, Method.CONFIG)
        else:
            self.add(item, "architectures", item.value, Method.RECONSTRUCTED,
                     notes=["not read from the checkpoint's config.json"])

    def pipeline_tag(self, item: Item) -> None:
        if item.snippet and "pipeline(" in item.snippet:
            raise Skip("inferred from a usage example in the card, not the Hub metadata")
        self.add(item, "pipeline_tag", str(item.value), self.metadata_method(item))

    def library_name(self, item: Item) -> None:
        if item.snippet and "pipeline(" in item.snippet:
            raise Skip("inferred from a usage example in the card, not the Hub metadata")
        value, notes = caveats(str(item.value))
        self.add(item, "library_name", value, self.metadata_method(item), notes=notes)

    def license_id(self, item: Item) -> None:
        text, value_notes = caveats(str(item.value))
        labels = [re.sub(r"^license_name:\s*", "", p.strip()) for p in text.split("/")]
        if not all(re.fullmatch(r"[a-z0-9][a-z0-9.+-]*", lab) for lab in labels):
            raise Skip(f"cannot read a licence id from {item.value!r}")
        method = self.metadata_method(item)
        snippet = item.snippet or ""
        notes = [f"hub_facts.json: {item.value}"] if value_notes else []
        explicit_other = "other" in labels and re.search(r"license:\s*other\b", snippet)
        for lab in labels:
            if lab == "other" and not explicit_other:
                continue  # handled as the implied licence below
            if lab in HUB_LICENSE_IDS:
                self.add(item, "license", lab, method, notes=notes)
            else:
                self.add(item, "license_name", lab, method, notes=notes + [
                    f"'{lab}' is not a Hub licence id; the Hub shows the card's license_name in its place"])
                if not explicit_other:
                    self.add(item, "license", "other", Method.RECONSTRUCTED, confidence="medium", notes=[
                        f"implied: the page shows the licence label '{lab}', which is not a Hub licence id, and "
                        "the Hub shows a license_name only with `license: other`"
                        " (https://huggingface.co/docs/hub/repositories-licenses)"])

    def weights_license(self, item: Item) -> None:
        """Licence terms that name the weights' licence apart from the code's: that name is the weights'
        ``license_name`` (the licence an open-source claim is about)."""
        m = re.search(r"\bweights:\s*([^;]+)", str(item.value))
        name, _ = caveats(m.group(1) if m else "")
        name = re.sub(r"^(a |the )?(separate|own)\s+", "", name.strip(" ;"), flags=re.I)
        if not name:
            raise Skip(f"no licence name for the weights in {item.value!r}")
        self.add(item, "license_name", name, self.statement_method(item),
                 notes=[f"hub_facts.json: {item.value}", "the licence of the weights (the code's licence differs)"])

    def active_fraction(self, item: Item) -> None:
        """"N% of the weights active" next to the total in the same quoted sentence: active = N% x total,
        derived by this script, so ``reconstructed``; the interval is the fraction's rounding times the total."""
        snippet = item.snippet or ""
        frac = re.search(r"(\d+(?:\.\d+)?)\s*%\s*of the (?:weights|parameters) active", snippet)
        totals = re.findall(PARAM_NUM, snippet)
        if frac is None or len(totals) != 1:
            raise Skip("the quote does not state one total and one active fraction")
        total, total_precision = number(*totals[0])
        pct = Decimal(frac.group(1))
        step = Decimal(1).scaleb(-len(frac.group(1).partition(".")[2]))  # the last written digit, in %
        active = Decimal(total) * pct / 100
        if active != active.to_integral_value():
            raise Skip("the product is not a whole number of parameters")
        precision = max(float(Decimal(total) * step / 100), total_precision or 0.0)
        self.add(item, "parameters.active", int(active), Method.RECONSTRUCTED, precision=precision,
                 confidence="medium" if confidence_level(item.confidence_text) == "high" else None,
                 notes=[f"derived by this script: {frac.group(1)}% x {totals[0][0]}{totals[0][1]} as the developer "
                        "states them; the developer gives no active figure, and the interval is the fraction's "
                        f"rounding ({step}%) times the total"])

    def license_name(self, item: Item) -> None:
        name, notes = caveats(str(item.value))
        name = name.strip(" ;")
        self.add(item, "license_name", name, self.statement_method(item), notes=notes)

    def gated(self, item: Item) -> None:
        v = item.value
        if v is False:
            self.add(item, "gated", False, self.metadata_method(item))
            return
        text = str(v).lower()
        if "manual" in text:
            self.add(item, "gated", "manual", self.metadata_method(item))
        elif text.startswith(("yes", "true")):
            self.add(item, "gated", True, self.metadata_method(item), notes=[
                f"gated ({str(v)}); the page does not say whether access is approved automatically or manually, "
                "so the value is true rather than the Hub's 'auto'/'manual'"])
        else:
            raise Skip(f"cannot read a gated flag from {v!r}")

    def created_at(self, item: Item) -> None:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z", str(item.value)):
            raise Skip("not an exact createdAt timestamp")
        self.add(item, "created_at", str(item.value), self.metadata_method(item))

    def base_model(self, item: Item) -> None:
        value = item.value if isinstance(item.value, list) else [item.value]
        if not all(isinstance(v, str) and re.fullmatch(r"[\w.-]+/[\w.-]+", v) for v in value):
            raise Skip(f"not a list of repo ids: {item.value!r}")
        self.add(item, "base_model", value, self.metadata_method(item))

    def count(self, item: Item, prop: str) -> None:
        text, notes = caveats(str(item.value))
        options = [o.strip() for o in text.split("/")]
        options = [o for o in options if re.fullmatch(r"\d+(\.\d+)?[kKM]?", o)
                   and item.snippet and bullet_item(o, item.snippet)]
        if len(options) != 1:
            raise Skip(f"no single figure of {item.value!r} shown in the snippet")
        m = re.fullmatch(r"(\d+(?:\.\d+)?)([kKM]?)", options[0])
        assert m is not None  # the filter above kept only options of this shape
        n, precision = number(m.group(1), m.group(2) or None)
        if "/" in text:
            notes = [f"hub_facts.json: {item.value}; the figure shown in the quoted snippet is kept"]
        elif notes:
            notes = [f"hub_facts.json: {item.value}"]
        self.add(item, prop, n, Method.PAGE if item.source.kind in ("own-page", "hub-page") else Method.RECONSTRUCTED,
                 precision=precision,
                 notes=["list-page figure, last-month downloads, snapshot date unknown" if prop == "downloads"
                        else "list-page figure, snapshot date unknown", *notes])

    def downloads(self, item: Item) -> None:
        self.count(item, "downloads")

    def likes(self, item: Item) -> None:
        self.count(item, "likes")

    def vision_encoder(self, item: Item) -> None:
        text = str(item.value)
        for pattern, family in VISION_FAMILIES:
            if re.search(pattern, text, re.I):
                self.add(item, "vision_encoder", family, self.statement_method(item),
                         notes=[f"hub_facts.json: {text}"])
                return
        raise Skip(f"no known vision encoder family in {text!r}")

    def vision_config(self, item: Item) -> None:
        value, notes = caveats(str(item.value))
        if not re.fullmatch(r"[a-z0-9_]+", value):
            raise Skip("not a model_type")
        method = Method.CONFIG if item.source.kind == "config" else Method.RECONSTRUCTED
        self.add(item, "vision_config", {"model_type": value}, method, notes=notes)

    def moe(self, item: Item) -> None:
        if not isinstance(item.value, dict):
            raise Skip("not a mapping")
        method = Method.CONFIG if item.source.kind == "config" else self.statement_method(item)
        self.add(item, "moe", item.value, method,
                 notes=["MoE and shape values as listed in hub_facts.json (the quote shows some of them)"])

    def from_scratch(self, item: Item) -> None:
        sentence = sentence_with(item.snippet or "", "from scratch")
        if sentence:
            self.add(item, "training.from_scratch_statement", sentence, self.statement_method(item),
                     notes=["the source's own words; not a Hub statement that no base model exists"])


# ---------------------------------------------------------------------------------------------------------


def load_items(entry: dict[str, Any], id_desc: dict[str, str]) -> list[Item]:
    repo_id = entry["repo_id"]
    items: list[Item] = []
    last_url: str | None = None
    for key, raw in entry.get("facts", {}).items():
        url_text = raw.get("source_url")
        if url_text == "same":
            url_text = last_url
        elif url_text:
            last_url = url_text
        conf = raw.get("confidence") or "none"
        items.append(Item(repo_id=repo_id, key=key, value=raw.get("value"), snippet=raw.get("snippet"),
                          confidence_text=conf, note=raw.get("note"),
                          source=classify(url_text, repo_id, conf, id_desc)))
    return items


def build(hub_facts: list[dict[str, Any]], report: Report | None = None) -> tuple[list[RepoEvidence], Report]:
    """The evidence files for every entry with a repo_id (pure: no I/O)."""
    report = report or Report()
    id_desc: dict[str, str] = {}
    for entry in hub_facts:
        for raw in entry.get("facts", {}).values():
            m = re.match(r"unnamed public GitHub file \(id (\d+)\) \((.*)\)$", raw.get("source_url") or "")
            if m:
                id_desc.setdefault(m.group(1), m.group(2))
    out: list[RepoEvidence] = []
    for entry in hub_facts:
        if not entry.get("repo_id"):
            report.skipped_entries.append(f"{entry.get('org', '?')}: repo_id null ({entry.get('notes', '')})")
            continue
        builder = RepoBuilder(entry["repo_id"], load_items(entry, id_desc), report)
        facts = builder.build()
        out.append(RepoEvidence(repo_id=entry["repo_id"], retrieved_at=RETRIEVED_AT, revision=None,
                                origin="public-pages", facts=facts, note=EVIDENCE_NOTE))
    return out, report


def write(evidence: list[RepoEvidence], out_dir: Path, report: Report) -> None:
    store = SnapshotStore(out_dir)
    for ev in evidence:
        path = store.save(ev)
        report.written.append((ev.repo_id, path, len(ev.facts)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hub-facts", type=Path, default=DEFAULT_HUB_FACTS, help="hub_facts.json to read")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="snapshot directory (claims/evidence/hub)")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")
    args = parser.parse_args(argv)
    try:
        data = json.loads(args.hub_facts.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"error: cannot read {args.hub_facts}: {exc}", file=sys.stderr)
        return 2
    if not isinstance(data, list):
        print(f"error: {args.hub_facts}: expected a list of repo entries", file=sys.stderr)
        return 2
    evidence, report = build(data)
    write(evidence, args.out, report)
    if not args.quiet:
        for repo_id, path, n in report.written:
            print(f"wrote {path} ({n} facts)")
        for entry in report.skipped_entries:
            print(f"skipped entry: {entry}")
        for repo_id, key, reason in report.skipped_values:
            print(f"skipped {repo_id} {key}: {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
