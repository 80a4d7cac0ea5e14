"""Nodes and relations a reader accepts (issue 14, part 3): what a node keeps and what a
relation says.

A phrasal verb keeps its particle ("pushed back" is no "push"); a purpose clause or a
complex preposition is no place ("in order to survive"); a class keeps the common noun
of its "of" phrase ("a source of conflict"); a compared noun keeps its comparison ("more
planes than Boeing"); a hyphenated word keeps its first part ("no-bid contract"); what
is had keeps the place it is in ("military bases in Armenia"); a passive verb of naming
gives the name, not its agent as a doer ("known as Stepanakert by Armenians").
"""

from __future__ import annotations

from tests.test_extract import _doc, _facts, _heads, _tagged
from tests.test_trust_nodes import CAPITAL  # "Baku is the capital of Azerbaijan"

PUSHED_BACK = """
NASA 1 nsubj PROPN - B-ORG
pushed 1 ROOT VERB push
back 1 advmod ADV
the 4 det DET
launch 1 dobj NOUN
. 1 punct PUNCT
"""

PUSHED_THE_LAUNCH_BACK = """
NASA 1 nsubj PROPN - B-ORG
pushed 1 ROOT VERB push
the 3 det DET
launch 1 dobj NOUN
back 1 advmod ADV
. 1 punct PUNCT
"""


def test_nodes_a_particle_adverb_after_its_verb_stays_in_the_relation() -> None:
    assert _heads(_facts(_doc(PUSHED_BACK))) == {("NASA", "push back", "launch")}
    # not right after the verb: an adverb of the clause, the relation is the verb's
    assert _heads(_facts(_doc(PUSHED_THE_LAUNCH_BACK))) == {("NASA", "push", "launch")}


IN_ORDER_TO = """
Children 1 nsubj NOUN child
work 1 ROOT VERB
in 1 prep ADP
order 2 pobj NOUN
to 5 aux PART
survive 3 acl VERB
. 1 punct PUNCT
"""

IN_A_PLACE = """
Children 1 nsubj NOUN child
work 1 ROOT VERB
in 1 prep ADP
a 4 det DET
place 2 pobj NOUN
near 4 prep ADP
the 7 det DET
river 5 pobj NOUN
. 1 punct PUNCT
"""


def test_nodes_in_order_to_is_a_purpose_not_a_place() -> None:
    assert not any("order" in o for _, _, o in _heads(_facts(_doc(IN_ORDER_TO))))
    # a place that is one: "in a place near the river"
    assert ("Children", "work in", "place") in _heads(_facts(_doc(IN_A_PLACE)))


SOURCE_OF = """
Karabakh 1 nsubj PROPN - B-GPE
is 1 ROOT AUX be
a 3 det DET
source 1 attr NOUN
of 3 prep ADP
conflict 4 pobj NOUN
. 1 punct PUNCT
"""


def test_nodes_a_class_keeps_the_common_noun_of_its_of_phrase() -> None:
    heads = _heads(_facts(_doc(SOURCE_OF)))
    assert ("Karabakh", "be", "source of conflict") in heads
    assert ("Karabakh", "be", "source") not in heads
    # a name's "of" gives its own fact, the class stays the noun
    assert {("Baku", "be", "capital"), ("Baku", "capital of", "Azerbaijan")} <= _heads(
        _facts(_doc(CAPITAL))
    )


MORE_THAN = """
Airbus 1 nsubj PROPN - B-ORG
sold 1 ROOT VERB sell
more 3 amod ADJ much
planes 1 dobj NOUN plane
than 3 prep ADP
Boeing 4 pobj PROPN - B-ORG
. 1 punct PUNCT
"""

MORE = """
Airbus 1 nsubj PROPN - B-ORG
sold 1 ROOT VERB sell
more 3 amod ADJ much
planes 1 dobj NOUN plane
. 1 punct PUNCT
"""


def test_nodes_a_compared_noun_keeps_its_comparison() -> None:
    compared = _heads(_facts(_tagged(MORE_THAN, {2: "JJR"})))
    assert compared == {("Airbus", "sell", "more planes than Boeing")}
    # no comparison: "more" is a quantifier and leaves the label
    assert _heads(_facts(_tagged(MORE, {2: "JJR"}))) == {("Airbus", "sell", "planes")}


NO_BID = """
The 1 det DET
Pentagon 2 nsubj PROPN - B-ORG
awarded 2 ROOT VERB award
a 7 det DET
no 6 det DET
- 6 punct PUNCT
bid 7 compound NOUN
contract 2 dobj NOUN
. 2 punct PUNCT
"""

NO_CONTRACT = """
The 1 det DET
Pentagon 2 nsubj PROPN - B-ORG
awarded 2 ROOT VERB award
no 4 det DET
contract 2 dobj NOUN
. 2 punct PUNCT
"""


def test_nodes_a_hyphenated_word_keeps_its_first_part() -> None:
    assert _heads(_facts(_doc(NO_BID))) == {("Pentagon", "award", "no-bid contract")}
    assert _heads(_facts(_doc(NO_CONTRACT))) == {("Pentagon", "award", "contract")}


BASES_IN = """
Russia 1 nsubj PROPN - B-GPE
has 1 ROOT VERB have
military 3 amod ADJ
bases 1 dobj NOUN base
in 1 prep ADP
Armenia 4 pobj PROPN - B-GPE
. 1 punct PUNCT
"""

MEETING_ON = """
Boeing 1 nsubj PROPN - B-ORG
has 1 ROOT VERB have
a 3 det DET
meeting 1 dobj NOUN
on 1 prep ADP
Monday 4 pobj PROPN - B-DATE
. 1 punct PUNCT
"""

DEPLOYED_IN = """
Russia 1 nsubj PROPN - B-GPE
deployed 1 ROOT VERB deploy
troops 1 dobj NOUN troop
in 1 prep ADP
Armenia 3 pobj PROPN - B-GPE
. 1 punct PUNCT
"""


def test_nodes_what_is_had_keeps_its_place() -> None:
    assert ("Russia", "have", "military bases in Armenia") in _heads(_facts(_doc(BASES_IN)))
    # a date is the fact's time, not where the thing is; other verbs keep their own place
    assert ("Boeing", "have", "meeting") in _heads(_facts(_doc(MEETING_ON)))
    assert ("Russia", "deploy", "troops") in _heads(_facts(_doc(DEPLOYED_IN)))


KNOWN_AS = """
Khankendi 2 nsubjpass PROPN - B-GPE
is 2 auxpass AUX be
known 2 ROOT VERB know
as 2 prep ADP
Stepanakert 3 pobj PROPN - B-GPE
by 2 agent ADP
Armenians 5 pobj PROPN - B-NORP
. 2 punct PUNCT
"""

PRAISED_AS = """
The 1 det DET
iPhone 3 nsubjpass PROPN - B-ORG
was 3 auxpass AUX be
praised 3 ROOT VERB praise
by 3 agent ADP
Jobs 4 pobj PROPN - B-PERSON
as 3 prep ADP
a 8 det DET
leap 6 pobj NOUN
. 3 punct PUNCT
"""


def test_nodes_a_passive_of_naming_gives_the_name_not_a_doer() -> None:
    heads = _heads(_facts(_tagged(KNOWN_AS, {2: "VBN"})))
    assert ("Khankendi", "be know as", "Stepanakert") in heads
    assert not any(s == "Armenians" for s, _, _ in heads)
    # not a verb of naming: the agent did it
    assert ("Jobs", "praise", "iPhone") in _heads(_facts(_tagged(PRAISED_AS, {3: "VBN"})))


CHIEF_EXECUTIVE = """
Chief 1 amod ADJ
executive 3 compound NOUN
Paul 3 compound PROPN - B-PERSON
Batchelor 4 nsubj PROPN - I-PERSON
resigned 4 ROOT VERB resign
. 4 punct PUNCT
"""

ATTORNEY_GENERAL = """
Attorney 2 compound PROPN
- 2 punct PUNCT
General 4 compound PROPN
Daryl 4 compound PROPN - B-PERSON
Williams 5 nsubj PROPN - I-PERSON
resigned 5 ROOT VERB resign
. 5 punct PUNCT
"""

ENGINEER = """
Boeing 2 compound PROPN - B-ORG
engineer 3 compound NOUN
Michael 3 compound PROPN - B-PERSON
Sears 4 nsubj PROPN - I-PERSON
resigned 4 ROOT VERB resign
. 4 punct PUNCT
"""


def _roles(table: str) -> set[str]:
    return {t.object.text for t in _facts(_doc(table)) if t.relation.lemma == "hold role"}


def test_nodes_a_role_is_the_whole_title() -> None:
    assert _roles(CHIEF_EXECUTIVE) == {"Chief executive"}  # not "Chief"
    assert _roles(ATTORNEY_GENERAL) == {"Attorney-General"}  # not "General"
    # a job that is no title gives no role
    assert _roles(ENGINEER) == set()
