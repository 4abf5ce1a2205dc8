"""Candidate claims in short Korean sentences written for these tests (checker.extract.claims).

English texts and the traps of issue 9 are in test_traps.py.
"""

from __future__ import annotations

from datetime import date

import pytest

from checker.extract.claims import TODO, propose, split_date_line
from checker.extract.text import sentences
from checker.registry.entities import EntityIndex
from checker.registry.models import ClaimEntry, Entity
from checker.registry.quotes import normalise
from checker.values import parse_date, parse_quantity
from tests.engine.factory import kind_of

PUBLISHED = date(2026, 2, 10)

ENTITIES = EntityIndex({e.id: e for e in [
    Entity(id="acme-labs", kind="organisation", names=["아크미랩스", "Acme Labs"]),
    Entity(id="acme-7b", kind="model", names=["아크미-7B", "Acme-7B"], developer="acme-labs"),
    Entity(id="beta-llm", kind="model", names=["베타 LLM", "Beta LLM"], developer="acme-labs"),
    Entity(id="national-ai", kind="programme", names=["국가 AI 사업", "국가AI사업"]),
    Entity(id="extra-budget", kind="event", names=["2차 추경"]),
]})


def found(text: str, entities: EntityIndex | None = ENTITIES, published: date = PUBLISHED):
    proposals = propose(text, published, entities)
    whole = normalise(text)
    for p in proposals:
        assert p.quote in whole, p  # the quote checker finds it again
        ClaimEntry.model_validate(p.entry())
        kind = kind_of(p.property).name
        if kind == "quantity":
            parse_quantity(p.value)
        elif kind == "date":
            parse_date(p.value)
    assert len({p.id for p in proposals}) == len(proposals)
    return [(p.subject, p.property, p.value) for p in proposals], proposals


@pytest.mark.parametrize("text, expected", [
    # parameter counts
    ("아크미랩스는 1200억 파라미터 규모의 '베타 LLM'을 학습했다.", [("beta-llm", "parameters.total", "1200억")]),
    ("베타 LLM은 350억 개 매개변수를 갖췄다.", [("beta-llm", "parameters.total", "350억")]),
    ("업계는 이 모델이 700억(70B) 매개변수 규모라고 전했다.", [(TODO, "parameters.total", "700억")]),
    ("업계는 이 모델이 40B(400억 개 매개변수)라고 전했다.", [(TODO, "parameters.total", "40B")]),
    ("연구진은 2.6B 모델을 먼저 내놨다.", [(TODO, "parameters.total", "2.6B")]),
    ("10억·30억 파라미터 모델 두 종을 만들었다.",
     [(TODO, "parameters.total", "10억"), (TODO, "parameters.total", "30억")]),
    ("2차 과제에서는 100B 이상 모델을 만든다.", [(TODO, "parameters.total", ">=100B")]),  # a lower bound
    # downloads
    ("아크미-7B는 출시 두 달 만에 50만 건 이상 다운로드됐다.", [("acme-7b", "downloads", ">=50만")]),
    ("이 모델의 다운로드 수는 120만 회를 돌파했다.", [(TODO, "downloads", ">=120만")]),
    # budgets
    ("정부는 국가 AI 사업에 총 2500억 원을 투입한다.", [("national-ai", "budget.total", "2500억 원")]),
    ("국가 AI 사업은 데이터 구축에 300억 원을 배정했다.", [("national-ai", "budget.data", "300억 원")]),
    ("2차 추경으로 반도체 분야에 40억 원이 편성됐다.", [("extra-budget", "budget.semiconductor", "40억 원")]),
    # GPUs
    ("선정된 팀에는 H100 512장이 지원된다.", [(TODO, "gpu.count", "512")]),
    ("국가 AI 사업은 GPU 1만 장을 확보한다.", [("national-ai", "gpu.count", "1만")]),
    # open source / open weights
    ("아크미랩스는 베타 LLM을 오픈소스로 공개했다.", [("beta-llm", "open_source", True)]),
    ("베타 LLM은 누구나 무료로 다운로드할 수 있다.", [("beta-llm", "gated", False)]),
    ("베타 LLM은 오픈소스로 공개되지 않았다.", [("beta-llm", "open_source", False)]),  # negated
    ("베타 LLM과 아크미-7B 모두 오픈소스로 공개돼 있다.",
     [("beta-llm", "open_source", True), ("acme-7b", "open_source", True)]),
    ("아크미랩스는 베타 LLM을 오픈웨이트로 공개했다.", [("beta-llm", "open_weights", True)]),
    # dated statements
    ("아크미랩스는 작년 3월 설립된 스타트업이다.", [("acme-labs", "founded", "2025-03")]),
    ("그는 지난 2023년 5월 아크미랩스를 설립했다.", [("acme-labs", "founded", "2023-05")]),
    ("아크미랩스는 지난달 베타 LLM을 공개했다.", [("beta-llm", "release_date", "2026-01")]),
    ("아크미랩스는 11월에 공개한 베타 LLM으로 주목받았다.", [("beta-llm", "release_date", "2025-11")]),
    ("국가 AI 사업의 접수는 이달 20일 마감된다.", [("national-ai", "event.deadline", "2026-02-20")]),
    ("국가 AI 사업은 오는 6월 말에서 7월 초로 예정된 2차 평가를 앞두고 있다.",
     [("national-ai", "event.phase2-evaluation", "2026-06-21/2026-07-10")]),
    ("정부는 상반기 내 1개 팀을 추가 선정할 계획이다.",
     [(TODO, "event.additional-selection", "2026-H1"), (TODO, "count.teams", "1")]),
])
def test_detects(text, expected):
    claims, _ = found(text)
    assert claims == expected


@pytest.mark.parametrize("text", [
    "이 회사는 매출 300억 원을 기록했다.",                       # money that is no budget
    "오픈소스를 활용하더라도 가중치 초기화가 필요하다.",         # open source mentioned, nothing released
    "아크미-7B는 한국어에 강하다.",                              # a size inside a model's name is no claim
    "목표는 200B~300B 규모의 LLM이다.",                          # a range
    "12B 급 모델 가운데 가장 높은 점수를 받았다.",               # a size class
    "B2B 시장에서 성과를 냈다.",
    "심사는 3일 동안 진행된다.",                                # a duration
    "12일 업계에 따르면 이번 공모는 2파전이 될 전망이다.",       # the date of the report, not of the call
    "그는 선정 기업인 아크미랩스의 대표다.",                     # 선정 as a modifier
    "4개 팀이 GPU 지원을 받는다.",
    "이 모델은 구글의 모델보다 5% 작다.",
])
def test_no_false_claims(text):
    claims, _ = found(text)
    assert claims == []


def test_notes_explain_relative_dates_and_missing_subjects():
    _, ps = found("아크미랩스는 작년 3월 설립된 스타트업이다. 업계는 이 모델이 700억(70B) 매개변수 규모라고 전했다.")
    assert ps[0].note == "작년 3월 resolved against 2026-02-10"
    assert "subject not found" in ps[1].note


def test_a_past_event_in_an_implied_year_is_last_year():
    _, ps = found("아크미랩스는 11월에 공개한 베타 LLM으로 주목받았다.")
    assert ps[0].value == "2025-11"
    assert "a past event, so the previous year" in ps[0].note


def test_model_property_names_the_organisation_when_no_model_is_named():
    _, ps = found("아크미랩스는 900억 파라미터 규모의 모델을 개발했다.")
    assert ps[0].subject == TODO
    assert "the sentence names acme-labs" in ps[0].note


def test_a_name_after_a_comparison_is_not_the_subject():
    claims, _ = found("또한 80억 파라미터 경량형 모델은 베타 LLM보다 빠르다.")
    assert claims == [(TODO, "parameters.total", "80억")]


def test_without_a_registry():
    claims, ps = found("아크미랩스는 작년 3월 설립됐다. 연구진이 만든 '감마(Gamma)-13B' 모델이 화제다.", entities=None)
    assert claims == [("TODO: 아크미랩스", "founded", "2025-03")]  # a placeholder with the name as written
    assert "not in entities.yaml" in ps[0].note


def test_quotes_are_short_clauses():
    text = ("아크미랩스는 지난해 여러 차례의 내부 검토와 외부 자문을 거친 끝에, 1200억 파라미터 규모의 '베타 LLM'을 "
            "학습하며 국내 최대 규모라는 평가를 받았고, 이후 해외 진출을 모색했다.")
    _, ps = found(text)
    assert [p.quote for p in ps] == ["1200억 파라미터 규모의 '베타 LLM'을 학습하며"]


def test_ids_are_unique_and_kebab_case():
    _, ps = found("10억·30억·50억 파라미터 모델을 만들었다. 아크미-7B와 아크미-7B 모두 화제다.")
    assert [p.id for p in ps] == ["parameters-total", "parameters-total-2", "parameters-total-3"]


def test_duplicates_are_proposed_once():
    claims, _ = found("베타 LLM은 350억 개 매개변수를 갖췄다. 다시 말해 베타 LLM은 350억 개 매개변수 모델이다.")
    assert claims == [("beta-llm", "parameters.total", "350억")]


def test_date_line_and_sentences():
    d, text = split_date_line(" date 2026-02-12 첫 문장이다. 둘째 문장이다.\n\n셋째   줄.")
    assert d == date(2026, 2, 12)
    assert [x.text for x in sentences(text, "ko")] == ["첫 문장이다.", "둘째 문장이다.", "셋째 줄."]
    assert split_date_line("날짜 없는 글") == (None, "날짜 없는 글")


def test_a_quoted_name_in_apposition_is_the_placeholder_subject():
    claims, ps = found("회사는 1200억 파라미터 규모의 '베타 LLM'을 학습했다.", entities=None)
    assert claims == [("TODO: 베타 LLM", "parameters.total", "1200억")]
    assert "not in entities.yaml" in ps[0].note
