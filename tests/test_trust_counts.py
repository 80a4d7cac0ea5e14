"""Counts a reader can trust (issue 14, part 6): what a number counts, and how sure it is.

A number that names a model ("their 737 airliner", "five new 737 aircraft") or measures
("32 GB models") counts nothing; a counted noun keeps only the conjuncts counted with it
("2,000 men and women", not "91 aircraft and 230"); "290+" is "at least"; "X and Y have
each recorded three deaths" is three for each; a plural name of things ("13.7 million
Macs") is no count of people. A count said under "may", "will" or "likely" carries that
modality: its relation is its clause's verb group.
"""

from __future__ import annotations

from typing import Any

import pytest

from kgraph.model import SurfaceTriple
from kgraph.ontology import Ontology
from tests.test_extract import _facts, _tagged


def _counts(doc: Any) -> list[tuple[str, float, str, str | None]]:
    return [
        (t.subject.text, t.quantity.value, t.quantity.kind, t.quantity.qualifier)
        for t in _facts(doc)
        if t.quantity is not None
    ]


_CONJUNCT_NUMBER = """
Ryanair 1 nsubj PROPN - B-ORG
has 1 ROOT VERB have
91 3 nummod NUM - B-CARDINAL
aircraft 1 dobj NOUN
and 3 cc CCONJ
230 3 conj NUM - B-CARDINAL
on 1 prep ADP
order 6 pobj NOUN
. 1 punct PUNCT
"""

_CONJUNCT_NOUN = """
2,000 1 nummod NUM - B-CARDINAL
men 5 nsubjpass NOUN man
and 1 cc CCONJ
women 1 conj NOUN woman
were 5 auxpass AUX be
evacuated 5 ROOT VERB evacuate
. 5 punct PUNCT
"""


def test_trust_counts_a_conjunct_is_counted_only_when_it_is_a_bare_noun_like_the_first() -> None:
    assert _counts(_tagged(_CONJUNCT_NUMBER, {3: "NNS"})) == [("aircraft", 91, "aircraft", None)]
    men = _tagged(_CONJUNCT_NOUN, {1: "NNS", 3: "NNS"})
    assert _counts(men) == [("men and women", 2000, "displaced", None)]


_MODEL = """
Boeing 1 nsubj PROPN - B-ORG
delayed 1 ROOT VERB delay
their 4 poss PRON
{number} 4 nummod NUM - B-CARDINAL
{noun} 1 dobj NOUN {lemma}
. 1 punct PUNCT
"""


@pytest.mark.parametrize(
    ("number", "noun", "tag", "expected"),
    [
        ("737", "airliner", "NN", []),  # one airliner: 737 is its model
        ("12", "airliners", "NNS", [("airliners", 12, "airliner", None)]),
        ("four", "aircraft", "NN", [("aircraft", 4, "aircraft", None)]),  # a number word counts
        ("300", "staff", "NN", [("staff", 300, "staff", None)]),  # a collective noun counts
    ],
)
def test_trust_counts_a_number_before_one_thing_is_its_model(
    number: str, noun: str, tag: str, expected: list[tuple[str, float, str, None]]
) -> None:
    lemma = noun.removesuffix("s")
    doc = _tagged(_MODEL.format(number=number, noun=noun, lemma=lemma), {4: tag})
    assert _counts(doc) == expected


_SECOND_NUMBER = """
Ryanair 1 nsubj PROPN - B-ORG
bought 1 ROOT VERB buy
five 5 nummod NUM - B-CARDINAL
new 5 amod ADJ
737 5 nummod NUM - B-CARDINAL
aircraft 1 dobj NOUN
. 1 punct PUNCT
"""

_YEAR_BEFORE = """
Since 7 prep ADP since
its 3 poss PRON
1967 5 nummod NUM - B-DATE
debut 0 pobj NOUN
5,700 5 nummod NUM - B-CARDINAL
jets 7 nsubjpass NOUN jet
have 7 aux AUX have
been 7 auxpass AUX be
delivered 7 ROOT VERB deliver
. 7 punct PUNCT
"""


def test_trust_counts_a_number_after_a_count_of_the_same_noun_is_a_name() -> None:
    assert _counts(_tagged(_SECOND_NUMBER, {5: "NNS"})) == [
        ("new 737 aircraft", 5, "aircraft", None)
    ]
    # negative: a year the parser hung on the noun is no first count
    assert _counts(_tagged(_YEAR_BEFORE, {5: "NNS"})) == [("jets", 5700, "jet", None)]


_ADJECTIVE = """
Qatar 1 nsubj PROPN - B-ORG
bought 1 ROOT VERB buy
Boeing 6 poss PROPN - B-ORG
's 2 case PART
{adjective} 6 amod ADJ
{number} 6 nummod NUM - B-CARDINAL
planes 1 dobj NOUN plane
. 1 punct PUNCT
"""

_IN_NAME = """
Ltd 1 nsubj PROPN - B-ORG
supplied 1 ROOT VERB supply
14 6 nummod NUM - B-CARDINAL
A330 6 compound PROPN - B-PRODUCT
- 5 punct PUNCT - I-PRODUCT
200 6 nummod NUM - I-PRODUCT
airliners 1 dobj NOUN airliner
. 1 punct PUNCT
"""


@pytest.mark.parametrize(
    ("adjective", "number", "expected"),
    [
        ("larger", "777", []),  # a count comes before the adjectives that describe the thing
        ("other", "20", [("planes", 20, "plane", None)]),  # "other" may come before a count
    ],
)
def test_trust_counts_a_number_after_a_describing_adjective_is_a_name(
    adjective: str, number: str, expected: list[tuple[str, float, str, None]]
) -> None:
    doc = _tagged(_ADJECTIVE.format(adjective=adjective, number=number), {4: "JJR", 6: "NNS"})
    assert _counts(doc) == expected


def test_trust_counts_a_number_inside_a_product_name_counts_nothing() -> None:
    found = _counts(_tagged(_IN_NAME, {6: "NNS"}))
    assert found == [("A330-200 airliners", 14, "airliner", None)]


_UNIT = """
It 1 nsubj PRON
comes 1 ROOT VERB come
in 1 prep ADP
32 5 nummod NUM - B-CARDINAL
{unit} 5 compound PROPN
models 2 pobj NOUN model
. 1 punct PUNCT
"""


def test_trust_counts_a_unit_after_the_number_measures() -> None:
    assert _counts(_tagged(_UNIT.format(unit="GB"), {5: "NNS"})) == []
    # negative: a name after the number is no unit ("32 Apple models")
    found = _counts(_tagged(_UNIT.format(unit="Apple"), {5: "NNS"}))
    assert found == [("Apple models", 32, "model", None)]


_SUFFIX = """
Passengers 1 nsubj NOUN passenger
jump 1 ROOT VERB jump
to 1 prep ADP
70 4 nummod NUM - B-CARDINAL
{noun} 2 pobj NOUN {lemma}
. 1 punct PUNCT
"""


def test_trust_counts_a_magnitude_or_metre_suffix_counts_nothing() -> None:
    """ "jump to 70m" (tokens "70", "m") is a value, not 70 of "m"."""
    assert _counts(_tagged(_SUFFIX.format(noun="m", lemma="m"), {4: "NN"})) == []
    # negative: a plural noun after the number is counted
    assert _counts(_tagged(_SUFFIX.format(noun="flights", lemma="flight"), {4: "NNS"})) == [
        ("flights", 70, "flight", None)
    ]


_PLUS = """
It 1 nsubj PRON
carries 1 ROOT VERB carry
290 {noun} nummod NUM - B-CARDINAL
{plus}passengers 1 dobj NOUN passenger
. 1 punct PUNCT
"""


def test_trust_counts_a_plus_sign_after_the_number_is_at_least() -> None:
    plus = _PLUS.format(noun=4, plus="+ 4 nummod SYM\n")
    assert _counts(_tagged(plus, {4: "NNS"})) == [("passengers", 290, "passenger", "at least")]
    plain = _PLUS.format(noun=3, plus="")
    assert _counts(_tagged(plain, {3: "NNS"})) == [("passengers", 290, "passenger", None)]


_EACH = """
Victoria 5 nsubj PROPN - B-GPE
and 0 cc CCONJ
Queensland 0 conj PROPN - B-GPE
have 5 aux AUX
{each} 5 {dep} {pos}
recorded 5 ROOT VERB record
three 7 nummod NUM - B-CARDINAL
deaths 5 dobj NOUN death
. 5 punct PUNCT
"""


@pytest.mark.parametrize(
    ("each", "dep", "pos", "qualifier"),
    [
        ("each", "nsubj", "DET", "each"),  # three for each of them
        ("all", "nsubj", "DET", None),  # negative: three in all
        ("each", "det", "DET", "each"),  # where the parser hangs it in the article
    ],
)
def test_trust_counts_each_makes_a_count_distributive(
    each: str, dep: str, pos: str, qualifier: str | None
) -> None:
    table = _EACH.format(each=each, dep=dep, pos=pos)
    if dep == "det":
        table = table.replace(f"{each} 5 det", f"{each} 7 det")  # on the counted noun
    doc = _tagged(table, {7: "NNS"})
    assert _counts(doc) == [("deaths", 3, "deaths", qualifier)]


def _model_counts(nlp: Any, ontology: Ontology, sentence: str) -> list[SurfaceTriple]:
    from kgraph.extract import extract_triples

    return [t for t in extract_triples(nlp(sentence), ontology) if t.quantity is not None]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        # positive: the count's clause says it may, will or is likely to be
        ("As many as 10,000 people may have already died.", "may"),
        ("France will lose 4,300 jobs.", "will"),
        ("This is thought likely to create 2,000 jobs.", "likely"),
        # negative: a count said as what happened
        ("About 2,000 peacekeepers were deployed in the area.", None),
        ("Boeing announced 35 new orders on Saturday.", None),
    ],
)
def test_trust_counts_carry_the_modality_of_their_clause(
    nlp: Any, ontology: Ontology, sentence: str, modality: str | None
) -> None:
    found = _model_counts(nlp, ontology, sentence)
    assert found, "no count"
    assert {t.modality for t in found} == {modality}


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Jobs said that his company sold 13.7 million Macs last year.", "mac"),
        ("The Air Canada deal includes firm orders for 18 777s and 14 of the new 787.", "777"),
        # negative: a people's name still counts people
        ("There are 500 Armenians in the village.", "people"),
    ],
)
def test_trust_counts_a_plural_name_of_things_is_no_count_of_people(
    nlp: Any, ontology: Ontology, sentence: str, kind: str
) -> None:
    assert [t.quantity.kind for t in _model_counts(nlp, ontology, sentence)] == [kind]
