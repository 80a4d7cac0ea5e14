"""Corroboration as Dask group-bys (kgraph.cluster.analysis) against the local rule, on
hand-made fact rows: Dask's synchronous scheduler, no cluster, no model."""

from __future__ import annotations

from dataclasses import asdict, replace

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
