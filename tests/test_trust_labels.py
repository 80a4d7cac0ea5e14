"""Tests of node labels a reader accepts (issue 14, part 3).

A label keeps what makes its fact true: the complement of its head noun ("a desire
for immediate talks", "plans to expand the airport", "allegations of breaking the
ceasefire"), while values, pronouns and anything past the argument stay out. Generic
nodes ("two men", "local police") are their article's own; spellings of one name
("al-Qaeda", "al-Qaida") are one node, close but distinct names are not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.graph.merge import _variants, merge_short_names
from kgraph.link import ArticleContext, Linker
from kgraph.model import Mention, NameMention, Span
from tests.test_extract import _doc, _facts, _heads, _tagged
from tests.test_link import _triple
from tests.test_trust_linking import _at, _labels, _store

DESIRE = """
Karabakh 1 compound PROPN - B-GPE
authorities 2 nsubj NOUN authority
expressed 2 ROOT VERB express
a 4 det DET
desire 2 dobj NOUN
for 4 prep ADP
immediate 7 amod ADJ
talks 5 pobj NOUN talk
. 2 punct PUNCT
"""

TALKS_FOR_DAYS = """
Police 1 nsubj NOUN police
held 1 ROOT VERB hold
talks 1 dobj NOUN talk
for 2 prep ADP
two 5 nummod NUM - B-DATE
days 3 pobj NOUN day I-DATE
. 1 punct PUNCT
"""

CRACKDOWN_ON_THEM = """
Pakistan 1 nsubj PROPN - B-GPE
launched 1 ROOT VERB launch
a 3 det DET
crackdown 1 dobj NOUN
on 3 prep ADP
them 4 pobj PRON they
. 1 punct PUNCT
"""

PLANS = """
The 1 det DET
airline 2 nsubj NOUN
announced 2 ROOT VERB announce
plans 2 dobj NOUN plan
to 5 aux PART
expand 3 acl VERB
the 7 det DET
airport 5 dobj NOUN
. 2 punct PUNCT
"""

ALLEGATIONS = """
Allegations 5 nsubj NOUN allegation
of 0 prep ADP
breaking 1 pcomp VERB break
the 4 det DET
ceasefire 2 dobj NOUN
angered 5 ROOT VERB anger
Baku 5 dobj PROPN - B-GPE
. 5 punct PUNCT
"""

LONG_CHAIN = """
Russia 1 nsubj PROPN - B-GPE
welcomed 1 ROOT VERB welcome
the 3 det DET
step 1 dobj NOUN
towards 3 prep ADP
a 6 det DET
resolution 4 pobj NOUN
of 6 prep ADP
the 9 det DET
long 10 amod ADJ
rift 7 pobj NOUN
between 10 prep ADP
the 14 det DET
two 14 nummod NUM - B-CARDINAL
neighbours 11 pobj NOUN neighbour
. 1 punct PUNCT
"""

BLOW = """
This 1 det DET
decision 2 nsubj NOUN
is 2 ROOT AUX be
a 4 det DET
blow 2 attr NOUN
to 4 prep ADP
the 8 det DET
aerospace 8 compound NOUN
industry 5 pobj NOUN
. 2 punct PUNCT
"""


def test_labels_keep_a_prepositional_complement() -> None:
    heads = _heads(_facts(_doc(DESIRE)))
    assert ("Karabakh authorities", "express", "desire for immediate talks") in heads


def test_labels_leave_out_a_value_or_pronoun_complement() -> None:
    assert ("Police", "hold", "talks") in _heads(_facts(_doc(TALKS_FOR_DAYS)))
    assert ("Pakistan", "launch", "crackdown") in _heads(_facts(_doc(CRACKDOWN_ON_THEM)))


def test_labels_keep_an_infinitive_complement() -> None:
    triples = _facts(_tagged(PLANS, {4: "TO"}))
    fact = next(t for t in triples if t.relation.lemma == "announce")
    assert (fact.object.text, fact.object.key_span.text) == (
        "plans to expand the airport",
        "plans to expand the airport",
    )


def test_labels_keep_a_gerund_complement_only_when_tagged_so() -> None:
    subject = "Allegations of breaking the ceasefire"
    tagged = {t.subject.key_span.text for t in _facts(_tagged(ALLEGATIONS, {2: "VBG"}))}
    untagged = {t.subject.key_span.text for t in _facts(_tagged(ALLEGATIONS, {2: "VB"}))}
    assert subject in tagged
    assert subject not in untagged


def test_labels_keep_as_many_complement_levels_as_fit() -> None:
    triples = _facts(_doc(LONG_CHAIN))
    label = next(t.object.key_span.text for t in triples if t.relation.lemma == "welcome")
    assert label == "step towards a resolution of the long rift"  # the third level is too long


def test_labels_of_a_predicate_noun_keep_a_complement_other_than_of() -> None:
    heads = _heads(_facts(_doc(BLOW)))
    assert ("decision", "be", "blow to the aerospace industry") in heads


def _subject_key(linker: Linker, text: str, article: str) -> str:
    subject = Mention(text, 0, len(text))
    fact = linker.fact(_triple(subject, "arrive", Mention("Kabul", 0, 5, ner="GPE")), article)
    assert fact is not None
    return fact.subject.key


@pytest.mark.parametrize(
    "text", ["two men", "many people", "local police", "3,000 people", "the 12th man", "people"]
)
def test_labels_of_generic_nodes_are_their_articles_own(linker: Linker, text: str) -> None:
    one, other = _subject_key(linker, text, "abc-001"), _subject_key(linker, text, "abc-002")
    assert one != other and one.startswith("abc-001.")


@pytest.mark.parametrize(
    "text", ["mine explosion", "asylum seekers", "the withdrawal of foreign troops", "Hamas"]
)
def test_labels_of_specific_nodes_are_one_across_articles(linker: Linker, text: str) -> None:
    assert _subject_key(linker, text, "abc-001") == _subject_key(linker, text, "abc-002")


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Al Qaeda", "al-Qaida", True),
        ("al-Qa'ida", "Al Qaeda", True),
        ("Osama bin Laden", "Usama bin Ladin", True),
        ("Mohammed Atef", "Muhammad Atef", True),
        ("Hussein", "Husein", True),
        ("Dan Brown", "Don Brown", False),  # a short word: two names
        ("John Martin", "John Morton", False),  # "a"/"o" is no transliteration
        ("Tony Blair", "Tina Blair", False),
        ("Hamas", "Hamad", False),  # another consonant
        ("Carter", "Cartier", False),  # an added vowel
    ],
)
def test_labels_transliterations_of_a_name(one: str, other: str, same: bool) -> None:
    assert _variants(one, other) is same


def test_labels_transliterations_merge_across_articles(tmp_path: Path, linker: Linker) -> None:
    kg = _store(
        tmp_path,
        linker,
        {
            "a1": [("Al Qaeda", "ORG", "Kabul"), ("Dan Brown", "PERSON", "Kabul")],
            "a2": [("al-Qaida", "ORG", "Kabul"), ("Don Brown", "PERSON", "Kabul")],
            "a3": [("al-Qa'ida", "ORG", "Kabul"), ("Al Qaeda", "ORG", "Kabul")],
        },
    )
    merge_short_names(kg)
    labels = _labels(kg)
    assert len([label for label in labels if label.casefold().startswith("al")]) == 1
    assert "Dan Brown" in labels and "Don Brown" in labels
    kg.close()


@pytest.mark.parametrize(
    ("text", "ner", "cls"),
    [
        ("Palestinian leader Yasser Arafat's bid", None, "Concept"),  # a bid, not a person
        ("President Robert Mugabe's government", None, "GovernmentBody"),
        ("Prime Minister Nikol Pashinyan", "PERSON", "Person"),  # the person
        ("Yasser Arafat", "PERSON", "Person"),
    ],
)
def test_labels_of_a_possessed_thing_are_no_person(
    linker: Linker, text: str, ner: str | None, cls: str
) -> None:
    entity = linker.entity(Mention(text, 0, len(text), ner=ner))
    assert entity is not None and entity.cls == cls


def _he(linker: Linker, text: str, people: list[tuple[str, bool]]) -> str | None:
    """What the last "He" of ``text`` resolves to, its people named (person, is subject)."""
    names = [NameMention(_at(text, name, "PERSON"), False, subj) for name, subj in people]
    starts = [0] + [i + 2 for i in range(len(text)) if text.startswith(". ", i)]
    ends = [*starts[1:], len(text)]
    sentences = [Span.of(text, a, b) for a, b in zip(starts, ends, strict=True)]
    context = ArticleContext.collect(linker, text, sentences, sorted(names, key=_start))
    link = linker.resolve(_at(text, "He"), context)
    return link.entity.label if link else None


def _start(name: NameMention) -> int:
    return name.mention.start


def test_labels_a_pronoun_resolves_to_the_one_person_that_fits(linker: Linker) -> None:
    text = "Donald Rumsfeld spoke first. Dick Cheney agreed. He defended the court."
    people = [("Donald Rumsfeld", True), ("Dick Cheney", True)]
    assert _he(linker, text, people) == "Dick Cheney"  # the nearest sentence names one


def test_labels_a_pronoun_with_two_fits_names_no_one(linker: Linker) -> None:
    text = "Gerald Ford and Henry Kissinger met Suharto. He said stability mattered."
    people = [("Gerald Ford", True), ("Henry Kissinger", True), ("Suharto", False)]
    assert _he(linker, text, people) is None  # two subjects: not asserted of either


def test_labels_a_pronoun_after_a_titled_name_is_that_person(linker: Linker) -> None:
    text = "Apple CEO Steve Jobs praised it. He left."
    people = [("Apple CEO Steve Jobs", True), ("Steve Jobs", True)]  # a chunk and its name
    assert _he(linker, text, people) == "Steve Jobs"
