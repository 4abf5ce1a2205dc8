"""Start-up stays light: importing the command line loads no models, engine, Hub client or formatters, and
``claimcheck verify`` loads only what verifying needs (benchmarks/startup.py measures the time; these
tests pin the set of modules, which does not depend on the machine's load)."""

import json
import subprocess
import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]


def _modules_after(argv: list[str], tmp_path: Path) -> set[str]:
    """The modules loaded by the end of ``claimcheck ARGV`` (run in a fresh interpreter)."""
    out = tmp_path / "modules.json"
    code = ("import atexit, json, sys\n"
            f"atexit.register(lambda: open({str(out)!r}, 'w').write(json.dumps(sorted(sys.modules))))\n"
            "from checker.cli import main\n"
            f"sys.argv = ['claimcheck', *{argv!r}]\n"
            "main()\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    return set(json.loads(out.read_text()))


def test_importing_the_cli_loads_nothing_heavy():
    code = ("import sys, checker.cli; heavy = ['pydantic', 'checker.engine', 'checker.registry.loader', "
            "'huggingface_hub', 'httpx', 'rich', 'trafilatura', 'checker.diff']; "
            "print([m for m in heavy if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_verify_loads_only_its_own_command_module(tmp_path):
    loaded = _modules_after(["verify", str(ROOT / "claims")], tmp_path)
    assert "checker.cli.verify" in loaded
    others = {"checker.cli.diff", "checker.cli.extract", "checker.cli.hub", "checker.cli.validate"}
    assert loaded & others == set()
    assert "subprocess" not in loaded  # the git top level is only looked up for SARIF


def test_every_command_is_found_where_the_lazy_group_looks(tmp_path):
    from checker.cli.base import COMMAND_MODULES

    code = ("import importlib, json, sys\n"
            "from checker.cli.base import COMMAND_MODULES, cli\n"
            "where = {}\n"
            "for module in sorted(set(COMMAND_MODULES.values())) + ['checker.cli.output']:\n"
            "    before = set(cli.commands)\n"
            "    importlib.import_module(module)\n"
            "    where.update({name: module for name in set(cli.commands) - before})\n"
            "print(json.dumps(where))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == COMMAND_MODULES


def test_help_lists_every_command():
    from click.testing import CliRunner

    from checker.cli import cli
    from checker.cli.base import COMMAND_MODULES

    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    listed = result.output.split("Commands:")[1]
    assert all(f"  {name} " in listed for name in COMMAND_MODULES)
    assert isinstance(cli.get_command(click.Context(cli), "hub"), click.Group)
