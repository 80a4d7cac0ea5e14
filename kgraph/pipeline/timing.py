"""Cheap wall-clock timers for the stages of a build (``kgraph build --profile``).

``time.perf_counter`` around each stage call, added up per stage name: a few
microseconds an article, so the timers are always on and the build report
carries them. Not a profiler: it says which stage the time goes to, not which
function inside it.

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
    """Wall seconds spent in each named stage, summed over its calls."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the ``with`` block as (a part of) stage ``name``."""
        began = time.perf_counter()
        try:
            yield
        finally:
            self.add({name: time.perf_counter() - began})

    def timed(self, name: str, items: Iterable[T]) -> Iterator[T]:
        """``items``, the time spent producing each one counted as stage ``name``."""
        iterator = iter(items)
        while True:
            began = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                self.add({name: time.perf_counter() - began})
                return
            self.add({name: time.perf_counter() - began})
            yield item

    def add(self, seconds: Mapping[str, float]) -> None:
        """Add other timings (a worker's, say) to these."""
        for name, value in seconds.items():
            self.seconds[name] = self.seconds.get(name, 0.0) + value

    def take(self) -> dict[str, float]:
        """The timings so far, and start again from zero."""
        taken, self.seconds = self.seconds, {}
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

    The build process's stages run one after the other: their shares are of the
    build's wall time, and ``other`` is the rest of it (untimed: closing the store,
    the build's bookkeeping). The writer thread runs at the same time as them, its
    share is of the wall time too but it is not part of the total. With worker
    processes, their stages are summed over the workers and their shares are of
    that sum.
    """
    wall = report.seconds
    rows = [_row(name, seconds, _BUILD, wall) for name, seconds in _sorted(report.stages)]
    rows.append(_row("other", max(0.0, wall - sum(report.stages.values())), _BUILD, wall))
    rows += [_row(n, s, _WRITER, wall) for n, s in _sorted(report.writer_stages)]
    if report.worker_stages:
        where, total = f"{report.workers} workers, summed", sum(report.worker_stages.values())
        rows += [_row(n, s, where, total) for n, s in _sorted(report.worker_stages)]
    return {"wall_seconds": wall, "workers": report.workers, "stages": rows}


def format_profile(data: Mapping[str, Any]) -> str:
    """The output of :func:`profile` as a plain-text table."""
    lines = [f"{'stage':<18} {'seconds':>9} {'share':>7}  where"]
    for row in data["stages"]:
        share = f"{100 * row['share']:.1f}%"
        lines.append(f"{row['stage']:<18} {row['seconds']:>9.3f} {share:>7}  {row['where']}")
    lines.append(f"{'wall':<18} {data['wall_seconds']:>9.3f} {'100.0%':>7}  {_BUILD}")
    return "\n".join(lines)


def _sorted(seconds: Mapping[str, float]) -> list[tuple[str, float]]:
    rank = {name: i for i, name in enumerate(_ORDER)}
    return sorted(seconds.items(), key=lambda item: rank.get(item[0], len(_ORDER)))


def _row(stage: str, seconds: float, where: str, total: float) -> dict[str, Any]:
    share = seconds / total if total > 0 else 0.0
    return {"stage": stage, "seconds": round(seconds, 6), "share": round(share, 4), "where": where}
