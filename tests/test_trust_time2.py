"""Spans of time (issue 14, part 6): a span's ends, not one of them as the fact's time.

"since 1994" is the open start of a span, a deadline "by 2020" its end, "from 2009 to
2011" and "between September and November 2020" both ends; the fact keeps them as
``kg:timeStart`` / ``kg:timeEnd`` and has a ``kg:time`` only for a point (or what both
ends of a closed range share). Two coordinated dates ("in 1997 and 1998") are two times,
no span.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from kgraph.extract import extract_triples
from kgraph.extract.dates import following, resolve, span_ends
from kgraph.graph.measures import measure_triples
from kgraph.model import Mention, RelationMention, Span, SurfaceTriple, TimeExpression
from kgraph.ontology import Ontology
from kgraph.vocab import KG

# (text, publication date, future, expected ends; () when the text names no span)
_SPANS = [
    # positive: an open span keeps the end it names
    ("since 1994", None, False, ("1994", None)),
    ("since January of this year", "2011-08-25", False, ("2011-01", None)),
    ("by 2020", None, False, (None, "2020")),
    ("until October 2007", None, False, (None, "2007-10")),
    ("by Dec. 1", "2023-11-20", True, (None, "2023-12-01")),  # a deadline stays ahead
    # positive: a closed range keeps both ends at the precision of the text
    ("from 2009 to 2011", None, False, ("2009", "2011")),
    ("between September and November 2020", None, False, ("2020-09", "2020-11")),
    ("between 2014 and 2016", None, False, ("2014", "2016")),
    ("2010-11", None, False, ("2010", "2011")),
    # negative: a point, or two coordinated times, is no span
    ("in 2001", None, False, ()),
    ("on Tuesday", "2023-09-20", False, ()),
    ("in 1997 and 1998", None, False, ()),
    ("in August or September", "2007-07-09", False, ()),
    ("since the late 1980s", "2023-05-31", False, ()),  # a decade does not resolve
]


@pytest.mark.parametrize(("text", "published", "future", "ends"), _SPANS)
def test_trust_time2_span_ends(
    text: str, published: str | None, future: bool, ends: tuple[str | None, ...]
) -> None:
    assert span_ends(text, published, future=future) == ends


@pytest.mark.parametrize("text", ["since 1994", "by 2020", "until October 2007", "from 1994"])
def test_trust_time2_an_open_span_is_no_point_in_time(text: str) -> None:
    assert resolve(text, None) is None


@pytest.mark.parametrize(
    ("text", "earlier", "value"),
    [
        # positive: told from the sentence's earlier time, not from publication
        ("the following year", "2001", "2002"),
        ("two years later", "2001-05-03", "2003"),
        ("the next month", "2001-11", "2001-12"),
        # negative: no earlier time, or one too coarse, or no such text
        ("the following year", None, None),
        ("the following month", "2001", None),
        ("in 2002", "2001", None),
    ],
)
def test_trust_time2_the_following_year_follows_the_earlier_time(
    text: str, earlier: str | None, value: str | None
) -> None:
    assert following(text, earlier) == value


@pytest.mark.parametrize("text", ["the following year", "two years later", "the next month"])
def test_trust_time2_the_following_year_is_not_told_from_publication(text: str) -> None:
    assert resolve(text, "2010-05-01") is None


def test_trust_time2_a_time_after_nothing_named_has_no_value() -> None:
    assert resolve("just one year after", "2008-06-09") is None  # after what?
    assert resolve("three years after 2020", None) == "2023"


def test_trust_time2_a_point_and_a_closed_range_keep_their_value() -> None:
    assert resolve("in 2001", None) == "2001"
    assert resolve("between September and November 2020", None) == "2020"


def _triple(time: TimeExpression) -> SurfaceTriple:
    sentence = Span("He has served since 1994.", 0, 25)
    return SurfaceTriple(
        subject=Mention("He", 0, 2),
        relation=RelationMention("has served", 3, 13, lemma="serve"),
        object=Mention("since 1994", 14, 24, literal=True),
        sentence=sentence,
        rule="svo",
        confidence=0.5,
        time=time,
    )


@pytest.mark.parametrize(
    ("time", "expected"),
    [
        (TimeExpression("since 1994", 14, 24, None, "1994", None), {"timeStart": "1994"}),
        (TimeExpression("by 2020", 14, 21, None, None, "2020"), {"timeEnd": "2020"}),
        (
            TimeExpression("from 2009 to 2011", 14, 31, None, "2009", "2011"),
            {"timeStart": "2009", "timeEnd": "2011"},
        ),
        (TimeExpression("in 2001", 14, 21, "2001"), {"time": "2001"}),  # a point: no span
    ],
)
def test_trust_time2_the_graph_writes_a_span_s_ends(
    time: TimeExpression, expected: dict[str, str]
) -> None:
    fact: Any = SimpleNamespace(surface=_triple(time), about=None)
    written = {
        str(p.value).rpartition("#")[2].rpartition("/")[2]: o.value
        for _, p, o in measure_triples(None, None, fact)  # type: ignore[arg-type]
        if str(p.value) in {str(KG.time), str(KG.timeStart), str(KG.timeEnd)}
    }
    assert written == expected


# Through the real model: the sentence's expression and the fact's span.
_FACTS = [
    # positive: an open start, a deadline, a range the parser split in two dates
    ("He has been fighting pancreatic cancer since 2004.", "fight", None, ("2004", None)),
    ("The aircraft would have been delivered by 2011.", "be deliver by", None, (None, "2011")),
    (
        "Aer Lingus will receive six new aircraft from 2009 to 2011.",
        "receive",
        None,
        ("2009", "2011"),
    ),
    # negative: a point in time has no span
    ("The ceasefire was signed in 2020.", "be sign in", "2020", (None, None)),
    # "the following year" after "in 2001" is 2002, not the year after publication
    (
        "The iPod came out in 2001, and Mac OS X Jaguar was released the following year.",
        "release",
        "2002",
        (None, None),
    ),
]


@pytest.mark.model
def test_trust_time2_a_future_deadline_is_the_end_of_a_span_still_ahead(
    nlp: Any, ontology: Ontology
) -> None:
    sentence = "The talks must be completed by Dec. 1."
    triples = list(extract_triples(nlp(sentence), ontology, "2023-11-20"))
    times = [t.time for t in triples if t.relation.lemma == "be complete by"]
    assert times and times[0] is not None
    assert (times[0].value, times[0].span_start, times[0].span_end) == (None, None, "2023-12-01")


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "lemma", "value", "ends"), _FACTS)
def test_trust_time2_facts_keep_the_span_of_their_clause(
    nlp: Any,
    ontology: Ontology,
    sentence: str,
    lemma: str,
    value: str | None,
    ends: tuple[str | None, str | None],
) -> None:
    triples = [t for t in extract_triples(nlp(sentence), ontology) if t.relation.lemma == lemma]
    assert triples, f"no fact with relation {lemma!r}"
    time = triples[0].time
    assert time is not None
    assert (time.value, time.span_start, time.span_end) == (value, *ends)
