"""Run kgraph's extractor on CaRB and score it: ``python benchmarks/carb/run.py --split test``.

The sentences are PTB-tokenised; each becomes a spaCy ``Doc`` built from its own
tokens (so every extracted word is a CaRB word) and goes through the same
pipeline and extractor as ``kgraph build``. The output, in CaRB's tabbed format,
is written to ``--out`` and scored with :mod:`scorer`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scorer import Extraction, Result, read_gold, read_predictions, score

from kgraph.extract import extract_facts, openie_tuple
from kgraph.nlp import load_pipeline
from kgraph.ontology import load_ontology

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CARB_DIR = ROOT.parent / "shared" / "benchmarks" / "carb"


def parse_sentences(nlp: Language, sentences: list[str]) -> Iterator[Doc]:
    """Each sentence parsed from its own whitespace tokens."""
    docs = (Doc(nlp.vocab, words=s.split(), spaces=_spaces(s)) for s in sentences)
    yield from nlp.pipe(docs, batch_size=64)


def _spaces(sentence: str) -> list[bool]:
    words = sentence.split()
    return [True] * (len(words) - 1) + [False]


def extract(nlp: Language, sentences: list[str]) -> tuple[dict[str, list[Extraction]], float]:
    """Every sentence's tuples, and the seconds it took (parsing included)."""
    nlp("Warm up the pipeline .")  # the first call loads lazily; it is not timed
    ontology = load_ontology()  # nor is the rule set's load
    began = time.perf_counter()
    found: dict[str, list[Extraction]] = {}
    for sentence, doc in zip(sentences, parse_sentences(nlp, sentences), strict=True):
        for fact in extract_facts(doc, ontology):
            relation, args = openie_tuple(fact)
            found.setdefault(sentence, []).append(Extraction(relation, args, fact.confidence))
    return found, time.perf_counter() - began


def write_tabbed(path: Path, extractions: dict[str, list[Extraction]]) -> None:
    """CaRB's tabbed output: sentence, confidence, relation, arguments."""
    lines = [
        "\t".join([sentence, f"{e.confidence:.4f}", e.relation, *e.arguments])
        for sentence, tuples in extractions.items()
        for e in tuples
    ]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def run_split(nlp: Language, carb_dir: Path, split: str, out_dir: Path) -> Result:
    """Extract, write and score one split; print its line of results."""
    sentences = [s.strip() for s in (carb_dir / f"{split}.txt").read_text().splitlines()]
    sentences = [s for s in sentences if s]
    extractions, seconds = extract(nlp, sentences)
    out_dir.mkdir(parents=True, exist_ok=True)
    output = out_dir / f"kgraph_{split}.tsv"
    write_tabbed(output, extractions)
    result = score(read_gold(carb_dir / "gold" / f"{split}.tsv"), read_predictions(output))
    count = sum(len(v) for v in extractions.values())
    print(
        f"{split}: F1 {100 * result.f1:.1f}  AUC {100 * result.auc:.1f}  "
        f"P {100 * result.precision:.1f}  R {100 * result.recall:.1f}  "
        f"covered {result.covered}/{result.gold_sentences} gold sentences  "
        f"{count} tuples  {len(sentences) / seconds:.0f} sentences/s "
        f"(load {os.getloadavg()[0]:.2f})  -> {output.relative_to(ROOT)}"
    )
    return result


def main(argv: list[str] | None = None) -> int:
    """Parse the options and score each requested split."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["test", "dev", "both"], default="test")
    parser.add_argument("--carb-dir", type=Path, default=DEFAULT_CARB_DIR)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "carb" / "out")
    parser.add_argument("--model", default=None, help="spaCy model (default: as kgraph build)")
    options = parser.parse_args(argv)
    splits = ["dev", "test"] if options.split == "both" else [options.split]
    missing = _missing_files(options.carb_dir, splits)
    if missing:
        print(
            f"error: CaRB is not at {options.carb_dir}: {', '.join(missing)} missing. "
            "It is shipped in ../shared/benchmarks/carb beside this checkout "
            "(github.com/dair-iitd/CaRB, data/ and data/gold/); "
            "point to a copy with --carb-dir DIR",
            file=sys.stderr,
        )
        return 2
    nlp = load_pipeline(options.model)
    for split in splits:
        run_split(nlp, options.carb_dir, split, options.out)
    return 0


def _missing_files(carb_dir: Path, splits: list[str]) -> list[str]:
    """The files of ``splits`` that ``carb_dir`` lacks (sentences and gold tuples)."""
    wanted = [f"{split}.txt" for split in splits] + [f"gold/{split}.tsv" for split in splits]
    return [name for name in wanted if not (carb_dir / name).is_file()]


if __name__ == "__main__":
    raise SystemExit(main())
