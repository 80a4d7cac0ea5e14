"""Counts as facts: a table of news sentences through the real model, and their RDF."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import URIRef
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kgraph.extract import extract_triples, sentence_spans
from kgraph.extract.namings import size
from kgraph.extract.numbers import parse_number
from kgraph.graph.backends import to_oxigraph
from kgraph.graph.measures import count_literal
from kgraph.graph.rdf import article_triples
from kgraph.model import Article, SurfaceTriple
from kgraph.ontology import Ontology
from kgraph.vocab import PREFIXES, Iris

from .stores import linker_of

# (sentence, [(subject text, value, kind, qualifier, about text or None)]); an empty list: no count
POSITIVE = [
    (
        "At least 12 civilians were killed in the shelling of Stepanakert on Tuesday.",
        [("civilians", 12, "deaths", "at least", "the shelling of Stepanakert")],
    ),
    (
        "Approximately 120,000 residents remain in the enclave.",
        [("residents", 120000, "residents", "about", "the enclave")],
    ),
    (
        "About 2,000 Russian peacekeepers are deployed in the region.",
        [("Russian peacekeepers", 2000, "troops", "about", "the region")],
    ),
    (
        "More than 100,000 people have fled to Armenia since the offensive began.",
        [("people", 100000, "displaced", "over", None)],
    ),
    ("Up to 200 troops could be sent to the border.", [("troops", 200, "troops", "up to", None)]),
    (
        "192 soldiers were killed during the two-day offensive.",
        [("soldiers", 192, "deaths", None, "the two-day offensive")],
    ),
    (
        "The ministry reported 23 injuries and two deaths.",
        [("injuries", 23, "injuries", None, None), ("deaths", 2, "deaths", None, None)],
    ),
    (
        "The death toll from the landslide rose to 37.",
        [("toll", 37, "deaths", None, "the landslide")],
    ),
    (
        "Nearly 3,000 refugees crossed the border overnight.",
        [("refugees", 3000, "displaced", "about", None)],
    ),
    (
        "Some 1.5 million people live in the capital.",
        [("people", 1500000, "residents", "about", "the capital")],
    ),
    (
        "Fewer than 50 protesters gathered outside parliament.",
        [("protesters", 50, "protester", "at most", None)],
    ),
    ("Exactly 40 servicemen were captured.", [("servicemen", 40, "detained", "exactly", None)]),
    (
        "The mine explosion that killed six Azerbaijanis fueled the crisis.",
        [("Azerbaijanis", 6, "deaths", None, "The mine explosion")],
    ),
    (
        "Twenty-three people were wounded in the attack.",
        [("people", 23, "injuries", None, "the attack")],
    ),
    (
        "Over 10,000 Armenian armed forces remain in Karabakh.",
        [("Armenian armed forces", 10000, "troops", "over", "Karabakh")],
    ),
    (
        "The blast killed 4 and injured nine others, officials said.",
        [("killed", 4, "deaths", None, "The blast"), ("others", 9, "injuries", None, None)],
    ),
    (
        "The shelling resulted in at least five casualties, including a child.",
        [("casualties", 5, "casualties", "at least", "The shelling")],
    ),
    (
        "More than 6,500 people lost their lives in the war.",
        [("people", 6500, "deaths", "over", "the war")],
    ),
    # a proper noun before the number without a determiner is no product name (telegraphic text)
    ("Azerbaijan 12 soldiers were killed.", [("soldiers", 12, "deaths", None, None)]),
    ("The Taliban's 300 fighters surrendered.", [("fighters", 300, "troops", None, None)]),
]
NEGATIVE = [
    "The war ended in 2020 after 44 days of fighting.",
    "The 25-year-old soldier was killed.",
    "The two countries signed a ceasefire.",
    "Prices rose by 15 percent.",
    "Azerbaijan spent $2 billion on weapons.",
    "Dozens of people were injured.",
    "Thousands of residents fled the city.",
    "The convoy travelled 60 kilometres.",
    "One of the soldiers was wounded.",
    "Talks will resume on September 19.",
    "Armenia did not report any casualties.",
    "Several soldiers were injured by artillery fire.",
    "The ceasefire was signed at 10 a.m. local time.",
    "He spent three years in prison.",
    "The 2020 war lasted six weeks.",
    # a model number or a size is no count
    "Airbus said two of the Rolls-Royce Trent 900 engines would be replaced.",
    "Apple highlighted the new Safari 4.0 web browser.",
    'The Pro can be purchased with either 15" or 17" displays.',
]


def _counts(nlp: Any, ontology: Ontology, sentence: str) -> list[SurfaceTriple]:
    return [t for t in extract_triples(nlp(sentence), ontology) if t.quantity is not None]


def _row(triple: SurfaceTriple) -> tuple[str, int | float, str, str | None, str | None]:
    q = triple.quantity
    assert q is not None
    return (triple.subject.text, q.value, q.kind, q.qualifier, q.about.text if q.about else None)


@pytest.mark.parametrize(("sentence", "expected"), POSITIVE)
def test_quantities_positive_table(
    nlp: Any, ontology: Ontology, sentence: str, expected: list[tuple]
) -> None:
    found = _counts(nlp, ontology, sentence)
    assert [_row(t) for t in found] == expected
    for triple in found:
        assert triple.relation.lemma == "count" and triple.rule == "quantity"
        assert triple.object.literal and not triple.asserted
        assert sentence[triple.object.start : triple.object.end] == triple.object.text
        assert triple.sentence.text == sentence


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_quantities_negative_table(nlp: Any, ontology: Ontology, sentence: str) -> None:
    assert [_row(t) for t in _counts(nlp, ontology, sentence)] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("120,000", 120000),
        ("1.5 million", 1500000),
        ("twenty-three", 23),
        ("eleven", 11),
        ("2.5", 2.5),
        ("a dozen", 12),
        ("two hundred", 200),
        ("dozens", None),
        ("thousands", None),
        ("several", None),
    ],
)
def test_quantities_parse_number(ontology: Ontology, text: str, value: int | float | None) -> None:
    assert parse_number(text, ontology.quantities) == value


def test_quantities_count_resolves_to_the_canonical_relation(ontology: Ontology) -> None:
    relation = linker_of(ontology).relation("count")
    assert relation.canonical and relation.key == "count"


TEXT = "At least 12 civilians were killed in the blast. Some 2.5 million people live in Baku."


def _store(nlp: Any, ontology: Ontology, published: str | None = None) -> ox.Store:
    article = Article.from_text(TEXT, published=published)
    doc = nlp(TEXT)
    triples = tuple(extract_triples(doc, ontology, published))
    linker = linker_of(ontology)
    facts = [f for t in triples if (f := linker.fact(t, article.id)) is not None]
    iris = Iris("https://example.org/kg/")
    run = URIRef("https://example.org/kg/run/1")
    graph = ox.NamedNode(str(iris.article(article.id)))
    store = ox.Store()
    for s, p, o in article_triples(iris, article, sentence_spans(doc), facts, run):
        store.add(ox.Quad(*(_ox(x) for x in (s, p, o)), graph))
    return store


def _ox(term: Any) -> Any:
    return term if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)) else to_oxigraph(term)


def _select(store: ox.Store, query: str) -> list[dict[str, Any]]:
    prefixes = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
    solutions = store.query(prefixes + query, use_default_graph_as_union=True)
    return [{v.value: s[v] for v in solutions.variables} for s in solutions]


def test_quantities_rdf_typed_counts(nlp: Any, ontology: Ontology) -> None:
    rows = _select(
        _store(nlp, ontology),
        """SELECT ?kind ?n ?q ?about ?obj ?subject WHERE {
             ?f a kg:Quantity ; kg:count ?n ; kg:quantityKind ?kind ; rdf:object ?obj ;
                rdf:predicate kg:count ; rdf:subject ?subject .
             OPTIONAL { ?f kg:qualifier ?q } OPTIONAL { ?f kg:about ?about } } ORDER BY ?kind""",
    )
    assert [(r["kind"].value, r["n"].value, r["q"].value) for r in rows] == [
        ("deaths", "12", "at least"),
        ("residents", "2500000", "about"),
    ]
    assert rows[0]["n"].datatype.value.endswith("#integer")
    assert rows[0]["obj"] == rows[0]["n"]  # rdf:object is the typed number too
    # "the blast" is keyed by its usual word ([synonyms] in linking.toml), "explosion";
    # common nouns are the article's own nodes (issue 14: "civilians" of one article are
    # not those of another), so the key is prefixed by the article
    assert rows[0]["about"].value.endswith(".explosion")
    assert rows[0]["subject"].value.endswith(".civilians")
    assert rows[1]["about"].value.endswith("/entity/Baku")


def test_quantities_are_never_plain_triples(nlp: Any, ontology: Ontology) -> None:
    rows = _select(_store(nlp, ontology), "SELECT ?s ?o WHERE { ?s kg:count ?o . ?s a kg:Entity }")
    assert rows == []
    asked = _select(_store(nlp, ontology), "SELECT ?s WHERE { ?s kg:count ?o FILTER(isIRI(?s)) }")
    assert all("/fact/" in r["s"].value for r in asked)


def test_quantities_decimal_count() -> None:
    literal = count_literal(2.75)
    assert (literal.value, literal.datatype.value.rsplit("#")[1]) == ("2.75", "decimal")
    assert count_literal(3.0).datatype.value.endswith("#integer")


@pytest.mark.parametrize(
    ("words", "spaces", "inches"),
    [
        (["with", "17", '"', "displays"], [True, False, True, False], True),
        (["a", "13.3", "″", "screen"], [True, False, True, False], True),
        (["said", '"', "12", '"', "people"], [True, False, False, True, False], False),
        (["gang", "of", "four", '"', "senators"], [True, True, False, True, False], False),
        (["with", "17", '"', "displays"], [True, True, True, False], False),
    ],
)
def test_quantities_inch_mark_is_a_size(words: list[str], spaces: list[bool], inches: bool) -> None:
    """A mark right after digits is inches; after a word or a quoted number it closes a quote."""
    doc = Doc(Vocab(), words=words, spaces=spaces)
    number = next(t for t in doc if t.text[0].isdigit() or t.text == "four")
    assert size(number) is inches
