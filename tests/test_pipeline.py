"""End to end: the sample corpus under data/ built with the real model, checked with SPARQL."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kgraph.cli import cli
from kgraph.graph import KGStore
from kgraph.pipeline import build

from .expected import BOILERPLATE, DATA, EPOCH, REQUIRED, store_quads

pytestmark = pytest.mark.model


@pytest.mark.parametrize(("label", "cls"), REQUIRED.items())
def test_pipeline_catalog_entities_exist_with_their_class(
    kg: KGStore, label: str, cls: str | None
) -> None:
    rows = list(kg.query(f"SELECT ?e ?c WHERE {{ ?e rdfs:label '{label}'@en ; a ?c }}"))
    assert rows, f"{label} is not in the graph"
    if cls:
        assert {r["c"].value.rsplit("#", 1)[-1] for r in rows} == {cls}


def test_pipeline_khankendi_and_stepanakert_are_one_node(kg: KGStore) -> None:
    rows = kg.query("""
        SELECT DISTINCT ?e WHERE {
          ?e rdfs:label|skos:altLabel ?name
          FILTER(LCASE(STR(?name)) IN ("khankendi", "stepanakert")) }""")
    assert len(list(rows)) == 1
    mentioned = kg.query("""
        SELECT ?name ?e WHERE {
          { ?f rdf:subject ?e ; kg:subjectText ?name }
          UNION { ?f rdf:object ?e ; kg:objectText ?name }
          FILTER(?name IN ("Khankendi", "Stepanakert")) }""")
    linked = {(r["name"].value, r["e"].value.rsplit("/", 1)[-1]) for r in mentioned}
    assert linked == {("Khankendi", "Stepanakert"), ("Stepanakert", "Stepanakert")}


def test_pipeline_every_offset_pair_slices_the_recorded_sentence(kg: KGStore) -> None:
    rows = list(
        kg.query("""
        SELECT ?text ?sentence ?start ?end ?st ?ss ?se ?ot ?os ?oe WHERE {
          ?f prov:wasDerivedFrom ?a ; kg:sentence ?sentence ; kg:sentenceStart ?start ;
             kg:sentenceEnd ?end ; kg:subjectText ?st ; kg:subjectStart ?ss ; kg:subjectEnd ?se ;
             kg:objectText ?ot ; kg:objectStart ?os ; kg:objectEnd ?oe .
          ?a kg:text ?text }""")
    )
    assert len(rows) > 50
    for row in rows:
        text = row["text"].value
        start, end = int(row["start"].value), int(row["end"].value)
        assert text[start:end] == row["sentence"].value
        for prefix in ("s", "o"):
            s, e = int(row[f"{prefix}s"].value), int(row[f"{prefix}e"].value)
            assert start <= s < e <= end
            assert text[s:e] == row[f"{prefix}t"].value


def test_pipeline_no_boilerplate_in_any_literal(kg: KGStore) -> None:
    literals = [
        r["l"].value
        for r in kg.query(
            "SELECT DISTINCT ?l WHERE { GRAPH ?g { ?s ?p ?l FILTER(isLiteral(?l)) } "
            f"FILTER(?g != <{kg.iris.ontology_graph}>) }}"
        )
    ]
    assert literals
    for phrase in BOILERPLATE:
        hits = [lit for lit in literals if phrase.lower() in lit.lower()]
        assert not hits, f"boilerplate {phrase!r} reached the graph: {hits[0][:200]!r}"


def test_pipeline_every_article_has_metadata(kg: KGStore) -> None:
    rows = list(
        kg.query("""
        SELECT ?a ?title ?n WHERE { ?a a kg:Article ; kg:sha256 [] ; kg:sentenceCount ?n ;
          kg:origin [] OPTIONAL { ?a dcterms:title ?title } }""")
    )
    assert len(rows) == len(list(DATA.glob("*.txt")))
    assert sum(1 for r in rows if r["title"] is not None) >= 4
    assert all(int(r["n"].value) > 5 for r in rows)


_UNASSERTED = """
  { ?f kg:negated true } UNION { ?f kg:modality ?m } UNION { ?f kg:denied true }
  UNION { ?f a kg:Quantity }"""


def test_pipeline_facts_are_asserted_in_article_graphs(kg: KGStore) -> None:
    """Stated facts are plain triples; negated, hedged, denied ones and counts are not."""
    rows = list(
        kg.query(f"""
        SELECT (COUNT(*) AS ?n) WHERE {{
          ?f a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
             prov:wasDerivedFrom ?a FILTER NOT EXISTS {{ {_UNASSERTED} }}
          FILTER NOT EXISTS {{ GRAPH ?a {{ ?s ?p ?o }} }} }}""")
    )
    assert int(rows[0]["n"].value) == 0
    unasserted = list(
        kg.query(f"""
        SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {{
          ?f a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
             prov:wasDerivedFrom ?a {{ {_UNASSERTED} }}
          GRAPH ?a {{ ?s ?p ?o }}
          # the same triple stated plainly by another fact of the article is fine
          FILTER NOT EXISTS {{ ?g rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                               prov:wasDerivedFrom ?a
                               FILTER NOT EXISTS {{ {_UNASSERTED.replace("?f", "?g")} }} }}
        }}""")
    )
    assert int(unasserted[0]["n"].value) == 0


def test_pipeline_initiates_relation_links_azerbaijan(kg: KGStore) -> None:
    assert kg.query("""ASK { ?az rdfs:label "Azerbaijan"@en . ?az kg:initiates ?what }""")


def test_pipeline_build_again_changes_nothing(built_store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kg"
    import shutil

    shutil.copytree(built_store, copy)
    before = store_quads(copy)
    report = build([DATA], copy)
    assert report.added == [] and len(report.unchanged) == len(list(DATA.glob("*.txt")))
    assert store_quads(copy) == before


def test_pipeline_two_builds_give_the_same_graph(
    built_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    build([DATA], tmp_path / "again")
    assert store_quads(tmp_path / "again") == store_quads(built_store)


def test_pipeline_one_bad_file_does_not_stop_the_build(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Azerbaijan launched an operation in Nagorno-Karabakh.\n")
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    report = build([corpus, tmp_path / "missing"], tmp_path / "kg")
    assert len(report.added) == 1
    origins = " ".join(str(p) for p in report.ingest.problems)
    assert "empty.txt" in origins and "binary.txt" in origins and "missing" in origins


#: Control characters (issue 13): ESC, BEL, U+0001-U+0003, a bidi override and isolate, U+FFFE.
_CONTROLS = "\x1b\x07\x01\x02\x03\u202e\u2066\ufffe"
_STORIES = [
    "Russia brokered a ceasefire between Armenia and Azerbaijan on Tuesday.",
    "Azerbaijan launched a military operation in Nagorno-Karabakh, officials said.",
    "Russia deployed peacekeepers to Nagorno-Karabakh in November 2020.",
]


def _dirty(text: str) -> str:
    """``text`` with a control character after each word."""
    words = text.split(" ")
    return " ".join(w + _CONTROLS[i % len(_CONTROLS)] for i, w in enumerate(words))


def test_pipeline_control_characters_never_reach_the_store(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(f"Deal\x07 \u202eagreed\n\n{_dirty(_STORIES[0])}\n")
    record = {"id": "n\x1b1", "title": "Oper\x01ation", "text": _dirty(_STORIES[1]) + "\ud800"}
    (corpus / "b.jsonl").write_text(json.dumps(record) + "\n")
    page = (
        f"<html><head><title>T\x02alks&#x1b;</title></head><body><article><p>{_dirty(_STORIES[2])}"
    )
    (corpus / "c.html").write_text(page + "&#7;&#xfffe;</p></article></body></html>")
    report = build([corpus], tmp_path / "kg", workers=1)
    assert len(report.added) == 3 and not report.ingest.problems
    with KGStore.open(tmp_path / "kg", read_only=True) as kg:
        literals = [
            r["l"].value for r in kg.query("SELECT DISTINCT ?l { ?s ?p ?l FILTER isLiteral(?l) }")
        ]
        assert not [lit for lit in literals if set(lit) & set(_CONTROLS + "\ud800")]
        texts = {r["t"].value for r in kg.query("SELECT ?t { ?a kg:text ?t }")}
        assert {re.sub(r"\s+", " ", t) for t in texts} == set(_STORIES)
        rows = list(
            kg.query("""SELECT ?text ?sentence ?start ?end ?st ?ss ?se WHERE {
              ?f prov:wasDerivedFrom ?a ; kg:sentence ?sentence ; kg:sentenceStart ?start ;
                 kg:sentenceEnd ?end ; kg:subjectText ?st ; kg:subjectStart ?ss ;
                 kg:subjectEnd ?se .
              ?a kg:text ?text }""")
        )
        assert {r["text"].value for r in rows} == texts  # every article has facts
        for row in rows:
            text = row["text"].value
            assert text[int(row["start"].value) : int(row["end"].value)] == row["sentence"].value
            assert text[int(row["ss"].value) : int(row["se"].value)] == row["st"].value
    out = tmp_path / "kg.rdf"
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "kg"), "-f", "xml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out, format="xml")
    assert len(graph) > 50
