"""kgraph build --cluster on a real Dask cluster: a scheduler and two workers on loopback
(issue 19, part 5). Each test compares with the local build of the sample corpus."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .expected import DATA, EPOCH, store_quads

pytest.importorskip(
    "distributed", reason="Dask is not installed: pip install -e '.[cluster]' (cluster tests)"
)
pytest.importorskip("pyarrow", reason="pyarrow is not installed: pip install -e '.[cluster]'")

pytestmark = [pytest.mark.cluster, pytest.mark.model]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Cluster:
    """A Dask scheduler and its workers, each a process this test module started."""

    def __init__(self) -> None:
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        self.processes: list[subprocess.Popen[bytes]] = []
        self.workers: list[subprocess.Popen[bytes]] = []

    def _start(self, *args: str) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [sys.executable, "-m", "dask", *args, "--dashboard-address", "127.0.0.1:0"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.processes.append(process)
        return process

    def start(self, workers: int) -> None:
        port = self.address.rsplit(":", 1)[1]
        self._start("scheduler", "--host", "127.0.0.1", "--port", port)
        for _ in range(workers):
            self.add_worker()
        self.wait_for(workers)

    def add_worker(self) -> None:
        self.workers.append(
            self._start(
                "worker", self.address, "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny"
            )
        )

    def wait_for(self, workers: int) -> None:
        from distributed import Client

        with Client(self.address, timeout="60s") as client:
            client.wait_for_workers(workers, timeout=120)

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="module")
def cluster() -> Iterator[_Cluster]:
    running = _Cluster()
    try:
        running.start(workers=2)
        yield running
    finally:
        running.stop()


@pytest.fixture()
def epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def _build(cluster: _Cluster, out: Path, shards: Path, size: int = 2):  # type: ignore[no-untyped-def]
    from kgraph.cluster import cluster_build

    return cluster_build([DATA], out, scheduler=cluster.address, shards=shards, partition_size=size)


def test_cluster_build_is_the_local_build_and_a_rerun_recomputes_nothing(
    cluster: _Cluster, built_store: Path, tmp_path: Path, epoch: None
) -> None:
    shards = tmp_path / "shards"
    report = _build(cluster, tmp_path / "kg", shards)
    assert len(report.added) == 5 and not report.failed
    assert report.shards_built == 3 and report.shards_reused == 0
    assert report.analysis_on_cluster  # corroboration: Dask group-bys over the fact tables
    assert len(list(shards.glob("*.facts.parquet"))) == 3
    assert store_quads(tmp_path / "kg") == store_quads(built_store)
    # the same store again: every article is there, nothing is submitted
    again = _build(cluster, tmp_path / "kg", shards)
    assert len(again.unchanged) == 5 and again.written == 0
    assert not again.analysis_on_cluster  # no shard of this build: over the store
    assert again.shards_built == 0 and again.shards_reused == 0
    # a new store from the same shards: loaded, not recomputed
    fresh = _build(cluster, tmp_path / "fresh", shards)
    assert fresh.shards_built == 0 and fresh.shards_reused == 3 and fresh.analysis_on_cluster
    assert store_quads(tmp_path / "fresh") == store_quads(built_store)


def test_cluster_build_completes_when_a_worker_dies(
    cluster: _Cluster, built_store: Path, tmp_path: Path, epoch: None
) -> None:
    shards = tmp_path / "shards"
    done: list[object] = []
    thread = threading.Thread(
        target=lambda: done.append(_build(cluster, tmp_path / "kg", shards, size=1)), daemon=True
    )
    thread.start()
    deadline = time.monotonic() + 300
    while not list(shards.glob("*.articles.parquet")) and time.monotonic() < deadline:
        time.sleep(0.2)  # until the first shard is written: the workers are busy
    victim = cluster.workers[-1]
    victim.kill()
    victim.wait()
    thread.join(timeout=600)
    assert done, "the build did not finish after a worker died"
    report = done[0]
    assert len(report.added) == 5 and not report.failed  # type: ignore[attr-defined]
    assert store_quads(tmp_path / "kg") == store_quads(built_store)
