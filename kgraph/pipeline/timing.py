"""Cheap timers for the stages of a build (``kgraph build --profile``).

``time.perf_counter`` (wall) and ``time.thread_time`` (the CPU time of the
calling thread) around each stage call, added up per stage name: a few
microseconds an article, so the timers are always on and the build report
carries them. Not a profiler: it says which stage the time goes to, not which
function inside it. On a shared machine the CPU seconds are the steadier
measure: a stage's wall time also counts the time it waited for a core.

    >>> t = Timings()
    >>> with t.stage("parse"):
    ...     pass
    >>> list(t.seconds), t.seconds["parse"] >= 0
    (['parse'], True)
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

__all__ = ["Timings", "format_profile", "profile"]

T = TypeVar("T")


class Timings:
    """Wall seconds (and CPU seconds of the timing thread) spent in each named stage."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the ``with`` block as (a part of) stage ``name``."""
        began, cpu = time.perf_counter(), time.thread_time()
        try:
            yield
        finally:
            self._count(name, began, cpu)

    def timed(self, name: str, items: Iterable[T]) -> Iterator[T]:
        """``items``, the time spent producing each one counted as stage ``name``."""
        iterator = iter(items)
        while True:
            began, cpu = time.perf_counter(), time.thread_time()
            try:
                item = next(iterator)
            except StopIteration:
                self._count(name, began, cpu)
                return
            self._count(name, began, cpu)
            yield item

    def _count(self, name: str, began: float, cpu: float) -> None:
        self.add({name: time.perf_counter() - began}, {name: time.thread_time() - cpu})

    def add(self, seconds: Mapping[str, float], cpu: Mapping[str, float] | None = None) -> None:
        """Add other timings (a worker's, say) to these: wall seconds, and CPU seconds if known."""
        for name, value in seconds.items():
            self.seconds[name] = self.seconds.get(name, 0.0) + value
        for name, value in (cpu or {}).items():
            self.cpu[name] = self.cpu.get(name, 0.0) + value

    def merge(self, other: Timings) -> None:
        """Add ``other``'s wall and CPU seconds to these."""
        self.add(other.seconds, other.cpu)

    def take(self) -> dict[str, float]:
        """The wall seconds so far, and start again from zero."""
        return self.take_all().seconds

    def take_all(self) -> Timings:
        """The timings so far (wall and CPU), and start again from zero."""
        taken = Timings()
        taken.seconds, taken.cpu = self.seconds, self.cpu
        self.seconds, self.cpu = {}, {}
        return taken


#: The stages in the order a build runs them; any other name comes after.
_ORDER = (
    "ingest",
    "setup",
    "model load",
    "link setup",
    "start workers",
    "parse",
    "extract",
    "link",
    "wait for workers",
    "write wait",
    "write",
    "analysis",
)
_BUILD, _WRITER = "build process", "writer thread (concurrent, not in the total)"


def profile(report: Any) -> dict[str, Any]:
    """A build report's stage times as JSON-ready data: wall seconds and share of each stage.

    Each row also has ``cpu_seconds``, the CPU time of the thread that ran the
    stage (``None`` when the report does not have it). The build's own CPU time
    (``cpu_seconds`` of the whole, every thread) is given beside ``wall_seconds``.

    The build process's stages run one after the other: their shares are of the
    build's wall time, and ``other`` is the rest of it (untimed: closing the store,
    the build's bookkeeping). The writer thread runs at the same time as them, its
    share is of the wall time too but it is not part of the total. With worker
    processes, their stages are summed over the workers and their shares are of
    that sum.
    """
    wall = report.seconds
    cpu = getattr(report, "stage_cpu", {})
    rows = [_row(n, s, _BUILD, wall, cpu.get(n)) for n, s in _sorted(report.stages)]
    rows.append(_row("other", max(0.0, wall - sum(report.stages.values())), _BUILD, wall))
    writer_cpu = getattr(report, "writer_cpu", {})
    rows += [_row(n, s, _WRITER, wall, writer_cpu.get(n)) for n, s in _sorted(report.writer_stages)]
    if report.worker_stages:
        where, total = f"{report.workers} workers, summed", sum(report.worker_stages.values())
        worker_cpu = getattr(report, "worker_cpu", {})
        rows += [
            _row(n, s, where, total, worker_cpu.get(n)) for n, s in _sorted(report.worker_stages)
        ]
    data = {"wall_seconds": wall, "workers": report.workers, "stages": rows}
    if getattr(report, "cpu_seconds", None) is not None:
        data["cpu_seconds"] = round(report.cpu_seconds, 6)
    return data


def format_profile(data: Mapping[str, Any]) -> str:
    """The output of :func:`profile` as a plain-text table."""
    lines = [f"{'stage':<18} {'seconds':>9} {'share':>7} {'cpu s':>9}  where"]
    for row in data["stages"]:
        share = f"{100 * row['share']:.1f}%"
        cpu = _cpu(row.get("cpu_seconds"))
        lines.append(f"{row['stage']:<18} {row['seconds']:>9.3f} {share:>7} {cpu}  {row['where']}")
    total = _cpu(data.get("cpu_seconds"))
    lines.append(f"{'wall':<18} {data['wall_seconds']:>9.3f} {'100.0%':>7} {total}  {_BUILD}")
    return "\n".join(lines)


def _cpu(seconds: float | None) -> str:
    return f"{'':>9}" if seconds is None else f"{seconds:>9.3f}"


def _sorted(seconds: Mapping[str, float]) -> list[tuple[str, float]]:
    rank = {name: i for i, name in enumerate(_ORDER)}
    return sorted(seconds.items(), key=lambda item: rank.get(item[0], len(_ORDER)))


def _row(
    stage: str, seconds: float, where: str, total: float, cpu: float | None = None
) -> dict[str, Any]:
    share = seconds / total if total > 0 else 0.0
    row = {"stage": stage, "seconds": round(seconds, 6), "share": round(share, 4), "where": where}
    row["cpu_seconds"] = None if cpu is None else round(cpu, 6)
    return row
