"""Issue 14, part 5: what a sentence does not assert, and who says it.

Modality rules run on hand-built Docs (each rule with a case it marks and a
look-alike it leaves asserted); attribution rows run through the real model.
"""

# ruff: noqa: E501  (the Doc tables keep one token per line)
from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from kgraph.extract import extract_triples
from kgraph.extract.modality import modality, noun_owner
from kgraph.ontology import Ontology

from .test_attribution import find_triple

_VOCAB = spacy.blank("en").vocab  # lexeme attributes (lower_) as the model has them
_NO_SPACE_BEFORE = {".", ",", "'s", ";"}


def _doc(table: str) -> Doc:
    """A parsed Doc from rows "word head dep pos tag lemma [ent]" (head: absolute index)."""
    rows = [line.split() for line in table.strip().splitlines()]
    words = [row[0] for row in rows]
    spaces = [
        i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE for i in range(len(words))
    ]
    return Doc(
        _VOCAB,
        words=words,
        spaces=spaces,
        heads=[int(row[1]) for row in rows],
        deps=[row[2] for row in rows],
        pos=[row[3] for row in rows],
        tags=[row[4] for row in rows],
        lemmas=[row[5] for row in rows],
        ents=[row[6] if len(row) > 6 else "O" for row in rows],
    )


def _modality(table: str, root: str, ontology: Ontology) -> str | None:
    """The modality of the fact whose relation is the token ``root`` (a word of the table)."""
    doc = _doc(table)
    token = next(t for t in doc if t.text == root)
    group = [token, *(c for c in token.children if c.dep_ in {"aux", "auxpass", "neg"})]
    return modality(token, sorted(group), ontology.modality_cues)  # the relation's verb group


FUTURE = """
Rolls-Royce 2 nsubj PROPN NNP Rolls-Royce B-ORG
will 2 aux AUX MD will
supply 2 ROOT VERB VB supply
engines 2 dobj NOUN NNS engine
. 2 punct PUNCT . .
"""
PAST = """
Rolls-Royce 1 nsubj PROPN NNP Rolls-Royce B-ORG
supplied 1 ROOT VERB VBD supply
engines 1 dobj NOUN NNS engine
. 1 punct PUNCT . .
"""
ALLOW = """
The 1 det DET DT the
SDK 3 nsubj NOUN NN sdk
will 3 aux AUX MD will
allow 3 ROOT VERB VB allow
developers 6 nsubj NOUN NNS developer
to 6 aux PART TO to
create 3 ccomp VERB VB create
apps 6 dobj NOUN NNS app
. 3 punct PUNCT . .
"""
HELPED = """
The 1 det DET DT the
SDK 2 nsubj NOUN NN sdk
helped 2 ROOT VERB VBD help
developers 5 nsubj NOUN NNS developer
to 5 aux PART TO to
create 2 ccomp VERB VB create
apps 5 dobj NOUN NNS app
. 2 punct PUNCT . .
"""
WANT_SURE = """
We 1 nsubj PRON PRP we
want 1 ROOT VERB VBP want
to 3 aux PART TO to
make 1 xcomp VERB VB make
sure 3 ccomp ADJ JJ sure
that 7 mark SCONJ IN that
powers 7 nsubj NOUN NNS power
get 4 ccomp VERB VBP get
examination 7 dobj NOUN NN examination
. 1 punct PUNCT . .
"""
MADE_SURE = """
We 1 nsubj PRON PRP we
made 1 ROOT VERB VBD make
sure 1 ccomp ADJ JJ sure
that 5 mark SCONJ IN that
powers 5 nsubj NOUN NNS power
got 2 ccomp VERB VBD get
examination 5 dobj NOUN NN examination
. 1 punct PUNCT . .
"""
INDICATIONS = """
It 1 nsubj PRON PRP it
came 1 ROOT VERB VBD come
amid 1 prep ADP IN amid
indications 2 pobj NOUN NNS indication
that 7 mark SCONJ IN that
Russia 7 nsubj PROPN NNP Russia B-GPE
is 7 aux AUX VBZ be
maintaining 3 acl VERB VBG maintain
ties 7 dobj NOUN NNS tie
. 1 punct PUNCT . .
"""
THE_FACT = """
It 1 nsubj PRON PRP it
came 1 ROOT VERB VBD come
after 1 prep ADP IN after
the 4 det DET DT the
fact 2 pobj NOUN NN fact
that 8 mark SCONJ IN that
Russia 8 nsubj PROPN NNP Russia B-GPE
is 8 aux AUX VBZ be
maintaining 4 acl VERB VBG maintain
ties 8 dobj NOUN NNS tie
. 1 punct PUNCT . .
"""
POSSIBILITY = """
There 1 expl PRON EX there
was 1 ROOT VERB VBD be
a 3 det DET DT a
possibility 1 attr NOUN NN possibility
of 3 prep ADP IN of
Russia 6 nsubj PROPN NNP Russia B-GPE
sending 4 pcomp VERB VBG send
troops 6 dobj NOUN NNS troop
. 1 punct PUNCT . .
"""
COST = POSSIBILITY.replace("possibility 1 attr NOUN NN possibility", "cost 1 attr NOUN NN cost")
REPORTS = """
Reports 1 nsubj NOUN NNS report
say 1 ROOT VERB VBP say
that 5 mark SCONJ IN that
Azerbaijani 4 amod ADJ JJ azerbaijani
troops 5 nsubj NOUN NNS troop
crossed 1 ccomp VERB VBD cross
the 7 det DET DT the
border 5 dobj NOUN NN border
. 1 punct PUNCT . .
"""
OWNED_REPORTS = """
Baku 1 poss PROPN NNP Baku B-GPE
's 0 case PART POS 's
reports 2 nsubj NOUN NNS report
say 2 ROOT VERB VBP say
that 6 mark SCONJ IN that
Azerbaijani 5 amod ADJ JJ azerbaijani
troops 6 nsubj NOUN NNS troop
crossed 3 ccomp VERB VBD cross
the 8 det DET DT the
border 6 dobj NOUN NN border
. 3 punct PUNCT . .
"""
SOURCED_REPORTS = """
Reports 1 nsubj NOUN NNS report
indicate 1 ROOT VERB VBP indicate
that 4 mark SCONJ IN that
troops 4 nsubj NOUN NNS troop
crossed 1 ccomp VERB VBD cross
the 6 det DET DT the
border 4 dobj NOUN NN border
, 1 punct PUNCT , ,
according 1 prep VERB VBG accord
to 8 prep ADP IN to
state 11 compound NOUN NN state
media 9 pobj NOUN NNS medium
. 1 punct PUNCT . .
"""

ONE_REPORT = """
A 1 det DET DT a
report 2 nsubj NOUN NN report
revealed 2 ROOT VERB VBD reveal
that 5 mark SCONJ IN that
troops 5 nsubj NOUN NNS troop
crossed 2 ccomp VERB VBD cross
the 7 det DET DT the
border 5 dobj NOUN NN border
. 2 punct PUNCT . .
"""
LIKELY_AS = """
Numbers 1 nsubj NOUN NNS number
are 1 ROOT AUX VBP be
likely 1 acomp ADJ JJ likely
to 4 aux PART TO to
swell 2 xcomp VERB VB swell
as 7 mark SCONJ IN as
the 7 det DET DT the
hunt 8 nsubj NOUN NN hunt
continues 4 advcl VERB VBZ continue
for 8 prep ADP IN for
loyalists 9 pobj NOUN NNS loyalist
. 1 punct PUNCT . .
"""


@pytest.mark.parametrize(
    ("table", "root", "expected"),
    [
        (FUTURE, "supply", "will"),  # a plan, not a thing that happened
        (PAST, "supplied", None),
        (ALLOW, "create", "allow"),  # what a thing allows is a possibility (an infinitive ccomp)
        (HELPED, "create", None),  # "help" is no cue: the developers did create
        (WANT_SURE, "get", "want"),  # a wish two complements up
        (MADE_SURE, "got", None),
        (INDICATIONS, "maintaining", "indication"),  # a noun of evidence and its that-clause
        (THE_FACT, "maintaining", None),  # "the fact that S" states S
        (POSSIBILITY, "sending", "possibility"),  # "the possibility of S"
        (COST, "sending", None),
        (REPORTS, "crossed", "report"),  # reports nobody owns: hearsay
        (OWNED_REPORTS, "crossed", None),  # Baku's reports: an attribution, not a hedge
        (SOURCED_REPORTS, "crossed", None),  # "..., according to state media": theirs
        (ONE_REPORT, "crossed", None),  # one report is a document that speaks, no hearsay
        (LIKELY_AS, "swell", "likely"),
        (LIKELY_AS, "continues", None),  # an adverbial clause is said on its own
    ],
)
def test_trust_assert_modality_rules(
    table: str, root: str, expected: str | None, ontology: Ontology
) -> None:
    assert _modality(table, root, ontology) == expected


def test_trust_assert_future_is_the_weakest_cue(ontology: Ontology) -> None:
    """ "will" gives way to a stronger cue on the same fact ("will allow ... if")."""
    assert "will" in ontology.modality_cues.future and "will" not in ontology.modality_cues.aux
    could = FUTURE.replace("will 2 aux AUX MD will", "could 2 aux AUX MD could")
    assert _modality(could, "supply", ontology) == "could"


@pytest.mark.parametrize(
    ("table", "owner"),
    [
        (
            "a 1 det DET DT a\nreport 1 ROOT NOUN NN report\nin 1 prep ADP IN in\nArs 4 compound PROPN NNP Ars\nTechnica 2 pobj PROPN NNP Technica",
            "Technica",
        ),
        (
            "a 1 det DET DT a\nstatement 1 ROOT NOUN NN statement\nin 1 prep ADP IN in\nMarch 2 pobj PROPN NNP March B-DATE",
            None,
        ),
        (
            "a 1 det DET DT a\nreport 1 ROOT NOUN NN report\nin 1 prep ADP IN in\nBritain 2 pobj PROPN NNP Britain B-GPE",
            None,
        ),
    ],
)
def test_trust_assert_a_publication_owns_its_report(table: str, owner: str | None) -> None:
    doc = _doc(table)
    found = noun_owner(doc[1])
    assert (found.text if found is not None else None) == owner


# ---------------------------------------------------------------- attribution, real model
_SPEAKERS = [
    # a passive speech verb: its subject is what was announced, never who announced it
    (
        "Improvements to the mobile Safari browser were also announced; tabbed browsing and a Reader feature introduce desktop-like functionality.",
        ("browsing", "introduce", "functionality"),
        None,
    ),
    (
        "Apple said that the new browser introduces tabs.",
        ("browser", "introduce", "tabs"),
        "Apple",
    ),
    # of two subjects the parser gave the speech verb, the one next to it speaks
    (
        "As well as new routes to the US, Mannion stated that the airline would buy aircraft.",
        ("airline", "buy", "aircraft"),
        "Mannion",
    ),
    # a reply is a speech act: the quotation is the speaker's
    (
        'Boeing Executive Vice President Scott Carson replied, "It represents a business relationship between our company and Aeroflot."',
        ("It", "represent", "relationship"),
        "Boeing Executive Vice President Scott Carson",
    ),
    # a report nobody owns speaks for no one: the one who cites it does, and the fact stays hedged
    (
        "Pentagon spokesman Timothy Taylor said initial reports said that all four were aboard the destroyer.",
        ("four", "be aboard", "destroyer"),
        "Pentagon",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "target", "speaker"), _SPEAKERS)
def test_trust_assert_speakers(
    nlp: Any, ontology: Ontology, text: str, target: tuple[str, str, str], speaker: str | None
) -> None:
    triple = find_triple(list(extract_triples(nlp(text), ontology)), target)
    assert triple is not None, f"no fact {target} in {text!r}"
    found = triple.attribution.speaker.text if triple.attribution is not None else None
    assert found == speaker


@pytest.mark.model
def test_trust_assert_he_is_no_name_that_modifies_a_thing(nlp: Any, ontology: Ontology) -> None:
    """ "he" is the last person named, not a name that only modifies a noun ("Mac apps"),
    and a person named again by surname counts however the parser tagged it."""
    text = (
        "Steve Jobs opened the conference. He talked about porting their Mac apps to Intel processors. "
        "He said that Apple bought the company."
    )
    triples = list(extract_triples(nlp(text), ontology))
    said = [t for t in triples if t.attribution is not None and "Apple" in t.subject.text]
    assert said and all(t.attribution.speaker.text == "Steve Jobs" for t in said)
    later = (
        "Apple CEO Steve Jobs took leave. US markets were closed in honor of Martin Luther King. "
        "The announcement marked the third time that Jobs, aged 55, has taken medical leave. "
        "He fought cancer in 2004, later revealing he had undergone a liver transplant."
    )
    triple = find_triple(
        list(extract_triples(nlp(later), ontology)), ("he", "undergo", "transplant")
    )
    assert triple is not None and triple.attribution is not None
    assert triple.attribution.speaker.text == "Jobs"
