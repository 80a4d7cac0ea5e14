"""Serialise a store in the standard RDF formats.

Dataset formats (TriG, N-Quads, JSON-LD) keep every named graph: each
article's graph, the entities, runs and ontology graphs. Triple formats
(Turtle, N-Triples, RDF/XML) hold the union of all graphs, without duplicates.
"""

from __future__ import annotations

from enum import Enum
from typing import IO

import pyoxigraph as ox

from kgraph.errors import ConfigError
from kgraph.graph import KGStore
from kgraph.vocab import PREFIXES

__all__ = ["ExportFormat", "export"]


class ExportFormat(str, Enum):
    """The export formats, by their usual file extension."""

    TRIG = "trig"
    NQ = "nq"
    JSONLD = "jsonld"
    TTL = "ttl"
    NT = "nt"
    XML = "xml"

    @property
    def rdf_format(self) -> ox.RdfFormat:
        """The pyoxigraph serialisation format."""
        return _OX_FORMATS[self]

    @property
    def keeps_graphs(self) -> bool:
        """Whether the format keeps named graphs."""
        return self.rdf_format.supports_datasets

    @classmethod
    def parse(cls, name: str) -> ExportFormat:
        """The format of a name or extension (``"trig"``, ``"turtle"``, ``".nq"``)."""
        key = name.lower().lstrip(".")
        key = _ALIASES.get(key, key)
        try:
            return cls(key)
        except ValueError:
            valid = ", ".join(f.value for f in cls)
            raise ConfigError(f"unknown export format {name!r}; choose one of {valid}") from None


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


def export(store: KGStore, output: IO[bytes], fmt: ExportFormat | str = ExportFormat.TRIG) -> None:
    """Write the whole store to ``output`` (a binary stream) in ``fmt``.

    >>> import io, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp, KGStore.open(tmp + "/kg", create=True) as store:
    ...     buffer = io.BytesIO()
    ...     export(store, buffer, "nq")
    ...     buffer.getvalue()
    b''
    """
    fmt = fmt if isinstance(fmt, ExportFormat) else ExportFormat.parse(fmt)
    if fmt.keeps_graphs:
        store.dump(output, fmt.rdf_format, prefixes=_prefixes(store))
        return
    union = ox.Store()
    default = ox.DefaultGraph()
    union.extend(ox.Quad(q.subject, q.predicate, q.object, default) for q in store.quads())
    union.dump(output, format=fmt.rdf_format, from_graph=default, prefixes=_prefixes(store))


def _prefixes(store: KGStore) -> dict[str, str]:
    return {**PREFIXES, "kge": store.iris.base + "entity/", "kga": store.iris.base + "article/"}
