from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS, XSD

from kgraph.errors import ConfigError, QueryError, StoreError
from kgraph.graph import (
    MARKER,
    KGStore,
    graph_stats,
)
from kgraph.graph.rdf import issued_literal
from kgraph.model import Article, Mention, RelationMention, Span, SurfaceTriple
from kgraph.ontology import Ontology
from kgraph.vocab import KG

from .stores import linker_of, write_facts

TEXT = "Azerbaijan launched an operation.\n\nBaku juggles oranges."


def _facts(ontology: Ontology, article: Article) -> list:
    linker = linker_of(ontology)
    s1 = Span.of(TEXT, 0, 33)
    s2 = Span.of(TEXT, 35, len(TEXT))
    triples = [
        SurfaceTriple(
            Mention("Azerbaijan", 0, 10, ner="GPE"),
            RelationMention("launched", 11, 19, lemma="launch"),
            Mention("an operation", 20, 32),
            s1,
            "svo",
            0.9,
        ),
        SurfaceTriple(
            Mention("Baku", 35, 39, ner="GPE"),
            RelationMention("juggles", 40, 47, lemma="juggle"),
            Mention("oranges", 48, 55),
            s2,
            "svo",
            0.8,
            negated=True,
        ),
    ]
    return [f for t in triples if (f := linker.fact(t, article.id))]


def _write(store: KGStore, ontology: Ontology, article: Article) -> None:
    write_facts(store, article, (Span.of(TEXT, 0, 33),), _facts(ontology, article))


@pytest.fixture()
def store(tmp_path: Path, ontology: Ontology):  # type: ignore[no-untyped-def]
    with KGStore.open(tmp_path / "kg", create=True) as kg:
        kg.replace_graph(kg.iris.ontology_graph, ontology.graph)
        _write(
            kg,
            ontology,
            Article.from_text(TEXT, title="T", url="https://news.example/a", published="2023-09"),
        )
        yield kg


@pytest.mark.parametrize(
    ("key", "found"),
    [
        ("https://news.example/a", True),
        ("https://news.example/a\r", True),  # pasted from CSV output
        (" https://news.example/a\n", True),
        ("a b", False),
        ("x\r\ny", False),
        ('https://news.example/"a"', False),
        ("<https://news.example/a>", False),
    ],
)
def test_graph_find_article_by_any_typed_key(store: KGStore, key: str, found: bool) -> None:
    article = store.find_article(key)
    assert (article is not None) is found


def test_graph_fact_is_a_plain_triple_in_its_article_graph(store: KGStore) -> None:
    rows = list(store.query("SELECT ?g WHERE { GRAPH ?g { ?s kg:initiates ?o } }"))
    assert len(rows) == 1
    assert rows[0]["g"].value.startswith(store.iris.base + "article/")
    assert store.query("ASK { ?s kg:initiates ?o }")  # union default graph


def test_graph_negated_fact_is_not_asserted(store: KGStore) -> None:
    assert not store.query("ASK { ?s kgrel:juggle ?o }")
    assert store.query("ASK { ?f rdf:predicate kgrel:juggle ; kg:negated true }")


def test_graph_provenance_by_reification(store: KGStore) -> None:
    row = next(
        iter(
            store.query("""
        SELECT ?a ?sentence ?start ?end ?conf ?run WHERE {
          ?f a rdf:Statement ; rdf:predicate kg:initiates ; prov:wasDerivedFrom ?a ;
             kg:sentence ?sentence ; kg:sentenceStart ?start ; kg:sentenceEnd ?end ;
             kg:confidence ?conf ; prov:wasGeneratedBy ?run .
          ?run a prov:Activity ; kg:kgraphVersion [] ; kg:spacyModel [] ;
               prov:startedAtTime [] }""")
        )
    )
    assert row["sentence"].value == TEXT[int(row["start"].value) : int(row["end"].value)]
    assert 0 <= float(row["conf"].value) <= 1


def test_graph_article_metadata(store: KGStore) -> None:
    row = next(
        iter(
            store.query(
                "SELECT * WHERE { ?a a kg:Article ; dcterms:title ?t ; dcterms:source ?u ; "
                "dcterms:issued ?d ; kg:sha256 ?h ; kg:text ?text }"
            )
        )
    )
    assert row["u"].value == "https://news.example/a"
    assert row["d"].datatype.value == str(XSD.gYearMonth)
    assert len(row["h"].value) == 64 and row["text"].value == TEXT


def test_graph_entities_have_type_label_and_sameas(store: KGStore) -> None:
    row = next(
        iter(
            store.query(
                "SELECT ?wd WHERE { ?e a kg:Country ; rdfs:label 'Azerbaijan'@en ; owl:sameAs ?wd }"
            )
        )
    )
    assert row["wd"].value.startswith("http://www.wikidata.org/entity/Q")


def test_graph_open_relation_is_declared_with_its_phrase(store: KGStore) -> None:
    assert store.query("ASK { kgrel:juggle a kg:OpenRelation ; rdfs:label 'juggle'@en }")


def test_graph_label_first_seen_wins(tmp_path: Path, ontology: Ontology) -> None:
    from kgraph.graph.rdf import EntityDescription

    with KGStore.open(tmp_path / "kg", create=True) as kg:
        iri = kg.iris.entity("x")
        for label in ("X Corp", "X corp"):
            core = ((iri, RDF.type, KG.Organization), (iri, RDFS.label, Literal(label, lang="en")))
            kg.add_article(kg.iris.article("a"), [], [EntityDescription(iri, label, core, ())])
        labels = {r["l"].value for r in kg.query(f"SELECT ?l WHERE {{ <{iri}> rdfs:label ?l }}")}
        alts = {r["l"].value for r in kg.query(f"SELECT ?l WHERE {{ <{iri}> skos:altLabel ?l }}")}
    assert (labels, alts) == ({"X Corp"}, {"X corp"})
    assert SKOS.altLabel  # the vocabulary the query used


def test_graph_has_article_text(store: KGStore) -> None:
    assert store.has_article_text(Article.from_text(TEXT).sha256)
    assert not store.has_article_text(Article.from_text("other").sha256)


def test_graph_replace_graph_is_idempotent(store: KGStore) -> None:
    g = URIRef(store.iris.base + "graph/test")
    triples = [(URIRef("urn:a"), RDFS.label, Literal("a"))]
    store.replace_graph(g, triples)
    before = store.quad_count()
    store.replace_graph(g, triples)
    assert store.quad_count() == before
    store.replace_graph(g, [(URIRef("urn:b"), RDFS.label, Literal("b"))])
    assert store.quad_count() == before
    assert store.query("ASK { GRAPH ?g { <urn:b> rdfs:label 'b' } }")


@pytest.mark.parametrize("query", ["SELEC ?x WHERE {}", "SELECT ?x WHERE { ?x ?p }"])
def test_graph_invalid_sparql_gives_the_position(store: KGStore, query: str) -> None:
    with pytest.raises(QueryError, match=r"invalid SPARQL: .*\d+:\d+"):
        store.query(query)


def test_graph_stats_counts(store: KGStore) -> None:
    stats = graph_stats(store)
    assert (stats.articles, stats.sentences, stats.facts, stats.negated_facts) == (1, 1, 2, 1)
    assert stats.entities_by_class["country"] == 1
    assert stats.top_relations[0][2] == 1


def test_graph_open_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no store at .*kgraph build"):
        KGStore.open(tmp_path / "nope")


def test_graph_open_folder_that_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(StoreError, match="not a kgraph store"):
        KGStore.open(tmp_path)
    with pytest.raises(StoreError, match="not a kgraph store"):
        KGStore.open(tmp_path, create=True)
    assert not (tmp_path / MARKER).exists()


def test_graph_store_of_another_format_version(tmp_path: Path) -> None:
    (tmp_path / MARKER).write_text('{"format": "kgraph-store", "version": 99}')
    with pytest.raises(StoreError, match="version 99"):
        KGStore.open(tmp_path)


def test_graph_store_of_version_1_is_read_but_not_updated(store: KGStore) -> None:
    """Version 1 stores made article ids from other keys: an update would duplicate articles."""
    path = store.path
    store.close()
    marker = path / MARKER
    meta = json.loads(marker.read_text())
    marker.write_text(json.dumps({**meta, "version": 1}))
    with KGStore.open(path, read_only=True) as old:
        assert old.find_article("https://news.example/a") is not None
    with pytest.raises(StoreError, match=r"older kgraph \(store version 1\).*Rebuild it"):
        KGStore.open(path, create=True)


def test_graph_base_iri_mismatch(tmp_path: Path) -> None:
    KGStore.open(tmp_path / "kg", create=True, base_iri="https://a.example/").close()
    with pytest.raises(ConfigError, match="base IRI"):
        KGStore.open(tmp_path / "kg", create=True, base_iri="https://b.example/")


def test_graph_store_in_use(tmp_path: Path) -> None:
    with KGStore.open(tmp_path / "kg", create=True), pytest.raises(StoreError, match="in use"):
        KGStore.open(tmp_path / "kg")


@pytest.mark.parametrize(
    ("value", "datatype"),
    [
        ("2023", XSD.gYear),
        ("2023-09", XSD.gYearMonth),
        ("2023-09-19", XSD.date),
        ("2023-09-19T10:00:00Z", XSD.dateTime),
    ],
)
def test_graph_issued_precision(value: str, datatype: URIRef) -> None:
    assert issued_literal(value).datatype == datatype
