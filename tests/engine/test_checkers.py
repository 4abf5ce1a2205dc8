"""Checker corners the golden cases do not reach."""

import datetime as dt
from decimal import Decimal

import pytest

from checker.engine.dates import check_release_date, days_apart, distance
from checker.engine.downloads import check_downloads
from checker.engine.lineage import check_base_model, check_vision_encoder
from checker.engine.openness import check_open_weights
from checker.engine.relations import check_relation_size
from checker.evidence.facts import Method
from checker.registry.types import Relation
from checker.values import parse_date, parse_quantity
from tests.engine.factory import claim, context, fact, snapshot, source, subject

DAY = dt.datetime(2026, 2, 1, tzinfo=dt.timezone.utc)


def downloads(raw, published, *facts):
    c = claim("downloads", parse_quantity(raw), raw=raw, src=source(published=published))
    j = check_downloads(c, snapshot(*facts), context())
    return j.verdict, j.reason


@pytest.mark.parametrize("raw, published, expected", [
    ("<=60만", dt.date(2026, 1, 1), ("supported", "downloads-all-time")),      # later figure below the cap
    ("<=60만", dt.date(2026, 3, 1), ("unverifiable", "bound-only")),  # may have grown past it since
    ("<=40만", dt.date(2026, 1, 1), ("unverifiable", "bound-only")),  # may have been below then
    ("520,000", dt.date(2026, 3, 1), ("unverifiable", "bound-only")),
    ("500,000", dt.date(2026, 3, 1), ("approximate", "downloads-all-time")),  # already past it before
    ("600,000", dt.date(2026, 1, 1), ("contradicted", "downloads-all-time")),  # a later count cannot be lower
])
def test_all_time_bounds(raw, published, expected):
    assert downloads(raw, published, fact("downloads_all_time", 512_345, observed_at=DAY)) == expected


@pytest.mark.parametrize("raw, published, expected", [
    (">=50만", dt.date(2026, 2, 1), ("supported", "downloads-all-time")),      # dated the article's day
    (">=50만", dt.date(2026, 2, 2), ("supported", "downloads-all-time")),      # passed before the article
    (">=50만", dt.date(2026, 1, 31), ("unverifiable", "bound-only")),          # a later count bounds from above
    (">=52만", dt.date(2026, 1, 31), ("contradicted", "downloads-all-time")),  # still below it afterwards
    (">=52만", dt.date(2026, 2, 2), ("unverifiable", "bound-only")),           # may have grown past it since
    (">=39만", dt.date(2026, 1, 3), ("supported", "downloads-30-day-arithmetic")),  # 512,345 - 120,000 by 01-02
    (">=39만", dt.date(2025, 12, 31), ("unverifiable", "bound-only")),         # before the 30-day window
    (">=40만", dt.date(2026, 1, 3), ("unverifiable", "bound-only")),           # the arithmetic falls short
])
def test_milestones(raw, published, expected):
    assert downloads(raw, published, fact("downloads_all_time", 512_345, observed_at=DAY),
                     fact("downloads", 120_000, observed_at=DAY)) == expected


def test_snapshot_date_when_the_fact_has_none():
    assert downloads("51만", dt.date(2026, 2, 1), fact("downloads_all_time", 512_345)) == \
        ("supported", "downloads-all-time")


def test_no_download_figures():
    assert downloads(">=1", dt.date(2026, 1, 1)) == ("unverifiable", "no-evidence")


def relation(mode, pct, s_total, o_total, precision=1e9):
    other = subject(repo="example-org/o", sid="o", name="O")
    ev_o = snapshot(fact("parameters.total", o_total, Method.MODEL_CARD, precision=precision), repo="example-org/o")
    rel = Relation(other, mode, Decimal(pct) / 100, Decimal(1) / 100)
    c = claim("relation.size", rel, raw={"object": "o", mode: f"{pct}%"})
    ev = snapshot(fact("parameters.total", s_total, Method.MODEL_CARD, precision=precision))
    return check_relation_size(c, ev, context({"example-org/o": ev_o}))


def test_relation_larger_by():
    j = relation("larger_by", 10, 110_000_000_000, 100_000_000_000)
    assert (j.verdict, j.reason) == ("supported", "parameter-ratio")
    assert "is 10.0 % larger than O's 100B" in j.explanation


def test_relation_in_the_wrong_direction_is_contradicted():
    assert relation("smaller_by", 1, 105_000_000_000, 100_000_000_000).verdict == "contradicted"
    assert relation("larger_by", 1, 95_000_000_000, 100_000_000_000).verdict == "contradicted"
    # within both figures' rounding the direction is uncertain: judged by the gap alone
    assert relation("smaller_by", 1, 101_000_000_000, 100_000_000_000).verdict == "approximate"


def test_relation_without_size_facts():
    other = subject(repo="example-org/o", sid="o", name="O")
    c = claim("relation.size", Relation(other, "fraction_of", Decimal("0.5"), Decimal("0.01")))
    j = check_relation_size(c, snapshot(), context({"example-org/o": snapshot(repo="example-org/o")}))
    assert (j.verdict, j.reason) == ("unverifiable", "no-evidence")
    assert "Model-M and O" in j.explanation


def test_date_distance_words():
    assert distance(1) == "1 day" and distance(-40) == "40 days" and distance(95) == "about 3 months"
    assert days_apart(parse_date("2025-06"), parse_date("2025-04-22")) == 40
    assert days_apart(parse_date("2025"), parse_date("2025-04-22")) == 0


def test_release_statement_months_apart():
    c = claim("release_date", parse_date("2025-09"), raw="2025-09")
    j = check_release_date(c, snapshot(fact("release_date", "2025-04-22", Method.MODEL_CARD)), context())
    assert (j.verdict, j.reason) == ("contradicted", "model-card")
    assert "about 4 months after it" in j.explanation


def test_unparseable_release_statement_is_ignored():
    c = claim("release_date", parse_date("2025-09"), raw="2025-09")
    j = check_release_date(c, snapshot(fact("release_date", "sometime soon", Method.MODEL_CARD)), context())
    assert j.reason == "no-evidence"


def test_base_model_as_a_single_string_and_case_insensitive():
    base = subject(repo="Example-Org/Base", sid="hf:Example-Org/Base", name="Example-Org/Base")
    j = check_base_model(claim("base_model", base), snapshot(fact("base_model", "example-org/base")), context())
    assert (j.verdict, j.reason) == ("supported", "declared-base-model")


def test_vision_config_without_model_type_is_no_evidence():
    j = check_vision_encoder(claim("vision_encoder", "SigLIP"),
                             snapshot(fact("vision_config", {"hidden_size": 1152}, Method.CONFIG)), context())
    assert j.reason == "no-evidence"


@pytest.mark.parametrize("facts, verdict, reason", [
    ([fact("exists", False)], "contradicted", "not-downloadable"),
    ([fact("exists", True)], "supported", "downloadable"),
    ([fact("exists", True), fact("private", False), fact("disabled", False), fact("gated", "auto")],
     "supported", "downloadable"),
])
def test_open_weights_rung(facts, verdict, reason):
    j = check_open_weights(claim("open_weights", True), snapshot(*facts), context())
    assert (j.verdict, j.reason) == (verdict, reason)
