"""Interrupted builds (issue 13 part 8): no process left, a message, an honest analysis state."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.graph import KGStore
from kgraph.graph.analysis import AnalysisState, analysis_state
from kgraph.pipeline import BuildInterrupted, build

DATA = Path(__file__).parent.parent / "data"
KGRAPH = [sys.executable, "-m", "kgraph"]


def _corpus(folder: Path, count: int = 300) -> Path:
    """``count`` JSONL articles: the samples with a numbered last paragraph."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))]
    path = folder / "many.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            text = f"{texts[i % len(texts)]}\n\nThis is report number {i} of the series."
            handle.write(json.dumps({"id": f"r{i}", "text": text}) + "\n")
    return path


def _start_build(tmp_path: Path) -> tuple[subprocess.Popen[str], list[psutil.Process]]:
    """A ``kgraph build --workers 2`` in mid-build: its pool's processes are up and working."""
    corpus = _corpus(tmp_path)
    stderr = (tmp_path / "stderr.txt").open("w")
    build_process = subprocess.Popen(
        [*KGRAPH, "build", str(corpus), "--out", str(tmp_path / "kg"), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        text=True,
    )
    parent = psutil.Process(build_process.pid)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # forkserver, two workers, maybe a resource tracker
        if len(parent.children(recursive=True)) >= 3:
            break
        time.sleep(0.2)
    time.sleep(12)  # the workers load the model and parse their first batches
    children = parent.children(recursive=True)
    assert len(children) >= 3 and build_process.poll() is None, "the build is under way"
    return build_process, children


def _left(children: list[psutil.Process], seconds: float = 5) -> list[psutil.Process]:
    deadline = time.monotonic() + seconds
    while True:
        alive = [c for c in children if _running(c)]
        if not alive or time.monotonic() > deadline:
            for child in alive:  # do not leave them to the next test
                child.kill()
            return alive
        time.sleep(0.2)


def _running(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.mark.model
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_pipeline_kill_9_of_a_build_leaves_no_process(tmp_path: Path) -> None:
    build_process, children = _start_build(tmp_path)
    os.kill(build_process.pid, signal.SIGKILL)
    assert build_process.wait(30) == -signal.SIGKILL
    assert _left(children) == []


@pytest.mark.model
def test_cli_sigterm_stops_a_build_with_a_message_and_keeps_its_articles(tmp_path: Path) -> None:
    build_process, children = _start_build(tmp_path)
    os.kill(build_process.pid, signal.SIGTERM)
    assert build_process.wait(60) == 128 + signal.SIGTERM
    assert _left(children) == []
    message = (tmp_path / "stderr.txt").read_text(encoding="utf-8")
    found = re.search(r"interrupted: (\d+) articles stored, rerun the same command", message)
    assert found, message
    assert "Traceback" not in message
    with KGStore.open(tmp_path / "kg", read_only=True) as kg:
        stored = len(list(kg.query("SELECT ?a WHERE { ?a a kg:Article }")))
        state = analysis_state(kg)
    assert stored == int(found.group(1))
    assert state is AnalysisState.PENDING  # the articles changed, the analysis did not run


@pytest.mark.model
def test_cli_ctrl_c_of_a_build_exits_130_with_the_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kgraph.pipeline.workers as workers

    real, seen = workers.extract_article, []

    def interrupted_at_the_third(article, doc, *args):  # type: ignore[no-untyped-def]
        seen.append(doc)
        if len(seen) == 3:
            raise KeyboardInterrupt
        return real(article, doc, *args)

    monkeypatch.setattr(workers, "extract_article", interrupted_at_the_third)
    result = CliRunner().invoke(
        cli, ["build", str(DATA), "--out", str(tmp_path / "kg"), "--workers", "1"]
    )
    assert result.exit_code == 130, result.output
    assert "interrupted: 2 articles stored, rerun the same command to continue" in result.output
    again = CliRunner().invoke(cli, ["build", str(DATA), "--out", str(tmp_path / "kg"), "-j", "1"])
    assert again.exit_code == 0  # the rerun continues: the two kept, the other three added
    assert "3 articles added" in again.output and "2 already in the store" in again.output


@pytest.mark.model
def test_cli_conflicts_after_an_interrupted_analysis_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kgraph.pipeline

    def interrupted(kg: KGStore, ontology: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(kgraph.pipeline, "refresh_analysis", interrupted)
    article = DATA / "000_e44c5ff607d1961c.txt"
    with pytest.raises(BuildInterrupted) as caught:
        build([article], tmp_path / "kg", workers=1)
    assert caught.value.report.written == 1
    result = CliRunner().invoke(cli, ["conflicts", str(tmp_path / "kg")])
    assert result.exit_code == 1
    assert "did not finish" in result.output and "interrupted" in result.output
    assert "older kgraph" not in result.output
    assert "kgraph build" in result.output and "--refresh" in result.output
    monkeypatch.undo()
    build([article], tmp_path / "kg", workers=1)  # the same command again: nothing to add
    assert CliRunner().invoke(cli, ["conflicts", str(tmp_path / "kg")]).exit_code == 0


def test_cli_conflicts_of_a_store_never_analysed_still_asks_for_refresh(tmp_path: Path) -> None:
    with KGStore.open(tmp_path / "kg", create=True, kind="memory"):
        pass
    result = CliRunner().invoke(cli, ["conflicts", str(tmp_path / "kg")])
    assert result.exit_code == 1 and "older kgraph" in result.output
