"""The view's first screen: what it opens on, its labels, legend and communities (issue 18).

The browser tests read the labels' boxes from vis-network itself (``kgraphView.labels()``:
each drawn label's ``labelModule.size`` in screen pixels) and save their screenshots under
``$KGRAPH_TEST_ARTIFACTS`` (default: pytest's temporary folder, printed with ``-rP``).
"""

from __future__ import annotations

import os
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kgraph.graph import KGStore
from kgraph.view import ViewOptions, render_view
from kgraph.view.html import WEBGL_LIMIT, Renderer, page_data, write_html
from kgraph.view.layout import CORE_SPREAD, SPACING, layout
from kgraph.view.overview import CORE_MIN, communities, core, ranking
from kgraph.view.synthetic import synthetic_graph

from .view_page import Page

CONCEPT = "https://w3id.org/kgraph/ns#Concept"
PERSON = "https://w3id.org/kgraph/ns#Person"


def _graph(named: int, concepts: int) -> nx.MultiDiGraph:
    """A star of named entities around "n0" and Concepts hanging off "n1"; n<i> has i+1 facts."""
    graph = nx.MultiDiGraph(articles={}, relations={}, classes={})
    for i in range(named):
        graph.add_node(f"n{i}", label=f"N{i}", cls=PERSON, values=[])
    for i in range(concepts):
        graph.add_node(f"c{i}", label=f"c{i}", cls=CONCEPT, values=[])
        graph.add_edge("n1", f"c{i}")
    for i in range(1, named):
        graph.add_edge(f"n{i}", "n0")
    return graph


# ---------------------------------------------------------------- what the first screen shows


def test_view_overview_ranks_named_entities_before_concepts() -> None:
    graph = _graph(named=5, concepts=40)
    ranked = ranking(graph)
    assert ranked[:2] == ["n1", "n0"]  # n1: 41 facts, n0: 4
    assert all(node.startswith("c") for node in ranked[5:])


@pytest.mark.parametrize(
    ("named", "concepts", "limit", "expected"),
    [
        (30, 200, 150, 30),  # all the named entities, no Concept
        (300, 10, 150, 150),  # at most the limit
        (5, 200, 150, CORE_MIN),  # Concepts make up the smallest first screen
        (5, 20, 150, 25),  # a small view opens with everything
    ],
)
def test_view_overview_core_size(named: int, concepts: int, limit: int, expected: int) -> None:
    graph = _graph(named, concepts)
    chosen = core(graph, limit=limit)
    assert len(chosen) == expected
    assert chosen == set(ranking(graph)[:expected])


def test_view_overview_of_a_focused_view_is_everything() -> None:
    graph = _graph(named=5, concepts=200)
    graph.graph["focus"] = "n1"
    assert core(graph) == set(graph)


def test_view_communities_are_numbered_largest_first() -> None:
    graph = nx.MultiDiGraph()
    cliques = [nx.complete_graph(n) for n in (20, 20, 3)]
    for offset, clique in zip((0, 100, 200), cliques, strict=True):
        for a, b in clique.edges():
            graph.add_edge(a + offset, b + offset)
    graph.add_edge(0, 100)  # the two big cliques are one component: Louvain splits it
    graph.add_node(300)  # alone
    found = communities(graph)
    assert found[0] == found[19] != found[100] == found[119]
    assert {found[0], found[100]} == {0, 1} and found[200] == 2 and found[300] == 3


def test_view_communities_of_a_large_component(monkeypatch: pytest.MonkeyPatch) -> None:
    """Louvain splits the best linked entities; every other one joins a neighbour's community."""
    import kgraph.view.overview as overview

    monkeypatch.setattr(overview, "_LOUVAIN_LIMIT", 12)
    graph = nx.MultiDiGraph()
    for hub in (0, 100):
        for leaf in range(1, 13):
            graph.add_edge(hub + leaf, hub)  # a star: the hub and its leaves
        graph.add_edge(hub + 1, hub + 2)
    graph.add_edge(0, 100)
    graph.add_edge(1, 50)  # a leaf of a leaf
    found = communities(graph)
    assert found[50] == found[1] and found[112] == found[100] != found[0]
    assert {found[leaf] for leaf in range(3, 13)} == {found[0]}


def test_view_layout_spreads_the_core_and_places_everything() -> None:
    graph = synthetic_graph(600, seed=2)
    first = core(graph, limit=60)
    positions = layout(graph, first=first)
    assert set(positions) == set(graph)
    assert len({(round(x), round(y)) for x, y in positions.values()}) == len(positions)
    near = [
        ((positions[a][0] - positions[b][0]) ** 2 + (positions[a][1] - positions[b][1]) ** 2) ** 0.5
        for a, b in nx.Graph(graph.subgraph(first)).edges()
    ]
    assert sorted(near)[len(near) // 2] > SPACING * CORE_SPREAD / 2  # linked core nodes, apart


def test_view_page_data_marks_the_core_and_communities() -> None:
    graph = synthetic_graph(400, seed=4)
    data = page_data(graph, layout(graph), title="t", physics=False)
    assert data["overview"] and sum(node["core"] for node in data["nodes"]) == 150
    assert sorted(node["rank"] for node in data["nodes"]) == list(range(400))
    sizes = [group["size"] for group in data["communities"]]
    assert sum(sizes) == 400 and sizes[:-1] == sorted(sizes[:-1], reverse=True)


# ---------------------------------------------------------------- the first screen in Chromium


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("KGRAPH_TEST_ARTIFACTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def large_page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    graph = synthetic_graph(5000, seed=5000)
    first = core(graph)
    output = tmp_path_factory.mktemp("large") / "large.html"
    write_html(graph, layout(graph, first=first), output, title="5,000", physics=False, first=first)
    return output


def _overlapping(labels: list[dict[str, Any]]) -> list[tuple[str, str]]:
    def hit(a: list[float], b: list[float]) -> bool:
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    return [(a["label"], b["label"]) for a, b in combinations(labels, 2) if hit(a["box"], b["box"])]


def _check_first_screen(page: Page, screenshot: Path) -> None:
    """At least 20 legible labels, none overlapping or cut by the frame; the legend; evidence."""
    page.page.screenshot(path=str(screenshot))
    labels = page.js("kgraphView.labels()")
    assert len(labels) >= 20
    assert _overlapping(labels) == []
    assert min(label["px"] for label in labels) >= 11
    width, height = page.js(
        "[kgraphView.network.body.container.clientWidth, "
        "kgraphView.network.body.container.clientHeight]"
    )
    assert all(
        b[0] >= 0 and b[1] >= 0 and b[2] <= width and b[3] <= height
        for b in (label["box"] for label in labels)
    )
    counts = page.counts()
    assert counts["drawnNodes"] == sum(not label["edge"] for label in labels)  # each one named
    assert counts["drawnNodes"] < counts["totalNodes"]
    key = page.page.locator("#key")
    assert key.is_visible() and key.locator("li").count() >= 5
    for words in ("size", "thicker", "denied", "contested", "subject to object"):
        assert words in key.inner_text()
    top = page.js("kgraphView.data.nodes.find((n) => n.rank === 0).label")
    page.click_node(top)
    assert page.page.locator("#evidence h2").first.inner_text() == top
    assert page.page.locator("#evidence .fact").count() >= 1
    page.offline_and_clean()


@pytest.mark.model
def test_view_first_screen_of_the_sample(
    browser: Any, built_store: Path, screenshots: Path, tmp_path: Path
) -> None:
    output = tmp_path / "sample.html"
    with KGStore.open(built_store, read_only=True) as kg:
        render_view(kg, output, ViewOptions())
    page = Page(browser, output)
    _check_first_screen(page, screenshots / "first-screen-sample.png")
    page.close()


def test_view_first_screen_of_5000_entities(
    browser: Any, large_page_file: Path, screenshots: Path
) -> None:
    page = Page(browser, large_page_file)
    _check_first_screen(page, screenshots / "first-screen-5000.png")
    page.close()


def test_view_zoom_show_all_expand_and_communities(
    browser: Any, large_page_file: Path, screenshots: Path
) -> None:
    page = Page(browser, large_page_file)
    before = page.counts()
    opening = {label["label"] for label in page.js("kgraphView.labels()")}
    page.js("kgraphView.network.moveTo({scale: kgraphView.network.getScale() * 3})")
    page.js("new Promise((done) => kgraphView.placeLabels(done))")
    zoomed = page.js("kgraphView.labels()")
    assert len(zoomed) >= 10 and _overlapping(zoomed) == []
    assert {label["label"] for label in zoomed} - opening  # zoomed in, other entities are named
    hub = page.js("kgraphView.data.nodes.findIndex((n) => n.rank === 0)")
    assert page.js(f"kgraphView.expand({hub})") > 0  # its Concepts and other entities
    page.page.locator("#show-all").click()
    assert page.counts()["nodes"] == before["totalNodes"]
    page.page.select_option("#colour-by", "community")
    assert page.page.locator("#groups li").count() >= 5
    page.page.locator("#groups button").first.click()
    assert len(page.js("kgraphView.network.getSelectedNodes()")) >= 2
    page.page.locator("#help-toggle").click()
    assert page.page.locator("#help").is_visible()
    page.page.screenshot(path=str(screenshots / "show-all-communities-5000.png"))
    page.offline_and_clean()
    page.close()


# ---------------------------------------------------------------- the WebGL renderer


@pytest.fixture(scope="module")
def webgl_page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    graph = synthetic_graph(400, seed=7)
    output = tmp_path_factory.mktemp("webgl") / "webgl.html"
    write_html(graph, layout(graph), output, title="webgl", physics=True, renderer=Renderer.WEBGL)
    return output


def test_view_webgl_page_inlines_sigma_with_its_licences(webgl_page_file: Path) -> None:
    source = webgl_page_file.read_text(encoding="utf-8")
    assert source.count("<script>") == 4  # graphology, sigma, the WebGL stand-in, view.js
    assert source.count("Permission is hereby granted, free of charge") == 2
    assert "t.DataSet=" not in source and '"renderer":"webgl"' in source
    assert Renderer.AUTO.choose(WEBGL_LIMIT) is Renderer.VIS
    assert Renderer.AUTO.choose(WEBGL_LIMIT + 1) is Renderer.WEBGL


def test_view_webgl_page_filters_and_shows_evidence(
    browser: Any, webgl_page_file: Path, screenshots: Path
) -> None:
    page = Page(browser, webgl_page_file)
    assert page.js("kgraphView.renderer") == "webgl"
    assert len(page.js("kgraphView.labels()")) >= 10
    before = page.counts()
    page.page.locator("#legend input").first.uncheck()
    assert page.counts()["nodes"] < before["nodes"]
    page.page.locator("#legend input").first.check()
    top = page.js("kgraphView.data.nodes.findIndex((n) => n.rank === 0)")
    page.js(f"kgraphView.network.focus({top}, {{scale: 1}})")
    page.js("new Promise((done) => kgraphView.placeLabels(done))")
    at = page.js(
        f"(() => {{ const r = kgraphView.network.renderer;"
        f" return r.framedGraphToViewport(r.getNodeDisplayData('{top}')); }})()"
    )
    box = page.page.locator("#graph").bounding_box()
    page.page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
    label = page.js(f"kgraphView.data.nodes[{top}].label")
    assert page.page.locator("#evidence h2").first.inner_text() == label
    page.page.screenshot(path=str(screenshots / "webgl-400.png"))
    page.offline_and_clean()
    page.close()


def test_view_webgl_graph_holds_only_what_was_shown(browser: Any, webgl_page_file: Path) -> None:
    page = Page(browser, webgl_page_file)
    total = page.js("kgraphView.data.nodes.length")
    core = page.js("kgraphView.data.nodes.filter((n) => n.core).length")
    order = page.js("kgraphView.network.graph.order")
    assert 0 < order <= core < total  # the first screen: only the core's entities in sigma's graph
    page.page.locator("#show-all").click()
    page.js("new Promise((done) => kgraphView.placeLabels(done))")
    assert page.js("kgraphView.network.graph.order") == total
    assert page.js("kgraphView.network.graph.size") == page.js("kgraphView.data.edges.length")
    page.offline_and_clean()
    page.close()
