"""Realistic registries for the benchmarks: tilings of the bundled registry and a calibrated generator.

    .venv/bin/python benchmarks/realistic.py tile 10000 /tmp/reg              # copies with their own entities
    .venv/bin/python benchmarks/realistic.py tile 10000 /tmp/reg --mode articles   # new articles, same models
    .venv/bin/python benchmarks/realistic.py generate 100000 /tmp/reg [--seed 1]
    .venv/bin/python benchmarks/realistic.py calibrate [REGISTRY_DIR]   # the figures below for any registry

Everything is synthetic and written into the directory given (a temp dir); nothing is shipped or fetched.

* ``tile(out, n, mode="separate")``: ceil(n / 175) copies of ./claims (its real sources: property mix,
  Korean quotes, notes, expects). Each copy has its own entities and Hub repos (ids, names, ``hub_orgs``,
  ``hub_repo`` and source ids suffixed ``-c0042``; the snapshot files copied under the renamed repo ids), so
  its verdict counts are copies x the bundled counts.
* ``tile(out, n, mode="articles")``: every copy is a new article about the same models (source ids suffixed
  ``-a0042``; one set of entities and snapshots), so cross-article groups grow with the copies.
* ``generate(out, n, seed)``: a registry calibrated to ./claims (``calibration()`` measures both; the
  benchmark prints them side by side): the share of Hub-checkable claims, bytes per claim, notes and expects,
  Korean quotes of the bundled lengths, names per entity, cross-article groups of 1-4 sources per story, and
  a pool of Hub repos that stops growing at a few thousand (a million claims name at most a few thousand).

Snapshot files are in the live format ``claimcheck hub refresh`` writes: a ``raw`` section with the model
info, config.json and model card (~45 KB a file). Tilings keep the bundled files' facts and ``origin`` (an
``origin`` of ``live`` would change open-weights verdicts of files without an ``exists`` fact) and add the
raw section; generated files are ``origin: live`` with the facts ``hub refresh`` derives from such answers.
Text is written directly (templates + ``str.replace``), never through a YAML dumper, so 1M claims is quick.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import itertools
import json
import math
import random
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "claims"
#: Placeholders in templates: an entity/repo suffix and a source suffix (never in real text).
ENT, SRC = "\x00", "\x01"
#: json.dumps writes a placeholder as this escape.
ENT_JSON = "\\u0000"
#: Properties whose claim values are entity ids (built-in ``developer`` and the bundled declared ones).
ENTITY_PROPS = frozenset({"developer", "ceo", "founder", "former_employer", "parent"})
#: Bytes of a recorded model card: hub refresh files are ~45 KB, most of it the card.
CARD_BYTES = 36_000
#: When the generated snapshots were "recorded".
OBSERVED = "2026-11-01T00:00:00Z"


# -- live-format snapshot files ------------------------------------------------------------------------

_EN = [
    "This model was pretrained from scratch on a large multilingual corpus and then instruction-tuned.",
    "We evaluate the model on standard benchmarks for reasoning, coding, mathematics and Korean knowledge.",
    "The tokenizer is a byte-level BPE with an extended vocabulary for Korean and code.",
    "Training used a cosine learning-rate schedule with warm-up and a global batch of several million tokens.",
    "Please refer to the technical report for the data mixture, the training recipe and ablations.",
    "The model supports a long context window through rotary position embeddings with YaRN scaling.",
    "Safety alignment combines supervised fine-tuning with preference optimisation on curated data.",
    "Quantised variants are provided separately; the weights here are stored in BF16 safetensors.",
    "Limitations: the model may produce inaccurate or biased content and should be used with care.",
    "We thank the infrastructure team and our partners for the compute that made this release possible.",
]
_KO = [
    "이 모델은 대규모 한국어·영어 말뭉치로 처음부터 사전학습한 뒤 지시 따르기 학습을 거쳤다.",
    "추론, 코딩, 수학, 한국어 지식 등 주요 벤치마크에서 동급 모델 대비 높은 성능을 보였다.",
    "모델 가중치는 연구 및 상업적 용도로 공개되며, 자세한 조건은 라이선스를 참고하기 바란다.",
    "긴 문맥 처리를 위해 회전 위치 임베딩과 확장 기법을 적용했다.",
    "학습 데이터의 구성과 학습 방법은 기술 보고서에 상세히 기술돼 있다.",
]
_BENCH = ["MMLU", "KMMLU", "HAE-RAE", "GSM8K", "MATH", "HumanEval", "MBPP", "ARC-C", "HellaSwag", "IFEval",
          "MT-Bench", "KoBEST", "GPQA", "LiveCodeBench", "AIME 2025"]


_CARDS: dict[tuple[str, int, int], str] = {}


def model_card(repo_id: str, license_id: str, total: int | None, rnd: random.Random,
               target: int = CARD_BYTES) -> str:
    """A model card of about ``target`` UTF-8 bytes: front matter, prose (English, Korean), tables, code.
    Bodies are drawn from 16 variants (the repo id and size substituted), so thousands of cards are quick."""
    variant = rnd.randrange(16)
    key = (license_id, target, variant)
    if key not in _CARDS:
        _CARDS[key] = _card("\x02/\x03", license_id, random.Random(variant), target)
    name = repo_id.split("/")[1]
    size = f"{name} is a language model with {total / 1e9:.1f}B parameters.\n" if total else ""
    return _CARDS[key].replace("\x04", size).replace("\x02", repo_id.split("/")[0]).replace("\x03", name)


def _card(repo_id: str, license_id: str, rnd: random.Random, target: int) -> str:
    name = repo_id.split("/")[1]
    head = [f"---\nlicense: {license_id}\nlanguage:\n- ko\n- en\npipeline_tag: text-generation\n"
            "library_name: transformers\ntags:\n- korean\n- llm\n---\n", f"# {name}\n"]
    head.append("\x04")
    parts = head
    size = sum(len(p.encode()) for p in parts)
    section = 0
    while size < target:
        section += 1
        kind = section % 4
        if kind == 0:
            rows = ["| Benchmark | " + " | ".join(f"Model {k}" for k in range(5)) + " |",
                    "|---" * 6 + "|"]
            rows += [f"| {b} | " + " | ".join(f"{rnd.uniform(20, 95):.1f}" for _ in range(5)) + " |"
                     for b in rnd.sample(_BENCH, 10)]
            block = f"\n## Evaluation {section}\n\n" + "\n".join(rows) + "\n"
        elif kind == 1:
            block = (f"\n## Quickstart {section}\n\n```python\nfrom transformers import AutoModelForCausalLM, "
                     f"AutoTokenizer\n\nmodel_id = \"{repo_id}\"\ntokenizer = AutoTokenizer.from_pretrained(model_id)\n"
                     "model = AutoModelForCausalLM.from_pretrained(model_id, torch_dtype=\"auto\", device_map=\"auto\")\n"
                     "messages = [{\"role\": \"user\", \"content\": \"안녕하세요, 자기소개를 해 주세요.\"}]\n"
                     "inputs = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors=\"pt\")\n"
                     "print(tokenizer.decode(model.generate(inputs, max_new_tokens=256)[0]))\n```\n")
        elif kind == 2:
            block = f"\n## 모델 소개 {section}\n\n" + " ".join(rnd.choice(_KO) for _ in range(8)) + "\n"
        else:
            block = f"\n## Details {section}\n\n" + " ".join(rnd.choice(_EN) for _ in range(10)) + "\n"
        parts.append(block)
        size += len(block.encode())
    parts.append(f"\n## Citation\n\n```bibtex\n@misc{{{name.lower()},\n  title={{{name}}},\n"
                 f"  url={{https://huggingface.co/{repo_id}}},\n  year={{2025}}\n}}\n```\n")
    return "".join(parts)


def config_json(model_type: str, rnd: random.Random) -> dict[str, Any]:
    """A config.json in the shape of a transformers causal LM."""
    hidden = rnd.choice([2048, 3072, 4096, 5120, 7168, 8192])
    return {
        "architectures": [f"{model_type.title().replace('_', '')}ForCausalLM"], "model_type": model_type,
        "attention_bias": False, "attention_dropout": 0.0, "bos_token_id": 1, "eos_token_id": 2,
        "head_dim": 128, "hidden_act": "silu", "hidden_size": hidden, "initializer_range": 0.02,
        "intermediate_size": hidden * 4, "max_position_embeddings": rnd.choice([8192, 32768, 131072]),
        "num_attention_heads": hidden // 128, "num_hidden_layers": rnd.choice([24, 32, 48, 64, 80]),
        "num_key_value_heads": 8, "pretraining_tp": 1, "rms_norm_eps": 1e-05,
        "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                         "original_max_position_embeddings": 8192, "rope_type": "llama3"},
        "rope_theta": 500000.0, "tie_word_embeddings": False, "torch_dtype": "bfloat16",
        "transformers_version": "4.52.4", "use_cache": True, "vocab_size": rnd.choice([102400, 128256, 151936]),
    }


def model_info(repo_id: str, sha: str, created: str, license_id: str, total: int | None, model_type: str,
               downloads: int, pipeline: str, base: list[str], config: dict[str, Any]) -> dict[str, Any]:
    """``GET /api/models/{repo_id}?expand=…`` as the Hub answers it (only the expanded keys)."""
    owner = repo_id.split("/")[0]
    tags = ["transformers", "safetensors", model_type, pipeline, "conversational", "ko", "en",
            f"license:{license_id}", "text-generation-inference", "endpoints_compatible", "region:us"]
    tags += [f"base_model:{b}" for b in base]
    card_data: dict[str, Any] = {"license": license_id, "language": ["ko", "en"], "pipeline_tag": pipeline,
                                 "library_name": "transformers", "tags": ["korean", "llm"]}
    if base:
        card_data["base_model"] = base[0]
    info: dict[str, Any] = {
        "_id": hashlib.sha1(repo_id.encode()).hexdigest()[:24], "id": repo_id, "author": owner, "sha": sha,
        "createdAt": created, "lastModified": created, "private": False, "gated": False, "disabled": False,
        "downloads": downloads, "downloadsAllTime": downloads * 7, "likes": downloads // 997,
        "library_name": "transformers", "pipeline_tag": pipeline, "tags": tags, "cardData": card_data,
        "config": {"architectures": config["architectures"], "model_type": model_type,
                   "tokenizer_config": {"bos_token": "<s>", "eos_token": "</s>", "pad_token": None,
                                        "chat_template": "{% for message in messages %}{{ message['content'] }}"
                                                         "{% endfor %}"}},
        "baseModels": {"relation": "finetune", "models": [{"id": b} for b in base]} if base else None,
    }
    if total:
        info["safetensors"] = {"parameters": {"BF16": total}, "total": total}
    return {k: v for k, v in info.items() if v is not None}


def _first(facts: list[dict[str, Any]], prop: str, default: Any = None) -> Any:
    return next((f["value"] for f in facts if f["property"] == prop), default)


def live_raw(snap: dict[str, Any]) -> dict[str, Any]:
    """A ``raw`` section for a bundled snapshot, built from its own facts (so raw and facts agree)."""
    repo_id, facts = snap["repo_id"], snap["facts"]
    rnd = random.Random(repo_id)
    total = _first(facts, "parameters.total")
    total = total if isinstance(total, int) else None
    lic = _first(facts, "license", "other")
    lic = lic if isinstance(lic, str) else "other"
    model_type = _first(facts, "model_type", "llama")
    model_type = model_type if isinstance(model_type, str) else "llama"
    created = _first(facts, "created_at", "2025-06-30T00:00:00.000Z")
    base = _first(facts, "base_model", [])
    base = [b for b in base if isinstance(b, str)] if isinstance(base, list) else []
    sha = snap.get("revision") or hashlib.sha1(repo_id.encode()).hexdigest()
    config = config_json(model_type, rnd)
    info = model_info(repo_id, sha, str(created), lic, total, model_type, rnd.randrange(100, 10**6),
                      _first(facts, "pipeline_tag", "text-generation"), base, config)
    return {"model_info": info, "config_json": config, "model_card": model_card(repo_id, lic, total, rnd)}


def _dump(snap: dict[str, Any]) -> str:
    """The text ``claimcheck hub refresh`` writes (store.dump_evidence: indent 2, UTF-8, newline).

    pydantic_core's serialiser is 4x faster than ``json.dumps(indent=2)`` and writes the same text, but
    for float spelling (``0.00001`` for ``1e-05``): the same values."""
    import pydantic_core

    return pydantic_core.to_json(snap, indent=2).decode("utf-8") + "\n"


def _mark_owner(value: Any, owner: str) -> Any:
    """``value`` with the repo owner ``owner`` followed by the entity placeholder wherever it names the repo."""
    pat = re.compile(r"(?<![A-Za-z0-9._-])" + re.escape(owner) + r"(?=/)")
    if isinstance(value, str):
        return owner + ENT if value == owner else pat.sub(lambda m: m.group(0) + ENT, value)
    if isinstance(value, list):
        return [_mark_owner(v, owner) for v in value]
    if isinstance(value, dict):
        return {k: _mark_owner(v, owner) for k, v in value.items()}
    return value


def _bundled_snapshots() -> list[tuple[str, dict[str, Any]]]:
    root = BUNDLED / "evidence" / "hub"
    return [(f"{p.parent.name}/{p.stem}", json.loads(p.read_text(encoding="utf-8")))
            for p in sorted(root.glob("*/*.json"))]


# -- tilings of the bundled registry ---------------------------------------------------------------------

def _scalar(text: str) -> Any:
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


_PLAIN = re.compile(r'[^"\\\x00-\x1f\x7f]*\Z')


def _q(name: str, mark: str = "") -> str:
    """``name`` as a YAML double-quoted scalar (JSON is valid YAML), with ``mark`` before the closing quote."""
    if _PLAIN.match(name):   # the common case, and 20x faster than json.dumps
        return '"' + name + mark + '"'
    return json.dumps(name, ensure_ascii=False)[:-1] + mark + '"'


def _entities_template(text: str) -> str:
    """entities.yaml with the entity placeholder after every id, name, Hub namespace and entity reference."""
    out: list[str] = []
    in_names = False
    for line in text.splitlines():
        if in_names:
            m = re.match(r"^(      - )(.*)$", line)
            if m:
                out.append(m.group(1) + _q(str(_scalar(m.group(2))), ENT))
                continue
            in_names = False
        m = re.match(r"^(  - id: |    (?:developer|parent|organiser): )(\S+)\s*$", line)
        if m:
            out.append(m.group(1) + m.group(2) + ENT)
            continue
        m = re.match(r"^    (names|hub_orgs): *(.*)$", line)
        if m:
            if not m.group(2).strip():
                in_names = True
                out.append(line)
                continue
            items = _scalar(m.group(2))
            out.append(f"    {m.group(1)}: [" + ", ".join(_q(str(i), ENT) for i in items) + "]")
            continue
        m = re.match(r"^(    hub_repo: )([^/\s]+)/(\S+)\s*$", line)
        if m:
            out.append(f"{m.group(1)}{m.group(2)}{ENT}/{m.group(3)}")
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def _source_template(text: str, entity_ids: set[str], rename_entities: bool) -> str:
    """A source file with the source placeholder after its id, and (``rename_entities``) the entity
    placeholder after every subject and entity-valued claim value."""
    out: list[str] = []
    prop = None
    seen_id = False
    for line in text.splitlines():
        m = re.match(r"^(  id: )(\S+)\s*$", line)
        if m and not seen_id:
            out.append(m.group(1) + m.group(2) + SRC)
            seen_id = True
            continue
        m = re.match(r"^    property: (\S+)\s*$", line)
        if m:
            prop = m.group(1)
        if rename_entities:
            m = re.match(r"^(    subject: )(\S+)\s*$", line)
            if m:
                ref = m.group(2)
                if ref.startswith("hf:"):
                    owner, name = ref[3:].split("/", 1)
                    out.append(f"{m.group(1)}hf:{owner}{ENT}/{name}")
                else:
                    assert ref in entity_ids, f"subject {ref!r} is not an entity id"
                    out.append(m.group(1) + ref + ENT)
                continue
            m = re.match(r"^(    value: )(.+?)\s*$", line)
            if m and prop in ENTITY_PROPS:
                value = _scalar(m.group(2))
                values = value if isinstance(value, list) else [value]
                assert all(v in entity_ids for v in values), f"entity value {value!r} is not an entity id"
                marked = [v + ENT for v in values]
                out.append(m.group(1) + ("[" + ", ".join(marked) + "]" if isinstance(value, list) else marked[0]))
                continue
            if m and prop == "relation.size":  # {object: <entity>, smaller_by: 5%}
                obj = re.search(r"object: *([^,}\s]+)", m.group(2))
                assert obj and obj.group(1) in entity_ids, f"relation object in {m.group(2)!r} is not an entity id"
                out.append(m.group(1) + m.group(2)[:obj.end(1)] + ENT + m.group(2)[obj.end(1):])
                continue
        out.append(line)
    return "\n".join(out) + "\n"


def _write_common(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in ("claimcheck.yaml", "licenses.yaml", "properties.yaml"):
        if (BUNDLED / name).exists():
            shutil.copyfile(BUNDLED / name, out / name)
    (out / "sources").mkdir(exist_ok=True)


def bundled_claims() -> int:
    """How many claims ./claims holds (counted from its files' ``  - id:`` lines under ``claims:``)."""
    return sum(len(re.findall(r"^  - id: ", p.read_text(encoding="utf-8").split("\nclaims:", 1)[-1], re.M))
               for p in (BUNDLED / "sources").glob("*.yaml"))


def tile(out: Path, n_claims: int, mode: str = "separate", live: bool = True) -> dict[str, Any]:
    """Write ceil(n_claims / bundled claims) copies of ./claims into ``out`` (emptied first); see the module
    docstring for the two modes. Returns {"copies", "claims", "repos", "seconds"}."""
    if mode not in ("separate", "articles"):
        raise ValueError(f"mode must be separate or articles, not {mode!r}")
    t0 = time.perf_counter()
    shutil.rmtree(out, ignore_errors=True)
    _write_common(out)
    per_copy = bundled_claims()
    copies = max(1, math.ceil(n_claims / per_copy))
    separate = mode == "separate"
    ent_text = (BUNDLED / "entities.yaml").read_text(encoding="utf-8")
    entity_ids = set(re.findall(r"^  - id: (\S+)", ent_text, re.M))
    sources = [(p.stem, _source_template(p.read_text(encoding="utf-8"), entity_ids, separate))
               for p in sorted((BUNDLED / "sources").glob("*.yaml"))]
    snaps = []
    for repo_id, snap in _bundled_snapshots():
        if live:
            snap = {**snap, "raw": live_raw(snap)}
        snaps.append((repo_id, snap))
    tag = "c" if separate else "a"
    hub = out / "evidence" / "hub"
    if separate:
        ent_tpl = _entities_template(ent_text)
        parts = []
        for i in range(copies):
            body = ent_tpl.replace(ENT, f"-{tag}{i:04d}")
            parts.append(body if i == 0 else body.split("\nentities:\n", 1)[1])
        (out / "entities.yaml").write_text("".join(parts), encoding="utf-8")
        # Encoded once: each copy is the template's bytes with the suffix in place of the placeholder.
        ev_tpls = [(repo_id, _dump(_mark_owner(snap, repo_id.split("/")[0])).encode("utf-8"))
                   for repo_id, snap in snaps]
        placeholder = ENT_JSON.encode("ascii")
        for i in range(copies):
            sfx = f"-{tag}{i:04d}"
            sfx_b = sfx.encode("ascii")
            for repo_id, tpl in ev_tpls:
                owner, name = repo_id.split("/")
                d = hub / (owner + sfx)
                d.mkdir(parents=True, exist_ok=True)
                (d / f"{name}.json").write_bytes(tpl.replace(placeholder, sfx_b))
    else:
        shutil.copyfile(BUNDLED / "entities.yaml", out / "entities.yaml")
        for repo_id, snap in snaps:
            p = hub / f"{repo_id}.json"
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(_dump(snap), encoding="utf-8")
    for i in range(copies):
        sfx = f"-{tag}{i:04d}"
        for stem, source in sources:
            text = source.replace(SRC, sfx).replace(ENT, sfx if separate else "")
            (out / "sources" / f"{stem}{sfx}.yaml").write_text(text, encoding="utf-8")
    return {"copies": copies, "claims": copies * per_copy, "repos": len(snaps) * (copies if separate else 1),
            "seconds": time.perf_counter() - t0}


# -- a generator calibrated to the bundled registry ---------------------------------------------------

#: Claims per source in ./claims (175 in 5).
CLAIMS_PER_SOURCE = 35
#: Hub repos a registry names: grows with the claims, then stops (a million claims, a few thousand repos).
MAX_REPOS = 3000
CLAIMS_PER_REPO_10K = 30
#: Share of claims about a model on the Hub with a built-in property (./claims: 63 of 175 = 36 %).
HUB_SHARE = 0.36
#: Built-in properties of the Hub claims, weighted as in ./claims.
HUB_PROPS = [("developer", 22), ("parameters.total", 20), ("open_source", 8), ("release_date", 6),
             ("from_scratch", 4), ("open_weights", 3), ("commercial_use", 3), ("license", 2), ("downloads", 1)]
#: Sources per story (articles on one topic, whose claims are compared), and their weights.
STORY_SIZES = [(1, 30), (2, 40), (3, 20), (4, 10)]
#: Names per entity in ./claims: {2: 39, 3: 17, 4: 7, 1: 1, 5: 1, 8: 1}.
NAMES_PER_ENTITY = [(1, 1), (2, 39), (3, 17), (4, 7), (5, 1), (8, 1)]
LICENSES = ["apache-2.0", "mit", "llama3", "apache-2.0", "cc-by-nc-4.0"]
_SYL = "가나다라마바사아자차카타파하한강별솔빛누리온새봄결"
_ROM = ["ga", "na", "da", "ra", "ma", "ba", "sa", "a", "ja", "cha", "ka", "ta", "pa", "ha", "han", "gang", "byeol",
        "sol", "bit", "nu", "ri", "on", "sae", "bom", "gyeol"]
_NOTES = [
    "The article states it plainly; the Hub figure is the safetensors total.",
    "Relative date resolved against the publication date of the article.",
    "Same figure as the other articles of this week; rounded in the headline.",
    "The quote names the model by its Korean name; the entity lists both spellings.",
    "A second outlet repeats the press release; kept as a separate source on purpose.",
    "The figure is the developer's own; the card on the Hub says the same.",
]
_EVENT_NAMES = ["kickoff", "call-notice", "application-deadline", "phase1-results", "phase2-evaluation",
                "final-selection", "briefing-session", "additional-selection", "gpu-support-end", "passed"]
_GROUPS = ["phase1", "phase2", "consortium", "additional-call-applicants", "elite-teams", "gpu-support"]


_CUMULATIVE: dict[int, tuple[list[Any], list[int], list[tuple[Any, int]]]] = {}


def _pick(rnd: random.Random, weighted: list[tuple[Any, int]]) -> Any:
    """One value of ``weighted`` (value, weight) pairs. ``choices`` with the weights' running sums draws the same
    as with the weights (it sums them itself), so they are summed once per list."""
    got = _CUMULATIVE.get(id(weighted))
    if got is None or got[2] is not weighted:
        got = _CUMULATIVE[id(weighted)] = ([v for v, _ in weighted], list(itertools.accumulate(w for _, w in weighted)),
                                           weighted)
    return rnd.choices(got[0], cum_weights=got[1])[0]


def _ko(rnd: random.Random, k: int) -> str:
    choice = rnd.choice
    return "".join([choice(_SYL) for _ in range(k)])


def _names(rnd: random.Random, en: str, ko: str) -> list[str]:
    count = _pick(rnd, NAMES_PER_ENTITY)
    names = [en, ko, f"{en} ({ko})", f"{ko} {en}", en.upper(), f"{ko}({en})", f"{en} AI", f"{ko} AI"]
    return names[:count]


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


_LEADS = ["과학기술정보통신부는 이날 보도자료를 내고 ", "업계에 따르면 ", "회사 측은 기자간담회에서 ", "이번 발표에서 ",
          "관계자는 ‘", "지난 주 열린 설명회에서 ", ""]
OSI = {"apache-2.0", "mit"}


def _lead(rnd: random.Random, quote: str) -> str:
    """A quote of the bundled length: a clause, often with the words that lead into it."""
    lead = rnd.choice(_LEADS)
    return (lead + quote + ("’" if lead.endswith("‘") else ""))[:300]


def _hub_claim(rnd: random.Random, prop: str, model: dict[str, Any], published: str) -> tuple[str, str, str]:
    """(value as YAML, quote, expected verdict) of a claim about a Hub model."""
    ko, size = model["ko"], model["size"]
    if prop == "parameters.total":
        roll = rnd.random()
        if roll < 0.9:
            v = f"{size:g}B" if rnd.random() < 0.5 else f"{round(size * 10)}억"
            return v, f"{ko}는 {v} 파라미터 규모의 모델로 사전학습부터 자체 수행했다", "supported"
        if roll < 0.96:   # a few per cent off: the exact safetensors total contradicts it
            v = f"{round(size * 10.5)}억"
            return v, f"약 {v} 매개변수 규모의 {ko}", "contradicted"
        return f"{size * 3:g}B", f"{ko}는 {size * 3:g}B 규모로 알려졌다", "contradicted"
    if prop == "developer":
        return model["org"], f"{model['org_ko']}가 자체 개발한 {ko} 모델을 공개했다", "supported"
    if prop == "open_source":
        return "true", f"{ko} 모델을 오픈소스로 공개했다", "supported" if model["license"] in OSI else "approximate"
    if prop == "open_weights":
        return "true", f"{ko} 모델의 가중치를 누구나 내려받을 수 있게 공개했다", "supported"
    if prop == "release_date":
        return (model["created"][:7], f"지난 {int(model['created'][5:7])}월 공개한 {ko} 모델은",
                "supported" if model["card_date"] else "unverifiable")
    if prop == "from_scratch":
        return "true", f"{ko}는 사전학습부터 자체 수행한 모델이다", "unverifiable"
    if prop == "commercial_use":
        return ("true", f"{ko}는 상업적 이용이 가능한 라이선스로 공개됐다",
                "contradicted" if model["license"] == "cc-by-nc-4.0" else "supported")
    if prop == "license":
        return model["license"], f"{ko}는 {model['license']} 라이선스로 배포된다", "supported"
    if prop == "downloads":
        v = max(1, model["downloads"] // 20000)
        return (f"\">={v}만\"", f"공개 한 달 만에 {v}만 건 이상 다운로드됐다",
                "supported" if published > OBSERVED[:10] else "unverifiable")
    raise ValueError(prop)


def _topic_facts(rnd: random.Random, topic: int) -> tuple[list[str], list[tuple[str, str, str, str]]]:
    """Entities (YAML text) and facts (subject, property, value, quote) of one story's topic: a programme,
    six teams, three people."""
    t = f"t{topic:05d}"
    prog, orgs, people = f"programme-{t}", [f"team-{t}-{k}" for k in range(6)], [f"person-{t}-{k}" for k in range(3)]
    taken: set[str] = set()

    def fresh(suffix: str) -> str:
        """A Korean name no other entity of the topic has (names are unique registry-wide)."""
        while (ko := _ko(rnd, 3) + suffix) in taken:
            pass
        taken.add(ko)
        return ko

    org_ko: dict[str, str] = {}
    pname = fresh("")
    pnames = [f"{pname} AI 파운데이션 사업 {t}", f"{pname} {t}", f"Sovereign AI Project {t}"]
    ents = [f"  - id: {prog}\n    kind: programme\n    names: {_flow(pnames)}\n"
            f"    note: A government programme of the synthetic topic {t}.\n"]
    for o in orgs:
        ko = fresh("랩스")
        org_ko[o] = ko
        ents.append(f"  - id: {o}\n    kind: organisation\n    names: {_flow(_names(rnd, o.title(), f'{ko} {t}'))}\n")
    for p in people:
        ko = fresh("")
        ents.append(f"  - id: {p}\n    kind: person\n    names: {_flow([f'{ko} {t}', p.title()])}\n"
                    f"    note: Founder and chief executive; named in the synthetic topic {t}.\n")
    facts = []
    for ev in rnd.sample(_EVENT_NAMES, 8):
        d = f"2026-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}"
        words = f"과기정통부는 {int(d[5:7])}월 {int(d[8:])}일 {ev.replace('-', ' ')} 일정을 밝혔다"
        facts.append((prog, f"event.{ev}", d, words))
    for c in ("final-teams", "phase2-teams", "additional-teams"):
        v = rnd.randrange(1, 6)
        facts.append((prog, f"count.{c}", str(v), f"{v}개 팀을 선정하기로 했다"))
    for b in ("total", "gpu", "data"):
        v = rnd.randrange(100, 3000)
        facts.append((prog, f"budget.{b}", f"{v}억 원", f"총 {v}억 원 규모의 사업을 시행한다고 발표했다"))
    for o in orgs:
        for g in rnd.sample(_GROUPS, 4):
            member = rnd.choice(["true", "false"])
            verb = "참여했다" if member == "true" else "참여하지 않았다"
            facts.append((o, f"member.{g}", member, f"{org_ko[o]}는 {g} 단계에 {verb}"))
        r = rnd.choice(["passed", "eliminated", "selected"])
        facts.append((o, "result.phase1", r, f"1차 평가 결과 {org_ko[o]}는 {r} 판정을 받았다"))
    for i, p in enumerate(people):
        facts.append((orgs[i], "ceo", p, f"{org_ko[orgs[i]]} 대표는 이날 기자간담회에서 이렇게 말했다"))
        age = rnd.randrange(30, 60)
        facts.append((p, "age", str(age), f"올해 {age}세인 그는 창업 전 연구원으로 일했다"))
    return ents, facts


def generate(out: Path, n_claims: int, seed: int = 1, live: bool = True) -> dict[str, Any]:
    """Write a registry of exactly ``n_claims`` claims into ``out`` (emptied first), calibrated to ./claims.

    Stories of 1-4 articles share a topic (a programme, six teams, three people) whose facts they repeat,
    now and then with another value (a dispute); 36 % of the claims are about Hub models drawn from a pool
    of ``min(3000, n / 30)`` repos, popular ones more often. Every claim has a note and the verdict expected.
    Returns {"claims", "repos", "sources", "seconds"}.
    """
    t0 = time.perf_counter()
    rnd = random.Random(seed)
    shutil.rmtree(out, ignore_errors=True)
    _write_common(out)
    n_repos = max(10, min(MAX_REPOS, n_claims // CLAIMS_PER_REPO_10K))
    n_orgs = max(2, n_repos // 6)
    ents = ["# Generated by benchmarks/realistic.py (synthetic; not Hub facts).\nentities:\n"]
    orgs = []
    for o in range(n_orgs):
        oid, ko = f"org-{o:04d}", f"{_ko(rnd, 2)}테크{o:04d}"
        owner = f"{_ROM[o % len(_ROM)].title()}Lab-{o:04d}"
        orgs.append((oid, ko, owner))
        ents.append(f"  - id: {oid}\n    kind: organisation\n    names: {_flow(_names(rnd, f'{owner} Inc', ko))}\n"
                    f"    hub_orgs: [{owner}]\n")
    models = []
    for r in range(n_repos):
        oid, org_ko, owner = orgs[r % n_orgs]
        size = rnd.choice([0.5, 1.5, 2.4, 3, 7, 7.8, 8, 12.7, 21, 32, 70, 102, 236])
        base = _ROM[r % len(_ROM)].title() + _ROM[(r * 7) % len(_ROM)]
        name = f"{base}-{r:04d}-{size:g}B"
        ko = f"{_ko(rnd, 2)}-{r:04d}-{size:g}B"
        m = {"id": f"model-{r:04d}", "repo": f"{owner}/{name}", "org": oid, "org_ko": org_ko, "ko": ko,
             "size": size, "total": int(size * 1e9 * (1 + rnd.uniform(0, 0.004))), "card_date": r % 2 == 0,
             "created": f"2025-{1 + r % 12:02d}-{1 + r % 28:02d}T09:00:00.000Z",
             "license": LICENSES[r % len(LICENSES)], "downloads": rnd.randrange(10**4, 10**7)}
        models.append(m)
        ents.append(f"  - id: {m['id']}\n    kind: model\n    names: {_flow(_names(rnd, name, ko))}\n"
                    f"    hub_repo: {m['repo']}\n    developer: {oid}\n")
    # Zipf-like: a few models in many articles (summed once: choices draws the same from the running sums)
    popularity = list(itertools.accumulate(1.0 / (1 + r) ** 0.8 for r in range(n_repos)))

    written, source_no, topic = 0, 0, 0
    sources_dir = out / "sources"
    notes = [_q(n) for n in _NOTES]
    while written < n_claims:
        topic += 1
        topic_ents, facts = _topic_facts(rnd, topic)
        ents += topic_ents
        story: list[tuple[str, str, list[list[Any]]]] = []   # (source id, header, entries)
        for _ in range(_pick(rnd, STORY_SIZES)):
            if written >= n_claims:
                break
            count = min(CLAIMS_PER_SOURCE, n_claims - written)
            sid = f"gen-{source_no:06d}-{_ROM[source_no % len(_ROM)]}"
            published = f"2026-{1 + source_no % 12:02d}-{1 + source_no % 28:02d}"
            head = (f"# Generated by benchmarks/realistic.py (synthetic).\nsource:\n  id: {sid}\n"
                    f"  title: {_q(f'{_ko(rnd, 4)} 독파모 {_ko(rnd, 3)} 선정…{_ko(rnd, 5)} AI 파운데이션 사업 {topic}')}\n"
                    f"  published: {published}\n  language: ko\n  text: {source_no:06d}_{seed:04d}.txt\n"
                    "  note: >-\n    The publisher is not named in the text. Relative dates are resolved against "
                    f"{published}: 지난달 = the month before,\n    지난해 = the year before. Synthetic article of "
                    f"topic {topic}.\n\nclaims:\n")
            hub_n = sum(1 for _ in range(count) if rnd.random() < HUB_SHARE)
            entries: list[list[Any]] = []
            for j, (subj, prop, value, quote) in enumerate(rnd.sample(facts, min(len(facts), count - hub_n))):
                if rnd.random() < 0.03 and prop.startswith(("count.", "budget.")):   # a dispute: another figure
                    value = str(int(re.sub(r"\D", "", value)) * 2) + value.lstrip("0123456789")
                entries.append([f"{prop.replace('.', '-')}-{j}", subj, prop, value, _lead(rnd, quote), None])
            for j, m in enumerate(rnd.choices(models, cum_weights=popularity, k=count - len(entries))):
                prop = _pick(rnd, HUB_PROPS)
                value, quote, expect = _hub_claim(rnd, prop, m, published)
                entries.append([f"{m['id']}-{prop.replace('.', '-').replace('_', '-')}-{j}", m["id"], prop, value,
                                _lead(rnd, quote), expect])
            rnd.shuffle(entries)
            story.append((sid, head, entries))
            written += len(entries)
            source_no += 1
        # What the curator expects of the topic's claims: agreed by another article, disputed, or alone.
        values: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
        for _, _, entries in story:
            for e in entries:
                if e[5] is None:
                    values[(e[1], e[2])].append(e[3])
        for sid, head, entries in story:
            lines = [head]
            for cid, subj, prop, value, quote, expect in entries:
                if expect is None:
                    seen = values[(subj, prop)]
                    expect = ("unverifiable" if len(seen) == 1 else
                              "corroborated" if len(set(seen)) == 1 else "disputed")
                lines.append(f"  - id: {cid}\n    subject: {subj}\n    property: {prop}\n    value: {value}\n"
                             f"    quote: {_q(quote)}\n    expect: {expect}\n    note: {rnd.choice(notes)}\n\n")
            (sources_dir / f"{sid}.yaml").write_text("".join(lines), encoding="utf-8")
    (out / "entities.yaml").write_text("".join(ents), encoding="utf-8")

    hub = out / "evidence" / "hub"
    for m in models:
        facts_out, raw = _live_facts(m, OBSERVED, rnd, live)
        snap: dict[str, Any] = {"schema_version": 1, "repo_id": m["repo"], "retrieved_at": OBSERVED,
                                "revision": raw["sha"], "origin": "live", "facts": facts_out}
        if live:
            snap["raw"] = raw["raw"]
        p = hub / f"{m['repo']}.json"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(_dump(snap), encoding="utf-8")
    return {"claims": written, "repos": n_repos, "sources": source_no, "seconds": time.perf_counter() - t0}


def _live_facts(m: dict[str, Any], observed: str, rnd: random.Random, live: bool) -> tuple[list[dict], dict]:
    """The facts ``hub refresh`` derives from a model's API answer, config.json and card (hub_facts.py's
    shapes and notes), and the raw answers themselves."""
    repo, total = m["repo"], m["total"]
    sha = hashlib.sha1(repo.encode()).hexdigest()
    api = f"https://huggingface.co/api/models/{repo}"
    config = config_json("llama", rnd)
    info = model_info(repo, sha, m["created"], m["license"], total, "llama", m["downloads"], "text-generation",
                      [], config)

    def fact(prop: str, value: Any, method: str = "hub-api", url: str = api, **kw: Any) -> dict[str, Any]:
        return {"property": prop, "value": value, "method": method, "source_url": url, "revision": sha,
                "observed_at": observed, **kw}

    created = m["created"].replace(".000Z", "+00:00")
    card_url = f"https://huggingface.co/{repo}/resolve/{sha}/README.md"
    size = f"{total / 1e9:.1f}B"
    facts = [
        fact("exists", True), fact("parameters.total", total, note="safetensors.total"),
        fact("parameters.by_dtype", {"BF16": total}, note="safetensors.parameters"),
        fact("license", m["license"], note="cardData.license"), fact("gated", False), fact("private", False),
        fact("disabled", False), fact("downloads", m["downloads"]), fact("downloads_all_time", m["downloads"] * 7),
        fact("likes", m["downloads"] // 997), fact("author", repo.split("/")[0]),
        fact("pipeline_tag", "text-generation"), fact("library_name", "transformers"),
        fact("tags", info["tags"]), fact("created_at", created), fact("last_modified", created),
        fact("model_type", "llama", note="config.model_type (the Hub's extract of config.json)"),
        fact("architectures", config["architectures"], note="config.architectures (the Hub's extract of config.json)"),
        fact("parameters.total", int(round(total / 1e8) * 1e8), "model-card", card_url, precision=1e8,
             quote=f"{repo.split('/')[1]} is a language model with {size} parameters.", confidence="high"),
        *([fact("release_date", created[:10], "model-card", card_url, confidence="high",
                quote=f"{repo.split('/')[1]} was released on {created[:10]}.")] if m["card_date"] else []),
        fact("context_length", config["max_position_embeddings"], "config",
             f"https://huggingface.co/{repo}/resolve/{sha}/config.json", note="max_position_embeddings"),
    ]
    raw = {"model_info": info, "config_json": config,
           "model_card": model_card(repo, m["license"], total, rnd)} if live else {}
    return facts, {"sha": sha, "raw": raw}


# -- calibration ---------------------------------------------------------------------------------------

def calibration(registry: Path) -> dict[str, Any]:
    """Figures that say how realistic a registry is (compare with ``calibration(BUNDLED)``)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    ents = yaml.load((registry / "entities.yaml").read_text(encoding="utf-8"), Loader=loader)["entities"]
    by_id = {e["id"]: e for e in ents}
    claims, nbytes = [], (registry / "entities.yaml").stat().st_size
    for p in sorted((registry / "sources").glob("*.yaml")):
        text = p.read_text(encoding="utf-8")
        nbytes += len(text.encode())
        doc = yaml.load(text, Loader=loader)
        claims += [(doc["source"]["id"], c) for c in doc.get("claims") or []]
    builtin = {"parameters.total", "parameters.active", "open_source", "open_weights", "license", "commercial_use",
               "gated", "release_date", "developer", "base_model", "from_scratch", "vision_encoder", "downloads",
               "relation.size", "context_length"}
    hub = [c for _, c in claims if c["property"] in builtin and
           (by_id.get(c["subject"], {}).get("hub_repo") or c["subject"].startswith("hf:"))]
    groups: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
    for sid, c in claims:
        groups[(c["subject"], c["property"])].add(sid)
    sizes = collections.Counter(min(len(v), 5) for v in groups.values())
    repos = {by_id[c["subject"]]["hub_repo"] for c in hub if c["subject"] in by_id}
    files = list((registry / "evidence" / "hub").glob("*/*.json"))
    sample = files[:50]
    n = len(claims)
    return {
        "claims": n,
        "bytes_per_claim": round(nbytes / n),
        "hub_checkable": round(len(hub) / n, 3),
        "with_note": round(sum(1 for _, c in claims if c.get("note")) / n, 3),
        "with_expect": round(sum(1 for _, c in claims if c.get("expect")) / n, 3),
        "quote_bytes": round(sum(len(c["quote"].encode()) for _, c in claims) / n),
        "names_per_entity": round(sum(len(e["names"]) for e in ents) / len(ents), 2),
        "group_sizes": {("5+" if k == 5 else str(k)): sizes[k] for k in sorted(sizes)},
        "repos_named": len(repos),
        "claims_per_repo": round(len(hub) / max(1, len(repos)), 1),
        "snapshot_kb": round(sum(p.stat().st_size for p in sample) / max(1, len(sample)) / 1024, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("tile")
    t.add_argument("claims", type=int)
    t.add_argument("out", type=Path)
    t.add_argument("--mode", choices=["separate", "articles"], default="separate")
    t.add_argument("--no-raw", action="store_true", help="snapshot files without the raw section")
    g = sub.add_parser("generate")
    g.add_argument("claims", type=int)
    g.add_argument("out", type=Path)
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("--no-raw", action="store_true")
    c = sub.add_parser("calibrate")
    c.add_argument("registry", type=Path, nargs="?", default=BUNDLED)
    args = parser.parse_args()
    if args.cmd == "tile":
        print(tile(args.out, args.claims, mode=args.mode, live=not args.no_raw))
    elif args.cmd == "generate":
        print(generate(args.out, args.claims, seed=args.seed, live=not args.no_raw))
    else:
        print(json.dumps(calibration(args.registry), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
