"""The SERVICE refusal against a real server: many spellings, a listener that must hear nothing.

A tiny HTTP listener on loopback records every request. Each spelling is a
query whose SERVICE points at it; pyoxigraph itself, asked directly, does call
the listener for each (so every spelling is a real federated query), and
``kgraph serve`` must refuse each with 403 while the listener hears nothing.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from kgraph.graph import KGStore
from kgraph.serve.policy import uses_service

from .servers import Running, kgraph_server

#: What the listener answers: one empty solution, so a federated query completes.
_EMPTY_RESULT = b'{"head": {"vars": []}, "results": {"bindings": [{}]}}'
_PATTERN = "{ ?a ?b ?c }"
#: Every SPARQL numeric form (integer, decimal, double, signed) and the booleans.
_GLUED = ["1", "+1", "-1", "1.5", "-1.5", ".5", "+.5", "1e5", "1E5", "-1.5e-3", ".5E+2", "true"]
_GLUED += ["false"]
_CASES = ["SERVICE", "service", "SeRvIcE"]
#: What may stand between tokens: nothing, blanks, newlines, comments.
_GAPS = ["", " ", "\t", "\n", "\r\n", "#c\n", " # SERVICE? no\n\t", "\t#\n "]
#: Where a SERVICE pattern may hide; {S} is the pattern.
_PLACES = {
    "group": "SELECT ?a WHERE {{ {S} }}",
    "subquery": "SELECT ?a WHERE {{ {{ SELECT * WHERE {{ {S} }} }} }}",
    "exists": "SELECT ?s WHERE {{ ?s ?p ?o FILTER EXISTS {{ {S} }} }}",
    "not-exists": "SELECT ?s WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ {S} }} }}",
    "filter-exists": "SELECT ?s WHERE {{ ?s ?p ?o FILTER(EXISTS {{ {S} }}) }}",
    "bind-exists": "SELECT ?s WHERE {{ ?s ?p ?o BIND(EXISTS {{ {S} }} AS ?e) }}",
    "minus": "SELECT ?s WHERE {{ ?s ?p ?o MINUS {{ {S} }} }}",
    "optional": "SELECT ?a WHERE {{ OPTIONAL {{ {S} }} }}",
    "union": "SELECT ?a WHERE {{ {{ ?s ?p ?o }} UNION {{ {S} }} }}",
    "graph": "SELECT ?a WHERE {{ GRAPH ?g {{ {S} }} }}",
    "values": "SELECT ?a WHERE {{ VALUES ?x {{ 1 2 }} {S} }}",
    "after-less-than": "SELECT ?a WHERE {{ ?s ?p ?o FILTER(?o<1){S} }}",
    "after-dot": "SELECT ?a WHERE {{ ?s ?p ?o .{S} }}",
    "nested": "SELECT ?a WHERE {{ OPTIONAL {{ {{ SELECT * {{ MINUS {{ {S} }} }} }} }} }}",
    "ask": "ASK {{ {S} }}",
    "construct": "CONSTRUCT {{ ?a ?b ?c }} WHERE {{ {S} }}",
    "describe": "DESCRIBE ?a WHERE {{ {S} }}",
    "count": "SELECT (COUNT(*) AS ?n) WHERE {{ {S} }}",
}


def attacks(url: str) -> dict[str, str]:
    """Federated queries to ``url`` that pyoxigraph runs, by name: every one must be refused."""
    iri = f"<{url}>"
    found = {
        f"glued {number}{case}": f"SELECT ?a WHERE {{ ?s ?p {number}{case} {iri} {_PATTERN} }}"
        for number in _GLUED
        for case in _CASES
    }
    found.update(
        (f"gap {gap!r}", f"SELECT ?a WHERE {{ ?s ?p ?o .{gap}SERVICE{gap}{iri}{gap}{_PATTERN} }}")
        for gap in _GAPS
    )
    found.update(
        (f"in {place}", template.format(S=f"SERVICE {iri} {_PATTERN}"))
        for place, template in _PLACES.items()
    )
    found.update(
        (f"silent in {place}", template.format(S=f"SERVICE SILENT {iri} {_PATTERN}"))
        for place, template in _PLACES.items()
        if place in {"group", "union", "exists"}
    )
    prefix, local = url.rsplit("/", 1)
    found["prefixed name"] = (
        f"PREFIX l: <{prefix}/> SELECT ?a WHERE {{ SERVICE l:{local} {_PATTERN} }}"
    )
    found["relative IRI"] = f"BASE <{prefix}/> SELECT ?a WHERE {{ SERVICE <{local}> {_PATTERN} }}"
    found["glued silent"] = f"SELECT ?a WHERE {{ ?s ?p 1SERVICE SILENT {iri} {_PATTERN} }}"
    found["glued in subquery"] = (
        f"SELECT ?a WHERE {{ {{ SELECT * WHERE {{ ?s ?p 1e5SERVICE {iri} {_PATTERN} }} }} }}"
    )
    found["glued string"] = f"SELECT ?a WHERE {{ ?s ?p 'x'SERVICE {iri} {_PATTERN} }}"
    return found


def also_refused(url: str) -> dict[str, str]:
    """Spellings pyoxigraph 0.5 does not run as SERVICE (escapes, a variable) but others might."""
    iri = f"<{url}>"
    return {
        "\\u escape": f"SELECT ?a WHERE {{ \\u0053ERVICE {iri} {_PATTERN} }}",
        "\\u escape inside": f"SELECT ?a WHERE {{ SERV\\u0049CE {iri} {_PATTERN} }}",
        "\\U escape": f"SELECT ?a WHERE {{ \\U00000073ervice {iri} {_PATTERN} }}",
        "variable": f"SELECT ?a WHERE {{ VALUES ?u {{ {iri} }} SERVICE ?u {_PATTERN} }}",
        "variable silent": f"SELECT ?a WHERE {{ BIND({iri} AS ?u) SERVICE SILENT ?u {_PATTERN} }}",
    }


#: The triples the glued spellings match, so that Oxigraph reaches their SERVICE.
_PROBE_DATA = f"INSERT DATA {{ GRAPH <urn:g> {{ <urn:s> <urn:p> 'x', {', '.join(_GLUED)} }} }}"


class Listener:
    """An HTTP server on 127.0.0.1 that records each request and answers an empty result."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        heard = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self) -> None:
                heard.append(f"{self.command} {self.path}")
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(_EMPTY_RESULT)))
                self.end_headers()
                self.wfile.write(_EMPTY_RESULT)

            do_GET = do_POST = answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Listener:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    with Listener() as running:
        yield running


def probe_store(path: Path, kind: str = "oxigraph") -> Path:
    """A store with the probe triples (no spaCy model needed)."""
    probe = ox.Store()
    probe.update(_PROBE_DATA)
    with KGStore.open(path, create=True, kind=kind) as kg:
        kg.backend.extend(list(probe))
    return path


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return probe_store(tmp_path_factory.mktemp("policy") / "kg")


@pytest.fixture(scope="module")
def server(small_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with kgraph_server(small_store, tmp_path_factory.mktemp("serve"), "--workers", "1") as running:
        yield running


def test_serve_policy_has_many_spellings(listener: Listener) -> None:
    assert len(attacks(listener.url)) >= 50


@pytest.mark.parametrize("name", sorted(attacks("http://127.0.0.1:9/sparql")))
def test_serve_policy_spelling_is_a_real_service_query(listener: Listener, name: str) -> None:
    """pyoxigraph, asked directly, calls the listener: so a miss in the policy is an SSRF."""
    store = ox.Store()
    store.update(_PROBE_DATA)
    before = len(listener.requests)
    result = store.query(attacks(listener.url)[name], use_default_graph_as_union=True)
    if not isinstance(result, ox.QueryBoolean):
        list(result)
    assert len(listener.requests) > before


@pytest.mark.parametrize(
    "name", sorted({**attacks("http://127.0.0.1:9/sparql"), **also_refused("http://x/")})
)
def test_serve_policy_refuses_every_spelling(
    server: Running, listener: Listener, name: str
) -> None:
    query = {**attacks(listener.url), **also_refused(listener.url)}[name]
    assert uses_service(query)
    before = len(listener.requests)
    for response in (
        httpx.get(f"{server.url}/sparql", params={"query": query}, timeout=30),
        httpx.post(f"{server.url}/sparql", data={"query": query}, timeout=30),
        httpx.post(
            f"{server.url}/sparql",
            content=query.encode("utf-8"),
            headers={"Content-Type": "application/sparql-query"},
            timeout=30,
        ),
    ):
        assert response.status_code == 403, response.text
        assert "--allow-service" in response.text
    assert listener.requests[before:] == []


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?s WHERE { ?s ?p "Federal Security Service"@en }',
        "SELECT ?service WHERE { ?service ?p ?o } # no SERVICE here",
        "SELECT ?s WHERE { ?s <urn:service> ?o . ?s ?p 'Service'@en }",
        "SELECT ?s WHERE { ?s ?p '''Secret\nService''' }",
    ],
)
def test_serve_policy_runs_queries_that_only_mention_service(server: Running, query: str) -> None:
    response = httpx.get(f"{server.url}/sparql", params={"query": query}, timeout=30)
    assert response.status_code == 200, response.text


def test_serve_policy_allow_service_reaches_the_listener(
    small_store: Path, tmp_path: Path, listener: Listener
) -> None:
    """With --allow-service the same spellings do reach the listener: the refusal is real."""
    names = ("glued 1SERVICE", "glued trueservice", "gap '\\n'", "in exists", "in subquery")
    sample = [attacks(listener.url)[name] for name in names]
    with kgraph_server(small_store, tmp_path, "--allow-service", "--workers", "1") as allowed:
        for query in sample:
            before = len(listener.requests)
            response = httpx.get(f"{allowed.url}/sparql", params={"query": query}, timeout=30)
            assert response.status_code == 200, response.text
            assert len(listener.requests) > before


@pytest.mark.parametrize("kind", ["oxigraph", "memory"])
def test_serve_policy_from_fetches_nothing(tmp_path: Path, listener: Listener, kind: str) -> None:
    """FROM and default-graph-uri name graphs of the store: neither engine loads them from the web.

    (rdflib's engine loads a FROM graph it does not hold from its IRI, unless
    kgraph takes the dataset out of its hands, as it does.)
    """
    store = probe_store(tmp_path / "kg", kind)
    count = "SELECT (COUNT(*) AS ?n) {} WHERE {{ ?s ?p ?o }}"
    requests = [
        {"query": count.format(f"FROM <{listener.url}>")},
        {"query": count.format(f"FROM NAMED <{listener.url}>")},
        {"query": count.format(""), "default-graph-uri": listener.url},
        {"query": count.format(""), "named-graph-uri": listener.url},
    ]
    with kgraph_server(store, tmp_path, "--workers", "1") as running:
        for params in requests:
            before = len(listener.requests)
            response = httpx.get(f"{running.url}/sparql", params={**params, "format": "json"})
            assert response.status_code == 200, response.text
            assert response.json()["results"]["bindings"][0]["n"]["value"] == "0"
            assert listener.requests[before:] == []
