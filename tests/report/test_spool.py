"""The spool the text report keeps its entries in: records back in order per bucket, from memory or disk."""

from __future__ import annotations

from checker.report.spool import Spool


def test_records_come_back_in_order_per_bucket_from_disk():
    spool = Spool()
    spool.MEMORY, spool.BATCH = 10, 4  # a disk file after ten records
    records = [(i % 3, (f"r{i}", i, i % 2 == 0, None, ("a", "가"))) for i in range(101)]
    for bucket, record in records:
        spool.add(bucket, record)
    assert spool._file is not None and spool._batches  # on disk
    assert spool.buckets() == [0, 1, 2]
    for bucket in (2, 0, 1, 0):  # any bucket, as often as asked
        assert list(spool.read(bucket)) == [r for b, r in records if b == bucket]
    assert list(spool) == [r for b in (0, 1, 2) for _, r in [x for x in records if x[0] == b]]
    spool.close()
    assert spool._file is None and list(spool) == []


def test_few_records_stay_in_memory():
    spool = Spool()
    spool.add(5, ("x",))
    spool.add(1, ("y",))
    assert spool._file is None
    assert list(spool) == [("y",), ("x",)]
