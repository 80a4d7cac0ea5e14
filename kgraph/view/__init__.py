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

from dataclasses import dataclass
from pathlib import Path

from kgraph.graph import KGStore
from kgraph.view.html import write_html
from kgraph.view.image import write_png, write_svg
from kgraph.view.layout import layout
from kgraph.view.subgraph import Selection, select

__all__ = ["PHYSICS_LIMIT", "ViewOptions", "ViewStats", "render_view"]

#: Views with more nodes than this are laid out in Python with physics off in the browser.
PHYSICS_LIMIT = 500


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
    """

    focus: str | None = None
    hops: int = 2
    query: str | None = None
    article: str | None = None
    title: str | None = None
    physics_limit: int = PHYSICS_LIMIT
    png: Path | None = None
    svg: Path | None = None


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


def render_view(
    store: KGStore, output: str | Path, options: ViewOptions | None = None
) -> ViewStats:
    """Write an interactive HTML view of ``store`` (or part of it) to ``output``.

    Raises:
        ConfigError: the focus entity or article is not in the store, or PNG
            output is asked for and no Chromium is installed.
        QueryError: ``options.query`` is not a CONSTRUCT/DESCRIBE query or fails.
    """
    options = options or ViewOptions()
    output = Path(output)
    selection = Selection(options.article, options.query, options.focus, options.hops)
    graph = select(store, selection)
    positions = layout(graph)
    physics = graph.number_of_nodes() <= options.physics_limit
    title = options.title or f"kgraph: {store.path.resolve().name}"
    size = write_html(graph, positions, output, title=title, physics=physics)
    files = [output]
    if options.svg:
        files.append(write_svg(graph, positions, options.svg, title=title))
    if options.png:
        files.append(write_png(graph, positions, options.png, title=title))
    values = sum(len(data["values"]) for _, data in graph.nodes(data=True))
    return ViewStats(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        links=len({(u, v) for u, v, _ in graph.edges(keys=True)}),
        facts=graph.number_of_edges() + values,
        articles=len(graph.graph["articles"]),
        physics=physics,
        bytes=size,
        files=tuple(files),
    )
