"""Tests of the CaRB scorer (benchmarks/carb/scorer.py) on hand-made tuples."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parent.parent / "benchmarks" / "carb" / "scorer.py"
_SPEC = importlib.util.spec_from_file_location("carb_scorer", _PATH)
assert _SPEC is not None and _SPEC.loader is not None
carb = importlib.util.module_from_spec(_SPEC)
sys.modules["carb_scorer"] = carb
_SPEC.loader.exec_module(carb)

Ex = carb.Extraction
S = "Jobs founded Apple in 1976 ."


def test_carb_exact_match_scores_one() -> None:
    gold = Ex("founded", ("Jobs", "Apple", "in 1976"))
    assert carb.match(gold, Ex("founded", ("Jobs", "Apple", "in 1976"))) == (1.0, 1.0)


def test_carb_no_shared_relation_word_scores_zero() -> None:
    assert carb.match(Ex("founded", ("Jobs", "Apple")), Ex("started", ("Jobs", "Apple"))) == (0, 0)


def test_carb_one_argument_prediction_scores_zero() -> None:
    assert carb.match(Ex("founded", ("Jobs", "Apple")), Ex("founded", ("Jobs",))) == (0, 0)


def test_carb_partial_match_counts_words_with_multiplicity() -> None:
    gold = Ex("founded", ("Steve Jobs", "Apple"))  # 4 words
    predicted = Ex("founded", ("Jobs", "Apple Inc Inc"))  # 5 words, 3 match
    assert carb.match(gold, predicted) == pytest.approx((3 / 5, 3 / 4))


def test_carb_arguments_after_the_second_are_joined() -> None:
    gold = Ex("founded", ("Jobs", "Apple in 1976"))
    assert carb.match(gold, Ex("founded", ("Jobs", "Apple", "in 1976"))) == (1.0, 1.0)


def test_carb_be_matches_any_form_of_be() -> None:
    gold = Ex("is", ("Baku", "the capital"))
    assert carb.match(gold, Ex("be", ("Baku", "the capital"))) == (1.0, 1.0)


def test_carb_said_verb_allows_reversed_arguments() -> None:
    gold = Ex("said", ("Smith", "prices rose"))
    reversed_ = Ex("said", ("prices rose", "Smith"))
    assert carb.match(gold, reversed_) == (1.0, 1.0)
    other = Ex("wrote", ("Smith", "prices rose"))
    assert carb.match(other, Ex("wrote", ("prices rose", "Smith")))[1] < 1.0


def test_carb_recall_takes_each_gold_tuples_best_match() -> None:
    gold = {S: [Ex("founded", ("Jobs", "Apple")), Ex("founded in", ("Jobs", "1976"))]}
    predicted = {S: [Ex("founded", ("Jobs", "Apple"), 0.9), Ex("founded", ("Jobs", "Apple"), 0.8)]}
    result = carb.score(gold, predicted)
    # one prediction may serve both gold tuples for recall: 1 + 2/4 of the second
    assert result.recall == pytest.approx((1 + 2 / 4) / 2)


def test_carb_precision_matches_predictions_one_to_one() -> None:
    gold = {S: [Ex("founded", ("Jobs", "Apple"))]}
    predicted = {S: [Ex("founded", ("Jobs", "Apple"), 0.9), Ex("founded", ("Jobs", "Apple"), 0.9)]}
    result = carb.score(gold, predicted)
    assert (result.precision, result.recall) == (0.5, 1.0)


def test_carb_best_point_and_auc_of_a_known_curve() -> None:
    gold = {S: [Ex("founded", ("Jobs", "Apple")), Ex("bought", ("Jobs", "NeXT"))]}
    predicted = {S: [Ex("founded", ("Jobs", "Apple"), 0.9), Ex("sold", ("Jobs", "NeXT"), 0.5)]}
    result = carb.score(gold, predicted)
    # threshold 0.5: P 1/2, R 1/2; threshold 0.9: P 1, R 1/2; closed at (R 0, P 1)
    assert (result.precision, result.recall, result.threshold) == (1.0, 0.5, 0.9)
    assert result.auc == pytest.approx(0.5)


def test_carb_sentences_match_without_spaces_and_punctuation() -> None:
    gold = {"Jobs founded Apple .": [Ex("founded", ("Jobs", "Apple"))]}
    predicted = {"Jobs founded Apple.": [Ex("founded", ("Jobs", "Apple"), 0.5)]}
    result = carb.score(gold, predicted)
    assert (result.f1, result.covered) == (1.0, 1)


def test_carb_uncovered_gold_sentences_count_against_recall() -> None:
    gold = {S: [Ex("founded", ("Jobs", "Apple"))], "Other .": [Ex("is", ("a", "b"))]}
    result = carb.score(gold, {S: [Ex("founded", ("Jobs", "Apple"), 0.5)]})
    assert (result.recall, result.covered, result.gold_sentences) == (0.5, 1, 2)


def test_carb_reads_gold_without_context_arguments(tmp_path: Path) -> None:
    path = tmp_path / "gold.tsv"
    path.write_text(f"{S}\tfounded\tJobs\tApple\tC: he said\n", encoding="utf-8")
    assert carb.read_gold(path) == {S: [Ex("founded", ("Jobs", "Apple"))]}
