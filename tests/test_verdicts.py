"""A fact a blind judge found WRONG, once gone from the build, never comes back.

``benchmarks/precision.py`` adds every WRONG-judged fact that a build no longer
makes to ``benchmarks/judged/gone.jsonl`` (append-only), and keeps the articles
they come from in ``benchmarks/judged/articles.jsonl``. This test rebuilds those
articles (the seed corpus from ``data/``) and fails on any of them it makes again.

The rebuild holds only these articles, not the whole corpus, so a node label
that depends on other articles of the corpus may differ; the fact is then not
recognised (the test can miss a regression, never invent one).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "benchmarks" / "judged"
sys.path.insert(0, str(ROOT / "benchmarks"))

import precision  # noqa: E402

pytestmark = pytest.mark.model


def _gone() -> dict[str, set[tuple[str, ...]]]:
    by_corpus: dict[str, set[tuple[str, ...]]] = {}
    for key in precision.read_keys(precision.GONE):
        by_corpus.setdefault(key[0], set()).add(key)
    return by_corpus


def test_verdicts_files_are_well_formed() -> None:
    verdicts = precision.load_verdicts()  # exits on a verdict that is not one of the three
    assert len(verdicts) >= 400, "issue 14 asks for at least 400 blind verdicts"
    categories = {v["category"] for v in verdicts.values() if v["verdict"] != "CORRECT"}
    assert categories, "PARTIAL and WRONG verdicts carry an error category"
    for key in precision.read_keys(precision.GONE):
        assert verdicts[key]["verdict"] == "WRONG", key


@pytest.mark.parametrize("corpus", sorted(_gone()) or ["none"])
def test_verdicts_wrong_facts_stay_gone(
    corpus: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from kgraph.pipeline import build

    if corpus == "none":
        pytest.skip("no fact judged WRONG has gone from a build yet")
    gone = _gone()[corpus]
    store = tmp_path / "kg"
    if corpus == "seed":  # data/, built once for the session
        store = request.getfixturevalue("built_store")
    else:
        records = [
            {k: v for k, v in r.items() if k != "corpus"}
            for r in map(json.loads, precision.ARTICLES.read_text(encoding="utf-8").splitlines())
            if r["corpus"] == corpus
        ]
        assert {k[2] for k in gone} <= {r["id"] for r in records}, "articles.jsonl lacks some"
        source = tmp_path / f"{corpus}.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        build([source], store, workers=1)
    _sentences, facts = precision.read_facts(corpus, store)
    back = sorted(gone & {f.key for f in facts})
    assert not back, "WRONG facts came back:\n" + "\n\n".join(
        f"{k[2]}: {k[3]}\n{k[4]}" for k in back
    )
