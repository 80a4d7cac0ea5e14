"""``kgraph serve`` follows the store: a build or a removal while it serves shows in every later
answer, from every worker, and no answer goes back to an older state (issue 13, part 3).

Real processes throughout: ``kgraph serve`` on a copy of the built sample store, and ``kgraph
remove`` and ``kgraph build`` run into the same folder while it serves.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from rdflib import RDFS, Literal, URIRef

from kgraph.graph import KGStore
from kgraph.graph.generations import mark_generation, read_generation

from .expected import DATA, EPOCH
from .servers import Running, kgraph_server, wait_for_idle_workers

ARTICLES = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TIMEOUT = 2.0


def test_serve_generation_marked_when_a_writer_closes(tmp_path: Path) -> None:
    with KGStore.open(tmp_path / "kg", create=True, kind="memory"):
        pass
    assert read_generation(tmp_path / "kg").number == 1
    with KGStore.open(tmp_path / "kg", read_only=True):
        pass
    assert read_generation(tmp_path / "kg").number == 1  # readers do not mark
    assert mark_generation(tmp_path / "kg").number == 2


def write_facts(store: Path, kind: str, graph: str, how_many: int) -> None:
    """A writer process's work, done here: a named graph of ``how_many`` triples."""
    triples = [(URIRef(f"{graph}:s{n}"), RDFS.label, Literal(f"fact {n}")) for n in range(how_many)]
    with KGStore.open(store, create=True, kind=kind) as kg:
        kg.replace_graph(URIRef(graph), triples)


def labels(base: str) -> int:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:label ?l }"
    response = httpx.post(f"{base}/sparql", data={"query": query}, timeout=30)
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("kind", ["oxigraph", "memory"])
def test_serve_follows_writes_on_both_engines(tmp_path: Path, kind: str) -> None:
    store = tmp_path / "kg"
    write_facts(store, kind, "urn:x:g1", 3)
    with kgraph_server(store, tmp_path, "--workers", "2") as server:
        assert labels(server.url) == 3
        for graph, size, total in (("urn:x:g2", 7, 10), ("urn:x:g1", 0, 7)):  # add, then empty
            write_facts(store, kind, graph, size)
            with ThreadPoolExecutor(max_workers=2) as pool:
                assert list(pool.map(lambda _: labels(server.url), range(10))) == [total] * 10
            snapshots = list(store.glob(".kgraph-serve-*/*"))
            assert len(snapshots) == 1, f"old snapshots stay: {snapshots}"


@pytest.fixture()
def served(built_store: Path, tmp_path: Path) -> Iterator[tuple[Path, Running]]:
    """A copy of the sample store (so it can change), served with two workers."""
    store = tmp_path / "kg"
    shutil.copytree(built_store, store)
    options = ("--workers", "2", "--timeout", str(TIMEOUT))
    with kgraph_server(store, tmp_path, *options) as running:
        yield store, running


def count(base: str) -> int:
    response = httpx.post(f"{base}/sparql", data={"query": ARTICLES}, timeout=30)
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def counts(base: str, times: int = 24) -> list[int]:
    """Many answers, two at a time, so that both workers answer."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda _: count(base), range(times)))


def kgraph(*args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kgraph", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


def one_article_id(store: Path) -> str:
    with KGStore.open(store, read_only=True) as kg:
        rows = kg.query("SELECT ?id WHERE { ?a a kg:Article ; dcterms:identifier ?id } LIMIT 1")
        return str(next(iter(rows))["id"].value)


def force_a_worker_replacement(base: str) -> None:
    response = httpx.get(f"{base}/sparql", params={"query": SLOW}, timeout=30)
    assert response.status_code == 503
    wait_for_idle_workers(base, 2)


@pytest.mark.model
def test_serve_sees_each_completed_build_from_every_worker(
    served: tuple[Path, Running],
) -> None:
    store, server = served
    base = server.url
    before = count(base)
    generation = httpx.get(f"{base}/health").json().get("generation", 0)
    assert before == len(list(DATA.glob("*.txt")))

    kgraph("remove", str(store), one_article_id(store))
    assert counts(base) == [before - 1] * 24
    force_a_worker_replacement(base)  # the new worker must not see the store of its own start
    assert counts(base) == [before - 1] * 24

    seen: list[int] = []
    stop = threading.Event()

    def keep_asking() -> None:  # one client in a row: its answers may only move forward
        while not stop.is_set():
            seen.append(count(base))

    asker = threading.Thread(target=keep_asking)
    asker.start()
    try:
        kgraph("build", str(DATA), "--out", str(store))  # puts the removed article back
    finally:
        stop.set()
        asker.join()
    assert counts(base) == [before] * 24
    assert seen == sorted(seen), f"an answer went back to an older state: {seen}"
    force_a_worker_replacement(base)
    assert counts(base) == [before] * 24
    health = httpx.get(f"{base}/health").json()
    assert health["generation"] >= generation + 2 and health["generation_completed"]


@pytest.mark.model
def test_serve_removes_its_snapshots_when_it_stops(built_store: Path, tmp_path: Path) -> None:
    store = tmp_path / "kg"
    shutil.copytree(built_store, store)
    abandoned = store / ".kgraph-serve-999999999-left"  # a killed server's (no such pid)
    abandoned.mkdir()
    with kgraph_server(store, tmp_path, "--workers", "1") as server:
        assert count(server.url) > 0
        assert not abandoned.exists()
        assert [p.name for p in store.glob(".kgraph-serve-*")]
    assert not list(store.glob(".kgraph-serve-*"))
