"""RDF exports: the whole store, one named graph, or a CONSTRUCT result, in any RDF format.

RDF/XML cannot carry most control characters: they are written as U+FFFD,
with a warning (:mod:`kgraph.graph.chars`); every other format keeps them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

import pyoxigraph as ox
from rdflib import URIRef

from kgraph.errors import QueryError
from kgraph.graph import KGStore, QueryKind, kind
from kgraph.graph.chars import XmlSafeWriter
from kgraph.vocab import PREFIXES

__all__ = ["prefixes", "write_construct", "write_rdf"]


def prefixes(store: KGStore) -> dict[str, str]:
    """kgraph's prefixes plus short ones for the store's entities and articles."""
    return {**PREFIXES, "kge": store.iris.base + "entity/", "kga": store.iris.base + "article/"}


def write_rdf(
    store: KGStore, output: IO[bytes], fmt: ox.RdfFormat, graph: URIRef | None = None
) -> None:
    """The whole store, or the named graph ``graph``, in ``fmt``.

    Dataset formats keep graph names; triple formats get the union of the graphs.
    """
    if graph is None and fmt.supports_datasets:
        store.dump(output, fmt, prefixes=prefixes(store))
        return
    _dump(store.quads(graph), output, fmt, prefixes(store))


def write_construct(store: KGStore, output: IO[bytes], fmt: ox.RdfFormat, sparql: str) -> None:
    """The triples of a CONSTRUCT or DESCRIBE query (in the default graph of dataset formats).

    Raises:
        QueryError: the query does not parse, fails, or is a SELECT or ASK query.
    """
    result = store.query(sparql)
    what = kind(result)
    if what is not QueryKind.GRAPH:
        raise QueryError(
            f"the query to export is a {what.value.upper()} query; "
            "give a CONSTRUCT or DESCRIBE query"
        )
    default = ox.DefaultGraph()
    quads = (ox.Quad(t.subject, t.predicate, t.object, default) for t in result)
    _dump(quads, output, fmt, prefixes(store))


def _dump(
    quads: Iterable[ox.Quad], output: IO[bytes], fmt: ox.RdfFormat, names: dict[str, str]
) -> None:
    """Serialise quads: as they are in a dataset format, their union in a triple format."""
    memory = ox.Store()
    if fmt.supports_datasets:
        memory.extend(quads)
        memory.dump(output, format=fmt, prefixes=names)
        return
    default = ox.DefaultGraph()
    memory.extend(ox.Quad(q.subject, q.predicate, q.object, default) for q in quads)
    if fmt == ox.RdfFormat.RDF_XML:
        with XmlSafeWriter(output, "RDF/XML") as safe:
            memory.dump(safe, format=fmt, from_graph=default, prefixes=names)  # type: ignore[arg-type]
        return
    memory.dump(output, format=fmt, from_graph=default, prefixes=names)
