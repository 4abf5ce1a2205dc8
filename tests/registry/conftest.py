"""Registry test helpers: a small valid registry (``base/``) and overlays of it (``bad/<case>/``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).parent
BASE = HERE / "base"
BAD = HERE / "bad"


def build_registry(dest: Path, overlay: Path | None = None) -> Path:
    """Copy the base registry to ``dest`` and apply ``overlay`` (files replace, ``X.delete`` removes X,
    ``X.symlink`` makes X a symbolic link to the path it holds)."""
    shutil.copytree(BASE, dest)
    if overlay is not None:
        for path in sorted(overlay.rglob("*")):
            rel = path.relative_to(overlay)
            if path.is_dir() or rel.name == "case.yaml":
                continue
            target = dest / rel
            if target.name.endswith(".delete"):
                target.with_suffix("").unlink()
                continue
            if target.name.endswith(".symlink"):  # X.symlink holds the target of a link X (git keeps no links here)
                link = target.with_suffix("")
                link.unlink(missing_ok=True)
                link.symlink_to(path.read_text(encoding="utf-8").strip())
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return dest


@pytest.fixture
def base_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the valid base registry; the working directory is its parent."""
    monkeypatch.chdir(tmp_path)
    return build_registry(tmp_path / "reg")
