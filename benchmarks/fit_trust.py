"""Fit kgraph's calibrated confidence on blind verdicts: ``python benchmarks/fit_trust.py DIR...``.

Each ``DIR`` holds the stores that ``python benchmarks/precision.py --keep DIR`` built
(``seed.kg``, ``wikinews.kg``, ``abc.kg``); give older builds too, so that verdicts on facts
the rules no longer make still teach the model. Every judged asserted fact of the
articles *not* held out (:func:`precision.held_out`: half of the articles, by a
hash) is a training row: the features of :func:`kgraph.link.trust.trust_features` and
1 for CORRECT, 0 for PARTIAL or WRONG. An L2-regularised logistic regression
(the fit of ``benchmarks/carb/fit_confidence.py``) is written to
``ontology/trust.json``; the held-out verdicts give its AUC and calibration,
and how precision and yield trade at each ``--min-confidence``.
"""

from __future__ import annotations

import argparse
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
    train = [(f, y) for f, y in rows if not f.held_out]
    test = [(f, y) for f, y in rows if f.held_out]
    if len(train) < 20 or not test:
        sys.exit(f"only {len(train)} training and {len(test)} held-out verdicts: judge more first")
    names = sorted({n for f, _ in train for n in trust_features(f.view)})
    x = np.array([[trust_features(f.view).get(n, 0.0) for n in names] for f, _ in train])
    y = np.array([float(ok) for _, ok in train])
    bias, weights = fit(x, y, l2=args.l2)
    model = {
        "bias": round(bias, 4),
        "weights": {
            n: round(float(w), 4) for n, w in zip(names, weights, strict=True) if abs(w) >= 1e-4
        },
    }

    fitted = ConfidenceWeights(model["bias"], model["weights"])
    scored = [(trust(f.view, fitted), ok) for f, ok in test]
    before = [(f.view.extraction, ok) for f, ok in test]
    print(f"{len(train)} training verdicts, {len(test)} held out")
    print(f"held-out AUC: calibrated {auc(scored):.3f}, extractor's score {auc(before):.3f}")
    predicted, share = np.mean([s for s, _ in scored]), np.mean([ok for _, ok in test])
    print(f"held-out mean: predicted {predicted:.3f}, CORRECT share {share:.3f}")
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
        model["fitted"] = (
            f"benchmarks/fit_trust.py on {len(train)} verdicts; "
            f"held-out AUC {auc(scored):.3f} on {len(test)}"
        )
        TRUST_PATH.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {TRUST_PATH}")


if __name__ == "__main__":
    main()
