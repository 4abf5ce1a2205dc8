"""Start-up stays light: importing the command line loads no models, engine, Hub client or formatters
(``claimcheck verify`` on the bundled registry must finish in well under a second)."""

import subprocess
import sys


def test_importing_the_cli_loads_nothing_heavy():
    code = ("import sys, checker.cli; heavy = ['pydantic', 'checker.engine', 'checker.registry.loader', "
            "'huggingface_hub', 'httpx', 'rich', 'trafilatura', 'checker.diff']; "
            "print([m for m in heavy if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
