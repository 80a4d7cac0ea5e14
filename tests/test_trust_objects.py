"""Dates as objects of facts, ranges of dates, and the class of a name in context (issue 14).

A date beside another complement of its verb is that fact's time, not a fact of its own; a
date that is the verb's only complement stays its object (docs/decisions/0013-time-objects.md).
A passive's "by" with a date is a deadline, not an agent. A range of dates is one object and
resolves to what its ends share.
"""

from __future__ import annotations

from typing import Any

import pytest

from kgraph.extract import extract_article, extract_triples
from kgraph.extract.time import resolve
from kgraph.link import Linker, link_article
from kgraph.link.kinds import name_kind, unit_after_number
from kgraph.model import Article, Entity, Mention, Span, SurfaceTriple
from kgraph.ontology import Ontology
from tests.test_extract import ONTOLOGY, _doc, _facts, _heads

BESIDE_A_PLACE = """
Talks 1 nsubj NOUN talk
resumed 1 ROOT VERB resume
in 1 prep ADP
Geneva 2 pobj PROPN - B-GPE
on 1 prep ADP
Monday 4 pobj PROPN - B-DATE
. 1 punct PUNCT
"""

ONLY_A_DATE = """
Talks 1 nsubj NOUN talk
resumed 1 ROOT VERB resume
on 1 prep ADP
Monday 2 pobj PROPN - B-DATE
. 1 punct PUNCT
"""

DATE_FIRST = """
Talks 1 nsubj NOUN talk
resumed 1 ROOT VERB resume
on 1 prep ADP
Monday 2 pobj PROPN - B-DATE
in 1 prep ADP
Geneva 4 pobj PROPN - B-GPE
. 1 punct PUNCT
"""

FOUNDED_IN = """
The 1 det DET
company 3 nsubjpass NOUN
was 3 auxpass AUX be
founded 3 ROOT VERB found
in 3 prep ADP
1976 4 pobj NUM - B-DATE
. 3 punct PUNCT
"""

FOUNDED_BY_IN = """
The 1 det DET
company 3 nsubjpass NOUN
was 3 auxpass AUX be
founded 3 ROOT VERB found
by 3 agent ADP
Jobs 4 pobj PROPN - B-PERSON
in 3 prep ADP
1976 6 pobj NUM - B-DATE
. 3 punct PUNCT
"""

FOR_MONTHS = """
Tensions 1 nsubj NOUN tension
escalated 1 ROOT VERB escalate
in 1 prep ADP
the 4 det DET
region 2 pobj NOUN
for 1 prep ADP
months 5 pobj NOUN month B-DATE
. 1 punct PUNCT
"""

DELIVERED_BY_DATE = """
The 1 det DET
aircraft 3 nsubjpass NOUN
was 3 auxpass AUX be
delivered 3 ROOT VERB deliver
by 3 agent ADP
2011 4 pobj NUM - B-DATE
. 3 punct PUNCT
"""

DELIVERED_BY_NAME = """
The 1 det DET
aircraft 3 nsubjpass NOUN
was 3 auxpass AUX be
delivered 3 ROOT VERB deliver
by 3 agent ADP
Boeing 4 pobj PROPN - B-ORG
. 3 punct PUNCT
"""

FROM_TO_DATES = """
The 1 det DET
festival 2 nsubj NOUN
ran 2 ROOT VERB run
from 2 prep ADP
March 3 pobj PROPN - B-DATE
to 2 prep ADP - I-DATE
June 5 pobj PROPN - I-DATE
. 2 punct PUNCT
"""

FROM_TO_PLACES = """
The 1 det DET
train 2 nsubj NOUN
ran 2 ROOT VERB run
from 2 prep ADP
Paris 3 pobj PROPN - B-GPE
to 2 prep ADP
Lyon 5 pobj PROPN - B-GPE
. 2 punct PUNCT
"""

BETWEEN_YEARS = """
Prices 1 nsubj NOUN price
rose 1 ROOT VERB rise
between 1 prep ADP - B-DATE
1990 2 pobj NUM - I-DATE
and 3 cc CCONJ - I-DATE
1995 3 conj NUM - I-DATE
. 1 punct PUNCT
"""


def _times(triples: list[SurfaceTriple]) -> set[tuple[str, str | None]]:
    return {(t.relation.lemma, t.time.text if t.time else None) for t in triples}


def test_trust_objects_a_date_beside_another_complement_is_its_time() -> None:
    for table in (BESIDE_A_PLACE, DATE_FIRST):
        triples = _facts(_doc(table))
        assert _heads(triples) == {("Talks", "resume in", "Geneva")}
        assert _times(triples) == {("resume in", "on Monday")}


def test_trust_objects_a_date_alone_stays_the_object_with_its_time() -> None:
    triples = _facts(_doc(ONLY_A_DATE))
    assert _heads(triples) == {("Talks", "resume on", "Monday")}
    assert all(t.object.literal for t in triples)
    assert _times(triples) == {("resume on", "on Monday")}
    founded = _facts(_doc(FOUNDED_IN))
    assert _heads(founded) == {("company", "be found in", "1976")}
    assert _times(founded) == {("be found in", "in 1976")}


def test_trust_objects_a_passive_with_an_agent_takes_the_date_as_time() -> None:
    triples = _facts(_doc(FOUNDED_BY_IN))
    assert _heads(triples) == {("Jobs", "found", "company")}
    assert _times(triples) == {("found", "in 1976")}


def test_trust_objects_a_duration_is_no_time_and_no_object_beside_another() -> None:
    # a duration beside another complement is no thing the clause is about (decision 0013,
    # amended in issue 14 part 3: "escalate for months" was judged a junk node)
    triples = _facts(_doc(FOR_MONTHS))
    assert _heads(triples) == {("Tensions", "escalate in", "region")}
    assert all(t.time is None for t in triples)


def test_trust_objects_by_a_date_is_a_deadline_not_an_agent() -> None:
    triples = list(extract_triples(_doc(DELIVERED_BY_DATE), ONTOLOGY, "2008-03-01"))
    assert {(t.subject.text, t.relation.lemma, t.object.text) for t in triples} == {
        ("The aircraft", "be deliver by", "2011")
    }
    # the deadline is the end of a span: kg:timeEnd, no kg:time (issue 14, part 6)
    found = [(t.time.text, t.time.value, t.time.span_end) for t in triples if t.time]
    assert found == [("by 2011", None, "2011")]
    agent = _facts(_doc(DELIVERED_BY_NAME))
    assert _heads(agent) == {("Boeing", "deliver", "aircraft")}


def test_trust_objects_a_range_of_dates_is_one_object() -> None:
    triples = _facts(_doc(FROM_TO_DATES))
    assert _heads(triples) == {("festival", "run from", "March to June")}
    assert _times(triples) == {("run from", "from March to June")}
    rose = _facts(_doc(BETWEEN_YEARS))
    assert _heads(rose) == {("Prices", "rise between", "1990 and 1995")}


def test_trust_objects_a_route_keeps_both_ends() -> None:
    triples = _facts(_doc(FROM_TO_PLACES))
    assert _heads(triples) == {("train", "run from", "Paris"), ("train", "run to", "Lyon")}


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        # a range is what both ends share, never one end as a day
        ("from 12 to 14 March", "2023-09-20", "2023-03"),
        ("March 3-5, 2021", None, "2021-03"),
        ("between January and March 2020", None, "2020"),
        ("from March to June", "2023-09-20", "2023"),
        ("between 1990 and 1995", None, None),
        ("from 2001 to 2005", None, None),
        ("2010-11", None, None),
        # negative: a point in time, even one with a dash or a hyphen, is no range
        ("in mid-2006", None, "2006"),
        ("on 19 September 2023", None, "2023-09-19"),
        ("since the late 1980s", "2001-12-20", None),
        ("by the end of the week", "2001-12-20", None),
    ],
)
def test_trust_objects_resolve_ranges(text: str, published: str | None, value: str | None) -> None:
    assert resolve(text, published) == value


# (sentence, relation lemma of the fact, expected (object text, time text)); None: no such fact
_MODEL = [
    ("Talks resumed in Geneva on Monday.", "resume in", ("Geneva", "on Monday")),
    ("Talks resumed in Geneva on Monday.", "resume on", None),
    ("The company was founded in 1976.", "be found in", ("1976", "in 1976")),
    ("The deal will end on Friday.", "end on", ("Friday", "on Friday")),
    ("The plane landed at Heathrow on Sunday.", "land on", None),
    ("The festival ran from March to June.", "run from", ("March to June", "from March to June")),
    ("The festival ran from March to June.", "run to", None),
    ("The aircraft would have been delivered by 2011.", "be deliver by", ("2011", "by 2011")),
    # a holiday's name is a day, not a duration; "two days" is one
    ("The last fatality was on Christmas Day.", "be on", ("Christmas Day", "on Christmas Day")),
    ("Fighting stopped for two days.", "stop for", ("two days", None)),
]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "lemma", "expected"), _MODEL)
def test_trust_objects_dates_through_the_model(
    nlp: Any, ontology: Ontology, sentence: str, lemma: str, expected: tuple[str, str] | None
) -> None:
    triples = [
        t
        for t in extract_triples(nlp(sentence), ontology, "2023-09-20")
        if t.relation.lemma == lemma
    ]
    got = [(t.object.text, t.time.text if t.time else None) for t in triples]
    assert got == ([expected] if expected else [])


# ---------------------------------------------------------------- the class of a name in context

# (text, the name in it, class the context gives; None: the context says nothing)
_KINDS = [
    ("Disney owns the animation studio Pixar.", "Pixar", "Organization"),
    ("Irish low cost airline, Ryanair, will buy five jets.", "Ryanair", "Organization"),
    ("Users are buzzing about Tiger, the newest version of Mac OS X.", "Tiger", "Product"),
    ("The operating system Tiger ships today.", "Tiger", "Product"),
    ("The Boeing 787 flew for the first time.", "Boeing 787", "Product"),
    ("Sales of the iPhone 3GS rose.", "iPhone 3GS", "Product"),
    ("Shares of Cisco Systems Inc fell.", "Cisco Systems", "Organization"),
    # negative: a person's role noun, a plain name, a maker before its product noun
    ("Tennis player Lleyton Hewitt won the match.", "Lleyton Hewitt", None),
    ("Film producer George Harrison died.", "George Harrison", None),
    ("Ryanair will buy five jets.", "Ryanair", None),
    ("Boeing aircraft are built in Seattle.", "Boeing", None),
    ("Jobs spoke to the company, then left.", "Jobs", None),
]


@pytest.mark.parametrize(("text", "name", "expected"), _KINDS)
def test_trust_objects_name_kind_from_context(
    ontology: Ontology, text: str, name: str, expected: str | None
) -> None:
    start = text.index(name)
    mention = Mention(name, start, start + len(name))
    assert name_kind(text, mention, ontology.linking) == expected


@pytest.mark.parametrize(
    ("text", "head", "unit"),
    [
        ("a 16 GB", "GB", True),
        ("the 8GB", "GB", True),
        ("3 US soldiers", "US", False),
        ("the UK", "UK", False),
        ("2 Boeing 747s", "Boeing 747s", False),
    ],
)
def test_trust_objects_a_unit_after_a_number_is_no_name(text: str, head: str, unit: bool) -> None:
    start = text.index(head)
    mention = Mention(text, 0, len(text), head=Span(head, start, start + len(head)))
    assert unit_after_number(mention) is unit


def _classes(nlp: Any, ontology: Ontology, linker: Linker, text: str) -> dict[str, str]:
    article = Article.from_text(text, published="2008-03-01")
    parsed = extract_article(article, nlp(text), ontology)
    found = {}
    for fact in link_article(linker, parsed):
        for entity in (fact.subject, fact.object):
            if isinstance(entity, Entity):
                found[entity.label] = entity.cls
    return found


@pytest.mark.model
def test_trust_objects_names_take_the_class_their_context_gives(
    nlp: Any, ontology: Ontology, linker: Linker
) -> None:
    pixar = _classes(
        nlp, ontology, linker, "Disney owns the animation studio Pixar. Pixar makes films."
    )
    assert pixar.get("Pixar") == "Organization"
    hewitt = _classes(nlp, ontology, linker, "Tennis player Lleyton Hewitt won the match.")
    assert hewitt.get("Lleyton Hewitt") == "Person"


@pytest.mark.model
def test_trust_objects_gigabytes_are_not_the_uk(
    nlp: Any, ontology: Ontology, linker: Linker
) -> None:
    units = _classes(nlp, ontology, linker, "The iPod Nano comes in two sizes, a 2GB and a 4GB.")
    assert "United Kingdom" not in units
    uk = _classes(nlp, ontology, linker, "The phone will be sold by Virgin in the UK.")
    assert uk.get("United Kingdom") == "Country"
