"""An extracted article made ready to write: everything but what depends on the store.

The parent process of a build only writes (issue 16, part 3): the article's
graph, its open relations and its language are built where it was parsed (a
worker process, or the build's own thread before the writer gets it), as
pyoxigraph quads. Only the entities' triples are left to the writer, since their
type and label depend on what the store already holds (the class votes).

A :class:`Prepared` record crosses from a worker to the parent as N-Quads
bytes, which pickle (and parse back) many times faster than the quads or the
rdflib triples themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import pyoxigraph as ox
from rdflib import XSD, Literal, URIRef
from rdflib.namespace import DCTERMS

from kgraph import __version__
from kgraph.graph import (
    EntityDescription,
    article_triples,
    entity_descriptions,
    graph_quads,
    relation_description,
)
from kgraph.ingest.language import warn_if_not_english
from kgraph.model import Article, ModelInfo
from kgraph.vocab import Iris

__all__ = ["ArticleWrites", "Prepared", "RunIdentity", "article_writes", "prepare", "without_text"]

_NQUADS = ox.RdfFormat.N_QUADS


@dataclass(frozen=True)
class RunIdentity:
    """What names a build's run before its model is known: the store's base IRI and the start."""

    base_iri: str
    started: datetime

    def iri(self, model: ModelInfo) -> URIRef:
        """The run's IRI once the model is known (the same in every process of the build)."""
        started = self.started.isoformat()
        return Iris(self.base_iri).run(__version__, model.name, model.version, started)


@dataclass(frozen=True)
class ArticleWrites:
    """What one article adds to a store: its graph, its entities and its open relations."""

    iri: URIRef
    triples: list
    entities: list[EntityDescription]
    shared: list


@dataclass(frozen=True)
class Prepared:
    """One article ready to write (or the reason it failed), without its text.

    ``quads`` hold the article's named graph and its open relations (in the
    entities graph); ``entities`` are written by the store, which decides their
    type and label.
    """

    article: Article
    quads: tuple[ox.Quad, ...] = ()
    entities: tuple[EntityDescription, ...] = ()
    sentences: int = 0
    facts: int = 0
    error: str | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["quads"] = ox.serialize(list(self.quads), format=_NQUADS) if self.quads else b""
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        data = state["quads"]
        state["quads"] = tuple(ox.parse(data, format=_NQUADS)) if data else ()
        self.__dict__.update(state)


def without_text(article: Article) -> Article:
    """The article as the report keeps it: its metadata, not its text (the corpus is a stream)."""
    return replace(article, text="")


def article_writes(iris: Iris, item: Any, run: URIRef) -> ArticleWrites:
    """The triples of one extracted article (also what a cluster's shard holds of it)."""
    article = item.article
    iri = iris.article(article.id)
    triples = article_triples(iris, article, item.sentences, item.facts, run)
    language = warn_if_not_english(article)  # kgraph's rules are for English
    if language is not None:
        triples.append((iri, DCTERMS.language, Literal(language.code, datatype=XSD.language)))
    shared = [t for f in item.facts for t in relation_description(iris, f.relation)]
    return ArticleWrites(iri, triples, entity_descriptions(iris, item.facts), shared)


def prepare(iris: Iris, item: Any, run: URIRef) -> Prepared:
    """An :class:`~kgraph.pipeline.workers.Extracted` article as quads ready to write."""
    article = without_text(item.article)
    if item.error is not None:
        return Prepared(article, error=item.error)
    writes = article_writes(iris, item, run)
    quads = graph_quads(writes.triples, writes.iri)
    quads += graph_quads(writes.shared, iris.entities_graph)
    entities = tuple(writes.entities)
    return Prepared(article, tuple(quads), entities, len(item.sentences), len(item.facts))
