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

import io
from collections.abc import Iterator
from enum import Enum
from typing import IO, Any

import pyoxigraph as ox

from kgraph.graph.chars import XmlSafeWriter

__all__ = [
    "RESULT_FORMATS",
    "QueryKind",
    "kind",
    "rows",
    "serialize_graph",
    "serialize_results",
    "variables",
    "write_graph",
    "write_results",
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
    """A SELECT or ASK result in a SPARQL results format (``json``, ``xml``, ``csv``, ``tsv``).

    In XML, characters XML 1.0 cannot carry become U+FFFD (with a warning):
    see :mod:`kgraph.graph.chars`.
    """
    buffer = io.BytesIO()
    write_results(result, buffer, fmt)
    return buffer.getvalue()


def serialize_graph(result: Any, fmt: ox.RdfFormat) -> bytes:
    """A CONSTRUCT or DESCRIBE result in an RDF format (RDF/XML made well-formed, as above)."""
    buffer = io.BytesIO()
    write_graph(result, buffer, fmt)
    return buffer.getvalue()


def write_results(result: Any, output: IO[bytes], fmt: str) -> None:
    """Write a SELECT or ASK result to ``output`` in a SPARQL results format.

    >>> buffer = io.BytesIO()
    >>> write_results(ox.Store().query("SELECT ?x { BIND('a\\u001B' AS ?x) }"), buffer, "xml")
    >>> "\ufffd" in buffer.getvalue().decode()
    True
    """
    results_format = RESULT_FORMATS[fmt][0]
    if results_format == ox.QueryResultsFormat.XML:
        with XmlSafeWriter(output, "SPARQL XML results") as safe:
            result.serialize(safe, results_format)
    else:
        result.serialize(output, results_format)


def write_graph(
    result: Any, output: IO[bytes], fmt: ox.RdfFormat, prefixes: dict[str, str] | None = None
) -> None:
    """Write a CONSTRUCT or DESCRIBE result (or any triples) to ``output`` in ``fmt``."""
    if fmt == ox.RdfFormat.RDF_XML:
        with XmlSafeWriter(output, "RDF/XML") as safe:
            ox.serialize(result, safe, fmt, prefixes=prefixes)  # type: ignore[arg-type]
    else:
        ox.serialize(result, output, fmt, prefixes=prefixes)
