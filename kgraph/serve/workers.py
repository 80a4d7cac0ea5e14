"""Queries run in worker processes, so a query past its time limit can be stopped.

pyoxigraph evaluates a query in native code that Python cannot interrupt, and
a thread cannot be killed. Each worker process opens the store read-only and
answers one query at a time; a query still running when the time limit is up
is stopped by killing its process, and a fresh worker takes its place. See
``docs/decisions/0002-serve-timeouts.md``.

Results are serialised in the worker into a buffer that refuses to grow past
the size limit, so an oversized result is stopped while it is being written,
not after.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import queue
import signal
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kgraph.errors import KGraphError, QueryError, StoreError
from kgraph.graph import RESULT_FORMATS, KGStore, kind
from kgraph.graph.sparql import QueryDataset
from kgraph.serve.formats import FormatError, ResultFormat, negotiate
from kgraph.serve.policy import SERVICE_REFUSED, uses_service
from kgraph.vocab import PREFIXES

__all__ = ["Answer", "Job", "QueryPool", "answer"]

logger = logging.getLogger(__name__)

_START_SECONDS = 120.0
_STOP_SECONDS = 2.0
_TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class Job:
    """A query to answer, with what the client accepts, its dataset, and whether SERVICE may run.

    The SERVICE policy (:func:`~kgraph.serve.policy.uses_service`) is applied in
    the worker, under the time limit: it parses the query.
    """

    query: str
    accept: str = ""
    formats: tuple[str, ...] = ()
    dataset: QueryDataset | None = None
    allow_service: bool = False


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, body, content type, and the query's kind for the log."""

    status: int
    body: bytes
    content_type: str = _TEXT
    kind: str = ""

    @classmethod
    def error(cls, status: int, message: str) -> Answer:
        """A plain-text error answer."""
        return cls(status, (message + "\n").encode("utf-8"))


class _TooLarge(Exception):
    """The result passed the size limit."""


class _CappedBuffer:
    """A binary sink that raises :class:`_TooLarge` past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self._chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge
        self._chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self._chunks)


def answer(store: KGStore, job: Job, max_bytes: int) -> Answer:
    """Evaluate a job's query on ``store`` and serialise its result (at most ``max_bytes``)."""
    if not job.allow_service and uses_service(job.query):
        return Answer.error(403, SERVICE_REFUSED)
    try:
        result = store.query(job.query, job.dataset)
    except QueryError as exc:
        return Answer.error(400, str(exc))
    what = kind(result)
    try:
        fmt = negotiate(what, job.accept, job.formats)
    except FormatError as exc:
        return Answer.error(exc.status, str(exc))
    buffer = _CappedBuffer(max_bytes)
    try:
        _serialize(result, fmt, buffer)
    except _TooLarge:
        return Answer.error(
            403,
            f"the result is larger than this endpoint's limit of {max_bytes:,} bytes; "
            "ask for less (LIMIT, fewer variables) or raise 'kgraph serve --max-result-mb'",
        )
    except (OSError, RuntimeError, ValueError) as exc:  # evaluation is lazy: errors show here
        return Answer.error(500, f"the query failed: {exc}")
    return Answer(200, buffer.getvalue(), fmt.content_type, what.value)


def _serialize(result: Any, fmt: ResultFormat, output: _CappedBuffer) -> None:
    """Write a result into ``output`` (kgraph.graph.results only returns whole bytes)."""
    if fmt.rdf_format is not None:
        ox.serialize(result, output, fmt.rdf_format, prefixes=PREFIXES)  # type: ignore[arg-type]
    else:
        result.serialize(output, RESULT_FORMATS[fmt.name][0])


def _work(store_path: str, max_bytes: int, conn: Connection) -> None:
    """A worker process: open the store, then answer jobs until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    try:
        store = KGStore.open(store_path, read_only=True)
    except KGraphError as exc:
        conn.send(str(exc))
        return
    conn.send(None)  # ready
    with store:
        while True:
            try:
                job = conn.recv()
            except (EOFError, OSError):  # the server is gone
                return
            if job is None:
                return
            try:
                reply = answer(store, job, max_bytes)
            except Exception as exc:  # a bug must not take the worker down; say what it was
                logger.exception("query failed")
                reply = Answer.error(500, f"internal error: {exc!r}")
            conn.send(reply)


class _Worker:
    """One worker process and the server's end of its pipe."""

    def __init__(self, context: Any, store: Path, max_bytes: int) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_work, args=(str(store), max_bytes, child), name="kgraph-query", daemon=True
        )
        self.process.start()
        child.close()
        self.usable = True

    def wait_ready(self) -> None:
        """Block until the worker has opened the store.

        Raises:
            StoreError: the worker could not open the store or did not start.
        """
        try:
            message = self.conn.recv() if self.conn.poll(_START_SECONDS) else "it did not start"
        except (EOFError, OSError):
            message = "it exited while starting"
        if message is not None:
            self.kill()
            raise StoreError(f"a query worker could not open the store: {message}")

    def ask(self, job: Job, timeout: float) -> Answer:
        """Send a job and wait up to ``timeout`` seconds; past it, kill the worker."""
        try:
            self.conn.send(job)
            if self.conn.poll(timeout):
                result: Answer = self.conn.recv()
                return result
        except (EOFError, OSError):
            self.kill()
            return Answer.error(500, "the query worker died (out of memory?); try a smaller query")
        self.kill()
        return Answer.error(
            503,
            f"the query ran longer than this endpoint's limit of {timeout:g} s and was stopped; "
            "narrow it (more specific patterns, LIMIT) or raise 'kgraph serve --timeout'",
        )

    def stop(self) -> None:
        """Ask the worker to finish (without waiting for it)."""
        if self.usable:
            with contextlib.suppress(OSError):
                self.conn.send(None)
        self.usable = False

    def join(self) -> None:
        """Wait a little for the worker to exit, then kill it."""
        self.process.join(_STOP_SECONDS)
        self.kill()

    def kill(self) -> None:
        self.usable = False
        if self.process.is_alive():
            self.process.kill()
        self.process.join(_STOP_SECONDS)
        self.conn.close()


class QueryPool:
    """A fixed number of worker processes answering queries, one query each at a time.

    Args:
        store: the store folder.
        size: how many queries run at once.
        timeout: seconds a query may run, and a request may wait for a worker.
        max_bytes: the largest serialised result.
    """

    def __init__(self, store: Path, *, size: int, timeout: float, max_bytes: int) -> None:
        self.store = store
        self.size = size
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    @property
    def alive(self) -> int:
        """How many workers are running or starting."""
        with self._lock:
            return len(self._workers)

    @property
    def idle(self) -> int:
        """How many workers wait for a query."""
        return self._idle.qsize()

    def start(self) -> None:
        """Start every worker and wait until each has opened the store."""
        workers = [self._spawn() for _ in range(self.size)]
        try:
            for worker in workers:
                worker.wait_ready()
        except StoreError:
            self.close()
            raise
        for worker in workers:
            self._idle.put(worker)

    def run(self, job: Job) -> Answer:
        """Answer a job on the next free worker (blocks: call it from a thread)."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Answer.error(
                503, f"all {self.size} query workers stayed busy for {self.timeout:g} s; try again"
            )
        result = worker.ask(job, self.timeout)
        if worker.usable:
            self._idle.put(worker)
        else:
            self._replace(worker)
        return result

    def close(self) -> None:
        """Stop every worker (running queries are killed)."""
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.stop()
        for worker in workers:
            worker.join()

    def _spawn(self) -> _Worker:
        worker = _Worker(self._context, self.store, self.max_bytes)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Forget a killed worker and start another in the background."""
        with self._lock:
            self._workers.discard(worker)
            if self._closed:
                return
        threading.Thread(target=self._add_worker, name="kgraph-query-start", daemon=True).start()

    def _add_worker(self) -> None:
        worker = self._spawn()
        try:
            worker.wait_ready()
        except StoreError as exc:
            if not self._closed:
                logger.error("%s; the endpoint runs with one worker fewer", exc)
            return
        if self._closed:
            worker.stop()
            worker.join()
        else:
            self._idle.put(worker)
