"""Tests of the node shapes extraction hands to linking: what a subject or object is made of.

A node carries what makes its fact true ("the withdrawal of foreign troops", not
"withdrawal"); a container noun gives way to what it holds ("a set of new
sanctions"); dates, times, numbers and scores are values, never things; a date the
parser made the subject of a telegraphic sentence gives way to the actor before it.
"""

from __future__ import annotations

import pytest

from kgraph.extract.mentions import name_mentions
from tests.test_extract import _doc, _facts, _heads

WITHDRAWAL = """
Iran 1 nsubj PROPN - B-GPE
demanded 1 ROOT VERB demand
the 3 det DET
withdrawal 1 dobj NOUN
of 3 prep ADP
foreign 6 amod ADJ
troops 4 pobj NOUN troop
. 1 punct PUNCT
"""

WITHDRAWAL_BARE = """
Iran 1 nsubj PROPN - B-GPE
demanded 1 ROOT VERB demand
the 3 det DET
withdrawal 1 dobj NOUN
. 1 punct PUNCT
"""

SET_OF = """
The 1 det DET
EU 2 nsubj PROPN - B-ORG
announced 2 ROOT VERB announce
a 4 det DET
set 2 dobj NOUN
of 4 prep ADP
new 7 amod ADJ
sanctions 5 pobj NOUN sanction
. 2 punct PUNCT
"""

SET_OF_THEM = """
The 1 det DET
EU 2 nsubj PROPN - B-ORG
announced 2 ROOT VERB announce
a 4 det DET
set 2 dobj NOUN
of 4 prep ADP
them 5 pobj PRON they
. 2 punct PUNCT
"""

PARTS_OF = """
Troops 1 nsubj NOUN troop
occupied 1 ROOT VERB occupy
large 3 amod ADJ
parts 1 dobj NOUN part
of 3 prep ADP
Ramallah 4 pobj PROPN - B-GPE
. 1 punct PUNCT
"""

THE_NUMBER_OF = """
Attacks 1 nsubj NOUN attack
cut 1 ROOT VERB
the 3 det DET
number 1 dobj NOUN
of 3 prep ADP
flights 4 pobj NOUN flight
. 1 punct PUNCT
"""

A_NUMBER_OF = """
Attacks 1 nsubj NOUN attack
cut 1 ROOT VERB
a 3 det DET
number 1 dobj NOUN
of 3 prep ADP
flights 4 pobj NOUN flight
. 1 punct PUNCT
"""

TOWN_OF = """
Residents 1 nsubj NOUN resident
left 1 ROOT VERB leave
the 3 det DET
town 1 dobj NOUN
of 3 prep ADP
Hill 6 compound PROPN - B-GPE
Top 4 pobj PROPN - I-GPE
. 1 punct PUNCT
"""

TOWN_OF_THE_FUTURE = """
Architects 1 nsubj NOUN architect
designed 1 ROOT VERB design
the 3 det DET
town 1 dobj NOUN
of 3 prep ADP
the 6 det DET
future 4 pobj NOUN
. 1 punct PUNCT
"""

CAPITAL = """
Baku 1 nsubj PROPN - B-GPE
is 1 ROOT AUX be
the 3 det DET
capital 1 attr NOUN
of 3 prep ADP
Azerbaijan 4 pobj PROPN - B-GPE
. 1 punct PUNCT
"""

PRESIDENT_OF = """
The 1 det DET
president 4 nsubj NOUN
of 1 prep ADP
France 2 pobj PROPN - B-GPE
met 4 ROOT VERB meet
Biden 4 dobj PROPN - B-PERSON
. 4 punct PUNCT
"""

SCORE = """
Hewitt 1 nsubj PROPN - B-PERSON
beat 1 ROOT VERB
Switzerland 1 dobj PROPN - B-GPE
3 1 npadvmod NUM - B-CARDINAL
- 1 dobj SYM
0 1 dobj NUM
. 1 punct PUNCT
"""

COUNT = """
Police 1 nsubj NOUN police
arrested 1 ROOT VERB arrest
3 1 dobj NUM
. 1 punct PUNCT
"""

TIME_VALUE = """
The 1 det DET
broadcast 2 nsubj NOUN
starts 2 ROOT VERB start
at 2 prep ADP
11:55am 3 pobj NUM
. 2 punct PUNCT
"""

PER_CENT = """
Airlines 1 nsubj NOUN airline
cut 1 ROOT VERB
40 4 nummod NUM
per 4 compound ADP
cent 1 dobj NOUN
of 4 prep ADP
flights 5 pobj NOUN flight
. 1 punct PUNCT
"""

DOLLARS = """
Delays 1 nsubj NOUN delay
cost 1 ROOT VERB
Airbus 1 dative PROPN - B-ORG
6 4 compound NUM
billion 5 nummod NUM
dollars 1 dobj NOUN dollar
. 1 punct PUNCT
"""

POUNDS_OF_FLESH = """
Lenders 1 nsubj NOUN lender
demanded 1 ROOT VERB demand
pounds 1 dobj NOUN pound
of 2 prep ADP
flesh 3 pobj NOUN
. 1 punct PUNCT
"""

MODEL_NAME = """
Airbus 1 nsubj PROPN - B-ORG
built 1 ROOT VERB build
the 3 det DET
A380 1 dobj PROPN
. 1 punct PUNCT
"""

TELEGRAPHIC = """
Blinken 2 nmod VERB - B-PERSON
14 0 nummod NUM - B-DATE
Feb 3 nsubj PROPN - I-DATE
urged 3 ROOT VERB urge
Israel 3 dobj PROPN - B-GPE
. 3 punct PUNCT
"""

DATE_SUBJECT = """
14 1 nummod NUM - B-DATE
Feb 2 nsubj PROPN - I-DATE
marked 2 ROOT VERB mark
the 4 det DET
anniversary 2 dobj NOUN
. 2 punct PUNCT
"""

TODAY_APPLE = """
Today 1 compound NOUN - B-ORG
Apple 2 nsubj PROPN - I-ORG
released 2 ROOT VERB release
iTunes 2 dobj PROPN - B-PRODUCT
. 2 punct PUNCT
"""

TOOK_PART = """
Marines 1 nsubj NOUN marine
took 1 ROOT VERB take
part 1 dobj NOUN
in 1 prep ADP
patrols 3 pobj NOUN patrol
. 1 punct PUNCT
"""

TOOK_PLACE = """
The 1 det DET
meeting 2 nsubj NOUN
took 2 ROOT VERB take
place 2 dobj NOUN
. 2 punct PUNCT
"""

TOOK_THE_HILL = """
Marines 1 nsubj NOUN marine
took 1 ROOT VERB take
the 3 det DET
hill 1 dobj NOUN
. 1 punct PUNCT
"""

STATED_ON_THURSDAY = """
Airlines 1 nsubj PROPN - B-ORG
stated 1 ROOT VERB state
on 1 prep ADP
Thursday 2 pobj PROPN - B-DATE
that 7 mark SCONJ
it 7 nsubj PRON
had 7 aux AUX have
signed 1 ccomp VERB sign
a 9 det DET
contract 7 dobj NOUN
. 1 punct PUNCT
"""


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (WITHDRAWAL, ("Iran", "demand", "withdrawal of foreign troops")),
        (WITHDRAWAL_BARE, ("Iran", "demand", "withdrawal")),
        (SET_OF, ("EU", "announce", "new sanctions")),
        (SET_OF_THEM, ("EU", "announce", "set")),
        (PARTS_OF, ("Troops", "occupy", "Ramallah")),
        (A_NUMBER_OF, ("Attacks", "cut", "flights")),
        (THE_NUMBER_OF, ("Attacks", "cut", "number of flights")),
        (TOWN_OF, ("Residents", "leave", "Hill Top")),
        (TOWN_OF_THE_FUTURE, ("Architects", "design", "town of the future")),
        (PRESIDENT_OF, ("president", "meet", "Biden")),
        (TELEGRAPHIC, ("Blinken", "urge", "Israel")),
        (TODAY_APPLE, ("Apple", "release", "iTunes")),
    ],
)
def test_trust_nodes_head_carries_the_fact(table: str, expected: tuple[str, str, str]) -> None:
    assert expected in _heads(_facts(_doc(table)))


def test_trust_nodes_class_noun_of_a_copula_stays_bare() -> None:
    heads = _heads(_facts(_doc(CAPITAL)))
    assert ("Baku", "be", "capital") in heads
    assert ("Baku", "capital of", "Azerbaijan") in heads


def test_trust_nodes_score_is_no_argument() -> None:
    heads = _heads(_facts(_doc(SCORE)))
    assert ("Hewitt", "beat", "Switzerland") in heads
    assert not any(obj in {"0", "3", "-"} for _, _, obj in heads)


def test_trust_nodes_a_lone_count_is_still_an_argument() -> None:
    assert ("Police", "arrest", "3") in _heads(_facts(_doc(COUNT)))


@pytest.mark.parametrize(
    ("table", "text", "literal"),
    [
        (TIME_VALUE, "11:55am", True),
        (PER_CENT, "40 per cent of flights", True),
        (DOLLARS, "6 billion dollars", True),
        (POUNDS_OF_FLESH, "pounds of flesh", False),
        (MODEL_NAME, "A380", False),
        (COUNT, "3", True),
        (SET_OF, "new sanctions", False),
    ],
)
def test_trust_nodes_untagged_values_are_literals(table: str, text: str, literal: bool) -> None:
    found = [t.object for t in _facts(_doc(table)) if t.object.key_span.text == text]
    assert found and all(o.literal is literal for o in found)


def test_trust_nodes_date_subject_without_actor_stays_a_literal() -> None:
    triples = [t for t in _facts(_doc(DATE_SUBJECT)) if t.relation.lemma == "mark"]
    assert triples and all(t.subject.literal for t in triples)


def test_trust_nodes_light_verb_nouns_join_the_relation() -> None:
    assert _heads(_facts(_doc(TOOK_PART))) == {("Marines", "take part in", "patrols")}
    assert not any(obj == "place" for _, _, obj in _heads(_facts(_doc(TOOK_PLACE))))
    assert ("Marines", "take", "hill") in _heads(_facts(_doc(TOOK_THE_HILL)))


def test_trust_nodes_names_lose_a_leading_day_word() -> None:
    texts = [m.mention.text for m in name_mentions(_doc(TODAY_APPLE))]
    assert "Apple" in texts
    assert "Today Apple" not in texts
    assert "iTunes" in texts


def test_trust_nodes_dates_are_no_antecedents() -> None:
    texts = [m.mention.text for m in name_mentions(_doc(STATED_ON_THURSDAY))]
    assert "Thursday" not in texts
    assert "a contract" in texts
