"""A build extracts an article again when the rules, the code or the model changed.

The text of an article being in the store is not enough to skip it: its facts
must come from the rules of this build (kgraph.pipeline.rules).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.graph import KGStore
from kgraph.pipeline import build
from kgraph.pipeline.rules import rules_digest

pytestmark = pytest.mark.model

_TEXTS = (
    "Azerbaijan closed the Lachin corridor on Monday. Armenia condemned the move.",
    "Russia sent 2,000 peacekeepers to the region. The ceasefire held for a week.",
    "The United Nations called for talks. Both governments agreed to meet in Geneva.",
)


def _corpus(path: Path, texts: tuple[str, ...] = _TEXTS) -> Path:
    rows = [{"url": f"https://news.example/{i}", "text": t} for i, t in enumerate(texts)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _digest(store: Path) -> str | None:
    with KGStore.open(store, read_only=True) as kg:
        return kg.rules_digest


def test_same_rules_skip_the_articles_other_rules_extract_them_again(tmp_path: Path) -> None:
    corpus, store = _corpus(tmp_path / "news.jsonl"), tmp_path / "kg"
    first = build([corpus], store, workers=1)
    assert len(first.added) == 3 and not first.rules_changed
    recorded = _digest(store)
    assert recorded is not None and len(recorded) == 32

    again = build([corpus], store, workers=1)
    assert len(again.unchanged) == 3 and not again.written and not again.rules_changed

    # another --min-confidence gives other facts from the same text
    other = build([corpus], store, workers=1, min_confidence=0.5)
    assert other.rules_changed and len(other.replaced) == 3 and not other.unchanged
    assert _digest(store) not in (None, recorded)
    with KGStore.open(store, read_only=True) as kg:
        assert kg.article_count() == 3  # replaced in place, not added beside the old ones


def test_a_build_of_part_of_the_store_leaves_it_marked_mixed(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    build([_corpus(tmp_path / "all.jsonl")], store, workers=1)
    part = _corpus(tmp_path / "part.jsonl", _TEXTS[:1])
    report = build([part], store, workers=1, min_confidence=0.5)
    assert report.rules_changed and len(report.replaced) == 1 and report.stale == 2
    assert (_digest(store) or "").startswith("mixed ")
    # the next build with these rules still extracts what it is given: the store is mixed
    whole = build([_corpus(tmp_path / "all.jsonl")], store, workers=1, min_confidence=0.5)
    assert whole.rules_changed and len(whole.replaced) == 3 and whole.stale == 0
    assert not (_digest(store) or "").startswith("mixed")


def test_the_build_summary_says_why_unchanged_articles_are_extracted_again(
    tmp_path: Path,
) -> None:
    corpus, store = _corpus(tmp_path / "news.jsonl"), tmp_path / "kg"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(corpus), "--out", str(store)]).exit_code == 0
    result = runner.invoke(
        cli, ["build", str(corpus), "--out", str(store), "--min-confidence", "0.5"]
    )
    assert result.exit_code == 0, result.output
    assert "extracted again" in result.output and "3 replaced" in result.output


def test_the_digest_follows_the_rule_files(tmp_path: Path) -> None:
    from kgraph.ontology import default_ontology_dir

    copy = tmp_path / "ontology"
    copy.mkdir()
    for path in default_ontology_dir().iterdir():
        if path.is_file():
            (copy / path.name).write_bytes(path.read_bytes())
    same = rules_digest(copy, "m 1", 0.0)
    assert same == rules_digest(default_ontology_dir(), "m 1", 0.0)
    with (copy / "verbs.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    assert rules_digest(copy, "m 1", 0.0) != same
