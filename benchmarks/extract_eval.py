"""How well `claimcheck extract` finds the claims a person extracts by hand. A script, not a test.

    .venv/bin/python benchmarks/extract_eval.py                 # figures; exit 1 when a target fails
    .venv/bin/python benchmarks/extract_eval.py --verbose       # also every miss and every unmatched proposal
    .venv/bin/python benchmarks/extract_eval.py --validate      # also: every article's output validates

On ``../shared/devset/`` (29 articles, 120 hand claims; see its README): each article is extracted with
the project registry (``claims/entities.yaml``) plus ``benchmarks/devset/entities.yaml`` (the dev set's
models and the spellings of their names) as the entities.

* A hand claim is **recalled** when a proposal of its article has its property (for dotted article
  properties — ``event.*``, ``budget.*``, ``count.*``, ``plan.*``, ``result.*``, ``gpu.*``,
  ``training.*``, ``checkpoint.*``, ``architecture.*`` — the same family, as their slugs are free
  text), its value (quantities within rounding or 1 %, dates overlapping at the precision written,
  booleans equal, names and licences the same after folding) and a quote that overlaps the hand quote.
  **Recall with subject** also needs the proposal's subject to resolve to the hand claim's Hub repo (or,
  for a descriptive subject, to an entity one of whose names the description contains).
* **Precision**: proposals that match a hand claim, restate one (its subject, property and value in
  another sentence of the article), or that ``benchmarks/devset/reviewed.yaml`` lists as
  correct claims judged by the dev set's rules, over all proposals.

Claims the dev set marks low-confidence are ambiguous: they count neither for nor against recall.
Targets: recall >= 75 %, recall with subject >= 60 %, precision >= 80 %.
"""

from __future__ import annotations

import argparse
import math
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from measure import require_install  # benchmarks/ is on sys.path: this script's folder

require_install("benchmarks/extract_eval.py")  # before the project's imports: a clear message outside its environment

import yaml  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.errors import ValueParseError  # noqa: E402
from checker.extract import Proposal, claim_file, render  # noqa: E402
from checker.extract.text import read_header  # noqa: E402
from checker.registry.entities import EntityIndex, fold  # noqa: E402
from checker.registry.loader import load_vocabulary  # noqa: E402
from checker.registry.models import EntitiesFile  # noqa: E402
from checker.registry.quotes import normalise  # noqa: E402
from checker.values import parse_date, parse_quantity  # noqa: E402

DEVSET = ROOT.parent / "shared" / "devset"
TARGETS = {"recall": 0.75, "recall_subject": 0.60, "precision": 0.80}
VOCABULARY = load_vocabulary(ROOT / "claims")
FAMILIES = ("event", "budget", "count", "plan", "result", "gpu", "training", "checkpoint", "architecture")


def entities() -> EntityIndex:
    """The project registry's entities, with the dev set's models and spellings merged in."""
    merged: dict[str, dict[str, Any]] = {}
    for path in (ROOT / "claims" / "entities.yaml", ROOT / "benchmarks" / "devset" / "entities.yaml"):
        for e in yaml.safe_load(path.read_text(encoding="utf-8"))["entities"]:
            if e["id"] in merged:
                merged[e["id"]]["names"] = [*merged[e["id"]]["names"], *e["names"]]
            else:
                merged[e["id"]] = dict(e)
    parsed = EntitiesFile.model_validate({"entities": list(merged.values())})
    return EntityIndex({e.id: e for e in parsed.entities})


@dataclass(frozen=True)
class Hand:
    id: str
    article: str
    subject: str
    property: str
    value: Any
    quote: str
    confidence: str


def _spans(body: str, quote: str) -> list[tuple[int, int]]:
    q = normalise(quote)
    out, i = [], body.find(q)
    while i >= 0:
        out.append((i, i + len(q)))
        i = body.find(q, i + 1)
    return out


def _family(prop: str) -> str:
    head = prop.split(".")[0]
    return head if head in FAMILIES else prop


def _number(v: Any) -> float | None:
    try:
        if isinstance(v, str) and v.strip().endswith("%"):
            return float(v.strip().lstrip("<>=~").rstrip("%"))
        return parse_quantity(v).value
    except (ValueParseError, ValueError):
        return None


def value_matches(hand: Hand, p: Proposal, index: EntityIndex) -> bool:
    hv, pv = hand.value, p.value
    if isinstance(pv, str) and pv.startswith("TODO:"):
        pv = pv[5:].strip()  # a placeholder keeps the name as written
    if hand.property == "vision_encoder" and str(hv).startswith("present"):
        return True
    if isinstance(hv, bool) or isinstance(pv, bool):
        return hv is pv
    spec = VOCABULARY.lookup(hand.property)
    kind = spec.kind.name if spec is not None else "text"
    if kind == "date" and not isinstance(hv, (int, float)):
        try:
            a, b = parse_date(str(hv)), parse_date(str(pv))
        except ValueParseError:
            return False
        return a == b or (a.contains(b) or b.contains(a)) and a.overlaps(b)
    if isinstance(hv, (int, float)) or _number(hv) is not None and _number(pv) is not None:
        h, n = _number(hv), _number(pv)
        if h is None or n is None:
            return False
        if isinstance(pv, str) and not pv.strip().endswith("%"):
            try:
                q = parse_quantity(pv)
                if q.low <= h <= q.high:
                    return True
            except ValueParseError:
                pass
        return math.isclose(h, n, rel_tol=0.01)
    if isinstance(hv, list):
        return any(value_matches(Hand(hand.id, hand.article, hand.subject, hand.property, x, hand.quote,
                                      hand.confidence), p, index) for x in hv)
    if isinstance(hv, dict):  # a relation: the same object and the same mode
        if not isinstance(pv, dict):
            return False
        try:
            obj = index.resolve(str(pv.get("object", "")))
        except LookupError:
            return False
        modes = set(hv) - {"object"}
        return (obj.repo_id or obj.id).casefold() == str(hv["object"]).casefold() and modes == set(pv) - {"object"}
    a, b = fold(str(hv)), fold(str(pv))
    if a and b and (a in b or b in a or a.split(" ")[0] == b.split(" ")[0]):
        return True
    try:  # two names of one entity ("SK텔레콤" for "SK Telecom")
        return index.resolve(str(hv)).id == index.resolve(str(pv)).id
    except LookupError:
        return False


def subject_matches(hand: Hand, p: Proposal, index: EntityIndex) -> bool:
    if p.subject.startswith("TODO"):
        written = fold(p.subject.partition(":")[2])
        return bool(written) and written.replace(" ", "") in fold(hand.subject).replace(" ", "")
    try:
        subj = index.resolve(p.subject)
    except LookupError:
        return False
    if re.fullmatch(r"[A-Za-z0-9][\w.-]*/[\w.-]+", hand.subject):
        return (subj.repo_id or "").casefold() == hand.subject.casefold()
    ent = index.entities.get(subj.id)
    names = [fold(n) for n in (ent.names if ent else [subj.name])]
    described = fold(hand.subject)
    return any(n in described for n in names if len(n) >= 2)


def matches(hand: Hand, p: Proposal, body: str, index: EntityIndex) -> bool:
    if _family(hand.property) != _family(p.property):
        return False
    hs, ps = _spans(body, hand.quote), _spans(body, p.quote)
    if not any(a < d and c < b for a, b in hs for c, d in ps):
        return False
    return value_matches(hand, p, index)


def _reviewed() -> list[dict[str, Any]]:
    path = ROOT / "benchmarks" / "devset" / "reviewed.yaml"
    if not path.exists():
        return []
    return list(yaml.safe_load(path.read_text(encoding="utf-8")).get("correct", []) or [])


def _fill(p: Proposal) -> str | int | bool:
    """What a reviewer writes for a placeholder value (any valid one: only validation is tested)."""
    if not (isinstance(p.value, str) and p.value.startswith("TODO")):
        return p.value
    return {"license": "apache-2.0", "base_model": "hf:placeholder/base"}.get(p.property, "placeholder")


def run(verbose: bool, validate: bool) -> int:
    doc = yaml.safe_load((DEVSET / "claims.yaml").read_text(encoding="utf-8"))
    hands = [Hand(c["id"], c["article"], c["subject"], c["property"], c["value"], c["quote"], c["confidence"])
             for c in doc["claims"]]
    index = entities()
    reviewed = _reviewed()
    recalled = recalled_subject = scored = 0
    correct = total = 0
    failures: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="extract-eval-"))
    (tmp / "sources").mkdir()
    (tmp / "texts").mkdir()
    for art in sorted({a["file"] for a in doc["articles"]}):
        raw = (DEVSET / "articles" / art).read_text(encoding="utf-8")
        header, text = read_header(raw)
        assert header.published is not None, art
        meta, props = claim_file(text, header.published, entities=index, url=header.url, text_name=art)
        body = normalise(text)
        mine = [h for h in hands if h.article == art]
        used: set[int] = set()
        for h in mine:
            hit = [i for i, p in enumerate(props) if matches(h, p, body, index)]
            used.update(hit)
            if h.confidence == "low":
                continue
            scored += 1
            if hit:
                recalled += 1
                if any(subject_matches(h, props[i], index) for i in hit):
                    recalled_subject += 1
                elif verbose:
                    print(f"  subject {h.id} {art[:3]} want {h.subject[:40]!r} got "
                          f"{[props[i].subject for i in hit]}")
            elif verbose:
                print(f"  miss    {h.id} {art[:3]} {h.property} {h.value!r} | {h.quote[:90]}")
        for i, p in enumerate(props):
            total += 1
            # A restatement of a hand claim (same subject, property and value elsewhere in the article)
            # is a correct claim too.
            ok = i in used or any(_family(h.property) == _family(p.property) and value_matches(h, p, index)
                                  and subject_matches(h, p, index) for h in mine) or any(
                r["article"] == art[:3] and r["property"] == p.property
                and str(r["value"]).casefold() == str(p.value).casefold()
                and normalise(str(r["quote"])) in p.quote for r in reviewed)
            correct += ok
            if not ok and verbose:
                print(f"  extra   {art[:3]} {p.subject[:30]} {p.property} {p.value!r} | {p.quote[:90]}")
        if validate:
            filled = [Proposal(p.id, "hf:placeholder/filled" if p.subject.startswith("TODO") else p.subject,
                               p.property, _fill(p), p.quote, p.note) for p in props]
            (tmp / "sources" / f"{Path(art).stem}.yaml").write_text(render(meta, filled, art), encoding="utf-8")
            (tmp / "texts" / art).write_text(raw, encoding="utf-8")
    figures = {"recall": recalled / scored, "recall_subject": recalled_subject / scored,
               "precision": correct / total if total else 0.0}
    print(f"dev set: {len(hands)} hand claims ({scored} scored, low-confidence ones left out), "
          f"{total} proposals from {len({h.article for h in hands})} articles")
    print(f"recall               {figures['recall']:6.1%}  ({recalled}/{scored})   target >= {TARGETS['recall']:.0%}")
    print(f"recall with subject  {figures['recall_subject']:6.1%}  ({recalled_subject}/{scored})   "
          f"target >= {TARGETS['recall_subject']:.0%}")
    print(f"precision            {figures['precision']:6.1%}  ({correct}/{total})   target >= {TARGETS['precision']:.0%}")
    for k, target in TARGETS.items():
        if figures[k] < target:
            failures.append(f"{k} {figures[k]:.1%} < {target:.0%}")
    if validate:
        import shutil

        # validate reads one entities file: write the merged one
        (tmp / "entities.yaml").write_text(yaml.safe_dump(
            {"entities": [e.model_dump(exclude_none=True, exclude_defaults=True) | {"id": e.id, "kind": e.kind,
                                                                                    "names": e.names}
                          for e in index.entities.values()]}, allow_unicode=True), encoding="utf-8")
        shutil.copy(ROOT / "claims" / "licenses.yaml", tmp / "licenses.yaml")
        declared = [p for path in (ROOT / "claims" / "properties.yaml", ROOT / "benchmarks" / "devset" / "properties.yaml")
                    for p in yaml.safe_load(path.read_text(encoding="utf-8"))["properties"]]
        (tmp / "properties.yaml").write_text(yaml.safe_dump({"properties": declared}, allow_unicode=True),
                                             encoding="utf-8")
        r = subprocess.run([str(Path(sys.executable).parent / "claimcheck"), "validate", str(tmp), "--texts",
                            str(tmp / "texts")], capture_output=True, text=True)
        print(f"validate (placeholders filled): {'ok' if r.returncode == 0 else 'FAILED'}")
        if r.returncode != 0:
            print(r.stdout[-3000:], r.stderr[-3000:])
            failures.append("validate failed")
    for f in failures:
        print(f"FAIL: {f}")
    return 1 if failures else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--validate", action="store_true")
    args = ap.parse_args()
    return run(args.verbose, args.validate)


if __name__ == "__main__":
    sys.exit(main())
