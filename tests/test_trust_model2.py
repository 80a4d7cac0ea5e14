"""How benchmarks/fit_trust.py fits the trust model: a rare feature gets no weight."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import fit_trust  # noqa: E402
from precision import Fact  # noqa: E402

from kgraph.link.trust import FactView  # noqa: E402


def _row(i: int, rule: str, correct: bool) -> tuple[Fact, bool]:
    view = FactView(rule, 0.5, "ner", "new", True, "Baku", "troops", "send", "Baku", "troops")
    fact = Fact(
        "seed", "asserted", f"a{i}", "", "", "", f"Sentence {i}.", f"fact {i}", 0.5, 0, view
    )
    return fact, correct


def _rows() -> list[tuple[Fact, bool]]:
    """40 facts of the rule "svo" (half CORRECT), 40 of "copula" (mostly CORRECT) and 5 of
    "rare", all CORRECT: only a handful of verdicts say "rare" is good."""
    rows = [_row(i, "svo", i % 2 == 0) for i in range(40)]
    rows += [_row(100 + i, "copula", i % 4 != 0) for i in range(40)]
    return rows + [_row(200 + i, "rare", True) for i in range(5)]


def test_trust_model_a_feature_on_few_rows_gets_no_weight() -> None:
    model = fit_trust.fitted_model(_rows(), fit_trust.L2, min_rows=30)
    assert "rule=rare" not in model["weights"]
    assert model["weights"]["rule=copula"] > model["weights"]["rule=svo"]


def test_trust_model_a_rare_feature_is_weighted_when_the_bar_allows() -> None:
    model = fit_trust.fitted_model(_rows(), fit_trust.L2, min_rows=1)
    assert model["weights"]["rule=rare"] > 0


def test_trust_model_frequent_counts_only_rows_where_the_feature_fires() -> None:
    names = fit_trust.frequent(_rows(), min_rows=30)
    assert "rule=svo" in names and "canonical" in names
    # "open_preposition" is 0.0 on every row: present in the features, never firing
    assert "open_preposition" not in names and "rule=rare" not in names


def test_trust_model_calibration_bins_every_score_once() -> None:
    scores = [(0.1, False), (0.15, True), (0.5, True), (0.95, True), (1.0, True)]
    table = fit_trust.calibration(scores)
    assert [row[0] for row in table] == ["0.0-0.2", "0.4-0.6", "0.8-1.0"]
    assert sum(row[1] for row in table) == len(scores)
    assert table[0][3] == "0.50"
