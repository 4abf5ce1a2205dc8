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


def test_blobs_come_back_where_they_lie_from_memory_and_disk():
    from checker.report.spool import Blobs

    blobs = Blobs(memory=100)  # a disk file past a hundred bytes
    data = [f"card {i} 가".encode() * (i % 7 + 1) for i in range(60)]
    places = [blobs.add(d) for d in data]
    assert blobs._file is not None and blobs._buffer  # some on disk, the last ones still in memory
    for i in (59, 0, 30, 0, 58):  # any order, as often as asked
        assert blobs.read(places[i], len(data[i])) == data[i]
    blobs.add(b"more")  # adding after reading keeps the file in order
    assert [blobs.read(p, len(d)) for p, d in zip(places, data)] == data
    blobs.close()
    assert blobs._file is None


def test_few_blobs_stay_in_memory():
    from checker.report.spool import Blobs

    blobs = Blobs()
    at = blobs.add(b"x"), blobs.add(b"yz")
    assert blobs._file is None and blobs.read(at[1], 2) == b"yz"
