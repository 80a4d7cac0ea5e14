"""The calibrated confidence (kgraph.link.trust) and --min-confidence: held back, never lost."""

from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType

import pytest
from click.testing import CliRunner
from rdflib import RDF, Literal

from kgraph.cli import cli
from kgraph.graph import KGStore, graph_stats
from kgraph.link.trust import FactView, calibrate, trust
from kgraph.model import Article, Mention, RelationMention, Span, SurfaceTriple
from kgraph.ontology import ConfidenceWeights, Ontology
from kgraph.vocab import KG

from .stores import linker_of, write_facts

TEXT = "Azerbaijan launched an operation. Baku may send troops."
NO_MODEL = ConfidenceWeights(0.0, MappingProxyType({}))


def _facts(ontology: Ontology, article: Article) -> list:
    linker = linker_of(ontology)
    first, second = Span.of(TEXT, 0, 33), Span.of(TEXT, 34, len(TEXT))
    triples = [
        SurfaceTriple(
            Mention("Azerbaijan", 0, 10, ner="GPE"),
            RelationMention("launched", 11, 19, lemma="launch"),
            Mention("an operation", 20, 32),
            first,
            "svo",
            0.6,
        ),
        SurfaceTriple(
            Mention("Baku", 34, 38, ner="GPE"),
            RelationMention("may send", 39, 47, lemma="send"),
            Mention("troops", 48, 54),
            second,
            "svo",
            0.2,
            modality="may",
        ),
    ]
    return [f for t in triples if (f := linker.fact(t, article.id))]


@pytest.fixture()
def article() -> Article:
    return Article.from_text(TEXT, url="https://example.com/trust")


def test_trust_without_a_model_keeps_the_extractors_score(ontology, article) -> None:
    fact = _facts(ontology, article)[0]
    same = calibrate(fact, NO_MODEL)
    assert same.provenance.confidence == 0.6 and same.provenance.extraction_confidence is None
    assert not same.held_back
    assert calibrate(fact, NO_MODEL, 0.7).held_back  # 0.6 < 0.7


def test_trust_model_gives_a_probability_and_keeps_the_extractors_score(ontology, article) -> None:
    fact = _facts(ontology, article)[0]
    model = ConfidenceWeights(-1.0, MappingProxyType({"rule=svo": 3.0, "extraction": 0.0}))
    calibrated = calibrate(fact, model)
    assert calibrated.provenance.confidence == pytest.approx(0.8808, abs=1e-4)  # sigmoid(2)
    assert calibrated.provenance.extraction_confidence == 0.6
    assert trust(FactView.of(fact), model) == calibrated.provenance.confidence


def test_trust_only_asserted_facts_are_held_back(ontology, article) -> None:
    stated, modal = (calibrate(f, NO_MODEL, 0.99) for f in _facts(ontology, article))
    assert stated.held_back
    assert not modal.held_back  # not asserted anyway: nothing to hold back


def test_trust_held_back_fact_keeps_its_node_but_not_its_triple(
    tmp_path: Path, ontology, article
) -> None:
    facts = [
        calibrate(f, NO_MODEL, bar)
        for f, bar in zip(_facts(ontology, article), (0.99, 0), strict=True)
    ]
    with KGStore.open(tmp_path / "kg", create=True) as kg:
        write_facts(kg, article, (Span.of(TEXT, 0, 33),), facts)
        graph = kg.to_rdflib()
        stats = graph_stats(kg)
    (held,) = graph.subjects(KG.heldBack, Literal(True))
    triple = tuple(graph.value(held, p) for p in (RDF.subject, RDF.predicate, RDF.object))
    assert triple not in graph  # the plain triple is not asserted
    assert stats.held_back_facts == 1 and stats.facts == 2  # nothing is lost
    unheld = calibrate(_facts(ontology, article)[0], NO_MODEL, 0.5)
    with KGStore.open(tmp_path / "kg2", create=True) as kg:
        write_facts(kg, article, (Span.of(TEXT, 0, 33),), [unheld])
        graph = kg.to_rdflib()
    (node,) = graph.subjects(RDF.type, RDF.Statement)
    assert tuple(graph.value(node, p) for p in (RDF.subject, RDF.predicate, RDF.object)) in graph


@pytest.mark.model
def test_trust_cli_min_confidence_holds_back_and_stats_says_so(tmp_path: Path) -> None:
    seed_dir = Path(__file__).resolve().parent.parent / "data"
    runner = CliRunner()
    everything, strict = tmp_path / "all", tmp_path / "strict"
    for store, bar in ((everything, "0"), (strict, "1")):
        got = runner.invoke(
            cli,
            ["build", str(seed_dir), "--out", str(store), "-q", "-j", "1", "--min-confidence", bar],
        )
        assert got.exit_code == 0, got.output
    counts = {}
    for store in (everything, strict):
        got = runner.invoke(cli, ["stats", str(store), "--json"])
        counts[store] = json.loads(got.output)
    assert counts[everything]["held_back_facts"] == 0
    assert counts[strict]["held_back_facts"] > 0
    assert counts[strict]["facts"] == counts[everything]["facts"]  # held back, not dropped
    bad = runner.invoke(
        cli, ["build", str(seed_dir), "--out", str(tmp_path / "x"), "--min-confidence", "2"]
    )
    assert bad.exit_code == 2 and "min-confidence" in bad.output
