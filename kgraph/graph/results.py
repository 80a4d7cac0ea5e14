"""SPARQL results, whatever the store: their kind, rows and standard serialisations.

Code outside the graph stage (the CLI, the server, the view) handles query
results only through these functions, so it does not depend on the store's
engine.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> result = store.query("SELECT ?x WHERE { VALUES ?x { 1 2 } }")
>>> kind(result), variables(result)
(<QueryKind.SELECT: 'select'>, ['x'])
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Any

import pyoxigraph as ox

__all__ = [
    "RESULT_FORMATS",
    "QueryKind",
    "kind",
    "rows",
    "serialize_graph",
    "serialize_results",
    "variables",
]

#: SPARQL results formats by name, with their media types.
RESULT_FORMATS: dict[str, tuple[ox.QueryResultsFormat, str]] = {
    "json": (ox.QueryResultsFormat.JSON, "application/sparql-results+json"),
    "xml": (ox.QueryResultsFormat.XML, "application/sparql-results+xml"),
    "csv": (ox.QueryResultsFormat.CSV, "text/csv"),
    "tsv": (ox.QueryResultsFormat.TSV, "text/tab-separated-values"),
}


class QueryKind(str, Enum):
    """What a query returns: solutions, a boolean or a graph."""

    SELECT = "select"
    ASK = "ask"
    GRAPH = "graph"  # CONSTRUCT and DESCRIBE


def kind(result: Any) -> QueryKind:
    """The kind of a query result."""
    if isinstance(result, ox.QueryBoolean):
        return QueryKind.ASK
    if isinstance(result, ox.QueryTriples):
        return QueryKind.GRAPH
    return QueryKind.SELECT


def variables(result: Any) -> list[str]:
    """The names of a SELECT result's variables."""
    return [v.value for v in result.variables]


def rows(result: Any) -> Iterator[dict[str, Any]]:
    """A SELECT result's solutions as dicts of variable name to term (None when unbound)."""
    names = variables(result)
    for solution in result:
        yield {name: solution[name] for name in names}


def serialize_results(result: Any, fmt: str) -> bytes:
    """A SELECT or ASK result in a SPARQL results format (``json``, ``xml``, ``csv``, ``tsv``)."""
    return result.serialize(format=RESULT_FORMATS[fmt][0]) or b""


def serialize_graph(result: Any, fmt: ox.RdfFormat) -> bytes:
    """A CONSTRUCT or DESCRIBE result in an RDF format."""
    return ox.serialize(result, format=fmt) or b""
