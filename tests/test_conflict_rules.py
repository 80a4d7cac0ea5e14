"""The rules the conflict analysis is made of, on small exact inputs (issue 15)."""

from __future__ import annotations

import re

import pytest

from kgraph.graph.analysis.copies import text_copies
from kgraph.graph.analysis.counts import (
    _AGGREGATE,
    Quantity,
    _breakdown,
    _cumulative,
    disagree,
)
from kgraph.graph.analysis.population import (
    GENERIC,
    MIXED,
    Context,
    compatible_groups,
    group_of,
)
from kgraph.graph.analysis.specific import _generic, article_scoped
from kgraph.ontology import Ontology

GROUPS = [
    ("Russian peacekeepers", "troops"),
    ("Azerbaijani servicemen", "troops"),
    ("soldiers", "troops"),
    ("policemen", "police"),
    ("Palestinian gunmen", "fighters"),
    ("civilians", "civilians"),
    ("residents", "civilians"),
    ("children", "children"),
    ("people", GENERIC),
    ("casualties", GENERIC),
    ("Azerbaijanis", GENERIC),  # a people, all of it
    ("injuries", GENERIC),
    ("Azerbaijani police and civilians", MIXED),
    ("asylum seekers", "seeker"),
]


@pytest.mark.parametrize(("words", "group"), GROUPS)
def test_conflict_rules_group_of(words: str, group: str) -> None:
    assert group_of(words, "deaths") == group


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("troops", "troops", True),
        ("troops", "civilians", False),  # soldiers and civilians are different
        (GENERIC, "troops", False),  # "people" is no wildcard for a named group
        (GENERIC, GENERIC, True),
        (GENERIC, MIXED, True),  # a total against "police and civilians"
        (MIXED, "police", False),
    ],
)
def test_conflict_rules_compatible_groups(a: str, b: str, expected: bool) -> None:
    assert compatible_groups(a, b) is expected


def _context(text: str = "") -> Context:
    stems = ("israel", "russia", "armenia", "azerbaijan", "palestine")
    return Context(tuple(sorted(stems, key=len)), re.compile(r"\b(Gaza|Kandahar)\b"), {"a": text})


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("Armenian authorities", {"armenia"}),
        ("six Azerbaijani soldiers", {"azerbaijan"}),
        ("Israelis and Palestinians", {"israel", "palestine"}),
        ("the Health Ministry of Azerbaijan", {"azerbaijan"}),
        ("Austrian tourists", set()),  # no store name shares its stem
        ("people", set()),
    ],
)
def test_conflict_rules_sides_in(text: str, sides: set[str]) -> None:
    assert _context().sides_in(text) == sides


def test_conflict_rules_side_from_the_article() -> None:
    text = "Russian peacekeepers arrived in May. Later 2,000 peacekeepers were deployed."
    assert _context(text).context_sides("a", text.index("Later"), ["peacekeepers"]) == {"russia"}
    other = "Mediation by Russia ended the war. After that, 2,000 peacekeepers were deployed."
    start = other.index("After")
    assert _context(other).context_sides("a", start, ["peacekeepers"]) == {"russia"}
    both = "Russia and Armenia met. After that, 2,000 peacekeepers were deployed."
    assert _context(both).context_sides("a", both.index("After"), ["peacekeepers"]) == set()


def _q(value: float, qualifier: str = "", kind: str = "deaths", sentence: str = "") -> Quantity:
    return Quantity("f", "a", "s", "x", kind, value, qualifier, sentence=sentence)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (_q(10000, "about"), _q(9870), False),  # "almost 10,000" and 9,870 agree
        (_q(2000), _q(1960), False),  # a round figure is a rounded one
        (_q(1999), _q(1960), True),
        (_q(120, "over"), _q(120, "about"), False),
        (_q(6), _q(11), True),
    ],
)
def test_conflict_rules_values(a: Quantity, b: Quantity, expected: bool) -> None:
    assert disagree(a, b) is expected


def test_conflict_rules_a_breakdown_sums_to_the_total() -> None:
    parts = [_q(4), _q(2), _q(3, kind="injuries")]
    assert _breakdown(_q(6), parts) and not _breakdown(_q(7), parts)
    assert not _breakdown(_q(6), parts[:1])  # one count is no breakdown


@pytest.mark.parametrize(
    ("sentence", "cumulative"),
    [
        ("The toll has risen to 50.", True),
        ("So far 12 people have died.", True),
        ("By the 29th, 100,000 had left.", True),
        ("The ceasefire was enforced by the fact that 3,000 troops were there.", False),
        ("Four people were killed.", False),
    ],
)
def test_conflict_rules_cumulative(sentence: str, cumulative: bool) -> None:
    assert _cumulative(_q(1, sentence=sentence)) is cumulative


@pytest.mark.parametrize(
    ("label", "generic"),
    [("80 people", True), ("local residents", True), ("civilian deaths", True),
     ("mine explosion", False), ("ceasefire", False), ("Armenian soldiers", False)],
)  # fmt: skip
def test_conflict_rules_generic_labels(label: str, generic: bool, ontology: Ontology) -> None:
    assert _generic(label, ontology.linking) is generic


def test_conflict_rules_article_scoped_nodes() -> None:
    scopes = frozenset({"4ee822216b98f0fe"})
    assert article_scoped("https://x/entity/4ee822216b98f0fe.people", scopes)
    assert not article_scoped("https://x/entity/U.S._Army", scopes)
    assert not article_scoped("https://x/entity/mine_explosion", scopes)


def test_conflict_rules_syndicated_copies() -> None:
    story = " ".join(f"w{i}" for i in range(100))
    trimmed = " ".join(f"w{i}" for i in range(10, 100)) + " and a new last line"
    copies = text_copies({"a": story, "b": trimmed, "c": "w1 w2 w3 " * 5 + "else", "d": ""})
    assert copies == {"a": "a", "b": "a"}


@pytest.mark.parametrize(
    ("sentence", "aggregate"),
    [
        ("The army killed three Palestinians in separate incidents.", True),
        ("25 people were killed in several suicide bombings.", True),
        ("Two people were killed in the Gaza strikes.", False),
    ],
)
def test_conflict_rules_sums_over_incidents(sentence: str, aggregate: bool) -> None:
    assert bool(_AGGREGATE.search(sentence)) is aggregate


@pytest.mark.parametrize(
    ("issued", "times", "window"),
    [
        (("2022-09-13", "2022-09-13"), ("", ""), True),
        (("2022-09-13", "2022-09-14"), ("", ""), False),  # the next day's toll: a time series
        (("2022-09-13", "2022-09-20"), ("2022-09-12", "2022-09-12"), True),  # one day told
        (("2022-09-13", ""), ("", ""), None),  # undated: not established by dates
        (("2023-09-19", "2023-09-20"), ("2023-09", ""), True),  # a month holds the day
    ],
)
def test_conflict_rules_time_window(
    issued: tuple[str, str], times: tuple[str, str], window: bool | None
) -> None:
    from kgraph.graph.analysis.counts import _Facts, _window

    dates = {a: d for a, d in zip(("a1", "a2"), issued, strict=True) if d}
    facts = _Facts(Context((), None, {}), frozenset(), frozenset(), {}, dates)
    a, b = (
        Quantity(f"q{i}", f"a{i}", "s", "x", "deaths", 1, time=t)
        for i, t in zip((1, 2), times, strict=True)
    )
    assert _window(a, b, facts) is window
