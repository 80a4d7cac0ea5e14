"""The class an entity keeps across articles: the one most of them give it.

spaCy calls "iPhone" an organization in one article and the next article says it is a
product: the first article's class is not the best supported one.

>>> votes = ClassVotes(weak="Concept")
>>> votes.vote("iPhone", "Organization", new=True)
>>> votes.vote("iPhone", "Product"), votes.vote("iPhone", "Product")
(None, ('Organization', 'Product'))
>>> votes.vote("Le Freak", "Concept", new=True), votes.vote("Le Freak", "Work")
(None, ('Concept', 'Work'))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from kgraph.graph.rdf import EntityDescription, Triple

__all__ = ["ClassVotes", "entity_triples"]


class ClassVotes:
    """Each article that describes an entity votes once for its class.

    A tie keeps the class written first; ``weak`` (a Concept: no class found) loses to
    any class an article found. An entity stored before the votes began starts with its
    stored class's one vote (``stored``).
    """

    def __init__(self, weak: str) -> None:
        self.weak = weak
        self._votes: dict[str, Counter[str]] = {}
        self._best: dict[str, str] = {}
        self._fixed: set[str] = set()

    def fix(self, entities: Iterable[EntityDescription]) -> list[EntityDescription]:
        """The entities, whose classes (the catalog's) no vote changes once written."""
        entities = list(entities)
        self._fixed.update(str(e.iri) for e in entities)
        return entities

    def fixed(self, entity: str) -> bool:
        """Whether no vote changes the class of ``entity`` (a catalog entity)."""
        return entity in self._fixed

    def known(self, entity: str) -> bool:
        """Whether ``entity`` has votes already."""
        return entity in self._best

    def vote(
        self, entity: str, cls: str, *, new: bool = False, stored: str | None = None
    ) -> tuple[str, str] | None:
        """Count one article's class of ``entity``: (old, new class) when the best changes.

        ``new`` says the entity was just written with ``cls`` (a removed entity written
        again starts afresh).
        """
        if new or entity not in self._best:
            first = cls if new or stored is None else stored
            self._votes[entity], self._best[entity] = Counter({first: 0 if new else 1}), first
        votes, before = self._votes[entity], self._best[entity]
        votes[cls] += 1
        best = max(votes, key=lambda c: (c != self.weak, votes[c], c == before))
        if best == before:
            return None
        self._best[entity] = best
        return before, best


def entity_triples(
    entities: Iterable[EntityDescription],
    votes: ClassVotes,
    first: Callable[[URIRef, URIRef], Any],
    remove: Callable[[Triple], None],
) -> Iterator[Triple]:
    """The triples that describe ``entities`` in a store's entities graph.

    Type and label once per entity (the first label seen wins; another is an altLabel),
    every name as altLabel; the type then follows the class most articles give the
    entity (``votes``; never for the entities it fixed, the catalog's). ``first`` finds
    a stored quad of an entity and a predicate (or None), ``remove`` drops a stored
    triple (the old type).
    """
    for entity in entities:
        label = _value(first(entity.iri, RDFS.label))
        if label is None:
            yield from entity.core
        elif label != entity.label:
            yield entity.iri, SKOS.altLabel, Literal(entity.label, lang="en")
        cls = next((o for _s, p, o in entity.core if p == RDF.type), None)
        key = str(entity.iri)
        if cls is not None and (label is None or not votes.fixed(key)):
            known = label is None or votes.known(key)
            stored = None if known else _value(first(entity.iri, RDF.type))
            change = votes.vote(key, str(cls), new=label is None, stored=stored)
            if change is not None:
                remove((entity.iri, RDF.type, URIRef(change[0])))
                yield entity.iri, RDF.type, URIRef(change[1])
        yield from entity.names


def _value(quad: Any) -> str | None:
    return quad.object.value if quad is not None else None
