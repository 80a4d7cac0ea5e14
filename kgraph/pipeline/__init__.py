"""The whole build: ingest -> nlp -> extract -> link -> graph, into a store folder.

One broken article never stops a build: its error is recorded in the report
and the next article goes on. Each article is written in its own transaction,
so a failed or interrupted build leaves every earlier article intact and no
half-written one. Builds are incremental: an article already in the store
(same text, made by the same rules: :mod:`kgraph.pipeline.rules`) is skipped,
and a changed article (same identity: URL, else id, else origin; see
:func:`kgraph.model.article_identity`) replaces its old version in the same
transaction.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from rdflib import URIRef

from kgraph import __version__
from kgraph.errors import StoreError
from kgraph.graph import BuildRun, KGStore, StoreKind, catalog_descriptions, run_triples
from kgraph.graph.analysis import (
    AnalysisScope,
    AnalysisState,
    analysis_scope,
    analysis_state,
    mark_analysis_pending,
    refresh_analysis,
    update_analysis,
)
from kgraph.graph.merge import merge_short_names
from kgraph.ingest import IngestReport, iter_articles, latest_versions
from kgraph.link.trust import DEFAULT_MIN_CONFIDENCE
from kgraph.model import Article
from kgraph.nlp import ModelInfo, model_key
from kgraph.ontology import load_ontology
from kgraph.pipeline.prepare import (
    ArticleWrites,
    Prepared,
    RunIdentity,
    article_writes,
    without_text,
)
from kgraph.pipeline.rules import rules_after, rules_before, rules_digest
from kgraph.pipeline.stream import chunks, count_versions, latest_stream
from kgraph.pipeline.timing import Timings
from kgraph.pipeline.workers import Extractor

__all__ = [
    "ArticleWrites",
    "BuildInterrupted",
    "BuildReport",
    "Progress",
    "RemoveReport",
    "article_writes",
    "build",
    "build_time",
    "new_run",
    "remove",
    "without_text",
]

logger = logging.getLogger(__name__)

#: Articles read at a time: the build holds at most this many texts (and their results).
CHUNK = 2048


class Progress(Protocol):
    """Receives progress of a build (the CLI shows it as a bar)."""

    def start(self, total: int) -> None:
        """Called once with the number of articles to parse."""

    def advance(self, article: Article, facts: int) -> None:
        """Called after each article is written (or has failed)."""


@dataclass
class BuildReport:
    """What a build did.

    The articles of ``added``, ``replaced`` and ``unchanged`` keep their metadata
    but not their text (``text == ""``): a build never holds the corpus.
    """

    store: Path
    ingest: IngestReport = field(default_factory=IngestReport)
    added: list[Article] = field(default_factory=list)
    replaced: list[Article] = field(default_factory=list)
    unchanged: list[Article] = field(default_factory=list)
    failed: list[tuple[Article, str]] = field(default_factory=list)
    sentences: int = 0
    facts: int = 0
    seconds: float = 0.0
    workers: int = 1
    model: ModelInfo | None = None
    #: Wall seconds of the build process's stages, one after the other (at most ``seconds``).
    stages: dict[str, float] = field(default_factory=dict)
    #: Wall seconds of the writer thread, concurrent with the stages above.
    writer_stages: dict[str, float] = field(default_factory=dict)
    #: Wall seconds of the worker processes' stages, summed over the workers (``workers > 1``).
    worker_stages: dict[str, float] = field(default_factory=dict)
    #: CPU seconds of the stages above (of the thread that ran each), and of the build process.
    stage_cpu: dict[str, float] = field(default_factory=dict)
    writer_cpu: dict[str, float] = field(default_factory=dict)
    worker_cpu: dict[str, float] = field(default_factory=dict)
    cpu_seconds: float | None = None
    #: The store's articles were extracted with other rules, code or model: all are extracted again.
    rules_changed: bool = False
    #: Articles of the store that this build did not extract again with today's rules.
    stale: int = 0

    @property
    def written(self) -> int:
        """How many articles this build wrote (added or replaced)."""
        return len(self.added) + len(self.replaced)

    @property
    def nothing_built(self) -> bool:
        """True when no article could be built, replaced or found already built."""
        return not self.added and not self.replaced and not self.unchanged


class BuildInterrupted(KeyboardInterrupt):
    """A build stopped by Ctrl-C (or SIGTERM, which the CLI turns into one).

    ``report`` tells what it had done: the articles it wrote are in the store.
    """

    def __init__(self, report: BuildReport) -> None:
        super().__init__(f"interrupted after writing {report.written} articles")
        self.report = report


@dataclass
class RemoveReport:
    """What :func:`remove` did."""

    article: URIRef
    quads: int
    entities: int


def build_time() -> datetime:
    """The build's timestamp: ``$SOURCE_DATE_EPOCH`` when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def default_workers() -> int:
    """All cores: the default number of worker processes."""
    return os.cpu_count() or 1


def build(
    paths: Iterable[str | Path],
    out: str | Path,
    *,
    model: str | None = None,
    base_iri: str | None = None,
    ontology_dir: Path | None = None,
    progress: Progress | None = None,
    batch_size: int = 16,
    workers: int | None = None,
    store: StoreKind | str | None = None,
    min_confidence: float | None = None,
) -> BuildReport:
    """Build (or extend) the store ``out`` from every article under ``paths``.

    Every fact's ``kg:confidence`` is the calibrated probability that it is right
    (:mod:`kgraph.link.trust`); an asserted fact under ``min_confidence`` (default
    :data:`kgraph.link.trust.DEFAULT_MIN_CONFIDENCE`) is held back: written as its
    provenance node with ``kg:heldBack true``, without the plain triple.

    Raises:
        StoreError: ``out`` is not a kgraph store or is in use.
        ConfigError: the spaCy model is not installed, or the base IRI or store kind is invalid.
        BuildInterrupted: on Ctrl-C; every article written before it stays in the store.
    """
    began, began_cpu = time.perf_counter(), time.process_time()
    report = BuildReport(Path(out), workers=workers or default_workers())
    timings = Timings()
    with timings.stage("setup"):  # first: ingest reads its boilerplate table
        ontology = load_ontology(ontology_dir)  # the workers load the same folder
    with timings.stage("ingest"):  # the first of two readings: a count per article
        versions = count_versions(paths, ontology.boilerplate)
    if not versions:
        latest_versions(iter_articles(paths, ontology.boilerplate, report.ingest), report.ingest)
        report.stages = timings.seconds
        return report
    found = latest_stream(paths, ontology.boilerplate, report.ingest, versions)
    articles = timings.timed("ingest", found)
    try:
        with KGStore.open(out, create=True, base_iri=base_iri, kind=store) as kg:
            with timings.stage("setup"):
                kg.replace_graph(kg.iris.ontology_graph, ontology.graph)
                catalog = catalog_descriptions(kg.iris, ontology.entities)
                kg.add_entities(catalog)
                current = analysis_state(kg) is AnalysisState.CURRENT  # before marked pending
            bar = DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
            digest = rules_digest(ontology_dir, model_key(model), bar)
            report.rules_changed = rules_before(kg, digest)
            run = RunIdentity(kg.iris.base, build_time())
            extractor = Extractor(
                ontology,
                model=model,
                ontology_dir=ontology_dir,
                workers=report.workers,
                batch_size=batch_size,
                min_confidence=bar,
                run=run,
            )
            if progress:
                progress.start(len(versions))
            with extractor:
                batches = chunks(articles, CHUNK)
                new = new_articles(kg, batches, report, progress, timings, report.rules_changed)
                _write_all(kg, extractor, new, report, progress, timings)
            timings.merge(extractor.timings)
            report.worker_stages = extractor.worker_timings.seconds
            report.worker_cpu = extractor.worker_timings.cpu
            with timings.stage("analysis"):
                if report.replaced:
                    kg.collect_garbage(keep=[d.iri for d in catalog])
                # "Hakobyan" in one article is "Mariam Hakobyan" of another
                merges = merge_short_names(kg, keep=[d.iri for d in catalog])
                if current and not report.replaced:  # only what the new articles touch
                    added = frozenset(str(kg.iris.article(a.id)) for a in report.added)
                    merged = frozenset(iri for pair in merges for iri in pair)
                    update_analysis(kg, ontology, AnalysisScope(added, merged))
                else:  # conflicts and corroboration, over the whole store
                    refresh_analysis(kg, ontology)
            if report.rules_changed:  # all made again, or the store stays mixed
                written = [a.id for a in (*report.added, *report.replaced)]
                report.stale = rules_after(kg, digest, written)
    except KeyboardInterrupt as exc:  # the articles written so far are in the store
        raise BuildInterrupted(report) from exc
    report.seconds = time.perf_counter() - began
    report.cpu_seconds = time.process_time() - began_cpu
    report.stages, report.stage_cpu = timings.seconds, timings.cpu
    return report


def remove(store: str | Path, key: str, *, ontology_dir: Path | None = None) -> RemoveReport:
    """Drop an article (by id, IRI, URL or origin) and the entities only it mentioned.

    Raises:
        StoreError: the store does not hold such an article.
    """
    with KGStore.open(store) as kg:
        found = kg.find_article(key)
        if found is None:
            raise StoreError(
                f"store {store} has no article {key!r}; give its id, IRI, URL or file "
                "(find them with: kgraph query STORE 'SELECT ?a ?id WHERE "
                "{ ?a a kg:Article ; dcterms:identifier ?id }')"
            )
        current = analysis_state(kg) is AnalysisState.CURRENT
        scope = analysis_scope(kg, [str(found.iri)])  # its facts, before they go
        mark_analysis_pending(kg)
        quads = kg.remove_article(found.iri)
        ontology = load_ontology(ontology_dir)
        catalog = catalog_descriptions(kg.iris, ontology.entities)
        entities = kg.collect_garbage(keep=[d.iri for d in catalog])
        if current:  # only what the article touched
            update_analysis(kg, ontology, scope)
        else:
            refresh_analysis(kg, ontology)
    return RemoveReport(found.iri, quads, entities)


def _changed(
    kg: KGStore, articles: list[Article], again: bool = False
) -> tuple[list[Article], list[Article]]:
    """The articles to write, and those the store already has.

    An article is already there when the store holds its version with the same
    text (unless ``again``: its facts come from other rules), or holds its text
    as another article that this build does not change (a copy, built once). A
    JSONL record without url or id whose line moved is therefore rebuilt at its
    new line rather than lost. The build asks about one chunk of articles at a
    time (:data:`CHUNK`), so "rewritten" means in the same chunk.
    """
    stored = {a.id: kg.article(kg.iris.article(a.id)) for a in articles}
    rewritten = {
        kg.iris.article(a.id)
        for a in articles
        if (old := stored[a.id]) is not None and old.sha256 != a.sha256
    }
    new: list[Article] = []
    unchanged: list[Article] = []
    for article in articles:
        old = stored[article.id]
        if old is not None:
            same = old.sha256 == article.sha256 and not again
        else:
            holders = kg.articles_with_text(article.sha256)
            same = any(h.iri not in rewritten for h in holders)
        (unchanged if same else new).append(article)
    return new, unchanged


def new_articles(
    kg: KGStore,
    batches: Iterable[list[Article]],
    report: BuildReport,
    progress: Progress | None,
    timings: Timings,
    again: bool = False,
) -> Iterator[list[Article]]:
    """Of each batch, the articles to write; the others go to ``report.unchanged``.

    With ``again`` (the store's facts come from other rules) every article is written,
    each replacing its stored version. The store is marked as waiting for its analysis
    before the first article is written.
    """
    pending = False
    for batch in batches:
        with timings.stage("setup"):
            new, unchanged = _changed(kg, batch, again)
        report.unchanged += [without_text(a) for a in unchanged]
        for article in unchanged if progress else ():
            progress.advance(article, 0)  # type: ignore[union-attr]
        if new and not pending:
            mark_analysis_pending(kg)  # until refresh_analysis has finished
            pending = True
        if new:
            yield new


def _write_all(
    kg: KGStore,
    extractor: Extractor,
    batches: Iterable[list[Article]],
    report: BuildReport,
    progress: Progress | None,
    timings: Timings,
) -> None:
    """Write what the extractor yields for each batch, in order, from a writer thread.

    The extractor hands over each article's quads ready (:mod:`kgraph.pipeline.prepare`),
    so the writer only adds the entities' triples and writes; the store's writes release
    the GIL, so they overlap with parsing in this thread.
    The time this thread waits for the writer (a full queue, the last articles) is
    the stage "write wait"; the writer's own time goes to ``report.writer_stages``.
    """
    writer = _Writer(kg, report, progress)
    try:
        assert extractor.run_identity is not None
        for item in (x for batch in batches for x in extractor.prepared(batch)):
            if report.model is None:
                report.model = extractor.model
                writer.run = new_run(kg, extractor.model, extractor.run_identity.started)
            with timings.stage("write wait"):
                writer.put(item)
    finally:
        with timings.stage("write wait"):
            writer.close()
        report.writer_stages, report.writer_cpu = writer.timings.seconds, writer.timings.cpu


class _Writer:
    """A thread that writes extracted articles one transaction each, in order."""

    def __init__(self, kg: KGStore, report: BuildReport, progress: Progress | None) -> None:
        self.kg, self.report, self.progress = kg, report, progress
        self.run: BuildRun | None = None
        self._run_written = False
        self._queue: queue.Queue[Prepared | None] = queue.Queue(maxsize=64)
        self._error: BaseException | None = None
        self.timings = Timings()  # read once the thread has finished
        self._thread = threading.Thread(target=self._loop, name="kgraph-writer", daemon=True)
        self._thread.start()

    def put(self, item: Prepared) -> None:
        """Queue an article for writing; re-raise a failure of the writer here."""
        if self._error is not None:
            raise self._error
        self._queue.put(item)

    def close(self) -> None:
        """Wait until everything queued is written."""
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error

    def _loop(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is not None:
                continue  # drain after a failure; put() and close() report it
            try:
                with self.timings.stage("write"):
                    self._one(item)
            except BaseException as exc:  # handed to the main thread
                self._error = exc

    def _one(self, item: Prepared) -> None:
        assert self.run is not None, "the run is known before the first article"
        if item.error is not None:
            self.report.failed.append((item.article, item.error))
        else:  # the run's description goes with the first article written
            runs = [] if self._run_written else run_triples(self.run)
            _write(self.kg, item, self.run, runs, self.report)
            self._run_written = True
        if self.progress:
            self.progress.advance(item.article, item.facts)


def new_run(kg: KGStore, model: ModelInfo | None, started: datetime | None = None) -> BuildRun:
    """This build's run: kgraph's version, the model, and when it started (:func:`build_time`)."""
    assert model is not None, "the extractor reports its model before its first result"
    identity = RunIdentity(kg.iris.base, started or build_time())
    return BuildRun(identity.iri(model), __version__, model, identity.started)


def _write(kg: KGStore, item: Prepared, run: BuildRun, runs: list, report: BuildReport) -> None:
    """Write one article in one transaction, replacing its older version (same identity)."""
    article, iri = item.article, kg.iris.article(item.article.id)
    older = {iri} if kg.article(iri) is not None else set()
    kg.add_article(iri, [], item.entities, [], runs, replaces=sorted(older), prepared=item.quads)
    (report.replaced if older else report.added).append(article)
    logger.info("wrote article %s from %s: %d facts", article.id, article.origin, item.facts)
    report.sentences += item.sentences
    report.facts += item.facts
