"""What the benchmark scripts share: the Python they need, the command that runs claimcheck, and the package
byte-compiled first."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def require_install(script: str) -> None:
    """Go on only in a Python that has claimcheck installed (with its dependencies): else run again under the
    project's ``.venv`` when there is one, or exit 2 saying how to make it."""
    try:
        distribution("model-claimcheck")
        return
    except PackageNotFoundError:
        pass
    venv = ROOT / ".venv"
    python = venv / "bin" / "python"
    if python.exists() and Path(sys.prefix).resolve() != venv.resolve():
        os.execv(python, [str(python), *sys.argv])
    print(f"{script}: this Python ({sys.executable}) does not have claimcheck installed; from {ROOT}:\n"
          f"  python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]'\n  .venv/bin/python {script}",
          file=sys.stderr)
    sys.exit(2)


def claimcheck_command() -> list[str]:
    """The venv's console script beside this interpreter, else ``python -m checker``."""
    script = Path(sys.executable).with_name("claimcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "checker"]


def compile_package() -> None:
    """Byte-compile checker/ as ``pip install`` does: with PYTHONDONTWRITEBYTECODE set, an editable install
    would otherwise recompile every module in every measured process."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "checker")], check=True,
                   stdout=subprocess.DEVNULL)
