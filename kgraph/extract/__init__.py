"""Extract facts, with their offsets, from a parsed article.

The rules read spaCy's ClearNLP-style dependency labels and find n-ary facts
(:func:`extract_facts`: subject, relation, object and further arguments, the
Open IE form the CaRB benchmark scores); the graph stores their binary triples
(:func:`extract_triples`):

- ``clauses``: one fact per predicate, subject and object (``svo``, ``svo_prep``,
  ``passive``, ``passive_agent``, ``copula``, ``clausal``), with ``subjects``
  finding own and inherited subjects;
- ``nominal``: appositions (``apposition``) and people's titles (``role``, ``role_of``);
- ``binary``: the graph triples of an n-ary fact;
- ``confidence``: a score that ranks facts, fitted on CaRB's dev split;
- ``arguments``: how a head token becomes a :class:`~kgraph.model.Mention`;
- ``mentions``: the article's names and noun chunks, which linking reads in context.

Every offset is a character offset into ``doc.text`` (the article text).

>>> import spacy
>>> from spacy.tokens import Doc
>>> from kgraph.ontology import load_ontology
>>> ontology = load_ontology()
>>> doc = Doc(spacy.blank("en").vocab, words=["Baku", "seized", "Lachin", "."],
...           heads=[1, 1, 1, 1], deps=["nsubj", "ROOT", "dobj", "punct"],
...           pos=["PROPN", "VERB", "PROPN", "PUNCT"], lemmas=["Baku", "seize", "Lachin", "."])
>>> [(t.subject.text, t.relation.lemma, t.object.text) for t in extract_triples(doc, ontology)]
[('Baku', 'seize', 'Lachin')]
>>> [openie_tuple(t) for t in extract_facts(doc, ontology)]
[('seized', ('Baku', 'Lachin'))]
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from kgraph.extract.arguments import Fact
from kgraph.extract.attribution import attribute
from kgraph.extract.binary import binary_facts
from kgraph.extract.clauses import clause_facts
from kgraph.extract.confidence import confidence, features
from kgraph.extract.mentions import name_mentions
from kgraph.extract.nominal import nominal_facts
from kgraph.extract.numbers import quantity_triples
from kgraph.extract.time import timestamp
from kgraph.model import Article, Mention, ParsedArticle, Span, SurfaceTriple
from kgraph.ontology import Ontology

__all__ = [
    "extract_article",
    "extract_facts",
    "extract_triples",
    "fact_features",
    "openie_tuple",
    "sentence_spans",
]


def sentence_spans(doc: Doc) -> tuple[Span, ...]:
    """The doc's sentences as spans without surrounding whitespace; blank ones are skipped."""
    spans = (_stripped(sent) for sent in doc.sents)
    return tuple(span for span in spans if span is not None)


def extract_article(article: Article, doc: Doc, ontology: Ontology) -> ParsedArticle:
    """What linking needs of an article: its sentences, binary facts and names in text order."""
    triples = tuple(extract_triples(doc, ontology, article.published))
    return ParsedArticle(article, sentence_spans(doc), triples, name_mentions(doc))


def extract_facts(doc: Doc, ontology: Ontology) -> Iterator[SurfaceTriple]:
    """Every n-ary fact the rules find in ``doc``, each once, with its further arguments."""
    for fact, sentence in _unique_facts(doc):
        yield _triple(fact, sentence, confidence(fact, ontology.confidence))


def fact_features(doc: Doc, ontology: Ontology) -> Iterator[tuple[SurfaceTriple, dict[str, float]]]:
    """Each fact of :func:`extract_facts` with the features its confidence reads (for fitting)."""
    for fact, sentence in _unique_facts(doc):
        yield _triple(fact, sentence, confidence(fact, ontology.confidence)), features(fact)


def extract_triples(
    doc: Doc, ontology: Ontology, published: str | None = None
) -> Iterator[SurfaceTriple]:
    """Every binary fact for the graph, each once (subject span, lemma, object span).

    Each fact carries its attribution and modality, and its time expression
    resolved against ``published`` (the article's ISO publication date) when
    known; the counts of the doc come as quantity facts after the others. The
    word tables and confidence weights are the ``ontology``'s.
    """
    seen: set[tuple[object, ...]] = set()
    for fact, sentence in _facts(doc):
        score = confidence(fact, ontology.confidence)
        for binary in binary_facts(fact):
            key = (_span(binary.subject), binary.relation.lemma, _span(binary.object))
            if key in seen or _same_thing(binary.subject, binary.object):
                continue
            seen.add(key)
            triple = _triple(binary, sentence, score, nary=False)
            yield timestamp(doc, attribute(doc, triple, ontology), published)
    for triple in quantity_triples(doc, sentence_spans(doc), ontology.quantities):
        yield timestamp(doc, attribute(doc, triple, ontology), published)


def openie_tuple(triple: SurfaceTriple) -> tuple[str, tuple[str, ...]]:
    """A fact as an Open IE tuple: (relation phrase, (subject, object, *arguments))."""
    args = (triple.subject.text, triple.object.text, *(a.text for a in triple.arguments))
    return triple.phrase or triple.relation.text, args


def _facts(doc: Doc) -> Iterator[tuple[Fact, Span]]:
    sentences = {sent.start: _stripped(sent) for sent in doc.sents}
    for fact in chain(clause_facts(doc), nominal_facts(doc)):
        sentence = sentences.get(fact.anchor.sent.start)
        if sentence is not None and not _same_thing(fact.subject, fact.object):
            yield fact, sentence


def _unique_facts(doc: Doc) -> Iterator[tuple[Fact, Span]]:
    seen: set[tuple[object, ...]] = set()
    for fact, sentence in _facts(doc):
        key = (_span(fact.subject), fact.phrase, _span(fact.object), *map(_arg_key, fact.arguments))
        if key not in seen:
            seen.add(key)
            yield fact, sentence


def _span(mention: Mention) -> tuple[int, int]:
    return (mention.start, mention.end)


def _arg_key(argument: object) -> tuple[int, int]:
    return _span(argument.mention)  # type: ignore[attr-defined]


def _stripped(sent: SpacySpan) -> Span | None:
    raw = sent.text
    if not raw.strip():
        return None
    start = sent.start_char + len(raw) - len(raw.lstrip())
    end = sent.start_char + len(raw.rstrip())
    return Span(raw.strip(), start, end)  # raw is doc.text[start_char:end_char]


def _same_thing(subject: Mention, obj: Mention) -> bool:
    return (subject.start, subject.end) == (obj.start, obj.end) or subject.key_span == obj.key_span


def _triple(fact: Fact, sentence: Span, score: float, nary: bool = True) -> SurfaceTriple:
    return SurfaceTriple(
        subject=fact.subject,
        relation=fact.relation,
        object=fact.object,
        sentence=sentence,
        rule=fact.rule,
        confidence=score,
        negated=fact.negated,
        arguments=tuple(a.mention for a in fact.arguments) if nary else (),
        phrase=fact.phrase if nary else "",
    )
