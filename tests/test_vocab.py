from __future__ import annotations

import pytest
from rdflib import OWL, RDF, URIRef

from kgraph.errors import ConfigError
from kgraph.ontology import Ontology
from kgraph.vocab import KG, KG_NS, Iris, slugify


def test_vocab_every_kg_term_is_declared_in_the_ontology(ontology: Ontology) -> None:
    declared = {s for s in ontology.graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    for name in KG.__annotations__:
        assert URIRef(KG_NS + name) in declared, f"kg:{name} is not declared in ontology/kgraph.ttl"


def test_vocab_every_ontology_class_is_in_the_code(ontology: Ontology) -> None:
    classes = {
        str(c)[len(KG_NS) :]
        for c in ontology.graph.subjects(RDF.type, OWL.Class)
        if str(c).startswith(str(KG_NS))
    }
    assert classes <= set(KG.__annotations__)


def test_vocab_typo_raises() -> None:
    with pytest.raises(AttributeError):
        KG.Contry  # noqa: B018


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("https://example.org/kg/", "https://example.org/kg/"),
        ("https://example.org/kg", "https://example.org/kg/"),
        ("http://news.example/graph#", "http://news.example/graph#"),
    ],
)
def test_vocab_base_iri_normalised(base: str, expected: str) -> None:
    assert Iris(base).base == expected
    assert str(Iris(base).article("x")) == expected + "article/x"


@pytest.mark.parametrize("base", ["example.org/kg", "ftp://example.org/", "not an iri", ""])
def test_vocab_bad_base_iri_is_a_config_error(base: str) -> None:
    with pytest.raises(ConfigError, match="base IRI"):
        Iris(base)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Lachin Corridor", "Lachin_Corridor"),
        ("U.S.", "U_S"),
        ("call on", "call_on"),
        ("Nagorno-Karabakh", "Nagorno-Karabakh"),
        ("  ", "_"),
        ("a/b?c#d", "a_b_c_d"),
    ],
)
def test_vocab_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_vocab_fact_iris_are_deterministic() -> None:
    iris = Iris()
    assert iris.fact("a", 1, "x") == iris.fact("a", 1, "x")
    assert iris.fact("a", 1, "x") != iris.fact("a", 2, "x")
