"""A confidence that means something: the probability that a fact is CORRECT.

The extractor's own score (:mod:`kgraph.extract.confidence`, fitted on CaRB)
says how well a tuple matches what annotators write for a sentence. What a
reader needs is different: how likely a fact of the graph, with its linked
nodes, is right. That is a logistic regression over the extractor's score and
what linking made of the fact (its rule, how each node was found, the nodes'
classes, whether the relation is canonical, ...), fitted on blind verdicts
(docs/evaluation.md) by ``benchmarks/fit_trust.py`` into ``ontology/trust.json``.

:func:`calibrate` replaces a fact's ``kg:confidence`` by that probability (the
extractor's score stays as ``kg:extractionConfidence``) and holds back an
asserted fact under the build's ``--min-confidence``: it is then written as a
provenance node with ``kg:heldBack true`` and no plain triple.

>>> view = FactView("svo", 0.5, "ner", "new", 1.0, 1.0, "Person", "Concept", False)
>>> sorted(trust_features(view))[:3]
['attributed', 'canonical', 'extraction']
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass

from kgraph.model import Entity, LinkedFact, LinkMethod
from kgraph.ontology import ConfidenceWeights

__all__ = ["DEFAULT_MIN_CONFIDENCE", "FactView", "calibrate", "trust", "trust_features"]

#: The default ``--min-confidence`` of ``kgraph build`` (docs/evaluation.md gives its precision).
DEFAULT_MIN_CONFIDENCE = 0.0


@dataclass(frozen=True)
class FactView:
    """What the trust model reads of a fact: plain values, from a fact or from a store."""

    rule: str
    extraction: float  # the extractor's confidence
    subject_link: str  # a LinkMethod value
    object_link: str  # a LinkMethod value; "literal" for a literal object
    subject_score: float
    object_score: float
    subject_class: str
    object_class: str  # "" for a literal object
    canonical: bool  # the relation is one of relations.ttl
    attributed: bool = False
    timed: bool = False
    subject_text: str = ""
    object_text: str = ""
    relation: str = ""  # the relation's key: "states", or an open one such as "be_settle_in"
    subject_label: str = ""
    object_label: str = ""
    sentence: str = ""

    @classmethod
    def of(cls, fact: LinkedFact) -> FactView:
        """The view of a linked fact."""
        surface = fact.surface
        entity_object = isinstance(fact.object, Entity)
        return cls(
            rule=surface.rule,
            extraction=fact.provenance.confidence,
            subject_link=fact.subject_method.value,
            object_link=fact.object_method.value if entity_object else LinkMethod.LITERAL.value,
            subject_score=fact.subject_score,
            object_score=fact.object_score if entity_object else 1.0,
            subject_class=fact.subject.cls,
            object_class=fact.object.cls if isinstance(fact.object, Entity) else "",
            canonical=fact.relation.canonical,
            attributed=surface.attribution is not None,
            timed=surface.time is not None and surface.time.value is not None,
            subject_text=surface.subject.text,
            object_text=surface.object.text,
            relation=fact.relation.key,
            subject_label=fact.subject.label,
            object_label=fact.object.label if isinstance(fact.object, Entity) else fact.object,
            sentence=surface.sentence.text,
        )


def trust_features(view: FactView) -> dict[str, float]:
    """Named features of a fact for the trust model."""
    p = min(max(view.extraction, 1e-4), 1 - 1e-4)
    return {
        "extraction": math.log(p / (1 - p)),
        f"rule={view.rule}": 1.0,
        f"subject_link={view.subject_link}": 1.0,
        f"object_link={view.object_link}": 1.0,
        f"subject_class={view.subject_class}": 1.0,
        f"object_class={view.object_class or 'literal'}": 1.0,
        "subject_score": view.subject_score,
        "object_score": view.object_score,
        "canonical": float(view.canonical),
        "attributed": float(view.attributed),
        "timed": float(view.timed),
        "subject_words": math.log1p(len(view.subject_text.split())),
        "object_words": math.log1p(len(view.object_text.split())),
        "subject_common": float(_common(view.subject_text)),
        "object_common": float(_common(view.object_text)),
        "subject_cut": _cut(view.subject_label, view.subject_text),
        "object_cut": _cut(view.object_label, view.object_text),
        "object_of": float(" of " in f" {view.object_text} "),
        "subject_time": float(bool(_TIME.search(view.subject_text))),
        "object_time": float(bool(_TIME.search(view.object_text))),
        "open_preposition": float(not view.canonical and "_" in view.relation),
        "sentence_words": math.log1p(len(view.sentence.split())),
        "quoted": float(any(q in view.sentence for q in _QUOTES)),
        "question": float(view.sentence.rstrip().endswith("?")),
    }


def trust(view: FactView, model: ConfidenceWeights) -> float:
    """The fitted probability that the fact is CORRECT, rounded to 4 digits."""
    score = model.bias + sum(
        model.weights.get(name, 0.0) * value for name, value in trust_features(view).items()
    )
    return round(1.0 / (1.0 + math.exp(-score)), 4)


def calibrate(
    fact: LinkedFact, model: ConfidenceWeights, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> LinkedFact:
    """The fact with its calibrated confidence, held back when that is under ``min_confidence``.

    Without a fitted model (no weights) the extractor's score stands and is compared.
    """
    provenance = fact.provenance
    if model.weights:
        calibrated = trust(FactView.of(fact), model)
        provenance = dataclasses.replace(
            provenance, confidence=calibrated, extraction_confidence=provenance.confidence
        )
    held = fact.surface.asserted and provenance.confidence < min_confidence
    return dataclasses.replace(fact, provenance=provenance, held_back=held)


#: Words of a time or a number: a node made of them is rarely a thing.
_TIME = re.compile(
    r"\b(?:\d+|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|"
    r"march|april|may|june|july|august|september|october|november|december|today|yesterday|"
    r"week|month|year|day|decade|hour)s?\b",
    re.IGNORECASE,
)
_QUOTES = ('"', "“", "”")


def _cut(label: str, text: str) -> float:
    """How many words of the text the node's label leaves out (log scale)."""
    return math.log1p(max(0, len(text.split()) - len(label.split())))


def _common(text: str) -> bool:
    """No capitalised word: a common noun phrase ("the people", "it"), not a name."""
    return not any(word[:1].isupper() for word in text.split())
