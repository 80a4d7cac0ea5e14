"""Counts that describe a built graph: what ``kgraph stats`` prints."""

from __future__ import annotations

from dataclasses import dataclass

from kgraph.graph.store import KGStore

__all__ = ["GraphStats", "graph_stats"]

_SCALARS = """
SELECT
  (COUNT(DISTINCT ?article) AS ?articles)
  (SUM(?n) AS ?sentences)
WHERE { ?article a kg:Article ; kg:sentenceCount ?n }
"""
_FACTS = """
SELECT (COUNT(?fact) AS ?facts) (COUNT(?neg) AS ?negated) (COUNT(?held) AS ?held_back)
WHERE { ?fact a rdf:Statement .
        OPTIONAL { ?fact kg:negated true BIND(?fact AS ?neg) }
        OPTIONAL { ?fact kg:heldBack true BIND(?fact AS ?held) } }
"""
_CLASSES = """
SELECT ?label (COUNT(DISTINCT ?entity) AS ?n)
WHERE {{ GRAPH <{graph}> {{ ?entity a ?class }}
        ?class rdfs:subClassOf* kg:Entity ; rdfs:label ?label }}
GROUP BY ?label ORDER BY DESC(?n) ?label
"""
_ENTITIES = """
SELECT (COUNT(DISTINCT ?e) AS ?all) (COUNT(DISTINCT ?used) AS ?in_facts) WHERE {{
  GRAPH <{graph}> {{ ?e a ?class }} ?class rdfs:subClassOf* kg:Entity .
  OPTIONAL {{ {{ [] rdf:subject ?e }} UNION {{ [] rdf:object ?e }} BIND(?e AS ?used) }}
}}
"""
_RELATIONS = """
SELECT ?relation (SAMPLE(?name) AS ?label) (COUNT(?fact) AS ?n)
WHERE {{ ?fact a rdf:Statement ; rdf:predicate ?relation .
        OPTIONAL {{ ?relation rdfs:label ?name }} }}
GROUP BY ?relation ORDER BY DESC(?n) ?relation LIMIT {limit}
"""


@dataclass(frozen=True)
class GraphStats:
    """Counts of a store: articles, sentences, facts, entities by class, top relations."""

    articles: int
    sentences: int
    facts: int
    negated_facts: int
    held_back_facts: int  # under the build's --min-confidence: provenance nodes only
    entities: int
    entities_in_facts: int
    entities_by_class: dict[str, int]
    top_relations: list[tuple[str, str, int]]  # (IRI, label, facts)
    quads: int
    #: articles that are a near-identical copy of another (a syndicated story), beyond the first
    syndicated_copies: int = 0


def graph_stats(store: KGStore, *, top: int = 10) -> GraphStats:
    """Count what the store holds."""
    scalars = next(iter(store.query(_SCALARS)))
    facts = next(iter(store.query(_FACTS)))
    by_class = {
        row["label"].value: int(row["n"].value)
        for row in store.query(_CLASSES.format(graph=store.iris.entities_graph))
    }
    relations = [
        (row["relation"].value, row["label"].value if row["label"] else "", int(row["n"].value))
        for row in store.query(_RELATIONS.format(limit=int(top)))
    ]
    entities = next(iter(store.query(_ENTITIES.format(graph=store.iris.entities_graph))))
    return GraphStats(
        articles=_int(scalars["articles"]),
        sentences=_int(scalars["sentences"]),
        facts=_int(facts["facts"]),
        negated_facts=_int(facts["negated"]),
        held_back_facts=_int(facts["held_back"]),
        entities=_int(entities["all"]),
        entities_in_facts=_int(entities["in_facts"]),
        entities_by_class=by_class,
        top_relations=relations,
        quads=store.quad_count(),
        syndicated_copies=_copies(store),
    )


def _copies(store: KGStore) -> int:
    from kgraph.graph.analysis.copies import copy_groups

    groups = copy_groups(store)
    return len(groups) - len(set(groups.values()))


def _int(term: object) -> int:
    return int(term.value) if term is not None else 0  # type: ignore[attr-defined]
