"""Fit kgraph's calibrated confidence on blind verdicts: ``python benchmarks/fit_trust.py DIR...``.

Each ``DIR`` holds the stores that ``python benchmarks/precision.py --keep DIR`` built
(``seed.kg``, ``wikinews.kg``, ``abc.kg``); give older builds too, so that verdicts on facts
the rules no longer make still teach the model. Every judged asserted fact is a
row: the features of :func:`kgraph.link.trust.trust_features` and 1 for CORRECT,
0 for PARTIAL or WRONG. An L2-regularised logistic regression (the fit of
``benchmarks/carb/fit_confidence.py``) over all rows, on the features that fire on at
least ``--min-rows`` of them, is written to ``ontology/trust.json``. Its figures come
from 5-fold cross-validation by article (all facts of an article in one fold): every
verdict is scored by a model fitted without its article, which gives the AUC, the
calibration and how precision and yield trade at each ``--min-confidence``.
``--held-out 6`` also fits on rounds 1 to 6 only and scores the later rounds' verdicts:
how a written model ranks the facts of the next builds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
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
#: A feature that fires on fewer training rows gets no weight (its rows fall to the bias): a
#: rare rule or link method ("rule=role_of", 3 rows) got a weight of +2.8 from a handful of
#: verdicts and ranked the next rounds' facts worse (docs/evaluation.md, the trust section).
MIN_ROWS = 30


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


def frequent(rows: list[tuple[Fact, bool]], min_rows: int = MIN_ROWS) -> list[str]:
    """The features that fire (are not 0) on at least ``min_rows`` rows, sorted."""
    fired = Counter(n for f, _ in rows for n, v in trust_features(f.view).items() if v)
    return sorted(n for n, count in fired.items() if count >= min_rows)


def fitted_model(rows: list[tuple[Fact, bool]], l2: float, min_rows: int = MIN_ROWS) -> dict:
    """The logistic regression over all rows, as ``ontology/trust.json`` holds it."""
    names = frequent(rows, min_rows)
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


def scored(model: dict, rows: list[tuple[Fact, bool]]) -> list[tuple[float, bool]]:
    """Each row's probability under ``model`` with whether it is CORRECT."""
    weights = ConfidenceWeights(model["bias"], model["weights"])
    return [(trust(f.view, weights), ok) for f, ok in rows]


def cross_validated(
    rows: list[tuple[Fact, bool]], l2: float, min_rows: int = MIN_ROWS
) -> list[tuple[float, bool]]:
    """Each row scored by a model fitted on the other folds."""
    found = []
    for k in range(FOLDS):
        model = fitted_model([r for r in rows if fold(r[0]) != k], l2, min_rows)
        found += scored(model, [r for r in rows if fold(r[0]) == k])
    return found


def later_rounds(
    rows: list[tuple[Fact, bool]], last: int, l2: float, min_rows: int = MIN_ROWS
) -> tuple[float | None, int]:
    """The AUC, and the number of verdicts, of the rounds after ``last`` scored by a model
    fitted on rounds 1 to ``last`` only: how a written model does on the next rounds."""
    verdicts = load_verdicts()
    number = {f.key: int(verdicts[f.key]["round"].rpartition("-")[2]) for f, _ in rows}
    model = fitted_model([r for r in rows if number[r[0].key] <= last], l2, min_rows)
    later = [r for r in rows if number[r[0].key] > last]
    return auc(scored(model, later)), len(later)


def calibration(found: list[tuple[float, bool]]) -> list[list]:
    """Rows of a calibration table: the scores in bins of 0.2, each bin's mean score and
    CORRECT share (a calibrated model has the two close)."""
    table = []
    for low in (0.0, 0.2, 0.4, 0.6, 0.8):
        inside = [(s, ok) for s, ok in found if low <= s < low + 0.2 or (low == 0.8 and s == 1)]
        if inside:
            mean, share = np.mean([s for s, _ in inside]), np.mean([ok for _, ok in inside])
            table.append([f"{low:.1f}-{low + 0.2:.1f}", len(inside), f"{mean:.2f}", f"{share:.2f}"])
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "folders", type=Path, nargs="+", help="the stores of precision.py --keep (older first)"
    )
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument(
        "--min-rows", type=int, default=MIN_ROWS, help="fewest rows a feature must fire on"
    )
    parser.add_argument(
        "--held-out",
        type=int,
        nargs="*",
        default=[],
        metavar="ROUND",
        help="also fit on rounds 1..ROUND only and score the later rounds' verdicts",
    )
    parser.add_argument("--corpus", nargs="+", default=["seed", "wikinews", "abc"])
    parser.add_argument("--dry-run", action="store_true", help="report, do not write")
    args = parser.parse_args()
    rows = judged_rows(args.folders, args.corpus)
    if len(rows) < 50:
        sys.exit(f"only {len(rows)} verdicts match the stores' facts: judge more first")
    model = fitted_model(rows, args.l2, args.min_rows)
    cv = cross_validated(rows, args.l2, args.min_rows)
    before = [(f.view.extraction, ok) for f, ok in rows]
    print(f"{len(rows)} verdicts, {FOLDS}-fold cross-validation by article")
    print(f"cross-validated AUC: calibrated {auc(cv):.3f}, extractor's score {auc(before):.3f}")
    for last in args.held_out:
        found, count = later_rounds(rows, last, args.l2, args.min_rows)
        shown = "-" if found is None else f"{found:.3f}"
        print(f"fitted on rounds 1-{last}: AUC {shown} on the {count} later verdicts")
    predicted, share = np.mean([s for s, _ in cv]), np.mean([ok for _, ok in rows])
    print(f"cross-validated mean: predicted {predicted:.3f}, CORRECT share {share:.3f}")
    table = []
    for bar in (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        kept = [ok for s, ok in cv if s >= bar]
        table.append(
            [
                bar,
                len(kept),
                f"{np.mean(kept):.2f}" if kept else "-",
                f"{len(kept) / len(cv):.2f}",
            ]
        )
    print(markdown_table(["--min-confidence", "kept", "precision of kept", "share kept"], table))
    print(
        markdown_table(["predicted", "facts", "mean predicted", "CORRECT share"], calibration(cv))
    )
    if not args.dry_run:
        verdicts = load_verdicts()
        model["rounds"] = sorted({verdicts[f.key]["round"] for f, _ in rows})
        model["fitted"] = (
            f"benchmarks/fit_trust.py on {len(rows)} verdicts; "
            f"{FOLDS}-fold cross-validated AUC {auc(cv):.3f}; features firing on at least "
            f"{args.min_rows} rows"
        )
        TRUST_PATH.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {TRUST_PATH}")


if __name__ == "__main__":
    main()
