"""Incremental builds, transactions, and the same graph whatever the workers or engine."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kgraph.cli import cli
from kgraph.errors import StoreError
from kgraph.graph import KGStore
from kgraph.model import make_article_id
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


def test_incremental_same_graph_whatever_the_engine(
    built_store: Path, tmp_path: Path, epoch: None
) -> None:
    ox = built_store  # data/ built once for the session, with the default engine: Oxigraph
    build([DATA], tmp_path / "mem", store="memory")
    assert (tmp_path / "mem" / "graph.nq").is_file()
    assert store_quads(ox) == store_quads(tmp_path / "mem")
    for path in (ox, tmp_path / "mem"):
        with KGStore.open(path, read_only=True) as kg:
            assert kg.kind.value == ("oxigraph" if path == ox else "memory")
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


# --- an article's identity: every route by which a new version replaces the old (issue 13) -------

_OLD = "Zanzibar Telecom acquired Kilimanjaro Networks in May."
_NEW = "Russia brokered a ceasefire between Armenia and Azerbaijan."
_NEWER = "Azerbaijan launched a military operation in Nagorno-Karabakh."


def _kgraph(*args: str | Path) -> Result:
    """The real CLI, in process; one worker, so no process pool per call."""
    argv = [str(a) for a in args]
    if argv[0] == "build":
        argv += ["--workers", "1"]
    return CliRunner().invoke(cli, argv, catch_exceptions=False)


def _articles(store: Path) -> dict[str, tuple[str, str, str]]:
    """The store's articles: IRI -> (dcterms:identifier, kg:origin, kg:text)."""
    with KGStore.open(store, read_only=True) as kg:
        rows = kg.query("""SELECT ?a ?id ?origin ?text WHERE {
            ?a a kg:Article ; dcterms:identifier ?id ; kg:origin ?origin ; kg:text ?text }""")
        return {r["a"].value: (r["id"].value, r["origin"].value, r["text"].value) for r in rows}


def _jsonl(path: Path, *records: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_incremental_a_rerun_that_only_replaces_exits_0(tmp_path: Path, epoch: None) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(_OLD + "\n")
    (news / "b.txt").write_text(_NEW + "\n")
    assert _kgraph("build", news, "-o", tmp_path / "kg").exit_code == 0
    edited = [_NEWER, "Talks between Armenia and Azerbaijan resumed in Brussels."]
    (news / "a.txt").write_text(edited[0] + "\n")
    (news / "b.txt").write_text(edited[1] + "\n")
    result = _kgraph("build", news, "-o", tmp_path / "kg")
    assert result.exit_code == 0, result.output
    assert "0 articles added, 2 replaced, 0 already in the store" in result.output
    assert sorted(t for _, _, t in _articles(tmp_path / "kg").values()) == sorted(edited)


def test_incremental_a_file_is_one_article_by_any_path(
    tmp_path: Path, epoch: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Relative, absolute, via its folder, via '.': one origin, one article, replaced each time."""
    news = tmp_path / "news"
    news.mkdir()
    story = news / "a.txt"
    store = tmp_path / "kg"
    monkeypatch.chdir(news)
    routes = ["a.txt", story, ".", news, "../news/", Path("..") / "news" / "a.txt"]
    texts = [_OLD, _NEW, _NEWER, _OLD, _NEW, _NEWER]
    for number, (route, text) in enumerate(zip(routes, texts, strict=True)):
        story.write_text(text + "\n")
        result = _kgraph("build", route, "-o", store)
        assert result.exit_code == 0, result.output
        assert ("1 replaced" if number else "1 articles added") in result.output, route
        ((_, origin, stored),) = _articles(store).values()
        assert (origin, stored) == ("news/a.txt", text), route


def test_incremental_same_jsonl_id_in_a_new_feed_replaces_the_record(
    tmp_path: Path, epoch: None
) -> None:
    store = tmp_path / "kg"
    old = _jsonl(tmp_path / "feed-1.jsonl", {"id": "a1", "text": _OLD}, {"id": "a2", "text": _NEW})
    assert _kgraph("build", old, "-o", store).exit_code == 0
    new = _jsonl(tmp_path / "feed-2.jsonl", {"id": "a1", "text": _NEWER})
    result = _kgraph("build", new, "-o", store)
    assert result.exit_code == 0 and "0 articles added, 1 replaced" in result.output
    stored = sorted(_articles(store).values())
    assert [(i, t) for i, _, t in stored] == [("a1", _NEWER), ("a2", _NEW)]
    assert stored[0][1] == f"{tmp_path.name}/feed-2.jsonl:1"
    # both feeds again: the later version wins, nothing changes
    before = store_quads(store)
    result = _kgraph("build", old, new, "-o", store)
    assert "0 articles added, 0 replaced, 2 already in the store" in result.output
    assert "1 superseded" in result.output
    assert store_quads(store) == before
    assert _kgraph("remove", store, "a1").exit_code == 0
    assert [i for i, _, _ in _articles(store).values()] == ["a2"]


def test_incremental_same_url_in_html_then_jsonl(tmp_path: Path, epoch: None) -> None:
    url = "https://news.example/2023/09/19/ceasefire"
    page = tmp_path / "page.html"
    page.write_text(
        f'<html><head><link rel="canonical" href="{url}"><title>Deal</title></head>'
        f"<body><article><p>{_OLD}</p></article></body></html>",
        encoding="utf-8",
    )
    store = tmp_path / "kg"
    assert _kgraph("build", page, "-o", store).exit_code == 0
    feed = _jsonl(tmp_path / "feed.jsonl", {"url": url, "text": _NEW})
    result = _kgraph("build", feed, "-o", store)
    assert result.exit_code == 0 and "0 articles added, 1 replaced" in result.output
    ((iri, (_, origin, text)),) = _articles(store).items()
    assert (origin, text) == (f"{tmp_path.name}/feed.jsonl:1", _NEW)
    with KGStore.open(store, read_only=True) as kg:
        assert iri == str(kg.iris.article(make_article_id(url)))


@pytest.mark.parametrize("key", ["record id", "url", "iri", "origin", "file", "absolute file"])
def test_incremental_remove_by_any_key(
    tmp_path: Path, epoch: None, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "story.txt").write_text(_OLD + "\n")
    _jsonl(
        news / "feed.jsonl",
        {"id": "a1", "text": _NEW},
        {"url": "https://n.example/x", "text": _NEWER},
    )
    store = tmp_path / "kg"
    assert _kgraph("build", news, "-o", store).exit_code == 0
    story = str(next(iri for iri, (_, o, _) in _articles(store).items() if o == "news/story.txt"))
    monkeypatch.chdir(news)
    given, gone = {
        "record id": ("a1", _NEW),
        "url": ("https://n.example/x", _NEWER),
        "iri": (story, _OLD),
        "origin": ("news/story.txt", _OLD),
        "file": ("story.txt", _OLD),
        "absolute file": (str(news / "story.txt"), _OLD),
    }[key]
    result = _kgraph("remove", store, given)
    assert result.exit_code == 0, result.output
    left = sorted(t for _, _, t in _articles(store).values())
    assert left == sorted({_OLD, _NEW, _NEWER} - {gone})


def test_incremental_a_moved_jsonl_line_is_not_lost(tmp_path: Path, epoch: None) -> None:
    """Records without url or id are known by their line: one inserted above moves them."""
    feed = _jsonl(tmp_path / "feed.jsonl", {"text": _OLD}, {"text": _NEW})
    assert _kgraph("build", feed, "-o", tmp_path / "kg").exit_code == 0
    _jsonl(feed, {"text": _NEWER}, {"text": _OLD}, {"text": _NEW})
    assert _kgraph("build", feed, "-o", tmp_path / "kg").exit_code == 0
    assert _kgraph("build", feed, "-o", tmp_path / "fresh").exit_code == 0
    assert store_quads(tmp_path / "kg") == store_quads(tmp_path / "fresh")


# --- origins: relative to the source argument, the same graph from anywhere (issue 13) ----------


def _news_corpus(folder: Path) -> Path:
    (folder / "2023").mkdir(parents=True)
    (folder / "2023" / "a.txt").write_text(_OLD + "\n")
    (folder / "b.txt").write_text(_NEW + "\n")
    _jsonl(folder / "feed.jsonl", {"text": _NEWER}, {"id": "x1", "text": _OLD + " It was a deal."})
    return folder


def test_incremental_same_graph_from_any_place_and_working_directory(
    tmp_path: Path, epoch: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = _news_corpus(tmp_path / "alice" / "news")
    two = tmp_path / "bob" / "copies" / "news"
    shutil.copytree(one, two)
    monkeypatch.chdir(one.parent)
    assert _kgraph("build", "news", "-o", tmp_path / "kg1").exit_code == 0
    monkeypatch.chdir(two / "2023")
    assert _kgraph("build", two, "-o", tmp_path / "kg2").exit_code == 0
    quads = store_quads(tmp_path / "kg1")
    assert quads == store_quads(tmp_path / "kg2")
    origins = {o for _, o, _ in _articles(tmp_path / "kg1").values()}
    assert origins == {"news/2023/a.txt", "news/b.txt", "news/feed.jsonl:1", "news/feed.jsonl:2"}
    leaks = [q for q in quads if str(tmp_path) in q or "/tmp" in q or "alice" in q]
    assert not leaks, leaks[0]


def test_incremental_two_folders_with_the_same_file_names(tmp_path: Path, epoch: None) -> None:
    """``kgraph build a b``: a/x.txt and b/x.txt are two articles, and stay two."""
    for folder, text in (("a", _OLD), ("b", _NEW)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(text + "\n")
    store = tmp_path / "kg"
    result = _kgraph("build", tmp_path / "a", tmp_path / "b", "-o", store)
    assert "2 articles added" in result.output
    (tmp_path / "b" / "x.txt").write_text(_NEWER + "\n")
    result = _kgraph("build", tmp_path / "b", "-o", store)  # b alone: a's x.txt is not touched
    assert "0 articles added, 1 replaced" in result.output
    stored = sorted((o, t) for _, o, t in _articles(store).values())
    assert stored == [("a/x.txt", _OLD), ("b/x.txt", _NEWER)]


def test_incremental_folders_of_the_same_name_share_origins_and_say_so(
    tmp_path: Path, epoch: None, caplog: pytest.LogCaptureFixture
) -> None:
    """``kgraph build x/news y/news``: the limit of relative origins, warned about, not hidden."""
    for parent, text in (("x", _OLD), ("y", _NEW)):
        (tmp_path / parent / "news").mkdir(parents=True)
        (tmp_path / parent / "news" / "a.txt").write_text(text + "\n")
    with caplog.at_level(logging.WARNING, logger="kgraph.ingest"):
        report = build([tmp_path / "x" / "news", tmp_path / "y" / "news"], tmp_path / "kg")
    assert report.ingest.superseded == ["news/a.txt"] and len(report.added) == 1
    assert "two files have the origin news/a.txt" in caplog.text
