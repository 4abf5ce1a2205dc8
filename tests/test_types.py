"""The package and its tools type-check (mypy, configured in pyproject.toml): a type error fails CI like a lint error."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_nothing():
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent)) or shutil.which("mypy")
    if mypy is None:
        pytest.skip("mypy is not installed (it comes with the test extra)")
    # .mypy_cache (git-ignored) makes a repeated run take about a second.
    result = subprocess.run([mypy, "checker", "tools"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_strict_parts_are_configured():
    """The engine and the value kinds must stay fully annotated (``disallow_untyped_defs``)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    strict = [o for o in config["overrides"] if o.get("disallow_untyped_defs")]
    assert {"checker.engine.*", "checker.values.*"} <= {m for o in strict for m in o["module"]}
    assert (ROOT / "checker" / "py.typed").is_file()
