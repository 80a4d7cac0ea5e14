"""Objects that keep what makes them true (issue 14): a noun's content clause and its
"for ... to" infinitive are part of what it names ("concerns that Russia was leaving the
region", not "concerns"); a relative clause stays the noun's own fact; a number with its
magnitude ("jump to 70m") is a value, no thing.
"""

from __future__ import annotations

from kgraph.extract.arguments import mention
from tests.test_extract import _doc, _facts

CONTENT_CLAUSE = """
Pashinyan 1 nsubj PROPN - B-PERSON
expressed 1 ROOT VERB express
concerns 1 dobj NOUN concern
that 6 mark SCONJ
Russia 6 nsubj PROPN - B-GPE
was 6 aux AUX be
leaving 2 acl VERB leave
the 8 det DET
region 6 dobj NOUN
. 1 punct PUNCT
"""

RELATIVE_CLAUSE = """
Officials 1 nsubj NOUN official
warned 1 ROOT VERB warn
of 1 prep ADP
a 5 det DET
wind 5 compound NOUN
change 2 pobj NOUN
that 8 nsubj PRON
may 8 aux AUX
bring 5 relcl VERB
losses 8 dobj NOUN loss
. 1 punct PUNCT
"""

FOR_TO_CLAUSE = """
He 1 nsubj PRON
accepts 1 ROOT VERB accept
the 3 det DET
need 1 dobj NOUN
for 8 mark SCONJ
the 6 det DET
Government 8 nsubj PROPN - B-ORG
to 8 aux PART
look 3 advcl VERB
for 8 prep ADP
ways 9 pobj NOUN way
. 1 punct PUNCT
"""

PURPOSE_CLAUSE = """
He 1 nsubj PRON
made 1 ROOT VERB make
changes 1 dobj NOUN change
so 6 advmod ADV
that 6 mark SCONJ
sales 6 nsubj NOUN sale
rise 2 advcl VERB
. 1 punct PUNCT
"""


def _objects(table: str, verb: str) -> set[str]:
    return {t.object.key_span.text for t in _facts(_doc(table)) if t.relation.lemma == verb}


def test_trust_objects2_a_content_clause_completes_its_noun() -> None:
    assert _objects(CONTENT_CLAUSE, "express") == {"concerns that Russia was leaving the region"}
    # the clause is still a fact of its own
    assert ("Russia", "leave") in {
        (t.subject.text, t.relation.lemma) for t in _facts(_doc(CONTENT_CLAUSE))
    }


def test_trust_objects2_a_relative_clause_is_no_complement() -> None:
    assert _objects(RELATIVE_CLAUSE, "warn of") == {"wind change"}


def test_trust_objects2_a_for_to_clause_completes_its_noun() -> None:
    assert _objects(FOR_TO_CLAUSE, "accept") == {"need for the Government to look for ways"}


def test_trust_objects2_a_purpose_clause_is_no_complement() -> None:
    assert _objects(PURPOSE_CLAUSE, "make") == {"changes"}


MAGNITUDE = """
Passengers 1 nsubj NOUN passenger
jumped 1 ROOT VERB jump
to 1 prep ADP
70m 2 pobj NOUN
. 1 punct PUNCT
"""

COUNTED = """
Passengers 1 nsubj NOUN passenger
jumped 1 ROOT VERB jump
to 1 prep ADP
70 4 nummod NUM - B-CARDINAL
flights 2 pobj NOUN flight
. 1 punct PUNCT
"""


def test_trust_objects2_a_number_with_its_magnitude_is_a_value() -> None:
    found = mention(_doc(MAGNITUDE)[3])
    assert found is not None and found.literal and found.ner == "CARDINAL"


def test_trust_objects2_a_counted_noun_is_no_value() -> None:
    found = mention(_doc(COUNTED)[4])
    assert found is not None and not found.literal


LONG_CLAUSE = """
A 1 det DET
spokeswoman 2 nsubj NOUN
rejected 2 ROOT VERB reject
claims 2 dobj NOUN claim
that 12 mark SCONJ
950 6 nummod NUM - B-CARDINAL
detainees 12 nsubj NOUN detainee
at 6 prep ADP
the 11 det DET
Woomera 11 compound PROPN
detention 11 compound NOUN
centre 7 pobj NOUN
are 3 acl AUX be
to 15 aux PART
be 15 auxpass AUX
relocated 12 xcomp VERB relocate
. 2 punct PUNCT
"""

SHORT_CLAUSE = """
They 1 nsubj PRON
answered 1 ROOT VERB answer
criticisms 1 dobj NOUN criticism
that 6 mark SCONJ
the 5 det DET
airliner 6 nsubj NOUN
is 2 acl AUX be
too 8 advmod ADV
big 6 acomp ADJ
. 1 punct PUNCT
"""


def test_trust_objects2_a_clause_too_long_for_a_label_leaves_the_noun() -> None:
    (fact,) = [t for t in _facts(_doc(LONG_CLAUSE)) if t.relation.lemma == "reject"]
    assert fact.object.key_span.text == "claims"
    assert fact.object.text.endswith("are to be relocated")


def test_trust_objects2_a_copular_clause_ends_with_its_complement() -> None:
    assert _objects(SHORT_CLAUSE, "answer") == {"criticisms that the airliner is too big"}
