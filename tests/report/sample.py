"""A small hand-built Report the formatter and selector tests use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from checker.engine.findings import EvidenceNote, Finding, RelatedClaim, Report, SubjectOut
from checker.evidence.facts import Fact
from checker.report.common import summarise

REV = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"


def fact(prop: str, value, method: str, url: str | None, **kw) -> Fact:
    return Fact(property=prop, value=value, method=method, source_url=url, revision=kw.pop("revision", REV),
                observed_at=dt.date(2026, 2, 1), **kw)


def make_report() -> Report:
    solar = SubjectOut(id="solar-open", name="Solar Open", repo_id="upstage/Solar-Open-100B")
    exaone = SubjectOut(id="k-exaone", name="K-EXAONE", repo_id="LGAI-EXAONE/K-EXAONE-236B-A23B")
    findings = [
        Finding(claim_id="news-a/k-exaone-params", source_id="news-a", source_url="https://news.example/a",
                published=dt.date(2026, 1, 5), quote="2360억 파라미터", subject=exaone, property="parameters.total",
                value={"value": 236000000000, "low": 235500000000, "high": 236500000000, "comparator": "=", "text": "236B"},
                verdict="supported",
                reason="model-card", explanation="The model card says 236B.", expect="supported",
                evidence=[fact("parameters.total", 236e9, "model-card",
                               "https://huggingface.co/LGAI-EXAONE/K-EXAONE-236B-A23B/blob/main/README.md")]),
        Finding(claim_id="news-a/solar-params", source_id="news-a", source_url="https://news.example/a",
                published=dt.date(2026, 1, 5), quote="1000억 | 파라미터", subject=solar, property="parameters.total",
                value={"value": 100000000000, "low": 99500000000, "high": 100500000000, "comparator": "=", "text": "100B"},
                verdict="approximate", reason="hub-api",
                explanation="Hub safetensors total is 102.6B (+2.6 %) | rounded.", expect="supported", drift=True,
                evidence=[fact("parameters.total", 102_600_000_000, "hub-api",
                               "https://huggingface.co/api/models/upstage/Solar-Open-100B"),
                          fact("parameters.total", 102e9, "model-card",
                               "https://huggingface.co/upstage/Solar-Open-100B", precision=1e9)]),
        Finding(claim_id="news-b/solar-license", source_id="news-b", published=dt.date(2026, 1, 9),
                quote="완전한 오픈소스", subject=solar, property="open_source", value=True, verdict="contradicted",
                reason="open-weights-only", explanation="Licence 'solar-open' restricts use; not OSI-approved.",
                evidence=[fact("license", "other", "hub-api", "https://huggingface.co/api/models/upstage/Solar-Open-100B")]),
        Finding(claim_id="news-b/trillion-founded", source_id="news-b", published=dt.date(2026, 1, 9),
                quote="2024년 8월 설립", subject=SubjectOut(id="trillion-labs", name="트릴리온랩스"), property="founded",
                value="2024-08-01/2024-08-31", verdict="disputed", reason="cross-article",
                explanation="Sources disagree: 2024-08 here, 2024-09 in news-a.",
                related=[RelatedClaim(claim_id="news-a/trillion-founded", source_id="news-a",
                                      published=dt.date(2026, 1, 5), value="2024-09-01/2024-09-30",
                                      compatible=False)]),
        Finding(claim_id="news-b/motif-gated", source_id="news-b", published=dt.date(2026, 1, 9), quote="누구나",
                subject=SubjectOut(id="motif", name="Motif", repo_id="Motif-Technologies/Motif-2-12.7B"),
                property="gated", value=False, verdict="unverifiable", reason="evidence-unavailable",
                explanation="No recorded evidence for Motif-Technologies/Motif-2-12.7B (no-snapshot)."),
    ]
    notes = [EvidenceNote(repo_id="upstage/Solar-Open-100B", property="parameters.total",
                          explanation="Model card says 102B, Hub API total 102.6B.",
                          facts=findings[1].evidence)]
    return Report(tool_version="0.1.0", mode="offline", registry="claims", findings=findings,
                  evidence_notes=notes, summary=summarise(findings))


# -- a small registry on disk, for the selector and CLI tests -------------------------------------------

ENTITIES = """\
entities:
  - id: acme-lab
    kind: organisation
    names: [Acme Lab, 아크미랩]
    hub_orgs: [acme]
  - id: acme-7b
    kind: model
    names: [Acme-7B, 아크미-7B]
    hub_repo: acme/acme-7b
    developer: acme-lab
  - id: beta-70b
    kind: model
    names: [Beta-70B]
    hub_repo: beta/beta-70b
  - id: ghost-1b
    kind: model
    names: [Ghost-1B]
    hub_repo: ghost/ghost-1b
"""

SOURCE_A = """\
source:
  id: news-a
  title: 기사 A
  url: https://news.example/a
  published: 2026-01-10
  language: ko
claims:
  - id: acme-size
    subject: 아크미-7B
    property: parameters.total
    value: 70억
    quote: 아크미-7B는 70억 개 매개변수
    expect: supported
  - id: beta-size
    subject: beta-70b
    property: parameters.total
    value: 70B
    quote: Beta-70B는 700억 개
    expect: supported
  - id: founded
    subject: acme-lab
    property: founded
    value: 2024-08
    quote: 2024년 8월 설립
"""

SOURCE_B = """\
source:
  id: news-b
  published: 2026-01-20
claims:
  - id: beta-size
    subject: Beta-70B
    property: parameters.total
    value: 50B
    quote: 500억 개 매개변수의 Beta-70B
  - id: founded
    subject: acme-lab
    property: founded
    value: 2023-03
    quote: 2023년 3월 설립
  - id: ghost-size
    subject: ghost-1b
    property: parameters.total
    value: 1B
    quote: 10억 개
"""


def snapshot(repo_id: str, total: int) -> str:
    import json

    return json.dumps({
        "schema_version": 1, "repo_id": repo_id, "retrieved_at": "2026-02-01T00:00:00Z",
        "revision": "0123456789abcdef0123456789abcdef01234567", "origin": "live",
        "facts": [{"property": "parameters.total", "value": total, "method": "hub-api",
                   "source_url": f"https://huggingface.co/api/models/{repo_id}",
                   "revision": "0123456789abcdef0123456789abcdef01234567", "observed_at": "2026-02-01"}],
    }, indent=2)


#: The properties these registries use besides the built-in ones.
PROPERTIES = (Path(__file__).parents[1] / "registry" / "base" / "properties.yaml").read_text(encoding="utf-8")


def write_registry(root, *, sources: dict[str, str] | None = None, snapshots: bool = True):
    """A small registry under ``root``: three models and an organisation, two sources; evidence for two repos
    (ghost/ghost-1b has none). Returns ``root``."""
    from pathlib import Path

    root = Path(root)
    (root / "sources").mkdir(parents=True)
    (root / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    (root / "properties.yaml").write_text(PROPERTIES, encoding="utf-8")
    for name, text in (sources or {"a.yaml": SOURCE_A, "b.yaml": SOURCE_B}).items():
        (root / "sources" / name).write_text(text, encoding="utf-8")
    if snapshots:
        for repo_id, total in (("acme/acme-7b", 7_000_000_000), ("beta/beta-70b", 72_100_000_000)):
            path = root / "evidence" / "hub" / f"{repo_id}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(snapshot(repo_id, total), encoding="utf-8")
    return root
