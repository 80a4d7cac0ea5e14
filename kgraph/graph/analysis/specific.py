"""Which nodes are specific enough to compare across articles: the one place of the notion.

A node is **generic** when it may be a different thing in every article that
names it: an article's own node (its key prefixed by the article's,
``entity/<article>.people``: the linker's bare common nouns, see ``kgraph/link``
``_scoped``), or a lowercase label that counts or names anyone ("80 people",
"two men", "civilian deaths", "local residents": a head word of
``linking.toml`` ``[generic] heads``, or a leading number, in digits or one of
its ``[generic] numbers``: the words the linker reads, ``Ontology.linking``).
Every other node is **specific**:
named entities, concepts with a name in them ("Azerbaijani statement"), catalog
concepts ("ceasefire") and nouns with their modifiers, which the linker already
keeps as one node across articles ("mine explosion", "military operation").
Generic nodes of two articles neither contradict nor corroborate each other.
Literal objects (a number, a date) are specific.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kgraph.graph.results import rows
from kgraph.graph.store import KGStore

if TYPE_CHECKING:
    from kgraph.ontology import Linking, Ontology

__all__ = ["article_scoped", "article_scopes", "specific_nodes"]

_ENTITIES = """
SELECT ?e ?label ?same WHERE {{ GRAPH <{graph}> {{ ?e a ?class }}
  OPTIONAL {{ ?e rdfs:label ?label }} OPTIONAL {{ ?e owl:sameAs ?same }} }}
"""
_ARTICLES = "SELECT ?a WHERE { ?a a kg:Article }"


def specific_nodes(store: KGStore, ontology: Ontology) -> frozenset[str]:
    """The IRIs of the store's specific entities (see the module docstring)."""
    scopes = article_scopes(store)
    labels: dict[str, set[str]] = {}
    catalog: set[str] = set()
    for row in rows(store.query(_ENTITIES.format(graph=store.iris.entities_graph))):
        iri = row["e"].value
        labels.setdefault(iri, set())
        if row["label"] is not None:
            labels[iri].add(str(row["label"].value))
        if row["same"] is not None:
            catalog.add(iri)
    return frozenset(
        iri
        for iri, names in labels.items()
        if not article_scoped(iri, scopes)
        and (
            iri in catalog
            or not names
            or not all(_generic(name, ontology.linking) for name in names)
        )
    )


def article_scopes(store: KGStore) -> frozenset[str]:
    """The local names of the store's articles: the prefixes of their own nodes' keys."""
    return frozenset(_local(row["a"].value) for row in rows(store.query(_ARTICLES)))


def article_scoped(iri: str, scopes: frozenset[str]) -> bool:
    """Whether an entity IRI is an article's own node (``entity/<article>.<key>``).

    >>> article_scoped("https://x/entity/4ee8.people", frozenset({"4ee8"}))
    True
    >>> article_scoped("https://x/entity/U.S._Army", frozenset({"4ee8"}))
    False
    """
    prefix, dot, _ = _local(iri).partition(".")
    return bool(dot) and prefix in scopes


def _generic(label: str, words: Linking) -> bool:
    """A lowercase label naming anyone of a kind ("80 people", "local residents").

    >>> from kgraph.ontology import load_ontology
    >>> words = load_ontology().linking
    >>> _generic("80 people", words), _generic("local residents", words)
    (True, True)
    >>> _generic("two wheels", words), _generic("mine explosion", words)
    (True, False)
    >>> _generic("Armenian soldiers", words), _generic("ceasefire", words)
    (False, False)
    """
    if any(c.isupper() for c in label):
        return False
    names = label.split()
    return bool(names) and (
        names[-1] in words.generic_heads
        or names[0][0].isdigit()
        or names[0] in words.generic_numbers
    )


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]
