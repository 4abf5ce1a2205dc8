"""Writing files so that a reader sees the old content or the new, never half of either."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once at import: os.umask can only be read by setting it, which is not safe among threads.
_UMASK = _read_umask()


def _create_beside(path: Path) -> tuple[int, str]:
    """A new file ``.<name>.<random>.tmp`` beside ``path``, created exclusively (as ``tempfile.mkstemp`` does,
    without importing tempfile and what it imports at every start-up)."""
    for _ in range(100):
        tmp = os.path.join(path.parent, f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def open_staged(path: Path) -> tuple[TextIO, Path]:
    """A temporary file beside ``path``, open for writing UTF-8 text, and its path; it has the permissions a
    new file would get (mkstemp alone makes it private to its owner). The caller renames or removes it."""
    fd, tmp = _create_beside(path)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)
        return os.fdopen(fd, "w", encoding="utf-8", newline="", buffering=1 << 20), Path(tmp)
    except BaseException:
        os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise


def stage(path: Path, text: str, *, fsync: bool = False) -> Path:
    """Write ``text`` (UTF-8) to a temporary file beside ``path`` (:func:`open_staged`) and return it."""
    fh, tmp = open_staged(path)
    try:
        with fh:
            fh.write(text)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_atomic(path: Path, text: str, *, fsync: bool = True) -> None:
    """Replace ``path`` with ``text`` in one step."""
    tmp = stage(path, text, fsync=fsync)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
