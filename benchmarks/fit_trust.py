"""Fit kgraph's calibrated confidence on blind verdicts: ``python benchmarks/fit_trust.py DIR...``.

Each ``DIR`` holds the stores that ``python benchmarks/precision.py --keep DIR`` built
(``seed.kg``, ``wikinews.kg``, ``abc.kg``); give older builds too, so that verdicts on facts
the rules no longer make still teach the model. Every judged asserted fact is a
row: the features of :func:`kgraph.link.trust.trust_features` and 1 for CORRECT,
0 for PARTIAL or WRONG. An L2-regularised logistic regression (the fit of
``benchmarks/carb/fit_confidence.py``) over all rows is written to
``ontology/trust.json``. Its figures come from 5-fold cross-validation by article
(all facts of an article in one fold): every verdict is scored by a model fitted
without its article, which gives the AUC, the calibration and how precision and
yield trade at each ``--min-confidence``. Verdicts judged after the fit (the next
round) test the written model itself.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent / "carb"))

from common import markdown_table
from fit_confidence import fit
from precision import Fact, auc, load_verdicts, read_facts

from kgraph.link.trust import trust, trust_features
from kgraph.ontology import ConfidenceWeights, default_ontology_dir

TRUST_PATH = default_ontology_dir() / "trust.json"
#: Few rows and many one-hot features: a much stronger prior than on CaRB.
L2 = 0.05
FOLDS = 5


def judged_rows(folders: list[Path], corpora: list[str]) -> list[tuple[Fact, bool]]:
    """Every judged asserted fact of the stores with whether it is CORRECT (a fact in
    several folders' builds once, from the last folder)."""
    verdicts = load_verdicts()
    found: dict[tuple[str, ...], tuple[Fact, bool]] = {}
    for folder in folders:
        for corpus in corpora:
            _sentences, facts = read_facts(corpus, folder / f"{corpus}.kg")
            for fact in facts:
                v = verdicts.get(fact.key)
                if v is not None and fact.sample == "asserted":
                    found[fact.key] = (fact, v["verdict"] == "CORRECT")
    return list(found.values())


def fitted_model(rows: list[tuple[Fact, bool]], l2: float) -> dict:
    """The logistic regression over all rows, as ``ontology/trust.json`` holds it."""
    names = sorted({n for f, _ in rows for n in trust_features(f.view)})
    x = np.array([[trust_features(f.view).get(n, 0.0) for n in names] for f, _ in rows])
    y = np.array([float(ok) for _, ok in rows])
    bias, weights = fit(x, y, l2=l2)
    return {
        "bias": round(bias, 4),
        "weights": {
            n: round(float(w), 4) for n, w in zip(names, weights, strict=True) if abs(w) >= 1e-4
        },
    }


def fold(fact: Fact) -> int:
    """The fact's fold: a hash of its article, so an article's facts stay together."""
    return hashlib.sha256(f"{fact.corpus}/{fact.article}".encode()).digest()[0] % FOLDS


def cross_validated(rows: list[tuple[Fact, bool]], l2: float) -> list[tuple[float, bool]]:
    """Each row scored by a model fitted on the other folds."""
    scored = []
    for k in range(FOLDS):
        model = fitted_model([r for r in rows if fold(r[0]) != k], l2)
        weights = ConfidenceWeights(model["bias"], model["weights"])
        scored += [(trust(f.view, weights), ok) for f, ok in rows if fold(f) == k]
    return scored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "folders", type=Path, nargs="+", help="the stores of precision.py --keep (older first)"
    )
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--corpus", nargs="+", default=["seed", "wikinews", "abc"])
    parser.add_argument("--dry-run", action="store_true", help="report, do not write")
    args = parser.parse_args()
    rows = judged_rows(args.folders, args.corpus)
    if len(rows) < 50:
        sys.exit(f"only {len(rows)} verdicts match the stores' facts: judge more first")
    model = fitted_model(rows, args.l2)
    scored = cross_validated(rows, args.l2)
    before = [(f.view.extraction, ok) for f, ok in rows]
    print(f"{len(rows)} verdicts, {FOLDS}-fold cross-validation by article")
    print(f"cross-validated AUC: calibrated {auc(scored):.3f}, extractor's score {auc(before):.3f}")
    predicted, share = np.mean([s for s, _ in scored]), np.mean([ok for _, ok in rows])
    print(f"cross-validated mean: predicted {predicted:.3f}, CORRECT share {share:.3f}")
    table = []
    for bar in (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        kept = [ok for s, ok in scored if s >= bar]
        table.append(
            [
                bar,
                len(kept),
                f"{np.mean(kept):.2f}" if kept else "-",
                f"{len(kept) / len(scored):.2f}",
            ]
        )
    print(markdown_table(["--min-confidence", "kept", "precision of kept", "share kept"], table))
    if not args.dry_run:
        verdicts = load_verdicts()
        model["rounds"] = sorted({verdicts[f.key]["round"] for f, _ in rows})
        model["fitted"] = (
            f"benchmarks/fit_trust.py on {len(rows)} verdicts; "
            f"{FOLDS}-fold cross-validated AUC {auc(scored):.3f}"
        )
        TRUST_PATH.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {TRUST_PATH}")


if __name__ == "__main__":
    main()
