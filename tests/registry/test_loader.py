"""Loading a valid registry: normalised values, resolved subjects, quote offsets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from checker.errors import RegistryError
from checker.registry.loader import build_adhoc_claim, load_registry
from checker.registry.types import BoolValue, DateValue, LicenseValue, QuantityValue, RelationValue
from checker.values import DateInterval


def test_base_registry_loads_with_normalised_values(base_registry: Path):
    reg = load_registry(base_registry)
    claims = {c.id: c for c in reg.claims}
    assert [c.global_id for c in reg.claims][0] == "example-news-2026-01-10/size"
    assert claims["size"].value.quantity.number == Decimal("7000000000")
    assert claims["size"].value.quantity.step == Decimal("100000000")
    assert claims["founded"].value == DateValue(DateInterval(dt.date(2024, 8, 1), dt.date(2024, 8, 31)))
    assert claims["open"].value == BoolValue(True)
    assert claims["licence"].value == LicenseValue("example-license")
    value = claims["smaller"].value
    assert isinstance(value, RelationValue)
    rel = value.relation
    assert rel.object.id == "other-70b" and rel.mode == "fraction_of"
    assert rel.amount == Decimal("0.10")


def test_subjects_resolve_through_aliases_and_hub_ids(base_registry: Path):
    reg = load_registry(base_registry)
    claims = {c.id: c for c in reg.claims}
    # A Korean alias and an hf: id both land on the registry entity, so their claims group together.
    assert claims["founded"].subject.id == "example-lab"
    assert claims["open"].subject.id == "example-7b"
    assert claims["open"].subject.repo_id == "example-org/example-7b"
    assert reg.repo_ids() == ["example-org/example-7b", "other-org/other-70b"]


def test_positions_point_at_each_claim(base_registry: Path):
    reg = load_registry(base_registry)
    first = reg.claims[0]
    assert first.position.path.endswith("sources/a.yaml")
    assert (first.position.line, first.position.col) == (8, 5)   # "  - id: size" on line 8


def test_quotes_are_found_with_their_offsets(base_registry: Path):
    reg = load_registry(base_registry, texts=[base_registry / "texts"])
    offsets = [c.quote_offset for c in reg.claims]
    assert all(o is not None for o in offsets)
    assert offsets[0] < offsets[1]   # quotes appear in the text in this order


def test_quote_check_folds_whitespace_and_unicode_forms(base_registry: Path):
    text = base_registry / "texts" / "a.txt"
    decomposed = text.read_text(encoding="utf-8")
    import unicodedata
    text.write_text(unicodedata.normalize("NFD", decomposed).replace(" ", "  \n "), encoding="utf-8")
    reg = load_registry(base_registry, texts=[base_registry / "texts"])
    assert all(c.quote_offset is not None for c in reg.claims)


def test_missing_quote_shows_the_closest_passage(base_registry: Path):
    src = base_registry / "sources" / "a.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("2024년 8월 설립된 예시랩", "2024년 9월 설립된 예시랩"),
                   encoding="utf-8")
    with pytest.raises(RegistryError) as info:
        load_registry(base_registry, texts=[base_registry / "texts"])
    assert "closest passage: '2024년 8월 설립된 예시랩" in str(info.value)


def test_all_problems_are_reported_at_once(base_registry: Path):
    src = base_registry / "sources" / "a.yaml"
    text = src.read_text(encoding="utf-8")
    src.write_text(text.replace("value: 70억", "value: lots").replace("subject: 예시랩", "subject: nobody"),
                   encoding="utf-8")
    with pytest.raises(RegistryError) as info:
        load_registry(base_registry)
    assert len(info.value.problems) == 2
    assert [p.line for p in info.value.problems] == sorted(p.line for p in info.value.problems)


def test_adhoc_claim_is_normalised_like_a_registry_claim(base_registry: Path):
    reg = load_registry(base_registry)
    claim = build_adhoc_claim(reg, "Example-7B", "parameters.total", "7B", dt.date(2026, 2, 1))
    assert claim.subject.id == "example-7b"
    assert isinstance(claim.value, QuantityValue) and claim.value.quantity.number == Decimal("7000000000")
    with pytest.raises(RegistryError, match="did you mean"):
        build_adhoc_claim(reg, "Example-8B", "parameters.total", "7B", dt.date(2026, 2, 1))


def test_a_hub_organisation_name_names_its_organisation(base_registry: Path):
    reg = load_registry(base_registry)
    claim = build_adhoc_claim(reg, "example-org", "founded", "2024", dt.date(2026, 2, 1))
    assert claim.subject.id == "example-lab"


def test_validate_verbose_lists_each_quote_offset(base_registry: Path):
    from click.testing import CliRunner

    from checker.cli import cli

    result = CliRunner().invoke(cli, ["validate", "reg", "--texts", "reg/texts", "-v"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("reg/sources/a.yaml:8:5: example-news-2026-01-10/size: quote at character ")


def test_claims_repeating_a_text_share_one_string(base_registry: Path, tmp_path: Path):
    """A copied article's claims keep one string per distinct quote, note, id and expect (a registry of
    copies holds each text once), with the same values."""
    import shutil

    reg_dir = tmp_path / "copied"
    shutil.copytree(base_registry, reg_dir)
    # longer than the 64 characters below which pydantic's own string cache shares them anyway
    long = " (" + "긴 인용문 " * 12 + ")"
    text = (reg_dir / "sources" / "a.yaml").read_text(encoding="utf-8").replace("\n    quote: 예시 라이선스\n",
                                                                               f"\n    quote: 예시 라이선스{long}\n"
                                                                               f"    note: 메모{long}\n")
    assert long in text
    (reg_dir / "sources" / "a.yaml").write_text(text, encoding="utf-8")
    source_id = load_registry(base_registry).claims[0].source.id
    (reg_dir / "sources" / "b.yaml").write_text(text.replace(source_id, source_id + "-copy"), encoding="utf-8")
    claims = load_registry(reg_dir).claims
    half = len(claims) // 2
    assert half and [c.global_id.split("/")[1] for c in claims[:half]] == [c.id for c in claims[half:]]
    for one, copy in zip(claims[:half], claims[half:]):
        assert one.global_id != copy.global_id
        assert one.quote is copy.quote and one.id is copy.id
        assert one.note is copy.note and one.expect is copy.expect
        assert one.raw_value == copy.raw_value
        if isinstance(one.raw_value, str):
            assert one.raw_value is copy.raw_value
    assert any(c.note and long in c.note for c in claims) and any(long in c.quote for c in claims)
