"""The snapshot store: one file per repo, atomic writes, ids checked before they become paths."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest

from checker.errors import EvidenceError
from checker.evidence.facts import Fact, Method, RepoEvidence
from checker.evidence.store import dump_evidence

NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)


def evidence(repo_id: str = "example-org/model-7b", total: int = 7_000_000_000) -> RepoEvidence:
    return RepoEvidence(repo_id=repo_id, retrieved_at=NOW, revision="a" * 40, origin="live", facts=[
        Fact(property="parameters.total", value=total, method=Method.HUB_API,
             source_url=f"https://huggingface.co/api/models/{repo_id}", revision="a" * 40, observed_at=NOW)])


def test_save_then_load_round_trips(store):
    path = store.save(evidence())
    assert path == store.root / "example-org" / "model-7b.json"
    assert store.load("example-org/model-7b") == evidence()
    assert path.read_text(encoding="utf-8") == dump_evidence(evidence())
    assert store.repo_ids() == ["example-org/model-7b"] and store.exists("example-org/model-7b")


def test_a_missing_file_is_none(store):
    assert store.load("example-org/absent") is None and not store.exists("example-org/absent")


@pytest.mark.parametrize("bad", ["../etc/passwd", "example-org/../../x", "/etc/passwd", "a/b/c", "a//b", "..\\x/y",
                                 "example-org/.hidden", "-x/y", "x/y-", "a--b/c"])
def test_ids_that_are_not_hub_ids_never_become_paths(store, bad):
    with pytest.raises(ValueError):
        store.path_for(bad)


def test_a_broken_file_is_an_error_naming_the_file(store):
    path = store.save(evidence())
    path.write_text("{", encoding="utf-8")
    with pytest.raises(EvidenceError, match="model-7b.json"):
        store.load("example-org/model-7b")


def test_a_file_recording_another_repo_is_an_error(store):
    path = store.save(evidence())
    path.write_text(dump_evidence(evidence("example-org/other")), encoding="utf-8")
    with pytest.raises(EvidenceError, match="records 'example-org/other'"):
        store.load("example-org/model-7b")


def test_concurrent_saves_leave_one_complete_file(store):
    totals = list(range(1, 41))
    threads = [threading.Thread(target=store.save, args=(evidence(total=t),)) for t in totals]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    saved = json.loads(store.path_for("example-org/model-7b").read_text(encoding="utf-8"))
    assert saved["facts"][0]["value"] in totals
    # no temporary or lock file is left in the registry
    assert sorted(p.name for p in store.root.rglob("*") if p.is_file()) == ["model-7b.json"]


def test_locks_are_per_user_private_and_removed_after_use(store):
    import os
    import stat
    import tempfile
    from pathlib import Path

    from checker.locks import lock_folder, lock_path

    path = store.save(evidence())
    folder = lock_folder()
    assert folder == Path(tempfile.gettempdir()) / f"claimcheck-locks-{os.getuid()}"
    assert stat.S_IMODE(os.lstat(folder).st_mode) == 0o700 and os.lstat(folder).st_uid == os.getuid()
    assert not lock_path(path).exists()          # nothing accumulates


def test_a_shared_lock_folder_of_another_user_blocks_nothing(store, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    (tmp_path / "claimcheck-locks").mkdir(mode=0o755)   # the old shared folder, e.g. another user's
    store.save(evidence())
    assert store.load("example-org/model-7b") is not None


def test_temp_files_of_a_killed_refresh_are_removed_at_the_next_start(store):
    from checker.evidence.refresh import refresh
    from checker.evidence.snapshot import SnapshotSource

    path = store.save(evidence())
    stale = path.with_name(f".{path.name}.k9x2.tmp")
    stale.write_text("half", encoding="utf-8")
    refresh([], SnapshotSource(store), store)
    assert not stale.exists() and path.exists()


def _with_raw(raw: object) -> RepoEvidence:
    return evidence().model_copy(update={"raw": raw})


def test_offline_loading_leaves_out_the_raw_answers_and_keeps_every_fact(store):
    from checker.evidence.facts import RawResponses

    raw = RawResponses(model_info={"id": "example-org/model-7b", "siblings": [{"rfilename": "a"}]},
                       config_json={"model_type": "llama"}, model_card="# Model\n" + "[" * 10)
    store.save(_with_raw(raw))
    assert store.load("example-org/model-7b") == _with_raw(raw)
    assert store.load("example-org/model-7b", raw=False) == evidence()


def test_offline_loading_still_validates_the_facts_and_the_shape_of_raw(store):
    path = store.save(evidence())
    data = json.loads(path.read_text(encoding="utf-8"))
    data["raw"] = {"model_info": 5}  # not validated offline: `claimcheck validate` reports it
    path.write_text(json.dumps(data), encoding="utf-8")
    assert store.load("example-org/model-7b", raw=False) == evidence()
    with pytest.raises(EvidenceError, match="invalid snapshot"):
        store.load("example-org/model-7b")
    data["raw"] = {"unknown": 1}  # not one of the known sections: the whole file is validated
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(EvidenceError, match="invalid snapshot"):
        store.load("example-org/model-7b", raw=False)
    data["raw"] = None
    data["facts"][0]["value"] = "NaN"
    data["facts"][0]["property"] = "no-such-kind"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(EvidenceError, match="invalid snapshot"):
        store.load("example-org/model-7b", raw=False)
    path.write_text('{"raw": ' + "[" * 65 + "]" * 65 + "}", encoding="utf-8")
    with pytest.raises(EvidenceError, match="nested deeper than 64 levels"):
        store.load("example-org/model-7b", raw=False)


def test_shared_values_are_one_object_and_change_nothing(store):
    store.save(evidence("example-org/a"))
    store.save(evidence("example-org/b"))
    shared: dict[object, object] = {}
    a = store.load("example-org/a", raw=False, shared=shared)
    b = store.load("example-org/b", raw=False, shared=shared)
    assert a == evidence("example-org/a") and b == evidence("example-org/b")
    assert a is not None and b is not None
    assert a.facts[0].revision is b.facts[0].revision and a.facts[0].observed_at is b.facts[0].observed_at


def test_shared_loading_compacts_facts_into_equal_instances(store):
    """With ``shared``, equal sets of given fields are one set, and the instances' dictionaries share their
    keys (smaller than pydantic's own); the instances are equal, dump alike and copy independently."""
    import sys

    store.save(evidence("example-org/a"))
    store.save(evidence("example-org/b", total=8))
    shared: dict[object, object] = {}
    a = store.load("example-org/a", raw=False, shared=shared)
    b = store.load("example-org/b", raw=False, shared=shared)
    plain = store.load("example-org/a", raw=False)
    assert a is not None and b is not None and plain is not None
    assert a == plain and a.model_dump_json() == plain.model_dump_json() == evidence("example-org/a").model_dump_json()
    assert b.facts[0].value == 8 and type(a.facts[0]) is Fact and type(a) is RepoEvidence
    assert a.facts[0].model_fields_set is b.facts[0].model_fields_set == plain.facts[0].model_fields_set
    assert a.model_fields_set is b.model_fields_set == plain.model_fields_set
    assert sys.getsizeof(a.facts[0].__dict__) < sys.getsizeof(plain.facts[0].__dict__)
    copied = a.facts[0].model_copy(update={"note": "changed"})
    assert copied.note == "changed" and "note" in copied.model_fields_set
    assert "note" not in b.facts[0].model_fields_set and b.facts[0].note is None
    assert a.model_copy(update={"facts": []}).facts == [] and len(a.facts) == 1
    assert Fact.model_validate(a.facts[0].model_dump()) == a.facts[0]
