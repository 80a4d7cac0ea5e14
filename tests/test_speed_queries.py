"""The memory engine parses a SPARQL query once (issue 16, part 4): the same answers on reuse."""

from __future__ import annotations

from pathlib import Path

from kgraph.graph import KGStore
from kgraph.graph.backends import _parsed_query
from kgraph.graph.sparql import QueryDataset

from .test_graph_dataset import TOTAL, A, count, make_store, values


def test_speed_queries_a_parsed_query_is_reused_and_keeps_its_dataset(tmp_path: Path) -> None:
    store = make_store(tmp_path / "kg", "memory")
    _parsed_query.cache_clear()
    with KGStore.open(store, read_only=True) as kg:
        for _ in range(3):  # FROM is taken out of a copy: the cached query keeps it
            assert values(kg.query(count(f"FROM <{A}>"))) == [("3",)]
            assert values(kg.query(count())) == [(str(TOTAL),)]
            assert values(kg.query(count(), QueryDataset((A,)))) == [("3",)]
    info = _parsed_query.cache_info()
    assert (info.hits, info.misses, info.maxsize) == (7, 2, 256)  # 9 queries, 2 texts
