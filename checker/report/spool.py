"""Records kept on disk while a report streams past, read back at its end.

A report that needs every finding before its first line (text and SARIF: worst first; text's columns sized
to every row) keeps of each finding only a small record (a tuple of strings, numbers and tuples: anything
:mod:`marshal` writes), in one of a few buckets (the finding's rank). :class:`Spool` holds the records in
memory while they are few and then writes them, in batches, to one anonymous temporary file: it is unlinked
from the moment it exists, so nothing is left on disk however the process ends (an error, Ctrl-C, a kill).
The report is assembled in a second pass: :meth:`Spool.read` gives a bucket's records in the order they
came, as often as asked. A report that reads its pieces back in another order than any bucket's (html:
grouped by article) keeps them in :class:`Blobs` (the same kind of file), each read back where it lies."""

from __future__ import annotations

import marshal
from collections.abc import Iterator
from typing import IO, Any

Record = tuple[Any, ...]


class Spool:
    """Records in buckets (small ints), each kept in the order it came; in memory up to :attr:`MEMORY`
    records, then in batches of :attr:`BATCH` in a temporary file (in ``TMPDIR``; written to only past
    :attr:`MEMORY`)."""

    MEMORY = 512  # records kept in memory before the first batch goes to disk
    BATCH = 256  # records per batch written

    def __init__(self, memory: int | None = None, batch: int | None = None) -> None:
        """``memory`` and ``batch`` instead of :attr:`MEMORY` and :attr:`BATCH` (fewer for large records:
        up to ``batch`` records of every bucket stay in memory)."""
        if memory is not None:
            self.MEMORY = memory
        if batch is not None:
            self.BATCH = batch
        self._pending: dict[int, list[Record]] = {}  # per bucket, records not written yet
        self._batches: dict[int, list[tuple[int, int]]] = {}  # per bucket, (offset, size) of its batches on disk
        self._held = 0  # records in _pending
        self._file: IO[bytes] | None = None

    def add(self, bucket: int, record: Record) -> None:
        pending = self._pending.get(bucket)
        if pending is None:
            pending = self._pending[bucket] = []
        pending.append(record)
        self._held += 1
        if len(pending) >= self.BATCH and self._held > self.MEMORY:
            self._spill(bucket, pending)

    def _spill(self, bucket: int, pending: list[Record]) -> None:
        """``bucket``'s pending records to the file, as one batch (at most :attr:`BATCH` records of each
        other bucket stay in memory)."""
        if self._file is None:
            self._file = _temporary_file()
        data = marshal.dumps(pending)
        self._batches.setdefault(bucket, []).append((self._file.tell(), len(data)))
        self._file.write(data)
        self._held -= len(pending)
        pending.clear()

    def buckets(self) -> list[int]:
        """The buckets holding records, in order."""
        return sorted({*self._batches, *(b for b, p in self._pending.items() if p)})

    def read(self, bucket: int) -> Iterator[Record]:
        """``bucket``'s records in the order they came (no :meth:`add` meanwhile)."""
        fh = self._file
        for offset, size in self._batches.get(bucket, ()):
            assert fh is not None
            fh.seek(offset)
            yield from marshal.loads(fh.read(size))  # marshal.load would read the file object by object
        yield from self._pending.get(bucket, ())

    def __iter__(self) -> Iterator[Record]:
        """Every record, bucket by bucket in order."""
        for bucket in self.buckets():
            yield from self.read(bucket)

    def close(self) -> None:
        """Forget every record and remove the file (it is removed anyway when the process ends)."""
        self._pending, self._batches, self._held = {}, {}, 0
        if self._file is not None:
            self._file.close()
            self._file = None


class Blobs:
    """Byte strings, each read back by the place :meth:`add` gave it: in memory up to :attr:`MEMORY` bytes,
    then in a temporary file (as :class:`Spool`'s) in writes of about that size."""

    MEMORY = 256 * 1024  # bytes kept in memory before the first write to disk

    def __init__(self, memory: int | None = None) -> None:
        if memory is not None:
            self.MEMORY = memory
        self._buffer = bytearray()  # the bytes after the file's end
        self._written = 0  # bytes in the file
        self._file: IO[bytes] | None = None

    def add(self, data: bytes) -> int:
        """Keep ``data``; returns its place (with ``len(data)``, what :meth:`read` takes)."""
        at = self._written + len(self._buffer)
        self._buffer += data
        if len(self._buffer) > self.MEMORY:
            if self._file is None:
                self._file = _temporary_file()
            self._file.seek(self._written)  # reads move the position
            self._file.write(self._buffer)
            self._written += len(self._buffer)
            self._buffer.clear()
        return at

    def read(self, at: int, size: int) -> bytes:
        """The ``size`` bytes kept at ``at`` (one :meth:`add` lies wholly in the file or wholly in memory)."""
        if at >= self._written:
            return bytes(self._buffer[at - self._written:at - self._written + size])
        assert self._file is not None
        self._file.seek(at)
        return self._file.read(size)

    def close(self) -> None:
        """Forget every byte string and remove the file (it is removed anyway when the process ends)."""
        self._buffer, self._written = bytearray(), 0
        if self._file is not None:
            self._file.close()
            self._file = None


def _temporary_file() -> IO[bytes]:
    """An unlinked temporary file (in ``TMPDIR``), for a large report only (start-up does not import tempfile)."""
    import tempfile

    return tempfile.TemporaryFile(prefix="claimcheck-", suffix=".spool")
