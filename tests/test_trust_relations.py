"""A prepositional fact keeps the verb's content: no "introduce at" beside a direct object."""

from __future__ import annotations

from typing import Any

import pytest

from kgraph.extract.binary import binary_facts
from kgraph.extract.clauses import clause_facts


def _relations(nlp: Any, text: str) -> set[tuple[str, str, str]]:
    doc = nlp(text)
    return {
        (b.subject.text, b.relation.lemma, b.object.text)
        for fact in clause_facts(doc)
        for b in binary_facts(fact)
    }


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "wanted", "unwanted"),
    [
        # a direct object: the svo fact carries the content, the PP stays its argument
        (
            "Apple introduced the iPhone at WWDC.",
            ("Apple", "introduce", "the iPhone"),
            "introduce at",
        ),
        # a predicative adjective stays in the relation
        (
            "In the U.S., iPhone 4 will only be available on AT&T's cellular network.",
            ("iPhone 4", "be available on", "AT&T's cellular network"),
            "be on",
        ),
        # a bare object that makes a fixed phrase with its verb stays in the relation
        (
            "Armenian troops opened fire on the border post.",
            ("Armenian troops", "open fire on", "the border post"),
            "open on",
        ),
    ],
)
def test_trust_relations_keep_the_verbs_content(
    nlp: Any, text: str, wanted: tuple[str, str, str], unwanted: str
) -> None:
    found = _relations(nlp, text)
    assert wanted in found
    assert all(lemma != unwanted for _, lemma, _ in found)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # no object: the prepositional fact is the verb's content and stays
        (
            "Russian peacekeepers moved to the border.",
            ("Russian peacekeepers", "move to", "the border"),
        ),
        ("Both countries were under Soviet rule.", ("Both countries", "be under", "Soviet rule")),
    ],
)
def test_trust_relations_keep_prepositional_facts_without_an_object(
    nlp: Any, text: str, wanted: tuple[str, str, str]
) -> None:
    assert wanted in _relations(nlp, text)
