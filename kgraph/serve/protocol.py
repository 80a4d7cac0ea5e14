"""Reading a SPARQL 1.1 Protocol query request (https://www.w3.org/TR/sparql11-protocol/).

Three ways to send a query: ``GET ?query=``, ``POST`` of a form with a
``query`` field, and ``POST`` with the query as the body
(``Content-Type: application/sparql-query``). Requests carrying an update (an
``update`` parameter, or ``application/sparql-update``) are refused: the
endpoint is read-only.

``default-graph-uri`` and ``named-graph-uri`` (by GET, in a form, or in the URL
of a direct POST) name the query's dataset and override its ``FROM`` and
``FROM NAMED`` clauses (section 2.1.4): the default graph is the merge of the
``default-graph-uri`` graphs, and ``GRAPH`` sees only the ``named-graph-uri``
graphs. A graph the store does not hold is empty. The one exception is
``default-graph-uri=urn:x-rdflib:default`` alone, rdflib's name for the
default graph (its ``Dataset`` over a ``SPARQLStore`` sends it with every
query): it names no dataset.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

import pyoxigraph as ox
from starlette.requests import Request

from kgraph.graph.sparql import QueryDataset

__all__ = ["MAX_REQUEST_BYTES", "ProtocolError", "QueryRequest", "read_request"]

#: The largest request body (a query) the endpoint reads.
MAX_REQUEST_BYTES = 1 << 20
_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"
_FORMAT_PARAMS = ("format", "output")
_DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")
#: What rdflib's ``Dataset(store=SPARQLStore(url)).query()`` sends: its name for
#: the default graph, so the query's own dataset (or the union) applies.
_RDFLIB_DEFAULT = {"default-graph-uri": ("urn:x-rdflib:default",), "named-graph-uri": ()}
_READ_ONLY = (
    "this endpoint is read-only: SPARQL Update is refused "
    "(the graph is written by 'kgraph build'; push it to a writable store with 'kgraph push')"
)


class ProtocolError(Exception):
    """A request the endpoint will not run, with its HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class QueryRequest:
    """A query, the result formats asked for by parameter, and the dataset if one is named."""

    query: str
    formats: tuple[str, ...] = ()
    dataset: QueryDataset | None = None


async def read_request(request: Request) -> QueryRequest | None:
    """The query of a request, or None for a GET without one.

    Raises:
        ProtocolError: an update (403), a body too large (413), an unknown
            content type (415), or a malformed request (400).
    """
    params = list(request.query_params.multi_items())
    body_query = None
    if request.method == "POST":
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await _read_body(request)
        if media == _FORM:
            params += parse_qsl(body, keep_blank_values=True)
        elif media == _QUERY:
            body_query = body
        elif media == _UPDATE:
            raise ProtocolError(403, _READ_ONLY)
        else:
            raise ProtocolError(415, _unsupported(media))
    return _query_request(params, body_query, request.method)


def _query_request(
    params: list[tuple[str, str]], body_query: str | None, method: str
) -> QueryRequest | None:
    names = {name for name, _ in params}
    if "update" in names:
        raise ProtocolError(403, _READ_ONLY)
    queries = [value for name, value in params if name == "query"]
    if body_query is not None:
        queries.append(body_query)
    formats = tuple(value for name, value in params if name in _FORMAT_PARAMS)
    if len(queries) > 1:
        raise ProtocolError(400, "the request has more than one query; send exactly one")
    if not queries or not queries[0].strip():
        if method == "GET" and not queries:
            return None
        raise ProtocolError(400, "the request has no query; send it as the 'query' parameter")
    return QueryRequest(queries[0], formats, _dataset(params))


def _dataset(params: list[tuple[str, str]]) -> QueryDataset | None:
    """The dataset named by ``default-graph-uri`` and ``named-graph-uri``, if any."""
    graphs = {name: tuple(v for n, v in params if n == name) for name in _DATASET_PARAMS}
    if not any(graphs.values()) or graphs == _RDFLIB_DEFAULT:
        return None
    for name, values in graphs.items():
        for value in values:
            try:
                ox.NamedNode(value)
            except ValueError as exc:
                raise ProtocolError(
                    400, f"{name} {value!r} is not an absolute IRI ({exc}); e.g. {name}=urn:x:g"
                ) from exc
    return QueryDataset(graphs["default-graph-uri"], graphs["named-graph-uri"])


async def _read_body(request: Request) -> str:
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_REQUEST_BYTES:
            raise ProtocolError(413, f"the request is larger than {MAX_REQUEST_BYTES:,} bytes")
        chunks.append(chunk)
    try:
        return b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"the request body is not UTF-8 ({exc.reason})") from exc


def _unsupported(media: str) -> str:
    return (
        f"cannot read a query from a POST with Content-Type {media or '(none)'!r}; "
        f"send {_FORM} with a 'query' field, or {_QUERY} with the query as the body"
    )
