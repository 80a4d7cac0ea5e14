"""One self-contained HTML page of a view graph: vis-network, the page's script and the data.

Nothing is fetched when the page opens: vis-network's script and stylesheet
(shipped inside the pyvis package) are inlined, and a Content-Security-Policy
allows only the page's own inline scripts and styles (by hash) and data: images,
so neither a network request nor an injected script can run. The graph travels
as JSON in a ``<script type="application/json">`` element with ``<``, ``>`` and
``&`` escaped, and the page's script puts text into the document only through
``textContent``, never as HTML.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import importlib.util
import json
import sys
from collections import Counter
from collections.abc import Hashable
from enum import Enum
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import urlsplit

import networkx as nx

from kgraph.errors import ConfigError
from kgraph.export.files import atomic_output
from kgraph.view.conflicts import page_conflicts
from kgraph.view.memory import without_gc
from kgraph.view.overview import communities, core, ranking
from kgraph.view.subgraph import ArticleInfo, Fact, links

__all__ = [
    "CLASS_COLOURS",
    "OTHER_COLOUR",
    "WEBGL_LIMIT",
    "Renderer",
    "class_colour",
    "page_data",
    "page_html",
    "write_html",
]

#: Node colours by ontology class local name (Tableau 20, the busiest classes first).
CLASS_COLOURS = {
    "Country": "#4e79a7",
    "Region": "#76b7b2",
    "City": "#59a14f",
    "Route": "#9c755f",
    "Facility": "#8cd17d",
    "Place": "#b6992d",
    "Person": "#e15759",
    "Organization": "#f28e2b",
    "GovernmentBody": "#edc948",
    "MilitaryForce": "#b07aa1",
    "Group": "#ff9da7",
    "Event": "#d37295",
    "Work": "#a0cbe8",
    "Product": "#86bcb6",
    "Award": "#f1ce63",
    "Concept": "#c9c9c9",
}
OTHER_COLOUR = "#888888"
#: Views with more entities than this are drawn with WebGL (sigma.js) unless told otherwise.
WEBGL_LIMIT = 10_000


class Renderer(str, Enum):
    """What draws the graph in the page: vis-network (canvas) or sigma.js (WebGL)."""

    AUTO = "auto"  # vis up to WEBGL_LIMIT entities, WebGL above
    VIS = "vis"
    WEBGL = "webgl"

    def choose(self, nodes: int) -> Renderer:
        """The renderer for a view of ``nodes`` entities."""
        if self is Renderer.AUTO:
            return Renderer.WEBGL if nodes > WEBGL_LIMIT else Renderer.VIS
        return self


# The WebGL renderer's libraries, vendored from npm (sigma 3.0.2 and graphology 0.25.4, both MIT;
# `npm pack sigma@3.0.2 graphology@0.25.4`, their dist/*.min.js), inlined with their licences.
_WEBGL_LIBRARIES = (
    ("graphology-0.25.4.umd.min.js", "LICENSE-graphology.txt"),
    ("sigma-3.0.2.min.js", "LICENSE-sigma.txt"),
)
_VIS = "vis-9.1.2"  # the vis-network build pyvis ships (dual Apache-2.0/MIT)
_OWN = ("kgraph.view", "assets")
_DATE_PADDING = {4: ("-01-01", "-12-31"), 7: ("-01", "-31"), 10: ("", "")}


def class_colour(cls: str | None) -> str:
    """The colour of an ontology class IRI (grey for an unknown class)."""
    if not cls:
        return OTHER_COLOUR
    return CLASS_COLOURS.get(cls.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1], OTHER_COLOUR)


def write_html(
    graph: nx.MultiDiGraph,
    positions: dict[Hashable, tuple[float, float]],
    output: Path,
    *,
    title: str,
    physics: bool,
    notice: str | None = None,
    first: set[Hashable] | None = None,
    renderer: Renderer = Renderer.AUTO,
) -> int:
    """Write the page of ``graph`` to ``output``; returns its size in bytes.

    ``notice`` is shown in the evidence panel when the page opens (an empty view says why).

    Raises:
        OutputError: ``output`` cannot be written (nothing is left behind).
    """
    page = page_html(
        graph,
        positions,
        title=title,
        physics=physics,
        notice=notice,
        first=first,
        renderer=renderer,
    ).encode()
    with atomic_output(output) as handle:
        handle.write(page)
    return len(page)


@without_gc
def page_html(
    graph: nx.MultiDiGraph,
    positions: dict[Hashable, tuple[float, float]],
    *,
    title: str,
    physics: bool,
    notice: str | None = None,
    first: set[Hashable] | None = None,
    renderer: Renderer = Renderer.AUTO,
) -> str:
    """The page of ``graph``: one HTML document with everything inlined.

    ``first`` are the entities the page opens on (default: :func:`kgraph.view.overview.core`);
    ``renderer`` what draws them (default: vis-network, or WebGL above :data:`WEBGL_LIMIT`).
    """
    data = page_data(graph, positions, title=title, physics=physics, first=first)
    data["renderer"] = renderer.choose(graph.number_of_nodes()).value
    if data["renderer"] == Renderer.WEBGL.value:
        data["physics"] = False  # sigma draws the Python layout as it is
    return _fill(title, data, notice)


def page_data(
    graph: nx.MultiDiGraph,
    positions: dict[Hashable, tuple[float, float]],
    *,
    title: str,
    physics: bool,
    first: set[Hashable] | None = None,
) -> dict[str, Any]:
    """The JSON the page's script reads (keys are documented at the top of view.js)."""
    first = core(graph) if first is None else first
    rank = {node: i for i, node in enumerate(ranking(graph))}
    group = communities(graph)
    nodes = list(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    articles = sorted(graph.graph["articles"].values(), key=lambda a: (a.issued or "", a.iri))
    relations = sorted(graph.graph["relations"].items(), key=lambda item: item[1])
    classes = _classes(graph)
    tables = {
        "articles": {a.iri: i for i, a in enumerate(articles)},
        "relations": {iri: i for i, (iri, _) in enumerate(relations)},
        "classes": {iri: i for i, (iri, _) in enumerate(classes)},
        "nodes": index,
    }
    facts: list[dict[str, Any]] = []
    on_page: dict[str, int] = {}  # fact IRI -> index in facts, for the conflicts
    edges = []
    for (u, v), grouped in links(graph).items():
        edges.append(
            {
                "from": index[u],
                "to": index[v],
                "facts": [*range(len(facts), len(facts) + len(grouped))],
            }
        )
        facts.extend(_fact(fact, tables) for fact in grouped)
        on_page.update((fact.iri, len(facts) - len(grouped) + i) for i, fact in enumerate(grouped))
    page_nodes = []
    degrees = dict(graph.degree())
    for node, attrs in graph.nodes(data=True):
        values = [len(facts) + i for i in range(len(attrs["values"]))]
        facts.extend(_fact(fact, tables) for fact in attrs["values"])
        on_page.update((fact.iri, values[i]) for i, fact in enumerate(attrs["values"]))
        page_nodes.append(
            {
                **_node(node, attrs, values, degrees[node], positions, tables),
                "rank": rank[node],
                "core": node in first,
                "g": group[node],
            }
        )
    return {
        "title": title,
        "physics": physics,
        "overview": len(first) < len(nodes),
        "communities": _communities(graph, group, rank),
        "focus": index.get(graph.graph.get("focus")),
        "hops": graph.graph.get("hops", 2),
        "store": graph.graph.get("store"),
        "classes": [{"label": label, "color": class_colour(iri)} for iri, label in classes],
        "relations": [label for _, label in relations],
        "articles": [_article(article) for article in articles],
        "nodes": page_nodes,
        "edges": edges,
        "facts": facts,
        "conflicts": page_conflicts(graph.graph.get("conflicts", ()), on_page),
    }


def _communities(
    graph: nx.MultiDiGraph, group: dict[Hashable, int], rank: dict[Hashable, int]
) -> list[dict[str, Any]]:
    """Each community's size and label: its most important entity's, and how many more."""
    members: dict[int, list[Hashable]] = {}
    for node, g in group.items():
        members.setdefault(g, []).append(node)
    found = []
    for g in range(max(members, default=-1) + 1):
        nodes = sorted(members.get(g, []), key=rank.__getitem__)
        label = str(graph.nodes[nodes[0]]["label"]) if nodes else ""
        found.append({"label": f"{label} +{len(nodes) - 1}", "size": len(nodes)})
    return found


def _classes(graph: nx.MultiDiGraph) -> list[tuple[str, str]]:
    """The classes in the view, the most common first; ``""`` stands for entities without one."""
    counts = Counter(attrs["cls"] or "" for _, attrs in graph.nodes(data=True))
    labels = {**graph.graph["classes"], "": "other"}
    return [(iri, labels.get(iri, iri)) for iri, _ in counts.most_common()]


def _node(
    node: Hashable,
    attrs: dict[str, Any],
    values: list[int],
    degree: int,
    positions: dict[Hashable, tuple[float, float]],
    tables: dict[str, dict[Any, int]],
) -> dict[str, Any]:
    x, y = positions[node]
    return {
        "label": attrs["label"],
        "iri": str(node),
        "cls": tables["classes"][attrs["cls"] or ""],
        "facts": degree + len(values),
        "values": values,
        "x": round(x, 1),
        "y": round(y, 1),
    }


def _fact(fact: Fact, tables: dict[str, dict[Any, int]]) -> dict[str, Any]:
    """A fact with short keys: s, o (node), v (literal), p, a, t (sentence), m, c, x, n, k, by."""
    found: dict[str, Any] = {
        "s": tables["nodes"][fact.subject],
        "p": tables["relations"][fact.predicate],
        "a": tables["articles"].get(fact.article),
        "t": fact.sentence,
        "m": [list(mark) for mark in fact.marks],
        "c": fact.confidence,
        "x": fact.extractor,
    }
    found["v" if fact.literal else "o"] = fact.obj if fact.literal else tables["nodes"][fact.obj]
    optional = {"n": fact.negated, "k": fact.contested, "by": fact.attributed_to}
    found.update({key: value for key, value in optional.items() if value})
    return found


def _article(article: ArticleInfo) -> dict[str, Any]:
    url = article.url if article.url and urlsplit(article.url).scheme in {"http", "https"} else None
    low, high = _date_range(article.issued)
    source = article.publisher or (urlsplit(url).hostname if url else None)
    return {
        "id": article.identifier,
        "title": article.title or f"article {article.identifier}",
        "url": url,
        "date": article.issued,
        "d0": low,
        "d1": high,
        "source": source,
    }


def _date_range(issued: str | None) -> tuple[str | None, str | None]:
    """The first and last day a possibly partial ISO date covers (``"2023"``: the whole year)."""
    if not issued:
        return None, None
    day = issued[:10]
    low, high = _DATE_PADDING.get(len(day), ("", ""))
    return day + low, day + high


# ---------------------------------------------------------------- the page


def _libraries(renderer: str) -> list[str]:
    """The scripts a renderer needs before the page's own (view.js)."""
    if renderer != Renderer.WEBGL.value:
        return [_asset("pyvis", "lib", _VIS, "vis-network.min.js")]
    found = [
        f"/*! {licence_name}\n{_asset(*_OWN, licence_name)}*/\n{_asset(*_OWN, name)}"
        for name, licence_name in _WEBGL_LIBRARIES
    ]
    return [*found, _asset(*_OWN, "view-sigma.js")]


def _fill(title: str, data: dict[str, Any], notice: str | None = None) -> str:
    renderer = data.get("renderer", Renderer.VIS.value)
    css = _asset(*_OWN, "view.css")
    if renderer == Renderer.VIS.value:
        css = _asset("pyvis", "lib", _VIS, "vis-network.css") + css
    scripts = [*_libraries(renderer), _asset(*_OWN, "view.js")]
    if any("</script" in text.lower() for text in (css, *scripts)):
        raise ConfigError("an asset of the view contains '</script' and cannot be inlined")
    csp = (
        "default-src 'none'; img-src data:; "
        f"style-src {_hash(css)}; script-src {' '.join(_hash(s) for s in scripts)}"
    )
    template = Template(_asset(*_OWN, "view.html"))
    return template.substitute(
        csp=csp,
        title=html.escape(title),
        notice=f'<p id="notice" role="status">{html.escape(notice)}</p>' if notice else "",
        css=css,
        data=_json_for_html(data),
        scripts="\n".join(f"<script>{script}</script>" for script in scripts),
    )


def _json_for_html(data: dict[str, Any]) -> str:
    """JSON that cannot end its ``<script>`` element or open an HTML comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _asset(package: str, *path: str) -> str:
    """A file shipped with kgraph's view, or with pyvis (vis-network and its stylesheet).

    The package is found, not imported: importing pyvis (jinja2, its templates) takes longer
    than writing the page.
    """
    try:
        return _package_folder(package).joinpath(*path).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise ConfigError(
            f"the view asset {'/'.join(path)} is missing from {package} ({exc}); "
            "reinstall kgraph with its dependencies: pip install -e ."
        ) from exc


@functools.cache
def _package_folder(package: str) -> Traversable:
    """Where a package's files are, without importing it (``resources.files`` imports it)."""
    if package in sys.modules:
        return resources.files(package)
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"no package {package!r} is installed")
    return Path(next(iter(spec.submodule_search_locations)))
