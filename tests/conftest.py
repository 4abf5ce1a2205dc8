"""Test-wide setup: no network but loopback, and a huggingface_hub that can reach nothing real.

The Hub environment is fixed here, at import, because huggingface_hub reads it once when imported.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_HF_HOME = tempfile.mkdtemp(prefix="claimcheck-test-hf-home-")
for var in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_ENDPOINT", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
    os.environ.pop(var, None)
os.environ.update({
    "HF_HOME": _HF_HOME,
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "HF_HUB_DISABLE_IMPLICIT_TOKEN": "1",
    "NO_COLOR": "1",
})

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


def pytest_configure(config: pytest.Config) -> None:
    # Every test runs with the network blocked except loopback (pytest-socket).
    config.option.allow_hosts = "127.0.0.1,::1,localhost"


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_HF_HOME, ignore_errors=True)


@pytest.fixture
def seeds_dir() -> Path:
    """The seed articles in ../shared/seeds; tests that need them skip cleanly when absent."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


@pytest.fixture
def repo_root() -> Path:
    return ROOT
