"""Extract subject-relation-object facts, with their offsets, from a parsed article.

The rules read spaCy's ClearNLP-style dependency labels:

- ``clauses``: active clauses (``svo``, ``svo_prep``, ``object_prep``), passives
  (``passive_agent`` turned active, ``passive``) and copulas (``copula``, ``copula_of``);
- ``nominal``: appositions (``apposition``, ``apposition_of``) and people's
  titles (``role``, ``role_of``);
- ``arguments``: how a head token becomes a :class:`~kgraph.model.Mention`.

Every offset is a character offset into ``doc.text`` (the article text).

>>> import spacy
>>> from spacy.tokens import Doc
>>> doc = Doc(spacy.blank("en").vocab, words=["Baku", "seized", "Lachin", "."],
...           heads=[1, 1, 1, 1], deps=["nsubj", "ROOT", "dobj", "punct"],
...           pos=["PROPN", "VERB", "PROPN", "PUNCT"], lemmas=["Baku", "seize", "Lachin", "."])
>>> [(t.subject.text, t.relation.lemma, t.object.text) for t in extract_triples(doc)]
[('Baku', 'seize', 'Lachin')]
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from kgraph.extract.arguments import Fact
from kgraph.extract.clauses import clause_facts
from kgraph.extract.nominal import nominal_facts
from kgraph.model import Mention, Span, SurfaceTriple

__all__ = ["RULE_CONFIDENCE", "extract_triples", "sentence_spans"]

#: Confidence of each rule's facts when both arguments are named entities.
RULE_CONFIDENCE: dict[str, float] = {
    "svo": 0.9,
    "passive_agent": 0.85,
    "role": 0.85,
    "role_of": 0.8,
    "copula": 0.8,
    "apposition": 0.8,
    "copula_of": 0.75,
    "apposition_of": 0.75,
    "svo_prep": 0.7,
    "passive": 0.7,
    "object_prep": 0.55,
}
#: Taken off for each argument that is neither a named entity nor a literal.
_UNNAMED_PENALTY = 0.05


def sentence_spans(doc: Doc) -> tuple[Span, ...]:
    """The doc's sentences as spans without surrounding whitespace; blank ones are skipped."""
    spans = (_stripped(sent) for sent in doc.sents)
    return tuple(span for span in spans if span is not None)


def extract_triples(doc: Doc) -> Iterator[SurfaceTriple]:
    """Every fact the rules find in ``doc``, each once (subject span, lemma, object span)."""
    sentences = {sent.start: _stripped(sent) for sent in doc.sents}
    seen: set[tuple[int, int, str, int, int]] = set()
    for fact in chain(clause_facts(doc), nominal_facts(doc)):
        subj, obj = fact.subject, fact.object
        key = (subj.start, subj.end, fact.relation.lemma, obj.start, obj.end)
        sentence = sentences.get(fact.anchor.sent.start)
        if key in seen or sentence is None or _same_thing(subj, obj):
            continue
        seen.add(key)
        yield _triple(fact, sentence)


def _stripped(sent: SpacySpan) -> Span | None:
    raw = sent.text
    if not raw.strip():
        return None
    start = sent.start_char + len(raw) - len(raw.lstrip())
    end = sent.start_char + len(raw.rstrip())
    return Span.of(sent.doc.text, start, end)


def _same_thing(subject: Mention, obj: Mention) -> bool:
    return (subject.start, subject.end) == (obj.start, obj.end) or subject.key_span == obj.key_span


def _confidence(fact: Fact) -> float:
    unnamed = sum(1 for m in (fact.subject, fact.object) if m.ner is None and not m.literal)
    return round(RULE_CONFIDENCE[fact.rule] - _UNNAMED_PENALTY * unnamed, 2)


def _triple(fact: Fact, sentence: Span) -> SurfaceTriple:
    return SurfaceTriple(
        subject=fact.subject,
        relation=fact.relation,
        object=fact.object,
        sentence=sentence,
        rule=fact.rule,
        confidence=_confidence(fact),
        negated=fact.negated,
    )
