"""Conflicts in the view (issue 15, part 6): the page lists an entity's conflicts, both sides."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kgraph.graph.analysis import refresh_analysis
from kgraph.ontology import Ontology
from kgraph.view import ViewOptions, render_view
from kgraph.view.conflicts import view_conflicts

from .analysis_corpus import BASE, Corpus
from .view_page import Page


def _store(tmp_path: Path, ontology: Ontology) -> Path:
    """Two articles of one story counting Russian peacekeepers of one event: 2,000 and 3,000."""
    corpus = Corpus()
    baku = corpus.entity("Azerbaijan", "Azerbaijan", "Country")
    corpus.entity("Russia", "Russia", "Country")
    for article, value in (("a1", 2000), ("a2", 3000)):
        corpus.article(article, title=f"Article {article}", publisher=f"Wire {article}")
        corpus.fact(f"story-{article}", article, baku, "kg:initiates", baku)
        said = f"{value} Russian peacekeepers."
        corpus.quantity(f"q-{article}", article, "Russian peacekeepers", "troops", value,
                        about="mine explosion", sentence=said)  # fmt: skip
    with corpus.store(tmp_path / "kg") as kg:
        refresh_analysis(kg, ontology)
        assert [c.facts for c in view_conflicts(kg)] == [(f"{BASE}fact/q-a1", f"{BASE}fact/q-a2")]
    return tmp_path / "kg"


def _render(store: Path, output: Path) -> dict[str, Any]:
    from kgraph.graph import KGStore

    with KGStore.open(store, read_only=True) as kg:
        render_view(kg, output, ViewOptions())
    html = output.read_text(encoding="utf-8")
    opening = '<script id="kgraph-data" type="application/json">'
    start = html.index(opening) + len(opening)
    return dict(json.loads(html[start : html.index("</script>", start)]))


def test_conflicts_view_page_data_pairs_the_facts_on_the_page(
    tmp_path: Path, ontology: Ontology
) -> None:
    data = _render(_store(tmp_path, ontology), tmp_path / "view.html")
    [conflict] = data["conflicts"]
    assert conflict["k"] == "count" and "3,000" in conflict["t"]
    assert sorted(data["facts"][f]["v"] for f in conflict["f"]) == ["2000", "3000"]
    assert all(data["facts"][f]["k"] for f in conflict["f"])  # both marked contested


def test_conflicts_view_lists_an_entitys_conflicts_side_by_side(
    browser: Any, tmp_path: Path, ontology: Ontology
) -> None:
    output = tmp_path / "view.html"
    _render(_store(tmp_path, ontology), output)
    page = Page(browser, output)
    try:
        node = page.js("kgraphView.data.nodes.findIndex((n) => n.label === 'Russian peacekeepers')")
        page.js(f"kgraphView.showNode({node})")
        sides = page.page.locator("#evidence .conflicts .conflict .sides > .fact")
        assert sides.count() == 2
        texts = [sides.nth(i).inner_text() for i in range(2)]
        assert any("Article a1" in t for t in texts) and any("Article a2" in t for t in texts)
        boxes = [sides.nth(i).bounding_box() for i in range(2)]
        assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"]  # side by side
        page.js(
            "kgraphView.showNode(kgraphView.data.nodes.findIndex((n) => n.label === 'Azerbaijan'))"
        )
        assert page.page.locator("#evidence .conflicts").count() == 0
        page.offline_and_clean()
    finally:
        page.close()
