"""The on-disk store: an Oxigraph (RocksDB) dataset in a folder with a marker file.

A store folder holds ``kgraph-store.json`` (format version, base IRI) and
``oxigraph/`` (the database). Each article is written in one atomic
transaction, so an interrupted build leaves the store as it was before the
article being written. SPARQL runs on Oxigraph's engine with the union of all
graphs as the default graph and kgraph's prefixes predeclared.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from kgraph import __version__
from kgraph.errors import ConfigError, QueryError, StoreError
from kgraph.graph.rdf import EntityDescription, Triple
from kgraph.vocab import KG, PREFIXES, Iris

__all__ = ["MARKER", "KGStore", "to_oxigraph"]

logger = logging.getLogger(__name__)

MARKER = "kgraph-store.json"
_FORMAT = "kgraph-store"
_FORMAT_VERSION = 1
_DB = "oxigraph"


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term of an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store RDF term {term!r}")


def _quads(triples: Iterable[tuple[Node, Node, Node]], graph: URIRef) -> Iterator[ox.Quad]:
    name = ox.NamedNode(str(graph))
    for s, p, o in triples:
        yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name)  # type: ignore[arg-type]


class KGStore:
    """A kgraph store folder. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, path: Path, store: ox.Store, meta: dict[str, Any], read_only: bool) -> None:
        self.path = path
        self.meta = meta
        self.read_only = read_only
        self.iris = Iris(meta["base_iri"])
        self._store: ox.Store | None = store

    # ------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = False,
        base_iri: str | None = None,
        read_only: bool = False,
    ) -> KGStore:
        """Open the store at ``path``; with ``create``, make it if the folder is new or empty.

        Raises:
            StoreError: the folder is missing (without ``create``), not a kgraph
                store, or in use by another process.
            ConfigError: ``base_iri`` differs from the store's.
        """
        path = Path(path)
        meta = _read_marker(path) if (path / MARKER).is_file() else None
        if meta is None:
            if not create:
                _explain_missing(path)
            meta = _create(path, base_iri or Iris().base)
        elif base_iri and Iris(base_iri).base != meta["base_iri"]:
            raise ConfigError(
                f"store {path} was built with base IRI {meta['base_iri']!r}, not {base_iri!r}; "
                "drop --base-iri or build into a new folder"
            )
        db = str(path / _DB)
        try:
            store = ox.Store.read_only(db) if read_only else ox.Store(db)
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreError(
                    f"store {path} is in use by another kgraph process (a build?); "
                    "wait for it to finish and try again"
                ) from exc
            raise StoreError(f"store {path} cannot be opened: {exc}") from exc
        return cls(path, store, meta, read_only)

    def close(self) -> None:
        """Flush and release the database."""
        if self._store is not None:
            if not self.read_only:
                self._store.flush()
            self._store = None

    def __enter__(self) -> KGStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def db(self) -> ox.Store:
        """The underlying pyoxigraph store."""
        if self._store is None:
            raise StoreError(f"store {self.path} is closed")
        return self._store

    # ------------------------------------------------------------ writing

    def has_article_text(self, sha256: str) -> bool:
        """Whether an article with this content hash is already in the store."""
        pattern = self.db.quads_for_pattern(None, ox.NamedNode(str(KG.sha256)), ox.Literal(sha256))
        return next(iter(pattern), None) is not None

    def replace_graph(self, graph: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """Make ``graph`` hold exactly ``triples``, atomically, if it does not already."""
        new = set(_quads(triples, graph))
        old = set(self.db.quads_for_pattern(None, None, None, ox.NamedNode(str(graph))))
        if new == old:
            return
        body = " .\n".join(f"{q.subject} {q.predicate} {q.object}" for q in new)
        self.db.update(
            f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{ {body} }} }}"
        )

    def add_article(
        self,
        article: URIRef,
        triples: Iterable[Triple],
        entities: Iterable[EntityDescription],
        shared: Iterable[Triple] = (),
        runs: Iterable[Triple] = (),
    ) -> None:
        """Write one article's graph, its entities, open relations and run, in one transaction."""
        quads = list(_quads(triples, article))
        quads += _quads(self._entity_triples(entities), self.iris.entities_graph)
        quads += _quads(shared, self.iris.entities_graph)
        quads += _quads(runs, self.iris.runs_graph)
        self.db.extend(quads)

    def add_entities(self, entities: Iterable[EntityDescription]) -> None:
        """Describe entities in the entities graph (the catalog, at the start of a build)."""
        self.db.extend(list(_quads(self._entity_triples(entities), self.iris.entities_graph)))

    def _entity_triples(self, entities: Iterable[EntityDescription]) -> Iterator[Triple]:
        """Type and label once per entity (first seen wins), every name as altLabel."""
        graph = ox.NamedNode(str(self.iris.entities_graph))
        label = ox.NamedNode(str(RDFS.label))
        for entity in entities:
            existing = list(
                self.db.quads_for_pattern(ox.NamedNode(str(entity.iri)), label, None, graph)
            )
            if not existing:
                yield from entity.core
            elif str(getattr(existing[0].object, "value", "")) != entity.label:
                yield entity.iri, SKOS.altLabel, Literal(entity.label, lang="en")
            yield from entity.names

    # ------------------------------------------------------------ reading

    def query(self, sparql: str) -> Any:
        """Run a SPARQL query over the union of all graphs.

        Returns pyoxigraph's ``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``.

        Raises:
            QueryError: the query does not parse (the message gives line:column) or fails.
        """
        try:
            return self.db.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"the query failed: {exc}") from exc

    def quads(self, graph: URIRef | None = None) -> Iterator[ox.Quad]:
        """Every quad of the store, or of one named graph."""
        name = ox.NamedNode(str(graph)) if graph is not None else None
        return iter(self.db.quads_for_pattern(None, None, None, name))

    def dump(
        self,
        output: IO[bytes],
        fmt: ox.RdfFormat,
        *,
        graph: URIRef | None = None,
        prefixes: dict[str, str] | None = None,
    ) -> None:
        """Serialise the whole store (a dataset format) or one named graph (any format)."""
        source = ox.NamedNode(str(graph)) if graph is not None else None
        self.db.dump(output, format=fmt, from_graph=source, prefixes=prefixes or PREFIXES)

    def quad_count(self) -> int:
        """How many quads the store holds."""
        return len(self.db)

    def to_rdflib(self) -> Graph:
        """The union of all graphs as an rdflib ``Graph`` (for small stores and tests)."""
        graph = Graph()
        data = self.db.dump(format=ox.RdfFormat.N_QUADS) or b""
        graph.parse(data=data.decode("utf-8"), format="nquads")
        return graph


def _read_marker(path: Path) -> dict[str, Any]:
    try:
        meta = json.loads((path / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path / MARKER} is unreadable ({exc}); the store is damaged") from exc
    if meta.get("format") != _FORMAT or meta.get("version") != _FORMAT_VERSION:
        raise StoreError(
            f"{path} holds a store of format {meta.get('format')!r} version "
            f"{meta.get('version')!r}; this kgraph reads {_FORMAT!r} version {_FORMAT_VERSION}"
        )
    return meta


def _explain_missing(path: Path) -> None:
    if not path.exists():
        raise StoreError(f"no store at {path}; build one with 'kgraph build DATA --out {path}'")
    raise StoreError(
        f"{path} is not a kgraph store (it has no {MARKER}); "
        f"point at a folder made by 'kgraph build DATA --out FOLDER'"
    )


def _create(path: Path, base_iri: str) -> dict[str, Any]:
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise StoreError(
            f"{path} exists and is not a kgraph store (it has no {MARKER}); "
            "choose a new or empty folder for --out"
        )
    base = Iris(base_iri).base  # raises ConfigError before anything is written
    path.mkdir(parents=True, exist_ok=True)
    meta = {
        "format": _FORMAT,
        "version": _FORMAT_VERSION,
        "base_iri": base,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "created_by": f"kgraph {__version__}",
    }
    (path / MARKER).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta
