"""Messages for queries that do not parse: where, the line with a caret, the likely fix.

The same table runs on both engines, then ``kgraph query`` and the endpoint
must show the same message.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from kgraph.errors import QueryError
from kgraph.graph import KGStore

from .servers import Running, kgraph_server

#: (bad query, phrases the message must hold).
CASES = [
    (
        "SELEC * WHERE { ?s ?p ?o }",
        ["at 1:1:", "expected SELECT, CONSTRUCT, ASK or DESCRIBE", "did you mean SELECT?"],
    ),
    (
        "SELECT * WHERE { ?s foo:p ?o }",
        ["at 1:21:", "unknown prefix 'foo:'", "PREFIX foo: <...>", "predeclared: kg, kgrel, rdf"],
    ),
    (
        "PREFIX ex: <urn:ex:>\nSELECT * WHERE {\n  ?s ex:p ?o .\n  ?o bar:q ?z }",
        ["at 4:6:", "unknown prefix 'bar:'", "    ?o bar:q ?z }\n       ^"],
    ),
    ("SELECT * WHERE { ?s ?p ?o FILTR(?o) }", ["'FILTR' is not a SPARQL keyword", "FILTER?"]),
    ("SELECT * WHERE { ?s ?p ?o } LIMT 5", ["at 1:29:", "did you mean LIMIT?"]),
    ("SELECT * WHERE { ?s ?p ?o ", ["the query ends before '{' is closed; add '}'"]),
    ("SELECT * WHERE { ?s ?p ?o } }", ["at 1:29:", "this '}' closes nothing"]),
    ("SELECT * WHERE { ?s ?p 'abc }", ["at 1:24:", "this string is not closed"]),
    ("SELECT ?x WHERE { ?x ?y }", ["at 1:19:", "this triple pattern has 2 of its 3 parts"]),
    ("ASK { ?s ?p ?o . ?o }", ["at 1:18:", "has 1 of its 3 parts"]),
    ("ASK { VALUES ?x { 1 2 } ?s ?p }", ["at 1:25:", "has 2 of its 3 parts"]),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", ["'INSERT' starts an update"]),
    ("PREFIX foo <urn:x> SELECT * {}", ["PREFIX takes a name ending in ':'"]),
    ("", ["the query is empty"]),
    (
        "SELECT * WHERE { ?s ?p ?o . FILTER(?o = ) }",
        ["invalid SPARQL: error at 1:"],  # no hint: the parser's own words, cut short
    ),
]


@pytest.fixture(scope="module", params=["oxigraph", "memory"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp(request.param) / "kg"
    with KGStore.open(path, create=True, kind=request.param) as kg:
        kg.backend.extend(
            [
                ox.Quad(
                    ox.NamedNode("urn:s"),
                    ox.NamedNode("urn:p"),
                    ox.Literal("o"),
                    ox.NamedNode("urn:g"),
                )
            ]
        )
    return path


def message(store: Path, query: str) -> str:
    with KGStore.open(store, read_only=True) as kg, pytest.raises(QueryError) as caught:
        kg.query(query)
    return str(caught.value)


@pytest.mark.parametrize(("query", "phrases"), CASES, ids=[c[0][:30] for c in CASES])
def test_graph_syntax_message(store: Path, query: str, phrases: list[str]) -> None:
    text = message(store, query)
    assert text.startswith("invalid SPARQL")
    for phrase in phrases:
        assert phrase in text
    assert "\\u{" not in text and "..=" not in text  # no character ranges


def test_graph_syntax_caret_points_at_the_offence(store: Path) -> None:
    text = message(store, "SELECT * WHERE { ?s foo:p ?o }")
    quoted, caret = text.splitlines()[-2:]
    assert quoted == "  SELECT * WHERE { ?s foo:p ?o }"
    assert caret.index("^") == quoted.index("foo:p")


def test_graph_syntax_long_expected_lists_are_cut(store: Path) -> None:
    text = message(store, "SELECT * WHERE { ?s ?p ?o . FILTER(?o = ) }")
    assert len(text.splitlines()[0]) < 200


def test_graph_syntax_a_long_line_is_shown_around_the_offence(store: Path) -> None:
    query = "SELECT * WHERE { ?s ?p ?o " + "FILTER(?o != 1) " * 30 + "FILTR(?o) }"
    quoted, caret = message(store, query).splitlines()[-2:]
    assert len(quoted) <= 102 and "FILTR(?o)" in quoted
    assert quoted[caret.index("^") :].startswith("FILTR")


QUERY = "SELEC ?x WHERE { ?x foo:p ?y }"


def test_graph_syntax_kgraph_query(store: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kgraph", "query", str(store), QUERY],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert message(store, QUERY) in done.stderr
    assert "did you mean SELECT?" in done.stderr and "^" in done.stderr


@pytest.fixture(scope="module")
def server(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with kgraph_server(store, tmp_path_factory.mktemp("serve"), "--workers", "1") as running:
        yield running


def test_graph_syntax_endpoint(server: Running, store: Path) -> None:
    response = httpx.get(f"{server.url}/sparql", params={"query": QUERY})
    assert response.status_code == 400
    assert response.text.strip() == message(store, QUERY)
