"""How many distinct articles and sources state each fact.

A fact's *stance* is ``negative`` when it is negated or denied, ``modal`` when
it carries a ``kg:modality``, else ``affirmed`` (attributed claims included). A
fact node's ``kg:supportingArticles`` counts the distinct articles with a fact
of the same subject, predicate, object and stance (itself included), and
``kg:supportingSources`` the distinct sources among them: the article's
``dcterms:publisher`` (lowercased), else the host of its ``dcterms:source`` URL
(without ``www.``), else the article itself.

Only facts whose subject and object are specific nodes
(:mod:`kgraph.graph.analysis.specific`) corroborate one another: "people" or
"the man" of two articles are not one thing, so such a fact is supported by its
own article only. Syndicated copies of one story (:mod:`kgraph.graph.analysis.copies`)
are one source, the source of the group's first article.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from kgraph.graph.analysis.copies import copy_groups
from kgraph.graph.results import rows
from kgraph.graph.store import KGStore

__all__ = [
    "FACTS",
    "FactRow",
    "Support",
    "article_sources",
    "corroboration",
    "fact_key",
    "fact_rows",
    "supports",
]

#: Every fact node, its triple, article and stance; ``{nodes}``: "" or :data:`_OVER`.
FACTS = """
SELECT DISTINCT ?f ?s ?p ?o ?a ?stance WHERE {{
  {nodes}
  ?f a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     prov:wasDerivedFrom ?a .
  OPTIONAL {{ ?f kg:negated ?neg_ }} OPTIONAL {{ ?f kg:denied ?den_ }}
  OPTIONAL {{ ?f kg:modality ?mod_ }}
  BIND (IF(COALESCE(?neg_, false) || COALESCE(?den_, false), "negative",
           IF(BOUND(?mod_), "modal", "affirmed")) AS ?stance)
}}
"""
#: Only the facts over some nodes: their subject or their object is one of them.
_OVER = "VALUES ?n {{ {nodes} }} {{ ?f rdf:subject ?n }} UNION {{ ?f rdf:object ?n }}"
_SOURCES = """
SELECT ?a ?publisher ?url WHERE { ?a a kg:Article .
  OPTIONAL { ?a dcterms:publisher ?publisher } OPTIONAL { ?a dcterms:source ?url } }
"""
_HOST = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://(www\.)?([^/:?#]*)")


@dataclass(frozen=True)
class Support:
    """A fact node's corroboration counts."""

    fact: URIRef
    articles: int
    sources: int


@dataclass(frozen=True)
class FactRow:
    """One fact node as corroboration reads it: its triple, stance and article (strings)."""

    fact: str
    s: str
    p: str
    o: str  # an IRI, or a literal as '"value"^^datatype'
    literal: bool
    article: str
    stance: str


def corroboration(
    store: KGStore,
    specific: frozenset[str],
    nodes: frozenset[str] | None = None,
    groups: dict[str, str] | None = None,
) -> list[Support]:
    """The corroboration counts of every fact node, sorted by IRI (``specific``: the store's
    :func:`~kgraph.graph.analysis.specific.specific_nodes`).

    With ``nodes``, only of the facts over them (subject or object): every fact that
    corroborates one of those has the same subject and object, so their counts are
    exact. ``groups``: the store's :func:`~kgraph.graph.analysis.copies.copy_groups`,
    if known.
    """
    over = "" if nodes is None else _OVER.format(nodes=" ".join(f"<{n}>" for n in sorted(nodes)))
    if nodes is not None and not nodes:
        return []
    sources = article_sources(store, copy_groups(store) if groups is None else groups)
    return supports(fact_rows(store.query(FACTS.format(nodes=over))), specific, sources)


def fact_rows(result: Any) -> Iterator[FactRow]:
    """The rows of a :data:`FACTS` query's result."""
    for row in rows(result):
        o = row["o"]
        yield FactRow(
            str(row["f"].value),
            str(row["s"].value),
            str(row["p"].value),
            _term(o),
            hasattr(o, "datatype"),
            str(row["a"].value),
            str(row["stance"].value),
        )


def fact_key(row: FactRow, specific: frozenset[str]) -> tuple[str, ...]:
    """What a fact shares with the facts that corroborate it: its triple and stance, and
    its article too unless its subject and object are specific."""
    triple = (row.s, row.p, row.o, row.stance)
    shared = row.s in specific and (row.literal or row.o in specific)
    return triple if shared else (*triple, row.article)


def supports(
    facts: Iterable[FactRow], specific: frozenset[str], sources: dict[str, str]
) -> list[Support]:
    """The counts of every fact of ``facts``, sorted by IRI (``sources``: each article's
    :func:`article_sources`)."""
    members: dict[tuple[str, ...], set[str]] = defaultdict(set)
    keys: dict[str, tuple[str, ...]] = {}
    for row in facts:
        key = fact_key(row, specific)
        keys[row.fact] = min(key, keys.get(row.fact, key))
        members[key].add(row.article)
    found = []
    for fact in sorted(keys):
        articles = members[keys[fact]]
        found.append(Support(URIRef(fact), len(articles), len({sources[a] for a in articles})))
    return found


def article_sources(store: KGStore, groups: dict[str, str]) -> dict[str, str]:
    """Each article's source: its copy group's first article's publisher, host or IRI."""
    own: dict[str, str] = {}
    for row in rows(store.query(_SOURCES)):
        article = row["a"].value
        if row["publisher"] is not None:
            source = str(row["publisher"].value).lower()
        elif row["url"] is not None and (host := _HOST.match(str(row["url"].value))):
            source = host.group(2).lower()
        else:
            source = article
        own[article] = min(source, own.get(article, source))
    return {article: own[groups.get(article, article)] for article in own}


def _term(term: object) -> str:
    datatype = getattr(term, "datatype", None)
    value = str(term.value)  # type: ignore[attr-defined]
    return f'"{value}"^^{datatype.value}' if datatype is not None else value
