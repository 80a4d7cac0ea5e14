"""Shared fixtures: the ontology, the real spaCy model, and the sample corpus built once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kgraph.graph import KGStore
from kgraph.ontology import Ontology, load_ontology

from .expected import DATA, EPOCH


@pytest.fixture(scope="session")
def ontology() -> Ontology:
    return load_ontology()


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from kgraph.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample corpus under data/ built once into a store; tests must not modify it."""
    from kgraph.pipeline import build

    out = tmp_path_factory.mktemp("built") / "kg"
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    report = build([DATA], out)
    mp.undo()
    assert report.added, "the sample corpus built nothing"
    yield out
    shutil.rmtree(out, ignore_errors=True)


@pytest.fixture()
def kg(built_store: Path) -> Iterator[KGStore]:
    """The built sample store, opened read-only."""
    with KGStore.open(built_store, read_only=True) as store:
        yield store
