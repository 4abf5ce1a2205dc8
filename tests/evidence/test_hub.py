"""HubSource against the local Hub: the real huggingface_hub client over real sockets to 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time

import pytest

from checker.evidence.facts import Method, RepoEvidence, Unavailable
from checker.evidence.hub import API_EXPAND, LIST_EXPAND
from checker.evidence.hub_facts import card_facts, parse_base_models, vision_encoder_family
from tests.evidence.conftest import ALL_REPOS, LABS_REPO, ORG_REPOS, SOLO_REPO, TOKEN
from tests.evidence.localhub import LocalHub, load_fixture, synthetic_info

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def values(evidence: RepoEvidence, prop: str, method: Method = Method.HUB_API) -> list:
    return [f.value for f in evidence.facts if f.property == prop and f.method == method]


# -- API evidence ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("repo_id", [ORG_REPOS[0], LABS_REPO], ids=["listed", "model_info"])
def test_records_the_api_fields_exactly(hub, make_source, repo_id):
    fixture = load_fixture(repo_id.split("/")[1])
    evidence = make_source().evidence(ALL_REPOS)[repo_id]

    assert isinstance(evidence, RepoEvidence) and evidence.origin == "live"
    assert evidence.revision == fixture["sha"]
    assert values(evidence, "parameters.total") == [fixture["safetensors"]["total"]]
    assert values(evidence, "parameters.by_dtype") == [fixture["safetensors"]["parameters"]]
    assert values(evidence, "downloads") == [fixture["downloads"]]
    assert values(evidence, "downloads_all_time") == [fixture["downloadsAllTime"]]
    assert values(evidence, "likes") == [fixture["likes"]]
    assert values(evidence, "gated") == [fixture["gated"]]
    assert values(evidence, "tags") == [fixture["tags"]]
    assert values(evidence, "model_type") == [fixture["config"]["model_type"]]
    for fact in evidence.facts:
        assert fact.method is Method.HUB_API
        assert fact.revision == fixture["sha"]
        assert fact.source_url == f"{hub.url}/api/models/{repo_id}"
        assert fact.precision is None            # API values are exact
    # The raw response is kept as the Hub sent it: _id, id and the expanded keys only.
    assert evidence.raw.model_info["id"] == repo_id
    assert set(evidence.raw.model_info) - {"_id", "id"} <= set(API_EXPAND)
    assert "siblings" not in evidence.raw.model_info


def test_licence_base_model_and_creation_floor():
    """Fixture-level details: licence from cardData or the tag, both baseModels shapes, the createdAt floor."""
    from huggingface_hub import ModelInfo

    from checker.evidence.hub_facts import api_facts

    legacy = load_fixture("legacy-encoder-base")
    facts = {(f.property, f.note): f.value for f in api_facts(
        legacy, ModelInfo(**legacy), source_url="u", observed_at=NOW)}
    assert facts[("license", "license: tag")] == "mit"
    assert facts[("base_model", "baseModels")] == ["example-labs/legacy-encoder-large"]
    assert facts[("base_model", "cardData.base_model")] == ["example-labs/legacy-encoder-large"]
    assert facts[("created_at", "floor: creation date unknown")] == "2022-03-02T23:29:04+00:00"

    instruct = load_fixture("vision-chat-7b-instruct")
    facts = {(f.property, f.note): f.value for f in api_facts(
        instruct, ModelInfo(**instruct), source_url="u", observed_at=NOW)}
    assert facts[("license", "cardData.license")] == "apache-2.0"
    assert facts[("base_model_relation", "baseModels.relation")] == "finetune"
    assert facts[("created_at", None)] == "2025-01-26T09:26:37+00:00"


def test_absent_fields_stay_absent(hub, make_source):
    sparse = {"_id": "0" * 24, "id": "example-sparse/bare", "sha": "a" * 40}
    hub.add(sparse)
    evidence = make_source().evidence(["example-sparse/bare"])["example-sparse/bare"]
    assert {f.property for f in evidence.facts} == {"exists"}


@pytest.mark.parametrize("raw, expected", [
    ({"relation": "finetune", "models": [{"_id": "x", "id": "a/b"}]}, ("finetune", ["a/b"])),
    ([{"id": "a/b"}, {"id": "c/d"}], (None, ["a/b", "c/d"])),
    (["a/b"], (None, ["a/b"])),
    ("a/b", (None, ["a/b"])),
    ({"relation": "merge"}, ("merge", [])),
])
def test_base_models_are_parsed_tolerantly(raw, expected):
    assert parse_base_models(raw) == expected


# -- batching -------------------------------------------------------------------------------------------

def test_owners_with_several_repos_are_listed_once(hub, make_source):
    results = make_source().evidence(ALL_REPOS)
    assert all(isinstance(r, RepoEvidence) for r in results.values())
    assert hub.count("list") == 1                                     # example-org, three repos
    assert hub.count("info") == 2                                     # the single-repo owners
    assert {r.repo for r in hub.requests if r.route == "info"} == {LABS_REPO, SOLO_REPO}
    assert hub.count("resolve") == 0                                  # no claim needs a file
    listing = next(r for r in hub.requests if r.route == "list")
    assert listing.query["author"] == ["example-org"]
    assert listing.query["expand"] == list(LIST_EXPAND)               # no baseModels: the list endpoint rejects it
    info = next(r for r in hub.requests if r.route == "info")
    assert info.query["expand"] == list(API_EXPAND)


def test_a_repo_missing_from_the_listing_falls_back_to_model_info(hub, make_source):
    results = make_source().evidence([*ORG_REPOS, "example-org/never-existed"])
    assert isinstance(results["example-org/never-existed"], Unavailable)
    assert results["example-org/never-existed"].reason == "not-found"
    assert hub.count("list") == 1
    assert hub.count("info", repo="example-org/never-existed") == 1
    assert hub.count("info") == 1


def test_a_failed_listing_falls_back_to_model_info(hub, make_source):
    hub.fault("truncated", route="list")
    results = make_source().evidence(ORG_REPOS)
    assert all(isinstance(r, RepoEvidence) for r in results.values())
    assert hub.count("info") == 3


def _org_of(hub, size: int, wanted_at: list[int]) -> list[str]:
    """Replace example-org by ``size`` repos; returns the ids at the ``wanted_at`` listing positions."""
    for repo_id in ORG_REPOS:
        hub.repos.pop(repo_id)
    ids = [f"example-org/model-{i:02d}" for i in range(size)]
    for i, repo_id in enumerate(ids):
        hub.add(synthetic_info(repo_id, i))
    return [ids[i] for i in wanted_at]


@pytest.mark.parametrize("size, wanted_at, cursors, singles", [
    # A dense owner is read as far as its wanted repos go, and no further.
    (10, list(range(8)), [None, ["2"], ["4"], ["6"]], 0),
    # The last one missing is asked for on its own: a page costs as much and holds it less surely.
    (8, [0, 1, 2, 3, 5, 6], [None, ["2"], ["4"]], 1),
    # Two of three found on the first page: one more page cannot beat one single request.
    (8, [0, 1, 7], [None], 1),
    # A large owner whose first page holds none of the three: the rest go one by one.
    (12, [6, 9, 11], [None], 3),
    # A thin share (1 of 2 seen): the 4 missing would take 4 more pages, no better than 4 requests.
    (12, [1, 4, 7, 9, 11], [None], 4),
    # Two wanted, neither on the first page of a large owner: one page more than two single requests.
    (12, [6, 9], [None], 2),
], ids=["dense", "dense-last-single", "one-missing", "sparse", "thin", "pair-missed"])
def test_the_listing_stops_when_single_requests_are_cheaper(hub, make_source, monkeypatch, size, wanted_at,
                                                           cursors, singles):
    from checker.evidence import hub as hub_module

    monkeypatch.setattr(hub_module, "LIST_PAGE_SIZE", 2)
    wanted = _org_of(hub, size, wanted_at)
    results = make_source().evidence(wanted)
    assert all(isinstance(results[r], RepoEvidence) for r in wanted)
    pages = [r for r in hub.requests if r.route == "list"]
    assert [p.query.get("cursor") for p in pages] == cursors
    assert all(p.headers["host"].startswith("127.0.0.1:") for p in pages)  # the Link stayed on the local origin
    assert hub.count("info") == singles


def test_the_listing_estimates_with_the_pages_the_hub_sends(hub, make_source):
    # The Hub sends 2 items a page where 500 were asked for: 1 wanted repo in 2 seen, 4 missing, would take
    # 4 more pages of 2, no better than 4 single requests.
    hub.max_page = 2
    wanted = _org_of(hub, 12, [1, 4, 7, 9, 11])
    results = make_source().evidence(wanted)
    assert all(isinstance(results[r], RepoEvidence) for r in wanted)
    assert hub.count("list") == 1 and hub.count("info") == 4


def test_an_owner_with_one_wanted_repo_is_not_listed(hub, make_source):
    make_source().evidence(ORG_REPOS[:1])
    assert hub.count("list") == 0 and hub.count("info") == 1


def test_two_wanted_repos_of_a_small_owner_cost_one_page(hub, make_source):
    results = make_source().evidence(ORG_REPOS[:2])
    assert all(isinstance(results[r], RepoEvidence) for r in ORG_REPOS[:2])
    assert hub.count("list") == 1 and hub.count("info") == 0


# -- files: config.json and the model card, only when needed -------------------------------------------

def test_config_json_only_when_a_claim_needs_it(hub, make_source):
    repo_id = ORG_REPOS[0]
    sha = load_fixture("vision-chat-7b-instruct")["sha"]
    make_source().evidence([repo_id], needs=frozenset({"license", "downloads"}))
    assert hub.count("resolve") == 0

    evidence = make_source().evidence([repo_id], needs=frozenset({"vision_encoder"}))[repo_id]
    # No API fact settles a vision encoder: config.json is asked for at main from the start and used when the
    # Hub says (X-Repo-Commit) it is the file at the API's sha; when the repo's task gets there first (this
    # Hub answers at once), the queued request is cancelled and the file read at the sha. One request either
    # way, and the facts are pinned to the commit.
    paths = [r.path for r in hub.requests if r.route == "resolve"]
    assert len(paths) == 1
    assert paths[0] in (f"/{repo_id}/resolve/main/config.json", f"/{repo_id}/resolve/{sha}/config.json")
    encoder = evidence.facts_for("vision_encoder")
    assert [f.value for f in encoder] == ["qwen2.5-vl"]
    assert encoder[0].method is Method.CONFIG
    assert encoder[0].source_url == f"{hub.url}/{repo_id}/resolve/{sha}/config.json"
    assert encoder[0].revision == sha
    assert evidence.raw.config_json["vision_config"]["model_type"] == "qwen2_5_vl"
    assert evidence.raw.model_card is None


def test_per_repo_needs(hub, make_source):
    make_source().evidence(ORG_REPOS, needs={ORG_REPOS[0]: frozenset({"vision_encoder"})})
    assert [r.repo for r in hub.requests if r.route == "resolve"] == [ORG_REPOS[0]]


def test_model_card_statements_and_moe_config(hub, make_source):
    repo_id = "example-org/moe-236b-a23b"
    evidence = make_source(token=TOKEN).evidence(
        [repo_id], needs=frozenset({"parameters.active", "release_date"}))[repo_id]
    card = {f.property: f for f in evidence.facts if f.method is Method.MODEL_CARD}
    assert card["parameters.total"].value == 236_000_000_000 and card["parameters.total"].precision == 1e9
    assert card["parameters.active"].value == 23_000_000_000
    assert "of which 23B are active" in card["parameters.active"].quote
    assert card["parameters.non_embedding"].value == 234_000_000_000
    assert card["release_date"].value == "2025-12-31" and card["release_date"].confidence == "high"
    assert values(evidence, "moe", Method.CONFIG) == [
        {"n_routed_experts": 128, "n_shared_experts": 1, "num_experts_per_tok": 8, "moe_intermediate_size": 2048}]
    assert values(evidence, "parameters.total") == [236_916_774_912]    # the API total stays exact
    assert evidence.raw.model_card.startswith("---\nlicense: other")


def test_gated_files_leave_the_api_facts_and_a_note(hub, make_source):
    repo_id = "example-org/moe-236b-a23b"
    evidence = make_source().evidence([repo_id], needs=frozenset({"parameters.active"}))[repo_id]
    assert isinstance(evidence, RepoEvidence)
    assert values(evidence, "gated") == ["manual"]
    assert "config.json: gated" in evidence.note and "README.md: gated" in evidence.note
    assert not [f for f in evidence.facts if f.method is not Method.HUB_API]


def test_a_file_read_early_from_another_commit_is_read_again_at_the_apis(hub, make_source):
    # The API's sha is not the commit main's config.json came from (the repo changed in between): the
    # early answer is not used, the file is asked for at the API's sha (which this Hub does not know).
    repo_id = ORG_REPOS[0]
    other = "0" * 40
    hub.fault("field", repo=repo_id, route="info", field="sha", value=other)
    hub.latency_ms = 200     # both requests are in flight before the API's answer reaches the repo's task
    result = make_source().evidence([repo_id], needs=frozenset({"vision_encoder"}))[repo_id]
    paths = [r.path for r in hub.requests if r.route == "resolve"]
    assert paths == [f"/{repo_id}/resolve/main/config.json", f"/{repo_id}/resolve/{other}/config.json"]
    assert isinstance(result, Unavailable) and result.reason == "not-found"


def test_an_early_file_that_failed_is_asked_for_again(hub, make_source):
    # A fault on main's early request costs one request more, never the file: the ordinary request decides.
    repo_id = ORG_REPOS[0]
    sha = load_fixture("vision-chat-7b-instruct")["sha"]
    hub.fault("status", repo=repo_id, route="resolve", status=500, times=1)
    hub.latency_ms = 200     # both requests are in flight before the API's answer reaches the repo's task
    evidence = make_source(retries=0).evidence([repo_id], needs=frozenset({"vision_encoder"}))[repo_id]
    paths = [r.path for r in hub.requests if r.route == "resolve"]
    assert paths == [f"/{repo_id}/resolve/main/config.json", f"/{repo_id}/resolve/{sha}/config.json"]
    assert [f.value for f in evidence.facts_for("vision_encoder")] == ["qwen2.5-vl"]


def test_a_missing_file_is_noted(hub, make_source):
    evidence = make_source().evidence([LABS_REPO], needs=frozenset({"vision_encoder"}))[LABS_REPO]
    assert "config.json: not in the repo" in evidence.note


@pytest.mark.parametrize("sentence, expected", [
    ("DeepSeek-R1 has 671B total parameters, with 37B activated for each token.",
     [("parameters.total", 671e9, 1e9), ("parameters.active", 37e9, 1e9)]),
    ("The model has 102 billion parameters.", [("parameters.total", 102e9, 1e9)]),
    ("An 8.3B-parameter model.", [("parameters.total", 8.3e9, 1e8)]),
    ("Number of Parameters: 236B in total and 23B activated", [("parameters.total", 236e9, 1e9),
                                                               ("parameters.active", 23e9, 1e9)]),
    ("| Activated Params | 12B |", [("parameters.active", 12e9, 1e9)]),
    ("It has 0.57B parameters, 0.45B without embeddings.", [("parameters.total", 0.57e9, 1e7),
                                                            ("parameters.non_embedding", 0.45e9, 1e7)]),
    ("Sizes range from 2.4B to 32B, trained on 12T tokens by Example-7B.", []),
])
def test_card_parameter_statements(sentence, expected):
    facts = card_facts(sentence, source_url="u", revision="r", observed_at=NOW, names=["deepseek-ai/DeepSeek-R1"])
    assert [(f.property, f.value, f.precision) for f in facts] == [(p, int(v), prec) for p, v, prec in expected]
    assert all(f.quote in sentence and f.method is Method.MODEL_CARD for f in facts)


@pytest.mark.parametrize("sentence, date, confidence", [
    ("The model was released on 2025-12-31.", "2025-12-31", "high"),
    ("Release Date 2024.12.02", "2024-12-02", "high"),
    ("Release Date: November 29, 2024", "2024-11-29", "high"),
    ("2025.12.31: We release the model.", "2025-12-31", "medium"),
    ("Last update: 14th august 2025", None, None),
])
def test_card_release_dates(sentence, date, confidence):
    facts = card_facts(sentence, source_url="u", revision="r", observed_at=NOW)
    assert [(f.value, f.confidence) for f in facts] == ([(date, confidence)] if date else [])


def test_card_front_matter_and_code_are_not_statements():
    card = "---\nlicense: mit\nnote: 5B total parameters\n---\n```\n7B total parameters\n```\nNo numbers here.\n"
    assert card_facts(card, source_url="u", revision="r", observed_at=NOW) == []


@pytest.mark.parametrize("model_type, family", [
    ("qwen2_5_vl", "qwen2.5-vl"), ("siglip_vision_model", "siglip"), ("clip_vision_model", "clip"),
    ("siglip2_vision_model", "siglip2"), ("pixtral", "pixtral"),
])
def test_vision_encoder_family(model_type, family):
    assert vision_encoder_family(model_type) == family


# -- outcomes other than evidence -----------------------------------------------------------------------

def test_disabled_repo_is_evidence(hub, make_source):
    hub.fault("disabled", repo=SOLO_REPO)
    evidence = make_source().evidence([SOLO_REPO])[SOLO_REPO]
    assert isinstance(evidence, RepoEvidence)
    assert [(f.property, f.value) for f in evidence.facts] == [("disabled", True)]


def test_renamed_repo_is_followed_and_noted(hub, make_source):
    hub.rename(SOLO_REPO, "example-solo/solo-chat-3b-v2")
    evidence = make_source().evidence([SOLO_REPO])[SOLO_REPO]
    assert evidence.repo_id == SOLO_REPO
    assert values(evidence, "renamed_to") == ["example-solo/solo-chat-3b-v2"]
    assert evidence.raw.model_info["id"] == "example-solo/solo-chat-3b-v2"
    assert hub.count("info", status=307) == 1
    assert "renamed on the Hub" in evidence.note


@pytest.mark.parametrize("fault, reason", [
    ({"kind": "status", "status": 500}, "server-error"),
    ({"kind": "status", "status": 503}, "server-error"),
    ({"kind": "ratelimit", "seconds": 0}, "rate-limited"),
    ({"kind": "retry-after", "seconds": 0}, "rate-limited"),
    ({"kind": "reset"}, "connection-error"),
    ({"kind": "slow", "seconds": 3.0}, "timeout"),
    ({"kind": "truncated"}, "bad-response"),
    ({"kind": "gated", "status": 401}, "gated"),
    ({"kind": "gated", "status": 403}, "gated"),
    ({"kind": "unauthorized"}, "unauthorized"),
])
def test_faults_become_unavailable_with_a_reason(hub, make_source, fault, reason):
    hub.fault(repo=SOLO_REPO, **fault)
    results = make_source(timeout=1.0).evidence([SOLO_REPO, LABS_REPO])
    assert isinstance(results[SOLO_REPO], Unavailable)
    assert results[SOLO_REPO].reason == reason
    assert isinstance(results[LABS_REPO], RepoEvidence)
    retried = reason not in ("bad-response", "gated", "unauthorized")
    assert hub.count("info", repo=SOLO_REPO) == (3 if retried else 1)


def test_unparseable_model_info_is_a_bad_response(hub, make_source):
    broken = load_fixture("vision-chat-7b") | {"id": "example-broken/model", "safetensors": {"parameters": {}}}
    hub.add(broken)                         # safetensors without total: ModelInfo raises KeyError
    result = make_source().evidence(["example-broken/model"])["example-broken/model"]
    assert result.reason == "bad-response"


def test_not_found(hub, make_source):
    result = make_source().evidence(["example-x/missing"])["example-x/missing"]
    assert (result.reason, hub.count("info")) == ("not-found", 1)


@pytest.mark.parametrize("fault", [{"kind": "ratelimit"}, {"kind": "retry-after"}], ids=["RateLimit", "Retry-After"])
def test_rate_limit_waits_are_honoured_then_recovered(hub, make_source, fault):
    hub.fault(repo=SOLO_REPO, times=1, seconds=1, **fault)
    started = time.monotonic()
    result = make_source().evidence([SOLO_REPO])[SOLO_REPO]
    assert isinstance(result, RepoEvidence)
    assert time.monotonic() - started >= 1.0
    assert hub.count("info", repo=SOLO_REPO, status=429) == 1 and hub.count("info", repo=SOLO_REPO, status=200) == 1


def test_a_long_rate_limit_wait_gives_up_at_once(hub, make_source):
    hub.fault("ratelimit", repo=SOLO_REPO, seconds=3600)
    result = make_source(max_wait=60).evidence([SOLO_REPO])[SOLO_REPO]
    assert result.reason == "rate-limited" and "3600" in result.detail
    assert hub.count("info") == 1


def test_invalid_repo_ids_are_refused_without_a_request(hub, make_source):
    results = make_source().evidence(["../etc/passwd", "a/../../b", "/abs", SOLO_REPO])
    assert [r.reason for k, r in results.items() if k != SOLO_REPO] == ["error"] * 3
    assert hub.count() == 1 and hub.requests[0].repo == SOLO_REPO


# -- token, telemetry, endpoint, start-up ---------------------------------------------------------------

def test_hf_token_is_sent_but_never_surfaced(hub, make_source, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    hub.fault("status", repo=SOLO_REPO, status=400, message="bad request with {authorization}")
    source = make_source()
    results = source.evidence([SOLO_REPO, LABS_REPO])
    assert {r.headers.get("authorization") for r in hub.requests} == {f"Bearer {TOKEN}"}
    assert TOKEN not in results[SOLO_REPO].detail and "***" in results[SOLO_REPO].detail
    assert TOKEN not in results[LABS_REPO].model_dump_json()
    assert TOKEN not in repr(source)


def test_without_a_token_no_authorization_is_sent(hub, make_source):
    make_source().evidence([SOLO_REPO])
    assert "authorization" not in hub.requests[0].headers


def test_the_telemetry_side_request_is_never_made(hub, make_source, monkeypatch, tmp_path):
    """Even with telemetry switched back on after import and aimed at the local Hub, HubSource turns it off."""
    from huggingface_hub import constants
    from huggingface_hub.utils import _detect_agent, build_hf_headers

    monkeypatch.delenv("HF_HUB_DISABLE_TELEMETRY", raising=False)
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_TELEMETRY", False)
    monkeypatch.setattr(constants, "ENDPOINT", hub.url)
    monkeypatch.setattr(constants, "AGENT_HARNESSES_PATH", str(tmp_path / "agent_harnesses.json"))
    monkeypatch.setattr(_detect_agent, "_registry", None)

    make_source().evidence([SOLO_REPO, *ORG_REPOS])
    assert hub.count("harness") == 0

    # The check would see the request: the library on its own sends it.
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_TELEMETRY", False)
    build_hf_headers()
    assert hub.count("harness") == 1


def test_endpoint_comes_from_hf_endpoint_when_not_given(hub, monkeypatch):
    from checker.evidence.hub import HubSource

    monkeypatch.setenv("HF_ENDPOINT", hub.url)
    assert HubSource().endpoint == hub.url
    assert HubSource(endpoint="http://127.0.0.1:9/").endpoint == "http://127.0.0.1:9"
    monkeypatch.delenv("HF_ENDPOINT")
    assert HubSource().endpoint == "https://huggingface.co"


def test_the_offline_path_never_imports_huggingface_hub():
    code = ("import sys, checker.cli, checker.evidence.snapshot, checker.evidence.hub, checker.evidence.refresh; "
            "sys.exit(1 if 'huggingface_hub' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_progress_is_reported_per_repo(hub, make_source):
    seen: list[str] = []
    make_source(progress=seen.append).evidence(ALL_REPOS)
    assert sorted(seen) == sorted(ALL_REPOS)


# -- the local Hub itself: what the real client expects -------------------------------------------------

def test_the_local_hub_speaks_the_hub_protocol(hub, tmp_path):
    from huggingface_hub import HfApi, hf_hub_download, hf_hub_url
    from huggingface_hub.errors import EntryNotFoundError, GatedRepoError
    from huggingface_hub.utils import get_session

    api = HfApi(endpoint=hub.url, token=False)
    info = api.model_info(ORG_REPOS[0], expand=["safetensors", "gated"], timeout=5)
    assert info.safetensors.total == 8292166656 and info.downloads is None      # only what was expanded
    listed = list(api.list_models(author="example-org", expand=["safetensors"], limit=10))
    assert [m.id for m in listed] == list(ORG_REPOS)

    path = hf_hub_download(ORG_REPOS[0], "config.json", endpoint=hub.url, token=False, cache_dir=tmp_path)
    assert b"vision_config" in open(path, "rb").read()
    head = next(r for r in hub.requests if r.method == "HEAD")
    assert head.status == 200 and head.path.endswith("/config.json")

    url = hf_hub_url(ORG_REPOS[0], "config.json", endpoint=hub.url)
    ranged = get_session().get(url, headers={"Range": "bytes=0-9"}, timeout=5)
    assert ranged.status_code == 206 and ranged.headers["Content-Range"].startswith("bytes 0-9/")
    assert len(ranged.content) == 10
    headed = get_session().head(url, timeout=5)
    assert headed.content == b"" and headed.headers["X-Repo-Commit"] == load_fixture("vision-chat-7b-instruct")["sha"]
    assert int(headed.headers["Content-Length"]) > 10 and headed.headers["ETag"]

    with pytest.raises(EntryNotFoundError):
        hf_hub_download(ORG_REPOS[0], "absent.txt", endpoint=hub.url, token=False, cache_dir=tmp_path)
    with pytest.raises(GatedRepoError):
        hf_hub_download("example-org/moe-236b-a23b", "config.json", endpoint=hub.url, token=False,
                        cache_dir=tmp_path)


@pytest.mark.parametrize("filename, revision", [("config.json", None), ("README.md", "a" * 40),
                                                ("sub dir/config.json", "refs/pr/1"), ("é#?.md", "v1.0")])
def test_file_urls_are_those_of_the_library(filename, revision):
    from huggingface_hub import hf_hub_url

    from checker.evidence.hub import resolve_url

    endpoint = "http://127.0.0.1:9"
    assert resolve_url(endpoint, "example-org/m", filename, revision) == hf_hub_url(
        "example-org/m", filename, revision=revision, endpoint=endpoint)


def test_the_refresh_does_not_import_the_download_module():
    code = ("import sys; from checker.evidence.hub import _import_hub; _import_hub(); "
            "print('huggingface_hub.file_download' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "HF_HUB_DISABLE_TELEMETRY": "1"})
    assert out.stdout.strip() == "False"


def test_a_frozen_local_hub_lists_the_same_pages(hub):
    import httpx

    def pages(expand: list[str]) -> list[tuple[bytes, str | None]]:
        out, params = [], {"author": "example-org", "expand": expand, "limit": 2}
        url: str | None = f"{hub.url}/api/models"
        while url is not None:
            response = httpx.get(url, params=params, timeout=5)
            out.append((response.content, response.headers.get("link")))
            url, params = response.links.get("next", {}).get("url"), None
        return out

    expand = ["safetensors", "cardData", "gated"]
    before = pages(expand), pages([])
    hub.freeze(tuple(expand))
    assert (pages(expand), pages([])) == before
    assert len(before[0]) > 1 and all(json.loads(body) for body, _ in before[0])


def test_a_quota_is_waited_out(make_source):
    # 300 ms a request: all six are out before an answer says how much is left (that would hold them back).
    with LocalHub(quota=(3, 2.0), latency_ms=300) as limited:
        repos = [f"example-q{i}/model" for i in range(6)]
        for i, repo_id in enumerate(repos):
            limited.add(synthetic_info(repo_id, i))
        source = make_source(endpoint=limited.url, timeout=2)
        limited.clear()                 # the first window starts now: all six go out in it, three are refused
        results = source.evidence(repos)
        assert all(isinstance(r, RepoEvidence) for r in results.values())
        assert limited.count(status=429) >= 1 and source.retry_count == limited.count(status=429)
        throttled = next(r for r in limited.requests if r.status == 429)
        assert throttled.route == "info"


def test_ratelimit_headers_hold_requests_back_before_the_quota_runs_out(make_source):
    with LocalHub(quota=(4, 1.0)) as limited:
        repos = [f"example-p{i}/model" for i in range(10)]
        for i, repo_id in enumerate(repos):
            limited.add(synthetic_info(repo_id, i))
        source = make_source(endpoint=limited.url, concurrency=2)
        started = time.monotonic()
        results = source.evidence(repos)
        assert all(isinstance(r, RepoEvidence) for r in results.values())
        # Once an answer says how much is left, no more go out than that: none is refused, none retried.
        assert limited.count(status=429) == 0 and source.retry_count == 0
        assert limited.count() == 10 and time.monotonic() - started >= 1.0   # three windows of four


def test_a_consumer_that_stops_early_does_not_wait_for_the_rest(hub, make_source):
    for i in range(40):
        hub.add(synthetic_info(f"example-many{i}/model", i))
    hub.fault("slow", seconds=0.2)                       # every request: 40 repos / 2 workers = 4 s in all
    stream = make_source(concurrency=2).iter_evidence([f"example-many{i}/model" for i in range(40)])
    started = time.monotonic()
    next(stream)
    stream.close()
    assert time.monotonic() - started < 1.5
    assert hub.count("info") <= 6


# -- the model card only when no API fact settles the claims ---------------------------------------------

def _claims_registry(root, claims: str):
    from checker.registry.loader import load_registry

    (root / "sources").mkdir(parents=True)
    (root / "entities.yaml").write_text(
        "entities:\n"
        f"  - id: vlm\n    kind: model\n    names: [Vision Chat]\n    hub_repo: {ORG_REPOS[0]}\n"
        f"  - id: moe\n    kind: model\n    names: [MoE-236B]\n    hub_repo: {ORG_REPOS[2]}\n", encoding="utf-8")
    (root / "sources" / "a.yaml").write_text(
        "source:\n  id: example-news\n  published: 2026-01-10\nclaims:\n" + claims, encoding="utf-8")
    return load_registry(root)


@pytest.mark.parametrize("claims, cards", [
    # 8.3B and >=8B: the exact API total supports them at any tolerance; the card could not change that.
    ("  - {id: a, subject: vlm, property: parameters.total, value: 8.3B, quote: 8.3B}\n"
     "  - {id: b, subject: vlm, property: parameters.total, value: '>=8B', quote: over 8B}\n", []),
    # 8.5B is 2.5 % above the API total: the card's own figure may support it.
    ("  - {id: a, subject: vlm, property: parameters.total, value: 8.5B, quote: 8.5B}\n", [ORG_REPOS[0]]),
    # One unsettled claim is enough; a release date is never settled by the API (created_at never decides).
    ("  - {id: a, subject: vlm, property: parameters.total, value: 8.3B, quote: 8.3B}\n"
     "  - {id: b, subject: vlm, property: release_date, value: 2025-01-26, quote: January 26}\n", [ORG_REPOS[0]]),
    # A relation needs both cards (each model's headline size is its card's figure when stated).
    ("  - {id: a, subject: vlm, property: relation.size, value: {object: moe, fraction_of: 3.5%}, quote: 3.5%}\n",
     [ORG_REPOS[0], ORG_REPOS[2]]),
], ids=["settled", "unsettled", "release-date", "relation"])
def test_the_card_is_read_only_for_claims_the_api_does_not_settle(hub, make_source, tmp_path, claims, cards):
    from checker.evidence.refresh import registry_needs

    registry = _claims_registry(tmp_path / "claims", claims)
    needs = registry_needs(registry)
    results = make_source(token=TOKEN).evidence(registry.repo_ids(), needs=needs)
    assert all(isinstance(r, RepoEvidence) for r in results.values())
    assert sorted(r.repo for r in hub.requests if r.route == "resolve") == sorted(cards)
    for repo_id in cards:
        assert results[repo_id].raw.model_card is not None


@pytest.mark.parametrize("value", ["8.3B", "8.29B", "8.292B", ">=8B", "~8B", "8B", "8.2B", "8.5B", "9B", "<=8.3B"])
def test_settled_claims_keep_their_verdicts(hub, make_source, tmp_path, value):
    """Evidence fetched skipping the card gives the verdict evidence with the card gives."""
    from checker.engine import verify
    from checker.evidence.interface import needs_of
    from checker.evidence.refresh import registry_needs

    registry = _claims_registry(tmp_path / "claims", f"  - {{id: c, subject: vlm, property: parameters.total, "
                                                     f"value: '{value}', quote: q}}\n")
    needs = registry_needs(registry)
    skipping = make_source().evidence(registry.repo_ids(), needs=needs)
    reading = make_source().evidence(registry.repo_ids(), needs={r: needs_of(needs, r) for r in needs})
    assert reading[ORG_REPOS[0]].raw.model_card is not None
    [skipped], [read] = verify(registry, skipping).findings, verify(registry, reading).findings
    assert skipped.verdict == read.verdict
    if skipping[ORG_REPOS[0]].raw.model_card is None:
        assert skipped.verdict == "supported"
