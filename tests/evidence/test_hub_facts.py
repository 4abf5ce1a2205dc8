"""Model-card attribution: a figure or date is the repo's own only when the card says it of this model."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.evidence.hub_facts import card_facts

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def facts(card: str, repo: str) -> set[tuple[str, object]]:
    return {(f.property, f.value) for f in card_facts(card, source_url="u", revision="r", observed_at=NOW,
                                                      names=[repo])}


COMPARISON_TABLE_COLUMNS = """\
# Acme-32B

| | Acme-32B | Other-Chat 3 32B | Rival-R1 |
|---|---|---|---|
| Total Params | 32.0B | 32.8B | 671B |
| Activated Params | 32.0B | 32.8B | 37B |
| Release Date | 2025-07-15 | 2025-04-29 | 2025-01-20 |
"""

COMPARISON_TABLE_ROWS = """\
| Model | Total Params | Active Params | Release date |
|---|---|---|---|
| Rival-R1 | 671B | 37B | 2025-01-20 |
| Acme-32B | 32.0B | 32.0B | 2025-07-15 |
| Other-Chat-3-235B-A22B | 235B | 22B | 2025-04-29 |
"""

BASED_ON = """\
# Acme-8B-Instruct

Acme-8B-Instruct is fine-tuned from Base-LM 3 8B, released on April 18, 2024, which has 8.0B parameters.
It is based on Base-LM 3 released on 2024-04-18.
The model was released on 2025-03-01.
"""

FAMILY_CARD = """\
# Acme 2

Acme 2 comes in three sizes. Acme-2-7B has 7.3B parameters; Acme-2-70B has 70.6B parameters.
Acme-2-13B has 13.0B total parameters and was released on 2025-06-02, after Acme-2-7B was released on 2025-05-01.
"""

PROSE_COMPARISONS = """\
Our model has 32B total parameters and outperforms Rival-R1 (671B total parameters).
With 32B parameters, it rivals much larger models such as Rival-V3 (671B total parameters).
Unlike Rival-V3, which has 37B activated parameters, this model is dense.
We trained it on 2048 H100 GPUs.
"""


@pytest.mark.parametrize("card, repo, expected", [
    (COMPARISON_TABLE_COLUMNS, "acme/Acme-32B",
     {("parameters.total", 32_000_000_000), ("parameters.active", 32_000_000_000), ("release_date", "2025-07-15")}),
    (COMPARISON_TABLE_ROWS, "acme/Acme-32B",
     {("parameters.total", 32_000_000_000), ("parameters.active", 32_000_000_000), ("release_date", "2025-07-15")}),
    (BASED_ON, "acme/Acme-8B-Instruct", {("release_date", "2025-03-01")}),
    (FAMILY_CARD, "acme/Acme-2-13B", {("parameters.total", 13_000_000_000), ("release_date", "2025-06-02")}),
    (FAMILY_CARD, "acme/Acme-2-7B", {("parameters.total", 7_300_000_000), ("release_date", "2025-05-01")}),
    (PROSE_COMPARISONS, "acme/Acme-32B", {("parameters.total", 32_000_000_000)}),
], ids=["comparison-table-columns", "comparison-table-rows", "based-on", "family-card-13b", "family-card-7b",
        "prose-comparisons"])
def test_only_statements_about_this_model_are_its_facts(card, repo, expected):
    assert facts(card, repo) == expected


def test_a_figure_of_the_base_model_is_never_the_repos():
    card = "This model is based on Base-LM-70B (70.6B parameters), released on 2024-07-23."
    assert facts(card, "acme/Acme-70B-Chat") == set()


def test_the_family_name_followed_by_a_size_is_this_model():
    card = "Acme 4.0 was released on July 15, 2025, building on Acme 3.5 released on 2024-12-09."
    assert facts(card, "acme/Acme-4.0-32B") == {("release_date", "2025-07-15")}


def test_a_distilled_model_is_not_its_teacher():
    card = "Acme-R1-Distill-Small-7B is distilled from Acme-R1 (671B total parameters), released on 2025-01-20."
    assert facts(card, "acme/Acme-R1-Distill-Small-7B") == set()
    assert facts("Acme-R1 has 671B total parameters.", "acme/Acme-R1") == {("parameters.total", 671_000_000_000)}


def test_a_card_that_names_no_model_speaks_of_its_own():
    card = "| | |\n|---|---|\n| Number of Parameters | 236B |\n| Release Date | 2025.12.31 |\n"
    assert facts(card, "acme/m") == {("parameters.total", 236_000_000_000), ("release_date", "2025-12-31")}
