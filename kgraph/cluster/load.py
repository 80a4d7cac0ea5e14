"""Load shards into a kgraph store: its bulk loader for the quads, then the entities in order.

Shards are loaded one after the other in the order of their articles, so the
store is the one a local build writes whatever the number of workers: an
article's graph, its open relations and its run go in with Oxigraph's bulk
loader (``Store.bulk_load``); its entities are described as
:meth:`~kgraph.graph.KGStore.add_article` describes them (type and label once,
the first label met wins, every other name an ``skos:altLabel``). An article
whose older version the store holds replaces it.

Each ``bulk_load`` call pays a fixed cost: it writes one sorted file per index
of the store and ingests them all into RocksDB. :class:`ShardLoader` therefore
gathers the quads of several shards, decompressed in memory, and loads them in
one call of bytes per :data:`BATCH_QUADS` quads (bytes are parsed in Rust
without the GIL; a Python file object is read through Python). Nothing else
reads the article graphs while a build loads, and the entities graph the
loader consults holds no quad of the article graphs, so the store is the same.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import RDFS, SKOS, URIRef

from kgraph.cluster.shards import parse_quads, read_quads, read_table
from kgraph.graph import KGStore
from kgraph.graph.backends import OxigraphBackend
from kgraph.model import Article

__all__ = ["BATCH_QUADS", "ShardLoader"]

#: Quads gathered before one bulk load (about 200 bytes each in memory).
BATCH_QUADS = 500_000

_LABEL = ox.NamedNode(str(RDFS.label))
_ALT_LABEL = ox.NamedNode(str(SKOS.altLabel))


class ShardLoader:
    """Loads shards into ``kg`` in order, their quads in batches; use it as a context
    manager (leaving it loads what is gathered, also on Ctrl-C)."""

    def __init__(self, kg: KGStore, folder: str, batch_quads: int = BATCH_QUADS) -> None:
        self.kg, self.folder, self.batch_quads = kg, folder, batch_quads
        self._pending: list[bytes] = []
        self._size = 0
        self.seconds = 0.0  # spent loading
        self.keys: list[str] = []  # the shards loaded

    def __enter__(self) -> ShardLoader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()

    def load(self, key: str, articles: list[Article]) -> list[dict[str, Any]]:
        """Load the shard ``key`` of ``articles``; return its articles' rows.

        Each row (see :mod:`kgraph.cluster.shards`) gets ``replaced``: whether the
        store held an older version of the article.
        """
        kg, began = self.kg, time.perf_counter()
        rows = read_table(self.folder, key, "articles")
        for row in rows:
            iri = URIRef(row["iri"])
            row["replaced"] = row["error"] is None and kg.article(iri) is not None
            if row["replaced"]:
                kg.remove_article(iri)
        data = read_quads(self.folder, key)
        self._pending.append(data)
        self.keys.append(key)
        self._size += data.count(b"\n")
        if self._size >= self.batch_quads:
            self.flush()
        kg.backend.extend(list(_entity_quads(kg, read_table(self.folder, key, "entities"))))
        self.seconds += time.perf_counter() - began
        return rows

    def flush(self) -> None:
        """Bulk load the quads gathered so far."""
        if self._pending:
            began = time.perf_counter()
            data, self._pending, self._size = b"".join(self._pending), [], 0
            _bulk_load(self.kg, data)
            self.seconds += time.perf_counter() - began


def _bulk_load(kg: KGStore, data: bytes) -> None:
    backend = kg.backend
    if isinstance(backend, OxigraphBackend):
        backend.db.bulk_load(data, ox.RdfFormat.N_QUADS)
    else:  # the rdflib store of --store memory has no bulk loader
        backend.extend(list(ox.parse(data, format=ox.RdfFormat.N_QUADS)))


def _entity_quads(kg: KGStore, rows: Iterable[dict[str, Any]]) -> Iterable[ox.Quad]:
    """The entities graph's quads of ``rows``, in order: what ``add_article`` writes of them."""
    graph = ox.NamedNode(str(kg.iris.entities_graph))
    labels: dict[str, str | None] = {}  # this shard's entities: their first label
    for row in rows:
        iri = row["iri"]
        if iri not in labels:
            labels[iri] = _stored_label(kg, ox.NamedNode(iri), graph)
        first = labels[iri]
        if first is None:
            yield from parse_quads(row["core"], graph)
            labels[iri] = row["label"]
        elif first != row["label"]:
            yield ox.Quad(
                ox.NamedNode(iri), _ALT_LABEL, ox.Literal(row["label"], language="en"), graph
            )
        yield from parse_quads(row["names"], graph)


def _stored_label(kg: KGStore, iri: ox.NamedNode, graph: ox.NamedNode) -> str | None:
    for quad in kg.backend.quads(iri, _LABEL, None, graph):
        return str(getattr(quad.object, "value", quad.object))
    return None
