"""The architecture stays visible: stages import only earlier stages, and import kgraph is light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kgraph"
#: Pipeline order: a module may import the package root and modules before it, never after.
ORDER = [
    "errors",
    "model",
    "vocab",
    "ontology",
    "ingest",
    "nlp",
    "extract",
    "link",
    "graph",
    "pipeline",
    "cluster",  # builds on a Dask cluster: the pipeline's per-article code on workers
    "export",
    "view",
    "timeline",
    "report",
    "serve",
    "cli",
]


def _stage(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name not in {"kgraph", "kgraph.__main__"}:
            found.append((name, path))
    return found


@pytest.mark.parametrize(("module", "path"), _modules(), ids=[m for m, _ in _modules()])
def test_layout_stages_import_only_earlier_stages(module: str, path: Path) -> None:
    stage = _stage(module)
    assert stage in ORDER, f"{module} is not a known stage; add it to ORDER"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else []
        )
        for name in names:
            if name.startswith("kgraph.") and _stage(name) != stage:
                assert ORDER.index(_stage(name)) < ORDER.index(stage), f"{module} imports {name}"


def test_layout_import_kgraph_is_light() -> None:
    code = (
        "import sys, kgraph; heavy = [m for m in ('spacy', 'pyoxigraph', 'rdflib', 'pyvis', "
        "'trafilatura') if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_layout_public_api_resolves() -> None:
    import kgraph

    for name in kgraph.__all__:
        assert getattr(kgraph, name) is not None


@pytest.mark.parametrize(("module", "path"), _modules(), ids=[m for m, _ in _modules()])
def test_layout_modules_stay_small(module: str, path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 450, f"{module} has {lines} lines; split it into a subpackage"
