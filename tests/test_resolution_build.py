"""Entity resolution through ``kgraph build`` on a small corpus written for this test."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.graph import KGStore
from kgraph.graph.results import rows
from kgraph.pipeline import build

pytestmark = pytest.mark.model

ARTICLES = {
    "a.txt": (
        "Armenian Prime Minister Nikol Pashinyan met Mariam Hakobyan, the new ombudsman, "
        "in Yerevan on Monday.\n\n"
        "The Global Mine Action Network (GMAN) cleared fields near Goris. GMAN found 40 mines.\n\n"
        "Baku accused Yerevan of sabotage. The talks were held in Baku.\n\n"
        "Azerbaijan said it would reopen the road."
    ),
    "b.txt": (
        "Hakobyan criticized the blockade of the Lachin corridor.\n\n"
        "Georgian border guards detained two smugglers. They seized weapons.\n\n"
        "Burma sent aid to the region."
    ),
    "c.txt": (
        "Armenia and Azerbaijan agreed on a truce in Moscow on Monday. "
        "The two countries have fought two wars since 1991. Russia brokered the truce. "
        "Both countries have large armies.\n\n"
        "A mine blast near Fuzuli wounded three sappers. The explosion damaged a bridge."
    ),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> KGStore:
    folder = tmp_path_factory.mktemp("resolution")
    data = folder / "data"
    data.mkdir()
    for name, text in ARTICLES.items():
        (data / name).write_text(text, encoding="utf-8")
    out = folder / "kg"
    report = build([data], out, workers=1)
    assert len(report.added) == 3
    return KGStore.open(out, read_only=True)


def _select(store: KGStore, sparql: str) -> list[dict[str, str]]:
    return [
        {k: v.value for k, v in row.items() if v is not None} for row in rows(store.query(sparql))
    ]


def _facts(store: KGStore) -> list[dict[str, str]]:
    return _select(
        store,
        """SELECT ?s ?p ?o ?stext ?slink ?score WHERE {
             ?f a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                kg:subjectText ?stext ; kg:subjectLink ?slink ; kg:subjectLinkScore ?score }""",
    )


def _entity(store: KGStore, key: str) -> str:
    return f"{store.iris.base}entity/{key}"


def test_short_name_in_another_article_merges_into_the_full_name(store: KGStore) -> None:
    hakobyan = _entity(store, "mariam_hakobyan")
    facts = [f for f in _facts(store) if f["stext"] == "Hakobyan"]
    assert facts and all(f["s"] == hakobyan and f["slink"] == "short-name" for f in facts)
    assert not _select(
        store, f"ASK {{ <{_entity(store, 'hakobyan')}> ?p ?o }}".replace("ASK", "SELECT ?p WHERE")
    )
    labels = _select(store, f"SELECT ?l WHERE {{ <{hakobyan}> skos:altLabel ?l }}")
    assert {"l": "Hakobyan"} in labels


def test_capital_as_actor_is_the_government_and_as_place_the_city(store: KGStore) -> None:
    facts = _facts(store)
    said = [f for f in facts if f["stext"] == "Baku"]
    assert said and all(f["s"] == _entity(store, "Government_of_Azerbaijan") for f in said)
    assert all(f["slink"] == "metonymy" for f in said)
    held = _select(store, "SELECT ?o WHERE { ?f kg:objectText 'Baku' ; rdf:object ?o }")
    assert held and all(r["o"] == _entity(store, "Baku") for r in held)
    accused = _select(
        store,
        "SELECT ?o ?m WHERE { ?f kg:objectText 'Yerevan' ; rdf:predicate kg:accuses ;"
        " rdf:object ?o ; kg:objectLink ?m }",
    )
    assert accused == [{"o": _entity(store, "Government_of_Armenia"), "m": "metonymy"}]


def test_text_alias_becomes_an_alt_label_and_links(store: KGStore) -> None:
    network = _entity(store, "global_mine_action_network")
    assert {"l": "GMAN"} in _select(store, f"SELECT ?l WHERE {{ <{network}> skos:altLabel ?l }}")
    gman = [f for f in _facts(store) if f["stext"] == "GMAN"]
    assert gman and all(f["s"] == network and f["slink"] == "text-alias" for f in gman)


def test_demonym_force_is_affiliated_and_pronoun_resolves_to_it(store: KGStore) -> None:
    guards = _entity(store, "georgian_border_guards")
    rows_ = _select(store, f"SELECT ?c ?a WHERE {{ <{guards}> a ?c ; kg:affiliatedWith ?a }}")
    assert rows_ == [
        {"c": "https://w3id.org/kgraph/ns#MilitaryForce", "a": _entity(store, "Georgia")}
    ]
    they = [f for f in _facts(store) if f["stext"] == "They"]
    assert they and all(f["s"] == guards and f["slink"] == "coreference" for f in they)
    assert all(0 < float(f["score"]) < 1 for f in they)


def test_pronouns_never_become_entities(store: KGStore) -> None:
    labels = _select(store, "SELECT ?l WHERE { GRAPH ?g { ?e rdfs:label ?l } }")
    assert not {r["l"].lower() for r in labels} & {"it", "they", "he", "she", "them", "him"}
    it = [f for f in _facts(store) if f["stext"] == "it"]
    assert it and all(f["s"] == _entity(store, "Azerbaijan") for f in it)


def test_former_country_name_resolves_through_the_gazetteer(store: KGStore) -> None:
    burma = [f for f in _facts(store) if f["stext"] == "Burma"]
    assert burma and all(f["s"] == _entity(store, "myanmar") for f in burma)
    assert all(f["slink"] == "gazetteer" for f in burma)


def test_every_fact_records_link_method_and_score(store: KGStore) -> None:
    missing = _select(
        store,
        """SELECT ?f WHERE { ?f a rdf:Statement .
             FILTER NOT EXISTS { ?f kg:subjectLink ?m ; kg:subjectLinkScore ?s } }""",
    )
    assert missing == []


def test_a_description_of_several_is_a_fact_about_each(store: KGStore) -> None:
    countries = [_entity(store, "Armenia"), _entity(store, "Azerbaijan")]
    # "Both countries" after Russia: still the two named together, not the latest two
    for text in ("The two countries", "Both countries"):
        facts = [f for f in _facts(store) if f["stext"] == text]
        assert facts and {f["slink"] for f in facts} == {"coreference"}
        for obj in {(f["p"], f["o"]) for f in facts}:  # each fact once for each country
            assert sorted(f["s"] for f in facts if (f["p"], f["o"]) == obj) == countries
    labels = {r["l"] for r in _select(store, "SELECT ?l WHERE { ?e rdfs:label ?l }")}
    assert "two countries" not in labels and "countries" not in labels


def test_synonymous_common_nouns_are_one_node(store: KGStore) -> None:
    names = _select(
        store,
        f"""SELECT ?label ?alt WHERE {{ <{_entity(store, "mine_explosion")}> rdfs:label ?label ;
              skos:altLabel ?alt }}""",
    )
    assert {(r["label"], r["alt"]) for r in names} == {("mine explosion", "mine blast")}
    keys = {r["e"] for r in _select(store, "SELECT ?e WHERE { ?e rdfs:label ?l }")}
    assert _entity(store, "mine_blast") not in keys


def test_the_corpus_files_exist() -> None:
    assert all(Path(name).suffix == ".txt" for name in ARTICLES)
