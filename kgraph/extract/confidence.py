"""A confidence that ranks facts: a logistic regression over features of the parse and rule.

The weights are data (``ontology/confidence.json``, loaded into
:attr:`kgraph.ontology.Ontology.confidence`), fitted on the
dev split of CaRB by ``benchmarks/carb/fit_confidence.py``; the score is the
model's probability that a fact matches what annotators wrote.

>>> sigmoid(0.0)
0.5
"""

from __future__ import annotations

import math

from spacy.tokens import Token

from kgraph.extract.arguments import Fact
from kgraph.extract.lexicon import MODALS, PRONOUNS
from kgraph.ontology import ConfidenceWeights

__all__ = ["confidence", "features", "sigmoid"]

#: Dependency labels of the predicate that get a feature of their own.
_ANCHOR_DEPS = ("ROOT", "conj", "advcl", "relcl", "acl", "ccomp", "xcomp", "pcomp", "appos")


def sigmoid(x: float) -> float:
    """The logistic function."""
    return 1.0 / (1.0 + math.exp(-x))


def confidence(fact: Fact, model: ConfidenceWeights) -> float:
    """The fitted probability that ``fact`` is right, rounded to 4 digits."""
    weights = model.weights
    score = model.bias + sum(
        weights.get(name, 0.0) * value for name, value in features(fact).items()
    )
    return round(sigmoid(score), 4)


def features(fact: Fact) -> dict[str, float]:
    """Named features of a fact: its rule, shape, arguments and where its verb sits."""
    found = {f"rule={fact.rule}": 1.0, f"anchor={_anchor_dep(fact.anchor)}": 1.0}
    found.update(_shape(fact))
    found.update(_argument_features(fact))
    return found


def _anchor_dep(anchor: Token) -> str:
    return anchor.dep_ if anchor.dep_ in _ANCHOR_DEPS else "other"


def _words(text: str) -> float:
    return math.log1p(len(text.split()))


def _shape(fact: Fact) -> dict[str, float]:
    words = [w.lower_ for w in fact.verb_words]
    sentence = fact.anchor.sent
    return {
        "args": float(len(fact.arguments)),
        "args>=2": float(len(fact.arguments) >= 2),
        "relation_words": _words(fact.phrase or fact.relation.text),
        "negated": float(fact.negated),
        "modal": float(any(w in MODALS for w in words)),
        "sentence_words": math.log1p(len(sentence)),
        "verbs_in_sentence": math.log1p(sum(1 for t in sentence if t.pos_ == "VERB")),
    }


def _argument_features(fact: Fact) -> dict[str, float]:
    subject, obj = fact.subject_token, fact.object_token
    return {
        "subject_words": _words(fact.subject.text),
        "object_words": _words(fact.object.text),
        "argument_words": _words(" ".join(a.mention.text for a in fact.arguments)),
        "subject_pronoun": float(fact.subject.text.lower() in PRONOUNS),
        "subject_named": float(fact.subject.ner is not None),
        "object_named": float(fact.object.ner is not None),
        "subject_own": float(subject is not None and subject.head == fact.anchor),
        "object_noun": float(obj is not None and obj.pos_ in {"NOUN", "PROPN", "NUM"}),
        "subject_before": float(fact.subject.start < fact.object.start),
    }
