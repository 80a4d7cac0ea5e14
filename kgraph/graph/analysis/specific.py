"""Which nodes are specific enough to compare across articles: the one place of the notion.

A node is **generic** when it may be a different thing in every article that
names it: an article's own node (its key prefixed by the article's,
``entity/<article>.people``: the linker's bare common nouns, see ``kgraph/link``
``_scoped``), or a lowercase label that counts or names anyone ("80 people",
"two men", "civilian deaths", "local residents": a head word of
:data:`GENERIC_HEADS`, or a leading number). Every other node is **specific**:
named entities, concepts with a name in them ("Azerbaijani statement"), catalog
concepts ("ceasefire") and nouns with their modifiers, which the linker already
keeps as one node across articles ("mine explosion", "military operation").
Generic nodes of two articles neither contradict nor corroborate each other.
Literal objects (a number, a date) are specific.
"""

from __future__ import annotations

import re

from kgraph.graph.results import rows
from kgraph.graph.store import KGStore

__all__ = ["GENERIC_HEADS", "article_scoped", "article_scopes", "specific_nodes"]

#: Head words of lowercase labels that name anyone or anything of a kind.
GENERIC_HEADS = frozenset(
    {"people", "person", "persons", "individual", "individuals", "man", "men", "woman",
     "women", "child", "children", "boy", "boys", "girl", "girls", "someone", "others",
     "one", "ones", "resident", "residents", "civilian", "civilians", "victim", "victims",
     "casualty", "casualties", "death", "deaths", "injury", "injuries", "member", "members",
     "official", "officials", "thing", "things", "group", "groups", "number", "total"}
)  # fmt: skip
_NUMBER = re.compile(r"^(\d|a |an |one |two |three |four |five |six |seven |eight |nine |ten )")

_ENTITIES = """
SELECT ?e ?label ?same WHERE {{ GRAPH <{graph}> {{ ?e a ?class }}
  OPTIONAL {{ ?e rdfs:label ?label }} OPTIONAL {{ ?e owl:sameAs ?same }} }}
"""
_ARTICLES = "SELECT ?a WHERE { ?a a kg:Article }"


def specific_nodes(store: KGStore) -> frozenset[str]:
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
        and (iri in catalog or not names or not all(_generic(name) for name in names))
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


def _generic(label: str) -> bool:
    """A lowercase label naming anyone of a kind ("80 people", "local residents").

    >>> _generic("80 people"), _generic("local residents"), _generic("mine explosion")
    (True, True, False)
    >>> _generic("Armenian soldiers"), _generic("ceasefire")
    (False, False)
    """
    if any(c.isupper() for c in label):
        return False
    words = label.split()
    return bool(words) and (words[-1] in GENERIC_HEADS or bool(_NUMBER.match(label)))


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]
