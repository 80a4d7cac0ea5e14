"""Content negotiation: which serialisation a SPARQL client gets.

SELECT and ASK results come as SPARQL JSON, XML, CSV or TSV; CONSTRUCT and
DESCRIBE results as Turtle, N-Triples, JSON-LD or RDF/XML. A ``format`` (or
Fuseki's ``output``) parameter, by name or media type, wins over the
``Accept`` header; without either, JSON and Turtle.

>>> from kgraph.graph import QueryKind
>>> negotiate(QueryKind.SELECT, "text/csv;q=0.5, application/sparql-results+xml", ()).name
'xml'
>>> negotiate(QueryKind.GRAPH, "*/*", ("json-ld", "application/ld+json")).media_type
'application/ld+json'
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from kgraph.graph import RESULT_FORMATS, QueryKind

__all__ = ["FormatError", "ResultFormat", "negotiate"]


@dataclass(frozen=True)
class ResultFormat:
    """A serialisation of query results: its name, media type and other names."""

    name: str
    media_type: str
    aliases: frozenset[str]
    rdf_format: ox.RdfFormat | None = None  # None: a SPARQL results format (RESULT_FORMATS)

    @property
    def content_type(self) -> str:
        """The Content-Type header: text formats say they are UTF-8."""
        text = self.media_type.startswith("text/")
        return f"{self.media_type}; charset=utf-8" if text else self.media_type

    def matches(self, name: str) -> bool:
        """Whether a format name or media type means this format."""
        return name in (self.name, self.media_type) or name in self.aliases


def _solutions(name: str, *aliases: str) -> ResultFormat:
    return ResultFormat(name, RESULT_FORMATS[name][1], frozenset(aliases))


SOLUTION_FORMATS = (
    _solutions("json", "srj", "application/json", "text/javascript", "application/javascript"),
    _solutions("xml", "srx", "application/xml", "text/xml"),
    _solutions("csv"),
    _solutions("tsv"),
)
GRAPH_FORMATS = (
    ResultFormat(
        "turtle",
        "text/turtle",
        frozenset(
            {
                "ttl",
                "n3",
                "application/turtle",
                "application/x-turtle",
                "text/n3",
                "text/rdf+n3",
                "application/n3",
            }
        ),
        ox.RdfFormat.TURTLE,
    ),
    ResultFormat(
        "nt",
        "application/n-triples",
        frozenset({"ntriples", "n-triples", "text/plain"}),
        ox.RdfFormat.N_TRIPLES,
    ),
    ResultFormat(
        "jsonld",
        "application/ld+json",
        frozenset({"json-ld", "json", "application/json", "application/x-json+ld"}),
        ox.RdfFormat.JSON_LD,
    ),
    ResultFormat(
        "rdfxml",
        "application/rdf+xml",
        frozenset({"xml", "rdf", "rdf+xml", "application/xml", "text/xml"}),
        ox.RdfFormat.RDF_XML,
    ),
)


class FormatError(Exception):
    """No format the client accepts fits the result (``status`` 406), or an unknown name (400)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def negotiate(what: QueryKind, accept: str, requested: Sequence[str]) -> ResultFormat:
    """The format for a result of kind ``what``, from ``format`` values or the Accept header.

    Raises:
        FormatError: nothing acceptable, or a format name nobody knows.
    """
    table = GRAPH_FORMATS if what is QueryKind.GRAPH else SOLUTION_FORMATS
    if requested:
        return _by_name(table, what, requested)
    if not accept.strip():
        return table[0]
    for media in _accepted(accept):
        found = _by_media(table, media)
        if found is not None:
            return found
    raise FormatError(
        406,
        f"none of the accepted types ({accept}) is a format for {_results(what)}; "
        f"accept one of {', '.join(f.media_type for f in table)}",
    )


def _by_name(table: Sequence[ResultFormat], what: QueryKind, names: Sequence[str]) -> ResultFormat:
    for name in names:
        found = next((f for f in table if f.matches(name.strip().lower())), None)
        if found is not None:
            return found
    known = [f for f in SOLUTION_FORMATS + GRAPH_FORMATS if f.matches(names[0].strip().lower())]
    valid = ", ".join(f.name for f in table)
    if known:
        raise FormatError(406, f"format {names[0]!r} is not one for {_results(what)}; use {valid}")
    raise FormatError(400, f"unknown format {names[0]!r}; for {_results(what)} use {valid}")


def _by_media(table: Sequence[ResultFormat], media: str) -> ResultFormat | None:
    if media == "*/*":
        return table[0]
    if media.endswith("/*"):
        return next((f for f in table if f.media_type.startswith(media[:-1])), None)
    return next((f for f in table if f.matches(media)), None)


def _accepted(accept: str) -> Iterator[str]:
    """The media types of an Accept header, best first (by q, then specificity, then order)."""
    ranked = []
    for position, item in enumerate(accept.split(",")):
        media, *params = (part.strip().lower() for part in item.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, media.count("*"), position, media))
    return (media for *_, media in sorted(ranked))


def _results(what: QueryKind) -> str:
    if what is QueryKind.GRAPH:
        return "CONSTRUCT/DESCRIBE results"
    return f"{what.value.upper()} results"
