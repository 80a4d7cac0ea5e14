"""The indexed title stripping gives what a scan of every title gave, and the caches are bounded."""

from __future__ import annotations

import pytest

from kgraph.link.gazetteer import Gazetteer
from kgraph.link.names import NameResolver
from kgraph.ontology import Ontology, normalize_name
from kgraph.ontology.linking import Linking, _role_phrase_length


def _scanned_strip(rules: Linking, name: str) -> tuple[str, str | None]:
    """strip_title as it was: every role phrase, then every title, tried at each position."""
    words = name.split()
    position, role_end = 0, 0
    while position < len(words):
        lowered = tuple(normalize_name(w) for w in words[position:])
        matched = 0
        for phrase in rules.role_phrases:
            size = len(phrase.split())
            if lowered[:size] == tuple(phrase.split()):
                matched = _role_phrase_length(words, position + size) + size
                break
        else:
            matched = next((len(t) for t in rules.titles if lowered[: len(t)] == t), 0)
        if matched == 0:
            break
        position += matched
        role_end = position
    rest = words[role_end:]
    if role_end == 0 or not rest or not rest[0][:1].isupper():
        return name, None
    return " ".join(rest), " ".join(words[:role_end])


NAMES = [
    "Prime Minister Nikol Pashinyan",
    "Deputy Prime Minister Mher Grigoryan",
    "Foreign Minister",
    "President Vladimir Putin",
    "spokesperson for the Foreign Ministry Maria Zakharova",
    "head of the Russian Foreign Ministry Sergei Lavrov",
    "Vice-President Dick Cheney",
    "Mr. John Howard",
    "Pashinyan",
    "the Prime Minister",
    "",
    "— President Bush",
]


@pytest.mark.parametrize("name", NAMES)
def test_speed_strip_title_same_as_scanning_every_title(ontology: Ontology, name: str) -> None:
    rules = ontology.linking
    assert rules.strip_title(name) == _scanned_strip(rules, name)


def test_speed_strip_title_keeps_the_order_of_titles_and_role_phrases() -> None:
    # longest title first; a role phrase before any title
    rules = Linking(
        titles=(("prime", "minister"), ("prime",), ("minister",)),
        role_phrases=("head of", "prime minister of"),
    )
    names = ("Prime Minister Ann Lee", "Prime Ann Lee", "prime minister of the Big State Ann Lee")
    for name in names:
        assert rules.strip_title(name) == _scanned_strip(rules, name)
    assert rules.strip_title("Prime Minister Ann Lee") == ("Ann Lee", "Prime Minister")


def test_speed_name_caches_are_bounded(ontology: Ontology, gazetteer: Gazetteer) -> None:
    names = NameResolver(ontology, ontology.linking, gazetteer)
    for cached in (normalize_name, names._strip_cached, names._fuzzy_cached):
        assert cached.cache_info().maxsize is not None
    stripped = names.strip("Prime Minister Nikol Pashinyan")  # noqa: B005 (not str.strip)
    assert stripped == ("Nikol Pashinyan", "Prime Minister")
    assert names._strip_cached.cache_info().currsize >= 1
