"""Every example query of docs/news-facts.md, run against a small store shaped like the sample."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kgraph.graph import KGStore
from kgraph.graph.analysis import refresh_analysis
from kgraph.graph.results import rows
from kgraph.ontology import Ontology

from .analysis_corpus import Corpus

DOC = Path(__file__).parent.parent / "docs" / "news-facts.md"
QUERIES = dict(
    re.findall(r"```sparql\n# test: ([\w-]+)\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
)
OFFENSIVE = "2023_Azerbaijani_offensive_in_Nagorno-Karabakh"


def _corpus() -> Corpus:
    c = Corpus()
    # the texts name the place the counts are of (issue 15: counts conflict only of one place
    # and story; the sample's articles do)
    c.article(
        "a1",
        title="New Military Operation in Nagorno-Karabakh Reignites Tensions",
        text="Azerbaijan has initiated a military operation in Nagorno-Karabakh.",
    )
    c.article("a2", title="Fighting back", publisher="Eurotopics", issued="2023-09-19")
    c.article("a3", title="New conflict in Nagorno-Karabakh", issued="2023-05-31")
    c.article(
        "a4",
        title="Fears of Second War",
        publisher="Balkan Insight",
        issued="2023-09-20",
        text="Azerbaijan attacked Nagorno-Karabakh.",
    )
    c.entity("Nagorno-Karabakh", "Nagorno-Karabakh", "Region")
    c.article("a5", title="Offensive toll", url="https://www.news.example/toll")
    baku = c.entity("Azerbaijan", "Azerbaijan", "Country")
    armenia = c.entity("Armenia", "Armenia", "Country")
    mod_az = c.entity("MoD_Az", "Ministry of Defense of Azerbaijan", "GovernmentBody")
    mod_ar = c.entity("MoD_Artsakh", "Ministry of Defense of Artsakh", "GovernmentBody")
    gov_am = c.entity("Gov_Am", "Government of Armenia", "GovernmentBody")
    authorities = c.entity("armenian_authorities", "Armenian authorities", "Group")
    operation = c.entity("military_operation", "military operation", "Event")
    c.entity(OFFENSIVE, "2023 Azerbaijani offensive in Nagorno-Karabakh", "Event")
    c.graphs["graph/ontology"].append('kg:initiates rdfs:label "initiates"@en .')
    for key in ("a1", "a2", "a4"):
        c.fact(f"init-{key}", key, baku, "kg:initiates", operation,
               sentence=f"Azerbaijan has initiated a military operation ({key}).")  # fmt: skip
    c.fact("claim", "a1", baku, "kgrel:target", c.entity("installations", "military installations"),
           sentence="Azerbaijan claims it targeted only military installations.",
           speaker=baku, cue="claim")  # fmt: skip
    c.fact("announce", "a4", mod_az, "kgrel:announce", operation,
           sentence="On Tuesday, the Ministry of Defense in Azerbaijan announced an operation.",
           time="2023-09-19", speaker=mod_az, cue="announce")  # fmt: skip
    c.fact("old", "a3", baku, "kgrel:clash_with", armenia, time="2022-09-13",
           sentence="The clash continued overnight on Monday (September 12).")  # fmt: skip
    forces = c.entity("armenian_forces", "Armenian forces", "MilitaryForce")
    ceasefire = c.entity("ceasefire", "ceasefire", "Concept")
    c.fact("breach", "a2", forces, "kgrel:break", ceasefire, speaker=mod_az, cue="claim",
           sentence="Baku said Armenian forces broke the ceasefire.")  # fmt: skip
    c.fact("denial", "a3", forces, "kgrel:break", ceasefire, speaker=mod_ar, cue="deny",
           denied=True, sentence="Artsakh denied that its forces broke the ceasefire.")  # fmt: skip
    casualties = c.entity("casualties", "casualties")
    c.fact("no-casualties", "a3", armenia, "kgrel:report", casualties, negated=True, cue="say",
           speaker=gov_am, sentence="Armenia did not report any casualties.")  # fmt: skip
    c.fact("casualties", "a4", armenia, "kgrel:report", casualties,
           sentence="Armenia reported casualties.")  # fmt: skip
    c.fact("no-army", "a3", armenia, "kgrel:have", c.entity("army", "army"), negated=True,
           sentence="Armenia has no army in the region.")  # fmt: skip
    c.fact("threat", "a2", c.entity("situation", "situation"), "kgrel:reignite",
           c.entity("conflict", "conflict"), modality="threaten",
           sentence="The situation threatens to reignite the conflict.")  # fmt: skip
    c.quantity("q-deaths", "a1", "civilian deaths", "deaths", 2, "at least",
               speaker=authorities, cue="according to")  # fmt: skip
    c.quantity("q-inj-a1", "a1", "injuries", "injuries", 23, speaker=authorities)
    c.quantity("q-cas", "a4", "casualties", "casualties", 5, "at least")
    news = c.entity("armenian_state_news", "Armenian state news sources", "Group")
    c.quantity("q-inj-a4", "a4", "people", "injuries", 80, speaker=news)  # as in the sample
    c.quantity("q-toll", "a5", "soldiers", "deaths", 192, about=OFFENSIVE.replace("_", " "))
    return c


@pytest.fixture(scope="module", params=["oxigraph", "memory"])
def store(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest, ontology: Ontology
) -> Iterator[KGStore]:
    with _corpus().store(tmp_path_factory.mktemp("doc") / "kg", request.param) as kg:
        refresh_analysis(kg, ontology)
        yield kg


def _run(store: KGStore, name: str) -> list[tuple[str, ...]]:
    result = store.query(QUERIES[name])
    return [tuple("" if t is None else str(t.value) for t in row.values()) for row in rows(result)]


EXPECTED: dict[str, object] = {
    "what-azerbaijan-claims": [
        ("Azerbaijan", "claim"),
        ("Ministry of Defense of Azerbaijan", "claim"),
        ("Ministry of Defense of Azerbaijan", "announce"),
    ],
    "casualty-figures": [
        ("at least", "5", "casualties", "casualties", "Balkan Insight"),
        ("", "192", "deaths", "soldiers", "Offensive toll"),
        ("", "80", "injuries", "people", "Armenian state news sources"),
    ],
    "reported-after": 1,  # a4 (2023-09-20) says Azerbaijan initiated the operation
    "happened-after": [("2023-09-19", "2023-09-19")],
    # no negation: "Armenia did (not) report casualties" is over the generic "casualties",
    # which of two articles are not one thing (issue 15, part 2)
    # no count: 23 injuries (a1, undated) and 80 (a4) name no incident, and undated tolls share
    # a time window only of one incident (analysis version 4; the sample's pair, judged no
    # conflict blind: benchmarks/conflicts/judged-dev-1.jsonl)
    "contested": ["denial", "denial"],
    "corroborated": ("Azerbaijan", "initiates", "military operation", "3", "3"),
    "negated": [
        ("Armenia did not report any casualties.", "Government of Armenia"),
        ("Armenia has no army in the region.", ""),
    ],
    "denials": [
        ("Ministry of Defense of Artsakh", "Artsakh denied that its forces broke the ceasefire.")
    ],
    "modal": [("threaten", "The situation threatens to reignite the conflict.")],
    "naive": False,
}


def test_news_facts_doc_every_query_is_tested() -> None:
    assert set(QUERIES) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_news_facts_doc_query(store: KGStore, name: str) -> None:
    expected = EXPECTED[name]
    if name == "naive":
        assert bool(store.query(QUERIES[name])) is expected
        return
    found = _run(store, name)
    if name == "what-azerbaijan-claims":
        assert sorted(row[:2] for row in found) == sorted(expected)  # type: ignore[arg-type]
    elif name == "casualty-figures":
        assert [(*row[:4], row[4]) for row in found] == expected
    elif name == "reported-after":
        assert len(found) == expected and {row[0] for row in found} == {"2023-09-20"}
    elif name == "happened-after":
        assert [row[:2] for row in found] == expected
    elif name == "contested":
        assert [row[0] for row in found] == expected
    elif name == "corroborated":
        assert found[0][:5] == expected
    else:
        assert found == expected
