"""Incremental builds, transactions, and the same graph whatever the workers or engine."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kgraph.errors import StoreError
from kgraph.graph import KGStore
from kgraph.pipeline import build, remove

from .expected import DATA, EPOCH, store_quads

pytestmark = pytest.mark.model


def _paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(DATA.glob("*.txt")):
        paragraphs += [p for p in path.read_text(encoding="utf-8").splitlines() if len(p) > 120]
    return paragraphs


def _corpus(path: Path, count: int, *, offset: int = 0) -> Path:
    """A JSONL corpus of ``count`` articles made of real seed paragraphs."""
    paragraphs = _paragraphs()
    lines = []
    for i in range(offset, offset + count):
        body = "\n\n".join(paragraphs[(i + k) % len(paragraphs)] for k in range(3))
        lines.append(
            json.dumps(
                {
                    "url": f"https://news.example/{i}",
                    "title": f"Story {i}",
                    "published": "2023-09-20",
                    "text": body,
                }
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def test_incremental_add_then_rerun(tmp_path: Path, epoch: None) -> None:
    first = _corpus(tmp_path / "a.jsonl", 3)
    second = _corpus(tmp_path / "b.jsonl", 2, offset=3)
    assert len(build([first], tmp_path / "kg").added) == 3
    report = build([first, second], tmp_path / "kg")
    assert (len(report.added), len(report.unchanged)) == (2, 3)
    build([first, second], tmp_path / "fresh")
    assert store_quads(tmp_path / "kg") == store_quads(tmp_path / "fresh")


def test_incremental_changed_text_replaces_the_article(tmp_path: Path, epoch: None) -> None:
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(
        json.dumps(
            {
                "url": "https://news.example/x",
                "text": "Zanzibar Telecom acquired Kilimanjaro Networks in May.",
            }
        )
        + "\n"
    )
    build([corpus], tmp_path / "kg")
    corpus.write_text(
        json.dumps(
            {
                "url": "https://news.example/x",
                "text": "Azerbaijan launched a military operation in Nagorno-Karabakh.",
            }
        )
        + "\n"
    )
    report = build([corpus], tmp_path / "kg")
    assert (len(report.added), len(report.replaced)) == (0, 1)
    build([corpus], tmp_path / "fresh")
    with KGStore.open(tmp_path / "kg", read_only=True) as kg:
        article = kg.iris.article(report.replaced[0].id)
        assert store_quads(tmp_path / "kg", str(article)) == store_quads(
            tmp_path / "fresh", str(article)
        )
        assert not kg.query("ASK { ?e rdfs:label ?l FILTER(CONTAINS(?l, 'Kilimanjaro')) }")
        assert kg.query("ASK { ?s kg:initiates ?o }")


def test_incremental_edited_text_file_replaces_its_article(tmp_path: Path, epoch: None) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    story = corpus / "story.txt"
    story.write_text("Zanzibar Telecom acquired Kilimanjaro Networks in May.\n")
    build([corpus], tmp_path / "kg")
    story.write_text("Russia brokered a ceasefire between Armenia and Azerbaijan.\n")
    report = build([corpus], tmp_path / "kg")
    assert len(report.replaced) == 1
    with KGStore.open(tmp_path / "kg", read_only=True) as kg:
        rows = list(kg.query("SELECT ?a WHERE { ?a a kg:Article }"))
        assert len(rows) == 1
        assert kg.query("ASK { ?s kg:brokers ?o }")
        assert not kg.query("ASK { ?e rdfs:label ?l FILTER(CONTAINS(?l, 'Zanzibar')) }")


@pytest.mark.parametrize("key", ["id", "url", "iri", "origin"])
def test_incremental_remove_an_article(tmp_path: Path, epoch: None, key: str) -> None:
    corpus = _corpus(tmp_path / "a.jsonl", 2)
    extra = tmp_path / "extra.jsonl"
    extra.write_text(
        json.dumps(
            {
                "url": "https://news.example/zz",
                "text": "Zanzibar Telecom acquired Kilimanjaro Networks in May.",
            }
        )
        + "\n"
    )
    report = build([corpus, extra], tmp_path / "kg")
    article = report.added[-1]
    with KGStore.open(tmp_path / "kg", read_only=True) as kg:
        iri = str(kg.iris.article(article.id))
    given = {"id": article.id, "url": article.url, "iri": iri, "origin": article.origin}[key]
    removed = remove(tmp_path / "kg", str(given))
    assert str(removed.article) == iri and removed.quads > 0 and removed.entities >= 2
    build([corpus], tmp_path / "fresh")
    assert store_quads(tmp_path / "kg") == store_quads(tmp_path / "fresh")


def test_incremental_remove_unknown_article(tmp_path: Path) -> None:
    build([_corpus(tmp_path / "a.jsonl", 1)], tmp_path / "kg")
    with pytest.raises(StoreError, match="has no article 'nope'"):
        remove(tmp_path / "kg", "nope")


def test_incremental_same_graph_whatever_the_workers(tmp_path: Path, epoch: None) -> None:
    corpus = _corpus(tmp_path / "a.jsonl", 6)
    one = build([corpus], tmp_path / "one", workers=1, batch_size=2)
    two = build([corpus], tmp_path / "two", workers=2, batch_size=2)
    assert (one.workers, two.workers, len(two.added)) == (1, 2, 6)
    assert store_quads(tmp_path / "one") == store_quads(tmp_path / "two")


def test_incremental_same_graph_whatever_the_engine(tmp_path: Path, epoch: None) -> None:
    build([DATA], tmp_path / "ox", store="oxigraph")
    build([DATA], tmp_path / "mem", store="memory")
    assert (tmp_path / "mem" / "graph.nq").is_file()
    assert store_quads(tmp_path / "ox") == store_quads(tmp_path / "mem")
    for path in ("ox", "mem"):
        with KGStore.open(tmp_path / path, read_only=True) as kg:
            rows = list(kg.query("SELECT ?l WHERE { ?e a kg:Country ; rdfs:label ?l } ORDER BY ?l"))
            assert rows[0]["l"].value == "Armenia"


def test_incremental_killed_build_keeps_whole_articles_and_rerun_completes(
    tmp_path: Path, epoch: None
) -> None:
    corpus = _corpus(tmp_path / "a.jsonl", 40)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    command = [
        sys.executable,
        "-m",
        "kgraph",
        "-v",
        "build",
        str(corpus),
        "-o",
        str(tmp_path / "kg"),
        "--workers",
        "1",
        "--quiet",
    ]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
    assert process.stderr is not None
    written = 0
    for line in process.stderr:
        written += "wrote article" in line
        if written == 3:
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the build ended before it could be killed"
    with KGStore.open(tmp_path / "kg", read_only=True) as kg:
        articles = int(
            next(iter(kg.query("SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }")))["n"].value
        )
        assert 3 <= articles < 40
        incomplete = kg.query("""ASK { ?f a rdf:Statement ; prov:wasDerivedFrom ?a
            FILTER NOT EXISTS { ?a kg:sha256 [] ; kg:text [] ; kg:sentenceCount [] } }""")
        assert not incomplete
    report = build([corpus], tmp_path / "kg", workers=1)
    assert len(report.added) + articles == 40 and len(report.unchanged) == articles
    build([corpus], tmp_path / "fresh", workers=1)
    assert store_quads(tmp_path / "kg") == store_quads(tmp_path / "fresh")
    shutil.rmtree(tmp_path / "fresh")
