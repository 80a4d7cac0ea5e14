"""The HTML view: its data, layout and images, and the page itself in a real headless Chromium."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kgraph.errors import ConfigError, QueryError
from kgraph.graph import KGStore, rows
from kgraph.ontology import Ontology
from kgraph.view import ViewOptions, render_view
from kgraph.view.html import _date_range, _json_for_html, class_colour, page_data, write_html
from kgraph.view.image import find_chromium, svg_text
from kgraph.view.layout import layout
from kgraph.view.subgraph import Selection, find_entity, select
from kgraph.view.synthetic import synthetic_graph

from .view_page import Page

PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"
PAYLOAD_IMG = "<img src=x onerror=window.__pwned=2>"


# ---------------------------------------------------------------- data, layout, images


@pytest.fixture(scope="module")
def small() -> nx.MultiDiGraph:
    return synthetic_graph(60, seed=3)


def test_view_page_data_groups_parallel_facts(small: nx.MultiDiGraph) -> None:
    data = page_data(small, layout(small), title="t", physics=True)
    pairs = {(u, v) for u, v, _ in small.edges(keys=True)}
    assert len(data["nodes"]) == small.number_of_nodes()
    assert len(data["edges"]) == len(pairs)
    assert sum(len(edge["facts"]) for edge in data["edges"]) == small.number_of_edges()
    assert len(data["facts"]) == small.number_of_edges()


@pytest.mark.parametrize(
    ("issued", "expected"),
    [
        ("2023", ("2023-01-01", "2023-12-31")),
        ("2023-09", ("2023-09-01", "2023-09-31")),
        ("2023-09-19", ("2023-09-19", "2023-09-19")),
        ("2023-09-19T10:00:00Z", ("2023-09-19", "2023-09-19")),
        (None, (None, None)),
    ],
)
def test_view_date_range_of_partial_dates(issued: str | None, expected: tuple[str, str]) -> None:
    assert _date_range(issued) == expected


@pytest.mark.parametrize(
    ("cls", "colour"),
    [
        ("https://w3id.org/kgraph/ns#Country", "#4e79a7"),
        (None, "#888888"),
        ("x:Unknown", "#888888"),
    ],
)
def test_view_class_colour(cls: str | None, colour: str) -> None:
    assert class_colour(cls) == colour


def test_view_json_cannot_end_its_script_element() -> None:
    text = _json_for_html({"t": f"{PAYLOAD_SCRIPT} <!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text)["t"].startswith(PAYLOAD_SCRIPT)


@pytest.mark.parametrize("sizes", [(1,), (5,), (40, 3, 1, 1)])
def test_view_layout_places_every_node_apart(sizes: tuple[int, ...]) -> None:
    graph = nx.disjoint_union_all([nx.path_graph(n) for n in sizes])
    positions = layout(graph)
    assert set(positions) == set(graph)
    assert len({(round(x), round(y)) for x, y in positions.values()}) == len(positions)


def test_view_svg_is_well_formed_and_escaped(small: nx.MultiDiGraph) -> None:
    graph = small.copy()
    first = next(iter(graph))
    graph.nodes[first]["label"] = PAYLOAD_SCRIPT
    root = ET.fromstring(svg_text(graph, layout(graph), title=PAYLOAD_IMG))
    names = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert "script" not in names and "img" not in names
    assert len(root.findall(".//{http://www.w3.org/2000/svg}circle")) >= graph.number_of_nodes()


# ---------------------------------------------------------------- the page in a browser


@pytest.fixture()
def synthetic_page(browser: Any, small: nx.MultiDiGraph, tmp_path: Path) -> Iterator[Page]:
    output = tmp_path / "small.html"
    write_html(small, layout(small), output, title="synthetic", physics=True)
    page = Page(browser, output)
    yield page
    page.close()


def test_view_page_loads_offline_with_the_graphs_counts(
    synthetic_page: Page, small: nx.MultiDiGraph
) -> None:
    counts = synthetic_page.counts()
    assert counts["totalNodes"] == counts["nodes"] == small.number_of_nodes()
    assert counts["totalEdges"] == len({(u, v) for u, v, _ in small.edges(keys=True)})
    synthetic_page.offline_and_clean()


def test_view_page_class_filter_hides_nodes(synthetic_page: Page, small: nx.MultiDiGraph) -> None:
    before = synthetic_page.counts()["nodes"]
    box = synthetic_page.page.locator("#legend input").first
    label = synthetic_page.page.locator("#legend label").first.inner_text()
    box.uncheck()
    hidden = int(label.rsplit(maxsplit=1)[-1])
    assert synthetic_page.counts()["nodes"] <= before - hidden
    box.check()
    assert synthetic_page.counts()["nodes"] == before
    synthetic_page.offline_and_clean()


def test_view_page_confidence_and_focus_narrow_the_view(synthetic_page: Page) -> None:
    total = synthetic_page.counts()
    synthetic_page.page.locator("#confidence").fill("0.9")
    assert 0 < synthetic_page.counts()["edges"] < total["edges"]
    synthetic_page.page.locator("#reset").click()
    synthetic_page.page.locator("#search").fill("Entity 0")
    synthetic_page.page.keyboard.press("Enter")
    synthetic_page.page.locator("#hops").fill("1")
    synthetic_page.page.locator("#focus").click()
    focused = synthetic_page.counts()["nodes"]
    assert 1 < focused < total["nodes"]
    assert "Entity 0" in synthetic_page.page.locator("#evidence h2").inner_text()
    synthetic_page.offline_and_clean()


# ---------------------------------------------------------------- the sample corpus


def _store_counts(kg: KGStore) -> tuple[int, int]:
    """Entities in facts and facts, counted by SPARQL independently of the view."""
    query = """SELECT (COUNT(DISTINCT ?e) AS ?entities) (COUNT(DISTINCT ?f) AS ?facts) WHERE {
      ?f a rdf:Statement .
      { ?f rdf:subject ?e } UNION { ?f rdf:object ?e FILTER(!isLiteral(?e)) } }"""
    row = next(rows(kg.query(query)))
    return int(row["entities"].value), int(row["facts"].value)


@pytest.fixture(scope="module")
def sample_view(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    output = tmp_path_factory.mktemp("view") / "graph.html"
    with KGStore.open(built_store, read_only=True) as kg:
        stats = render_view(kg, output, ViewOptions(svg=output.with_suffix(".svg")))
    return output, stats


@pytest.mark.model
def test_view_render_counts_match_the_store(kg: KGStore, sample_view: tuple[Path, Any]) -> None:
    _, stats = sample_view
    assert (stats.nodes, stats.facts) == _store_counts(kg)
    assert stats.physics and stats.bytes > 100_000 and stats.articles == 5


@pytest.mark.model
def test_view_page_of_the_corpus_shows_evidence_on_click(
    browser: Any, sample_view: tuple[Path, Any], built_store: Path, tmp_path: Path
) -> None:
    output, stats = sample_view
    page = Page(browser, output)
    page.page.locator("#show-all").click()  # the page opens on the named entities only
    counts = page.counts()
    assert (counts["nodes"], counts["edges"]) == (stats.nodes, stats.links)
    page.click_node("Azerbaijan")
    evidence = page.page.locator("#evidence")
    assert evidence.locator("h2").inner_text() == "Azerbaijan"
    assert evidence.locator(".fact").count() >= 5
    assert evidence.locator("blockquote mark").count() >= 5
    assert "confidence" in evidence.inner_text()
    timeline = evidence.locator(".timeline")  # the entity's timeline page, and its command
    assert timeline.locator("a").get_attribute("href") == "timeline-Azerbaijan.html"
    store = os.path.relpath(built_store, output.parent)
    assert f"kgraph timeline {store} Azerbaijan --html -o timeline-Azerbaijan.html" in (
        timeline.inner_text()
    )
    page.js("kgraphView.network.fit()")
    page.page.screenshot(path=str(tmp_path / "corpus-view.png"))
    assert (tmp_path / "corpus-view.png").stat().st_size > 20_000
    page.offline_and_clean()
    page.close()


@pytest.mark.model
def test_view_negated_facts_are_marked(browser: Any, sample_view: tuple[Path, Any]) -> None:
    page = Page(browser, sample_view[0])
    edge = page.js(
        "kgraphView.data.edges.findIndex((e) => e.facts.some((f) => kgraphView.data.facts[f].n))"
    )
    assert edge >= 0
    page.js(f"kgraphView.showEdge({edge})")
    assert page.page.locator("#evidence .fact.negated .badge").first.inner_text() == "denied"
    page.close()


@pytest.mark.model
@pytest.mark.parametrize(
    ("selection", "check"),
    [
        (Selection(focus="azerbaijan", hops=1), "focus"),
        (Selection(query="CONSTRUCT { ?s kg:initiates ?o } WHERE { ?s kg:initiates ?o }"), "query"),
        (Selection(article="first"), "article"),
    ],
)
def test_view_select_subgraphs(kg: KGStore, selection: Selection, check: str) -> None:
    everything = select(kg)
    if check == "article":
        first = sorted(everything.graph["articles"].values(), key=lambda a: a.iri)[0]
        selection = Selection(article=first.identifier)
    part = select(kg, selection)
    assert 0 < part.number_of_nodes() < everything.number_of_nodes()
    facts = [fact for *_, fact in part.edges(data="fact")]
    if check == "focus":
        center = find_entity(everything, "Azerbaijan")
        assert part.graph["focus"] == center
        assert all(nx.has_path(part.to_undirected(), center, node) for node in part)
    elif check == "query":
        assert {fact.predicate.rsplit("#", 1)[-1] for fact in facts} == {"initiates"}
    else:
        assert {fact.article for fact in facts} == {first.iri}


@pytest.mark.model
@pytest.mark.parametrize(
    ("selection", "error"),
    [
        (Selection(focus="Azerbijan"), ConfigError),
        (Selection(article="nope"), ConfigError),
        (Selection(query="SELECT * WHERE { ?s ?p ?o }"), QueryError),
    ],
)
def test_view_select_explains_bad_selections(
    kg: KGStore, selection: Selection, error: type[Exception]
) -> None:
    with pytest.raises(error, match=r"Azerbaijan|article ids|CONSTRUCT"):
        select(kg, selection)


# ---------------------------------------------------------------- script injection


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kgraph.pipeline import build

    folder = tmp_path_factory.mktemp("hostile")
    record = {
        "id": "hostile",
        "url": "javascript:window.__pwned=3",
        "title": f"Breaking {PAYLOAD_SCRIPT} {PAYLOAD_IMG}",
        "published": "2023-09-19",
        "source": f"Evil {PAYLOAD_IMG}",
        "text": (
            f"Azerbaijan attacked Armenia {PAYLOAD_SCRIPT} on Tuesday.\n\n"
            f"Russia urged Azerbaijan to stop the attack {PAYLOAD_IMG} immediately.\n\n"
            "The European Union condemned the <b>bold</b> offensive."
        ),
    }
    (folder / "hostile.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    report = build([folder / "hostile.jsonl"], folder / "kg")
    assert report.added and report.facts > 0
    return folder / "kg"


@pytest.mark.model
def test_view_article_html_is_inert(browser: Any, hostile_store: Path, tmp_path: Path) -> None:
    output = tmp_path / "hostile.html"
    with KGStore.open(hostile_store, read_only=True) as kg:
        stats = render_view(kg, output, ViewOptions(title=PAYLOAD_SCRIPT))
    page_source = output.read_text(encoding="utf-8")
    assert PAYLOAD_SCRIPT not in page_source and "<img" not in page_source
    page = Page(browser, output)
    for edge in range(stats.links):
        page.js(f"kgraphView.showEdge({edge})")
        assert (
            page.js(
                "document.querySelectorAll('#evidence img, #evidence b, #evidence script').length"
            )
            == 0
        )
    for node in range(stats.nodes):
        page.js(f"kgraphView.showNode({node})")
    text = page.page.locator("body").inner_text()
    assert "<script>" in text or "<img" in text  # shown as text
    assert page.js("window.__pwned") is None
    assert page.js("document.scripts.length") == 3
    # the javascript: URL is not linked: the only links are the timeline pages' (file names)
    links = "[...document.querySelectorAll('#evidence a')]"
    assert page.js(f"{links}.filter((a) => !a.closest('.timeline')).length") == 0
    pages = r"/^timeline-[\w-]+[.]html$/"
    assert page.js(f"{links}.every((a) => {pages}.test(a.getAttribute('href')))")
    page.offline_and_clean()
    page.close()


@pytest.mark.model
def test_view_cli_writes_html_svg_and_png(built_store: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kgraph.cli import cli

    try:
        find_chromium()
    except ConfigError as exc:
        pytest.skip(str(exc))
    out = tmp_path / "focus.html"
    args = ["view", str(built_store), "-o", str(out), "--focus", "Armenia", "--hops", "1"]
    args += ["--svg", str(tmp_path / "f.svg"), "--png", str(tmp_path / "f.png")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert re.search(r"\d+ entities, \d+ links, \d+ facts", result.output)
    assert (tmp_path / "f.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    ET.parse(tmp_path / "f.svg")
    assert out.stat().st_size > 100_000


# ---------------------------------------------------------------- nothing to show


def _store_without_facts(folder: Path, articles: int) -> Path:
    """A store with ``articles`` articles (their metadata and text) and no fact."""
    from datetime import datetime, timezone

    from kgraph.graph import BuildRun, article_triples, run_triples
    from kgraph.model import Article
    from kgraph.nlp import ModelInfo

    path = folder / "kg"
    with KGStore.open(path, create=True) as kg:
        started = datetime(2023, 9, 19, tzinfo=timezone.utc)
        run = BuildRun(kg.iris.run("t"), "0", ModelInfo("m", "1", "3"), started)
        for number in range(articles):
            article = Article.from_text(f"Nothing happened, {number} times.", title=f"T{number}")
            triples = article_triples(kg.iris, article, (), [], run.iri)
            kg.add_article(kg.iris.article(article.id), triples, [], runs=run_triples(run))
    return path


@pytest.mark.parametrize(
    ("articles", "says"),
    [(0, "it holds no articles"), (2, "kgraph found none in its 2 articles")],
)
def test_view_cli_of_a_store_without_facts_says_so(
    tmp_path: Path, articles: int, says: str
) -> None:
    from click.testing import CliRunner

    from kgraph.cli import cli

    store = _store_without_facts(tmp_path, articles)
    out = tmp_path / "empty.html"
    args = ["view", str(store), "-o", str(out), "--svg", str(tmp_path / "empty.svg")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "has no facts yet" in result.output and says in result.output
    assert f"kgraph build DATA --out {store}" in result.output
    page = out.read_text(encoding="utf-8")
    assert re.search(r'<p id="notice" role="status">The store .* has no facts yet', page)
    ET.parse(tmp_path / "empty.svg")


def test_view_of_an_empty_selection_says_so(ontology: Ontology, tmp_path: Path) -> None:
    from kgraph.view import empty_notice

    from .control_store import build_control_store

    nothing = "CONSTRUCT { ?s kg:initiates ?o } WHERE { ?s kg:initiates ?o }"
    with KGStore.open(build_control_store(tmp_path, ontology), read_only=True) as kg:
        stats = render_view(kg, tmp_path / "none.html", ViewOptions(query=nothing))
        assert stats.nodes == 0
        assert stats.notice == empty_notice(kg, Selection(query=nothing))
    assert stats.notice.startswith("No facts match this view's selection (--query)")


def test_view_layout_of_nothing() -> None:
    assert layout(nx.MultiDiGraph()) == {}


def test_view_empty_page_loads_and_shows_the_notice(browser: Any, tmp_path: Path) -> None:
    output = tmp_path / "empty.html"
    with KGStore.open(_store_without_facts(tmp_path, 0), read_only=True) as kg:
        stats = render_view(kg, output)
    assert stats.nodes == 0 and stats.notice
    page = Page(browser, output)
    assert page.counts()["nodes"] == 0
    assert "has no facts yet" in page.page.locator("#notice").inner_text()
    page.offline_and_clean()
    page.close()
