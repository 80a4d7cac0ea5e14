"""Control characters in literals: every writer's output parses with its own parser.

The lossless formats keep the characters exactly; the XML ones (RDF/XML,
SPARQL XML results, GraphML, GEXF) hold U+FFFD instead and warn; query tables
show them as escapes, never raw.
"""

from __future__ import annotations

import csv
import io
import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from lxml import etree
from rdflib import Dataset, Graph, Literal

from kgraph.cli import cli
from kgraph.graph import KGStore
from kgraph.graph.chars import REPLACEMENT, XmlSafeWriter, visible, xml_safe
from kgraph.ontology import Ontology

from .control_store import CONTROLS, build_control_store
from .servers import Running, kgraph_server

#: CONTROLS as XML outputs hold them: U+202E is allowed in XML, the rest is not.
XML_CONTROLS = xml_safe(CONTROLS)
LABELS = "SELECT ?label WHERE { ?e rdfs:label ?label } ORDER BY ?label"
_RDFLIB = {"trig": "trig", "nq": "nquads", "jsonld": "json-ld", "ttl": "turtle", "nt": "nt"}


@pytest.fixture(scope="module")
def control_store(ontology: Ontology, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_control_store(tmp_path_factory.mktemp("controls"), ontology)


@pytest.fixture(scope="module")
def stored(control_store: Path) -> set[str]:
    """Every literal of the store that holds the control characters."""
    with KGStore.open(control_store, read_only=True) as kg:
        values = (q.object.value for q in kg.quads() if isinstance(q.object, ox.Literal))
        return {value for value in values if CONTROLS in value}


def test_chars_xml_safe_keeps_what_xml_allows() -> None:
    assert xml_safe("a\tb\nc\r\u202e\U0001f600") == "a\tb\nc\r\u202e\U0001f600"
    assert xml_safe("\x00\x1b\x07\x01\ufffe\uffff") == REPLACEMENT * 6


def test_chars_visible_escapes_terminal_controls() -> None:
    assert visible("a\x1b[31mb\x07\u202ec\nd") == "a\\x1b[31mb\\x07\\u202ec\nd"


def test_chars_writer_handles_characters_split_across_writes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    data = "<a>é\x1bü</a>".encode()
    output = io.BytesIO()
    with XmlSafeWriter(output, "test") as safe:
        for i in range(len(data)):
            safe.write(data[i : i + 1])
    assert output.getvalue().decode() == f"<a>é{REPLACEMENT}ü</a>"
    assert "test: 1 character that XML 1.0 cannot carry" in caplog.text


def _export(store: Path, fmt: str, output: Path) -> str:
    result = CliRunner().invoke(cli, ["export", str(store), "--format", fmt, "-o", str(output)])
    assert result.exit_code == 0, result.output
    return result.output


def _literals(graph: Graph | Dataset) -> set[str]:
    triples = graph.quads() if isinstance(graph, Dataset) else graph
    return {str(t[2]) for t in triples if isinstance(t[2], Literal)}


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld", "ttl", "nt"])
def test_chars_lossless_rdf_formats_round_trip_exactly(
    control_store: Path, stored: set[str], tmp_path: Path, fmt: str
) -> None:
    output = tmp_path / f"kg.{fmt}"
    _export(control_store, fmt, output)
    parsed = Dataset() if fmt in {"trig", "nq", "jsonld"} else Graph()
    parsed.parse(output, format=_RDFLIB[fmt])
    found = {text for text in _literals(parsed) if CONTROLS in text}
    assert found == stored


def _xml_texts(path: Path) -> list[str]:
    root = etree.parse(str(path)).getroot()  # lxml is strict: it refuses malformed XML
    ET.parse(path)  # and so is the standard library's expat
    texts = [*root.itertext(), *(v for e in root.iter() for v in e.attrib.values())]
    return [text for text in texts if XML_CONTROLS in text]


def test_chars_rdf_xml_is_well_formed_and_warns(
    control_store: Path, stored: set[str], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    output = tmp_path / "kg.xml"
    with caplog.at_level(logging.WARNING):
        _export(control_store, "xml", output)
    assert "RDF/XML" in caplog.text and "U+FFFD" in caplog.text
    graph = Graph().parse(output, format="xml")
    assert {t for t in _literals(graph) if XML_CONTROLS in t} == {xml_safe(t) for t in stored}
    assert _xml_texts(output)


@pytest.mark.parametrize(("fmt", "read"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_chars_entity_graphs_are_well_formed_and_warn(
    control_store: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, fmt: str, read: object
) -> None:
    output = tmp_path / f"entities.{fmt}"
    with caplog.at_level(logging.WARNING):
        _export(control_store, fmt, output)
    assert fmt.upper() in caplog.text.upper() and "U+FFFD" in caplog.text
    assert _xml_texts(output)
    graph = read(output)  # type: ignore[operator]
    labels = {data["label"] for _, data in graph.nodes(data=True)}
    assert labels == {
        f"{XML_CONTROLS}{name}{XML_CONTROLS}" for name in ("Azerbaijan", "Armenia", "Russia")
    }
    sentences = {data["sentence"] for *_, data in graph.edges(data=True)}
    assert all(s.startswith(XML_CONTROLS) for s in sentences) and len(sentences) == 2


def test_chars_csv_keeps_them_exactly(control_store: Path, tmp_path: Path) -> None:
    output = tmp_path / "facts.csv"
    _export(control_store, "csv", output)
    with output.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2
    assert {row["subject"] for row in rows} == {
        f"{CONTROLS}Azerbaijan{CONTROLS}",
        f"{CONTROLS}Russia{CONTROLS}",
    }
    assert all(row["sentence"].startswith(CONTROLS) for row in rows)


def test_chars_query_xml_results_are_well_formed(
    control_store: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        result = CliRunner().invoke(cli, ["query", str(control_store), LABELS, "--format", "xml"])
    assert result.exit_code == 0, result.output
    root = etree.fromstring(result.stdout_bytes)
    literals = [e.text for e in root.iter("{http://www.w3.org/2005/sparql-results#}literal")]
    assert literals == [
        f"{XML_CONTROLS}{n}{XML_CONTROLS}" for n in ("Armenia", "Azerbaijan", "Russia")
    ]
    assert "SPARQL XML results" in caplog.text


@pytest.mark.parametrize("query", [LABELS, "SELECT ?text WHERE { ?a kg:text ?text }"])
def test_chars_query_table_shows_controls_escaped(control_store: Path, query: str) -> None:
    result = CliRunner().invoke(cli, ["query", str(control_store), query])
    assert result.exit_code == 0, result.output
    for raw in "\x1b\x07\x01\x02\x03\u202e\ufffe":
        assert raw not in result.output
    for escape in ("\\x1b[31m", "\\x07", "\\x01", "\\u202e"):
        assert escape in result.output


def test_chars_query_table_is_not_markup(tmp_path: Path) -> None:
    with KGStore.open(tmp_path / "kg", create=True):
        pass
    query = "SELECT ?x WHERE { VALUES ?x { '[bold]x[/] [/nope]' } }"
    result = CliRunner().invoke(cli, ["query", str(tmp_path / "kg"), query])
    assert result.exit_code == 0, result.output
    assert "[bold]x[/] [/nope]" in result.output


@pytest.fixture(scope="module")
def endpoint(control_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with kgraph_server(
        control_store, tmp_path_factory.mktemp("serve"), "--workers", "1"
    ) as running:
        yield running


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        (LABELS, "application/sparql-results+xml"),
        (
            "CONSTRUCT { ?e rdfs:label ?label } WHERE { ?e rdfs:label ?label }",
            "application/rdf+xml",
        ),
    ],
)
def test_chars_endpoint_xml_is_well_formed(endpoint: Running, query: str, accept: str) -> None:
    prologue = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    response = httpx.get(
        f"{endpoint.url}/sparql", params={"query": prologue + query}, headers={"Accept": accept}
    )
    assert response.status_code == 200, response.text
    root = etree.fromstring(response.content)
    texts = [t for t in root.itertext() if XML_CONTROLS in t]
    assert len(texts) == 3


def test_chars_view_page_and_svg(control_store: Path, tmp_path: Path) -> None:
    page, image = tmp_path / "view.html", tmp_path / "view.svg"
    args = ["view", str(control_store), "-o", str(page), "--svg", str(image)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    labels = [e.text or "" for e in etree.parse(str(image)).iter("{*}title", "{*}text")]
    assert f"{XML_CONTROLS}Azerbaijan{XML_CONTROLS}" in labels
    html = page.read_text(encoding="utf-8")
    assert "\x1b" not in html and "\\u001b[31m" in html  # escaped in the page's JSON
