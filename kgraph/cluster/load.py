"""Load shards into a kgraph store: its bulk loader for the quads, then the entities in order.

Shards are loaded one after the other in the order of their articles, so the
store is the one a local build writes whatever the number of workers: an
article's graph, its open relations and its run go in with Oxigraph's bulk
loader (``Store.bulk_load``); its entities are described as
:meth:`~kgraph.graph.KGStore.add_article` describes them (type and label once,
the first label met wins, every other name an ``skos:altLabel``). An article
whose older version the store holds replaces it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import RDFS, SKOS, URIRef

from kgraph.cluster.shards import open_quads, parse_quads, read_table
from kgraph.graph import KGStore
from kgraph.graph.backends import OxigraphBackend
from kgraph.model import Article

__all__ = ["load_shard"]

_LABEL = ox.NamedNode(str(RDFS.label))
_ALT_LABEL = ox.NamedNode(str(SKOS.altLabel))


def load_shard(kg: KGStore, folder: str, key: str, articles: list[Article]) -> list[dict[str, Any]]:
    """Load the shard ``key`` of ``articles`` into ``kg``; return its articles' rows.

    Each row (see :mod:`kgraph.cluster.shards`) gets ``replaced``: whether the
    store held an older version of the article.
    """
    rows = read_table(folder, key, "articles")
    for row in rows:
        iri = URIRef(row["iri"])
        row["replaced"] = row["error"] is None and kg.article(iri) is not None
        if row["replaced"]:
            kg.remove_article(iri)
    with open_quads(folder, key) as data:
        _bulk_load(kg, data)
    kg.backend.extend(list(_entity_quads(kg, read_table(folder, key, "entities"))))
    return rows


def _bulk_load(kg: KGStore, data: Any) -> None:
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
