"""``claimcheck check hf:<repo> context_length 128K --live``: config.json's window through the real client."""

from __future__ import annotations

import json

from click.testing import CliRunner

from checker.cli import cli
from tests.evidence.localhub import load_fixture

REPO = "example-org/long-context-8b"


def test_check_context_length_live_against_max_position_embeddings(hub, tmp_path, monkeypatch):
    info = load_fixture("vision-chat-7b-instruct")
    info.update({"_id": "0" * 24, "id": REPO, "author": "example-org", "gated": False, "cardData": {"license": "mit"}})
    hub.add(info, {"config.json": {"architectures": ["LlamaForCausalLM"], "model_type": "llama",
                                   "max_position_embeddings": 131072,
                                   "rope_scaling": {"rope_type": "llama3", "factor": 8.0,
                                                    "original_max_position_embeddings": 8192}}})
    monkeypatch.chdir(tmp_path)   # no ./claims: the claim stands alone
    result = CliRunner().invoke(cli, ["check", f"hf:{REPO}", "context_length", "128K", "--live",
                                      "--endpoint", hub.url, "--format", "json"])
    assert result.exit_code == 0, result.output
    finding = json.loads(result.stdout)["findings"][0]
    assert (finding["verdict"], finding["reason"]) == ("supported", "config")
    assert "131,072 tokens" in finding["explanation"] and "K = 1,024" in finding["explanation"]
    assert [e["value"] for e in finding["evidence"]] == [131072]
    assert hub.count(repo=REPO) >= 2          # the API fields and config.json, which the table asked for
