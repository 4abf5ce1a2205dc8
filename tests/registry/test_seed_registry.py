"""The bundled seed registry validates, and every quote occurs in its article (when ../shared/seeds exists)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from checker.cli import cli
from checker.registry.loader import load_registry


def test_bundled_registry_validates(repo_root: Path):
    reg = load_registry(repo_root / "claims")
    assert len(reg.sources) >= 5
    assert len(reg.claims) >= 70


def test_every_seed_quote_is_found(repo_root: Path, seeds_dir: Path):
    reg = load_registry(repo_root / "claims", texts=[seeds_dir])
    assert all(c.quote_offset is not None for c in reg.claims if c.source.text)
    assert all(s.text for s in reg.sources.values())


def test_validate_command_on_the_seed_registry(repo_root: Path, seeds_dir: Path):
    result = CliRunner().invoke(cli, ["validate", str(repo_root / "claims"), "--texts", str(seeds_dir)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


def test_every_hub_model_entity_has_a_snapshot(repo_root: Path):
    reg = load_registry(repo_root / "claims")
    for repo in reg.repo_ids():
        assert (repo_root / "claims" / "evidence" / "hub" / f"{repo}.json").is_file(), repo


def test_every_seed_claim_has_an_expect_and_every_doubt_a_note(repo_root: Path):
    reg = load_registry(repo_root / "claims")
    assert [c.global_id for c in reg.claims if c.expect is None] == []
    assert [c.global_id for c in reg.claims if c.expect != "supported" and not c.note] == []


def test_the_seed_registry_verifies_offline_with_zero_drift(repo_root: Path):
    result = CliRunner().invoke(cli, ["verify", str(repo_root / "claims"), "--fail-on", "drift", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert "0 drift" in result.stderr


def test_articles_alone_corroborate_and_never_support(repo_root: Path):
    import json

    result = CliRunner().invoke(cli, ["verify", str(repo_root / "claims"), "--fail-on", "never", "--format", "json"])
    findings = json.loads(result.stdout)["findings"]
    assert any(f["verdict"] == "corroborated" for f in findings)
    assert [f["claim_id"] for f in findings if f["verdict"] == "supported" and not f["evidence"]] == []
    assert {f["reason"] for f in findings if f["verdict"] == "corroborated"} == {"cross-article"}


def test_every_bundled_fact_is_sourced_and_honest_about_its_method(repo_root: Path):
    from checker.evidence.store import SnapshotStore

    store = SnapshotStore(repo_root / "claims" / "evidence" / "hub")
    repos = store.repo_ids()
    assert repos
    for repo in repos:
        evidence = store.load(repo)
        assert evidence.facts, repo
        for fact in evidence.facts:
            assert fact.source_url or fact.note, (repo, fact.property)   # where it was read
            if evidence.origin == "public-pages":
                assert fact.method.value != "hub-api", (repo, fact.property)   # never presented as exact API
