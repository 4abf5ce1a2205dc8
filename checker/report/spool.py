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
from collections.abc import Iterator
from typing import IO, Any

Record = tuple[Any, ...]


class Spool:
    """Records in buckets (small ints), each kept in the order it came; in memory up to :attr:`MEMORY`
    records, then in batches of :attr:`BATCH` in a temporary file (in ``TMPDIR``; written to only past
    :attr:`MEMORY`)."""

    MEMORY = 512  # records kept in memory before the first batch goes to disk
    BATCH = 256  # records per batch written

    def __init__(self) -> None:
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
            import tempfile  # only for a large report (start-up does not pay for it)

            self._file = tempfile.TemporaryFile(prefix="claimcheck-", suffix=".spool")
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
