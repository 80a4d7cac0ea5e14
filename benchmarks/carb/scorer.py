"""The CaRB scorer (Bhardwaj et al., 2019), re-implemented with the same arithmetic.

It reproduces ``carb.py`` of dair-iitd/CaRB with its default matcher
(``binary_linient_tuple_match``, many-to-one recall), as described in
``shared/benchmarks/carb/README.md``:

- tuples are binarised (arguments 2..n joined into one) and compared word by
  word (whitespace tokens, case-sensitive, with multiplicity);
- a pair scores (0, 0) unless the relations share a word ("be" in the
  prediction matches any form of "be") and the prediction fills every gold slot
  among the first two;
- for a gold relation containing a said-type verb the prediction's arguments
  may also match in reverse order; the better (precision, recall) pair counts;
- at each confidence threshold, recall takes each gold tuple's best match,
  precision a greedy one-to-one matching of gold and predicted tuples;
- sentences are keyed without spaces and punctuation; output sentences that
  match no gold sentence are ignored.

>>> gold = {"s": [Extraction("founded", ("Jobs", "Apple"))]}
>>> score(gold, {"s": [Extraction("founded", ("Jobs", "Apple"), 0.9)]}).f1
1.0
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = ["Extraction", "Result", "match", "read_gold", "read_predictions", "score"]

#: Relation substrings that allow the arguments to be matched in reverse order.
SAID_VERBS = ("said", "told", "added", "adds", "says")
#: Forms of "be" that a predicted "be" matches.
BE_FORMS = ("be", "is", "am", "are", "was", "were", "been", "being")
#: Gold arguments containing this marker (context clauses) are dropped on reading.
CONTEXT_MARKER = "C: "
_PUNCT = re.compile(f"[{re.escape(string.punctuation)}]")
_PTB_ESCAPES = (("(", "-LRB-"), (")", "-RRB-"), ("[", "-LSB-"), ("]", "-RSB-"))
_PTB_ESCAPES += (("{", "-LCB-"), ("}", "-RCB-"))


@dataclass(frozen=True)
class Extraction:
    """One tuple: relation, arguments (subject first) and a confidence."""

    relation: str
    arguments: tuple[str, ...]
    confidence: float = 1.0

    def binarized(self) -> tuple[str, ...]:
        """The arguments with the 2nd..nth joined into one."""
        if len(self.arguments) < 2:
            return self.arguments
        return (self.arguments[0], " ".join(self.arguments[1:]))


@dataclass(frozen=True)
class Result:
    """Scores of one output: AUC and the best-F1 point of the precision-recall curve."""

    auc: float
    precision: float
    recall: float
    f1: float
    threshold: float
    covered: int
    gold_sentences: int
    curve: tuple[tuple[float, float, float], ...] = field(default=(), repr=False)


def sentence_key(sentence: str) -> str:
    """CaRB's sentence key: no spaces, PTB bracket escapes undone, no punctuation."""
    text = sentence.replace(" ", "")
    for char, escape in _PTB_ESCAPES:
        text = text.replace(escape, char)
    return _PUNCT.sub("", text)


def read_gold(path: str | Path) -> dict[str, list[Extraction]]:
    """Gold tuples by sentence: ``sentence<TAB>relation<TAB>arg1<TAB>arg2...``."""
    gold: dict[str, list[Extraction]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        sentence, relation, *args = line.strip().split("\t")
        kept = tuple(a.strip() for a in args if CONTEXT_MARKER not in a)
        gold.setdefault(sentence.strip(), []).append(Extraction(relation.strip(), kept))
    return gold


def read_predictions(path: str | Path) -> dict[str, list[Extraction]]:
    """Predicted tuples by sentence: ``sentence<TAB>confidence<TAB>relation<TAB>args...``."""
    predicted: dict[str, list[Extraction]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        sentence, confidence, relation, *args = line.strip().split("\t")
        found = Extraction(relation, tuple(args), float(confidence))
        predicted.setdefault(sentence, []).append(found)
    return predicted


def _common(gold_words: list[str], predicted_words: list[str]) -> int:
    """Gold words found in the prediction, each predicted word used once (mutates it)."""
    matching = 0
    for word in gold_words:
        if word in predicted_words:
            matching += 1
            predicted_words.remove(word)
    return matching


def _relation_overlap(gold: str, predicted: str) -> int:
    gold_words, predicted_words = gold.split(), predicted.split()
    matching = _common(gold_words, predicted_words)
    if "be" in predicted_words and any(form in gold_words for form in BE_FORMS):
        matching += 1
    return matching


def _lenient(gold: Extraction, relation: str, args: tuple[str, ...]) -> tuple[float, float]:
    """CaRB's ``linient_tuple_match`` of binarised tuples: (precision, recall)."""
    matching = _relation_overlap(gold.relation, relation)
    if matching == 0:
        return (0.0, 0.0)
    hits, predicted_total = matching, len(relation.split())
    gold_total = len(gold.relation.split())
    for i, gold_arg in enumerate(gold.binarized()):
        gold_total += len(gold_arg.split())
        if i >= len(args):
            if i < 2:
                return (0.0, 0.0)
            continue
        predicted_total += len(args[i].split())
        hits += _common(gold_arg.split(), args[i].split())
    precision = hits / predicted_total if predicted_total else 0.0
    return (precision, hits / gold_total if gold_total else 0.0)


def match(gold: Extraction, predicted: Extraction) -> tuple[float, float]:
    """(precision, recall) of one predicted tuple against one gold tuple."""
    args = predicted.binarized()
    straight = _lenient(gold, predicted.relation, args)
    if not any(verb in gold.relation for verb in SAID_VERBS) or len(args) < 2:
        return straight
    return max(straight, _lenient(gold, predicted.relation, (args[1], args[0])))


@dataclass
class _Counts:
    """Numerators and denominators of precision and recall at each threshold."""

    size: int
    p: np.ndarray = field(init=False)
    pl: np.ndarray = field(init=False)
    r: np.ndarray = field(init=False)
    rl: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.p, self.pl, self.r, self.rl = (np.zeros(self.size) for _ in range(4))


def _greedy_precision(precision: np.ndarray) -> float:
    """Sum of a greedy one-to-one matching by precision (first maximum in row-major order)."""
    matrix = precision.astype(float).copy()
    total = 0.0
    for _ in range(min(matrix.shape)):
        row, col = np.unravel_index(int(np.argmax(matrix)), matrix.shape)
        total += matrix[row, col]
        matrix[row, :] = -np.inf
        matrix[:, col] = -np.inf
    return total


def _add_sentence(
    counts: _Counts, thresholds: list[float], gold: list[Extraction], predicted: list[Extraction]
) -> None:
    scores = np.array([[match(g, p) for p in predicted] for g in gold]).reshape(
        len(gold), len(predicted), 2
    )
    confidences = np.array([p.confidence for p in predicted])
    previous = 0
    for confidence in sorted(set(confidences.tolist())):
        index = thresholds.index(confidence)
        kept = scores[:, confidences >= confidence, :]
        counts.p[previous : index + 1] += _greedy_precision(kept[:, :, 0])
        counts.pl[previous : index + 1] += kept.shape[1]
        counts.r[previous : index + 1] += kept[:, :, 1].max(axis=1).sum() if len(gold) else 0
        counts.rl[previous : index + 1] += len(gold)
        previous = index + 1
    counts.rl[previous:] += len(gold)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _area(recall: Iterable[float], precision: Iterable[float]) -> float:
    """Trapezoid area under the curve, points in threshold order, closed at (0, 1)."""
    x = np.array([*recall, 0.0])
    y = np.array([*precision, 1.0])
    return float(abs(np.sum(np.diff(x) * (y[1:] + y[:-1]) / 2)))


def score(gold: dict[str, list[Extraction]], predicted: dict[str, list[Extraction]]) -> Result:
    """Score ``predicted`` against ``gold`` (both keyed by sentence text) as CaRB does."""
    gold_by_key = {sentence_key(s): tuples for s, tuples in gold.items()}
    predicted_by_key = {sentence_key(s): tuples for s, tuples in predicted.items()}
    thresholds = sorted({p.confidence for ps in predicted_by_key.values() for p in ps})
    counts = _Counts(len(thresholds))
    for key, gold_tuples in gold_by_key.items():
        _add_sentence(counts, thresholds, gold_tuples, predicted_by_key.get(key, []))
    precision = [a / b if b > 0 else 1.0 for a, b in zip(counts.p, counts.pl, strict=True)]
    recall = [a / b if b > 0 else 0.0 for a, b in zip(counts.r, counts.rl, strict=True)]
    covered = sum(1 for key in gold_by_key if predicted_by_key.get(key))
    if not thresholds:
        return Result(0.0, 0.0, 0.0, 0.0, 0.0, covered, len(gold_by_key))
    f1s = [_f1(p, r) for p, r in zip(precision, recall, strict=True)]
    best = int(np.argmax(f1s))
    return Result(
        auc=_area(recall, precision),
        precision=precision[best],
        recall=recall[best],
        f1=f1s[best],
        threshold=thresholds[best],
        covered=covered,
        gold_sentences=len(gold_by_key),
        curve=tuple(zip(thresholds, precision, recall, strict=True)),
    )
