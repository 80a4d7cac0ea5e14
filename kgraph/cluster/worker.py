"""What runs on a Dask worker: the plugin that loads the pipeline, and the shard task.

The plugin calls :func:`kgraph.pipeline.workers.load_process`, as a local
build's pool initializer does, so each worker process loads the spaCy pipeline
and the rule set once; :func:`build_shard` then turns a partition into a shard
with the local build's own per-article code (:func:`~kgraph.pipeline.workers.extract_batch`
and :func:`~kgraph.pipeline.article_writes`). Run workers with ``--nthreads 1``
(one process per core): a worker's spaCy pipeline serves one partition at a time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin

from kgraph.cluster.shards import ShardSpec, write_shard
from kgraph.model import Article
from kgraph.pipeline import article_writes
from kgraph.pipeline.workers import extract_batch, load_process, process_model
from kgraph.vocab import Iris

__all__ = ["KGraphWorkers", "ShardSummary", "build_shard", "process_model"]


class KGraphWorkers(WorkerPlugin):
    """Loads kgraph's spaCy pipeline and rule set once in each worker process."""

    name = "kgraph"

    def __init__(
        self, model: str | None, ontology_dir: Path | None, batch_size: int, min_confidence: float
    ) -> None:
        self.settings = (model, ontology_dir, batch_size, min_confidence)

    def setup(self, worker: Any) -> None:
        """Called by Dask in each worker, now and in every worker that joins later.

        A worker that has loaded the same settings for an earlier build keeps them.
        """
        if getattr(worker, "_kgraph_settings", None) != self.settings:
            load_process(*self.settings)
            worker._kgraph_settings = self.settings


@dataclass(frozen=True)
class ShardSummary:
    """What a shard task did (the shard itself is in the folder)."""

    key: str
    articles: int
    quads: int
    seconds: float


def build_shard(spec: ShardSpec, key: str, articles: list[Article]) -> ShardSummary:
    """Parse, extract and link ``articles`` and write them as the shard ``key``."""
    began = time.perf_counter()
    extracted, _seconds = extract_batch(articles)
    iris = Iris(spec.base_iri)
    rows = []
    for seq, item in enumerate(extracted):
        iri = str(iris.article(item.article.id))
        row = {
            "seq": seq,
            "id": item.article.id,
            "iri": iri,
            "sha256": item.article.sha256,
            "origin": item.article.origin,
            "sentences": len(item.sentences),
            "facts": len(item.facts),
            "error": item.error,
        }
        writes = None if item.error else article_writes(iris, item, spec.run.iri)
        rows.append((row, writes))
    quads = write_shard(spec, key, rows)
    return ShardSummary(key, len(articles), quads, time.perf_counter() - began)
