"""Fit the extractor's confidence model on CaRB dev: ``python benchmarks/carb/fit_confidence.py``.

Each dev fact's target is its best CaRB match against the gold tuples of its
sentence (the F1 of that match's precision and recall, a soft label in [0, 1]).
A logistic regression (numpy, L2-regularised, gradient descent) is fitted to the
features of :func:`kgraph.extract.confidence.features` and written to
``kgraph/extract/confidence.json``. Only dev is read: test stays unseen.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import DEFAULT_CARB_DIR, parse_sentences
from scorer import Extraction, match, read_gold, sentence_key

from kgraph.extract import fact_features, openie_tuple
from kgraph.nlp import load_pipeline
from kgraph.ontology import default_ontology_dir, load_ontology

#: The weights file the fit writes: the checkout's ontology/confidence.json.
WEIGHTS_PATH = default_ontology_dir() / "confidence.json"
L2 = 1e-3
STEPS = 3000
LEARNING_RATE = 0.5


def training_rows(carb_dir: Path, model: str | None) -> tuple[list[dict[str, float]], list[float]]:
    """Features and soft labels of every dev fact."""
    gold = {sentence_key(s): t for s, t in read_gold(carb_dir / "gold" / "dev.tsv").items()}
    sentences = [s for s in (carb_dir / "dev.txt").read_text().splitlines() if s.strip()]
    rows, labels = [], []
    ontology = load_ontology()
    for sentence, doc in zip(
        sentences, parse_sentences(load_pipeline(model), sentences), strict=True
    ):
        tuples = gold.get(sentence_key(sentence), [])
        for triple, found in fact_features(doc, ontology):
            relation, args = openie_tuple(triple)
            rows.append(found)
            labels.append(_best(tuples, Extraction(relation, args)))
    return rows, labels


def _best(gold: list[Extraction], predicted: Extraction) -> float:
    scores = [match(g, predicted) for g in gold]
    return max((2 * p * r / (p + r) if p + r else 0.0 for p, r in scores), default=0.0)


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[float, np.ndarray]:
    """Bias and weights of an L2-regularised logistic regression (soft labels)."""
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / std
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        w -= LEARNING_RATE * (z.T @ (p - y) / len(y) + l2 * w)
        b -= LEARNING_RATE * float(np.mean(p - y))
    weights = w / std
    return b - float(weights @ mean), weights


def main(argv: list[str] | None = None) -> int:
    """Fit on dev and write the weights."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--carb-dir", type=Path, default=DEFAULT_CARB_DIR)
    parser.add_argument("--model", default=None)
    options = parser.parse_args(argv)
    rows, labels = training_rows(options.carb_dir, options.model)
    names = sorted({name for row in rows for name in row})
    x = np.array([[row.get(n, 0.0) for n in names] for row in rows])
    bias, weights = fit(x, np.array(labels))
    data = {
        "bias": round(bias, 4),
        "weights": {n: round(float(w), 4) for n, w in zip(names, weights, strict=True)},
    }
    WEIGHTS_PATH.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"fitted on {len(rows)} dev facts, {len(names)} features -> {WEIGHTS_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
