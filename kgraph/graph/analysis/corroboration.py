"""How many distinct articles and sources state each fact: two GROUP BY queries.

A fact's *stance* is ``negative`` when it is negated or denied, ``modal`` when
it carries a ``kg:modality``, else ``affirmed`` (attributed claims included). A
fact node's ``kg:supportingArticles`` counts the distinct articles with a fact
of the same subject, predicate, object and stance (itself included), and
``kg:supportingSources`` the distinct sources among them: the article's
``dcterms:publisher`` (lowercased), else the host of its ``dcterms:source`` URL
(without ``www.``), else the article itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kgraph.graph.results import rows
from kgraph.graph.store import KGStore

__all__ = ["Support", "corroboration"]

_STANCE = """
  OPTIONAL { ?f kg:negated ?neg_ } OPTIONAL { ?f kg:denied ?den_ }
  OPTIONAL { ?f kg:modality ?mod_ }
  BIND (IF(COALESCE(?neg_, false) || COALESCE(?den_, false), "negative",
           IF(BOUND(?mod_), "modal", "affirmed")) AS ?stance)
"""

_GROUPS = (
    """
SELECT ?s ?p ?o ?stance (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?source) AS ?sources)
WHERE {
  ?f a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     prov:wasDerivedFrom ?a ."""
    + _STANCE
    + r"""
  OPTIONAL { ?a dcterms:publisher ?publisher_ }
  OPTIONAL { ?a dcterms:source ?url_ }
  BIND (COALESCE(
          LCASE(STR(?publisher_)),
          LCASE(REPLACE(STR(?url_), "^[a-zA-Z][a-zA-Z0-9+.-]*://(www\\.)?([^/:?#]*).*$", "$2")),
          STR(?a)) AS ?source)
} GROUP BY ?s ?p ?o ?stance
"""
)

_NODES = (
    """
SELECT DISTINCT ?f ?s ?p ?o ?stance WHERE {
  ?f a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ."""
    + _STANCE
    + "}"
)


@dataclass(frozen=True)
class Support:
    """A fact node's corroboration counts."""

    fact: URIRef
    articles: int
    sources: int


def corroboration(store: KGStore) -> list[Support]:
    """The corroboration counts of every fact node, sorted by IRI."""
    groups = {
        (row["s"], row["p"], row["o"], row["stance"].value): (
            int(row["articles"].value),
            int(row["sources"].value),
        )
        for row in rows(store.query(_GROUPS))
    }
    found: dict[str, Support] = {}
    for row in rows(store.query(_NODES)):
        fact = row["f"].value
        counts = groups.get((row["s"], row["p"], row["o"], row["stance"].value))
        if counts is not None:  # None: a node without an article, outside the contract
            found.setdefault(fact, Support(URIRef(fact), *counts))
    return [found[fact] for fact in sorted(found)]
