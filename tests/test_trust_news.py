"""Facts a reader can trust on news no rule was tuned on (issue 14, parts 5 and 6).

Each rule has a positive and a negative case: who says a quoted statement, what is
asked, conditioned, hedged or a purpose (never asserted), the kind of a count from
its verb, vague amounts, and time expressions that are no dates (ages, scores,
decades, times of day) or lie in the future.
"""

# ruff: noqa: E501  (the sentence tables keep one row per line)
from __future__ import annotations

from typing import Any

import pytest

from kgraph.extract import extract_triples
from kgraph.extract.time import resolve
from kgraph.model import SurfaceTriple
from kgraph.ontology import Ontology

from .test_attribution import find_triple


def _triples(
    nlp: Any, ontology: Ontology, text: str, published: str | None = None
) -> list[SurfaceTriple]:
    return list(extract_triples(nlp(text), ontology, published))


# ------------------------------------------------------------------ attribution


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "target", "speaker"),
    [
        # '"S," it said': the authority named before the quotation, not a name inside it
        (
            'The Azerbaijani Foreign Ministry issued a statement on Tuesday. "Armenia has violated the ceasefire," it said.',
            ("Armenia", "violate", "ceasefire"),
            "Foreign Ministry",
        ),
        (
            'The army said in a statement that Iran had fired rockets. "Israel will respond to the attack," it said.',
            ("Israel", "respond to", "attack"),
            "army",
        ),
        (
            'Russia\'s Defence Ministry said the situation was tense. "Azerbaijani forces shelled Armenian positions," it said.',
            ("forces", "shell", "positions"),
            "Defence Ministry",
        ),
        # negative: a named speaker stays who it is
        (
            '"Armenia has violated the ceasefire," the ministry said.',
            ("Armenia", "violate", "ceasefire"),
            "ministry",
        ),
    ],
)
def test_trust_news_it_said_goes_to_the_authority_before_the_quote(
    nlp: Any, ontology: Ontology, text: str, target: tuple[str, str, str], speaker: str
) -> None:
    triple = find_triple(_triples(nlp, ontology, text), target)
    assert triple is not None and triple.attribution is not None
    assert speaker in triple.attribution.speaker.text
    assert triple.attribution.speaker.text not in {"it", "Armenia", "Israel", "Iran"}


# ------------------------------------------------------------------ not asserted

_NOT_ASSERTED = [
    ("Will Russia send more troops to Armenia?", ("Russia", "send", "troops"), "?"),
    (
        "It was not disclosed whether the music catalog was part of the deal.",
        ("catalog", "be", "part"),
        "whether",
    ),
    (
        "Aircraft will check if lightning has sparked new fires above Grafton.",
        ("lightning", "spark", "fires"),
        "if",
    ),
    (
        "Russia will act if Azerbaijan attacks Syunik and seizes the corridor.",
        ("Azerbaijan", "seize", "corridor"),
        "if",
    ),
    ("Suspected militants killed two soldiers.", ("militants", "kill", "soldiers"), "suspected"),
    ("The man allegedly stole a car.", ("man", "steal", "car"), "allegedly"),
    ("Reportedly, the rebels captured the town.", ("rebels", "capture", "town"), "reportedly"),
    (
        "The other group is alleged to have helped Al Qaeda develop nuclear weapons.",
        ("Al Qaeda", "develop", "weapons"),
        "allege",
    ),
]
_ASSERTED = [
    ("Russia sent more troops to Armenia.", ("Russia", "send", "troops")),
    ("The music catalog was part of the deal.", ("catalog", "be", "part")),
    ("Lightning has sparked new fires above Grafton.", ("Lightning", "spark", "fires")),
    ("Militants killed two soldiers.", ("Militants", "kill", "soldiers")),
    ("Police arrested a suspected militant.", ("Police", "arrest", "militant")),
    (
        "The man was arrested after he helped Al Qaeda develop weapons.",
        ("Al Qaeda", "develop", "weapons"),
    ),
    (
        "There is automation because we are so rich so people are using cars.",
        ("people", "use", "cars"),
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "target", "cue"), _NOT_ASSERTED)
def test_trust_news_asked_conditioned_hedged_is_not_asserted(
    nlp: Any, ontology: Ontology, text: str, target: tuple[str, str, str], cue: str
) -> None:
    triple = find_triple(_triples(nlp, ontology, text), target)
    assert triple is not None, f"no fact {target} in {text!r}"
    assert triple.modality == cue
    assert not triple.asserted


@pytest.mark.model
@pytest.mark.parametrize(("text", "target"), _ASSERTED)
def test_trust_news_stated_fact_stays_asserted(
    nlp: Any, ontology: Ontology, text: str, target: tuple[str, str, str]
) -> None:
    triple = find_triple(_triples(nlp, ontology, text), target)
    assert triple is not None, f"no fact {target} in {text!r}"
    assert triple.asserted, (triple.modality, triple.negated)


@pytest.mark.model
def test_trust_news_purpose_clause_is_not_asserted(nlp: Any, ontology: Ontology) -> None:
    doc = nlp("The army built a wall to stop the militants.")
    from kgraph.extract.modality import modality

    stop = next(t for t in doc if t.lower_ == "stop")
    built = next(t for t in doc if t.lower_ == "built")
    assert modality(stop, [stop], ontology.modality_cues) == "to"
    assert modality(built, [built], ontology.modality_cues) is None
    first = nlp("He was the first astronaut to walk on the moon.")
    walk = next(t for t in first if t.lower_ == "walk")
    assert modality(walk, [walk], ontology.modality_cues) is None


@pytest.mark.model
def test_trust_news_participle_on_negated_copula_is_negated(nlp: Any, ontology: Ontology) -> None:
    text = "They're not the underdogs going into the series."
    triple = find_triple(_triples(nlp, ontology, text), ("underdogs", "go into", "series"))
    assert triple is not None and triple.negated
    asked = "It was not clear if Saadi was one of them or a civilian caught in the fire."
    triple = find_triple(_triples(nlp, ontology, asked), ("civilian", "catch in", "fire"))
    assert triple is not None and triple.modality == "if"
    plain = "They're the underdogs going into the series."
    triple = find_triple(_triples(nlp, ontology, plain), ("underdogs", "go into", "series"))
    assert triple is not None and not triple.negated


# ------------------------------------------------------------------ quantities

_COUNTS = [
    # (sentence, counted words, value, kind); value None: no count of that thing
    ("The militants fired on a camp, killing at least 12 refugees.", "refugees", 12, "deaths"),
    ("The camp sheltered 12 refugees.", "refugees", 12, "displaced"),
    ("The attack left 40 injured.", "injured", 40, "injuries"),
    ("Forty people were injured in the blast.", "people", 40, "injuries"),
    ("More than 40 people were arrested.", "people", 40, "detained"),
    ("Twenty-one people including 14 Australians were killed.", "Australians", 14, "deaths"),
    ("Three Palestinian suicide bombers killed 25 people.", "people", 25, "deaths"),
    ("Three Palestinian suicide bombers killed 25 people.", "bombers", 3, "bomber"),
    ("Ten people died in the fire.", "people", 10, "deaths"),
    ("They threw two grenades at soldiers, injuring one policeman.", "grenades", 2, "grenade"),
    ("Troops shot eight children near the border, killing one.", "children", 8, "child"),
    ("They condemned two bombings in which three people were wounded.", "bombings", 2, "bombing"),
    ("They condemned two bombings in which three people were wounded.", "people", 3, "injuries"),
    ("Several thousand construction workers walked off the job.", "workers", None, None),
    ("A thousand construction workers walked off the job.", "workers", 1000, "worker"),
    ("Hundreds of thousands of people marched.", "people", None, None),
    ("The crash of Flight 574 killed 102 people.", "Flight", None, None),
    ("It will seat between 200 and 300 people.", "people", None, None),
]


@pytest.mark.model
def test_trust_news_range_is_counted_up_to_its_upper_end(nlp: Any, ontology: Ontology) -> None:
    text = "The United States has 1,500 to 2,000 troops in Afghanistan."
    counts = [t.quantity for t in _triples(nlp, ontology, text) if t.quantity is not None]
    assert [(q.value, q.qualifier) for q in counts] == [(2000, "up to")]
    exact = "The United States has 2,000 troops in Afghanistan."
    counts = [t.quantity for t in _triples(nlp, ontology, exact) if t.quantity is not None]
    assert [(q.value, q.qualifier) for q in counts] == [(2000, None)]


@pytest.mark.model
@pytest.mark.parametrize(("text", "counted", "value", "kind"), _COUNTS)
def test_trust_news_count_kind_comes_from_its_verb(
    nlp: Any, ontology: Ontology, text: str, counted: str, value: int | None, kind: str | None
) -> None:
    counts = [t for t in _triples(nlp, ontology, text) if t.quantity is not None]
    found = [t for t in counts if counted in t.subject.text]
    if value is None:
        assert not found, [t.quantity for t in found]
        return
    assert found, [(t.subject.text, t.quantity) for t in counts]
    quantity = found[0].quantity
    assert quantity is not None and (quantity.value, quantity.kind) == (value, kind)


# ------------------------------------------------------------------ time


@pytest.mark.parametrize(
    ("text", "published", "future", "value"),
    [
        # "by Dec. 1" is a deadline, the end of a span (no kg:time; its end stays ahead:
        # tests/test_trust_time2.py); a date without a year resolves the same way
        ("on Dec. 1", "2023-11-20", True, "2023-12-01"),
        ("on Dec. 1", "2023-11-20", False, "2022-12-01"),
        ("on Dec. 1", "2023-12-01", True, "2023-12-01"),  # publication day is no later day
        ("on Tuesday", "2023-09-20", True, "2023-09-26"),
        ("on Tuesday", "2023-09-20", False, "2023-09-19"),
        ("in 2020", "2023-09-20", True, "2020"),  # a year is a year either way
        ("in the late 1980s", "2023-05-31", False, None),
        ("since the 1990s", "2023-05-31", False, None),
        ("in 1989", "2023-05-31", False, "1989"),
        ("by 2010-11", "2008-03-01", False, None),
        ("at 4:00pm AEDT", "2001-12-01", False, None),
        ("at 08:30 UTC", "2005-04-27", False, None),
        ("yesterday at 4pm", "2007-10-17", False, "2007-10-16"),
    ],
)
def test_trust_news_resolve(text: str, published: str, future: bool, value: str | None) -> None:
    assert resolve(text, published, future=future) == value


_TIMES = [
    # (sentence, publication date, relation lemma, time value; None: no time at all, "" : text only)
    ("Moussaoui, 33, faces six counts.", "2001-12-10", "face", None),
    ("Australia will resume at 2 for 69 after lunch.", "2001-12-10", "resume at", None),
    (
        "In the late 1980s, conflict broke out between Azerbaijan and Armenia.",
        "2023-05-31",
        "break out between",
        "",
    ),
    # a deadline is the end of a span: text only here, its end in tests/test_trust_time2.py
    ("The talks must be completed by Dec. 1.", "2023-11-20", "be complete by", ""),
    (
        "iPhone 4 will be available on June 24 in the United States.",
        "2010-06-08",
        "be available in",  # the adjective stays in the relation (issue 14, binary.py)
        "2010-06-24",
    ),
    ("The service goes live on July 1.", "2010-06-08", "go on", "2010-07-01"),
    ("The company opened the store on June 2.", "2010-06-08", "open", "2010-06-02"),
    ("The deal was signed on Nov. 2.", "2023-11-20", "be sign on", "2023-11-02"),
    ("Armenia closed the border in 1991.", "2023-05-31", "close", "1991"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "published", "lemma", "value"), _TIMES)
def test_trust_news_time_of_a_fact(
    nlp: Any, ontology: Ontology, text: str, published: str, lemma: str, value: str | None
) -> None:
    triples = [t for t in _triples(nlp, ontology, text, published) if t.relation.lemma == lemma]
    assert triples, text
    time = triples[0].time
    if value is None:
        assert time is None, time
    elif value == "":
        assert time is not None and time.value is None and time.text
    else:
        assert time is not None and time.value == value


_SAID_ON_THEIR_OWN = [
    # a relative clause, participle or apposition inside a hedged clause is stated on its own
    (
        "The mine explosion that killed six Azerbaijanis likely fueled the crisis.",
        ("explosion", "kill", "Azerbaijanis"),
    ),
    (
        "He allegedly tried to set fire to a flight that was diverted to Boston.",
        ("flight", "be divert to", "Boston"),
    ),
    (
        "Obasanjo said he will weep if a single mother sentenced to death is killed.",
        ("mother", "sentence to", "death"),
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "target"), _SAID_ON_THEIR_OWN)
def test_trust_news_relative_clause_is_not_under_the_hedge(
    nlp: Any, ontology: Ontology, text: str, target: tuple[str, str, str]
) -> None:
    triple = find_triple(_triples(nlp, ontology, text), target)
    assert triple is not None, f"no fact {target} in {text!r}"
    assert triple.modality is None
