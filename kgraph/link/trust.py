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

>>> view = FactView("svo", 0.5, "ner", "new", False)
>>> sorted(trust_features(view))[:3]
['both_named', 'canonical', 'long_sentence']
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
    canonical: bool  # the relation is one of relations.ttl
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
            canonical=fact.relation.canonical,
            subject_text=surface.subject.text,
            object_text=surface.object.text,
            relation=fact.relation.key,
            subject_label=fact.subject.label,
            object_label=fact.object.label if isinstance(fact.object, Entity) else fact.object,
            sentence=surface.sentence.text,
        )


def trust_features(view: FactView) -> dict[str, float]:
    """Named features of a fact for the trust model.

    Few and coarse on purpose: the model is fitted on a few hundred verdicts, and
    5-fold cross-validation by article (``benchmarks/fit_trust.py``) ranked this set
    above the extractor's score and above a wider set of the same signals.
    """
    subject_label, object_label = view.subject_label, view.object_label or view.object_text
    return {
        f"rule={view.rule}": 1.0,
        f"subject_link={view.subject_link}": 1.0,
        f"object_link={view.object_link}": 1.0,
        "canonical": float(view.canonical),
        "open_preposition": float(not view.canonical and "_" in view.relation),
        # a bare common noun ("people", "action"): the node says little on its own
        "subject_bare": float(_bare(subject_label)),
        "object_bare": float(_bare(object_label)),
        "subject_common": float(_common(subject_label)),
        "object_common": float(_common(object_label)),
        "both_named": float(not _common(subject_label) and not _common(object_label)),
        "subject_pronoun": float(view.subject_text.lower() in _PRONOUNS),
        "subject_cut": float(_cut(subject_label, view.subject_text)),
        "object_cut": float(_cut(object_label, view.object_text)),
        "subject_time": float(bool(_TIME.search(view.subject_text))),
        "object_time": float(bool(_TIME.search(view.object_text))),
        "object_digit": float(any(c.isdigit() for c in view.object_text)),
        "modal": float(bool(_MODAL.search(view.sentence))),
        "long_sentence": float(len(view.sentence.split()) > 35),
        "many_commas": float(view.sentence.count(",") > 3),
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
_MODAL = re.compile(r"\b(?:will|would|could|might|may|should|can)\b")
_PRONOUNS = frozenset(["he", "she", "it", "they", "we", "i", "you"])
_DETERMINERS = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our"]
)


def _cut(label: str, text: str) -> bool:
    """The node's label leaves out more than one word of the text (determiners aside)."""
    words = [w for w in text.split() if w.lower() not in _DETERMINERS]
    return len(words) > len(label.split()) + 1


def _common(text: str) -> bool:
    """No capitalised word: a common noun phrase ("the people", "it"), not a name."""
    return not any(word[:1].isupper() for word in text.split())


def _bare(label: str) -> bool:
    """One lowercase word: a bare common noun."""
    return len(label.split()) == 1 and _common(label)
