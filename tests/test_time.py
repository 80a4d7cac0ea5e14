"""Time expressions of facts: a table of news sentences through the real model, and resolution."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from kgraph.extract import extract_triples, sentence_spans
from kgraph.extract.time import resolve
from kgraph.graph.backends import to_oxigraph
from kgraph.graph.measures import time_literal
from kgraph.graph.rdf import article_triples
from kgraph.model import Article
from kgraph.ontology import Ontology
from kgraph.vocab import PREFIXES, Iris

from .stores import linker_of

# (sentence, publication date, relation lemma of the fact, expected (time text, value) or None)
TABLE = [
    (
        "Azerbaijan launched an offensive on Tuesday.",
        "2023-09-20",
        "launch",
        ("on Tuesday", "2023-09-19"),
    ),
    (
        "Azerbaijan launched an offensive on Tuesday.",
        "2023-09-19",
        "launch",
        ("on Tuesday", "2023-09-19"),
    ),
    ("Azerbaijan launched an offensive on Tuesday.", None, "launch", ("on Tuesday", None)),
    ("The ceasefire was signed in 2020.", "2023-09-20", "be sign in", ("in 2020", "2020")),
    (
        "Russian troops arrived in November 2020.",
        None,
        "arrive in",
        ("in November 2020", "2020-11"),
    ),
    ("The talks were held on Dec. 1.", "2023-05-31", "be hold on", ("on Dec. 1", "2022-12-01")),
    ("The talks were held on Dec. 1.", None, "be hold on", ("on Dec. 1", None)),
    (
        "Talks resumed on September 19.",
        "2023-09-25",
        "resume on",
        ("on September 19", "2023-09-19"),
    ),
    ("Armenia closed the border last week.", "2023-09-20", "close", ("last week", "2023-09-11")),
    (
        "Azerbaijani forces shelled Stepanakert overnight.",
        "2023-09-20",
        "shell",
        ("overnight", "2023-09-19"),
    ),
    (
        "Three years after the war, Azerbaijan launched an offensive.",
        "2023-09-20",
        "launch",
        ("Three years after the war", None),
    ),
    ("The president met the envoy yesterday.", "2023-09-20", "meet", ("yesterday", "2023-09-19")),
    ("The blockade began in December.", "2023-09-20", "begin in", ("in December", "2022-12")),
    (
        "Officials said on Monday that troops withdrew in 2021.",
        "2023-09-20",
        "withdraw in",
        ("in 2021", "2021"),
    ),
    (
        "Azerbaijan regained the territory three years ago.",
        "2023-09-20",
        "regain",
        ("three years ago", "2020"),
    ),
    (
        "The clashes continued overnight on Monday (September 12).",
        "2023-05-31",
        "continue on",
        ("September 12", "2022-09-12"),
    ),
    (
        "The ministry announced the operation on 19 September 2023.",
        None,
        "announce",
        ("on 19 September 2023", "2023-09-19"),
    ),
    ("Armenia and Azerbaijan fought a war.", "2023-09-20", "fight", None),
    ("Azerbaijan has blocked the road for months.", "2023-09-20", "block", None),
    ("The two countries have a decades-old enmity.", "2023-09-20", "have", None),
    ("Azerbaijan captured the town after a 44-day war.", "2023-09-20", "capture", None),
]


@pytest.mark.parametrize(("sentence", "published", "lemma", "expected"), TABLE)
def test_time_table(
    nlp: Any,
    ontology: Ontology,
    sentence: str,
    published: str | None,
    lemma: str,
    expected: tuple | None,
) -> None:
    triples = [
        t for t in extract_triples(nlp(sentence), ontology, published) if t.relation.lemma == lemma
    ]
    assert triples, f"no fact with relation {lemma!r}"
    time = triples[0].time
    got = None if time is None else (time.text, time.value)
    assert got == expected
    if time is not None:
        assert sentence[time.start : time.end] == time.text


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("on Tuesday", "2023-09-20", "2023-09-19"),
        ("Tuesday", "2023-09-19", "2023-09-19"),  # on or before publication
        ("on Tuesday", "2023-09-19T08:30:00Z", "2023-09-19"),
        ("on Tuesday", "2023-09", None),  # a month has several Tuesdays
        # September 1-18 resolve to 2022-09-19, September 19-30 to 2023-09-19: ambiguous
        ("September 19", "2023-09", None),
        ("in 2020", None, "2020"),
        ("in the fall of 2020", None, "2020"),
        ("the early 1990s", None, None),
        ("last month", "2023-09-20", "2023-08"),
        ("last year", "2023-09-20", "2022"),
        ("overnight", "2023-09-20", "2023-09-19"),
        ("overnight", None, None),
        ("today", "2023-09-20", "2023-09-20"),
        ("earlier this month", "2023-09-20", "2023-09"),
        ("two days ago", "2023-09-20", "2023-09-18"),
        ("three years after 2020", None, "2023"),
        ("two days after September 19, 2023", None, "2023-09-21"),
        ("three years after the war", "2023-09-20", None),
    ],
)
def test_time_resolve(text: str, published: str | None, value: str | None) -> None:
    assert resolve(text, published) == value


@pytest.mark.parametrize(
    ("value", "datatype"),
    [("2020", "gYear"), ("2020-11", "gYearMonth"), ("2023-09-19", "date"), ("20", None)],
)
def test_time_literal_types(value: str, datatype: str | None) -> None:
    literal = time_literal(value)
    assert (literal.datatype.value.rsplit("#")[1] if literal else None) == datatype


TEXT = "Azerbaijan launched an offensive on Tuesday. Armenia closed the border in a war."


def test_time_rdf_typed_and_text_kept(nlp: Any, ontology: Ontology) -> None:
    article = Article.from_text(TEXT, published="2023-09-20")
    doc = nlp(TEXT)
    linker = linker_of(ontology)
    facts = [
        f
        for t in extract_triples(doc, ontology, article.published)
        if (f := linker.fact(t, article.id)) is not None
    ]
    iris = Iris("https://example.org/kg/")
    graph = ox.NamedNode(str(iris.article(article.id)))
    store = ox.Store()
    run = URIRef("https://example.org/kg/run/1")
    for s, p, o in article_triples(iris, article, sentence_spans(doc), facts, run):
        store.add(
            ox.Quad(
                *(
                    x if isinstance(x, (ox.NamedNode, ox.Literal)) else to_oxigraph(x)
                    for x in (s, p, o)
                ),
                graph,
            )
        )
    prefixes = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
    query = """SELECT ?rel ?t ?text WHERE { ?f kg:relationText ?rel .
        OPTIONAL { ?f kg:time ?t } OPTIONAL { ?f kg:timeText ?text }
        FILTER(?t >= "2023-09-01"^^xsd:date) }"""
    rows = list(store.query(prefixes + query, use_default_graph_as_union=True))
    assert rows and {(r["t"].value, r["text"].value) for r in rows} == {
        ("2023-09-19", "on Tuesday")
    }
    assert all(r["rel"].value.startswith("launched") for r in rows)
    assert all(r["t"].datatype.value.endswith("#date") for r in rows)
    untimed = (
        "SELECT ?f WHERE { ?f kg:relationText 'closed' FILTER NOT EXISTS { ?f kg:timeText ?x } }"
    )
    assert len(list(store.query(prefixes + untimed, use_default_graph_as_union=True))) >= 1
