"""The incident of a toll, read from its sentence (kgraph/graph/analysis/events.py)."""

from __future__ import annotations

import pytest

from kgraph.graph.analysis.counts import _shared_qualifier
from kgraph.graph.analysis.events import event_words, same_incident

# (sentence, the count's value, the naming words of its incident)
EVENT_WORDS = [
    ("The weekend suicide bombings that killed 25 Israelis.", 25, {"weekend", "suicide"}),
    ("Militants killed 10 Israelis in the West Bank raid.", 10, {"west", "bank"}),
    ("They killed 10 Israelis in an attack on an Israeli bus.", 10, {"israeli", "bus"}),
    # the event nearest the number, not the sentence's first
    ("Air raids hit Gaza, after militants killed 10 Israelis in the Hebron ambush.", 10,
     {"hebron"}),
    ("The toll of the Barda missile strike rose to 1,400 people.", 1400, {"barda", "missile"}),
    ("Two people were killed.", 2, set()),  # no incident named
    ("Three died in the attack.", 3, set()),  # an incident, but nothing names it
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "value", "expected"), EVENT_WORDS)
def test_conflicts_incidents_event_words(sentence: str, value: float, expected: set[str]) -> None:
    assert event_words(sentence, value) == expected


def _sides(word: str) -> frozenset[str]:
    return frozenset({"israel"}) if word.startswith("Israel") else frozenset()


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ({"weekend", "suicide", "hamas"}, {"weekend", "suicide"}, True),
        ({"west", "bank"}, {"weekend", "suicide"}, False),
        ({"israeli", "bus"}, {"israeli", "air"}, False),  # a side names no incident
        ({"israeli"}, {"weekend"}, None),  # only a side: unknown
        (set(), {"weekend"}, None),
    ],
)
def test_conflicts_incidents_same_incident(a: set[str], b: set[str], expected: bool | None) -> None:
    assert same_incident(frozenset(a), frozenset(b), _sides) is expected


@pytest.mark.parametrize(
    ("sentence", "value", "expected"),
    [
        ("It resulted in at least two civilian deaths and 23 injuries.", 23, "at least"),
        ("It resulted in at least two civilian deaths and 23 injuries.", 2, ""),  # its own
        ("About 40 soldiers and 1,200 civilians fled.", 1200, "about"),
        ("Two civilians died and 23 were injured.", 23, ""),
    ],
)
def test_conflicts_incidents_shared_qualifier(sentence: str, value: float, expected: str) -> None:
    assert _shared_qualifier(sentence, value) == expected
