"""Every export format round-trips: serialise, parse with rdflib, compare."""

from __future__ import annotations

import io

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kgraph.errors import ConfigError
from kgraph.export import ExportFormat, export
from kgraph.graph import KGStore

pytestmark = pytest.mark.model

_RDFLIB_FORMAT = {
    ExportFormat.TRIG: "trig",
    ExportFormat.NQ: "nquads",
    ExportFormat.JSONLD: "json-ld",
    ExportFormat.TTL: "turtle",
    ExportFormat.NT: "nt",
    ExportFormat.XML: "xml",
}


@pytest.fixture(scope="module")
def store_dataset(built_store):  # type: ignore[no-untyped-def]
    with KGStore.open(built_store, read_only=True) as kg:
        buffer = io.BytesIO()
        export(kg, buffer, ExportFormat.NQ)
    dataset = Dataset()
    dataset.parse(data=buffer.getvalue().decode("utf-8"), format="nquads")
    return dataset


def _union(dataset: Dataset) -> Graph:
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


@pytest.mark.parametrize("fmt", [f for f in ExportFormat if f.keeps_graphs])
def test_export_dataset_formats_keep_every_named_graph(
    kg: KGStore, store_dataset: Dataset, fmt: ExportFormat
) -> None:
    buffer = io.BytesIO()
    export(kg, buffer, fmt)
    parsed = Dataset()
    parsed.parse(data=buffer.getvalue().decode("utf-8"), format=_RDFLIB_FORMAT[fmt])
    names = {g.identifier for g in store_dataset.graphs() if len(g)}
    assert names == {g.identifier for g in parsed.graphs() if len(g)}
    assert any("/article/" in str(n) for n in names)
    for name in names:
        assert isomorphic(store_dataset.graph(name), parsed.graph(name)), name


@pytest.mark.parametrize("fmt", [f for f in ExportFormat if not f.keeps_graphs])
def test_export_triple_formats_hold_the_union(
    kg: KGStore, store_dataset: Dataset, fmt: ExportFormat
) -> None:
    buffer = io.BytesIO()
    export(kg, buffer, fmt)
    parsed = Graph().parse(data=buffer.getvalue().decode("utf-8"), format=_RDFLIB_FORMAT[fmt])
    assert isomorphic(parsed, _union(store_dataset))


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("trig", ExportFormat.TRIG),
        ("TURTLE", ExportFormat.TTL),
        (".nq", ExportFormat.NQ),
        ("json-ld", ExportFormat.JSONLD),
        ("rdf", ExportFormat.XML),
        ("n-triples", ExportFormat.NT),
    ],
)
def test_export_format_names(name: str, fmt: ExportFormat) -> None:
    assert ExportFormat.parse(name) is fmt


def test_export_unknown_format() -> None:
    with pytest.raises(ConfigError, match="choose one of trig, nq"):
        ExportFormat.parse("csv")
