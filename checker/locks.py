"""Per-file locks that belong to one user and leave nothing behind.

A lock is a file in the user's own folder of the temp directory (``claimcheck-locks-<uid>``, mode 0700, so
another user's folder can neither block nor spoof it), locked with ``flock`` and removed by its holder
before it lets go. Removing a lock file is race-free because a waiter that wins the lock checks that the
file it locked is still the one at the path; if it was removed meanwhile, it starts again.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from checker.errors import EvidenceError


def lock_folder() -> Path:
    """This user's lock folder, created private; EvidenceError when it is not ours or not private."""
    import tempfile  # with shutil, bz2, lzma: only for a writer (offline verify takes no lock)

    folder = Path(tempfile.gettempdir()) / f"claimcheck-locks-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError as exc:
        raise EvidenceError(f"cannot create the lock folder {folder}: {exc.strerror or exc}") from exc
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise EvidenceError(f"the lock folder {folder} is not a private folder of this user; remove it")
    return folder


def lock_path(path: Path) -> Path:
    """The lock file for ``path`` (keyed by its absolute path)."""
    return lock_folder() / (hashlib.sha256(str(Path(os.path.abspath(path))).encode()).hexdigest()[:32] + ".lock")


@contextmanager
def locked(path: Path, *, timeout: float = 60.0, poll: float = 0.05) -> Iterator[None]:
    """Hold the lock for ``path`` (EvidenceError after ``timeout`` seconds); the lock file is removed after."""
    where = lock_path(path)
    deadline = time.monotonic() + timeout
    while True:
        fd = os.open(where, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise EvidenceError(f"{path}: another process holds its lock for more than {timeout:g} s")
                    time.sleep(poll)
            mine = os.fstat(fd)
            try:
                current = os.stat(where)
            except FileNotFoundError:
                current = None
            if current is not None and (current.st_ino, current.st_dev) == (mine.st_ino, mine.st_dev):
                break  # the lock file is still the one at the path: the lock is ours
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # its holder removed it while we waited: lock the new one
    try:
        yield
    finally:
        try:
            os.unlink(where)
        finally:
            os.close(fd)


def try_locked(path: Path) -> bool:
    """Whether nobody holds the lock for ``path`` right now (a probe: the lock is not kept)."""
    try:
        with locked(path, timeout=0):
            return True
    except EvidenceError:
        return False
