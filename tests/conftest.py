"""Shared fixtures: the ontology, the real spaCy model, the sample corpus built once, a browser."""

from __future__ import annotations

import os
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


#: Fixtures that load the spaCy model: a test that uses one, itself or through another fixture,
#: is a model test, so ``-m "not model"`` skips it even where its own mark is missing.
_MODEL_FIXTURES = frozenset({"nlp", "built_store"})

#: The pipelines loaded in this test process, by (model asked for, $KGRAPH_MODEL): loaded once.
_PIPELINES: dict[tuple[str | None, str | None], Any] = {}
#: The test being run, while it runs (its fixtures included), for :func:`_check_marked`.
_RUNNING: list[pytest.Item] = []


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    _RUNNING.append(item)
    try:
        return (yield)
    finally:
        _RUNNING.pop()


def _check_marked(model: str) -> None:
    """Fail the running test, saying why, if it loads ``model`` without ``@pytest.mark.model``."""
    item = _RUNNING[-1] if _RUNNING else None
    if item is not None and item.get_closest_marker("model") is None:
        pytest.fail(
            f"{item.nodeid} loads the spaCy model {model!r} without @pytest.mark.model: mark it "
            "(or build its Docs by hand), so that -m 'not model' skips every model load",
            pytrace=False,
        )


def _shared_pipeline(model: str | None = None) -> Any:
    """``kgraph.nlp.load_pipeline``, loaded once per test process and shared.

    Builds and CLI commands run in the test process reuse it: a model load costs a second
    or more, and parsing does not change the pipeline.
    """
    from kgraph.nlp import load_pipeline

    key = (model, os.environ.get("KGRAPH_MODEL"))
    if key not in _PIPELINES:
        _PIPELINES[key] = load_pipeline(model)
    _check_marked(model or key[1] or "the default")
    return _PIPELINES[key]


@pytest.fixture(scope="session", autouse=True)
def _one_pipeline_per_process() -> Iterator[None]:
    """Every model load of the test process goes through :func:`_check_marked`; builds in it
    share one loaded pipeline (:func:`_shared_pipeline`). Processes a test starts load their own.
    """
    import spacy

    from kgraph.pipeline import workers

    load = spacy.load

    def checked_load(name: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(name, str) and spacy.util.is_package(name):
            _check_marked(name)
        return load(name, *args, **kwargs)

    mp = pytest.MonkeyPatch()
    mp.setattr(spacy, "load", checked_load)
    mp.setattr(workers, "load_pipeline", _shared_pipeline)
    yield
    mp.undo()


@pytest.fixture(scope="session", autouse=True)
def _one_tls_context() -> Iterator[None]:
    """httpx's default TLS context, made once per test process instead of per client.

    Every ``httpx.get``/``httpx.post`` (and every ``httpx.Client``) loads the CA certificates
    into a new ``ssl.SSLContext``: 65 ms of CPU against 4.5 ms for the request itself on
    loopback, and the serve tests and the start-up polls of ``tests/servers.py`` send
    thousands. Only the default (``verify=True``, no client certificate) is shared; the
    tests speak plain HTTP to 127.0.0.1 (httpcore only sets ALPN on the context for TLS).
    """
    from httpx._transports import default as transport  # where HTTPTransport makes it

    make = transport.create_ssl_context
    made: list[Any] = []

    def shared(verify: Any = True, cert: Any = None, trust_env: bool = True) -> Any:
        if verify is not True or cert is not None or not trust_env:
            return make(verify=verify, cert=cert, trust_env=trust_env)
        if not made:
            made.append(make())
        return made[0]

    mp = pytest.MonkeyPatch()
    mp.setattr(transport, "create_ssl_context", shared)  # raises if httpx moves it
    yield
    mp.undo()


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    return _shared_pipeline()


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
