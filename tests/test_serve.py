"""The SPARQL endpoint: negotiation and policy rules on exact inputs, then real servers on loopback.

Clients: SPARQLWrapper and httpx against ``kgraph serve``, and the Oxigraph server
federating into it with SERVICE.
"""

from __future__ import annotations

import csv
import io
import json
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kgraph.graph import KGStore, QueryKind
from kgraph.serve.formats import FormatError, negotiate
from kgraph.serve.page import render
from kgraph.serve.policy import uses_service
from kgraph.vocab import PREFIXES

from .servers import (
    Running,
    alive,
    children,
    kgraph_server,
    oxigraph_server,
    stop,
    wait_for_idle_workers,
)

COUNTRIES = "SELECT ?label WHERE { ?e a kg:Country ; rdfs:label ?label } ORDER BY ?label"
CONSTRUCT = "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a kg:Country ; rdfs:label ?l }"
#: A cross product of every triple with itself, twice: minutes, whatever the machine.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
TIMEOUT = 1.0
MAX_RESULT_MB = "0.05"  # 52 KB: the sample store's triples are far more, a country list far less

# ---------------------------------------------------------------- rules on exact inputs


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", True),
        ("select * { service silent <http://x/> { ?s ?p ?o } }", True),
        ("SELECT * { ?s ?p ?o.SERVICE <http://x/> { ?a ?b ?c } }", True),
        ("SELECT * { ?s ?p ?o FILTER(?o<1)SERVICE?s#>\n{ ?a ?b ?c } }", True),
        ("SELECT * { ?s ex:a\\#  SERVICE <http://x/> { ?a ?b ?c } }", True),
        ("SELECT * { \\u0053ERVICE <http://x/> { ?a ?b ?c } }", True),
        ("SELECT * { ?s ?p 'x' SERVICE <x> { } }", True),
        ("SELECT ?service { ?service ?p ?o }", False),
        ('SELECT * { ?s rdfs:label "Federal Security Service"@en }', False),
        ("SELECT * { ?s rdfs:label '''two\nSERVICE <x> { }''' }", False),
        ("SELECT * { ?s ex:service ?o . ?o service:x ?z . ?z :service ?w }", False),
        ("SELECT * { ?s ?p <http://example.org/service> } # SERVICE <x> { }", False),
        ("SELECT * { ?s ?p ex:o.SERVICE }", False),
        ("SELECT * { ?s <http://dbpedia.org/resource/Paris_(France)> ?o }", False),
    ],
)
def test_serve_uses_service(query: str, expected: bool) -> None:
    assert uses_service(query) is expected


@pytest.mark.parametrize(
    ("what", "accept", "formats", "expected"),
    [
        (QueryKind.SELECT, "", (), "json"),
        (QueryKind.SELECT, "*/*", (), "json"),
        (QueryKind.SELECT, "application/sparql-results+xml", (), "xml"),
        (QueryKind.SELECT, "text/csv;q=0.5, text/tab-separated-values", (), "tsv"),
        (QueryKind.SELECT, "text/html, application/xml;q=0.9, */*;q=0.8", (), "xml"),
        (QueryKind.ASK, "application/json", (), "json"),
        (QueryKind.SELECT, "text/csv", ("tsv", "text/tab-separated-values"), "tsv"),
        (QueryKind.GRAPH, "", (), "turtle"),
        (QueryKind.GRAPH, "application/turtle,text/turtle", (), "turtle"),
        (QueryKind.GRAPH, "application/n-triples", (), "nt"),
        (QueryKind.GRAPH, "application/ld+json", (), "jsonld"),
        (QueryKind.GRAPH, "application/rdf+xml", (), "rdfxml"),
        (QueryKind.GRAPH, "*/*", ("xml",), "rdfxml"),
        (QueryKind.GRAPH, "*/*", ("json",), "jsonld"),
    ],
)
def test_serve_negotiate(
    what: QueryKind, accept: str, formats: tuple[str, ...], expected: str
) -> None:
    assert negotiate(what, accept, formats).name == expected


@pytest.mark.parametrize(
    ("what", "accept", "formats", "status"),
    [
        (QueryKind.SELECT, "text/turtle", (), 406),
        (QueryKind.GRAPH, "text/csv", (), 406),
        (QueryKind.GRAPH, "*/*", ("csv",), 406),
        (QueryKind.SELECT, "*/*", ("pdf",), 400),
    ],
)
def test_serve_negotiate_refuses(
    what: QueryKind, accept: str, formats: tuple[str, ...], status: int
) -> None:
    with pytest.raises(FormatError) as caught:
        negotiate(what, accept, formats)
    assert caught.value.status == status


def test_serve_page_escapes_what_it_shows() -> None:
    page = render("<script>alert(1)</script>")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "&quot;Azerbaijan&quot;@en" in page  # the example queries, escaped
    assert "http://" not in page and "https://" not in page  # nothing loaded from elsewhere


# ---------------------------------------------------------------- a real server


@pytest.fixture(scope="module")
def endpoint(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """kgraph serve on the sample store, with a short timeout and a small result limit."""
    folder = tmp_path_factory.mktemp("serve")
    options = ("--timeout", str(TIMEOUT), "--max-result-mb", MAX_RESULT_MB, "--workers", "2")
    with kgraph_server(built_store, folder, *options) as running:
        yield running


@pytest.fixture(scope="module")
def base(endpoint: Running) -> str:
    return endpoint.url


@pytest.fixture(scope="module")
def patient(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """kgraph serve on the sample store with two workers and a time limit no burst reaches.

    With ``endpoint``'s limit of 1 s, a query that waits over a second for a free worker is
    refused (503 "all 2 query workers stayed busy"): at load 18 on 2 cores every query of a
    burst of 24 was; with a limit of 60 s all were answered, the slowest after 10 s.
    """
    folder = tmp_path_factory.mktemp("serve-patient")
    with kgraph_server(built_store, folder, "--timeout", "60", "--workers", "2") as running:
        yield running.url


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as running:
        yield running


def countries(kg: KGStore) -> list[str]:
    return [row["label"].value for row in kg.query(COUNTRIES)]


def client(base: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(f"{base}/sparql")
    sparql.setQuery(PROLOGUE + query)
    sparql.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        sparql.setMethod(POST)
        sparql.setRequestMethod(POSTDIRECTLY)
    elif method == POST:
        sparql.setMethod(POST)
    return sparql


@pytest.mark.model
@pytest.mark.parametrize("method", ["GET", POST, POSTDIRECTLY])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_serve_sparqlwrapper_select(base: str, kg: KGStore, fmt: str, method: str) -> None:
    response = client(base, COUNTRIES, fmt, method).query()
    expected = countries(kg)
    if fmt == JSON:
        bindings = response.convert()["results"]["bindings"]
        assert [b["label"]["value"] for b in bindings] == expected
    elif fmt == XML:
        xml = response.convert().toxml()
        assert all(f">{label}<" in xml for label in expected)
    else:
        text = response.convert().decode("utf-8")
        dialect = "excel" if fmt == CSV else "excel-tab"
        table = list(csv.reader(io.StringIO(text), dialect=dialect))
        assert table[0] == (["label"] if fmt == CSV else ["?label"])
        assert len(table) == len(expected) + 1


@pytest.mark.model
@pytest.mark.parametrize("fmt", [JSON, XML])
@pytest.mark.parametrize(
    ("query", "expected"),
    [("ASK { ?s kg:initiates ?o }", True), ("ASK { ?s kg:noSuchRelation ?o }", False)],
)
def test_serve_sparqlwrapper_ask(base: str, fmt: str, query: str, expected: bool) -> None:
    result = client(base, query, fmt).query().convert()
    if fmt == JSON:
        assert result["boolean"] is expected
    else:
        assert f"<boolean>{str(expected).lower()}</boolean>" in result.toxml()


@pytest.mark.model
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
def test_serve_sparqlwrapper_construct(base: str, kg: KGStore, fmt: str) -> None:
    result = client(base, CONSTRUCT, fmt).query().convert()
    graph = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle")
    expected = Graph().parse(data=_local_construct(kg), format="nt")
    assert len(graph) > 3 and isomorphic(graph, expected)


def _local_construct(kg: KGStore) -> str:
    return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in kg.query(CONSTRUCT))


@pytest.mark.model
@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("application/n-triples", "nt"),
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_serve_construct_by_accept(base: str, kg: KGStore, accept: str, rdflib_format: str) -> None:
    response = httpx.post(f"{base}/sparql", data={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    graph = Graph().parse(data=response.text, format=rdflib_format)
    assert isomorphic(graph, Graph().parse(data=_local_construct(kg), format="nt"))


@pytest.mark.model
def test_serve_describe(base: str) -> None:
    query = "DESCRIBE ?e WHERE { ?e rdfs:label 'Azerbaijan'@en }"
    response = httpx.get(f"{base}/sparql", params={"query": query, "format": "nt"})
    assert response.status_code == 200
    assert '<http://www.w3.org/2000/01/rdf-schema#label> "Azerbaijan"@en' in response.text


@pytest.mark.model
def test_serve_format_parameter_wins_over_accept(base: str) -> None:
    response = httpx.get(
        f"{base}/sparql",
        params={"query": COUNTRIES, "format": "csv"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.headers["content-type"].startswith("text/csv")
    assert response.text.splitlines()[0] == "label"


@pytest.mark.model
def test_serve_not_acceptable(base: str) -> None:
    response = httpx.get(
        f"{base}/sparql", params={"query": COUNTRIES}, headers={"Accept": "image/png"}
    )
    assert response.status_code == 406 and "application/sparql-results+json" in response.text


@pytest.mark.model
@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # SPARQLWrapper: "unknown query type"
def test_serve_malformed_query_gives_the_parsers_message(base: str) -> None:
    response = httpx.get(f"{base}/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert response.status_code == 400
    assert "invalid SPARQL" in response.text and "1:" in response.text
    with pytest.raises(QueryBadFormed):
        client(base, "SELEC ?x", JSON).query()


@pytest.mark.model
@pytest.mark.parametrize(
    "request_args",
    [
        {"method": "POST", "data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
        {"method": "GET", "params": {"update": "CLEAR ALL"}},
        {
            "method": "POST",
            "content": b"DROP ALL",
            "headers": {"Content-Type": "application/sparql-update"},
        },
        {"method": "POST", "data": {"query": COUNTRIES, "update": "CLEAR ALL"}},
    ],
)
def test_serve_refuses_updates(base: str, kg: KGStore, request_args: dict[str, object]) -> None:
    response = httpx.request(url=f"{base}/sparql", **request_args)  # type: ignore[arg-type]
    assert response.status_code == 403 and "read-only" in response.text
    assert countries(kg)  # nothing was dropped


@pytest.mark.model
def test_serve_update_sent_as_a_query_does_not_parse(base: str) -> None:
    response = httpx.post(
        f"{base}/sparql", data={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}
    )
    assert response.status_code == 400 and "invalid SPARQL" in response.text


@pytest.mark.model
@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * where { ?x ?y ?z . service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    ],
)
def test_serve_refuses_service(base: str, query: str) -> None:
    for response in (
        httpx.get(f"{base}/sparql", params={"query": query}),
        httpx.post(
            f"{base}/sparql", content=query, headers={"Content-Type": "application/sparql-query"}
        ),
    ):
        assert response.status_code == 403 and "--allow-service" in response.text


@pytest.mark.model
def test_serve_timeout_stops_the_query_and_recovers(base: str) -> None:
    started = time.monotonic()
    response = httpx.get(f"{base}/sparql", params={"query": SLOW}, timeout=30)
    took = time.monotonic() - started
    assert response.status_code == 503 and "--timeout" in response.text
    assert took < TIMEOUT + 10
    after = httpx.get(f"{base}/sparql", params={"query": COUNTRIES, "format": "csv"}, timeout=30)
    assert after.status_code == 200 and "Azerbaijan" in after.text
    wait_for_idle_workers(base, 2)


@pytest.mark.model
def test_serve_result_size_limit(base: str) -> None:
    """Refused with 500 and the limit (not 403, which clients show as a permission error)."""
    everything = httpx.get(f"{base}/sparql", params={"query": "SELECT * { ?s ?p ?o }"})
    assert everything.status_code == 500 and "--max-result-mb" in everything.text
    assert "larger than this endpoint's limit" in everything.text
    small = httpx.get(f"{base}/sparql", params={"query": COUNTRIES})
    assert small.status_code == 200


@pytest.mark.model
def test_serve_burst_of_concurrent_queries(patient: str, kg: KGStore) -> None:
    expected = countries(kg)
    queries = [f"{COUNTRIES} LIMIT {n}" for n in range(1, 25)]

    def ask(query: str) -> list[str]:
        response = httpx.post(f"{patient}/sparql", data={"query": query}, timeout=90)
        assert response.status_code == 200, response.text
        return [b["label"]["value"] for b in response.json()["results"]["bindings"]]

    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(ask, queries))
    assert answers == [expected[:n] for n in range(1, 25)]


@pytest.mark.model
def test_serve_cors_is_off_by_default(base: str) -> None:
    """No page of another origin may read answers unless --cors names it (test_serve_guards)."""
    origin = {"Origin": "http://notebook.example"}
    preflight = httpx.options(
        f"{base}/sparql",
        headers={**origin, "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    response = httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, headers=origin)
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.model
def test_serve_page_health_and_access_log(endpoint: Running) -> None:
    base = endpoint.url
    page = httpx.get(f"{base}/")
    assert page.status_code == 200 and "<textarea" in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    health = httpx.get(f"{base}/health").json()
    assert health["status"] == "ok" and health["allow_service"] is False
    assert health["timeout_seconds"] == TIMEOUT
    assert '"GET /health" 200' in endpoint.log.read_text()


@pytest.mark.model
def test_serve_oxigraph_federates_into_kgraph(base: str, kg: KGStore, oxigraph: str) -> None:
    """Another engine's SPARQL client (Oxigraph's SERVICE) consumes our answers."""
    query = (
        f"PREFIX kg: <{PREFIXES['kg']}> PREFIX rdfs: <{PREFIXES['rdfs']}>\n"
        f"SELECT ?label WHERE {{ SERVICE <{base}/sparql> "
        "{ ?e a kg:Country ; rdfs:label ?label } }"
    )
    response = httpx.post(
        f"{oxigraph}/query",
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200, response.text
    labels = sorted(b["label"]["value"] for b in response.json()["results"]["bindings"])
    assert labels == sorted(countries(kg))


@pytest.mark.model
def test_serve_allow_service(built_store: Path, tmp_path: Path, oxigraph: str) -> None:
    update = 'INSERT DATA { <urn:kgraph:test> <urn:kgraph:says> "hello from Oxigraph" }'
    assert httpx.post(f"{oxigraph}/update", data={"update": update}).status_code == 204
    query = f"SELECT ?said WHERE {{ SERVICE <{oxigraph}/query> {{ ?s <urn:kgraph:says> ?said }} }}"
    with kgraph_server(built_store, tmp_path, "--allow-service", "--workers", "1") as server:
        response = httpx.get(f"{server.url}/sparql", params={"query": query, "format": "json"})
    assert response.status_code == 200, response.text
    assert (
        json.loads(response.text)["results"]["bindings"][0]["said"]["value"]
        == "hello from Oxigraph"
    )


@pytest.mark.model
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serve_stops_cleanly_on_signals(built_store: Path, tmp_path: Path, sig: int) -> None:
    with kgraph_server(built_store, tmp_path, "--workers", "1") as server:
        assert httpx.get(f"{server.url}/sparql", params={"query": "ASK {}"}).status_code == 200
        workers = children(server.process.pid)
        assert len(workers) >= 1
        assert stop(server.process, sig) == 0, server.log.read_text()
    assert "stopped" in server.log.read_text()
    for _ in range(50):  # the workers (and multiprocessing's tracker) exit with the server
        if not [pid for pid in workers if alive(pid)]:
            return
        time.sleep(0.1)
    pytest.fail(f"processes left running: {[pid for pid in workers if alive(pid)]}")
