"""Issue 14, parts 3-4: pronouns and descriptions resolved to what the article names.

Hand-built discourses (no spaCy model), as in ``tests/test_trust_coref.py``: each mention is
given with whether it is plural and a subject, as extraction hands them to linking.
"""

from __future__ import annotations

import re

import pytest

from kgraph.link import ArticleContext, Linker
from kgraph.link.kinds import introduced_noun, name_kind, relative_apposition, with_number_after
from kgraph.model import Mention, NameMention, Span
from kgraph.ontology import Ontology

from .test_trust_coref import _context, _pronoun

#: (text, [(mention, plural, subject)], the mention to resolve, the key it resolves to by
#: coreference, or None when it stays its own node)
Case = tuple[str, list[tuple[str, bool, bool]], str, str | None]

DESCRIPTIONS: list[Case] = [
    # "the airline" is the name the article introduced as an airline ...
    (
        "Irish airline Aer Lingus bought jets. Boeing lost. The airline offers flights.",
        [
            ("Irish airline Aer Lingus", False, True),
            ("Aer Lingus", False, True),
            ("Boeing", False, True),
            ("The airline", False, True),
        ],
        "The airline",
        "aer_lingus",
    ),
    # ... never the latest organisation the article did not call one
    (
        "Aer Lingus bought jets. Boeing lost. The airline offers flights.",
        [("Aer Lingus", False, True), ("Boeing", False, True), ("The airline", False, True)],
        "The airline",
        None,
    ),
    # an apposition after the name introduces it ("iCloud, a service that ...")
    (
        "Jobs showed iCloud, a service that syncs data. The service stores music.",
        [("iCloud", False, False), ("a service", False, False), ("The service", False, True)],
        "The service",
        "icloud",
    ),
    # so does one before it ("Apple's new offering, iCloud")
    (
        "Jobs showed the new cloud service, iCloud. The service stores music.",
        [
            ("the new cloud service", False, False),
            ("iCloud", False, False),
            ("The service", False, True),
        ],
        "The service",
        "icloud",
    ),
    # a product's name before the noun makes it one ("a new iCloud service") ...
    (
        "Jobs showed a new iCloud service. The service stores music.",
        [("a new iCloud service", False, False), ("iCloud", False, False)],
        "The service",
        "icloud",
    ),
    # ... an organisation's does not: "the Air Canada deal" is no Air Canada (the deal is)
    (
        "The Air Canada deal was signed. The deal covers 18 jets.",
        [("The Air Canada deal", False, True), ("Air Canada", False, False)],
        "The deal",
        "air_canada_deal",
    ),
    # a description never resolves to one set apart from another of its kind ...
    (
        "A larger quake hit Perth in 1968. The quake shook his house.",
        [("A larger quake", False, True), ("Perth", False, False)],
        "The quake",
        None,
    ),
    # ... but to one of the same thing, described more fully
    (
        "A six-week war broke out in 2020. The war ended with a truce.",
        [("A six-week war", False, True)],
        "The war",
        "six_week_war",
    ),
    (
        "Russian peacekeepers arrived. The peacekeepers left.",
        [("Russian peacekeepers", True, True)],
        "The peacekeepers",
        "Russian_peacekeeping_forces_in_Nagorno-Karabakh",  # the catalog's
    ),
    # an indefinite apposition with a relative clause is the name it follows
    (
        "The issue is Nagorno-Karabakh, an enclave that belongs to Azerbaijan.",
        [("Nagorno-Karabakh", False, False), ("an enclave", False, True)],
        "an enclave",
        "Nagorno-Karabakh",
    ),
    # not after a preposition: "In Kabul, a bomb that ..." is no Kabul
    (
        "In Kabul, a bomb that was hidden in a car exploded.",
        [("Kabul", False, False), ("a bomb", False, True)],
        "a bomb",
        None,
    ),
]


@pytest.mark.parametrize(("text", "names", "description", "expected"), DESCRIPTIONS)
def test_trust_coref2_description_is_what_the_article_named(
    linker: Linker,
    text: str,
    names: list[tuple[str, bool, bool]],
    description: str,
    expected: str | None,
) -> None:
    context = _context(linker, text, names)
    start = text.rindex(description)
    link = linker.resolve(Mention(description, start, start + len(description)), context)
    assert link is not None
    got = link.entity.key if link.method.value == "coreference" else None
    assert got == expected, f"{description!r} in {text!r}: {link.entity.key}"


def test_trust_coref2_role_apposed_to_a_name_in_the_discourse(linker: Linker) -> None:
    """The role's own mention in the discourse (spaCy called it a PERSON) is no person
    named inside it: "The former Chief Operating Officer, Tim Cook" is Tim Cook."""
    text = "The former Chief Operating Officer, Tim Cook will be succeeding Jobs."
    role = "The former Chief Operating Officer"
    context = _context(linker, text, [(role, False, True), ("Tim Cook", False, True)])
    link = linker.resolve(Mention(role, 0, len(role), ner="PERSON"), context)
    assert link is not None and link.entity.key == "tim_cook"
    # a role naming its holder already keeps them ("Foreign Minister Joschka Fischer")
    text = "He met Foreign Minister Joschka Fischer, Colin Powell said."
    role = "Foreign Minister Joschka Fischer"
    names = [(role, False, False), ("Joschka Fischer", False, False), ("Colin Powell", False, True)]
    context = _context(linker, text, names)
    start = text.index(role)
    link = linker.resolve(Mention(role, start, start + len(role)), context)
    assert link is not None and link.entity.key != "colin_powell"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "It" after "The Boeing 787, ..." is the plane, though spaCy's chunk is "The Boeing"
        ("Boeing sold jets. The Boeing 787, or Dreamliner, is new. It will carry 300.", "787"),
        # a name with no model number after it stays the company
        ("Boeing sold jets. The Boeing board, in Chicago, is new. It will carry 300.", "boeing"),
    ],
)
def test_trust_coref2_pronoun_after_a_model_number(
    linker: Linker, text: str, expected: str
) -> None:
    names = [("Boeing", False, True), ("The Boeing", False, True)]
    context = _context(linker, text, names)
    link = linker.resolve(_pronoun(text, "It@0"), context)
    assert link is not None and link.entity.key.lower().endswith(expected)


def test_trust_coref2_number_after_a_chunk() -> None:
    text = "The Boeing 787 orders rose, and the Boeing 787, a jet, flew."
    first = Mention("The Boeing", 0, 10, head=Span("Boeing", 4, 10))
    second = Mention("the Boeing", 32, 42, head=Span("Boeing", 36, 42))
    assert with_number_after(first, text) == first  # "787 orders": a count of orders
    assert with_number_after(second, text).key_span.text == "Boeing 787"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a copula after a name a preposition governs is said of the sentence's subject
        ("The iPhone developed by Cisco is a device which makes calls.", None),
        # one after the subject name is said of it
        ("Cisco is a company that sells routers.", "Organization"),
    ],
)
def test_trust_coref2_copula_kind_of_the_subject(
    ontology: Ontology, text: str, expected: str | None
) -> None:
    start = text.index("Cisco")
    assert name_kind(text, Mention("Cisco", start, start + 5), ontology.linking) == expected


def test_trust_coref2_introduced_noun_needs_an_apposition() -> None:
    text = (
        "Earlier this week, Apple said it. The studio, Pixar, grew. In Paris, the official spoke."
    )
    week, apple = Span("this week", 8, 17), Span("Apple", 19, 24)
    studio, pixar = Span("The studio", 34, 44), Span("Pixar", 46, 51)
    paris, official = Span("Paris", 62, 67), Span("the official", 69, 81)
    assert introduced_noun(text, apple, week) is None  # "Apple said": no apposition
    assert introduced_noun(text, pixar, studio) == "studio"
    assert introduced_noun(text, paris, official) is None  # "In Paris, the official"
    assert not relative_apposition(text, official, paris)


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        # a second "it" of a sentence is the first one's thing, not the nearest noun
        (
            "Crews started the back-burning. Tie it into a creek so that it is contained.",
            [("Crews", True, True), ("the back-burning", False, False), ("a creek", False, False)],
            "back_burning",
        ),
        # one "it" alone takes the nearest fit
        (
            "Crews started the back-burning. Tie the hose to a creek so that it is contained.",
            [("Crews", True, True), ("the back-burning", False, False), ("a creek", False, False)],
            "creek",
        ),
    ],
)
def test_trust_coref2_second_it_of_a_sentence_is_the_first(
    linker: Linker, text: str, names: list[tuple[str, bool, bool]], expected: str
) -> None:
    context = _context(linker, text, names)
    occurrence = "it@1" if "Tie it" in text else "it@0"
    link = linker.resolve(_pronoun(text, occurrence), context)
    assert link is not None and link.entity.key == expected


def test_trust_coref2_it_of_it_is_expected_stands_for_nothing(linker: Linker) -> None:
    """The "It" of "It is expected that ..." is no earlier "it" for a later one."""
    text = "Boeing sold jets. It is expected that the machine stops when it overheats."
    names = [("Boeing", False, True), ("the machine", False, True)]
    link = linker.resolve(_pronoun(text, "it@0"), _context(linker, text, names))
    assert link is not None and link.entity.key == "machine"


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # the noun before a common noun says nothing of it ("companies running competitions")
        ("The laws apply to companies running competitions who collect names.", "running", None),
        # the one before a name does
        ("Disney owns the animation studio Pixar.", "Pixar", "Organization"),
    ],
)
def test_trust_coref2_kind_before_a_name_only(
    ontology: Ontology, text: str, name: str, expected: str | None
) -> None:
    start = text.index(name)
    end = text.index(" who") if name == "running" else start + len(name)
    mention = Mention(text[start:end], start, end)
    assert name_kind(text, mention, ontology.linking) == expected


def test_trust_coref2_two_parties_are_those_that_act(linker: Linker) -> None:
    """ "the two parties" are the two the article has acting, not the court named as often."""
    text = (
        "Apple Corps sued Apple Computer at the High Court. Apple Corps lost at the High "
        "Court. Apple Computer won at the High Court. A deal between the two parties held."
    )
    sentences = [Span(m.group(0), m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    mentions, at = [], 0
    for name, subject in [
        ("Apple Corps", True),
        ("Apple Computer", False),
        ("the High Court", False),
        ("Apple Corps", True),
        ("the High Court", False),
        ("Apple Computer", True),
        ("the High Court", False),
    ]:
        start = text.index(name, at)
        at = start + len(name)
        mentions.append(NameMention(Mention(name, start, at, ner="ORG"), False, subject))
    context = ArticleContext.collect(linker, text, sentences, mentions)
    start = text.index("the two parties")
    links = linker.resolve_all(Mention("the two parties", start, start + 15), context)
    assert sorted(link.entity.key for link in links) == ["apple_computer", "apple_corps"]


@pytest.mark.parametrize(
    ("text", "chunk", "expected"),
    [
        # a product's name and its kind's noun are the product ("the plane" after it)
        (
            "The first A380 superjumbo was delivered. The plane flew.",
            "The first A380 superjumbo",
            "a380",
        ),
        # a company's name before the noun is no product of that name
        ("An Airbus aircraft was delivered. The plane flew.", "An Airbus aircraft", None),
    ],
)
def test_trust_coref2_product_named_before_its_kind(
    linker: Linker, text: str, chunk: str, expected: str | None
) -> None:
    context = _context(linker, text, [(chunk, False, True)])
    start = text.index("The plane")
    link = linker.resolve(Mention("The plane", start, start + 9), context)
    assert link is not None
    got = link.entity.key if link.method.value == "coreference" else None
    assert got == expected
