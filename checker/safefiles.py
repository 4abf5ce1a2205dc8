"""Reading input files defensively: only regular files, only inside the folder they were looked up in,
and never more than a bound, so a link to ``/proc/self/environ`` or a device cannot leak into an error
message or exhaust memory."""

from __future__ import annotations

import errno
import itertools
import os
import re
import stat
from pathlib import Path

from checker.errors import ClaimcheckError

MAX_INPUT_BYTES = 64 * 1024 * 1024


class UnsafeFile(ClaimcheckError):
    """The path names something that is not a regular file inside its folder, or is too large."""


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, with every link resolved, lies inside ``folder`` (resolved too)."""
    # The common case without resolving both paths (a registry reads hundreds of files, and resolving walks
    # every component of both): ``path`` written as ``folder`` plus plain names, none of them a link below
    # ``folder``, is inside it whatever ``folder`` itself resolves to.
    try:
        rel = path.relative_to(folder).parts
    except ValueError:
        rel = ()
    if rel and not any(part in ("..", ".") for part in rel):
        below = Path(folder)
        try:
            for part in rel:
                below = below / part
                if stat.S_ISLNK(os.lstat(below).st_mode):
                    break
            else:
                return True
        except OSError:
            pass  # a missing component: resolved below, as before
    try:
        real, base = Path(os.path.realpath(path)), Path(os.path.realpath(folder))
    except (OSError, RuntimeError, ValueError):
        return False
    return real == base or base in real.parents


def read_bytes_bounded(path: Path, *, folder: Path | None = None, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of ``path`` when it is a regular file (inside ``folder`` when given) of at most ``limit``
    bytes; else UnsafeFile (OSError when it cannot be opened)."""
    if folder is not None and not inside(path, folder):
        raise UnsafeFile(f"{path.name} leads outside {folder} (a symbolic link); not read")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)  # a FIFO must not block the open
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(f"{path.name} is not a regular file; not read")
        if info.st_size > limit:
            raise UnsafeFile(f"{path.name} is {info.st_size} bytes, more than the {limit} allowed")
        chunks = []
        total = 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > limit:  # grown while being read
                raise UnsafeFile(f"{path.name} is more than the {limit} bytes allowed")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


MAX_JSON_DEPTH = 64
# A backslash escapes any byte, a newline included (re.S): JSON allows no raw newline in a string, so a
# parser stops there whichever way it is read; this way only quotes, backslashes and brackets matter.
_JSON_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)
#: A JSON string (the same language as in _JSON_TOKENS, unrolled: a long string is one tight loop).
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_STEP = [1 if b in b"[{" else -1 if b in b"]}" else 0 for b in range(256)]
_TO_SPACE = bytes(b if b in b'"\\[]{}' else 32 for b in range(256))


def json_too_deep(data: str | bytes, limit: int = MAX_JSON_DEPTH) -> str | None:
    """Why JSON ``data`` is refused before it is parsed (nesting deeper than ``limit``), or None.

    Every JSON parser recurses per level; strings are skipped so brackets inside them do not count.
    """
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if raw.count(b"[") + raw.count(b"{") <= limit:  # no deeper than its opening brackets, strings' included
        return None
    # Fast check first, all in C. Only quotes, backslashes and brackets decide where strings are, and a run of
    # other bytes acts as one (a backslash escapes its first byte, the rest are plain), so each run becomes one
    # space; on that short text, the brackets outside strings and the deepest their running sum goes.
    short = b" ".join(raw.translate(_TO_SPACE).split())
    brackets = _JSON_STRING.sub(b"", short).translate(None, _NOT_BRACKETS)
    if len(brackets) <= limit or max(itertools.accumulate(map(_STEP.__getitem__, brackets))) <= limit:
        return None
    depth = 0  # too deep: find where, for the message
    for m in _JSON_TOKENS.finditer(raw):
        c = m.group()
        if c in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return f"nested deeper than {limit} levels (at byte {m.start()})"
        elif c in (b"]", b"}"):
            depth -= 1
    return None
