"""Nodes and relations a reader accepts (issue 14, part 3, round 3): times are no things,
and a title keeps the body named before it.

A time or duration beside another complement of its clause ("engaged in a dispute for
decades", "interrupted by Baku for months", "said on Tuesday that ...") is no fact's
object; alone it stays one ("was founded in 1976", decision 0013). A body named right
before a title ("EADS chief executive Louis Gallois") is the title's qualifier, as the
possessive one is ("Armenia's Prime Minister").
"""

from __future__ import annotations

from tests.test_extract import ROLE_BEFORE as ARMENIAN_PRIME_MINISTER
from tests.test_extract import _doc, _facts, _heads

ENGAGED_FOR_DECADES = """
Armenia 3 nsubjpass PROPN - B-GPE
has 3 aux AUX have
been 3 auxpass AUX be
engaged 3 ROOT VERB engage
in 3 prep ADP
a 6 det DET
dispute 4 pobj NOUN
for 3 prep ADP
decades 7 pobj NOUN decade B-DATE
. 3 punct PUNCT
"""

ENGAGED_IN_A_DISPUTE = """
Armenia 3 nsubjpass PROPN - B-GPE
has 3 aux AUX have
been 3 auxpass AUX be
engaged 3 ROOT VERB engage
in 3 prep ADP
a 6 det DET
dispute 4 pobj NOUN
. 3 punct PUNCT
"""


def test_nodes3_a_duration_beside_another_object_is_no_object() -> None:
    assert _heads(_facts(_doc(ENGAGED_FOR_DECADES))) == {("Armenia", "be engage in", "dispute")}
    # the complement alone: the same fact
    assert _heads(_facts(_doc(ENGAGED_IN_A_DISPUTE))) == {("Armenia", "be engage in", "dispute")}


INTERRUPTED_BY_BAKU_FOR_MONTHS = """
The 1 det DET
connection 3 nsubjpass NOUN
was 3 auxpass AUX be
interrupted 3 ROOT VERB interrupt
by 3 agent ADP
Baku 4 pobj PROPN - B-GPE
for 3 prep ADP
months 6 pobj NOUN month B-DATE
. 3 punct PUNCT
"""

WORKED_FOR_YEARS = """
He 1 nsubj PRON he
worked 1 ROOT VERB work
for 1 prep ADP
25 4 nummod NUM - B-DATE
years 2 pobj NOUN year I-DATE
. 1 punct PUNCT
"""


def test_nodes3_a_duration_beside_an_agent_is_no_object_but_alone_it_stays() -> None:
    assert _heads(_facts(_doc(INTERRUPTED_BY_BAKU_FOR_MONTHS))) == {
        ("Baku", "interrupt", "connection")
    }
    # the clause's only complement: "he worked for 25 years" keeps it (decision 0013)
    assert _heads(_facts(_doc(WORKED_FOR_YEARS))) == {("He", "work for", "25 years")}


AT_THE_TIME = """
Both 1 det DET both
countries 2 nsubj NOUN country
were 2 ROOT AUX be
under 2 prep ADP
Soviet 5 amod PROPN - B-NORP
rule 3 pobj NOUN
at 2 prep ADP
the 8 det DET
time 6 pobj NOUN
. 2 punct PUNCT
"""


def test_nodes3_a_time_noun_is_a_time_too() -> None:
    assert _heads(_facts(_doc(AT_THE_TIME))) == {("countries", "be under", "Soviet rule")}


SAID_ON_TUESDAY_THAT = """
The 1 det DET
ministry 2 nsubj NOUN
said 2 ROOT VERB say
on 2 prep ADP
Tuesday 3 pobj PROPN - B-DATE
that 7 mark SCONJ
troops 7 nsubj NOUN troop
attacked 2 ccomp VERB attack
. 2 punct PUNCT
"""

SPOKE_ON_TUESDAY = """
The 1 det DET
ministry 2 nsubj NOUN
spoke 2 ROOT VERB speak
on 2 prep ADP
Tuesday 3 pobj PROPN - B-DATE
. 2 punct PUNCT
"""


def test_nodes3_a_time_beside_a_clause_said_is_no_object() -> None:
    relations = {t.relation.lemma for t in _facts(_doc(SAID_ON_TUESDAY_THAT))}
    assert "say on" not in relations
    # no clause: the date is the only complement and stays the object
    assert _heads(_facts(_doc(SPOKE_ON_TUESDAY))) == {("ministry", "speak on", "Tuesday")}


EADS_CHIEF_EXECUTIVE = """
EADS 2 compound PROPN - B-ORG
chief 2 compound NOUN
executive 4 compound NOUN
Louis 4 compound PROPN - B-PERSON
Gallois 5 nsubj PROPN - I-PERSON
spoke 5 ROOT VERB speak
. 5 punct PUNCT
"""

FAIR_TRADING_MINISTER = """
Fair 2 compound PROPN - B-ORG
Trading 2 compound PROPN
Minister 4 compound PROPN
John 4 compound PROPN - B-PERSON
Aquilina 5 nsubj PROPN - I-PERSON
spoke 5 ROOT VERB speak
. 5 punct PUNCT
"""


def _roles(table: str) -> set[tuple[str, str, str]]:
    return {h for h in _heads(_facts(_doc(table))) if h[1] != "speak"}


def test_nodes3_a_body_named_before_a_title_qualifies_it() -> None:
    assert _roles(EADS_CHIEF_EXECUTIVE) == {
        ("Louis Gallois", "hold role", "EADS chief executive"),
        ("Louis Gallois", "chief executive of", "EADS"),
    }
    # a nationality names no body; a name cut short by the title's words is no body
    assert _roles(ARMENIAN_PRIME_MINISTER) == {
        ("Nikol Pashinyan", "hold role", "Armenian Prime Minister")
    }
    assert all(rel != "minister of" for _, rel, _ in _roles(FAIR_TRADING_MINISTER))


RE_DESIGNS = """
Apple 1 nsubj PROPN - B-ORG
released 1 ROOT VERB release
several 3 amod ADJ
re 1 dobj NOUN
- 1 dobj NOUN
designs 1 dobj NOUN design
. 1 punct PUNCT
"""

CALLED_FOR_A_RE_RUN = """
Auditors 1 nsubj NOUN auditor
called 1 ROOT VERB call
for 1 prep ADP
a 4 det DET
re 2 pobj NOUN
- 2 pobj NOUN
run 2 pobj NOUN
. 1 punct PUNCT
"""


def test_nodes3_a_hyphenated_word_split_by_the_parser_is_one_node() -> None:
    triples = _facts(_doc(RE_DESIGNS))
    assert {(t.relation.lemma, t.object.text) for t in triples} == {
        ("release", "several re-designs")
    }
    assert _heads(_facts(_doc(CALLED_FOR_A_RE_RUN))) == {("Auditors", "call for", "re-run")}


DISASTERS_THIS_YEAR_DASH = """
It 1 nsubj PRON it
listed 1 ROOT VERB list
disasters 1 dobj NOUN disaster
this 4 det DET
year 1 npadvmod NOUN - B-DATE
- 1 punct PUNCT
the 7 det DET
losses 1 dobj NOUN loss
. 1 punct PUNCT
"""


def test_nodes3_a_dash_between_two_phrases_joins_no_word() -> None:
    objects = {t.object.text for t in _facts(_doc(DISASTERS_THIS_YEAR_DASH))}
    assert "the losses" in objects
    assert not any("-" in text for text in objects)


ATTORNEY_GENERAL = """
The 3 det DET
Attorney 3 compound PROPN
- 3 punct PUNCT
General 8 nsubj PROPN
, 3 punct PUNCT
Daryl 6 compound PROPN - B-PERSON
Williams 3 appos PROPN - I-PERSON
, 3 punct PUNCT
spoke 8 ROOT VERB speak
. 8 punct PUNCT
"""


def test_nodes3_a_hyphenated_title_is_one_role() -> None:
    triples = _facts(_doc(ATTORNEY_GENERAL))
    assert {t.object.text for t in triples if t.relation.lemma == "hold role"} == {
        "Attorney-General"
    }


VICE_PRESIDENT = """
They 1 nsubj PRON they
met 1 ROOT VERB meet
vice 1 dobj NOUN
- 6 compound NOUN
president 6 compound NOUN
Peter 6 compound PROPN - B-PERSON
Balmer 1 dobj PROPN - I-PERSON
. 1 punct PUNCT
"""

THEN_PRESIDENT = """
They 1 nsubj PRON they
met 1 ROOT VERB meet
then 3 advmod ADV
- 4 punct PUNCT
president 5 compound NOUN
Suharto 1 dobj PROPN - B-PERSON
. 1 punct PUNCT
"""


def test_nodes3_a_short_prefix_joins_its_word_however_the_parser_hung_it() -> None:
    triples = _facts(_doc(VICE_PRESIDENT))
    assert {t.object.text for t in triples if t.relation.lemma == "meet"} == {
        "vice-president Peter Balmer"
    }
    assert {t.object.text for t in triples if t.relation.lemma == "hold role"} == {"vice-president"}
    # an adverb before the hyphen is no part of the title: "then-president" is a president
    roles = {t.object.text for t in _facts(_doc(THEN_PRESIDENT)) if t.relation.lemma == "hold role"}
    assert roles == {"president"}
