"""The entity graph for network tools (Gephi, Cytoscape, networkx): GraphML and GEXF.

Nodes are entities (id: the IRI; ``label``; ``class``: the ontology class's
local name). Edges are the asserted facts between two entities, one per fact
(key: the fact's IRI), with the relation's ``label`` and ``relation`` IRI,
the ``article``, the ``sentence`` and the ``confidence`` (also the edge
``weight``). Negated facts and facts whose object is a value (a date, a
number, a role) are left out: they are in the CSV export. Characters XML 1.0
cannot carry (control characters) are written as U+FFFD, with a warning.
"""

from __future__ import annotations

from typing import IO, Any

import networkx as nx
from rdflib import URIRef

from kgraph.export.facts import FactRow, fact_rows
from kgraph.graph import KGStore
from kgraph.graph.chars import warn_replaced, xml_safe, xml_unsafe

__all__ = ["entity_graph", "write_gexf", "write_graphml"]


def entity_graph(store: KGStore, article: URIRef | None = None) -> nx.MultiDiGraph:
    """The entities and the facts between them (of one article's graph, when given)."""
    graph = nx.MultiDiGraph(name=f"kgraph entity graph of {store.path.name}")
    for fact in fact_rows(store, article):
        if fact.negated or not fact.object_iri:
            continue
        graph.add_node(fact.subject_iri, label=fact.subject, **{"class": fact.subject_class})
        graph.add_node(fact.object_iri, label=fact.object, **{"class": fact.object_class})
        graph.add_edge(fact.subject_iri, fact.object_iri, key=fact.fact, **_edge_attributes(fact))
    return graph


def _edge_attributes(fact: FactRow) -> dict[str, str | float]:
    return {
        "label": fact.relation,
        "relation": fact.relation_iri,
        "article": fact.article,
        "sentence": fact.sentence,
        "confidence": fact.confidence,
        "weight": fact.confidence,
    }


def write_graphml(store: KGStore, output: IO[bytes], article: URIRef | None = None) -> None:
    """The entity graph as GraphML (edge ids are the facts' IRIs)."""
    nx.write_graphml(xml_safe_graph(entity_graph(store, article), "GraphML"), output)


def write_gexf(store: KGStore, output: IO[bytes], article: URIRef | None = None) -> None:
    """The entity graph as GEXF 1.2, Gephi's format."""
    nx.write_gexf(xml_safe_graph(entity_graph(store, article), "GEXF"), output)


def xml_safe_graph(graph: nx.MultiDiGraph, what: str) -> nx.MultiDiGraph:
    """``graph`` with U+FFFD for the characters XML 1.0 cannot carry in its text attributes.

    Logs a warning naming the first such text when there were any.
    """
    unsafe: list[tuple[str, int]] = []

    def safe(attributes: dict[str, Any]) -> dict[str, Any]:
        for value in attributes.values():
            if isinstance(value, str) and (count := xml_unsafe(value)):
                unsafe.append((value, count))
        return {k: xml_safe(v) if isinstance(v, str) else v for k, v in attributes.items()}

    result = nx.MultiDiGraph(**safe(graph.graph))
    result.add_nodes_from((node, safe(data)) for node, data in graph.nodes(data=True))
    edges = graph.edges(keys=True, data=True)
    result.add_edges_from((u, v, k, safe(data)) for u, v, k, data in edges)
    if unsafe:
        warn_replaced(what, sum(count for _, count in unsafe), unsafe[0][0])
    return result
