"""Provenance of who says a fact and how sure it is: attribution, quotation, modality.

On the fact's provenance node: ``prov:wasAttributedTo`` the speaker's entity,
``kg:attributionCue`` (the reporting word's lemma), ``kg:quote`` (a direct
quotation's words), ``kg:denied true`` (the speaker denies it) and
``kg:modality`` (the hedging word); and the speech act itself, asserted in the
article's graph: ``<speaker> kg:states|claims|denies|accuses|warns <node>``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import XSD
from rdflib.namespace import PROV

from kgraph.model import LinkedFact
from kgraph.vocab import KG, Iris

__all__ = ["claim_triples"]

_XSD_BOOLEAN = ox.NamedNode(str(XSD.boolean))
_ATTRIBUTED_TO = ox.NamedNode(str(PROV.wasAttributedTo))
_CUE = ox.NamedNode(str(KG.attributionCue))
_QUOTE = ox.NamedNode(str(KG.quote))
_DENIED = ox.NamedNode(str(KG.denied))
_MODALITY = ox.NamedNode(str(KG.modality))


def claim_triples(
    iris: Iris, node: ox.NamedNode, fact: LinkedFact
) -> Iterator[tuple[Any, Any, Any]]:
    """The fact node's attribution and modality triples (pyoxigraph terms).

    >>> from kgraph.model import Span, Mention, RelationMention, SurfaceTriple
    >>> from kgraph.model import Entity, Relation, Provenance, LinkedFact, Attribution
    >>> m = Mention("Baku", 0, 4)
    >>> said = Attribution(m, "say")
    >>> surface = SurfaceTriple(m, RelationMention("hit", 5, 8, lemma="hit"), m,
    ...                         Span("", 0, 0), "svo", 1.0, attribution=said, modality="may")
    >>> baku = Entity("Baku", "Baku", "City")
    >>> fact = LinkedFact(baku, Relation("attacks", "attacks", True), baku, surface,
    ...                   Provenance("a1", Span("", 0, 0), "svo", 1.0), speaker=baku)
    >>> node = ox.NamedNode("https://example.org/fact/1")
    >>> sorted(p.value.split("#")[-1] for _, p, _ in claim_triples(Iris(), node, fact))
    ['attributionCue', 'modality', 'states', 'wasAttributedTo']
    """
    surface = fact.surface
    if surface.modality:
        yield node, _MODALITY, ox.Literal(surface.modality)
    attribution = surface.attribution
    if attribution is None:
        return
    yield node, _CUE, ox.Literal(attribution.cue)
    if attribution.quote is not None:
        yield node, _QUOTE, ox.Literal(attribution.quote.text)
    if attribution.denial:
        yield node, _DENIED, ox.Literal("true", datatype=_XSD_BOOLEAN)
    if fact.speaker is not None:
        speaker = ox.NamedNode(str(iris.entity(fact.speaker.key)))
        yield node, _ATTRIBUTED_TO, speaker
        yield speaker, ox.NamedNode(str(iris.relation(attribution.relation))), node
