"""kgraph push: batching and authentication on exact inputs, then real triple stores on loopback.

The Oxigraph server (PyPI ``oxigraph``) always; Virtuoso when ``virtuoso-t`` is installed.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from kgraph.cli import cli
from kgraph.errors import RemoteError
from kgraph.export.push import PushProtocol, _BasicOrDigest, _batches, push
from kgraph.graph import KGStore

from .servers import oxigraph_server, virtuoso_server

NQUADS = {"Accept": "application/n-quads"}
STALE = "<urn:kgraph:stale> <urn:kgraph:was> <urn:kgraph:here> ."
OTHER_GRAPH = "urn:kgraph:someone-elses-graph"


# ---------------------------------------------------------------- rules on exact inputs


def _quad(s: str, o: ox.NamedNode | ox.BlankNode) -> ox.Quad:
    return ox.Quad(ox.NamedNode(s), ox.NamedNode("urn:p"), o, ox.NamedNode("urn:g"))


def test_push_batches_keep_blank_nodes_in_the_first() -> None:
    blank = ox.BlankNode("b1")
    quads = [_quad(f"urn:s{i}", ox.NamedNode("urn:o")) for i in range(5)]
    quads += [_quad("urn:x", blank), _quad("urn:y", blank)]
    batches = list(_batches(iter(quads), 3))
    assert [len(b) for b in batches] == [3, 3, 1]
    assert sum("_:b1" in line for line in batches[0]) == 2


def test_push_batches_of_an_empty_graph() -> None:
    assert list(_batches(iter([]), 10)) == [[]]


def _auth_server(request: httpx.Request) -> httpx.Response:
    header = request.headers.get("Authorization", "")
    if header.startswith("Digest "):
        return httpx.Response(204)
    challenge = 'Digest realm="virtuoso", nonce="abc", qop="auth"'
    return httpx.Response(401, headers={"WWW-Authenticate": challenge})


@pytest.mark.parametrize(
    ("handler", "expected"),
    [
        (lambda request: httpx.Response(204), "Basic "),  # Basic first, and enough
        (_auth_server, "Digest "),  # Digest when the server asks for it
    ],
)
def test_push_authentication(handler: object, expected: str) -> None:
    seen: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("Authorization", ""))
        return handler(request)  # type: ignore[operator]

    auth = _BasicOrDigest("dba", "secret")
    with httpx.Client(transport=httpx.MockTransport(record), auth=auth) as client:
        assert client.put("http://store.invalid/data", content=b"").status_code == 204
    assert seen[-1].startswith(expected)


# ---------------------------------------------------------------- the Oxigraph server


@pytest.fixture()
def oxigraph(tmp_path: Path) -> Iterator[str]:
    with oxigraph_server(tmp_path) as base:
        yield base


def local_dataset(store: Path) -> Dataset:
    buffer = io.BytesIO()
    with KGStore.open(store, read_only=True) as kg:
        kg.dump(buffer, ox.RdfFormat.N_QUADS)
    dataset = Dataset()
    dataset.parse(data=buffer.getvalue().decode("utf-8"), format="nquads")
    return dataset


def remote_dataset(oxigraph: str) -> Dataset:
    response = httpx.get(f"{oxigraph}/store", headers=NQUADS)
    response.raise_for_status()
    dataset = Dataset()
    dataset.parse(data=response.text, format="nquads")
    return dataset


def graphs(dataset: Dataset) -> dict[str, Graph]:
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


def assert_same_graphs(local: Dataset, remote: Dataset, ignore: set[str] = frozenset()) -> None:
    mine, theirs = graphs(local), graphs(remote)
    assert set(mine) == set(theirs) - set(ignore)
    assert any("/article/" in name for name in mine)
    for name, graph in mine.items():  # no blank nodes: the same triples, not just isomorphic
        assert set(graph) == set(theirs[name]), name


@pytest.mark.model
@pytest.mark.parametrize(
    ("path", "protocol", "batch_size"),
    [("/store", PushProtocol.GSP, 2000), ("/update", PushProtocol.UPDATE, 150)],
)
def test_push_oxigraph_twice_gives_the_same_graphs(
    built_store: Path, oxigraph: str, path: str, protocol: PushProtocol, batch_size: int
) -> None:
    stale = f"INSERT DATA {{ GRAPH <{OTHER_GRAPH}> {{ {STALE} }} }}"
    assert httpx.post(f"{oxigraph}/update", data={"update": stale}).status_code == 204
    local = local_dataset(built_store)
    with KGStore.open(built_store, read_only=True) as kg:
        article = next(name for name in graphs(local) if "/article/" in name)
        junk = f"INSERT DATA {{ GRAPH <{article}> {{ {STALE} }} }}"  # replaced by the push
        assert httpx.post(f"{oxigraph}/update", data={"update": junk}).status_code == 204
        first = push(kg, f"{oxigraph}{path}", batch_size=batch_size)
        after_first = remote_dataset(oxigraph)
        second = push(kg, f"{oxigraph}{path}", batch_size=batch_size)
    assert first.protocol is second.protocol is protocol
    assert first.graphs == len(graphs(local)) and first.triples == kg_quads(local)
    assert_same_graphs(local, after_first, ignore={OTHER_GRAPH})
    after_second = remote_dataset(oxigraph)
    assert_same_graphs(local, after_second, ignore={OTHER_GRAPH})
    assert len(graphs(after_second)[OTHER_GRAPH]) == 1  # other graphs are left alone


def kg_quads(dataset: Dataset) -> int:
    return sum(len(g) for g in graphs(dataset).values())


@pytest.mark.model
def test_push_cli_with_progress_summary(built_store: Path, oxigraph: str) -> None:
    result = CliRunner().invoke(cli, ["push", str(built_store), "--endpoint", f"{oxigraph}/store"])
    assert result.exit_code == 0, result.output
    # 5 articles, entities, runs, ontology and analysis (conflicts and corroboration)
    assert "pushed 9 graphs" in result.output and "by gsp" in result.output


@pytest.mark.model
def test_push_error_names_the_status_and_the_remote_message(
    built_store: Path, oxigraph: str
) -> None:
    with KGStore.open(built_store, read_only=True) as kg, pytest.raises(RemoteError) as caught:
        push(kg, f"{oxigraph}/query", protocol="update")
    assert "HTTP 415" in str(caught.value) and "Content-Type" in str(caught.value)
    args = ["push", str(built_store), "--endpoint", f"{oxigraph}/query", "--protocol", "gsp"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1 and "error:" in result.output and "HTTP 4" in result.output


@pytest.mark.model
def test_push_unreachable_endpoint(built_store: Path) -> None:
    from .servers import free_port

    with (
        KGStore.open(built_store, read_only=True) as kg,
        pytest.raises(RemoteError, match="cannot reach"),
    ):
        push(kg, f"http://127.0.0.1:{free_port()}/store", timeout=5)


# ---------------------------------------------------------------- Virtuoso


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as base:
        yield base


def virtuoso_counts(base: str, prefix: str) -> dict[str, int]:
    query = (
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{prefix}")) }} GROUP BY ?g'
    )
    response = httpx.get(
        f"{base}/sparql",
        params={"query": query},
        headers={"Accept": "application/sparql-results+json"},
    )
    response.raise_for_status()
    rows = response.json()["results"]["bindings"]
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


@pytest.mark.model
@pytest.mark.parametrize(
    ("path", "protocol"),
    [("/sparql-graph-crud-auth", PushProtocol.GSP), ("/sparql-auth", PushProtocol.UPDATE)],
)
def test_push_virtuoso_twice_gives_the_same_graphs(
    built_store: Path,
    virtuoso: str,
    path: str,
    protocol: PushProtocol,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    local = {name: len(g) for name, g in graphs(local_dataset(built_store)).items()}
    base_iri = next(iter(local)).split("article/")[0].split("graph/")[0]
    monkeypatch.setenv("KGRAPH_PUSH_PASSWORD", "dba")
    args = ["push", str(built_store), "--endpoint", f"{virtuoso}{path}", "--user", "dba"]
    for _ in range(2):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert f"by {protocol.value}" in result.output
        assert virtuoso_counts(virtuoso, base_iri) == local
