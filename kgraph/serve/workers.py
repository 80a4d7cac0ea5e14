"""The worker processes' side: a job, its answer, and the loop a worker process runs.

A worker process (:func:`work`, started by :mod:`kgraph.serve.pool`) opens a
snapshot of the store read-only and answers one job at a time; a job names the
snapshot to answer from, and a worker holding an older one reopens first.

Results are serialised in the worker into a sink that refuses to grow past the
size limit and sends the result on in chunks of 64 KiB: a result that fits in
one chunk is one :class:`Answer`; a larger one is an :class:`Answer` with
``more`` set and the first chunk, then ``bytes`` chunks, then an :class:`End`
that says whether the result is whole.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from typing import Any

from kgraph.errors import KGraphError, QueryError
from kgraph.graph import KGStore, kind
from kgraph.graph.results import write_graph, write_results
from kgraph.graph.sparql import QueryDataset
from kgraph.serve.formats import FormatError, ResultFormat, negotiate
from kgraph.serve.policy import SERVICE_REFUSED, uses_service
from kgraph.vocab import PREFIXES

__all__ = ["CHUNK_BYTES", "Answer", "End", "Job", "answer", "too_large", "too_long", "work"]

logger = logging.getLogger(__name__)

#: A result is sent on in pieces of this size; a smaller one is sent whole.
CHUNK_BYTES = 64 << 10
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
    """An HTTP answer: status, body, content type, and the query's kind for the log.

    With ``more``, the body is the first chunk of a streamed result.
    """

    status: int
    body: bytes
    content_type: str = _TEXT
    kind: str = ""
    more: bool = False

    @classmethod
    def error(cls, status: int, message: str) -> Answer:
        """A plain-text error answer."""
        return cls(status, (message + "\n").encode("utf-8"))


@dataclass(frozen=True)
class End:
    """The end of a streamed result: ``error`` says why it is incomplete, or None."""

    error: str | None = None


class _TooLarge(Exception):
    """The result passed the size limit."""


def too_large(max_bytes: int) -> str:
    """What a client is told when a result passes the size limit."""
    return (
        f"the result is larger than this endpoint's limit of {max_bytes:,} bytes; "
        "ask for less (LIMIT, fewer variables) or raise 'kgraph serve --max-result-mb'"
    )


def too_long(timeout: float) -> str:
    """What a client is told when a query passes the time limit."""
    return (
        f"the query ran longer than this endpoint's limit of {timeout:g} s and was stopped; "
        "narrow it (more specific patterns, LIMIT) or raise 'kgraph serve --timeout'"
    )


class _Chunks:
    """A binary sink for a serialiser: raises :class:`_TooLarge` past ``limit`` bytes and,
    given ``send``, sends each full chunk on (the first inside ``head``)."""

    def __init__(self, limit: int, head: Answer, send: Callable[[Any], None] | None) -> None:
        self.limit = limit
        self.head = head
        self.send = send
        self.size = 0
        self.started = False
        self._buffer = bytearray()

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge
        self._buffer += data
        if self.send is not None and len(self._buffer) >= CHUNK_BYTES:
            self._send_chunk()
        return len(data)

    def flush(self) -> None:
        pass

    def finish(self) -> Answer | End:
        """The last message: the whole answer, or the end of the stream."""
        if not self.started:
            return replace(self.head, body=bytes(self._buffer))
        if self._buffer:
            self._send_chunk()
        return End()

    def fail(self, status: int, message: str) -> Answer | End:
        """The last message after an error: an error answer, or an incomplete stream's end."""
        return End(message) if self.started else Answer.error(status, message)

    def _send_chunk(self) -> None:
        assert self.send is not None
        data = bytes(self._buffer)
        self._buffer.clear()
        self.send(data if self.started else replace(self.head, body=data, more=True))
        self.started = True


def answer(
    store: KGStore, job: Job, max_bytes: int, send: Callable[[Any], None] | None = None
) -> Answer | End:
    """Evaluate a job's query on ``store`` and serialise its result (at most ``max_bytes``).

    Without ``send`` the result is one :class:`Answer`; with it, a result larger
    than one chunk goes to ``send`` as it is written, and the return value ends it.
    A result past the limit is refused with 500 (see ``docs/decisions/0002``).
    """
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
    sink = _Chunks(max_bytes, Answer(200, b"", fmt.content_type, what.value), send)
    try:
        _serialize(result, fmt, sink)
    except _TooLarge:
        return sink.fail(500, too_large(max_bytes))
    except (OSError, RuntimeError, ValueError) as exc:  # evaluation is lazy: errors show here
        return sink.fail(500, f"the query failed: {exc}")
    return sink.finish()


def _serialize(result: Any, fmt: ResultFormat, output: _Chunks) -> None:
    """Write a result into ``output`` as it is made; XML is kept well-formed (U+FFFD, a warning)."""
    if fmt.rdf_format is not None:
        write_graph(result, output, fmt.rdf_format, PREFIXES)  # type: ignore[arg-type]
    else:
        write_results(result, output, fmt.name)  # type: ignore[arg-type]


def work(snapshot: str, max_bytes: int, conn: Connection) -> None:
    """A worker process: open the snapshot, then answer jobs until told to stop.

    A message is ``(snapshot, job)``, answered from that snapshot (reopened if
    it is not the one open); ``(snapshot, None)`` only reopens, and is answered
    None; ``None`` stops the worker.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    try:
        store = KGStore.open(snapshot, read_only=True)
    except KGraphError as exc:
        conn.send(str(exc))
        return
    conn.send(None)  # ready
    try:
        while (message := _receive_job(conn)) is not None:
            wanted, job = message
            if wanted != str(store.path):
                store = _reopen(store, wanted)
            conn.send(None if job is None else _answer_safely(store, job, max_bytes, conn))
    except (EOFError, OSError):
        return
    finally:
        store.close()


def _answer_safely(store: KGStore, job: Job, max_bytes: int, conn: Connection) -> Answer | End:
    """:func:`answer`, but a bug ends the job with a message, not the worker."""
    streaming = False

    def send(message: Any) -> None:
        nonlocal streaming
        streaming = True
        conn.send(message)

    try:
        return answer(store, job, max_bytes, send)
    except Exception as exc:
        logger.exception("query failed")
        message = f"internal error: {exc!r}"
        return End(message) if streaming else Answer.error(500, message)


def _receive_job(conn: Connection) -> tuple[str, Job | None] | None:
    try:
        message: tuple[str, Job | None] | None = conn.recv()
    except (EOFError, OSError):  # the server is gone
        return None
    return message


def _reopen(store: KGStore, snapshot: str) -> KGStore:
    """The newer snapshot, opened in place of ``store``."""
    store.close()
    return KGStore.open(snapshot, read_only=True)
