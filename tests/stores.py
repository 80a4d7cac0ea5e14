"""Writing an article and its linked facts into a store, as a build does, without the model.

A helper, not a fixture: test modules build their own stores with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone

from kgraph.graph import (
    BuildRun,
    KGStore,
    article_triples,
    entity_descriptions,
    relation_description,
    run_triples,
)
from kgraph.link import Linker
from kgraph.model import Article, LinkedFact, Span
from kgraph.nlp import ModelInfo
from kgraph.ontology import Ontology

#: The build run every test store records.
_STARTED = datetime(2023, 9, 19, tzinfo=timezone.utc)
#: One linker per ontology (kept with it, so that its id stays its own).
_LINKERS: dict[int, tuple[Ontology, Linker]] = {}


def linker_of(ontology: Ontology) -> Linker:
    """The linker of ``ontology``, built once per test process.

    Building its gazetteer takes a second or more; linking only reads it.
    """
    if id(ontology) not in _LINKERS:
        _LINKERS[id(ontology)] = (ontology, Linker(ontology))
    return _LINKERS[id(ontology)][1]


def write_facts(
    store: KGStore, article: Article, sentences: tuple[Span, ...], facts: Iterable[LinkedFact]
) -> None:
    """Write ``article`` with its ``sentences`` and ``facts`` in one transaction."""
    facts = list(facts)
    run = BuildRun(store.iris.run("t"), "0", ModelInfo("m", "1", "3"), _STARTED)
    store.add_article(
        store.iris.article(article.id),
        article_triples(store.iris, article, sentences, facts, run.iri),
        entity_descriptions(store.iris, facts),
        [t for f in facts for t in relation_description(store.iris, f.relation)],
        run_triples(run),
    )
