"""The stage timers of a build: ``kgraph build --profile`` and kgraph.pipeline.timing."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.pipeline.timing import Timings, format_profile, profile

DATA = Path(__file__).resolve().parent.parent / "data"
#: The stages a build of new articles always times (in the build process or its writer).
_STAGES = {"ingest", "setup", "model load", "parse", "extract", "link", "write", "analysis"}


def test_profile_timed_iterator_counts_producing_each_item() -> None:
    timings = Timings()
    assert list(timings.timed("parse", iter([1, 2, 3]))) == [1, 2, 3]
    with timings.stage("parse"):
        pass
    assert set(timings.seconds) == {"parse"} and timings.seconds["parse"] >= 0
    assert timings.take()["parse"] >= 0 and timings.seconds == {}


def test_profile_other_is_the_untimed_rest_and_the_writer_is_apart() -> None:
    report = SimpleNamespace(
        seconds=10.0,
        workers=2,
        stages={"parse": 6.0, "ingest": 1.0},
        writer_stages={"write": 3.0},
        worker_stages={"parse": 12.0, "link": 4.0},
    )
    rows = {(r["stage"], r["where"]): r for r in profile(report)["stages"]}
    assert [r["stage"] for r in profile(report)["stages"]][:3] == ["ingest", "parse", "other"]
    assert rows[("other", "build process")]["seconds"] == 3.0
    assert rows[("parse", "2 workers, summed")]["share"] == 0.75
    assert "writer thread" in format_profile(profile(report))


@pytest.mark.model
def test_profile_build_writes_every_stage_within_the_wall_time(tmp_path: Path) -> None:
    out = tmp_path / "profile.json"
    args = ["build", str(DATA), "--out", str(tmp_path / "kg"), "--workers", "1", "-q"]
    result = CliRunner().invoke(cli, [*args, "--profile", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {r["stage"] for r in data["stages"]} >= _STAGES
    assert all(r["seconds"] >= 0 and r["share"] >= 0 for r in data["stages"])
    timed = [r for r in data["stages"] if r["where"] == "build process" and r["stage"] != "other"]
    assert sum(r["seconds"] for r in timed) <= data["wall_seconds"]
    writer = [r for r in data["stages"] if r["where"].startswith("writer thread")]
    assert all(r["seconds"] <= data["wall_seconds"] for r in writer)


@pytest.mark.model
def test_profile_build_with_workers_sums_their_stages(tmp_path: Path) -> None:
    from kgraph.pipeline import build

    report = build([DATA], tmp_path / "kg", workers=2, batch_size=2)  # 5 articles: 3 batches
    assert {"parse", "extract", "link"} <= set(report.worker_stages)
    assert "wait for workers" in report.stages and "parse" not in report.stages
    table = format_profile(profile(report))
    assert "2 workers, summed" in table and "wall" in table
