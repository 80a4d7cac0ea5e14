"""A store folder: a marker file and a storage engine (Oxigraph by default).

A store folder holds ``kgraph-store.json`` (format version, base IRI, engine)
and the engine's data: ``oxigraph/`` (RocksDB) or ``graph.nq`` (``--store
memory``). Each article is written in one atomic transaction, so an
interrupted build leaves the store as it was before the article being
written. SPARQL sees the union of all graphs as the default graph (unless the
query names its dataset with FROM or FROM NAMED), with kgraph's prefixes
predeclared.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from kgraph.errors import StoreError
from kgraph.graph.backends import Backend, MemoryBackend, OxigraphBackend, to_oxigraph
from kgraph.graph.backends import as_oxigraph as _node
from kgraph.graph.backends import graph_quads as _quads
from kgraph.graph.classes import ClassVotes, entity_triples
from kgraph.graph.generations import mark_generation
from kgraph.graph.marker import (
    MARKER,
    StoreKind,
    check_same,
    check_writable,
    explain_missing,
    make_folder,
    read_marker,
    write_marker,
)
from kgraph.graph.rdf import EntityDescription, Triple
from kgraph.graph.sparql import QueryDataset
from kgraph.model import make_article_id
from kgraph.vocab import KG, PREFIXES, Iris

__all__ = ["MARKER", "KGStore", "StoreKind", "StoredArticle", "to_oxigraph"]

logger = logging.getLogger(__name__)

#: Entities and open relations of the entities graph that no fact refers to.
_UNUSED = """
SELECT DISTINCT ?x WHERE {{
  GRAPH <{graph}> {{ ?x a [] }}
  FILTER NOT EXISTS {{ ?f rdf:subject ?x }}
  FILTER NOT EXISTS {{ ?f rdf:object ?x }}
  FILTER NOT EXISTS {{ ?f rdf:predicate ?x }}
  FILTER NOT EXISTS {{ ?f kg:about ?x }}
  FILTER NOT EXISTS {{ ?f prov:wasAttributedTo ?x }}
  FILTER NOT EXISTS {{ ?e kg:affiliatedWith ?x }}
}}
"""


@dataclass(frozen=True)
class StoredArticle:
    """An article as the store knows it."""

    iri: URIRef
    sha256: str
    origin: str | None


#: Characters no IRI holds: a key with one is an id, URL text or path, never an IRI.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


class KGStore:
    """A kgraph store folder. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, path: Path, backend: Backend, meta: dict[str, Any], read_only: bool) -> None:
        self.path = path
        self.meta = meta
        self.read_only = read_only
        self.iris = Iris(meta["base_iri"])
        self.kind = StoreKind(meta.get("backend", StoreKind.OXIGRAPH.value))
        self._backend: Backend | None = backend
        self._class_votes = ClassVotes(weak=str(KG.Concept))  # the class most articles give

    # ------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = False,
        base_iri: str | None = None,
        read_only: bool = False,
        kind: StoreKind | str | None = None,
    ) -> KGStore:
        """Open the store at ``path``; with ``create``, make it if the folder is new or empty.

        Raises:
            StoreError: the folder is missing (without ``create``), not a kgraph
                store, or in use by another process.
            ConfigError: ``base_iri`` or ``kind`` differ from the store's.
        """
        path = Path(path)
        wanted = StoreKind(kind) if kind else None
        meta = read_marker(path) if (path / MARKER).is_file() else None
        if meta is None:
            if not create:
                explain_missing(path)
            meta = make_folder(path, base_iri or Iris().base, wanted or StoreKind.OXIGRAPH)
        check_same(path, meta, base_iri, wanted)
        if not read_only:
            check_writable(path, meta)
        store_kind = StoreKind(meta.get("backend", StoreKind.OXIGRAPH.value))
        return cls(path, _open_backend(path, store_kind, read_only), meta, read_only)

    def close(self) -> None:
        """Flush and release the engine; after writing, mark a new generation.

        The generation file (:mod:`kgraph.graph.generations`) tells long-running
        readers such as ``kgraph serve`` that a completed state is there to see.
        """
        if self._backend is not None:
            self._backend.close()
            self._backend = None  # the engine's lock goes with the last reference
            if not self.read_only:
                mark_generation(self.path)

    @property
    def rules_digest(self) -> str | None:
        """What made this store's facts (:mod:`kgraph.pipeline.rules`); None before any build."""
        return self.meta.get("rules")

    def note_rules(self, digest: str) -> None:
        """Record what made the store's facts: the rules of ``digest`` (or "mixed ...")."""
        self.meta = {**self.meta, "rules": digest}
        write_marker(self.path, self.meta)

    def snapshot(self, target: Path) -> None:
        """Write a consistent copy of the store as it is now into the new folder ``target``.

        Oxigraph makes a RocksDB checkpoint (hard links where the file system
        allows), so a snapshot of a large store is quick and small; the copy is a
        store folder that :meth:`open` reads, and no writer ever touches it.
        """
        target.mkdir(parents=True)
        write_marker(target, self.meta)
        memory = self.kind is StoreKind.MEMORY  # its graph.nq sits in the store folder
        self.backend.backup(target if memory else target / self.kind.value)

    def __enter__(self) -> KGStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def backend(self) -> Backend:
        """The storage engine."""
        if self._backend is None:
            raise StoreError(f"store {self.path} is closed")
        return self._backend

    # ------------------------------------------------------------ articles

    def article_count(self) -> int:
        """How many articles the store holds."""
        return sum(1 for _ in self.backend.quads(None, _node(RDF.type), _node(KG.Article), None))

    def has_article_text(self, sha256: str) -> bool:
        """Whether an article with this content hash is already in the store."""
        return self._first(None, KG.sha256, Literal(sha256)) is not None

    def article(self, iri: URIRef) -> StoredArticle | None:
        """The stored article with this IRI, if any."""
        sha = self._first(iri, KG.sha256, None, graph=iri)
        if sha is None:
            return None
        origin = self._first(iri, KG.origin, None, graph=iri)
        return StoredArticle(iri, sha.object.value, origin.object.value if origin else None)

    def articles_with_text(self, sha256: str) -> list[StoredArticle]:
        """The stored articles whose text has this content hash."""
        found = self.backend.quads(None, _node(KG.sha256), _node(Literal(sha256)), None)
        iris = [URIRef(str(getattr(q.subject, "value", ""))) for q in found]
        return [a for iri in iris if (a := self.article(iri)) is not None]

    def find_article(self, key: str) -> StoredArticle | None:
        """An article by IRI, id (``dcterms:identifier``), URL, origin or file path.

        The URL, id and origin name the article by its identity
        (:func:`~kgraph.model.article_identity`); a file path, relative or
        absolute, finds the article whose origin is the longest tail of it
        (``/home/alice/news/a.txt`` finds origin ``news/a.txt``).
        """
        key = key.strip()  # a key pasted from a CSV or a terminal may end with CR or newline
        candidates = [URIRef(key)] if "://" in key else []
        candidates.append(self.iris.article(key))
        candidates = [c for c in candidates if not _NOT_IN_IRI.search(c)]
        candidates += [
            self.iris.article(make_article_id(key)),
            self.iris.article(make_article_id(None, record_id=key)),
            self.iris.article(make_article_id(None, origin=key)),
        ]
        lookups: list[tuple[URIRef, Node]] = [
            (DCTERMS.identifier, Literal(key)),
            (DCTERMS.source, Literal(key)),
            (KG.origin, Literal(key)),
        ]
        if "://" in key and not _NOT_IN_IRI.search(key):
            lookups.append((DCTERMS.source, URIRef(key)))
        for predicate, value in lookups:
            hit = self._first(None, predicate, value)
            if hit is not None:
                candidates.append(URIRef(hit.subject.value))
        found = next((a for c in candidates if (a := self.article(c)) is not None), None)
        return found or self._read_from(key)

    def _read_from(self, path: str) -> StoredArticle | None:
        """The article whose origin is the longest tail of ``path`` (made absolute)."""
        parts = Path(os.path.abspath(path)).parts
        tails = [
            (len(origin), str(getattr(quad.subject, "value", "")))
            for quad in self.backend.quads(None, _node(KG.origin), None, None)
            if 0 < len(origin := Path(str(getattr(quad.object, "value", ""))).parts) <= len(parts)
            and parts[-len(origin) :] == origin
        ]
        return self.article(URIRef(max(tails)[1])) if tails else None

    def add_article(
        self,
        article: URIRef,
        triples: Iterable[Triple],
        entities: Iterable[EntityDescription],
        shared: Iterable[Triple] = (),
        runs: Iterable[Triple] = (),
        replaces: Iterable[URIRef] = (),
        prepared: Iterable[ox.Quad] = (),
    ) -> None:
        """Write one article's graph, its entities, open relations and run, in one transaction.

        ``replaces`` names article graphs (older versions) dropped in the same transaction;
        ``prepared`` are quads made already (:mod:`kgraph.pipeline.prepare`), written as they are.
        """
        quads = [*prepared, *_quads(triples, article)]
        quads += _quads(self._entity_triples(entities), self.iris.entities_graph)
        quads += _quads(shared, self.iris.entities_graph)
        quads += _quads(runs, self.iris.runs_graph)
        old = [ox.NamedNode(str(g)) for g in replaces]
        if old:
            self.backend.replace(old, quads)
        else:
            self.backend.extend(quads)

    def remove_article(self, iri: URIRef) -> int:
        """Drop an article's graph (facts and provenance); return how many quads went."""
        graph = ox.NamedNode(str(iri))
        count = sum(1 for _ in self.backend.quads(None, None, None, graph))
        self.backend.replace([graph], [])
        return count

    def collect_garbage(self, keep: Iterable[URIRef] = ()) -> int:
        """Remove entities and open relations no fact mentions any more (except ``keep``).

        Returns how many were removed.
        """
        entities = ox.NamedNode(str(self.iris.entities_graph))
        unused = {
            row["x"].value for row in self.query(_UNUSED.format(graph=self.iris.entities_graph))
        } - {str(k) for k in keep}
        quads = [
            q for x in unused for q in self.backend.quads(ox.NamedNode(x), None, None, entities)
        ]
        self.backend.remove(quads)
        return len(unused)

    # ------------------------------------------------------------ entities and graphs

    def add_entities(self, entities: Iterable[EntityDescription]) -> None:
        """Describe entities in the entities graph (the catalog, at the start of a build)."""
        entities = self._class_votes.fix(entities)  # the catalog's classes are not voted on
        self.backend.extend(list(_quads(self._entity_triples(entities), self.iris.entities_graph)))

    def _entity_triples(self, entities: Iterable[EntityDescription]) -> Iterator[Triple]:
        """Type and label once per entity, every name as altLabel (see :func:`entity_triples`)."""
        graph = self.iris.entities_graph
        first = lambda iri, predicate: self._first(iri, predicate, None, graph=graph)  # noqa: E731
        remove = lambda triple: self.backend.remove(list(_quads([triple], graph)))  # noqa: E731
        return entity_triples(entities, self._class_votes, first, remove)

    def replace_graph(self, graph: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """Make ``graph`` hold exactly ``triples``, atomically, writing only the difference."""
        new = set(_quads(triples, graph))
        old = set(self.quads(graph))
        if new != old:
            self.backend.change(list(old - new), list(new - old))

    # ------------------------------------------------------------ reading

    def query(self, sparql: str, dataset: QueryDataset | None = None) -> Any:
        """Run a SPARQL query over the union of all graphs, or the dataset it names.

        A query with ``FROM`` or ``FROM NAMED`` sees exactly those graphs;
        ``dataset`` (the protocol's ``default-graph-uri`` and ``named-graph-uri``)
        overrides them. A graph the store does not hold is empty.
        Read results with :mod:`kgraph.graph.results`, whatever the engine.

        Raises:
            QueryError: the query does not parse (the message gives line:column,
                the line with a caret and the likely fix) or fails.
        """
        return self.backend.query(sparql, PREFIXES, dataset)

    def quads(self, graph: URIRef | None = None) -> Iterator[ox.Quad]:
        """Every quad of the store, or of one named graph."""
        name = ox.NamedNode(str(graph)) if graph is not None else None
        return self.backend.quads(None, None, None, name)

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
        self.backend.dump(output, fmt, source, prefixes or PREFIXES)

    def quad_count(self) -> int:
        """How many quads the store holds."""
        return len(self.backend)

    def to_rdflib(self) -> Graph:
        """The union of all graphs as an rdflib ``Graph`` (for small stores and tests).

        Each triple once, whichever graphs hold it; kgraph's prefixes are bound.

        >>> import tempfile
        >>> from rdflib import RDFS
        >>> with tempfile.TemporaryDirectory() as tmp, KGStore.open(tmp, create=True) as store:
        ...     store.replace_graph(store.iris.runs_graph, [(KG.Article, RDFS.label, Literal("a"))])
        ...     len(store.to_rdflib())
        1
        """
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in self.quads()}
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        graph.parse(data=text.decode("utf-8"), format="nt")
        return graph

    def _first(self, s: Node | None, p: Node, o: Node | None, graph: URIRef | None = None) -> Any:
        pattern = [None if t is None else _node(t) for t in (s, p, o, graph)]
        return next(self.backend.quads(*pattern), None)


def _open_backend(path: Path, kind: StoreKind, read_only: bool) -> Backend:
    try:
        if kind is StoreKind.MEMORY:
            return MemoryBackend(path, read_only)
        return OxigraphBackend(path / kind.value, read_only)
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise StoreError(
                f"store {path} is in use by another kgraph process (a build?); "
                "wait for it to finish and try again"
            ) from exc
        raise StoreError(f"store {path} cannot be opened: {exc}") from exc
