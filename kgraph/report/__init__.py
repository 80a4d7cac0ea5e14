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
from kgraph.report.tables import EntityRow, ReportTables, read_tables

__all__ = ["ReportStats", "ReportTables", "read_tables", "report_html", "write_report"]


@dataclass(frozen=True)
class ReportStats:
    """What a written report shows, and how long it took."""

    path: Path
    articles: int
    facts: int
    conflicts: int
    held_back: int
    views: int  # focus pages of the graph view written beside it
    bytes: int
    seconds: float


def report_html(store: KGStore, *, title: str | None = None, folder: Path | None = None) -> str:
    """The report page of ``store``; a focus view or timeline page in ``folder`` is linked.

    Raises:
        StoreError: the store holds no article.
    """
    return _page(store, _tables(store), title, folder)


def write_report(
    store: KGStore, output: Path, *, title: str | None = None, views: int = 0
) -> ReportStats:
    """Write the report page of ``store`` to ``output`` (whole, or not at all).

    With ``views``, the graph view's focus page of each of the first ``views`` top
    entities is written beside it first (``view-ENTITY.html``, one hop), and linked.

    Raises:
        StoreError: the store holds no article.
        OutputError: ``output`` cannot be written.
    """
    started = time.perf_counter()
    check_output(output)
    tables = _tables(store)
    for entity in tables.entities[:views]:
        _write_view(store, entity, output.parent)
    content = _page(store, tables, title, output.parent).encode("utf-8")
    with atomic_output(output) as handle:
        handle.write(content)
    return ReportStats(
        path=output,
        articles=len(tables.articles),
        facts=tables.facts,
        conflicts=len(tables.conflicts),
        held_back=len(tables.held_back_confidences),
        views=min(views, len(tables.entities)),
        bytes=len(content),
        seconds=time.perf_counter() - started,
    )


def _tables(store: KGStore) -> ReportTables:
    tables = read_tables(store)
    if not tables.articles:
        raise StoreError(
            f"store {store.path} holds no article: build it first "
            f"(kgraph build ARTICLES --out {store.path})"
        )
    return tables


def _write_view(store: KGStore, entity: EntityRow, folder: Path) -> None:
    """The focus page of the graph view (``kgraph view --focus``) the report links to."""
    from kgraph.report.page import slug
    from kgraph.view import ViewOptions, render_view

    options = ViewOptions(focus=entity.iri, hops=1, title=f"{entity.label}: {store.path.name}")
    render_view(store, folder / f"view-{slug(entity.label)}.html", options)


def _page(store: KGStore, tables: ReportTables, title: str | None, folder: Path | None) -> str:
    from kgraph.report.page import page_html

    name = title or f"Report: {store.path.name}"
    # the page's commands are to be run in its folder: the store as seen from there
    seen_from = os.path.relpath(store.path, folder) if folder is not None else str(store.path)
    return page_html(tables, title=name, store=seen_from, folder=folder)
