from __future__ import annotations

import pytest

from kgraph.link import Linker, link_article
from kgraph.model import (
    Article,
    LinkMethod,
    Mention,
    ParsedArticle,
    RelationMention,
    Span,
    SurfaceTriple,
)
from kgraph.ontology import Ontology


@pytest.fixture(scope="module")
def linker(ontology: Ontology) -> Linker:
    return Linker(ontology)


def _mention(text: str, ner: str | None = None, literal: bool = False) -> Mention:
    return Mention(text, 0, len(text), ner=ner, literal=literal)


@pytest.mark.parametrize(
    ("text", "ner", "key", "cls", "method"),
    [
        ("Azerbaijan", "GPE", "Azerbaijan", "Country", LinkMethod.CATALOG),
        ("Khankendi", "GPE", "Stepanakert", "City", LinkMethod.CATALOG),
        ("Stepanakert", None, "Stepanakert", "City", LinkMethod.CATALOG),
        ("the EU", "ORG", "European_Union", "Organization", LinkMethod.CATALOG),
        ("Armenia’s", "GPE", "Armenia", "Country", LinkMethod.CATALOG),
        ("the U.S.", "GPE", "United_States", "Country", LinkMethod.CATALOG),
        ("US", "GPE", "United_States", "Country", LinkMethod.CATALOG),
        ("Jean Harris", "PERSON", "jean_harris", "Person", LinkMethod.NER),
        ("Interfaxx", "ORG", "Interfax", "Organization", LinkMethod.FUZZY),
        ("Globex Corporation", "ORG", "globex_corporation", "Organization", LinkMethod.NER),
        ("the recent action", None, "recent_action", "Concept", LinkMethod.NEW),
        ("a military operation", None, "military_operation", "Concept", LinkMethod.NEW),
    ],
)
def test_link_resolves_mentions(
    linker: Linker, text: str, ner: str | None, key: str, cls: str, method: LinkMethod
) -> None:
    resolved = linker.resolve(_mention(text, ner))
    assert resolved is not None
    entity, how = resolved.entity, resolved.method
    if method in (LinkMethod.CATALOG, LinkMethod.FUZZY):
        assert entity.key.lower() == key.lower()
    else:
        assert entity.key == key
    assert (entity.cls, how) == (cls, method)


def test_link_same_name_is_one_node_whatever_the_case(linker: Linker) -> None:
    a = linker.entity(_mention("Military operation"))
    b = linker.entity(_mention("the military operation"))
    assert a is not None and b is not None and a.key == b.key


@pytest.mark.parametrize("text", ["", "the", " ’s ", "us", "It", "they"])
def test_link_empty_names_resolve_to_nothing(linker: Linker, text: str) -> None:
    assert linker.resolve(_mention(text)) is None


@pytest.mark.parametrize(
    ("phrase", "key", "canonical"),
    [
        ("launch", "initiates", True),
        ("unleash", "initiates", True),
        ("juggle with", "juggle with", False),
    ],
)
def test_link_relations(linker: Linker, phrase: str, key: str, canonical: bool) -> None:
    relation = linker.relation(phrase)
    assert (relation.key, relation.canonical) == (key, canonical)
    if not canonical:
        assert relation.label == phrase


def _triple(subject: Mention, lemma: str, obj: Mention) -> SurfaceTriple:
    sentence = Span("s", 0, 1)
    return SurfaceTriple(
        subject, RelationMention(lemma, 0, 1, lemma=lemma), obj, sentence, "svo", 0.9
    )


def test_link_fact_with_literal_object_and_provenance(linker: Linker) -> None:
    triple = _triple(
        _mention("Nikol Pashinyan", "PERSON"), "hold role", _mention("Prime Minister", literal=True)
    )
    fact = linker.fact(triple, "a1")
    assert fact is not None
    assert fact.object == "Prime Minister" and fact.object_method is LinkMethod.LITERAL
    assert fact.provenance.article_id == "a1" and fact.provenance.extractor == "svo"
    assert fact.subject.label == "Nikol Pashinyan"


def test_link_article_drops_facts_whose_argument_names_nothing(linker: Linker) -> None:
    good = _triple(_mention("Azerbaijan"), "launch", _mention("operation"))
    bad = _triple(_mention("the"), "launch", _mention("operation"))
    literal_subject = _triple(_mention("2020", literal=True), "see", _mention("war"))
    parsed = ParsedArticle(Article.from_text("x"), (), (good, bad, literal_subject))
    facts = list(link_article(linker, parsed))
    assert [f.subject.key for f in facts] == ["Azerbaijan"]
    assert {form for _, form in facts[0].surface_forms} == {"Azerbaijan", "operation"}
