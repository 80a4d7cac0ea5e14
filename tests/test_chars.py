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
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from lxml import etree
from rdflib import Dataset, Graph, Literal

from kgraph.cli import cli
from kgraph.export import ExportFormat
from kgraph.graph import KGStore
from kgraph.graph.chars import REPLACEMENT, XmlSafeWriter, visible, xml_safe
from kgraph.ontology import Ontology

from .control_store import CONTROLS, build_control_store
from .servers import Running, kgraph_server

#: CONTROLS as XML outputs hold them: U+202E is allowed in XML, the rest is not.
XML_CONTROLS = xml_safe(CONTROLS)
LABELS = "SELECT ?label WHERE { ?e rdfs:label ?label } ORDER BY ?label"
_RDFLIB = {
    "trig": "trig",
    "nq": "nquads",
    "jsonld": "json-ld",
    "ttl": "turtle",
    "nt": "nt",
    "xml": "xml",
}


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


def _xml(path: Path) -> None:
    etree.parse(str(path))  # lxml is strict: it refuses malformed XML
    ET.parse(path)  # and so is the standard library's expat


def _rdf(fmt: ExportFormat) -> Callable[[Path], set[str]]:
    def read(path: Path) -> set[str]:
        if fmt is ExportFormat.XML:
            _xml(path)
        parsed = Dataset() if fmt.keeps_graphs else Graph()
        parsed.parse(path, format=_RDFLIB[fmt.value])
        quads = parsed.quads() if isinstance(parsed, Dataset) else parsed
        return {str(q[2]) for q in quads if isinstance(q[2], Literal)}

    return read


def _entity_graph(read: Callable[[Path], nx.Graph]) -> Callable[[Path], set[str]]:
    def labels(path: Path) -> set[str]:
        _xml(path)
        graph = read(path)
        edges = {data["sentence"] for *_, data in graph.edges(data=True)}
        return {data["label"] for _, data in graph.nodes(data=True)} | edges

    return labels


def _csv(path: Path) -> set[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2
    return {row[column] for row in rows for column in ("subject", "object", "sentence", "title")}


#: Each format's own parser, reading back the texts that hold the control characters.
READERS: dict[ExportFormat, Callable[[Path], set[str]]] = {
    **{fmt: _rdf(fmt) for fmt in ExportFormat if fmt.is_rdf},
    ExportFormat.GRAPHML: _entity_graph(nx.read_graphml),
    ExportFormat.GEXF: _entity_graph(nx.read_gexf),
    ExportFormat.CSV: _csv,
}
XML_FORMATS = {
    ExportFormat.XML: "RDF/XML",
    ExportFormat.GRAPHML: "GraphML",
    ExportFormat.GEXF: "GEXF",
}
NAMES = ("Azerbaijan", "Armenia", "Russia")


@pytest.mark.parametrize("fmt", list(ExportFormat), ids=[f.value for f in ExportFormat])
def test_chars_every_export_format_parses_with_its_own_parser(
    control_store: Path,
    stored: set[str],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    fmt: ExportFormat,
) -> None:
    output = tmp_path / f"kg.{fmt.value}"
    with caplog.at_level(logging.WARNING):
        _export(control_store, fmt.value, output)
    controls = XML_CONTROLS if fmt in XML_FORMATS else CONTROLS
    texts = {text for text in READERS[fmt](output) if controls in text}
    assert {f"{controls}{name}{controls}" for name in NAMES} <= texts
    if fmt.is_rdf:  # every literal that held them, exactly (or with U+FFFD in XML)
        assert texts == ({xml_safe(t) for t in stored} if fmt in XML_FORMATS else stored)
    if fmt in XML_FORMATS:
        assert f"{XML_FORMATS[fmt]}: " in caplog.text and "written as U+FFFD" in caplog.text
    else:
        assert caplog.text == ""


def test_chars_construct_as_rdf_xml(control_store: Path, stored: set[str]) -> None:
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }"
    args = ["export", str(control_store), "--construct", construct, "--format", "xml"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    etree.fromstring(result.stdout_bytes)
    graph = Graph().parse(data=result.stdout_bytes, format="xml")
    literals = {str(o) for o in graph.objects() if XML_CONTROLS in str(o)}
    assert literals == {xml_safe(t) for t in stored}


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


def test_chars_conflicts_text_shows_controls_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    from kgraph.cli.conflicts import _print_text
    from kgraph.graph.analysis import Conflict, ConflictFact

    fact = ConflictFact(
        "f", f"{CONTROLS}2 deaths", sentence=f"Two [/] died{CONTROLS}.", title=f"T{CONTROLS}"
    )
    _print_text([Conflict("c", "count", f"[bold]counts{CONTROLS}", (fact, fact))])
    printed = capsys.readouterr().out
    for raw in "\x1b\x07\x01\x02\x03\u202e\ufffe":
        assert raw not in printed
    assert "\\x1b[31m\\x07\\x01\\x02\\x03\\u202e\\ufffe2 deaths" in printed
    assert "[bold]counts" in printed and "Two [/] died" in printed
