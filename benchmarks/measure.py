"""What the benchmark scripts share: the command that runs claimcheck, and the package byte-compiled first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def claimcheck_command() -> list[str]:
    """The venv's console script beside this interpreter, else ``python -m checker``."""
    script = Path(sys.executable).with_name("claimcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "checker"]


def compile_package() -> None:
    """Byte-compile checker/ as ``pip install`` does: with PYTHONDONTWRITEBYTECODE set, an editable install
    would otherwise recompile every module in every measured process."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "checker")], check=True,
                   stdout=subprocess.DEVNULL)
