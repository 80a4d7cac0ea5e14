"""Issue 14, part 5 (continued): a clause is only as true as the predicate above it,
and is said by whoever frames it.

An infinitive or clause under a verb, adjective or noun that does not make it
true (hope, decide, resolve, be set to, be time for X to, want to make sure
that) is not asserted; nor a verb whose group, or a verb above it, is in the
future ("will be used to help modernise", "is to visit"), nor a temporal clause
in the present under a planned or possible one ("likely to be made when Sharon
returns"). Each rule runs on a hand-built Doc (the real model's parse, written
out) with a look-alike it leaves asserted: implicative verbs that entail their
complement ("managed to win") stay plain facts.

Speakers run through the real model: a pronoun that closes a quotation is whoever
spoke just before it (not a name inside the quotation); what a speech verb's
object says is the speaker's framing; a source is a named one ("documents
collected by X": X; "court documents" name their kind; "documents" alone name no one).
"""

# ruff: noqa: E501  (the Doc tables keep one token per line)
from __future__ import annotations

from typing import Any

import pytest

from kgraph.extract import extract_triples
from kgraph.ontology import Ontology

from .test_attribution import find_triple
from .test_trust_assert import _modality

HOPING = """
She 2 nsubj PRON PRP she
is 2 aux AUX VBZ be
hoping 2 ROOT VERB VBG hop
to 4 aux PART TO to
win 2 xcomp VERB VB win
her 7 poss PRON PRP$ her
second 7 amod ADJ JJ second B-ORDINAL
title 4 dobj NOUN NN title
. 2 punct PUNCT . .
"""

MANAGED = """
She 1 nsubj PRON PRP she
managed 1 ROOT VERB VBD manage
to 3 aux PART TO to
win 1 xcomp VERB VB win
her 6 poss PRON PRP$ her
second 6 amod ADJ JJ second B-ORDINAL
title 3 dobj NOUN NN title
. 1 punct PUNCT . .
"""

DECIDED = """
The 1 det DET DT the
board 3 nsubj NOUN NN board
has 3 aux AUX VBZ have
decided 3 ROOT VERB VBN decide
to 5 aux PART TO to
outsource 3 xcomp VERB VB outsource
functions 5 dobj NOUN NNS function
. 3 punct PUNCT . .
"""

MAY_FEEL = """
Azerbaijan 3 nsubjpass PROPN NNP Azerbaijan B-GPE
may 2 aux AUX MD may
feel 3 auxpass AUX VB feel
empowered 3 ROOT VERB VBN empower
by 3 agent ADP IN by
the 6 det DET DT the
lack 4 pobj NOUN NN lack
of 6 prep ADP IN of
repercussions 7 pobj NOUN NNS repercussion
. 3 punct PUNCT . .
"""

FEELS = """
Azerbaijan 2 nsubjpass PROPN NNP Azerbaijan B-GPE
feels 2 auxpass AUX VBZ feels
empowered 2 ROOT VERB VBN empower
by 2 agent ADP IN by
the 5 det DET DT the
lack 3 pobj NOUN NN lack
of 5 prep ADP IN of
repercussions 6 pobj NOUN NNS repercussion
. 2 punct PUNCT . .
"""

WILL_BE_USED = """
Hawke 3 nsubjpass NOUN NN hawke B-PERSON
will 3 aux AUX MD will
be 3 auxpass AUX VB be
used 3 ROOT VERB VBN use
to 5 aux PART TO to
help 3 xcomp VERB VB help
modernise 5 xcomp VERB VB modernise
the 8 det DET DT the
party 6 dobj NOUN NN party
. 3 punct PUNCT . .
"""

WAS_USED = """
Hawke 2 nsubjpass NOUN NN hawke B-PERSON
was 2 auxpass AUX VBD be
used 2 ROOT VERB VBN use
to 4 aux PART TO to
help 2 xcomp VERB VB help
modernise 4 xcomp VERB VB modernise
the 7 det DET DT the
party 5 dobj NOUN NN party
. 2 punct PUNCT . .
"""

IS_TO = """
The 1 det DET DT the
minister 2 nsubj NOUN NN minister
is 2 ROOT AUX VBZ be
to 4 aux PART TO to
visit 2 xcomp VERB VB visit
Baku 4 dobj PROPN NNP Baku B-GPE
. 2 punct PUNCT . .
"""

IS_TO_BLAME = """
He 1 nsubj PRON PRP he
is 1 ROOT AUX VBZ be
to 3 aux PART TO to
blame 1 xcomp VERB VB blame
for 3 prep ADP IN for
the 6 det DET DT the
crash 4 pobj NOUN NN crash
. 1 punct PUNCT . .
"""

WHEN_PLANNED = """
A 1 det DET DT a
decision 2 nsubj NOUN NN decision
is 2 ROOT AUX VBZ be
likely 2 acomp ADJ JJ likely
to 6 aux PART TO to
be 6 auxpass AUX VB be
made 3 xcomp VERB VBN make
when 9 advmod SCONJ WRB when
Sharon 9 nsubj PROPN NNP Sharon B-PERSON
returns 6 advcl VERB VBZ return
from 9 prep ADP IN from
Washington 10 pobj PROPN NNP Washington B-GPE
. 2 punct PUNCT . .
"""

WHEN_PAST = """
A 1 det DET DT a
decision 3 nsubjpass NOUN NN decision
was 3 auxpass AUX VBD be
made 3 ROOT VERB VBN make
when 6 advmod SCONJ WRB when
Sharon 6 nsubj PROPN NNP Sharon B-PERSON
returned 3 advcl VERB VBD return
from 6 prep ADP IN from
Washington 7 pobj PROPN NNP Washington B-GPE
. 3 punct PUNCT . .
"""

MAKE_SURE = """
We 1 nsubj PRON PRP we
want 1 ROOT VERB VBP want
to 3 aux PART TO to
make 1 xcomp VERB VB make
sure 3 ccomp ADJ JJ sure
that 8 mark SCONJ IN that
it 8 nsubjpass PRON PRP it
is 8 auxpass AUX VBZ be
dealt 4 ccomp VERB VBN deal
with 8 prep ADP IN with
quickly 9 pcomp ADV RB quickly
. 1 punct PUNCT . .
"""

MADE_SURE = """
We 1 nsubj PRON PRP we
made 1 ROOT VERB VBD make
sure 1 ccomp ADJ JJ sure
that 6 mark SCONJ IN that
it 6 nsubjpass PRON PRP it
was 6 auxpass AUX VBD be
dealt 2 ccomp VERB VBN deal
with 6 prep ADP IN with
quickly 7 pcomp ADV RB quickly
. 1 punct PUNCT . .
"""

TIME_FOR = """
It 1 nsubj PRON PRP it
is 1 ROOT AUX VBZ be
time 1 attr NOUN NN time
for 7 mark SCONJ IN for
Mr 5 compound PROPN NNP Mr
Arafat 7 nsubj PROPN NNP Arafat B-PERSON
to 7 aux PART TO to
exert 2 relcl VERB VB exert
control 7 dobj NOUN NN control
. 1 punct PUNCT . .
"""

TIME_SPENT = """
He 1 nsubj PRON PRP he
regrets 1 ROOT VERB VBZ regret
the 3 det DET DT the
time 1 dobj NOUN NN time
he 5 nsubj PRON PRP he
spent 3 relcl VERB VBD spend
in 5 prep ADP IN in
jail 6 pobj NOUN NN jail
. 1 punct PUNCT . .
"""

WAS_FIRST_TO = """
The 1 det DET DT the
response 2 nsubj NOUN NN response
was 2 ROOT AUX VBD be
first 2 acomp ADJ JJ first B-ORDINAL
to 5 aux PART TO to
recommend 2 xcomp VERB VB recommend
a 7 det DET DT a
change 5 dobj NOUN NN change
. 2 punct PUNCT . .
"""

REASON_FOR = """
This 1 nsubj PRON DT this
became 1 ROOT VERB VBD become
the 3 det DET DT the
reason 1 attr NOUN NN reason
for 7 mark SCONJ IN for
Cisco 7 nsubj PROPN NNP Cisco B-GPE
to 7 aux PART TO to
file 3 relcl VERB VB file
a 9 det DET DT a
lawsuit 7 dobj NOUN NN lawsuit
. 1 punct PUNCT . .
"""

WILL_AND_SAYS = """
The 1 det DET DT the
union 3 nsubj NOUN NN union
will 3 aux AUX MD will
hold 3 ROOT VERB VB hold
a 5 det DET DT a
picket 3 dobj NOUN NN picket
and 3 cc CCONJ CC and
says 3 conj VERB VBZ say
workers 10 nsubj NOUN NNS worker
are 10 aux AUX VBP be
facing 7 ccomp VERB VBG face
a 13 det DET DT a
bleak 13 amod ADJ JJ bleak
Christmas 10 dobj PROPN NNP Christmas B-DATE
. 3 punct PUNCT . .
"""

WILL_AND_STAGE = """
The 1 det DET DT the
union 3 nsubj NOUN NN union
will 3 aux AUX MD will
hold 3 ROOT VERB VB hold
a 5 det DET DT a
picket 3 dobj NOUN NN picket
and 3 cc CCONJ CC and
stage 3 conj VERB VB stage
a 9 det DET DT a
protest 7 dobj NOUN NN protest
. 3 punct PUNCT . .
"""


_CASES = [
    # (table, the fact's root word, modality): each rule with a look-alike it leaves asserted
    (HOPING, "win", "hope"),  # the parser's lemma of "hoping" is "hop"
    (MANAGED, "win", None),  # an implicative verb: she won
    (DECIDED, "outsource", "decide"),
    (MAY_FEEL, "empowered", "may"),  # "may" hangs on "feel", a word of the group
    (FEELS, "empowered", None),
    (WILL_BE_USED, "modernise", "will"),  # the future of a verb several complements up
    (WAS_USED, "modernise", None),
    (WILL_AND_STAGE, "stage", "will"),  # a coordinated base form shares "will"
    (WILL_AND_SAYS, "facing", None),  # a finite "says" does not: the workers are facing it now
    (IS_TO, "visit", "be to"),
    (IS_TO_BLAME, "blame", None),  # "is to blame": he is responsible
    (WAS_FIRST_TO, "recommend", None),  # it did recommend
    (WHEN_PLANNED, "returns", "likely"),  # he has not returned yet
    (WHEN_PAST, "returned", None),
    (MAKE_SURE, "dealt", "want"),  # through the adjective "sure" (an acomp)
    (MADE_SURE, "dealt", None),  # "made sure that S": S is done
    (TIME_FOR, "exert", "time"),  # a demand; the parser makes it a relative clause
    (REASON_FOR, "file", None),  # "the reason for X to do Y" is no demand: Cisco filed
    (TIME_SPENT, "spent", None),  # a relative clause that is no infinitive: he spent it
]


@pytest.mark.parametrize(("table", "root", "expected"), _CASES)
def test_trust_assert2_governing_predicate(
    ontology: Ontology, table: str, root: str, expected: str | None
) -> None:
    assert _modality(table, root, ontology) == expected


# ---------------------------------------------------------------- speakers, real model
_ELKA = (
    "Elka Graham won the freestyle. She says former champion Kieren Perkins was behind her victory. "
    '"I swam with Kieren this morning and he gave me some awesome advice," she said.'
)
_JONES = (
    "John Smith said the team played well. Coach Tom Jones was happy with the result. "
    '"He gave me some awesome advice," he said.'
)
_SPEAKERS = [
    # (text, fact, speaker, modality)
    (_ELKA, ("he", "give", "advice"), "Elka Graham", None),  # not Kieren, named inside the quote
    (
        _JONES,
        ("He", "give", "advice"),
        "Coach Tom Jones",
        None,
    ),  # a sentence between: the last person
    (
        "The Azerbaijani Foreign Ministry has been actively involved in diplomatic efforts to ease tensions, emphasizing the need for Armenia to cease actions that obstruct the normalization process.",
        ("actions", "obstruct", "process"),
        "The Azerbaijani Foreign Ministry",
        None,
    ),
    (  # the object of "told" is whom it is said to: what they did is the narrator's
        "He told reporters who gathered outside the court that the verdict was unfair.",
        ("reporters", "gather outside", "court"),
        None,
        None,
    ),
    (
        "Armenian Prime Minister Nikol Pashinyan recently expressed concerns that Russia was leaving the region.",
        ("Russia", "leave", "region"),
        "Armenian Prime Minister Nikol Pashinyan",
        "concern",
    ),
    (
        "General Suharto briefed Gerald Ford on his plans, according to documents collected by the National Security Archive.",
        ("Suharto", "brief", "Ford"),
        "the National Security Archive",
        None,
    ),
    (  # documents nobody owns name no source ("said by: documents" is none)
        "General Suharto briefed Gerald Ford on his plans, according to documents.",
        ("Suharto", "brief", "Ford"),
        None,
        None,
    ),
    (  # documents of a kind name it
        "Agents searching his property found the warheads, according to court documents.",
        ("Agents", "find", "warheads"),
        "court documents",
        None,
    ),
    (  # the object of a rejection is not what the rejecter says
        "Hamas has rejected a call by Palestinian leader Yasser Arafat for an end to all military operations.",
        ("Arafat", "hold role", "leader"),
        None,
        None,
    ),
    (
        "Sanchez-Vicario says she is hoping to win her second Hopman Cup title.",
        ("she", "win", "title"),
        "Sanchez-Vicario",
        "hope",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "target", "speaker", "expected"), _SPEAKERS)
def test_trust_assert2_speakers(
    nlp: Any,
    ontology: Ontology,
    text: str,
    target: tuple[str, str, str],
    speaker: str | None,
    expected: str | None,
) -> None:
    triple = find_triple(list(extract_triples(nlp(text), ontology)), target)
    assert triple is not None, f"no fact {target} in {text!r}"
    found = triple.attribution.speaker.text if triple.attribution is not None else None
    assert (found, triple.modality) == (speaker, expected)
