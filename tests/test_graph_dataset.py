"""The SPARQL dataset: FROM and FROM NAMED, and the protocol's default-graph-uri / named-graph-uri.

The same table runs on both engines (Oxigraph and rdflib's memory store), then
through real clients: ``kgraph query``, httpx, SPARQLWrapper and rdflib's
SPARQLStore against ``kgraph serve``.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, POSTDIRECTLY, URLENCODED, SPARQLWrapper

from kgraph.graph import KGStore
from kgraph.graph.sparql import QueryDataset
from kgraph.vocab import Iris

from .servers import Running, kgraph_server

IRIS = Iris()
A = str(IRIS.article("a"))
B = str(IRIS.article("b"))
ENTITIES = str(IRIS.entities_graph)
NOTHING = "urn:nothing"
#: How many triples each graph holds (subjects <urn:GRAPH:N>).
SIZES = {A: 3, B: 2, ENTITIES: 4}
TOTAL = sum(SIZES.values())


def count(clauses: str = "") -> str:
    """A query counting the default graph's triples, with dataset clauses."""
    return f"SELECT (COUNT(*) AS ?n) {clauses} WHERE {{ ?s ?p ?o }}"


def by_graph(clauses: str = "") -> str:
    """A query counting each named graph's triples, with dataset clauses."""
    return f"SELECT ?g (COUNT(*) AS ?n) {clauses} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"


def graph_triples(graph: str) -> set[tuple[URIRef, URIRef, Literal]]:
    return {
        (URIRef(f"urn:{graph[-1]}:{i}"), URIRef("urn:kgraph:test:p"), Literal(graph))
        for i in range(SIZES[graph])
    }


def make_store(path: Path, kind: str) -> Path:
    with KGStore.open(path, create=True, kind=kind) as kg:
        kg.backend.extend(
            [
                ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.Literal(o), ox.NamedNode(graph))
                for graph in SIZES
                for s, p, o in graph_triples(graph)
            ]
        )
    return path


#: (what, query, dataset, expected rows of (?g, ?n) or (?n,)).
CASES = [
    ("no dataset: the union", count(), None, [(str(TOTAL),)]),
    ("FROM one article graph", count(f"FROM <{A}>"), None, [("3",)]),
    ("FROM two graphs", count(f"FROM <{A}> FROM <{B}>"), None, [("5",)]),
    ("FROM <urn:nothing>", count(f"FROM <{NOTHING}>"), None, [("0",)]),
    ("FROM NAMED only", count(f"FROM NAMED <{A}>"), None, [("0",)]),
    ("FROM NAMED + GRAPH ?g", by_graph(f"FROM NAMED <{A}>"), None, [(A, "3")]),
    ("FROM hides GRAPH ?g", by_graph(f"FROM <{A}>"), None, []),
    (
        "no dataset: GRAPH ?g sees all",
        by_graph() + " ORDER BY ?g",
        None,
        sorted((g, str(n)) for g, n in SIZES.items()),
    ),
    (
        "lower case, no spaces",
        f"select(count(*)as ?n)from<{B}>where{{?s ?p ?o}}",
        None,
        [("2",)],
    ),
    (
        "'FROM' in a string",
        "SELECT (COUNT(*) AS ?n) { ?s ?p ?o FILTER(?o != 'FROM') }",
        None,
        [(str(TOTAL),)],
    ),
    ("protocol default graph", count(), QueryDataset((A,)), [("3",)]),
    (
        "protocol overrides FROM",
        count(f"FROM <{A}>"),
        QueryDataset((B, ENTITIES)),
        [("6",)],
    ),
    (
        "protocol named graphs",
        by_graph(f"FROM NAMED <{A}>"),
        QueryDataset((), (B,)),
        [(B, "2")],
    ),
    ("protocol unknown graph", count(), QueryDataset((NOTHING,)), [("0",)]),
]


@pytest.fixture(scope="module", params=["oxigraph", "memory"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp(request.param) / "kg", request.param)


def values(result: object) -> list[tuple[str, ...]]:
    return [tuple(term.value for term in row) for row in result]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("what", "query", "dataset", "expected"), CASES, ids=[c[0] for c in CASES])
def test_graph_dataset_on_both_engines(
    store: Path,
    what: str,
    query: str,
    dataset: QueryDataset | None,
    expected: list[tuple[str, ...]],
) -> None:
    with KGStore.open(store, read_only=True) as kg:
        assert values(kg.query(query, dataset)) == expected


def test_graph_dataset_kgraph_query_honours_from(store: Path) -> None:
    for graphs, expected in [(f"FROM <{NOTHING}>", "0"), (f"FROM <{A}>", "3"), ("", str(TOTAL))]:
        command = [sys.executable, "-m", "kgraph", "query", str(store)]
        command += [count(graphs), "--format", "csv"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert list(csv.reader(io.StringIO(done.stdout))) == [["n"], [expected]]


# ---------------------------------------------------------------- a real server


@pytest.fixture(scope="module")
def server(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with kgraph_server(store, tmp_path_factory.mktemp("serve"), "--workers", "1") as running:
        yield running


def answered(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, TOTAL),
        ({"default-graph-uri": A}, 3),
        ({"default-graph-uri": [A, B]}, 5),
        ({"default-graph-uri": NOTHING}, 0),
        ({"named-graph-uri": A}, 0),
    ],
)
def test_graph_dataset_endpoint_parameters(
    server: Running, params: dict[str, object], expected: int
) -> None:
    url = f"{server.url}/sparql"
    query = count()
    accept = {"Accept": "application/sparql-results+json"}
    get = httpx.get(url, params={"query": query, **params}, headers=accept)  # type: ignore[dict-item]
    form = httpx.post(url, data={"query": query, **params}, headers=accept)  # type: ignore[dict-item]
    direct = httpx.post(
        url,
        params=params,  # type: ignore[arg-type]
        content=query.encode("utf-8"),
        headers={**accept, "Content-Type": "application/sparql-query"},
    )
    assert [answered(get), answered(form), answered(direct)] == [expected] * 3


def test_graph_dataset_endpoint_parameters_override_from(server: Running) -> None:
    query = count(f"FROM <{A}>")
    response = httpx.get(
        f"{server.url}/sparql", params={"query": query, "default-graph-uri": B, "format": "json"}
    )
    assert answered(response) == 2


def test_graph_dataset_endpoint_refuses_a_relative_graph_iri(server: Running) -> None:
    response = httpx.get(
        f"{server.url}/sparql", params={"query": "ASK {}", "default-graph-uri": "not an IRI"}
    )
    assert response.status_code == 400 and "default-graph-uri" in response.text


@pytest.mark.parametrize("method", ["GET", URLENCODED, POSTDIRECTLY])
def test_graph_dataset_sparqlwrapper(server: Running, method: str) -> None:
    sparql = SPARQLWrapper(f"{server.url}/sparql")
    sparql.setQuery(by_graph())
    sparql.setReturnFormat(JSON)
    if method != "GET":
        sparql.setMethod(POST)
        sparql.setRequestMethod(method)  # a form (URLENCODED), or the query as the body
    sparql.addDefaultGraph(A)
    sparql.addNamedGraph(B)
    sparql.addNamedGraph(ENTITIES)
    bindings = sparql.query().convert()["results"]["bindings"]  # type: ignore[index]
    found = sorted((b["g"]["value"], b["n"]["value"]) for b in bindings)
    assert found == sorted([(B, "2"), (ENTITIES, "4")])


def test_graph_dataset_rdflib_sparqlstore_graph(server: Running) -> None:
    graph = Graph(store=SPARQLStore(f"{server.url}/sparql"), identifier=URIRef(A))
    assert set(graph) == graph_triples(A)
    assert len(graph) == 3


def test_graph_dataset_rdflib_sparqlstore_dataset(server: Running) -> None:
    """A Dataset over the endpoint: its graphs, each graph's triples, queries with and without FROM.

    rdflib sends ``default-graph-uri=urn:x-rdflib:default`` with ``Dataset.query``;
    the endpoint reads it as "the default graph".

    (``Dataset.graphs()`` itself cannot run on a read-only SPARQLStore: rdflib
    adds the default graph to the store when the endpoint does not list it.)
    """
    dataset = Dataset(store=SPARQLStore(f"{server.url}/sparql"))
    assert {URIRef(g) for g in SIZES} <= set(dataset.store.contexts())
    for graph in SIZES:
        assert set(dataset.get_context(URIRef(graph))) == graph_triples(graph)
    assert len(dataset.get_context(URIRef(NOTHING))) == 0
    rows = dataset.query(f"SELECT ?s ?p ?o FROM <{B}> WHERE {{ ?s ?p ?o }}")
    assert {tuple(row) for row in rows} == graph_triples(B)  # type: ignore[arg-type]
    assert len(dataset.query("SELECT * WHERE { ?s ?p ?o }")) == TOTAL  # the union
