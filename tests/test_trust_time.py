"""A time dates a fact only from the fact's own clause (issue 14): the judges' top time error.

A date that modifies a noun ("the 2020 war", "the 1994 trophy") names that thing;
a date in a relative clause, a participle ("figures released on April 3") or a
subordinate clause with its own verb dates that clause. Neither dates the
sentence's other facts. Through the real model: the parse decides the clause.
"""

from __future__ import annotations

from typing import Any

import pytest

from kgraph.extract import extract_triples
from kgraph.ontology import Ontology

# (sentence, relation lemma of the fact, expected time text; None: no time)
_CLAUSE = [
    # negative: a year modifying a noun names the thing, it dates no fact
    ("The 2020 war killed thousands of people.", "kill", None),
    ("Authorities are considering a bypass near the site of the 1917 battle.", "consider", None),
    ("He won the 1994 trophy and retired from the sport.", "retire from", None),
    # negative: a date in a participle or a relative or subordinate clause dates that clause
    ("Apple passed Wal-Mart, according to figures released on April 3.", "pass", None),
    ("The company, which was founded in 1994, announced new products.", "announce", None),
    ("The company announced new products after it was founded in 1994.", "announce", None),
    # positive: the fact's own clause, its verb or its subject or object
    (
        "Apple passed Wal-Mart in February, according to figures released on April 3.",
        "pass",
        "in February",
    ),
    ("The attack on Tuesday killed six people.", "kill", "on Tuesday"),
    ("Reuters reported the clash in a report on Tuesday.", "report", "on Tuesday"),
    ("The ceasefire was signed in 2020.", "be sign in", "in 2020"),
    # positive: an untensed clause (a participle, a conjunct sharing the subject) takes its
    # governor's time
    ("On Tuesday, a bomb exploded in the market, killing six people.", "explode in", "On Tuesday"),
    ("He was arrested on Monday and charged with murder.", "charge with", "on Monday"),
    ("The company plans to open the store on June 2.", "open", "on June 2"),
]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "lemma", "expected"), _CLAUSE)
def test_trust_time_from_the_facts_own_clause(
    nlp: Any, ontology: Ontology, sentence: str, lemma: str, expected: str | None
) -> None:
    triples = [
        t
        for t in extract_triples(nlp(sentence), ontology, "2023-09-20")
        if t.relation.lemma == lemma
    ]
    assert triples, f"no fact with relation {lemma!r}"
    time = triples[0].time
    assert (None if time is None else time.text) == expected


@pytest.mark.model
def test_trust_time_count_of_a_participle_takes_the_clause_time(
    nlp: Any, ontology: Ontology
) -> None:
    """The count of "killing six people" is dated by the clause it hangs from."""
    sentence = "On Tuesday, a bomb exploded in the market, killing six people."
    counts = [t for t in extract_triples(nlp(sentence), ontology, "2023-09-20") if t.quantity]
    assert counts and counts[0].time is not None and counts[0].time.value == "2023-09-19"
