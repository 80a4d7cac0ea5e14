"""Export a store: RDF in every standard format, the entity graph for Gephi, facts as CSV.

- RDF (:mod:`kgraph.export.rdf`): dataset formats (TriG, N-Quads, JSON-LD)
  keep every named graph: each article's graph, the entities, runs and
  ontology graphs. Triple formats (Turtle, N-Triples, RDF/XML) hold the union
  of all graphs, without duplicates. Either of the whole store, of one article
  (``article=``) or of a CONSTRUCT result (``construct=``).
- The entity graph (:mod:`kgraph.export.graphs`) as GraphML or GEXF: entities
  as nodes, facts between entities as edges.
- Facts with their provenance as CSV (:mod:`kgraph.export.facts`).
- :mod:`kgraph.export.push` loads the store into another triple store.
"""

from __future__ import annotations

from enum import Enum
from typing import IO

import pyoxigraph as ox

from kgraph.errors import ConfigError
from kgraph.export.facts import find_article, write_csv
from kgraph.export.graphs import write_gexf, write_graphml
from kgraph.export.rdf import write_construct, write_rdf
from kgraph.graph import KGStore

__all__ = ["ExportFormat", "export"]


class ExportFormat(str, Enum):
    """The export formats, by their usual file extension."""

    TRIG = "trig"
    NQ = "nq"
    JSONLD = "jsonld"
    TTL = "ttl"
    NT = "nt"
    XML = "xml"
    GRAPHML = "graphml"
    GEXF = "gexf"
    CSV = "csv"

    @property
    def is_rdf(self) -> bool:
        """Whether the format is an RDF serialisation (not the entity graph or CSV)."""
        return self in _OX_FORMATS

    @property
    def rdf_format(self) -> ox.RdfFormat:
        """The pyoxigraph serialisation format (RDF formats only)."""
        if not self.is_rdf:
            raise ConfigError(f"{self.value} is not an RDF format; choose one of {_names(True)}")
        return _OX_FORMATS[self]

    @property
    def keeps_graphs(self) -> bool:
        """Whether the format keeps named graphs."""
        return self.is_rdf and self.rdf_format.supports_datasets

    @classmethod
    def parse(cls, name: str) -> ExportFormat:
        """The format of a name or extension (``"trig"``, ``"turtle"``, ``".nq"``)."""
        key = name.lower().lstrip(".")
        key = _ALIASES.get(key, key)
        try:
            return cls(key)
        except ValueError:
            raise ConfigError(
                f"unknown export format {name!r}; choose one of {_names(False)}"
            ) from None


_OX_FORMATS = {
    ExportFormat.TRIG: ox.RdfFormat.TRIG,
    ExportFormat.NQ: ox.RdfFormat.N_QUADS,
    ExportFormat.JSONLD: ox.RdfFormat.JSON_LD,
    ExportFormat.TTL: ox.RdfFormat.TURTLE,
    ExportFormat.NT: ox.RdfFormat.N_TRIPLES,
    ExportFormat.XML: ox.RdfFormat.RDF_XML,
}
_ALIASES = {
    "turtle": "ttl",
    "ntriples": "nt",
    "n-triples": "nt",
    "nquads": "nq",
    "n-quads": "nq",
    "json-ld": "jsonld",
    "json": "jsonld",
    "rdf": "xml",
    "rdfxml": "xml",
    "rdf/xml": "xml",
}
_WRITERS = {
    ExportFormat.GRAPHML: write_graphml,
    ExportFormat.GEXF: write_gexf,
    ExportFormat.CSV: write_csv,
}


def _names(rdf_only: bool) -> str:
    return ", ".join(f.value for f in ExportFormat if f.is_rdf or not rdf_only)


def export(
    store: KGStore,
    output: IO[bytes],
    fmt: ExportFormat | str = ExportFormat.TRIG,
    *,
    article: str | None = None,
    construct: str | None = None,
) -> None:
    """Write the store, one article (id or IRI) or a CONSTRUCT result to ``output`` in ``fmt``.

    ``output`` is a binary stream. GraphML, GEXF and CSV hold the facts (of
    ``article`` only, when given); ``construct`` needs an RDF format.

    >>> import io, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp, KGStore.open(tmp + "/kg", create=True) as store:
    ...     buffer = io.BytesIO()
    ...     export(store, buffer, "nq")
    ...     buffer.getvalue()
    b''

    Raises:
        ConfigError: an unknown format or article, or both ``article`` and ``construct``.
        QueryError: ``construct`` does not parse or is not a CONSTRUCT/DESCRIBE query.
    """
    fmt = fmt if isinstance(fmt, ExportFormat) else ExportFormat.parse(fmt)
    if article is not None and construct is not None:
        raise ConfigError("give an article or a CONSTRUCT query to export, not both")
    if construct is not None:
        write_construct(store, output, fmt.rdf_format, construct)
        return
    graph = find_article(store, article) if article is not None else None
    if fmt.is_rdf:
        write_rdf(store, output, fmt.rdf_format, graph)
    else:
        _WRITERS[fmt](store, output, graph)
