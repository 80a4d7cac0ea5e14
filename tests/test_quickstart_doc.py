"""docs/quickstart.md's Python example runs, and gives what its comments say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal

from kgraph.graph import KGStore
from kgraph.ontology import Ontology

from .control_store import CONTROLS, build_control_store

QUICKSTART = Path(__file__).resolve().parent.parent / "docs" / "quickstart.md"


def _store_part() -> str:
    """The example's lines from opening the store on (the build before needs the model)."""
    code = re.search(r"```python\n(.*?)```", QUICKSTART.read_text(encoding="utf-8"), re.S)
    assert code is not None, "docs/quickstart.md has no Python example"
    text = code.group(1)
    return "import kgraph\n" + text[text.index("with kgraph.KGStore.open") :]


def test_quickstart_to_rdflib_is_the_union_graph(
    ontology: Ontology, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_control_store(tmp_path, ontology)  # at tmp_path / "kg", the example's "kg/"
    monkeypatch.chdir(tmp_path)
    names: dict[str, object] = {}
    exec(compile(_store_part(), str(QUICKSTART), "exec"), names)
    graph = names["graph"]
    assert isinstance(graph, Graph)
    with KGStore.open(tmp_path / "kg", read_only=True) as kg:
        triples = {(q.subject, q.predicate, q.object) for q in kg.quads()}
        labels = {
            row["label"].value for row in kg.query("SELECT ?label WHERE { ?e rdfs:label ?label }")
        }
    assert len(graph) == len(triples) > 50
    found = {str(label) for label in graph.objects(None, RDFS.label)}
    assert found == labels and all(CONTROLS in label for label in found)
    assert any(isinstance(o, Literal) and o.language == "en" for o in graph.objects())
