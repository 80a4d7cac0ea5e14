"""The graph stage: linked facts to RDF, an Oxigraph store on disk, SPARQL, statistics."""

from __future__ import annotations

from kgraph.graph.backends import graph_quads
from kgraph.graph.rdf import (
    BuildRun,
    EntityDescription,
    article_triples,
    catalog_descriptions,
    entity_descriptions,
    relation_description,
    run_triples,
)
from kgraph.graph.results import (
    RESULT_FORMATS,
    QueryKind,
    kind,
    rows,
    serialize_graph,
    serialize_results,
    variables,
)
from kgraph.graph.stats import GraphStats, graph_stats
from kgraph.graph.store import MARKER, KGStore, StoredArticle, StoreKind, to_oxigraph

__all__ = [
    "MARKER",
    "RESULT_FORMATS",
    "BuildRun",
    "EntityDescription",
    "GraphStats",
    "KGStore",
    "QueryKind",
    "StoreKind",
    "StoredArticle",
    "article_triples",
    "catalog_descriptions",
    "entity_descriptions",
    "graph_quads",
    "graph_stats",
    "kind",
    "relation_description",
    "rows",
    "run_triples",
    "serialize_graph",
    "serialize_results",
    "to_oxigraph",
    "variables",
]
