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
from kgraph.extract.dates import defined_weekday, resolve
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


# Issue 14, part 6: a time attaches to the clause whose verb governs it, never to a timeless
# noun-phrase fact, and a year that names a thing or is the topic of what is said is no time.
_ATTACHED = [
    # negative: an apposition or a title states what a thing is; the sentence's date is not its
    ("Irish low cost airline, Ryanair, announced today that it is buying aircraft.", "be", None),
    ("Gizmodo, a technology blog, obtained a prototype of the phone on Monday.", "be", None),
    # positive: a copula's own date dates its noun predicate ("was president in 1990")
    ("Mr Smith was president of the club in 1990.", "hold role", "in 1990"),
    # negative: a year after "of" on a noun names it (an award, a conference)
    ("It is vying for best musical or comedy picture of 2002.", "vie for", None),
    # positive: "of" on a part of a period is a time
    ("The service will launch by the end of 2020.", "launch by", "by the end of 2020"),
    # negative: a date deep inside the object (on a noun of its "of" phrase) dates that noun
    (
        "The court heard details of his previous conviction for the assault of a girl in 1995.",
        "hear",
        None,
    ),
    # positive: a date on the object's own head noun dates the fact
    ("The attack on Tuesday killed six people.", "kill", "on Tuesday"),
    # negative: a year that is the object of a verb of saying is its topic
    ("The bank says 2001 and 2002 combined will produce weak growth.", "say", None),
    # a phrase that opens a conjunct ("and in January 1996, masterminded") dates that conjunct
    ("He resolved to beat his rival and in January 1996, masterminded a raid.", "beat", None),
    (
        "He resolved to beat his rival and in January 1996, masterminded a raid.",
        "mastermind",
        "in January 1996",
    ),
    ("She sold the house and on Tuesday bought a car.", "sell", None),
    ("She sold the house and on Tuesday bought a car.", "buy", "on Tuesday"),
    # a copula fact is dated by a date on the copula only, not one on its noun
    ("That figure is a substantial drop from 1999 when many died.", "be", None),
    ("In 1990 Smith was the best player in the club.", "be", "In 1990"),
    # a date after "for" on a noun is what the thing is for
    ("The ministry released the budget for 2002 to the press.", "release", None),
    ("The ministry released the budget to the press in 2002.", "release", "in 2002"),
    ("The launch is scheduled for 2012.", "be schedule for", "2012"),
    # coordinated dates are one time of two, not the first
    ("He visited Paris in 1997 and 1998.", "visit", "in 1997 and 1998"),
]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "lemma", "expected"), [*_CLAUSE, *_ATTACHED])
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
def test_trust_time_a_date_on_a_verb_of_saying_makes_no_fact_of_its_own(
    nlp: Any, ontology: Ontology
) -> None:
    """ "said on Monday that ..." is no ``say on "Monday"`` fact (decision 0013, amended)."""
    triples = extract_triples(
        nlp("The IMF said on Monday that growth will be weak."), ontology, "2023-09-20"
    )
    assert not [t for t in triples if t.relation.lemma == "say on"]


@pytest.mark.model
def test_trust_time_count_of_a_participle_takes_the_clause_time(
    nlp: Any, ontology: Ontology
) -> None:
    """The count of "killing six people" is dated by the clause it hangs from."""
    sentence = "On Tuesday, a bomb exploded in the market, killing six people."
    counts = [t for t in extract_triples(nlp(sentence), ontology, "2023-09-20") if t.quantity]
    assert counts and counts[0].time is not None and counts[0].time.value == "2023-09-19"


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        # coordinated or alternative dates: what both share, never the first alone
        ("in 1997 and 1998", "2001-05-01", None),
        ("in August or September of this year", "2007-07-09", "2007"),
        ("in March or April 2009", "2009-06-01", "2009"),
        # "this/last/next year" after a month is the year the publication date gives
        ("in January of this year", "2011-08-25", "2011-01"),  # "since": a span, its start
        ("in March last year", "2007-07-09", "2006-03"),
        ("in May next year", "2007-07-09", "2008-05"),
        # "N weeks ago" is that day; "last week" the Monday that starts the week
        ("two weeks ago", "2007-12-20", "2007-12-06"),
        ("last week", "2007-12-20", "2007-12-10"),
    ],
)
def test_trust_time_values_of_pairs_and_relative_years(
    text: str, published: str, value: str | None
) -> None:
    assert resolve(text, published) == value


# Counts: a conjunct of a counted object takes the governing verb's kind; a number hyphened
# to a noun that modifies another noun ("a three-judge panel") counts nothing.
@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "counted", "kind"),
    [
        (
            "A flood swamped a group of tourists, killing 18 tourists and three guides.",
            "guides",
            "deaths",
        ),
        ("Police arrested 20 protesters and two journalists.", "journalists", "detained"),
        ("The blast caused at least two deaths and 23 injuries.", "injuries", "injuries"),
        ("The attack killed five soldiers and wounded 12 civilians.", "civilians", "injuries"),
        ("A three-judge panel heard the case.", "judge", None),
        ("Crowds ran through four-storey apartment buildings.", "storey", None),
        ("Three judges heard the case.", "judges", "judge"),
        # a version after a name is no count: "iLife '11", "iOS 4" (a capital inside a name)
        ("Jobs announced the release of Apple's iLife '11 software suite.", "software", None),
        ("Jobs unveiled the phone, along with the new iOS 4 operating system.", "operating", None),
        ("He said '12 people died' in the fire.", "people", "deaths"),
        ("The new phone has 2 cameras.", "cameras", "camera"),
    ],
)
def test_trust_time_kind_of_a_count(
    nlp: Any, ontology: Ontology, sentence: str, counted: str, kind: str | None
) -> None:
    kinds = [
        t.quantity.kind
        for t in extract_triples(nlp(sentence), ontology)
        if t.quantity is not None and counted in t.subject.text.split()[0].lstrip("-")
    ]
    assert kinds == ([kind] if kind else [])


@pytest.mark.parametrize(
    ("text", "before", "value"),
    [
        # positive: the article named the date of its Monday before
        (
            "overnight on Monday",
            "The clash went on overnight on Monday (September 12).",
            "2022-09-12",
        ),
        ("on Monday night", "Talks began on Monday, Sept. 12, 2022.", "2022-09-12"),
        # negative: another weekday, a date that is no Monday, or an explicit date of its own
        ("on Tuesday", "Talks began on Monday, Sept. 12, 2022.", None),
        ("on Monday", "Talks began on Monday, Sept. 13, 2022.", None),
        ("on Monday, September 19", "Talks began on Monday (September 12).", None),
    ],
)
def test_trust_time_a_weekday_the_article_dated(text: str, before: str, value: str | None) -> None:
    assert defined_weekday(text, before, "2023-05-31") == value


@pytest.mark.model
def test_trust_time_weekday_dated_earlier_in_the_article(nlp: Any, ontology: Ontology) -> None:
    """A later bare "on Monday" is the Monday the article dated, not the one before publication."""
    text = (
        "The clash continued overnight on Monday (September 12). "
        "The ministry admitted casualties among its forces on Monday."
    )
    dated = {
        t.relation.lemma: t.time.value
        for t in extract_triples(nlp(text), ontology, "2023-05-31")
        if t.time is not None and t.quantity is None
    }
    assert dated.get("admit") == "2022-09-12", dated
