"""Every export format round-trips: serialise, parse with rdflib, compare."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kgraph.cli import cli
from kgraph.errors import ConfigError, QueryError
from kgraph.export import ExportFormat, export
from kgraph.export.facts import FACT_COLUMNS
from kgraph.export.graphs import entity_graph
from kgraph.graph import KGStore
from kgraph.model import make_article_id

pytestmark = pytest.mark.model

_RDFLIB_FORMAT = {
    ExportFormat.TRIG: "trig",
    ExportFormat.NQ: "nquads",
    ExportFormat.JSONLD: "json-ld",
    ExportFormat.TTL: "turtle",
    ExportFormat.NT: "nt",
    ExportFormat.XML: "xml",
}
RDF_FORMATS = [f for f in ExportFormat if f.is_rdf]


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


@pytest.mark.parametrize("fmt", [f for f in RDF_FORMATS if not f.keeps_graphs])
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
        (".gexf", ExportFormat.GEXF),
        ("GraphML", ExportFormat.GRAPHML),
        ("csv", ExportFormat.CSV),
    ],
)
def test_export_format_names(name: str, fmt: ExportFormat) -> None:
    assert ExportFormat.parse(name) is fmt


def test_export_unknown_format() -> None:
    with pytest.raises(ConfigError, match=r"choose one of trig, nq, .*, graphml, gexf, csv"):
        ExportFormat.parse("pdf")


# ---------------------------------------------------------------- one article, a CONSTRUCT

ARTICLE_ID = make_article_id(None, origin="data/000_e44c5ff607d1961c.txt")  # the first seed
CONSTRUCT = "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a kg:Country ; rdfs:label ?l }"


def _article_graph(kg: KGStore) -> tuple[URIRef, Graph]:
    name = kg.iris.article(ARTICLE_ID)
    graph = Graph()
    for quad in kg.quads(name):
        graph.parse(data=f"{quad.subject} {quad.predicate} {quad.object} .", format="nt")
    return name, graph


@pytest.mark.parametrize("fmt", RDF_FORMATS)
@pytest.mark.parametrize("key", [ARTICLE_ID, f"https://example.org/kgraph/article/{ARTICLE_ID}"])
def test_export_one_article(kg: KGStore, fmt: ExportFormat, key: str) -> None:
    name, expected = _article_graph(kg)
    buffer = io.BytesIO()
    export(kg, buffer, fmt, article=key)
    data = buffer.getvalue().decode("utf-8")
    if fmt.keeps_graphs:
        parsed = Dataset()
        parsed.parse(data=data, format=_RDFLIB_FORMAT[fmt])
        assert [g.identifier for g in parsed.graphs() if len(g)] == [name]
        assert isomorphic(parsed.graph(name), expected)
    else:
        assert isomorphic(Graph().parse(data=data, format=_RDFLIB_FORMAT[fmt]), expected)


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_export_construct(kg: KGStore, fmt: ExportFormat) -> None:
    expected = Graph().parse(
        data="".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in kg.query(CONSTRUCT)),
        format="nt",
    )
    buffer = io.BytesIO()
    export(kg, buffer, fmt, construct=CONSTRUCT)
    parsed = Dataset()
    parsed.parse(data=buffer.getvalue().decode("utf-8"), format=_RDFLIB_FORMAT[fmt])
    assert len(expected) > 3 and isomorphic(_union(parsed), expected)


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"construct": "SELECT * WHERE { ?s ?p ?o }"}, QueryError, "give a CONSTRUCT"),
        ({"construct": "CONSTRUCT WHERE { ?s ?p }"}, QueryError, "invalid SPARQL"),
        ({"article": "no-such-article"}, ConfigError, "no article 'no-such-article'"),
        ({"article": ARTICLE_ID, "construct": CONSTRUCT}, ConfigError, "not both"),
    ],
)
def test_export_refuses(
    kg: KGStore, options: dict[str, str], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        export(kg, io.BytesIO(), "ttl", **options)


def test_export_construct_needs_an_rdf_format(kg: KGStore) -> None:
    with pytest.raises(ConfigError, match="not an RDF format"):
        export(kg, io.BytesIO(), "csv", construct=CONSTRUCT)


# ---------------------------------------------------------------- the entity graph, CSV


@pytest.mark.parametrize(("fmt", "read"), [("graphml", "graphml"), ("gexf", "gexf")])
def test_export_entity_graph_round_trips(kg: KGStore, fmt: str, read: str) -> None:
    expected = entity_graph(kg)
    buffer = io.BytesIO()
    export(kg, buffer, fmt)
    buffer.seek(0)
    if read == "graphml":
        parsed = nx.read_graphml(buffer, force_multigraph=True)
    else:
        parsed = nx.read_gexf(buffer)
    assert parsed.number_of_nodes() == expected.number_of_nodes() > 50
    assert parsed.number_of_edges() == expected.number_of_edges() > 50
    for node, data in expected.nodes(data=True):
        assert parsed.nodes[node]["label"] == data["label"]
        assert parsed.nodes[node]["class"] == data["class"]
    assert _edges(parsed) == _edges(expected)


def _edges(graph: nx.MultiDiGraph) -> set[tuple[str, str, str, str, float]]:
    return {(u, v, d["label"], d["article"], d["confidence"]) for u, v, d in graph.edges(data=True)}


def test_export_entity_graph_has_entities_and_facts(kg: KGStore) -> None:
    graph = entity_graph(kg)
    azerbaijan = "https://example.org/kgraph/entity/Azerbaijan"
    assert graph.nodes[azerbaijan] == {"label": "Azerbaijan", "class": "Country"}
    relations = {d["label"] for _, _, d in graph.out_edges(azerbaijan, data=True)}
    assert "initiates" in relations
    assert all(
        0 < d["confidence"] <= 1 and "/article/" in d["article"]
        for _, _, d in graph.edges(data=True)
    )


def _csv_rows(kg: KGStore, **options: str) -> list[dict[str, str]]:
    buffer = io.BytesIO()
    export(kg, buffer, "csv", **options)
    return list(csv.DictReader(io.StringIO(buffer.getvalue().decode("utf-8"))))


def test_export_csv_has_every_fact_with_its_provenance(kg: KGStore) -> None:
    rows = _csv_rows(kg)
    texts = {r["a"].value: r["t"].value for r in kg.query("SELECT ?a ?t { ?a kg:text ?t }")}
    facts = kg.query("SELECT (COUNT(?f) AS ?n) WHERE { ?f a rdf:Statement }")
    assert len(rows) == int(next(iter(facts))["n"].value)
    assert list(rows[0]) == FACT_COLUMNS
    for row in rows:
        text = texts[row["article"]]
        assert text[int(row["sentence_start"]) : int(row["sentence_end"])] == row["sentence"]
        span = text[int(row["subject_start"]) : int(row["subject_end"])]
        assert span and span in row["sentence"]
        assert row["negated"] in {"true", "false"} and 0 < float(row["confidence"]) <= 1
        assert row["subject"] and row["relation"] and row["object"] and row["extractor"]
    assert any(r["negated"] == "true" for r in rows)
    assert any(r["object_iri"] == "" for r in rows)  # values (dates, numbers) have no IRI


def test_export_csv_of_one_article(kg: KGStore) -> None:
    rows = _csv_rows(kg, article=ARTICLE_ID)
    assert rows and {r["article"] for r in rows} == {str(kg.iris.article(ARTICLE_ID))}


@pytest.mark.parametrize(
    ("name", "suffix", "check"),
    [
        ("entities", ".gexf", "<gexf"),
        ("entities", ".graphml", "<graphml"),
        ("facts", ".csv", "subject,subject_iri"),
        ("article", ".ttl", "@prefix"),
    ],
)
def test_export_cli_formats_from_the_extension(
    built_store: Path, tmp_path: Path, name: str, suffix: str, check: str
) -> None:
    output = tmp_path / f"{name}{suffix}"
    args = ["export", str(built_store), "-o", str(output)]
    if name == "article":
        args += ["--article", ARTICLE_ID]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert check in output.read_text(encoding="utf-8")


def test_export_cli_construct_from_a_file(built_store: Path, tmp_path: Path) -> None:
    query = tmp_path / "countries.rq"
    query.write_text(CONSTRUCT, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["export", str(built_store), "--construct", f"@{query}", "--format", "nt"]
    )
    assert result.exit_code == 0 and '"Azerbaijan"@en' in result.output
