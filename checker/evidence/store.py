"""The snapshot store: one JSON file per Hub repo under ``<registry>/evidence/hub/<owner>/<name>.json``.

Writes are atomic (temp file + ``os.replace``) and serialised per file by a lock file, so two refreshes
at once cannot corrupt a file; a failed fetch never reaches the store, so good evidence is never lost.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import ValidationError

from checker.compact import construct, share_keys
from checker.errors import ClaimcheckError, EvidenceError, display_path
from checker.evidence.facts import Fact, RawResponses, RepoEvidence
from checker.locks import locked, try_locked
from checker.registry.models import check_repo_id
from checker.safefiles import json_too_deep, read_bytes_bounded

#: A snapshot file holds one repo's facts and raw responses (each raw answer capped at 4 MiB when recorded).
MAX_SNAPSHOT_BYTES = 32 * 1024 * 1024


class SnapshotStore:
    """Reads and writes recorded evidence under ``root`` (usually ``claims/evidence/hub``)."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path_for(self, repo_id: str) -> Path:
        """The file for ``repo_id``; the id is checked against the Hub's syntax first (no ``..``, no ``/x``)."""
        owner, name = check_repo_id(repo_id).split("/")
        return self.root / owner / f"{name}.json"

    def exists(self, repo_id: str) -> bool:
        return self.path_for(repo_id).is_file()

    def load(self, repo_id: str, *, raw: bool = True,
             shared: dict[object, object] | None = None) -> RepoEvidence | None:
        """The recorded evidence for ``repo_id``, or None when there is none; a broken file is an error.

        ``raw=False`` leaves out the raw responses (``raw`` is None): most of a live file, read by nobody
        offline, so it is only checked to be an object of the known sections, not validated. With
        ``shared``, the facts' strings and times equal to one already in it are that one (many files
        repeat the same notes, URLs and revisions).
        """
        path = self.path_for(repo_id)
        try:
            data = read_bytes_bounded(path, limit=MAX_SNAPSHOT_BYTES)
            text = data.decode("utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError, ClaimcheckError) as exc:
            raise EvidenceError(f"{display_path(path)}: cannot read: {exc}") from exc
        deep = json_too_deep(data)  # the bytes read: the text's UTF-8 (not encoded again)
        if deep is not None:
            raise EvidenceError(f"{display_path(path)}: not a snapshot: {deep}")
        try:
            lean = None if raw else _without_raw(text)
            evidence = RepoEvidence.model_validate_json(text) if lean is None else RepoEvidence.model_validate(lean)
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            what = f"{loc}: {first['msg']}" if loc else first["msg"]
            raise EvidenceError(f"{display_path(path)}: invalid snapshot ({what}); "
                                "fix it, or restore it and run `claimcheck hub refresh`") from exc
        if evidence.repo_id != repo_id:
            raise EvidenceError(f"{display_path(path)}: records {evidence.repo_id!r}, expected {repo_id!r}")
        if shared is not None:
            evidence.facts[:] = [_compact(fact, shared) for fact in evidence.facts]
            evidence = _compact(evidence, shared)
        return evidence

    def save(self, evidence: RepoEvidence) -> Path:
        """Write ``evidence`` atomically; returns the path. Concurrent savers of one file are serialised."""
        from checker.atomic import write_atomic  # tempfile and shutil: only for a writer (offline verify reads)

        path = self.path_for(evidence.repo_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = dump_evidence(evidence)
        with locked(path):
            write_atomic(path, text)
        return path

    def clean_stale_temp_files(self) -> list[Path]:
        """Remove the temp files an interrupted writer (``kill -9``) left beside snapshot files; a temp file
        whose target is being written right now (its lock is held) is left alone. Returns what was removed."""
        removed: list[Path] = []
        if not self.root.is_dir():
            return removed
        for tmp in self.root.glob("*/.*.json.*.tmp"):
            target = tmp.with_name(tmp.name[1:].rsplit(".", 2)[0])
            if tmp.is_file() and not tmp.is_symlink() and try_locked(target):
                tmp.unlink(missing_ok=True)
                removed.append(tmp)
        return removed

    def repo_ids(self) -> list[str]:
        """Every repo with a file in the store, sorted."""
        if not self.root.is_dir():
            return []
        return sorted(f"{p.parent.name}/{p.stem}" for p in self.root.glob("*/*.json"))


_SHAREABLE = (str, dt.datetime, dt.date)


_M = TypeVar("_M", Fact, RepoEvidence)


def _compact(model: _M, shared: dict[object, object]) -> _M:
    """``model`` (a fact or a repo's evidence, just validated) as an equal instance that takes a third of
    its memory (:func:`checker.compact.construct`), for the offline run holding every repo's facts: its
    strings and times equal to one already in ``shared`` are that one (many files repeat the same notes,
    URLs and revisions), and so is its set of given fields."""
    cls = type(model)
    given = model.__pydantic_fields_set__
    return construct(cls, ((key, shared.setdefault(value, value) if type(value) in _SHAREABLE else value)
                           for key, value in model.__dict__.items()),
                     cast("set[str]", shared.setdefault((cls, frozenset(given)), given)),
                     model.__pydantic_extra__, model.__pydantic_private__)


share_keys(Fact, RepoEvidence)  # a compacted fact's dictionary holds only its values: 160 bytes, not 464


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")


def _without_raw(text: str) -> dict[str, Any] | None:
    """The snapshot ``text`` parsed, without its ``raw`` section (json.loads is C; pydantic's validation of the
    raw answers is not), or None when it is not an object or its raw section is not one of the known sections
    (then validating the text reports the problem)."""
    try:  # NaN and Infinity are not JSON: left to the validation of the text, which refuses them
        data = json.loads(text, parse_constant=_not_json)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    raw = data.pop("raw", None)
    if raw is not None and not (isinstance(raw, dict) and raw.keys() <= RawResponses.model_fields.keys()):
        return None
    return data


def dump_evidence(evidence: RepoEvidence) -> str:
    """The canonical text of a snapshot file (stable key order, UTF-8, trailing newline)."""
    data = evidence.model_dump(mode="json", exclude_none=True)
    if not data.get("gated_files"):
        data.pop("gated_files", None)  # written only when a file was gated, so other records stay as they were
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
