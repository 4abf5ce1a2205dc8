"""What ``--output`` names is written to, never swapped: a link is written through, a FIFO or a device
written to; only a regular file or a new path is replaced atomically. ``extract --output`` creates its
file in one step, so nothing there (not even a dangling link) is overwritten without ``--force``."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from tests.cli.test_verify import reg  # noqa: F401 - the fixture


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_a_symlink_is_written_through(reg, tmp_path: Path):  # noqa: F811
    target = tmp_path / "summary.md"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    result = run("verify", str(reg), "--format", "markdown", "--output", str(link), "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") != "old\n"


def test_a_fifo_is_written_to_not_replaced(reg, tmp_path: Path):  # noqa: F811
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("verify", str(reg), "--format", "json", "--output", str(fifo), "--fail-on", "never")
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].startswith(b"{")


def test_a_device_node_stays_a_device(reg, tmp_path: Path):  # noqa: F811
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError):
        pytest.skip("cannot make a device node here")
    result = run("verify", str(reg), "--format", "json", "--output", str(null), "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat(null).st_mode)


def test_extract_never_replaces_a_dangling_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("예시-7B는 70억 개 매개변수를 갖췄다.\n", encoding="utf-8")
    (tmp_path / "out.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = run("extract", "a.txt", "--published", "2026-01-01", "--output", "out.yaml")
    assert result.exit_code == 2 and "exists; pass --force" in result.output
    assert (tmp_path / "out.yaml").is_symlink() and not (tmp_path / "nowhere.yaml").exists()
