"""The build reads its corpus as a stream (issue 19, part 1): no text is held to the end."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from kgraph.ingest import IngestReport, iter_articles, latest_versions
from kgraph.ontology import Ontology
from kgraph.pipeline.stream import chunks, count_versions, latest_stream


def _records(n: int, size: int) -> Iterator[dict[str, str]]:
    """``n`` distinct articles of about ``size`` characters, from a generator."""
    for i in range(n):
        body = f"Article {i} says that Acme Corp hired {i} people in Berlin. "
        yield {"id": f"a{i}", "text": body * (size // len(body) + 1)}


def _write(path: Path, records: Iterator[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record) + "\n")
    return path


def _peak_of_stream(path: Path, ontology: Ontology) -> int:
    tracemalloc.start()
    try:
        versions = count_versions([path], ontology.boilerplate)
        seen = sum(1 for _ in latest_stream([path], ontology.boilerplate, IngestReport(), versions))
        assert seen == len(versions)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_stream_holds_no_texts(tmp_path: Path, ontology: Ontology) -> None:
    """The peak memory of reading 1.3 MB of articles is a small part of it, and grows by
    much less than the corpus when the corpus grows fourfold."""
    small = _write(tmp_path / "small.jsonl", _records(40, 8_000))
    large = _write(tmp_path / "large.jsonl", _records(160, 8_000))
    peak_small, peak_large = _peak_of_stream(small, ontology), _peak_of_stream(large, ontology)
    size = large.stat().st_size
    assert peak_large < size / 4, (peak_large, size)
    assert peak_large - peak_small < (size - small.stat().st_size) / 10, (peak_small, peak_large)


@pytest.mark.parametrize(
    ("ids", "kept"),
    [
        (["a", "b", "c"], ["a", "b", "c"]),
        (["a", "b", "a"], ["b", "a"]),
        (["a", "a", "a", "b"], ["a", "b"]),
        (["a", "b", "b", "a", "c"], ["b", "a", "c"]),
    ],
)
def test_stream_keeps_the_last_version_in_the_order_of_latest_versions(
    tmp_path: Path, ontology: Ontology, ids: list[str], kept: list[str]
) -> None:
    records = ({"id": i, "text": f"Version {n} of {i}."} for n, i in enumerate(ids))
    path = _write(tmp_path / "feed.jsonl", records)
    listed, streamed = IngestReport(), IngestReport()
    expected = latest_versions(iter_articles([path], ontology.boilerplate, listed), listed)
    versions = count_versions([path], ontology.boilerplate)
    got = list(latest_stream([path], ontology.boilerplate, streamed, versions))
    assert got == expected
    assert [a.record_id for a in got] == kept
    assert streamed.superseded == listed.superseded and len(streamed.superseded) == len(ids) - len(
        kept
    )


def test_stream_chunks() -> None:
    assert [len(c) for c in chunks(iter(range(10)), 4)] == [4, 4, 2]
    assert list(chunks([], 3)) == []
