"""Builds on a Dask cluster: ``kgraph build SOURCES --out kg/ --cluster tcp://HOST:8786``.

The build process (the Dask *client*) reads the sources as a stream
(:mod:`kgraph.pipeline.stream`), leaves out the articles the store already has
(as a local build does), and submits the others in partitions of
``partition_size`` articles. Each worker process loads the spaCy pipeline and
the rule set once (:class:`~kgraph.cluster.worker.KGraphWorkers`) and turns a
partition into a shard (:mod:`kgraph.cluster.shards`) in a folder every worker
and the client can reach: a path on shared storage or an fsspec URL. A shard is
named by a hash of its articles, kgraph's version, the model and the rules, so
a re-run skips the shards that are finished; Dask retries the partition of a
worker that died. The client loads the shards into the store in article order
(:mod:`kgraph.cluster.load`, Oxigraph's bulk loader, several shards a call) and
runs the cross-article analysis as a local build does, corroboration as Dask
group-bys over the shards' fact tables (:mod:`kgraph.cluster.analysis`), so the
store does not depend on the number of workers. At most a few partitions per
worker are in flight, so the client's memory does not grow with the corpus.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgraph.cluster.analysis import ClusterCorroboration
from kgraph.cluster.load import ShardLoader
from kgraph.cluster.shards import ShardSpec, shard_done, shard_key
from kgraph.cluster.worker import KGraphWorkers, build_shard, process_model
from kgraph.errors import RemoteError
from kgraph.graph import KGStore, StoreKind, catalog_descriptions
from kgraph.graph.analysis import refresh_analysis
from kgraph.graph.merge import merge_short_names
from kgraph.ingest import iter_articles, latest_versions
from kgraph.link.trust import DEFAULT_MIN_CONFIDENCE
from kgraph.model import Article
from kgraph.ontology import load_ontology
from kgraph.pipeline import (
    BuildInterrupted,
    BuildReport,
    Progress,
    new_articles,
    new_run,
    without_text,
)
from kgraph.pipeline.stream import chunks, count_versions, latest_stream
from kgraph.pipeline.timing import Timings

__all__ = ["DEFAULT_PARTITION_SIZE", "ClusterReport", "cluster_build", "default_shards"]

#: Articles per partition (one task, one shard).
DEFAULT_PARTITION_SIZE = 256
#: Partitions in flight per worker: enough to keep the workers busy while the client loads.
_IN_FLIGHT_PER_WORKER = 2


@dataclass
class ClusterReport(BuildReport):
    """What a cluster build did: a :class:`~kgraph.pipeline.BuildReport`, and its shards."""

    shards: str = ""
    shards_built: int = 0
    shards_reused: int = 0
    load_seconds: float = 0.0
    analysis_on_cluster: bool = False  # corroboration ran as Dask group-bys over the shards


def default_shards(out: str | Path) -> Path:
    """The shard folder beside the store ``out``: ``OUT.shards``."""
    out = Path(out)
    return out.with_name(out.name + ".shards")


def cluster_build(
    paths: Iterable[str | Path],
    out: str | Path,
    *,
    scheduler: str,
    shards: str | Path | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    model: str | None = None,
    base_iri: str | None = None,
    ontology_dir: Path | None = None,
    progress: Progress | None = None,
    batch_size: int = 16,
    store: StoreKind | str | None = None,
    min_confidence: float | None = None,
) -> ClusterReport:
    """Build (or extend) the store ``out`` from ``paths`` on the Dask cluster ``scheduler``.

    The same store as :func:`kgraph.pipeline.build` gives (with ``$SOURCE_DATE_EPOCH``,
    the same N-Quads).

    Raises:
        RemoteError: the scheduler cannot be reached.
        StoreError, ConfigError: as :func:`kgraph.pipeline.build`.
        BuildInterrupted: on Ctrl-C; the shards loaded so far are in the store.
    """
    began = time.perf_counter()
    folder = str(shards if shards is not None else default_shards(out))
    report = ClusterReport(Path(out), shards=folder)
    ontology = load_ontology(ontology_dir)
    versions = count_versions(paths, ontology.boilerplate)
    if not versions:
        latest_versions(iter_articles(paths, ontology.boilerplate, report.ingest), report.ingest)
        return report
    bar = DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
    stream = latest_stream(paths, ontology.boilerplate, report.ingest, versions)
    with _client(scheduler) as client:
        client.register_plugin(KGraphWorkers(model, ontology_dir, batch_size, bar))
        report.workers = max(1, len(client.scheduler_info()["workers"]))
        report.model = model_info = client.submit(process_model, pure=False).result()
        try:
            with KGStore.open(out, create=True, base_iri=base_iri, kind=store) as kg:
                kg.replace_graph(kg.iris.ontology_graph, ontology.graph)
                catalog = catalog_descriptions(kg.iris, ontology.entities)
                kg.add_entities(catalog)
                spec = ShardSpec(folder, kg.iris.base, new_run(kg, model_info))
                if progress:
                    progress.start(len(versions))
                parts = new_articles(
                    kg, chunks(stream, max(1, partition_size)), report, progress, Timings()
                )
                submit = _submitter(client, spec, model_info, bar, ontology_dir)
                with ShardLoader(kg, folder) as loader:
                    window: deque[tuple[str, list[Article], Any]] = deque()
                    for part in parts:
                        window.append(submit(part))
                        while len(window) > _IN_FLIGHT_PER_WORKER * report.workers:
                            _load(loader, report, progress, *window.popleft())
                    while window:
                        _load(loader, report, progress, *window.popleft())
                report.load_seconds = loader.seconds
                keep = [d.iri for d in catalog]
                if report.replaced:
                    kg.collect_garbage(keep=keep)
                merges = merge_short_names(kg, keep=keep)  # as a local build does
                corroborate = ClusterCorroboration(folder, loader.keys, merges)
                refresh_analysis(kg, ontology, corroborate)
                report.analysis_on_cluster = corroborate.on_cluster
        except KeyboardInterrupt as exc:
            raise BuildInterrupted(report) from exc
    report.seconds = time.perf_counter() - began
    return report


def _submitter(
    client: Any, spec: ShardSpec, model: Any, bar: float, ontology_dir: Path | None
) -> Callable[[list[Article]], tuple[str, list[Article], Any]]:
    """A function giving a partition's shard key, its articles without their texts, and
    the task building its shard (None when the shard is finished)."""

    def submit(part: list[Article]) -> tuple[str, list[Article], Any]:
        key = shard_key(
            part, model=model, base_iri=spec.base_iri, min_confidence=bar, ontology_dir=ontology_dir
        )
        task = None
        if not shard_done(spec.folder, key):
            task = client.submit(build_shard, spec, key, part, key=f"kgraph-shard-{key}", retries=3)
        return key, [without_text(a) for a in part], task

    return submit


def _load(
    loader: ShardLoader,
    report: ClusterReport,
    progress: Progress | None,
    key: str,
    articles: list[Article],
    task: Any,
) -> None:
    """Wait for a shard (if it is being built) and load it."""
    if task is None:
        report.shards_reused += 1
    else:
        task.result()
        task.release()
        report.shards_built += 1
    rows = loader.load(key, articles)
    for article, row in zip(articles, rows, strict=True):
        if row["error"] is not None:
            report.failed.append((article, row["error"]))
        else:
            (report.replaced if row["replaced"] else report.added).append(article)
            report.sentences += row["sentences"]
            report.facts += row["facts"]
        if progress:
            progress.advance(article, row["facts"])


def _client(scheduler: str) -> Any:
    from distributed import Client

    try:
        return Client(scheduler, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise RemoteError(
            f"cannot reach the Dask scheduler {scheduler} ({exc}); start one with "
            "'dask scheduler' and give its address, e.g. --cluster tcp://10.0.0.5:8786"
        ) from exc
