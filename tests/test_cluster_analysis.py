"""Corroboration as Dask group-bys (kgraph.cluster.analysis) against the local rule, on
hand-made fact rows (Dask's synchronous scheduler), and the batched shard loader on
hand-made shards: no cluster, no model."""

from __future__ import annotations

from dataclasses import asdict, replace
from pathlib import Path

import pytest

from kgraph.graph.analysis.corroboration import FactRow, supports

dd = pytest.importorskip("dask.dataframe", reason="pip install -e '.[cluster]'")
pd = pytest.importorskip("pandas")

_E = "https://x/entity/"
_P = "https://x/rel/say"
_ROWS = [
    # two articles of two sources state Aliyev (a short name merged into Ilham Aliyev) said it
    FactRow("f1", _E + "Ilham_Aliyev", _P, _E + "ceasefire", False, "a1", "affirmed"),
    FactRow("f2", _E + "Aliyev", _P, _E + "ceasefire", False, "a2", "affirmed"),
    # a third article, a copy of a1 (same source), and a negative stance: its own key
    FactRow("f3", _E + "Ilham_Aliyev", _P, _E + "ceasefire", False, "a3", "affirmed"),
    FactRow("f4", _E + "Ilham_Aliyev", _P, _E + "ceasefire", False, "a2", "negative"),
    # a generic subject ("people"): supported by its own article only
    FactRow("f5", _E + "a1.people", _P, '"3"^^xsd:integer', True, "a1", "affirmed"),
    FactRow("f6", _E + "a2.people", _P, '"3"^^xsd:integer', True, "a2", "affirmed"),
    # a fact with two rows (two objects): the counts of its least key
    FactRow("f7", _E + "Ilham_Aliyev", _P, _E + "ceasefire", False, "a4", "affirmed"),
    FactRow("f7", _E + "Ilham_Aliyev", _P, _E + "zz_other", False, "a4", "affirmed"),
]
_SPECIFIC = frozenset({_E + "Ilham_Aliyev", _E + "ceasefire", _E + "zz_other"})
_SOURCES = {"a1": "abc", "a2": "bbc", "a3": "abc", "a4": "cnn"}


def test_cluster_analysis_counts_are_the_local_rules() -> None:
    import dask

    from kgraph.cluster.analysis import _counts, renaming

    renamed = renaming([(_E + "Aliyev", _E + "Ilham_Aliyev")])
    local = supports([replace(r, s=renamed.get(r.s, r.s)) for r in _ROWS], _SPECIFIC, _SOURCES)
    frame = dd.from_pandas(pd.DataFrame([asdict(r) for r in _ROWS]), npartitions=3)
    with dask.config.set(scheduler="sync"):
        found = _counts(frame, _SPECIFIC, _SOURCES, renamed)
    assert found == local
    counts = {str(s.fact): (s.articles, s.sources) for s in found}
    assert counts["f1"] == counts["f2"] == (4, 3)  # a1, a2, a3, a4; abc, bbc, cnn
    assert counts["f4"] == (1, 1) and counts["f5"] == counts["f6"] == (1, 1)


def test_cluster_analysis_renaming_follows_merges_of_merges() -> None:
    from kgraph.cluster.analysis import renaming

    assert renaming([("a", "b"), ("b", "c")]) == {"a": "c", "b": "c"}
    assert renaming([("a", "b"), ("b", "a")]) == {"a": "a", "b": "b"}  # a cycle stops


def _shard(folder: Path, key: str, n: int) -> None:
    """A hand-made shard of one article ``n`` (its graph, one entity, its row)."""
    import gzip

    from kgraph.cluster.shards import _ARTICLE_COLUMNS, _ENTITY_COLUMNS, _parquet

    article = f"https://example.org/kgraph/article/{n}"
    quads = f'<{article}> <http://purl.org/dc/terms/title> "Story {n}" <{article}> .\n'
    (folder / f"{key}.nq.gz").write_bytes(gzip.compress(quads.encode()))
    entity = "https://example.org/kgraph/entity/Baku"
    core = f'<{entity}> <http://www.w3.org/2000/01/rdf-schema#label> "Baku {n}"@en .\n'
    rows = [{"seq": 0, "iri": entity, "label": f"Baku {n}", "core": core, "names": ""}]
    (folder / f"{key}.entities.parquet").write_bytes(_parquet(rows, _ENTITY_COLUMNS))
    row = {"seq": 0, "id": str(n), "iri": article, "sha256": "x", "origin": None}
    row |= {"sentences": 1, "facts": 0, "error": None}
    (folder / f"{key}.articles.parquet").write_bytes(_parquet([row], _ARTICLE_COLUMNS))


@pytest.mark.parametrize("batch", [1, 1000])
def test_cluster_loader_gives_one_store_whatever_the_batch(tmp_path: Path, batch: int) -> None:
    from kgraph.cluster.load import ShardLoader
    from kgraph.graph import KGStore

    for n in range(3):
        _shard(tmp_path, f"k{n}", n)
    with KGStore.open(tmp_path / "kg", create=True) as kg:
        with ShardLoader(kg, str(tmp_path), batch_quads=batch) as loader:
            for n in range(3):
                loader.load(f"k{n}", [])
            pending = len(loader._pending)
        quads = sorted(str(q) for q in kg.quads())
    assert pending == (0 if batch == 1 else 3)  # batch 1: each shard loaded at once
    assert len(quads) == 6  # 3 titles; the first label met wins, the others are altLabels
    assert [q for q in quads if "rdf-schema#label" in q and "Baku" in q] == [
        q for q in quads if '"Baku 0"@en' in q
    ]
    assert sorted(q.split('"')[1] for q in quads if "altLabel" in q) == ["Baku 1", "Baku 2"]
