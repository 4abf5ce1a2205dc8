"""tools/snapshot_from_hub_facts.py: the bundled Hub evidence snapshot is built from hub_facts.json, never invented."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from checker.evidence.facts import RepoEvidence
from checker.evidence.store import SnapshotStore

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "snapshot_from_hub_facts.py"
SHARED_HUB_FACTS = ROOT.parent / "shared" / "reference" / "hub_facts.json"
COMMITTED = ROOT / "claims" / "evidence" / "hub"


def _load_script():
    spec = importlib.util.spec_from_file_location("snapshot_from_hub_facts", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


tool = _load_script()

LIST_PAGE = "https://huggingface.co/someone/activity/likes"
CARD_DOC = "https://github.com/huggingface/transformers/blob/main/docs/source/en/model_doc/demo.md"

HUB_FACTS = [
    {
        "repo_id": "acme/Demo-100B",
        "org": "acme",
        "facts": {
            "params_badge": {
                "value": "103B", "source_url": LIST_PAGE,
                "snippet": "acme/Demo-100B\nText Generation\n•\n103B\n•\nUpdated\nJan 30\n•\n3.89k\n•\n478",
                "confidence": "high",
            },
            "params_card": {
                "value": "102B total (MoE), 12B active", "source_url": CARD_DOC,
                "snippet": "Demo is a 102B-parameter Mixture-of-Experts model with 12B active parameters.",
                "confidence": "high",
            },
            "params_precise_thirdparty": {
                "value": "102.6B total / 12B active",
                "source_url": "https://raw.githubusercontent.com/jakemanger/whatmodel/main/pages/model/demo.md",
                "snippet": "acme · 102.6B params (12B active)", "confidence": "low (third-party aggregator)",
            },
            "gated": {"value": None, "source_url": None, "snippet": None, "confidence": "none",
                      "note": "not observed"},
            "license_id": {"value": "mit", "source_url": "https://huggingface.co/acme/Demo-100B/blob/main/config.json",
                           "snippet": "conversational\nLicense:\nmit", "confidence": "high"},
            "downloads": {"value": "3.89k (list-page figure)", "source_url": LIST_PAGE,
                          "snippet": "Updated\nJan 30\n•\n3.89k\n•\n478", "confidence": "medium (snapshot date unknown)"},
            "safetensors_total": {
                "value": 684531386000,
                "source_url": "unnamed public GitHub file (id 1) (some tool doc; transformed API output)",
                "snippet": "\"safetensors\": { \"total\": 684531386000 }", "confidence": "medium-high",
            },
            "first_commit_seen": {"value": "Jul 30 (year not shown)", "source_url": LIST_PAGE,
                                  "snippet": "commited on\nJul 30", "confidence": "medium"},
        },
        "notes": "",
    },
    {
        "repo_id": "acme/Tiny-3B",
        "org": "acme",
        "facts": {
            "params_badge": {  # a badge seen only on a third-party copy: not this repo's
                "value": "4B (seen only on a third-party copy)", "source_url": "https://huggingface.co/copier/models",
                "snippet": "copier/Tiny-3B\nText Generation\n•\n4B", "confidence": "low",
            },
            "license_id": {"value": "acme-license (HF tag)", "source_url": "https://huggingface.co/acme/Tiny-3B",
                           "snippet": "custom_code\nLicense:\nacme-license", "confidence": "high"},
        },
        "notes": "",
    },
    {"repo_id": None, "org": "nobody", "facts": {}, "notes": "no repo found"},
]


def _run(tmp_path: Path, data=HUB_FACTS, out: str = "out") -> Path:
    src = tmp_path / "hub_facts.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out_dir = tmp_path / out
    assert tool.main(["--hub-facts", str(src), "--out", str(out_dir), "--quiet"]) == 0
    return out_dir


def _facts(out_dir: Path, repo_id: str, prop: str):
    evidence = SnapshotStore(out_dir).load(repo_id)
    assert evidence is not None
    return [f for f in evidence.facts if f.property == prop]


def test_builds_facts_from_a_hand_written_file(tmp_path):
    out = _run(tmp_path)
    # one file per entry with a repo_id; the null entry is skipped; no lock files left behind
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "acme/Demo-100B.json", "acme/Tiny-3B.json"]
    ev = SnapshotStore(out).load("acme/Demo-100B")
    assert ev.origin == "public-pages" and ev.revision is None and ev.schema_version == 1
    assert ev.retrieved_at.isoformat() == "2026-11-01T00:00:00+00:00"

    totals = _facts(out, "acme/Demo-100B", "parameters.total")
    badge = next(f for f in totals if f.method.value == "page")
    assert (badge.value, badge.precision, badge.source_url) == (103_000_000_000, 1e9, LIST_PAGE)
    assert "rounded" in badge.note

    # the card statement is split into structured facts, each with the same source and quote
    card_total = next(f for f in totals if f.method.value == "model-card")
    card_active = next(f for f in _facts(out, "acme/Demo-100B", "parameters.active") if f.method.value == "model-card")
    assert (card_total.value, card_total.precision) == (102_000_000_000, 1e9)
    assert (card_active.value, card_active.precision) == (12_000_000_000, 1e9)
    assert card_total.source_url == card_active.source_url == CARD_DOC
    assert card_total.quote == card_active.quote == HUB_FACTS[0]["facts"]["params_card"]["snippet"]

    # a third-party aggregator's precise figure is reconstructed, low confidence, with its own precision
    precise = next(f for f in totals if f.value == 102_600_000_000)
    assert (precise.method.value, precise.confidence, precise.precision) == ("reconstructed", "low", 1e8)

    # a transformed third-party copy of an API value is reconstructed (exact, so no precision), never hub-api
    copied = next(f for f in totals if f.value == 684_531_386_000)
    assert copied.method.value == "reconstructed" and copied.precision is None and copied.source_url is None
    assert "not a verbatim API response" in copied.note

    downloads = _facts(out, "acme/Demo-100B", "downloads")
    assert [(f.value, f.precision, f.method.value) for f in downloads] == [(3890, 10, "page")]
    assert [f.value for f in _facts(out, "acme/Demo-100B", "license")] == ["mit"]
    assert [f.value for f in _facts(out, "acme/Demo-100B", "author")] == ["acme"]
    assert [f.value for f in _facts(out, "acme/Demo-100B", "exists")] == [True]

    # null / "none" facts and dates without a year are omitted: unknown stays unknown
    assert _facts(out, "acme/Demo-100B", "gated") == []
    assert not any("Jul 30" in json.dumps(f.value) for f in ev.facts)

    # a badge of another repo is not this repo's; a licence label that is no Hub id is a license_name
    assert _facts(out, "acme/Tiny-3B", "parameters.total") == []
    assert [f.value for f in _facts(out, "acme/Tiny-3B", "license_name")] == ["acme-license"]
    implied = _facts(out, "acme/Tiny-3B", "license")
    assert [(f.value, f.method.value) for f in implied] == [("other", "reconstructed")]

    for path in out.rglob("*.json"):
        assert '"hub-api"' not in path.read_text(encoding="utf-8")


def test_output_is_deterministic(tmp_path):
    first, second = _run(tmp_path, out="a"), _run(tmp_path, out="b")
    files = sorted(p.relative_to(first) for p in first.rglob("*.json"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.json"))
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes()
    # a rerun over existing files rewrites them byte for byte
    before = {rel: (first / rel).read_bytes() for rel in files}
    _run(tmp_path, out="a")
    assert {rel: (first / rel).read_bytes() for rel in files} == before


def test_reports_what_it_skips():
    evidence, report = tool.build(HUB_FACTS)
    assert [e.repo_id for e in evidence] == ["acme/Demo-100B", "acme/Tiny-3B"]
    assert report.skipped_entries and "nobody" in report.skipped_entries[0]
    skipped = {(repo, key) for repo, key, _ in report.skipped_values}
    assert {("acme/Demo-100B", "gated"), ("acme/Demo-100B", "first_commit_seen"),
            ("acme/Tiny-3B", "params_badge")} <= skipped


@pytest.mark.parametrize(("text", "expected"), [
    ("236B total, 23B active; 234B without embeddings",
     [("parameters.total", 236_000_000_000, 1e9), ("parameters.active", 23_000_000_000, 1e9),
      ("parameters.non_embedding", 234_000_000_000, 1e9)]),
    ("30.95B without embeddings; 64 layers; 32,768 ctx", [("parameters.non_embedding", 30_950_000_000, 1e7)]),
    ("11.5B dense (Depth-up Scaling from an 8B-scale model)", [("parameters.total", 11_500_000_000, 1e8)]),
    ("102 billion", [("parameters.total", 102_000_000_000, 1e9)]),
    ("0.57B total; 0.45B excluding embeddings",
     [("parameters.total", 570_000_000, 1e7), ("parameters.non_embedding", 450_000_000, 1e7)]),
])
def test_parameter_statements(text, expected):
    triples, components = tool.parse_param_statement(text, None)
    assert components is None
    got = [(prop, *tool.number(num, unit)) for prop, num, unit in triples]
    assert got == expected


def test_committed_snapshot_matches_its_source(tmp_path):
    """claims/evidence/hub is exactly what the script makes from ../shared/reference/hub_facts.json."""
    if not SHARED_HUB_FACTS.is_file():
        pytest.skip("../shared/reference/hub_facts.json is not present")
    out = tmp_path / "hub"
    assert tool.main(["--hub-facts", str(SHARED_HUB_FACTS), "--out", str(out), "--quiet"]) == 0
    built = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.json")}
    assert built, "the script produced no files"
    committed = {}
    for p in COMMITTED.rglob("*.json"):
        rel = p.relative_to(COMMITTED).as_posix()
        # a file re-recorded live by `claimcheck hub refresh` replaces the public-pages one by design
        if RepoEvidence.model_validate_json(p.read_text(encoding="utf-8")).origin == "public-pages":
            committed[rel] = p.read_bytes()
    live = {p.relative_to(COMMITTED).as_posix() for p in COMMITTED.rglob("*.json")} - set(committed)
    assert set(committed) == set(built) - live, "run: python tools/snapshot_from_hub_facts.py"
    for rel, data in committed.items():
        assert data == built[rel], f"{rel} differs from the script's output; run: python tools/snapshot_from_hub_facts.py"
    for rel, data in built.items():
        assert '"hub-api"' not in data.decode("utf-8"), rel


DEVELOPER_DOCS = [{
    "repo_id": "acme/Mix-200B", "org": "acme (Acme)",
    "facts": {
        "announcement_release_date": {
            "value": "2024-05-01", "source_url": "https://acme.example/blog/mix",
            "snippet": "May 1, 2024 - Open release of Mix", "confidence": "high"},
        "announcement_active_fraction": {
            "value": "25% of the weights active per token", "source_url": "https://acme.example/blog/mix",
            "snippet": "Mix is a 200B parameter MoE model with 25% of the weights active on a given token.",
            "confidence": "high"},
        "license_terms": {
            "value": "code: MIT; weights: separate Acme Model License (custom); commercial use allowed",
            "source_url": "https://huggingface.co/acme/Mix-200B", "snippet": "The use of the models is subject to "
            "the Model License.", "confidence": "medium (README; read in a stored public copy)"},
        "hub_first_commits": {
            "value": "2024-04-30", "source_url": "https://huggingface.co/acme/Mix-200B/commits/abc",
            "snippet": "initial commit ... Apr 30, 2024", "confidence": "high"},
    },
}]


def test_developer_documents_reach_the_evidence():
    """A developer's announced date and fraction, and the weights' own licence, become facts; nothing else."""
    (ev,), report = tool.build(DEVELOPER_DOCS)
    by = {f.property: f for f in ev.facts}
    date = by["release_date"]
    assert (date.value, date.method.value, date.source_url, date.confidence) == \
        ("2024-05-01", "model-card", "https://acme.example/blog/mix", "high")
    active = by["parameters.active"]
    # 25 % of 200B, derived: reconstructed, at the fraction's rounding (1 % of 200B), never high confidence
    assert (active.value, active.precision, active.method.value, active.confidence) == \
        (50_000_000_000, 2e9, "reconstructed", "medium")
    assert "derived" in active.note and active.source_url == "https://acme.example/blog/mix"
    lic = by["license_name"]
    assert (lic.value, lic.confidence, lic.method.value) == ("Acme Model License", "medium", "model-card")
    assert "license" not in by  # the Hub licence id is not known, so none is recorded
    # A commit date is not a release date: it stays out, and the report says so.
    assert ("acme/Mix-200B", "hub_first_commits") in {(r, k) for r, k, _ in report.skipped_values}


def test_licence_terms_without_a_weights_licence_stay_skipped():
    entry = {"repo_id": "acme/Small-1B", "facts": {"license_terms": {
        "value": "non-commercial", "source_url": "https://huggingface.co/acme/Small-1B", "snippet": "x",
        "confidence": "high"}}}
    (ev,), report = tool.build([entry])
    assert not [f for f in ev.facts if f.property.startswith("license")]
    assert ("acme/Small-1B", "license_terms") in {(r, k) for r, k, _ in report.skipped_values}
