"""The view stage: an interactive, self-contained HTML page of (part of) the graph.

Entities are nodes, coloured by ontology class and sized by how many facts they
take part in; facts between two entities are one edge labelled with the
relation, and every fact's evidence (sentence, article, date, confidence) is a
click away. The page needs no network: see :mod:`kgraph.view.html`.

    store --SPARQL--> networkx graph --layout--> HTML page (+ SVG / PNG)
          subgraph.py               layout.py    html.py     image.py

Example::

    with KGStore.open("kg/", read_only=True) as store:
        stats = render_view(store, "graph.html", ViewOptions(focus="Azerbaijan", hops=1))
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kgraph.export.files import check_output, write_files
from kgraph.graph import KGStore, rows
from kgraph.view.conflicts import view_conflicts
from kgraph.view.html import Renderer, page_html
from kgraph.view.image import png_bytes, svg_text
from kgraph.view.layout import layout
from kgraph.view.overview import core
from kgraph.view.subgraph import Selection, select

__all__ = ["PHYSICS_LIMIT", "Renderer", "ViewOptions", "ViewStats", "empty_notice", "render_view"]

#: Views with more nodes than this are laid out in Python with physics off in the browser.
PHYSICS_LIMIT = 500
_COUNT_ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }"


@dataclass(frozen=True)
class ViewOptions:
    """What to show and how.

    Attributes:
        focus: show only this entity (label, key or IRI) and its neighbourhood.
        hops: how many facts away from ``focus`` to go.
        query: a CONSTRUCT (or DESCRIBE) query: show the facts whose triples,
            or whose provenance nodes, it returns.
        article: show only the facts of this article (identifier or IRI).
        title: the page's title (default: the store's folder name).
        physics_limit: above this many nodes, no physics in the browser.
        png: also write a PNG image of the view here (needs Chromium).
        svg: also write an SVG image of the view here.
        renderer: what draws the graph: vis-network, or WebGL (sigma.js) for large
            graphs; by default WebGL above :data:`~kgraph.view.html.WEBGL_LIMIT` entities.
    """

    focus: str | None = None
    hops: int = 2
    query: str | None = None
    article: str | None = None
    title: str | None = None
    physics_limit: int = PHYSICS_LIMIT
    png: Path | None = None
    svg: Path | None = None
    renderer: Renderer = Renderer.AUTO


@dataclass(frozen=True)
class ViewStats:
    """What a view shows: counts, the files written and whether the browser runs physics."""

    nodes: int
    edges: int
    links: int  # edges after grouping parallel facts
    facts: int
    articles: int
    physics: bool
    bytes: int
    files: tuple[Path, ...]
    notice: str | None = None  # why the view is empty, when it is


def render_view(
    store: KGStore, output: str | Path, options: ViewOptions | None = None
) -> ViewStats:
    """Write an interactive HTML view of ``store`` (or part of it) to ``output``.

    A view with nothing to show (a store without facts, a selection that
    matches none) is still written: the page says why, as does ``notice``.

    Raises:
        ConfigError: the focus entity or article is not in the store, or PNG
            output is asked for and no Chromium is installed.
        QueryError: ``options.query`` is not a CONSTRUCT/DESCRIBE query or fails.
        OutputError: a file cannot be written; then none of them is.
    """
    options = options or ViewOptions()
    output = Path(output)
    for path, option in ((output, "-o"), (options.svg, "--svg"), (options.png, "--png")):
        if path is not None:
            check_output(path, option)
    selection = Selection(options.article, options.query, options.focus, options.hops)
    graph = select(store, selection)
    # the store as seen from the page's folder, for the commands the page gives (timelines)
    graph.graph["store"] = os.path.relpath(store.path, output.resolve().parent)
    graph.graph["conflicts"] = view_conflicts(store)  # listed with both sides per entity
    notice = None if graph.number_of_nodes() else empty_notice(store, selection)
    first = core(graph)
    positions = layout(graph, first=first)
    renderer = Renderer(options.renderer).choose(graph.number_of_nodes())
    physics = 0 < graph.number_of_nodes() <= options.physics_limit and renderer is Renderer.VIS
    title = options.title or f"kgraph: {store.path.resolve().name}"
    page = page_html(
        graph,
        positions,
        title=title,
        physics=physics,
        notice=notice,
        first=first,
        renderer=renderer,
    ).encode()
    files = [(output, "-o", page)]
    if options.svg:
        files.append((options.svg, "--svg", svg_text(graph, positions, title=title).encode()))
    if options.png:
        files.append((options.png, "--png", png_bytes(graph, positions, title=title)))
    write_files(files)  # all or none
    values = sum(len(data["values"]) for _, data in graph.nodes(data=True))
    return ViewStats(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        links=len({(u, v) for u, v, _ in graph.edges(keys=True)}),
        facts=graph.number_of_edges() + values,
        articles=len(graph.graph["articles"]),
        physics=physics,
        bytes=len(page),
        files=tuple(path for path, _, _ in files),
        notice=notice,
    )


def empty_notice(store: KGStore, selection: Selection) -> str:
    """Why a view of ``store`` has nothing to show, and what to do about it."""
    build = f"kgraph build DATA --out {store.path}"
    articles = int(next(rows(store.query(_COUNT_ARTICLES)))["n"].value)
    if not articles:
        return (
            f"The store {store.path} has no facts yet: it holds no articles. Build it with: {build}"
        )
    if not store.query("ASK { ?fact a rdf:Statement }"):
        return (
            f"The store {store.path} has no facts yet: kgraph found none in its {articles} "
            f"article{'s' if articles != 1 else ''} (English news text about events gives "
            f"facts). Add articles with: {build}"
        )
    return (
        "No facts match this view's selection "
        f"({_describe(selection)}); choose another, or view the whole store"
    )


def _describe(selection: Selection) -> str:
    parts = [
        f"--article {selection.article}" if selection.article else "",
        "--query" if selection.query else "",
        f"--focus {selection.focus} --hops {selection.hops}" if selection.focus else "",
    ]
    return ", ".join(p for p in parts if p) or "everything"
