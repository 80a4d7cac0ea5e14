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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the two countries", (("Country",), 2)),
        # sides of a conflict: countries or peoples ("Israel and the Palestinians")
        ("Both sides", (("Country", "Group"), 2)),
        ("these neighboring nations", (("Country",), 2)),
        ("the three presidents", (("Person",), 3)),
        ("both leaders", (("Person",), 2)),
        ("the countries", None),  # how many is not said
        ("the two years", None),  # not a description of parties
        ("the two Armenian villages", None),  # a name inside: not a description
        ("two countries", None),  # indefinite: new things, not earlier ones
    ],
)
def test_link_descriptions_of_several(linker: Linker, text: str, expected: object) -> None:
    assert linker.rules.group(text) == expected
    if expected is not None:
        assert linker.resolve(_mention(text)) is None  # never a node of its own
        assert linker.resolve_all(_mention(text)) == []  # nothing earlier: nothing


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("the enclave", ("Region",)),
        ("this mountainous enclave", ("Region",)),
        ("that country", ("Country",)),
        ("the breakaway region", ("Region",)),
        ("the Armenian army", None),  # a capitalised modifier makes a name
        ("an enclave", None),
    ],
)
def test_link_definite_descriptions(linker: Linker, text: str, description: object) -> None:
    found = linker.rules.description(text)
    assert (found[0] if found else None) == description


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("the mine blast", "mine_explosion"),
        ("a mine explosion", "mine_explosion"),
        ("the cease-fire", "ceasefire"),
        ("the truce", "ceasefire"),
        ("Blast Furnace Ltd", "blast_furnace_ltd"),  # names are never rewritten
    ],
)
def test_link_synonymous_common_nouns_share_a_key(linker: Linker, text: str, key: str) -> None:
    entity = linker.entity(_mention(text))
    assert entity is not None and entity.key == key


def test_link_pronoun_classes_come_from_the_class_tree(linker: Linker) -> None:
    it, they = linker.pronouns["it"], linker.pronouns["they"]
    assert it == (
        frozenset(
            {"Country", "Region", "City", "Place", "Route", "Facility", "Organization"}
            | {"GovernmentBody", "MilitaryForce", "Event", "Concept", "Work", "Product", "Award"}
        ),
        "s",
    )
    assert they == (
        frozenset({"Group", "MilitaryForce", "GovernmentBody", "Organization", "Person"}),
        "p",
    )
    assert linker.pronouns["she"] == (frozenset({"Person"}), "s")
    assert linker.named_classes == {
        "Organization",
        "GovernmentBody",
        "MilitaryForce",
        "Event",
        "Route",
    }
