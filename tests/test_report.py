"""kgraph report: the tables read from a small hand-built store, the page, the CLI, a browser."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.errors import StoreError
from kgraph.graph import KGStore
from kgraph.graph.analysis import ANALYSIS_VERSION, AnalysisState
from kgraph.report import read_tables, report_html, write_report
from kgraph.report.tables import periods

from .analysis_corpus import BASE, Corpus

E = BASE + "entity/"
_CHARTS = ("articles-per-day", "articles-per-source", "top-entities", "entities-over-time")


def _corpus(dated: bool = True) -> Corpus:
    """Three articles (two dated, one from a feed file), four facts, one held back, a conflict."""
    corpus = Corpus()
    corpus.article(
        "a1", title="Offensive begins", publisher="Wire A", issued="2023-09-19" if dated else None
    )
    corpus.article("a2", url="https://www.news.example/x", issued="2023-09-21" if dated else None)
    corpus.article("a3")
    corpus.graphs["article/a3"].append('<article/a3> kg:origin "feed/news.jsonl:3" .')
    azerbaijan = corpus.entity("Azerbaijan", "Azerbaijan", "Country")
    armenia = corpus.entity("Armenia", "Armenia <b>", "Country")
    operation = corpus.entity("operation", "operation", "Concept")
    for name, article, s, p, o, confidence in (
        ("f1", "a1", azerbaijan, "kg:initiates", operation, 0.9),
        ("f2", "a2", azerbaijan, "kgrel:attack", armenia, 0.8),
        ("f3", "a3", armenia, "kgrel:reject", azerbaijan, 0.2),
    ):
        held = name == "f3"
        corpus.fact(name, article, s, p, o, sentence=f"Sentence of {name}.", asserted=not held)
        extra = " ; kg:heldBack true" if held else ""
        corpus.graphs[f"article/{article}"].append(
            f"<fact/{name}> kg:confidence {confidence}{extra} ."
        )
    corpus.quantity("q1", "a1", "Azerbaijani soldiers", "deaths", 6, about="mine explosion")
    corpus.quantity("q2", "a2", "Azerbaijani soldiers", "deaths", 11, about="mine explosion")
    return corpus


def _with_conflict(corpus: Corpus) -> Corpus:
    """The analysis graph as a build writes it, by hand: the report does not judge conflicts."""
    corpus.graphs["graph/analysis"] += [
        f"<graph/analysis> kg:analysisVersion {ANALYSIS_VERSION} .",
        '<conflict/c1> a kg:Conflict ; kg:conflictKind "count" ; '
        'rdfs:comment "deaths: 6 vs 11" ; kg:involves <fact/q1>, <fact/q2> .',
    ]
    return corpus


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "kg"
    _with_conflict(_corpus()).store(path).close()
    return path


@pytest.fixture()
def small(small_store: Path) -> Any:
    with KGStore.open(small_store, read_only=True) as kg:
        yield kg


def test_report_tables_articles_and_sources(small: KGStore) -> None:
    tables = read_tables(small)
    assert [(a.identifier, a.issued) for a in tables.articles] == [
        ("a1", "2023-09-19"),
        ("a2", "2023-09-21"),
        ("a3", None),
    ]
    assert tables.sources == {"Wire A": 1, "news.example": 1, "file feed/news.jsonl": 1}
    assert len(tables.dated) == 2


def test_report_tables_entities_relations_and_confidence(small: KGStore) -> None:
    tables = read_tables(small)
    assert [(e.label, e.articles, e.facts) for e in tables.entities] == [
        ("Azerbaijan", 3, 3),
        ("Armenia <b>", 2, 2),
        ("Azerbaijani soldiers", 2, 2),
    ]  # the concept "operation" is left out; ties by IRI
    assert tables.entities[0].by_article == tuple(BASE + f"article/a{n}" for n in (1, 2, 3))
    first = tables.relations[0]
    assert (first.label, first.facts, first.articles) == ("count", 2, 2)
    assert {r.label for r in tables.relations} == {"count", "initiates", "attack", "reject"}
    assert tables.facts == 5 and sorted(tables.confidences) == [0.8, 0.9]
    assert tables.held_back_confidences == (0.2,)
    (held,) = tables.held_back
    assert (held.reads, held.sentence, held.confidence) == (
        "Armenia <b> reject Azerbaijan",
        "Sentence of f3.",
        0.2,
    )


def test_report_tables_conflicts(small: KGStore) -> None:
    tables = read_tables(small)
    assert tables.analysis is AnalysisState.CURRENT
    assert tables.kinds == {"count": 1}
    (conflict,) = tables.conflicts
    assert [f.value for f in conflict.facts] == [
        "6 deaths of Azerbaijani soldiers",
        "11 deaths of Azerbaijani soldiers",
    ]


@pytest.mark.parametrize(
    ("issued", "expected"),
    [
        (["2023-09-19"], ("day", ["2023-09-19"])),
        (
            ["2023-09-30", "2023-10-02T08:00:00Z"],
            ("day", ["2023-09-30", "2023-10-01", "2023-10-02"]),
        ),
        (["2023-01-01", "2023-12-31"], ("month", [f"2023-{m:02d}" for m in range(1, 13)])),
        (["2023-09-19", "2024"], ("year", ["2023", "2024"])),
        (["1990-01", "2020-01"], ("year", [str(y) for y in range(1990, 2021)])),
    ],
)
def test_report_periods(issued: list[str], expected: tuple[str, list[str]]) -> None:
    assert periods(issued) == expected


def test_report_charts_keep_text_and_never_share_an_id() -> None:
    import re

    from kgraph.report.charts import bar_chart

    first = bar_chart("kinds", ["denial", "count & <more>"], [3, 1605], xlabel="conflicts")
    second = bar_chart("sources", ["denial", "count & <more>"], [3, 1605], xlabel="conflicts")
    assert first.startswith('<svg class="chart" id="chart-kinds"') and first.endswith("</svg>\n")
    assert "count &amp; &lt;more&gt;" in first and ">1605<" in first  # text, not paths
    ids = [set(re.findall(r' id="([^"]+)"', svg)) for svg in (first, second)]
    assert ids[0] and not ids[0] & ids[1]
    assert bar_chart("kinds", ["a"], [1], xlabel="x") == bar_chart("kinds", ["a"], [1], xlabel="x")


def test_report_page_draws_every_chart_and_escapes_text(small: KGStore) -> None:
    page = report_html(small)
    for name in (*_CHARTS, "top-relations", "confidence"):
        assert f'id="chart-{name}"' in page, name
    assert "Armenia &lt;b&gt;" in page and "Armenia <b>" not in page
    assert "6 deaths of Azerbaijani soldiers" in page and "Offensive begins" in page
    assert "Sentence of f3." in page  # the held-back fact
    assert "1 count conflict<" in page and 'id="chart-conflict-kinds"' not in page  # one kind
    assert "<script" not in page and "default-src 'none'" in page


def test_report_of_an_undated_store_says_undated(tmp_path: Path) -> None:
    with _corpus(dated=False).store(tmp_path / "kg") as kg:
        page = report_html(kg)
    assert "All 3 articles are undated" in page and "Undated: no article is dated" in page
    assert 'id="chart-articles-per-day"' not in page
    assert 'id="chart-entities-over-time"' not in page
    assert 'id="chart-top-entities"' in page
    assert "kgraph conflicts" in page and "--refresh" in page  # no analysis computed


def test_report_links_the_focus_views_beside_it(small: KGStore, tmp_path: Path) -> None:
    (tmp_path / "view-Azerbaijan.html").write_text("<html></html>", encoding="utf-8")
    (tmp_path / "timeline-Armenia_b.txt").write_text("events", encoding="utf-8")
    stats = write_report(small, tmp_path / "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<a href="view-Azerbaijan.html">' in page
    assert '<a href="timeline-Armenia_b.txt">' in page
    assert '<a href="timeline-Azerbaijan' not in page and '<a href="view-Armenia' not in page
    store = os.path.relpath(small.path, tmp_path)  # as seen from the page's folder
    assert f"kgraph view {store} --focus Azerbaijan --hops 1 -o view-Azerbaijan.html" in page
    assert "kgraph timeline" in page and "&#x27;Armenia &lt;b&gt;&#x27;" in page
    assert (stats.articles, stats.facts, stats.conflicts, stats.held_back) == (3, 5, 1, 1)


def _cli(*args: str | Path) -> Any:
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_report_cli_writes_the_page(small_store: Path, tmp_path: Path) -> None:
    result = _cli("report", small_store, "-o", tmp_path / "r.html", "--title", "Weekly")
    assert result.exit_code == 0, result.output
    assert "3 articles, 5 facts, 1 conflicts, 1 held back, 0 focus views" in result.output
    assert "<title>Weekly</title>" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_report_cli_writes_the_focus_views_it_links(small_store: Path, tmp_path: Path) -> None:
    result = _cli("report", small_store, "-o", tmp_path / "r.html", "--views", "2")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    for name in ("Azerbaijan", "Armenia_b"):
        assert '"Azerbaijan"' in (tmp_path / f"view-{name}.html").read_text(encoding="utf-8")
        assert f'<a href="view-{name}.html">' in page
    assert not (tmp_path / "view-Azerbaijani_soldiers.html").exists()


def test_report_cli_explains_a_missing_or_empty_store(tmp_path: Path) -> None:
    missing = _cli("report", tmp_path / "nothing", "-o", tmp_path / "r.html")
    assert missing.exit_code == 1 and "nothing" in missing.output
    KGStore.open(tmp_path / "empty", create=True).close()
    empty = _cli("report", tmp_path / "empty", "-o", tmp_path / "r.html")
    assert empty.exit_code == 1
    assert "holds no article" in empty.output and "kgraph build" in empty.output
    assert not (tmp_path / "r.html").exists()


def test_report_empty_store_is_a_store_error(tmp_path: Path) -> None:
    with KGStore.open(tmp_path / "kg", create=True) as kg, pytest.raises(StoreError):
        report_html(kg)


def test_report_page_in_chromium_is_offline_and_draws_the_charts(
    browser: Any, small: KGStore, tmp_path: Path
) -> None:
    output = tmp_path / "report.html"
    write_report(small, output)
    errors: list[str] = []
    requests: list[str] = []
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type in {"error", "warning"} else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(output.resolve().as_uri())
    charts = page.locator("svg.chart")
    assert charts.count() == 6
    for name in _CHARTS:
        box = page.locator(f"#chart-{name}").bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 50, name
    assert page.locator("#chart-top-entities text").filter(has_text="Azerbaijan").count() >= 1
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    context.close()
    assert errors == [] and requests == [output.resolve().as_uri()]
    assert (tmp_path / "report.png").stat().st_size > 10_000


@pytest.mark.model
def test_report_sample_corpus(kg: KGStore) -> None:
    tables = read_tables(kg)
    assert len(tables.articles) == 5 and [a.issued for a in tables.dated] == ["2023-05-31"]
    assert tables.sources == {"folder data/": 5}
    # most articles first, then most facts: Nagorno-Karabakh (22 facts) passed Armenia (20) when
    # descriptions like "Nagorno-Karabakh, an enclave that belongs to Azerbaijan" became its facts
    assert [e.label for e in tables.entities[:3]] == ["Azerbaijan", "Nagorno-Karabakh", "Armenia"]
    counts = [(e.articles, e.facts) for e in tables.entities]
    assert counts == sorted(counts, reverse=True)
    assert tables.analysis is AnalysisState.CURRENT and tables.conflicts
    page = report_html(kg)
    assert "4 of 5 articles are undated" in page and "all dated articles fall in one day" in page
