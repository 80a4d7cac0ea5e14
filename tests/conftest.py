"""Shared fixtures: the ontology, the real spaCy model, the sample corpus built once, a browser."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kgraph.errors import ConfigError
from kgraph.graph import KGStore
from kgraph.link import Gazetteer, Linker
from kgraph.ontology import Ontology, load_ontology

from .expected import DATA, EPOCH


@pytest.fixture(scope="session")
def ontology() -> Ontology:
    return load_ontology()


@pytest.fixture(scope="session")
def gazetteer(ontology: Ontology) -> Gazetteer:
    """Built once, as the pipeline builds it, and shared: linking only reads it."""
    return Gazetteer.of(ontology.linking)


@pytest.fixture(scope="session")
def linker(ontology: Ontology, gazetteer: Gazetteer) -> Linker:
    """One linker over the shared gazetteer: resolving a mention changes neither."""
    return Linker(ontology, gazetteer)


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


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright (which never downloads a browser here).

    One browser for the whole session; each test opens its own context (a page) in it.

    Skips, saying why, when Playwright or Chromium is not installed.
    """
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="Playwright is not installed: pip install -e '.[test]' (browser tests skipped)",
        exc_type=ImportError,
    )
    from kgraph.view.image import CHROMIUM_FLAGS, find_chromium

    try:
        executable = find_chromium()
    except ConfigError as exc:
        pytest.skip(str(exc))
    with sync_api.sync_playwright() as playwright:
        args = [*CHROMIUM_FLAGS, "--no-sandbox"]
        launched = playwright.chromium.launch(executable_path=executable, args=args)
        yield launched
        launched.close()
