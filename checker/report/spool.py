"""Records kept on disk while a report streams past, read back in order at its end.

A report that needs every finding before its first line (text: worst first, columns sized to every row)
keeps of each finding only a small record (a tuple of strings, numbers and tuples: anything :mod:`marshal`
writes), in one of a few buckets (the finding's rank). :class:`Spool` holds the records in memory while
they are few and then writes them, in batches, to one anonymous temporary file: it is unlinked from the
moment it exists, so nothing is left on disk however the process ends (an error, Ctrl-C, a kill). The
report is assembled in a second pass: :meth:`Spool.read` gives a bucket's records in the order they came,
as often as asked."""

from __future__ import annotations

import marshal
import tempfile
from collections.abc import Iterator
from typing import IO, Any

Record = tuple[Any, ...]


class Spool:
    """Records in buckets (small ints), each kept in the order it came; in memory up to :attr:`MEMORY`
    records, then in batches of :attr:`BATCH` in a temporary file (in ``TMPDIR``)."""

    MEMORY = 512  # records kept in memory before the first batch goes to disk
    BATCH = 256  # records per batch written

    def __init__(self) -> None:
        self._pending: dict[int, list[Record]] = {}  # per bucket, records not written yet
        self._batches: dict[int, list[int]] = {}  # per bucket, offsets of its batches in the file
        self._held = 0  # records in _pending
        self._file: IO[bytes] | None = None

    def add(self, bucket: int, record: Record) -> None:
        pending = self._pending.get(bucket)
        if pending is None:
            pending = self._pending[bucket] = []
        pending.append(record)
        self._held += 1
        if self._held > self.MEMORY:
            self._spill()

    def _spill(self) -> None:
        """Every bucket's full batches to the file (a bucket's records stay in order: only its last, partial
        batch remains in memory)."""
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="claimcheck-", suffix=".spool")
        fh = self._file
        for bucket, pending in self._pending.items():
            if len(pending) < self.BATCH:
                continue
            offsets = self._batches.setdefault(bucket, [])
            whole = len(pending) - len(pending) % self.BATCH
            for at in range(0, whole, self.BATCH):
                offsets.append(fh.tell())
                marshal.dump(pending[at:at + self.BATCH], fh)
            self._held -= whole
            del pending[:whole]

    def buckets(self) -> list[int]:
        """The buckets holding records, in order."""
        return sorted({*self._batches, *(b for b, p in self._pending.items() if p)})

    def read(self, bucket: int) -> Iterator[Record]:
        """``bucket``'s records in the order they came (no :meth:`add` meanwhile)."""
        fh = self._file
        for offset in self._batches.get(bucket, ()):
            assert fh is not None
            fh.seek(offset)
            yield from marshal.load(fh)
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
