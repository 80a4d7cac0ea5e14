"""Roles and appositions a reader accepts (issue 14, part 3, wave 2).

A role literal (kg:holdsRole) is the whole title as written: the names, adjectives and
possessor that modify the title noun before it ("Argentine President", "New South Wales
Emergency Services Minister", "the Cancer Council's chief executive officer") and the
"of" phrase naming a body after it ("parliamentary leader of the People's Alliance
Party"); the "<title> of" facts stay beside it. Amounts in other currencies in brackets
("US$140bn ($96bn, £86bn)") and a bare word coordinated with an adjective complement
("is smaller and squarer"), a common noun apposed with no comma ("the pain of people the
world over") and a noun phrase that is the next verb's subject ("his master, Hawthorne's
performances were great") are no definitions.
"""

from __future__ import annotations

from tests.test_extract import ROLE_BEFORE, _doc, _facts, _heads

EMERGENCY_SERVICES_MINISTER = """
New 2 compound PROPN - B-ORG
South 2 compound PROPN - I-ORG
Wales 5 compound PROPN - I-ORG
Emergency 4 compound PROPN - I-ORG
Services 5 compound PROPN
Minister 7 compound PROPN
Bob 7 compound PROPN - B-PERSON
Debus 8 nsubj PROPN - I-PERSON
spoke 8 ROOT VERB speak
. 8 punct PUNCT
"""

CANCER_COUNCIL_OFFICER = """
The 2 det DET the B-ORG
Cancer 2 compound PROPN - I-ORG
Council 6 poss PROPN - I-ORG
's 2 case PART - I-ORG
chief 6 amod ADJ
executive 6 amod ADJ
officer 11 nsubj NOUN
, 6 punct PUNCT
Andrew 9 compound PROPN - B-PERSON
Penman 6 appos PROPN - I-PERSON
, 6 punct PUNCT
spoke 11 ROOT VERB speak
. 11 punct PUNCT
"""

PARTY_LEADER = """
Sir 2 compound PROPN
Allan 2 compound PROPN - B-PERSON
Kemakeza 14 nsubj PROPN - I-PERSON
, 2 punct PUNCT
the 6 det DET
parliamentary 6 amod ADJ
leader 2 appos NOUN
of 6 prep ADP
the 9 det DET - B-ORG
People 12 poss PROPN - I-ORG
's 9 case PART - I-ORG
Alliance 12 compound PROPN - I-ORG
Party 7 pobj PROPN - I-ORG
, 2 punct PUNCT
spoke 14 ROOT VERB speak
. 14 punct PUNCT
"""

LEADER_OF_A_CLAUSE = """
Bob 1 compound PROPN - B-PERSON
Smith 11 nsubj PROPN - I-PERSON
, 1 punct PUNCT
the 4 det DET
leader 1 appos NOUN
of 4 prep ADP
the 7 det DET
party 5 pobj NOUN
that 9 nsubj PRON
won 7 relcl VERB win
, 1 punct PUNCT
spoke 11 ROOT VERB speak
. 11 punct PUNCT
"""

IN_OTHER_CURRENCIES = """
It 1 nsubj PRON it
cost 1 ROOT VERB
US$ 3 nmod SYM us$
140bn 1 dobj NOUN
( 3 punct PUNCT
$ 6 nmod SYM
96bn 3 appos NOUN
, 6 punct PUNCT
£ 9 nmod SYM
86bn 6 appos NUM
) 3 punct PUNCT
. 1 punct PUNCT
"""

SMALLER_AND_SQUARER = """
The 2 det DET the
iPod 2 compound PROPN - B-ORG
nano 3 nsubj NOUN
is 3 ROOT AUX be
now 3 advmod ADV
smaller 3 acomp ADJ small
and 5 cc CCONJ
squarer 5 conj NOUN
. 3 punct PUNCT
"""

SMALL_AND_A_BESTSELLER = """
The 1 det DET the
iPod 2 nsubj PROPN - B-ORG
is 2 ROOT AUX be
small 2 acomp ADJ
and 3 cc CCONJ
a 6 det DET
bestseller 3 conj NOUN
. 2 punct PUNCT
"""


THE_WORLD_OVER = """
I 1 nsubj PRON
feel 1 ROOT VERB
the 3 det DET
pain 1 dobj NOUN
of 3 prep ADP
people 4 pobj NOUN
the 7 det DET
world 3 appos NOUN
over 1 prt ADP
. 1 punct PUNCT
"""

A_CLAUSE_AFTER_A_COMMA = """
He 1 nsubj PRON he
praised 1 ROOT VERB praise
his 3 poss PRON
master 1 dobj NOUN
, 3 punct PUNCT
Hawthorne 7 poss PROPN - B-GPE
's 5 case PART
performances 3 appos NOUN performance
were 1 ccomp AUX be
great 8 acomp ADJ
. 1 punct PUNCT
"""

APPOSED_BEFORE_ITS_VERB = """
Louis 1 compound PROPN - B-PERSON
Gallois 7 nsubj PROPN - I-PERSON
, 1 punct PUNCT
the 5 det DET
chief 5 amod ADJ
executive 1 appos NOUN
, 1 punct PUNCT
said 7 ROOT VERB say
no 7 intj INTJ
. 7 punct PUNCT
"""


APPOSED_TO_A_SUBJECT = """
The 2 det DET the
newest 2 amod ADJ new
iPhone 7 nsubjpass PROPN
, 2 punct PUNCT
iPhone 2 appos PROPN
4 4 nummod NUM
was 7 auxpass AUX be
introduced 7 ROOT VERB introduce
. 7 punct PUNCT
"""


def _roles(table: str) -> set[str]:
    return {t.object.text for t in _facts(_doc(table)) if t.relation.lemma == "hold role"}


def test_roles_a_title_before_a_name_keeps_its_modifiers() -> None:
    assert _roles(EMERGENCY_SERVICES_MINISTER) == {"New South Wales Emergency Services Minister"}
    assert _roles(ROLE_BEFORE) == {"Armenian Prime Minister"}


def test_roles_an_apposed_title_keeps_its_possessor_and_its_body() -> None:
    heads = _heads(_facts(_doc(CANCER_COUNCIL_OFFICER)))
    assert ("Andrew Penman", "hold role", "Cancer Council's chief executive officer") in heads
    assert ("Andrew Penman", "chief executive officer of", "Cancer Council") in heads
    heads = _heads(_facts(_doc(PARTY_LEADER)))
    assert (
        "Allan Kemakeza",
        "hold role",
        "parliamentary leader of the People's Alliance Party",
    ) in heads
    assert ("Allan Kemakeza", "parliamentary leader of", "People's Alliance Party") in heads


def test_roles_an_of_phrase_with_a_clause_stays_out_of_the_literal() -> None:
    assert _roles(LEADER_OF_A_CLAUSE) == {"leader"}


def test_roles_amounts_in_other_currencies_are_no_apposition() -> None:
    heads = _heads(_facts(_doc(IN_OTHER_CURRENCIES)))
    assert not any(rel == "be" for _, rel, _ in heads)


def test_roles_a_word_coordinated_with_an_adjective_is_no_class() -> None:
    assert not any(rel == "be" for _, rel, _ in _heads(_facts(_doc(SMALLER_AND_SQUARER))))
    assert ("iPod", "be", "bestseller") in _heads(_facts(_doc(SMALL_AND_A_BESTSELLER)))


def test_roles_a_common_noun_with_no_comma_is_no_apposition() -> None:
    assert not any(rel == "be" for _, rel, _ in _heads(_facts(_doc(THE_WORLD_OVER))))


def test_roles_the_subject_of_the_next_verb_is_no_apposition() -> None:
    assert not any(rel == "be" for _, rel, _ in _heads(_facts(_doc(A_CLAUSE_AFTER_A_COMMA))))
    assert _roles(APPOSED_BEFORE_ITS_VERB) == {"chief executive"}
    assert ("iPhone", "be", "iPhone") in _heads(_facts(_doc(APPOSED_TO_A_SUBJECT)))  # key spans
