"""The pool of worker processes, run from the server's event loop.

pyoxigraph evaluates a query in native code that Python cannot interrupt, and
a thread cannot be killed. Each worker process opens a snapshot of the store
read-only (:mod:`kgraph.serve.snapshots`) and answers one query at a time; a
query still running when the time limit is up, or whose client has hung up, is
stopped by killing its process, and a fresh worker takes its place. See
``docs/decisions/0002-serve-timeouts.md`` and ``0010-serve-generations-and-streaming.md``.

A job carries the snapshot to answer from; a worker holding an older one
reopens first, so once the pool has switched to a new generation no answer
comes from an older one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread

from kgraph.errors import StoreError
from kgraph.serve.snapshots import Snapshot, Snapshots
from kgraph.serve.workers import Answer, End, Job, too_long, work

__all__ = ["CLIENT_GONE", "QueryPool", "Streamed"]

logger = logging.getLogger(__name__)

_START_SECONDS = 120.0
_STOP_SECONDS = 2.0
#: How often a request waiting for a worker checks that its client is still there.
_POLL_SECONDS = 0.1
#: The status of a request whose client hung up (nginx's; nobody receives it, the log shows it).
CLIENT_GONE = 499


class _Worker:
    """One worker process and the server's end of its pipe."""

    def __init__(self, context: Any, snapshot: Snapshot, max_bytes: int) -> None:
        self.conn, child = context.Pipe()
        self.snapshot = snapshot
        self.process = context.Process(
            target=work,
            args=(str(snapshot.path), max_bytes, child),
            name="kgraph-query",
            daemon=True,
        )
        self.process.start()
        child.close()

    def wait_ready(self) -> None:
        """Block until the worker has opened its snapshot.

        Raises:
            StoreError: the worker could not open the snapshot or did not start.
        """
        try:
            message = self.conn.recv() if self.conn.poll(_START_SECONDS) else "it did not start"
        except (EOFError, OSError):
            message = "it exited while starting"
        if message is not None:
            self.kill()
            self.reap()
            raise StoreError(f"a query worker could not open the store: {message}")

    def send(self, snapshot: Snapshot, job: Job | None) -> bool:
        """Hand over a job, to be answered from ``snapshot`` (None: only open it).

        Returns False if the worker is gone.
        """
        try:
            self.conn.send((str(snapshot.path), job))
        except OSError:
            return False
        self.snapshot = snapshot
        return True

    async def receive(self, deadline: float, disconnected: _Check | None = None) -> Any:
        """The worker's next message, or :data:`_TIMEOUT`, :data:`_DIED` or :data:`_GONE`."""
        while True:
            left = deadline - anyio.current_time()
            if left <= 0:
                return _TIMEOUT
            wait = left if disconnected is None else min(left, _POLL_SECONDS)
            with anyio.move_on_after(wait):
                await anyio.wait_readable(self.conn.fileno())
                try:
                    return self.conn.recv()
                except (EOFError, OSError):
                    return _DIED
            if disconnected is not None and await disconnected():
                return _GONE

    def stop(self) -> None:
        """Ask the worker to finish (without waiting for it)."""
        with contextlib.suppress(OSError):
            self.conn.send(None)

    def kill(self) -> None:
        """Kill the process at once (native code can only be stopped so)."""
        if self.process.is_alive():
            self.process.kill()

    def reap(self) -> None:
        """Wait for the process to exit (killing it if it does not) and close the pipe."""
        self.process.join(_STOP_SECONDS)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(_STOP_SECONDS)
        self.conn.close()


_Check = Callable[[], Awaitable[bool]]
_TIMEOUT, _DIED, _GONE = object(), object(), object()


class Streamed:
    """An answer being streamed: ``head`` holds the status, type and first chunk.

    Read the rest with :meth:`next` until it returns None, then ``error`` says
    whether the result is whole; always :meth:`close` it.
    """

    def __init__(self, head: Answer, pool: QueryPool, worker: _Worker, deadline: float) -> None:
        self.head = head
        self.error: str | None = None
        self._pool = pool
        self._worker = worker
        self._deadline = deadline
        self._ended = False
        self._closed = False

    async def next(self) -> bytes | None:
        """The next chunk, or None when the stream has ended."""
        if self._ended:
            return None
        message = await self._worker.receive(self._deadline)
        if isinstance(message, bytes):
            return message
        self._ended = True
        if isinstance(message, End):
            self.error = message.error
        elif message is _TIMEOUT:
            self.error = too_long(self._pool.timeout)
        else:
            self.error = "the query worker died (out of memory?); try a smaller query"
        return None

    def close(self) -> None:
        """Give the worker back after a whole stream; otherwise kill it (mid-stream)."""
        if not self._closed:
            self._closed = True
            reusable = self._ended and self.error is None
            self._pool.finish(self._worker, reusable=reusable)


class QueryPool:
    """A fixed number of worker processes answering queries, one query each at a time.

    Runs in the server's event loop (:meth:`start` and :meth:`close` excepted).

    Args:
        store: the store folder.
        size: how many queries run at once.
        timeout: seconds a query may run (sending its result included), and a
            request may wait for a worker.
        max_bytes: the largest serialised result.
    """

    def __init__(self, store: Path, *, size: int, timeout: float, max_bytes: int) -> None:
        self.store = store
        self.size = size
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._snapshots = Snapshots(store)
        self._current: Snapshot | None = None
        self._retired: list[Snapshot] = []
        self._switching = asyncio.Lock()
        self._retry_at = 0.0
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._workers: set[_Worker] = set()
        self._tasks: set[asyncio.Task[None]] = set()
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

    @property
    def served(self) -> Snapshot:
        """The snapshot new queries are answered from."""
        if self._current is None:
            raise StoreError("the query pool has not started")
        return self._current

    def start(self) -> None:
        """Take the first snapshot, start every worker and wait until each has opened it."""
        self._current = self._snapshots.take()
        workers = [self._spawn() for _ in range(self.size)]
        try:
            for worker in workers:
                worker.wait_ready()
        except StoreError:
            self.close()
            raise
        for worker in workers:
            self._idle.put_nowait(worker)

    async def run(self, job: Job, disconnected: _Check) -> Answer | Streamed:
        """Answer a job on the next free worker, from the newest completed generation.

        ``disconnected`` says whether the client has hung up: the wait then ends
        and the worker (if the query was running) is killed and replaced.
        """
        await self._follow_generation()
        deadline = anyio.current_time() + self.timeout
        worker = await self._acquire(deadline, disconnected)
        if not isinstance(worker, _Worker):
            return worker
        if not worker.send(self.served, job):  # no await since reading `served`
            self.finish(worker, reusable=False)
            return Answer.error(500, "the query worker died; try again")
        deadline = anyio.current_time() + self.timeout
        first = await worker.receive(deadline, disconnected)
        if isinstance(first, Answer) and first.more:
            return Streamed(first, self, worker, deadline)
        self.finish(worker, reusable=isinstance(first, Answer))
        if first is _TIMEOUT:
            return Answer.error(503, too_long(self.timeout))
        if first is _GONE:
            return Answer.error(CLIENT_GONE, "the client hung up; its query was stopped")
        if isinstance(first, Answer):
            return first
        return Answer.error(500, "the query worker died (out of memory?); try a smaller query")

    def finish(self, worker: _Worker, *, reusable: bool) -> None:
        """Take a worker back after a job; one that may still be busy is killed and replaced."""
        if reusable and not self._closed:
            self._idle.put_nowait(worker)
        else:
            worker.kill()
            with self._lock:
                self._workers.discard(worker)
            self._background(self._replace(worker))
        self._retire_unused()

    def close(self) -> None:
        """Stop every worker (running queries are killed) and remove the snapshots."""
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.stop()
        for worker in workers:
            worker.reap()
        self._snapshots.close()

    async def _follow_generation(self) -> None:
        """Switch to a snapshot of the newest generation if a writer has marked one."""
        if not self._snapshots.changed(self.served) or anyio.current_time() < self._retry_at:
            return
        async with self._switching:
            if not self._snapshots.changed(self.served):
                return  # another request switched while this one waited
            try:
                new = await anyio.to_thread.run_sync(self._snapshots.take)
            except StoreError as exc:
                self._retry_at = anyio.current_time() + 1.0
                logger.warning(
                    "%s; still serving generation %d", exc, self.served.generation.number
                )
                return
            self._retired.append(self.served)
            self._current = new
            logger.info("serving generation %d of %s", new.generation.number, self.store)
            await self._reopen_idle()
        self._retire_unused()

    async def _reopen_idle(self) -> None:
        """Have the idle workers open the new snapshot now, so the old one can go."""
        for _ in range(self._idle.qsize()):
            worker = self._idle.get_nowait()
            if not worker.send(self.served, None):
                self.finish(worker, reusable=False)
                continue
            reply = await worker.receive(anyio.current_time() + _START_SECONDS)
            self.finish(worker, reusable=reply is None)

    async def _acquire(self, deadline: float, disconnected: _Check) -> _Worker | Answer:
        """The next idle worker, or the answer to give when none comes in time."""
        while True:
            with anyio.move_on_after(min(_POLL_SECONDS, max(deadline - anyio.current_time(), 0))):
                worker = await self._idle.get()
                if worker.process.is_alive():
                    return worker
                self.finish(worker, reusable=False)
                continue
            if await disconnected():
                return Answer.error(CLIENT_GONE, "the client hung up while waiting")
            if anyio.current_time() >= deadline:
                return Answer.error(
                    503,
                    f"all {self.size} query workers stayed busy for {self.timeout:g} s; try again",
                )

    def _retire_unused(self) -> None:
        """Remove the old snapshots that no worker has open any more."""
        with self._lock:
            in_use = {worker.snapshot.path for worker in self._workers}
        for old in [s for s in self._retired if s.path not in in_use]:
            self._retired.remove(old)
            self._snapshots.retire(old)

    def _spawn(self) -> _Worker:
        worker = _Worker(self._context, self.served, self.max_bytes)
        with self._lock:
            closed = self._closed
            if not closed:
                self._workers.add(worker)
        if closed:  # the pool closed while the worker started
            worker.kill()
            worker.reap()
            raise StoreError("the query pool is closed")
        return worker

    async def _replace(self, worker: _Worker) -> None:
        """Reap a killed worker and start another."""
        await anyio.to_thread.run_sync(worker.reap)
        try:
            new = self._spawn()
            await anyio.to_thread.run_sync(new.wait_ready)
        except StoreError as exc:
            with self._lock:
                self._workers = {w for w in self._workers if w.process.is_alive()}
            if not self._closed:
                logger.error("%s; the endpoint runs with one worker fewer", exc)
            return
        if self._closed:
            new.stop()
            await anyio.to_thread.run_sync(new.reap)
        else:
            self._idle.put_nowait(new)

    def _background(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
