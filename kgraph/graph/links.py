"""How each argument of a fact was linked: the method (in rdf.py) and its score."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import XSD

from kgraph.model import Entity, LinkedFact
from kgraph.vocab import KG

__all__ = ["link_triples"]

_DOUBLE = ox.NamedNode(str(XSD.double))
_SUBJECT_SCORE = ox.NamedNode(str(KG.subjectLinkScore))
_OBJECT_SCORE = ox.NamedNode(str(KG.objectLinkScore))


def link_triples(node: ox.NamedNode, fact: LinkedFact) -> Iterator[tuple[Any, Any, Any]]:
    """The scores of the subject's and (an entity) object's links on the fact node."""
    yield node, _SUBJECT_SCORE, _score(fact.subject_score)
    if isinstance(fact.object, Entity):
        yield node, _OBJECT_SCORE, _score(fact.object_score)


def _score(value: float) -> ox.Literal:
    return ox.Literal(repr(round(float(value), 3)), datatype=_DOUBLE)
