"""The graph stage: linked facts to RDF, an Oxigraph store on disk, SPARQL, statistics."""

from __future__ import annotations

from kgraph.graph.rdf import (
    BuildRun,
    EntityDescription,
    article_triples,
    catalog_descriptions,
    entity_descriptions,
    relation_description,
    run_triples,
)
from kgraph.graph.stats import GraphStats, graph_stats
from kgraph.graph.store import MARKER, KGStore, to_oxigraph

__all__ = [
    "MARKER",
    "BuildRun",
    "EntityDescription",
    "GraphStats",
    "KGStore",
    "article_triples",
    "catalog_descriptions",
    "entity_descriptions",
    "graph_stats",
    "relation_description",
    "run_triples",
    "to_oxigraph",
]
