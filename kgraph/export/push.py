"""Load a store into another triple store, one named graph at a time.

Each named graph of the store (one per article, plus the entities, runs and
ontology graphs) *replaces* the graph of the same name in the other store, so
pushing twice leaves the same remote state; other remote graphs are left alone.

Two protocols:

- the SPARQL 1.1 Graph Store HTTP Protocol (``gsp``): one ``PUT
  ENDPOINT?graph=G`` with the graph as N-Triples;
- SPARQL 1.1 Update (``update``): ``DROP SILENT GRAPH`` then ``INSERT DATA``
  in batches, posted as ``application/sparql-update``.

``auto`` asks the endpoint for a graph that cannot exist (``GET
ENDPOINT?graph=urn:kgraph:probe:…``): a Graph Store must answer 404 Not Found
(the protocol requires it), so 404 means ``gsp``, anything else ``update``.
A PUT is never tried blind: on a plain REST endpoint that ignores ``?graph=``
it would replace the whole remote store.

Credentials go as HTTP Basic authentication, or Digest when the server asks
for it (Virtuoso's ``/sparql-auth`` and ``/sparql-graph-crud-auth``).
"""

from __future__ import annotations

import base64
import io
import re
import time
import uuid
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

import httpx
import pyoxigraph as ox
from rdflib import URIRef

from kgraph.errors import RemoteError
from kgraph.graph import KGStore, rows

__all__ = ["PushProgress", "PushProtocol", "PushReport", "push"]

_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } } ORDER BY ?g"
_NTRIPLES = "application/n-triples"
_SPARQL_UPDATE = "application/sparql-update"
_TAGS = re.compile(r"<[^>]*>")
_MESSAGE_CHARS = 600
_HINTS = {
    401: "the endpoint wants credentials: give --user, and --password or KGRAPH_PUSH_PASSWORD",
    403: "the user may not write there; check the user's rights, or the URL",
    404: "is --endpoint the store's Graph Store or SPARQL Update URL?",
    405: "is --endpoint the store's Graph Store or SPARQL Update URL? (see docs/triplestores.md)",
    415: "the endpoint does not take this protocol; try --protocol gsp or --protocol update",
}


class PushProtocol(str, Enum):
    """How to write to the other store."""

    AUTO = "auto"
    GSP = "gsp"
    UPDATE = "update"


@dataclass(frozen=True)
class PushReport:
    """What a push did."""

    endpoint: str
    protocol: PushProtocol
    graphs: int
    triples: int
    seconds: float

    def summary(self) -> str:
        """One line for people."""
        return (
            f"pushed {self.graphs} graphs ({self.triples} triples) to {self.endpoint} "
            f"by {self.protocol.value} in {self.seconds:.1f} s"
        )


class PushProgress(Protocol):
    """Told the number of graphs, then each graph as it is pushed."""

    def start(self, total: int) -> None:
        """Called once, before the first graph."""

    def advance(self, graph: object, triples: int) -> None:
        """Called after each graph."""


def push(
    store: KGStore,
    endpoint: str,
    *,
    protocol: PushProtocol | str = PushProtocol.AUTO,
    user: str | None = None,
    password: str | None = None,
    batch_size: int = 2000,
    timeout: float = 120.0,
    progress: PushProgress | None = None,
) -> PushReport:
    """Replace each named graph of ``store`` in the triple store at ``endpoint``.

    Args:
        store: the store to push.
        endpoint: the other store's Graph Store URL, or its SPARQL Update URL.
        protocol: ``gsp``, ``update``, or ``auto`` to ask the endpoint.
        user: user name for HTTP authentication (Basic, or Digest if asked).
        password: the user's password.
        batch_size: triples per ``INSERT DATA`` request (SPARQL Update).
        timeout: seconds to wait for each request.
        progress: told the number of graphs, then each graph pushed.

    Raises:
        RemoteError: the endpoint cannot be reached or refused a request (the
            message has the HTTP status and the server's own message).
    """
    started = time.monotonic()
    graphs = [URIRef(row["g"].value) for row in rows(store.query(_GRAPHS))]
    auth = _BasicOrDigest(user, password or "") if user else None
    with httpx.Client(auth=auth, timeout=timeout, follow_redirects=True) as client:
        remote = _Remote(client, endpoint)
        chosen = PushProtocol(protocol)
        if chosen is PushProtocol.AUTO:
            chosen = remote.detect()
        send = remote.put_graph if chosen is PushProtocol.GSP else remote.update_graph
        if progress is not None:
            progress.start(len(graphs))
        triples = 0
        for graph in graphs:
            count = send(store, graph, batch_size)
            triples += count
            if progress is not None:
                progress.advance(graph, count)
    return PushReport(endpoint, chosen, len(graphs), triples, time.monotonic() - started)


class _Remote:
    """The other store's endpoint, with clear errors."""

    def __init__(self, client: httpx.Client, endpoint: str) -> None:
        self.client = client
        self.endpoint = endpoint

    def detect(self) -> PushProtocol:
        """``gsp`` if the endpoint answers a GET of an absent graph with 404, else ``update``."""
        probe = f"urn:kgraph:probe:{uuid.uuid4().hex}"
        response = self._send("GET", params={"graph": probe}, headers={"Accept": _NTRIPLES})
        if response.status_code in (401, 403):
            self._check(response, "probing")
        return PushProtocol.GSP if response.status_code == 404 else PushProtocol.UPDATE

    def put_graph(self, store: KGStore, graph: URIRef, batch_size: int) -> int:
        """PUT the graph as N-Triples (Graph Store HTTP Protocol); return its triple count."""
        buffer = io.BytesIO()
        store.dump(buffer, ox.RdfFormat.N_TRIPLES, graph=graph)
        body = buffer.getvalue()
        response = self._send(
            "PUT",
            params={"graph": str(graph)},
            content=body,
            headers={"Content-Type": _NTRIPLES},
        )
        self._check(response, f"PUT of graph <{graph}>")
        return body.count(b"\n")

    def update_graph(self, store: KGStore, graph: URIRef, batch_size: int) -> int:
        """DROP the graph, then INSERT DATA its triples in batches (SPARQL Update)."""
        name = ox.NamedNode(str(graph))
        count = 0
        for number, batch in enumerate(_batches(store.quads(graph), batch_size)):
            drop = f"DROP SILENT GRAPH {name} ;\n" if number == 0 else ""
            triples = "\n".join(batch)
            body = f"{drop}INSERT DATA {{ GRAPH {name} {{\n{triples}\n}} }}"
            response = self._send(
                "POST", content=body.encode("utf-8"), headers={"Content-Type": _SPARQL_UPDATE}
            )
            self._check(response, f"SPARQL update of graph <{graph}>")
            count += len(batch)
        return count

    def _send(self, method: str, **kwargs: object) -> httpx.Response:
        try:
            return self.client.request(method, self.endpoint, **kwargs)  # type: ignore[arg-type]
        except httpx.HTTPError as exc:
            raise RemoteError(f"cannot reach {self.endpoint}: {exc}") from exc

    def _check(self, response: httpx.Response, what: str) -> None:
        if response.is_success:
            return
        message = _remote_message(response)
        hint = _HINTS.get(response.status_code, "")
        raise RemoteError(
            f"{what} to {self.endpoint} failed: HTTP {response.status_code} "
            f"{response.reason_phrase}"
            + (f": {message}" if message else "")
            + (f" ({hint})" if hint else "")
        )


def _batches(quads: Iterator[ox.Quad], size: int) -> Iterator[list[str]]:
    """N-Triples lines in batches of ``size``; every triple with a blank node in the first.

    Blank nodes are scoped to one request, so triples sharing one must travel together.
    A graph with no triples gives one empty batch (the graph is still dropped).
    """
    blank: list[str] = []
    plain: list[str] = []
    for q in quads:
        line = f"{q.subject} {q.predicate} {q.object} ."
        has_blank = isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)
        (blank if has_blank else plain).append(line)
    first = max(size - len(blank), 0)
    yield blank + plain[:first]
    for start in range(first, len(plain), size):
        yield plain[start : start + size]


def _remote_message(response: httpx.Response) -> str:
    """The server's error message as one line of text (HTML tags removed), shortened."""
    text = " ".join(_TAGS.sub(" ", response.text).split())
    return text if len(text) <= _MESSAGE_CHARS else text[:_MESSAGE_CHARS] + "…"


class _BasicOrDigest(httpx.Auth):
    """HTTP Basic authentication, switching to Digest when Basic is refused without a Basic
    challenge (Virtuoso answers a bare 401), for this and later requests."""

    def __init__(self, user: str, password: str) -> None:
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        self._basic = f"Basic {token}"
        self._digest = httpx.DigestAuth(user, password)
        self._use_digest = False

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if not self._use_digest:
            request.headers["Authorization"] = self._basic
            response = yield request
            challenge = response.headers.get("WWW-Authenticate", "").lower()
            if response.status_code != 401 or challenge.startswith("basic"):
                return  # accepted, or Basic credentials refused: the caller sees the 401
            self._use_digest = True
            del request.headers["Authorization"]
        yield from self._digest.auth_flow(request)
