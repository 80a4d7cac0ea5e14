"""``kgraph report``: one offline page of charts that shows what a store holds.

The store is read with a few SPARQL queries into small tables
(:mod:`kgraph.report.tables`), the tables are drawn as inline SVG charts with
matplotlib (:mod:`kgraph.report.charts`) and laid out in one HTML page with
no script and nothing to fetch (:mod:`kgraph.report.page`): articles per day
and per source, the most mentioned entities and their mentions over time, the
top relations, the facts' confidence, the conflicts with both sources, the
held-back facts, and the commands that open an entity's graph view and timeline.

>>> import tempfile
>>> from kgraph.graph import KGStore
>>> with tempfile.TemporaryDirectory() as tmp:
...     with KGStore.open(Path(tmp) / "kg", create=True) as kg:
...         write_report(kg, Path(tmp) / "report.html")
Traceback (most recent call last):
...
kgraph.errors.StoreError: store ... holds no article: build it first (kgraph build ARTICLES ...)
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from kgraph.errors import StoreError
from kgraph.export.files import atomic_output, check_output
from kgraph.graph.store import KGStore
from kgraph.report.tables import ReportTables, read_tables

__all__ = ["ReportStats", "ReportTables", "read_tables", "report_html", "write_report"]


@dataclass(frozen=True)
class ReportStats:
    """What a written report shows, and how long it took."""

    path: Path
    articles: int
    facts: int
    conflicts: int
    held_back: int
    bytes: int
    seconds: float


def report_html(store: KGStore, *, title: str | None = None, folder: Path | None = None) -> str:
    """The report page of ``store``; a focus view or timeline page in ``folder`` is linked.

    Raises:
        StoreError: the store holds no article.
    """
    return _page(store, title, folder)[1]


def write_report(store: KGStore, output: Path, *, title: str | None = None) -> ReportStats:
    """Write the report page of ``store`` to ``output`` (whole, or not at all).

    Raises:
        StoreError: the store holds no article.
        OutputError: ``output`` cannot be written.
    """
    started = time.perf_counter()
    check_output(output)
    tables, page = _page(store, title, output.parent)
    content = page.encode("utf-8")
    with atomic_output(output) as handle:
        handle.write(content)
    return ReportStats(
        path=output,
        articles=len(tables.articles),
        facts=tables.facts,
        conflicts=len(tables.conflicts),
        held_back=len(tables.held_back_confidences),
        bytes=len(content),
        seconds=time.perf_counter() - started,
    )


def _page(store: KGStore, title: str | None, folder: Path | None) -> tuple[ReportTables, str]:
    from kgraph.report.page import page_html

    tables = read_tables(store)
    if not tables.articles:
        raise StoreError(
            f"store {store.path} holds no article: build it first "
            f"(kgraph build ARTICLES --out {store.path})"
        )
    name = title or f"Report: {store.path.name}"
    # the page's commands are to be run in its folder: the store as seen from there
    seen_from = os.path.relpath(store.path, folder) if folder is not None else str(store.path)
    return tables, page_html(tables, title=name, store=seen_from, folder=folder)
