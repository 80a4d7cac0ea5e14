"""The whole build: ingest -> nlp -> extract -> link -> graph, into a store folder.

One broken article never stops a build: its error is recorded in the report
and the next article goes on. Each article is written in its own transaction,
so a failed or interrupted build leaves every earlier article intact and no
half-written one. Articles already in the store (same text) are skipped.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from kgraph import __version__
from kgraph.errors import KGraphError
from kgraph.extract import extract_triples, sentence_spans
from kgraph.graph import (
    BuildRun,
    KGStore,
    article_triples,
    catalog_descriptions,
    entity_descriptions,
    relation_description,
    run_triples,
)
from kgraph.ingest import IngestReport, iter_articles
from kgraph.link import Linker, link_article
from kgraph.model import Article, ParsedArticle
from kgraph.nlp import ModelInfo, load_pipeline, model_info, parse
from kgraph.ontology import Ontology, load_ontology

__all__ = ["BuildReport", "Progress", "build", "build_time"]

logger = logging.getLogger(__name__)


class Progress(Protocol):
    """Receives progress of a build (the CLI shows it as a bar)."""

    def start(self, total: int) -> None:
        """Called once with the number of articles to parse."""

    def advance(self, article: Article, facts: int) -> None:
        """Called after each article is written (or has failed)."""


@dataclass
class BuildReport:
    """What a build did."""

    store: Path
    ingest: IngestReport = field(default_factory=IngestReport)
    added: list[Article] = field(default_factory=list)
    unchanged: list[Article] = field(default_factory=list)
    failed: list[tuple[Article, str]] = field(default_factory=list)
    sentences: int = 0
    facts: int = 0
    seconds: float = 0.0
    model: ModelInfo | None = None

    @property
    def nothing_built(self) -> bool:
        """True when no article could be built or found already built."""
        return not self.added and not self.unchanged


def build_time() -> datetime:
    """The build's timestamp: ``$SOURCE_DATE_EPOCH`` when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def build(
    paths: Iterable[str | Path],
    out: str | Path,
    *,
    model: str | None = None,
    base_iri: str | None = None,
    ontology: Ontology | None = None,
    progress: Progress | None = None,
    batch_size: int = 16,
) -> BuildReport:
    """Build (or extend) the store ``out`` from every article under ``paths``.

    Raises:
        StoreError: ``out`` is not a kgraph store or is in use.
        ConfigError: the spaCy model is not installed or the base IRI is invalid.
    """
    began = time.perf_counter()
    report = BuildReport(Path(out))
    articles = list(iter_articles(paths, report.ingest))
    if not articles:
        return report
    ontology = ontology or load_ontology()
    with KGStore.open(out, create=True, base_iri=base_iri) as store:
        store.replace_graph(store.iris.ontology_graph, ontology.graph)
        store.add_entities(catalog_descriptions(store.iris, ontology.entities))
        new = [a for a in articles if not store.has_article_text(a.sha256)]
        report.unchanged = [a for a in articles if a not in new]
        if new:
            _build_new(store, new, report, Linker(ontology), model, progress, batch_size)
    report.seconds = time.perf_counter() - began
    return report


def _build_new(
    store: KGStore,
    articles: list[Article],
    report: BuildReport,
    linker: Linker,
    model: str | None,
    progress: Progress | None,
    batch_size: int,
) -> None:
    nlp = load_pipeline(model)
    report.model = model_info(nlp)
    started = build_time()
    run = BuildRun(
        store.iris.run(__version__, report.model.name, report.model.version, started.isoformat()),
        __version__,
        report.model,
        started,
    )
    pending_run = run_triples(run)
    if progress:
        progress.start(len(articles))
    for article, doc in parse(nlp, articles, batch_size=batch_size):
        facts = 0
        try:
            parsed = ParsedArticle(article, sentence_spans(doc), tuple(extract_triples(doc)))
            facts = _write(store, parsed, linker, run, pending_run)
            pending_run = []
            report.added.append(article)
            report.sentences += len(parsed.sentences)
            report.facts += facts
        except (KGraphError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
            logger.debug("article %s failed", article.origin, exc_info=True)
            report.failed.append((article, f"{type(exc).__name__}: {exc}"))
        if progress:
            progress.advance(article, facts)


def _write(store: KGStore, parsed: ParsedArticle, linker: Linker, run: BuildRun, runs: list) -> int:
    """Link one parsed article and write it in one transaction; return its fact count."""
    facts = list(link_article(linker, parsed))
    iris = store.iris
    shared = [t for f in facts for t in relation_description(iris, f.relation)]
    store.add_article(
        iris.article(parsed.article.id),
        article_triples(iris, parsed.article, parsed.sentences, facts, run.iri),
        entity_descriptions(iris, facts),
        shared,
        runs,
    )
    return len(facts)
