"""Issue 14, part 4 (second wave): the class of a named node from the words around it.

Each rule has a positive and a negative case, on hand-built mentions (no spaCy model):
a name of several words between commas after a title or role is a person's ("Ryanair
CEO, Michael O' Leary,"; the head of "The Vice President and general counsel of the
company", not "company"); a name given by "named", "called" or "known as" takes the
class of its noun ("a dynamic task manager named Mission Control": a program); a name
after ", or" takes the class of the name before it ("The Boeing 787, or Dreamliner"); a
product line of a name the article calls a product is a product ("Mac OS X Lion" after
"the Mac OS X operating system").
"""

from __future__ import annotations

import pytest

from kgraph.link import ArticleContext, Linker
from kgraph.link.kinds import name_kind
from kgraph.model import Mention, Span
from kgraph.ontology import Ontology


def _in(text: str, part: str, ner: str | None = None) -> Mention:
    start = text.index(part)
    return Mention(part, start, start + len(part), ner=ner)


@pytest.mark.parametrize(
    ("text", "name", "ner", "expected"),
    [
        (
            "Ryanair CEO, Michael O' Leary, justified his choice.",
            "Michael O' Leary",
            "GPE",
            "Person",
        ),
        (
            "The Vice President and general counsel of the company, Mark Chandler, explained it.",
            "Mark Chandler",
            "ORG",
            "Person",
        ),
        (
            "It was told by the Israeli Foreign Minister, Shimon Peres, in a call.",
            "Shimon Peres",
            "ORG",
            "Person",
        ),
        ("His lawyer, John Smith, said so.", "John Smith", "ORG", "Person"),
        # negatives: a list's items, a one-word name that may be the firm, no title, no role
        ("It sells to McDonald's, Burger King, Taco Bell, and Wendy's.", "Taco Bell", "ORG", None),
        ("The chairman of the firm, Apple, said so.", "Apple", "ORG", "Organization"),
        ("The statement of the group, Mark Chandler, said.", "Mark Chandler", "GPE", None),
        (
            "Apple showed the features of its new operating system, Snow Leopard, and more.",
            "Snow Leopard",
            "PERSON",
            "Product",
        ),
    ],
)
def test_trust_classes2_a_name_apposed_to_a_title_is_a_person(
    ontology: Ontology, text: str, name: str, ner: str, expected: str | None
) -> None:
    assert name_kind(text, _in(text, name, ner), ontology.linking) == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "It shows a dynamic task manager named Mission Control that lists apps.",
            "Mission Control",
            "Product",
        ),
        ("Apple sells a phone called Galaxy Nexus.", "Galaxy Nexus", "Product"),
        ("They wrote a song known as Le Freak.", "Le Freak", "Work"),
        ("A man named John Smith called.", "John Smith", None),  # negative: a man is a person
        ("Police named John Smith as the driver.", "John Smith", None),  # negative: no noun
    ],
)
def test_trust_classes2_a_name_given_to_a_noun_takes_its_class(
    ontology: Ontology, text: str, name: str, expected: str | None
) -> None:
    assert name_kind(text, _in(text, name, "PERSON"), ontology.linking) == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("The Boeing 787, or Dreamliner, is a mid-sized airliner.", "Dreamliner", "Product"),
        ("The new airliner, or Dreamliner, flew.", "Dreamliner", "Product"),
        ("Sarah Jones, or Sally, is a friend.", "Sally", None),  # negative: a person's other name
        ("Take the bus, or Uber, to town.", "Uber", None),  # negative: a bus is no kind
    ],
)
def test_trust_classes2_another_name_after_or_takes_the_class_before(
    ontology: Ontology, text: str, name: str, expected: str | None
) -> None:
    assert name_kind(text, _in(text, name, "PERSON"), ontology.linking) == expected


def test_trust_classes2_a_product_line_of_a_product_name(ontology: Ontology) -> None:
    text = "Apple released the Mac OS X operating system in 2001. Mac OS X Lion was shown."
    rules = ontology.linking
    assert name_kind(text, _in(text, "Mac OS X Lion", "ORG"), rules) == "Product"
    # negatives: no product noun after the shorter name, and a company's name
    alone = "Mac OS X Lion was shown at an Apple event."
    assert name_kind(alone, _in(alone, "Mac OS X Lion", "ORG"), rules) is None
    firm = "Fares of the Singapore Airlines service rose. Singapore Airlines Cargo said so."
    assert name_kind(firm, _in(firm, "Singapore Airlines Cargo", "ORG"), rules) is None


def test_trust_classes2_the_linker_types_the_node(linker: Linker) -> None:
    text = "Ryanair CEO, Michael O' Leary, justified his choice of Boeing."
    mention = _in(text, "Michael O' Leary", "GPE")
    context = ArticleContext.collect(linker, text, [Span(text, 0, len(text))], [])
    context.remember_kind(mention, linker.rules)
    link = linker.resolve(mention, context)
    assert link is not None and link.entity.cls == "Person"
