"""End to end: ``claimcheck verify --live`` and ``hub refresh`` then offline ``verify``, through the real
huggingface_hub client talking to the local Hub."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from checker.cli import cli
from tests.evidence.conftest import TOKEN

MOE = "example-org/moe-236b-a23b"
VLM = "example-org/vision-chat-7b-instruct"


def write_registry(root: Path) -> Path:
    (root / "sources").mkdir(parents=True)
    (root / "entities.yaml").write_text(
        "entities:\n"
        "  - id: example-lab\n    kind: organisation\n    names: [Example Lab]\n    hub_orgs: [example-org]\n"
        f"  - id: moe\n    kind: model\n    names: [MoE-236B]\n    hub_repo: {MOE}\n    developer: example-lab\n"
        f"  - id: vlm\n    kind: model\n    names: [Vision Chat]\n    hub_repo: {VLM}\n", encoding="utf-8")
    (root / "sources" / "a.yaml").write_text(
        "source:\n  id: example-news\n  published: 2026-01-10\nclaims:\n"
        "  - {id: moe-total, subject: moe, property: parameters.total, value: 236B, quote: 236B, expect: supported}\n"
        "  - {id: moe-round, subject: moe, property: parameters.total, value: 240B, quote: 240B}\n"
        "  - {id: moe-active, subject: moe, property: parameters.active, value: 23B, quote: 23B}\n"
        "  - {id: moe-dev, subject: moe, property: developer, value: example-lab, quote: by Example Lab}\n"
        "  - {id: vlm-size, subject: vlm, property: parameters.total, value: 8.3B, quote: 8.3B}\n"
        "  - {id: vlm-encoder, subject: vlm, property: vision_encoder, value: qwen2.5-vl, quote: Qwen encoder}\n",
        encoding="utf-8")
    return root


def verdicts(report: dict) -> dict[str, tuple[str, str]]:
    return {f["claim_id"].split("/")[1]: (f["verdict"], f["reason"]) for f in report["findings"]}


def test_verify_live_judges_against_exact_api_values(hub, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", TOKEN)   # the MoE repo is gated: its card needs the token
    registry = write_registry(tmp_path / "claims")
    result = CliRunner().invoke(cli, ["verify", str(registry), "--live", "--endpoint", hub.url,
                                      "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["mode"] == "live"
    got = verdicts(report)
    assert got["moe-total"] == ("supported", "model-card")        # the card says 236B; the checkpoint 236.9B
    assert got["moe-round"][0] == "approximate"                  # 240B is 1.3 % above the exact total
    assert got["moe-active"] == ("supported", "model-card")        # "of which 23B are active"
    assert got["moe-dev"] == ("supported", "repo-owner")
    # The API's exact 8,292,166,656 supports 8.3B, and a card figure could not change that: its card is not read.
    assert got["vlm-size"] == ("supported", "hub-api")
    assert [r.path.rsplit("/", 1)[1] for r in hub.requests if r.route == "resolve" and r.repo == VLM] == ["config.json"]
    assert got["vlm-encoder"][0] == "supported"
    api = [e for f in report["findings"] if f["claim_id"].endswith("vlm-size") for e in f["evidence"]
           if e["method"] == "hub-api"]
    assert api and api[0]["value"] == 8292166656
    assert api[0]["revision"] == "9f1c2d3e4b5a69788796a5b4c3d2e1f0a9b8c7d6"
    assert not (registry / "evidence").exists()                  # verify --live records nothing
    assert TOKEN not in result.stdout + result.stderr


def test_verify_live_without_access_to_a_gated_card_stays_honest(hub, tmp_path):
    registry = write_registry(tmp_path / "claims")
    result = CliRunner().invoke(cli, ["verify", str(registry), "--live", "--endpoint", hub.url,
                                      "--format", "json", "--fail-on", "never"])
    got = verdicts(json.loads(result.stdout))
    # The API still gives the exact total; the active count lives only in the card, which is out of reach.
    assert got["moe-total"] == ("supported", "hub-api")
    assert got["moe-active"] == ("unverifiable", "no-evidence")


def test_refresh_then_offline_verify_gives_the_same_verdicts(hub, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    registry = write_registry(tmp_path / "claims")
    refreshed = CliRunner().invoke(cli, ["hub", "refresh", str(registry), "--endpoint", hub.url, "--quiet"])
    assert refreshed.exit_code == 0, refreshed.output
    live = CliRunner().invoke(cli, ["verify", str(registry), "--live", "--endpoint", hub.url, "--format", "json",
                                    "--fail-on", "never"])
    requests_before = len(hub.requests)
    offline = CliRunner().invoke(cli, ["verify", str(registry), "--format", "json", "--fail-on", "never"])
    assert offline.exit_code == 0, offline.output
    assert len(hub.requests) == requests_before                  # offline asks nothing
    assert verdicts(json.loads(offline.stdout)) == verdicts(json.loads(live.stdout))
    recorded = json.loads((registry / "evidence" / "hub" / f"{MOE}.json").read_text(encoding="utf-8"))
    assert recorded["origin"] == "live" and recorded["raw"]["model_info"]["id"] == MOE


def test_a_broken_hub_never_becomes_a_wrong_verdict(hub, tmp_path):
    registry = write_registry(tmp_path / "claims")
    hub.fault("truncated")                      # every answer cut short: nothing can be parsed
    result = CliRunner().invoke(cli, ["verify", str(registry), "--live", "--endpoint", hub.url,
                                      "--format", "json", "--strict"])
    assert result.exit_code == 3, result.output  # --strict: evidence could not be obtained
    got = verdicts(json.loads(result.stdout))
    assert {verdict for verdict, _ in got.values()} == {"unverifiable"}
    assert {reason for _, reason in got.values()} == {"evidence-unavailable"}
