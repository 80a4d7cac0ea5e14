"""Articles made ready to write where they are parsed (issue 16, part 3), and the CPU timers.

No model: the extracted records are built by hand.
"""

from __future__ import annotations

import pickle
import time
from datetime import datetime, timezone
from types import SimpleNamespace

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kgraph.graph import KGStore, graph_quads
from kgraph.model import Article, ModelInfo
from kgraph.pipeline import new_run
from kgraph.pipeline.prepare import Prepared, RunIdentity, prepare
from kgraph.pipeline.timing import Timings, format_profile, profile
from kgraph.vocab import Iris

_MODEL = ModelInfo("en_core_web_sm", "3.8.0", "3.8.18")
_STARTED = datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)


def test_throughput_prepared_crosses_processes_as_the_same_quads() -> None:
    quads = graph_quads(
        [
            (URIRef("http://x/a"), URIRef("http://x/p"), Literal('Zoë "q"\n', lang="en")),
            (URIRef("http://x/a"), URIRef("http://x/n"), Literal(3)),
        ],
        URIRef("http://x/g"),
    )
    ready = Prepared(Article(id="a", text=""), tuple(quads), (), sentences=2, facts=1)
    back = pickle.loads(pickle.dumps(ready))
    assert back == ready and back.quads == tuple(quads)
    assert all(isinstance(q, ox.Quad) for q in back.quads)
    empty = pickle.loads(pickle.dumps(Prepared(Article(id="b", text=""), error="boom")))
    assert empty.quads == () and empty.error == "boom"


def test_throughput_prepare_drops_the_text_and_keeps_a_failure() -> None:
    article = Article(id="a", text="Some text that stays in the worker.")
    item = SimpleNamespace(article=article, sentences=(), facts=(), error="ValueError: bad")
    ready = prepare(Iris(), item, URIRef("http://x/run"))
    assert ready.error == "ValueError: bad" and ready.article.text == "" and ready.quads == ()


def test_throughput_workers_and_writer_name_the_same_run(tmp_path) -> None:
    with KGStore.open(tmp_path / "kg", create=True) as kg:
        run = new_run(kg, _MODEL, _STARTED)
        assert RunIdentity(kg.iris.base, _STARTED).iri(_MODEL) == run.iri
        other = RunIdentity(kg.iris.base, _STARTED.replace(second=21)).iri(_MODEL)
        assert other != run.iri


def test_throughput_timings_count_cpu_seconds_of_the_thread() -> None:
    timings = Timings()
    with timings.stage("busy"):
        end = time.thread_time() + 0.02
        while time.thread_time() < end:
            pass
    with timings.stage("idle"):
        time.sleep(0.05)
    assert timings.cpu["busy"] >= 0.02 and timings.cpu["idle"] < 0.02 <= timings.seconds["idle"]
    taken = timings.take_all()
    assert timings.seconds == timings.cpu == {} and set(taken.cpu) == {"busy", "idle"}
    report = SimpleNamespace(
        seconds=1.0,
        cpu_seconds=0.5,
        workers=1,
        stages=taken.seconds,
        stage_cpu=taken.cpu,
        writer_stages={"write": 0.3},
        writer_cpu={},
        worker_stages={},
    )
    data = profile(report)
    rows = {r["stage"]: r for r in data["stages"]}
    assert rows["busy"]["cpu_seconds"] >= 0.02 and rows["write"]["cpu_seconds"] is None
    assert data["cpu_seconds"] == 0.5 and "cpu s" in format_profile(data)
