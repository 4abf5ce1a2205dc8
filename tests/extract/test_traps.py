"""The traps of issue 9 in short Korean and English texts written for these tests; both header forms and
boilerplate; and that no rule of checker/extract names a model, an organisation or an outlet."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from checker.cli import cli
from checker.extract.claims import TODO, propose
from checker.extract.text import read_header, sentences
from checker.registry.entities import EntityIndex
from checker.registry.models import ClaimEntry, Entity, SourceFile
from checker.registry.quotes import normalise
from checker.values import parse_date, parse_quantity

PUBLISHED = date(2026, 2, 10)

ENTITIES = EntityIndex({e.id: e for e in [
    Entity(id="acme-labs", kind="organisation", names=["아크미랩스", "Acme Labs"]),
    Entity(id="zeta-org", kind="organisation", names=["제타", "Zeta AI"]),
    Entity(id="omega-100b", kind="model", names=["오메가 100B", "Omega 100B", "오메가"]),
    Entity(id="sigma-8b", kind="model", names=["시그마 8B", "Sigma 8B", "시그마"]),
    Entity(id="kappa-moe", kind="model", names=["카파", "Kappa MoE"]),
    Entity(id="base-70b", kind="model", names=["Base-Model 70B"]),
    Entity(id="nat-prog", kind="programme", names=["국가 AI 사업", "National AI Programme"]),
]})


def claims_of(text: str, published: date = PUBLISHED) -> list[tuple[str, str, object]]:
    out = propose(text, published, ENTITIES)
    whole = normalise(read_header(text)[1])
    for p in out:
        assert p.quote in whole, p
        ClaimEntry.model_validate(p.entry())
    return [(p.subject, p.property, p.value) for p in out]


@pytest.mark.parametrize("text, expected", [
    # a year beside a parameter count: the year is a date, never a size
    ("아크미랩스는 2025년 1000억 파라미터 규모의 오메가를 공개했다.",
     [("omega-100b", "release_date", "2025"), ("omega-100b", "parameters.total", "1000억")]),
    # 억 in money is a budget, not parameters
    ("국가 AI 사업은 데이터 구축에 1500억 원을 투입한다.", [("nat-prog", "budget.data", "1500억 원")]),
    # a percentage is no parameter count
    ("오메가는 시그마보다 성능이 12% 높다.", []),
    # a range of sizes is no one model's size
    ("업계는 70B~100B 규모의 모델을 준비 중이다.", []),
    # two models in one sentence: each figure to its own model
    ("오메가는 1000억 개, 시그마는 80억 개의 매개변수를 갖췄다.",
     [("omega-100b", "parameters.total", "1000억"), ("sigma-8b", "parameters.total", "80억")]),
    # active vs total (MoE)
    ("카파는 활성 파라미터 230억 개, 전체 매개변수 2360억 개의 모델이다.",
     [("kappa-moe", "parameters.active", "230억"), ("kappa-moe", "parameters.total", "2360억")]),
    # a generic threshold is no claim
    ("국내 모델은 수십만 다운로드를 넘기 어려운 것이 현실이다.", []),
    # downloads with a lower bound, a mixed numeral
    ("오메가의 다운로드 수가 37만2000회를 넘어섰다.", [("omega-100b", "downloads", ">37만2000")]),
    ("시그마는 6천500여 건 내려받아졌다.", [("sigma-8b", "downloads", "~6천500")]),
    # the parameter word before the figure; a lower bound, not a size class
    ("아크미랩스는 매개변수 3200억개 규모의 모델을 준비한다.", [(TODO, "parameters.total", "~3200억")]),
    ("2단계에서는 300B 이상 모델을 개발한다.", [(TODO, "parameters.total", ">=300B")]),
    # a size in parentheses after a name, a size after a spaced alias
    ("아크미랩스는 라이트(1.2B) 모델도 공개했다.", [("TODO: 라이트", "parameters.total", "1.2B")]),
    # GPUs: the number before the noun
    ("국가 AI 사업은 1만 개 GPU를 확보했다.", [("nat-prog", "gpu.count", "1만")]),
    # developer and base model
    ("제타가 자체 개발한 '시그마'는 Base-Model 70B를 기반으로 학습했다.",
     [("sigma-8b", "developer", "제타"), ("sigma-8b", "base_model", "base-70b")]),
    # the MoE notation: total and active
    ("카파는 236B-A23B 구조의 모델이다.",
     [("kappa-moe", "parameters.total", "236B"), ("kappa-moe", "parameters.active", "23B")]),
    # a weekday, resolved against the publication date (a Tuesday)
    ("아크미랩스는 지난 금요일 오메가를 공개했다.", [("omega-100b", "release_date", "2026-02-06")]),
    # size relations: the compared model is the object, never the subject
    ("오메가는 시그마보다 5% 더 작으면서도 성능이 높다.",
     [("omega-100b", "relation.size", {"object": "sigma-8b", "smaller_by": "5%"})]),
    ("오메가는 시그마에 비해 절반 이하의 매개변수를 가졌다.",
     [("omega-100b", "relation.size", {"object": "sigma-8b", "fraction_of": "50%"})]),
    # an event with its phase, relative to the publication date
    ("국가 AI 사업의 2차 평가는 오는 6월 말 진행된다.", [("nat-prog", "event.phase2-evaluation", "2026-06-21/2026-06-30")]),
])
def test_korean_traps(text: str, expected: list[tuple[str, str, object]]):
    assert claims_of(text) == expected


def test_a_family_total_is_not_one_models_size():
    # "총 4종" counts the family's models; the family's name is no single model's size
    claims = claims_of("아크미랩스는 오메가 계열 모델 총 4종을 공개했다.")
    assert claims == [("omega-100b", "count.models", "4")]


def test_a_sub_headline_repeated_in_the_body_is_quoted_from_the_body():
    text = ("오메가, 1000억 파라미터로 공개\n"
            "아크미랩스는 10일 1000억 파라미터 규모의 오메가를 오픈소스로 공개했다.\n")
    ps = propose(text, PUBLISHED, ENTITIES)
    params = [p for p in ps if p.property == "parameters.total"]
    assert len(params) == 1 and params[0].quote.startswith("아크미랩스는")


@pytest.mark.parametrize("text, expected", [
    ("Omega 100B is a 236-billion-parameter model trained from scratch by Acme Labs.",
     [("omega-100b", "parameters.total", "236 billion"), ("omega-100b", "developer", "아크미랩스"),
      ("omega-100b", "from_scratch", True)]),
    ("Sigma 8B was released under Apache 2.0 on March 3, 2025.",
     [("sigma-8b", "release_date", "2025-03-03"), ("sigma-8b", "license", "apache-2.0")]),
    ("Sigma 8B is based on Base-Model 70B and released as an open-weight model.",
     [("sigma-8b", "base_model", "base-70b"), ("sigma-8b", "open_weights", True)]),
    ("Kappa MoE activates 23 billion of its 236 billion parameters per token.",
     [("kappa-moe", "parameters.active", "23 billion"), ("kappa-moe", "parameters.total", "236 billion")]),
    ("Kappa MoE is not fully open-source, as the training data was not released.",
     [("kappa-moe", "open_source", False)]),
    ("Omega 100B and Sigma 8B were introduced on 5 August 2025.",
     [("omega-100b", "release_date", "2025-08-05"), ("sigma-8b", "release_date", "2025-08-05")]),
    ("Omega 100B was trained for approximately $5.6 million using 2,048 GPUs.",
     [("omega-100b", "budget.training-compute", "~$5.6 million"), ("omega-100b", "gpu.count", "2,048")]),
    ("Omega 100B supports a context window of 128K tokens.", [("omega-100b", "context_length", "128K")]),
    ("Omega 100B is faster than Sigma 8B, a 12% gain.", []),
    ("Omega 100B is 5% smaller than Sigma 8B.",
     [("omega-100b", "relation.size", {"object": "sigma-8b", "smaller_by": "5%"})]),
])
def test_english(text: str, expected: list[tuple[str, str, object]]):
    assert claims_of(text) == expected


def test_values_parse_as_their_kind():
    text = ("아크미랩스는 지난해 7월 800억 파라미터 규모의 오메가를 공개했다. 다운로드 수는 120만 회를 돌파했다.\n"
            "Sigma 8B, a 7.8 billion parameter model, was released on 17 March 2024.")
    for p in propose(text, PUBLISHED, ENTITIES):
        if p.property in ("parameters.total", "downloads"):
            parse_quantity(p.value)
        if p.property == "release_date":
            parse_date(p.value)


# ------------------------------------------------------------------------------------------------
# headers and boilerplate

def test_both_header_forms():
    h, body = read_header(" date 2026-02-12 첫 문장이다.")
    assert h.published == date(2026, 2, 12) and body == "첫 문장이다."
    h, body = read_header("url: https://example.org/a\ndate: 2025-07-03\n본문이다.")
    assert (h.published, h.url, body) == (date(2025, 7, 3), "https://example.org/a", "본문이다.")
    assert read_header("본문만 있다.")[0].published is None


def test_boilerplate_is_dropped():
    text = ("아크미랩스는 1000억 파라미터 규모의 오메가를 공개했다.\n"
            "홍길동 기자 hong@example.com\n"
            "관련기사\n"
            "시그마, 80억 파라미터 모델 공개\n"
            "ⓒ 테스트뉴스 무단전재 및 재배포 금지\n")
    assert [s.text for s in sentences(text, "ko")] == ["아크미랩스는 1000억 파라미터 규모의 오메가를 공개했다."]
    en = ("Omega 100B has 100 billion parameters.\nBy Jane Doe | Staff Writer\nRelated articles\n"
          "Sigma 8B has 8 billion parameters.\n")
    assert [s.text for s in sentences(en, "en")] == ["Omega 100B has 100 billion parameters."]


def test_cli_reads_the_url_date_header_and_published_overrides_it(tmp_path: Path):
    (tmp_path / "a.txt").write_text("url: https://example.org/news/omega\ndate: 2025-07-03\n"
                                    "Omega 100B was released on 1 July 2025 under Apache 2.0.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "a.txt")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    parsed = SourceFile.model_validate(yaml.safe_load(result.stdout))
    assert str(parsed.source.published) == "2025-07-03" and parsed.source.url == "https://example.org/news/omega"
    assert parsed.source.title is None and parsed.source.language == "en"  # the url: line is not a title
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "a.txt"), "--published", "2025-08-01"])
    assert str(SourceFile.model_validate(yaml.safe_load(result.stdout)).source.published) == "2025-08-01"


# ------------------------------------------------------------------------------------------------
# rules are general

def test_no_rule_names_a_model_an_organisation_or_an_outlet(repo_root: Path):
    """Every name the registries and the dev set know is absent from the extraction code and tables."""
    names: set[str] = set()
    for path in [repo_root / "claims" / "entities.yaml", repo_root / "benchmarks" / "devset" / "entities.yaml"]:
        for e in yaml.safe_load(path.read_text(encoding="utf-8"))["entities"]:
            if e["kind"] in ("model", "organisation"):
                names.update(n for n in e["names"] + e.get("hub_orgs", []) if len(n) >= 3)
    devset = repo_root.parent / "shared" / "devset" / "claims.yaml"
    if devset.exists():  # the dev set's outlets
        names.update(a["publisher"] for a in yaml.safe_load(devset.read_text(encoding="utf-8"))["articles"]
                     if len(a.get("publisher", "")) >= 3)
    names.update(["Nvidia", "NVIDIA", "Alibaba", "Meta", "Google"])
    names -= {"LLM"}
    code = repo_root / "checker" / "extract"
    files = [*code.glob("*.py"), *(code / "tables").glob("*.yaml")]
    assert files
    for f in files:
        text = f.read_text(encoding="utf-8")
        found = sorted(n for n in names if re.search(r"(?<![A-Za-z0-9가-힣])" + re.escape(n) + r"(?![A-Za-z0-9])", text))
        assert not found, (f.name, found)
