"""A small store whose literals hold control characters, built without the spaCy model.

Helpers, not fixtures: the test modules wrap them in fixtures of the scope they need.
Ingest removes such characters now, but stores built before, data loaded from
elsewhere and CONSTRUCT results may still hold them, so every writer is tested on it.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kgraph.graph import (
    KGStore,
)
from kgraph.model import Article, Mention, RelationMention, Span, SurfaceTriple
from kgraph.ontology import Ontology

from .stores import linker_of, write_facts

#: Every character that broke an output: ESC (a colour code), BEL, U+0001-U+0003,
#: the right-to-left override and the non-character U+FFFE.
CONTROLS = "\x1b[31m\x07\x01\x02\x03\u202e\ufffe"
_TEXT = "Azerbaijan attacked Armenia.\n\nRussia urged Azerbaijan."
_LABELLED = {
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://purl.org/dc/terms/title",
    "https://w3id.org/kgraph/ns#text",
    "https://w3id.org/kgraph/ns#sentence",
}


def _triple(sentence: Span, subject: str, verb: str, lemma: str, obj: str) -> SurfaceTriple:
    """The surface triple of three words of ``sentence``, with their offsets in the article."""

    def mention(word: str) -> Mention:
        start = sentence.start + sentence.text.index(word)
        return Mention(word, start, start + len(word), ner="GPE")

    verb_start = sentence.start + sentence.text.index(verb)
    relation = RelationMention(verb, verb_start, verb_start + len(verb), lemma=lemma)
    return SurfaceTriple(mention(subject), relation, mention(obj), sentence, "svo", 0.8)


def _facts(ontology: Ontology, article: Article) -> list:
    linker = linker_of(ontology)
    first, second = Span.of(_TEXT, 0, 28), Span.of(_TEXT, 30, len(_TEXT))
    triples = [
        _triple(first, "Azerbaijan", "attacked", "attack", "Armenia"),
        _triple(second, "Russia", "urged", "urge", "Azerbaijan"),
    ]
    return [f for t in triples if (f := linker.fact(t, article.id))]


def build_control_store(folder: Path, ontology: Ontology) -> Path:
    """A store of one article and two facts, then every label, title and text given CONTROLS."""
    path = folder / "kg"
    article = Article.from_text(_TEXT, title="Clashes", published="2023-09-19")
    with KGStore.open(path, create=True) as kg:
        facts = _facts(ontology, article)
        assert len(facts) == 2, "the control store's facts did not link"
        write_facts(kg, article, (Span.of(_TEXT, 0, 28),), facts)
        old = [q for q in kg.quads() if q.predicate.value in _LABELLED]
        kg.backend.change(old, [_with_controls(q) for q in old])
    return path


def _with_controls(quad: ox.Quad) -> ox.Quad:
    literal = quad.object
    assert isinstance(literal, ox.Literal)
    text = f"{CONTROLS}{literal.value}{CONTROLS}"
    value = (
        ox.Literal(text, language=literal.language)
        if literal.language
        else ox.Literal(text, datatype=literal.datatype)
    )
    return ox.Quad(quad.subject, quad.predicate, value, quad.graph_name)
