"""Parse, extract and link articles: in this process, or in a pool of worker processes.

With ``workers > 1`` each worker process loads the spaCy pipeline and the
ontology once (in the pool's initializer) and turns batches of articles into
:class:`Extracted` records; the parent process only writes them to the store.
Results come back in input order, so the graph is the same whatever the number
of workers.

Any error of one article (parsing, extraction or linking) becomes that article's
:attr:`Extracted.error`; the others go on. On Linux the pool's processes die
with the build: the forkserver with the build process, each worker with the
forkserver (``prctl(PR_SET_PDEATHSIG)``), so a build killed even with SIGKILL
leaves no process behind; a build that stops on an exception (Ctrl-C, SIGTERM)
kills its workers at once rather than waiting for their batches.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import logging
import math
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgraph.extract import extract_article
from kgraph.link import Gazetteer, Linker, link_article
from kgraph.link.trust import DEFAULT_MIN_CONFIDENCE, calibrate
from kgraph.model import Article, LinkedFact, Span
from kgraph.nlp import ModelInfo, load_pipeline, model_info, parse_each
from kgraph.ontology import Ontology, load_ontology
from kgraph.pipeline.prepare import Prepared, RunIdentity, prepare
from kgraph.pipeline.timing import Timings
from kgraph.vocab import Iris

__all__ = [
    "Extracted",
    "Extractor",
    "die_with_parent",
    "extract_batch",
    "load_process",
    "prepare_batch",
    "process_model",
]

logger = logging.getLogger(__name__)

#: The build process's pid, for the pool's processes (set in the environment they inherit).
_BUILD_PID = "KGRAPH_BUILD_PID"
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Extracted:
    """One article after parsing, extraction and linking (or the reason it failed)."""

    article: Article
    sentences: tuple[Span, ...] = ()
    facts: tuple[LinkedFact, ...] = ()
    error: str | None = None


class Extractor:
    """Turns articles into :class:`Extracted` records with ``workers`` processes.

    Use as a context manager; :attr:`model` tells which spaCy model parses.
    :attr:`timings` has the wall seconds of the stages run in this process (model
    load, parse, extract, link and its setup; with a pool, the wait for its results), and
    :attr:`worker_timings` those of the pool's workers, summed over them.
    """

    def __init__(
        self,
        ontology: Ontology,
        *,
        model: str | None = None,
        ontology_dir: Path | None = None,
        workers: int = 1,
        batch_size: int = 16,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        run: RunIdentity | None = None,
    ) -> None:
        self.ontology = ontology
        self.run_identity = run
        self.min_confidence = min_confidence
        self.model_name = model
        self.ontology_dir = ontology_dir
        self.workers = max(1, workers)
        self.batch_size = max(1, batch_size)
        self._nlp: Any = None
        self._pool: ProcessPoolExecutor | None = None
        self.model: ModelInfo | None = None
        self.timings = Timings()
        self.worker_timings = Timings()

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc_info: object) -> None:
        if self._pool is not None:
            if exc_type is None:
                self._pool.shutdown(cancel_futures=True)
            else:  # interrupted or failed: the batches in work are lost anyway
                _kill_workers(self._pool)
                self._pool.shutdown()  # it finds its workers dead and fails their futures
            self._pool = None

    def run(self, articles: list[Article]) -> Iterator[Extracted]:
        """The extracted articles, in input order (the pool, once started, serves every call)."""
        batches = math.ceil(len(articles) / self.batch_size)
        if self._pool is None and min(self.workers, batches) <= 1:
            yield from self._run_here(articles)
        else:
            yield from self._run_pool(articles, min(self.workers, batches))

    def prepared(self, articles: list[Article]) -> Iterator[Prepared]:
        """The articles ready to write, in input order (needs the ``run`` of the constructor).

        Workers build them; without workers this process does, before the writer gets them.
        """
        assert self.run_identity is not None, "Extractor(run=...) names the articles' run"
        batches = math.ceil(len(articles) / self.batch_size)
        if self._pool is None and min(self.workers, batches) <= 1:
            items = self._run_here(articles)
            first = next(items, None)  # the model is known once the first article is parsed
            if first is None:
                return
            assert self.model is not None
            iris, run = Iris(self.run_identity.base_iri), self.run_identity.iri(self.model)
            for item in itertools.chain([first], items):
                with self.timings.stage("prepare"):
                    ready = prepare(iris, item, run)
                yield ready
        else:
            yield from self._run_pool(articles, min(self.workers, batches), prepare_batch)

    def _run_here(self, articles: list[Article]) -> Iterator[Extracted]:
        if self._nlp is None:
            with self.timings.stage("model load"):
                self._nlp = load_pipeline(self.model_name)
            self.model = model_info(self._nlp)
        with self.timings.stage("link setup"):
            linker = _linker(self.ontology)
        pairs = parse_each(self._nlp, articles, batch_size=self.batch_size)
        for article, doc in self.timings.timed("parse", pairs):
            yield _extract(article, doc, linker, self.min_confidence, self.timings)

    def _run_pool(self, articles: list[Article], workers: int, task: Any = None) -> Iterator[Any]:
        if self._pool is None:
            self._start_pool(workers)
        assert self._pool is not None
        chunks = [
            articles[i : i + self.batch_size] for i in range(0, len(articles), self.batch_size)
        ]
        # not pool.map: on an interrupt it cancels the futures first, and a pool whose
        # workers then die fails on the cancelled ones (InvalidStateError) and hangs the exit
        futures = [self._pool.submit(task or extract_batch, chunk) for chunk in chunks]
        try:
            for future in futures:
                with self.timings.stage("wait for workers"):
                    extracted, seconds = future.result()
                if isinstance(seconds, Timings):
                    self.worker_timings.merge(seconds)
                else:
                    self.worker_timings.add(seconds)
                yield from extracted
        except BaseException:
            _kill_workers(self._pool)
            raise

    def _start_pool(self, workers: int) -> None:
        # forkserver: no fork of a (possibly threaded) parent, and spaCy is imported
        # once in the server rather than once per worker
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(
            ["spacy", "kgraph.pipeline.workers", "kgraph.pipeline._forkserver"]
        )
        os.environ[_BUILD_PID] = str(os.getpid())  # read by die_with_parent in the pool
        self._pool = ProcessPoolExecutor(
            workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(
                self.model_name,
                self.ontology_dir,
                self.batch_size,
                self.min_confidence,
                self.run_identity,
            ),
        )
        with self.timings.stage("start workers"):
            self.model = self._pool.submit(process_model).result()


def _extract(
    article: Article, doc: Any, linker: Linker, min_confidence: float, timings: Timings
) -> Extracted:
    """The article's facts, or its error: whatever one article raises stays its failure."""
    try:
        if isinstance(doc, Exception):
            raise doc
        with timings.stage("extract"):
            parsed = extract_article(article, doc, linker.ontology)
        with timings.stage("link"):
            trust = linker.ontology.trust
            facts = tuple(calibrate(f, trust, min_confidence) for f in link_article(linker, parsed))
        return Extracted(article, parsed.sentences, facts)
    except Exception as exc:  # a bug in a rule included: reported, and the build goes on
        logger.debug("article %s failed", article.origin or article.id, exc_info=True)
        return Extracted(article, error=f"{type(exc).__name__}: {exc}")


def _linker(ontology: Ontology) -> Linker:
    """The process's one linker, over the one gazetteer its linking rules ask for."""
    return Linker(ontology, Gazetteer.of(ontology.linking))


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    # ProcessPoolExecutor has no public way to stop work in progress before Python 3.14
    for process in list(getattr(pool, "_processes", {}).values()):
        with contextlib.suppress(OSError, ValueError):  # gone already, or closed
            process.kill()


def die_with_parent() -> None:
    """Have the kernel kill this process when its parent dies (Linux; elsewhere nothing).

    Called in the forkserver (parent: the build) and in each worker (parent: the
    forkserver). Exits at once when the build process is gone already.
    """
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        logger.debug("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
        return
    build = os.environ.get(_BUILD_PID, "")
    if build.isdigit() and not Path(f"/proc/{build}").exists():
        os._exit(1)  # the build died before prctl took effect


# ---------------------------------------------------------------- worker processes
# A worker's pipeline lives in this process-local slot, set once by the pool's
# initializer: the one place where a heavy object is held at module level.
_WORKER: dict[str, Any] = {}


def _init_worker(
    model: str | None,
    ontology_dir: Path | None,
    batch_size: int,
    min_confidence: float,
    run: RunIdentity | None,
) -> None:
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle
    load_process(model, ontology_dir, batch_size, min_confidence, run)


def load_process(
    model: str | None,
    ontology_dir: Path | None,
    batch_size: int,
    min_confidence: float,
    run: RunIdentity | None = None,
) -> None:
    """Load this process's spaCy pipeline and rule set once, for :func:`extract_batch`.

    The pool's initializer calls it, and so does a Dask worker's plugin (:mod:`kgraph.cluster`).
    """
    logging.getLogger("kgraph").setLevel(logging.WARNING)
    _WORKER["timings"] = timings = Timings()  # sent back with the worker's next batch
    with timings.stage("model load"):
        _WORKER["nlp"] = load_pipeline(model)
    with timings.stage("link setup"):
        _WORKER["linker"] = _linker(load_ontology(ontology_dir))
    _WORKER["batch_size"] = batch_size
    _WORKER["min_confidence"] = min_confidence
    if run is not None:  # what prepare_batch needs to name the articles' run
        _WORKER["iris"], _WORKER["run"] = Iris(run.base_iri), run.iri(model_info(_WORKER["nlp"]))


def process_model() -> ModelInfo:
    """The spaCy model this process loaded (:func:`load_process`)."""
    return model_info(_WORKER["nlp"])


def extract_batch(articles: Iterable[Article]) -> tuple[list[Extracted], dict[str, float]]:
    """The batch's extracted articles, and this worker's stage seconds since its last batch."""
    nlp, linker, timings = _WORKER["nlp"], _WORKER["linker"], _WORKER["timings"]
    pairs = parse_each(nlp, list(articles), batch_size=_WORKER["batch_size"])
    timed = timings.timed("parse", pairs)
    bar = _WORKER["min_confidence"]
    extracted = [_extract(article, doc, linker, bar, timings) for article, doc in timed]
    return extracted, timings.take()


def prepare_batch(articles: Iterable[Article]) -> tuple[list[Prepared], Timings]:
    """The batch's articles ready to write, and this worker's stage timings since its last batch.

    Needs :func:`load_process` called with a ``run``.
    """
    nlp, linker, timings = _WORKER["nlp"], _WORKER["linker"], _WORKER["timings"]
    iris, run, bar = _WORKER["iris"], _WORKER["run"], _WORKER["min_confidence"]
    pairs = parse_each(nlp, list(articles), batch_size=_WORKER["batch_size"])
    ready = []
    for article, doc in timings.timed("parse", pairs):
        item = _extract(article, doc, linker, bar, timings)
        with timings.stage("prepare"):
            ready.append(prepare(iris, item, run))
    return ready, timings.take_all()
