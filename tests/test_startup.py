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


def test_the_collector_is_set_before_click_is_imported(tmp_path):
    # main() lowers the cyclic collector's frequency first, so `import checker.cli` must not load click.
    code = ("import atexit, gc, sys\n"
            "import checker.cli\n"
            "print('click' in sys.modules, gc.get_threshold()[0])\n"
            "atexit.register(lambda: print(gc.get_threshold()[0]))\n"
            "sys.argv = ['claimcheck', '--version']\n"
            "checker.cli.main()\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    lines = out.stdout.splitlines()
    assert out.returncode == 0, out.stderr
    assert lines[0] == "False 700" and lines[-1] == "100000"


def test_verify_loads_only_its_own_command_module(tmp_path):
    loaded = _modules_after(["verify", str(ROOT / "claims")], tmp_path)
    assert "checker.cli.verify" in loaded
    others = {"checker.cli.diff", "checker.cli.extract", "checker.cli.hub", "checker.cli.validate"}
    assert loaded & others == set()
    assert "subprocess" not in loaded  # the git top level is only looked up for SARIF
    assert "rich" not in loaded  # the text report and the terminal's colour and width are decided without it
    assert "ruamel.yaml" not in loaded  # every file of the bundled registry is read by the libyaml fast path
    assert "tempfile" not in loaded  # nothing is written atomically when the report goes to stdout
    assert "difflib" not in loaded  # only a message that suggests a word, or a quote not found, needs it


def test_verify_to_a_file_writes_it_without_tempfile(tmp_path):
    out = tmp_path / "report.txt"
    loaded = _modules_after(["verify", str(ROOT / "claims"), "--output", str(out)], tmp_path)
    assert "verdict" in out.read_text(encoding="utf-8").splitlines()[0]
    assert "tempfile" not in loaded and "shutil" not in loaded  # the staged file is created by checker.atomic
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


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


def test_verify_skips_pydantic_plugin_discovery_when_none_is_installed(tmp_path):
    from checker.cli.base import pydantic_plugins_may_exist

    if pydantic_plugins_may_exist():  # pragma: no cover - an environment with a pydantic plugin installed
        return
    loaded = _modules_after(["verify", str(ROOT / "claims")], tmp_path)
    assert "importlib.metadata" not in loaded


def test_an_installed_pydantic_plugin_is_still_loaded(tmp_path):
    site = tmp_path / "site"
    (site / "fakeplugin-1.0.dist-info").mkdir(parents=True)
    (site / "fakeplugin-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: fakeplugin\nVersion: 1.0\n")
    (site / "fakeplugin-1.0.dist-info" / "entry_points.txt").write_text("[console_scripts]\nx = y:z\n\n[pydantic]\n"
                                                                        "fake = fakeplugin:plugin\n")
    mark = tmp_path / "called"
    (site / "fakeplugin.py").write_text(
        "class Plugin:\n"
        "    def new_schema_validator(self, *args, **kwargs):\n"
        f"        open({str(mark)!r}, 'a').write('.')\n"
        "        return None, None, None\n"
        "plugin = Plugin()\n")
    env = {**__import__("os").environ, "PYTHONPATH": str(site)}
    done = subprocess.run([sys.executable, "-m", "checker", "verify", str(ROOT / "claims"), "--fail-on", "never"],
                          cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert mark.exists() and len(mark.read_text()) > 1  # called for every model pydantic built


def test_pydantic_imports_nothing_but_get_plugins_from_its_plugin_loader():
    """The stand-in for ``pydantic.plugin._loader`` offers only ``get_plugins``: a pydantic release that
    imports more from it must be noticed here, not at a user's first run."""
    import ast

    import pydantic

    names = set()
    for path in Path(pydantic.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("_loader"):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.Import) and any(a.name.endswith("plugin._loader") for a in node.names):
                names.add("*")
    assert names == {"get_plugins"}


def test_the_plugin_look_up_assumes_a_plugin_where_it_cannot_look(tmp_path, monkeypatch):
    from checker.cli.base import pydantic_plugins_may_exist

    monkeypatch.setattr(sys, "path", [str(tmp_path / "missing")])
    assert not pydantic_plugins_may_exist()
    (tmp_path / "eggs.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    monkeypatch.setattr(sys, "path", [str(tmp_path / "eggs.zip")])
    assert pydantic_plugins_may_exist()


def test_the_fast_yaml_path_resolves_plain_scalars_by_ruamels_rules():
    """yamlfast keeps a copy of ruamel's YAML 1.2 implicit resolvers (so as not to import ruamel): the same
    tags, regexps and flags, tried in the same order for every first character."""
    from ruamel.yaml.resolver import VersionedResolver

    from checker.registry import yamlfast

    theirs = {first: [(tag, rule.pattern, rule.flags) for tag, rule in rules]
              for first, rules in VersionedResolver(version=(1, 2)).versioned_resolver.items()}
    ours = {first: [(tag, rule.pattern, rule.flags) for tag, rule in rules] for first, rules in yamlfast._RULES.items()}
    assert ours == theirs
    assert yamlfast._ANY == theirs.get(None, [])


def test_verify_builds_no_report_model_for_the_text_report(tmp_path):
    """The report models (findings are made with ``model_construct``) are deferred: a text run never builds
    their validators; the models verify validates (registry files, snapshot files) are built."""
    out = tmp_path / "built.json"
    code = ("import atexit, json, sys\n"
            "def built():\n"
            "    import pydantic\n"
            "    seen, todo = {}, [pydantic.BaseModel]\n"
            "    while todo:\n"
            "        for sub in todo.pop().__subclasses__():\n"
            "            seen[f'{sub.__module__}.{sub.__qualname__}'] = sub.__pydantic_complete__\n"
            "            todo.append(sub)\n"
            f"    open({str(out)!r}, 'w').write(json.dumps(seen))\n"
            "atexit.register(built)\n"
            "from checker.cli import main\n"
            f"sys.argv = ['claimcheck', 'verify', {str(ROOT / 'claims')!r}]\n"
            "main()\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr  # the bundled registry has contradicted claims
    built = json.loads(out.read_text())
    report = {f"checker.engine.findings.{name}" for name in
              ("Finding", "Report", "RelatedClaim", "RelatedCount", "SubjectOut", "PositionOut")}
    assert report <= built.keys()
    assert not any(built[name] for name in report)
    assert built["checker.registry.models.SourceFile"] and built["checker.evidence.facts.RepoEvidence"]


def test_a_command_ends_as_a_normal_exit_would(tmp_path):
    """``main`` ends the process with os._exit: the exit code, everything printed on stdout and stderr and
    the atexit callbacks are those of a normal exit."""
    mark = tmp_path / "atexit"
    code = ("import atexit, sys\n"
            f"atexit.register(lambda: open({str(mark)!r}, 'w').write('ran'))\n"
            "from checker.cli import main\n"
            "sys.argv = ['claimcheck', *sys.argv[1:]]\n"
            "main()\n")
    done = subprocess.run([sys.executable, "-c", code, "verify", str(ROOT / "claims")], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 1  # contradicted claims
    assert done.stdout.rstrip().endswith("61 unverifiable; 0 drift") and mark.read_text() == "ran"
    done = subprocess.run([sys.executable, "-c", code, "verify", "--fail-on", "nonsense"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 2 and "Invalid value for '--fail-on'" in done.stderr and done.stdout == ""
    done = subprocess.run([sys.executable, "-c", code, "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == "claimcheck, version 0.1.0\n"


def test_the_fast_exit_leaves_what_it_cannot_do_alike_to_python():
    """A message as the code (Python prints it, exit 1), or a code C's exit() cannot take, is raised as is."""
    import pytest

    from checker.cli.base import exit_now

    for code in ("a message", 2**40):
        with pytest.raises(SystemExit) as raised:
            exit_now(SystemExit(code))
        assert raised.value.code == code
