"""Issue 14, part 4: the right node and the right class, from the words of a name and around it.

Each rule has a positive and a negative case, on hand-built mentions (no spaCy model):
a name's last word gives its class ("Jules Verne Trophy": an Award), a model number after
a name makes the product ("the Boeing 787", never Boeing), a noun phrase's head decides
its class over a name in its complement ("contract to supply the Royal Air Force"), the
officials of a body are people, an idiom's noun ("remained in force") is no force, and
the store keeps the class most articles give an entity, not the first article's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Literal

from kgraph.graph import KGStore
from kgraph.graph.rdf import EntityDescription
from kgraph.link import ArticleContext, Linker
from kgraph.link.kinds import idiom, name_kind, own_kind, phrase_head, with_model_number
from kgraph.model import Mention, NameMention, Span
from kgraph.ontology import Ontology
from kgraph.vocab import KG


def _in(text: str, part: str, ner: str | None = None, head: str | None = None) -> Mention:
    """The mention of ``part`` in ``text``, its head ``head`` (a part of it) if given."""
    start = text.index(part)
    span = None
    if head is not None:
        at = text.index(head, start)
        span = Span(head, at, at + len(head))
    return Mention(part, start, start + len(part), head=span, ner=ner)


def _link(linker: Linker, text: str, mention: Mention) -> tuple[str, str]:
    context = ArticleContext.collect(linker, text, [Span(text, 0, len(text))])
    link = linker.resolve(mention, context)
    assert link is not None
    return link.entity.label, link.entity.cls


@pytest.mark.parametrize(
    ("name", "ner", "expected"),
    [
        ("Jules Verne Trophy", "PERSON", "Award"),  # spaCy: a person
        ("Nobel Peace Prize", "WORK_OF_ART", "Award"),
        ("Royal Australian Air Force", "PRODUCT", "MilitaryForce"),
        ("Hume Highway", "FAC", "Route"),
        ("Boeing 717", "ORG", "Product"),
        ("Jules Verne", "PERSON", None),  # negative: no kind word ends it
        ("World Cup", "EVENT", None),  # negative: spaCy's event stands
        ("Boeing 2007", "ORG", None),  # negative: a year is no model number
        ("the Prize", None, None),  # negative: not a name
    ],
)
def test_trust_classes_the_last_word_of_a_name(
    ontology: Ontology, name: str, ner: str, expected: str | None
) -> None:
    assert own_kind(name, ner, ontology.linking) == expected


@pytest.mark.parametrize(
    ("text", "part", "head", "expected"),
    [
        ("The Boeing 787 flew.", "The Boeing 787", "Boeing", "Boeing 787"),
        ("Jobs unveiled iPhone 4, with iOS 4.", "iPhone 4", "iPhone", "iPhone 4"),
        ("Fewer iPhone 4 users complained.", "Fewer iPhone 4 users", "iPhone", "iPhone"),
        ("Boeing 2007 profits rose.", "Boeing 2007 profits", "Boeing", "Boeing"),
        ("Apple sold it.", "Apple", None, "Apple"),
    ],
)
def test_trust_classes_a_model_number_after_a_name_joins_it(
    text: str, part: str, head: str | None, expected: str
) -> None:
    assert with_model_number(_in(text, part, "ORG", head)).key_span.text == expected


@pytest.mark.parametrize(
    ("text", "part", "head", "expected"),
    [
        ("The Boeing 787 entered service.", "The Boeing 787", "Boeing", ("Boeing 787", "Product")),
        ("Jobs unveiled iPhone 4 yesterday.", "iPhone 4", "iPhone", ("iPhone 4", "Product")),
        ("Boeing delivered the plane.", "Boeing", None, ("Boeing", "Organization")),
        (
            "He captured the Jules Verne Trophy in 1994.",
            "the Jules Verne Trophy",
            None,
            ("Jules Verne Trophy", "Award"),
        ),
    ],
)
def test_trust_classes_products_and_awards_are_linked_so(
    linker: Linker, text: str, part: str, head: str | None, expected: tuple[str, str]
) -> None:
    ner = "PERSON" if "Trophy" in part else "ORG"
    assert _link(linker, text, _in(text, part, ner, head)) == expected


@pytest.mark.parametrize(
    ("phrase", "head"),
    [
        ("13 billion contract to supply the Royal Air Force", "contract"),
        ("claims of systematic shelling by Armenian forces", "claims"),
        ("initial mandate for the new force", "mandate"),
        ("multinational force", "force"),  # negative: no complement
    ],
)
def test_trust_classes_the_head_of_a_phrase(phrase: str, head: str) -> None:
    assert phrase_head(phrase)[-1] == head


@pytest.mark.parametrize(
    ("text", "part", "cls"),
    [
        (
            "He won a 13 billion contract to supply the Royal Air Force.",
            "13 billion contract to supply the Royal Air Force",
            "Concept",
        ),
        ("They debated the use of force.", "use of force", "Concept"),
        ("Union officials met the minister.", "Union officials", "Group"),
        ("Senior Air Force officials said so.", "Senior Air Force officials", "Group"),
        ("A multinational force arrived.", "multinational force", "MilitaryForce"),  # negative
        ("The opposition forces advanced.", "opposition forces", "MilitaryForce"),  # negative
    ],
)
def test_trust_classes_a_phrase_takes_its_head_nouns_class(
    linker: Linker, text: str, part: str, cls: str
) -> None:
    assert _link(linker, text, _in(text, part))[1] == cls


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("The sanctions remained in force.", "force", True),
        ("A total ban is in place today.", "place", True),
        ("A total fire ban is in force in the ACT today.", "force in the ACT", True),
        ("They sent a force in the ACT.", "force in the ACT", False),
        ("Russia deployed a force in Syria.", "force", False),
        ("They met in Paris.", "Paris", False),
    ],
)
def test_trust_classes_an_idiom_names_no_entity(
    ontology: Ontology, text: str, part: str, expected: bool
) -> None:
    assert idiom(_in(text, part), text, ontology.linking) is expected


def test_trust_classes_an_idioms_noun_is_no_force(linker: Linker) -> None:
    text = "The sanctions remained in force."
    assert _link(linker, text, _in(text, "force"))[1] == "Concept"
    other = "Russia deployed a force in Syria."
    assert _link(linker, other, _in(other, "force"))[1] == "MilitaryForce"


def _describe(kg: KGStore, key: str, cls: object) -> EntityDescription:
    iri = kg.iris.entity(key)
    core = ((iri, RDF.type, cls), (iri, RDFS.label, Literal(key, lang="en")))
    return EntityDescription(iri, key, core, ())  # type: ignore[arg-type]


def _classes(kg: KGStore, key: str) -> set[str]:
    iri = kg.iris.entity(key)
    return {r["c"].value for r in kg.query(f"SELECT ?c WHERE {{ <{iri}> a ?c }}")}


def test_trust_classes_the_store_keeps_the_class_most_articles_give(tmp_path: Path) -> None:
    with KGStore.open(tmp_path / "kg", create=True) as kg:
        for n, cls in enumerate((KG.Organization, KG.Product, KG.Product)):
            kg.add_article(kg.iris.article(f"a{n}"), [], [_describe(kg, "iPhone", cls)])
        for n, cls in enumerate((KG.Person, KG.Organization)):  # a tie keeps the first
            kg.add_article(kg.iris.article(f"b{n}"), [], [_describe(kg, "Ntini", cls)])
        for n, cls in enumerate((KG.Concept, KG.Concept, KG.Work)):  # a Concept: no class
            kg.add_article(kg.iris.article(f"c{n}"), [], [_describe(kg, "Le Freak", cls)])
        assert _classes(kg, "iPhone") == {str(KG.Product)}
        assert _classes(kg, "Ntini") == {str(KG.Person)}
        assert _classes(kg, "Le Freak") == {str(KG.Work)}


def test_trust_classes_the_catalogs_class_is_never_outvoted(tmp_path: Path) -> None:
    with KGStore.open(tmp_path / "kg", create=True) as kg:
        kg.add_entities([_describe(kg, "Armenia", KG.Country)])
        for n in range(3):
            kg.add_article(kg.iris.article(f"a{n}"), [], [_describe(kg, "Armenia", KG.Person)])
        assert _classes(kg, "Armenia") == {str(KG.Country)}


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("But Ntini batted for more than an hour.", "Ntini", "Person"),  # spaCy: ORG
        ("He was attached to Benares, where devout Hindus come.", "Benares", "Place"),
        ("Le Freak is a song by Chic.", "Le Freak", "Work"),
        ("Cisco is a company in San Jose.", "Cisco", "Organization"),
        ("Volvo ocean racer Tyco, the yacht of the race, leads.", "Tyco", "Product"),
        ("Qantas said it would cut flights.", "Qantas", None),  # negative: anyone says
        ("Ntini and Hayward offered resistance.", "Ntini", None),  # negative: no cue
        ("Cisco, which makes routers, sued.", "Cisco", None),  # negative: no place clause
    ],
)
def test_trust_classes_the_words_after_a_name(
    ontology: Ontology, text: str, name: str, expected: str | None
) -> None:
    start = text.index(name)
    assert name_kind(text, Mention(name, start, start + len(name)), ontology.linking) == expected


def test_trust_classes_a_verb_of_people_makes_the_name_a_person(linker: Linker) -> None:
    text = "But Ntini batted for more than an hour. Ntini offered resistance."
    later = text.rindex("Ntini")
    context = ArticleContext.collect(
        linker,
        text,
        [Span(text, 0, len(text))],
        [NameMention(_in(text, "Ntini", "ORG"), False, True)],
    )
    link = linker.resolve(Mention("Ntini", later, later + 5, ner="ORG"), context)
    assert link is not None and link.entity.cls == "Person"
    other = "Ntini offered resistance."
    assert _link(linker, other, _in(other, "Ntini", "ORG"))[1] == "Organization"


@pytest.mark.parametrize(
    ("text", "part", "ner", "expected"),
    [
        ("Apple introduced the much-anticipated iPhone.", "iPhone", "ORG", ("iPhone", "Product")),
        ("Fans bought the new iTunes.", "iTunes", None, ("iTunes", "Product")),
        (
            "The details will be kept confidential Singapore Airlines is the first airline.",
            "confidential Singapore Airlines",
            "ORG",
            ("Singapore Airlines", "Organization"),
        ),
        ("The final Boeing left the plant.", "final Boeing", "ORG", ("Boeing", "Organization")),
        ("Apple sold the phone.", "Apple", "ORG", ("Apple", "Organization")),  # negative
        ("The iPhone users sued.", "iPhone users", None, ("iPhone users", "Concept")),
        ("The new iPhone model sold.", "new iPhone model", None, ("new iPhone model", "Concept")),
    ],
)
def test_trust_classes_camel_case_products_and_adjectives_before_names(
    linker: Linker, text: str, part: str, ner: str | None, expected: tuple[str, str]
) -> None:
    start = text.lower().index(part.lower())
    mention = Mention(text[start : start + len(part)], start, start + len(part), ner=ner)
    assert _link(linker, text, mention) == expected
