"""Entity resolution: precision and recall on the hand-written table, nodes before and after.

    python benchmarks/entity_resolution.py

1. Runs every case of ``tests/resolution_cases.py`` (a mention in a sentence or
   small article, and the entity it is, "new" or nothing) through the linker,
   with the real spaCy model, and reports precision (correct links / links made)
   and recall (correct links / cases that name something), overall and per
   mechanism.
2. Links the seed corpus (``data/``) with the linker of the first release
   (catalog, then spaCy's class, then a new concept: git commit 4ac2d5b) and with
   today's, on the same extracted triples, and counts the entity nodes each
   produces; then builds the corpus with ``kgraph build`` (which also merges
   surnames across articles) and counts the store's entity nodes. Prints
   examples of merges: surface forms that were apart and are now one node.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kgraph.extract import extract_article, extract_triples, sentence_spans  # noqa: E402
from kgraph.graph import KGStore  # noqa: E402
from kgraph.graph.results import rows  # noqa: E402
from kgraph.ingest import iter_articles  # noqa: E402
from kgraph.link import Linker, link_article  # noqa: E402
from kgraph.model import Entity, ParsedArticle  # noqa: E402
from kgraph.nlp import load_pipeline, parse  # noqa: E402
from kgraph.ontology import load_ontology  # noqa: E402
from kgraph.pipeline import build  # noqa: E402
from tests.resolution_cases import CASES, NONE, Case  # noqa: E402
from tests.test_resolution import correct, outcome, resolve_case  # noqa: E402

OLD_LINKER_COMMIT = "4ac2d5b"


def table(nlp: object, linker: Linker, cases: tuple[Case, ...], name: str) -> None:
    by_mechanism: dict[str, Counter[str]] = defaultdict(Counter)
    failures = []
    for case in cases:
        got = outcome(resolve_case(nlp, linker, case))
        ok = correct(case, got)
        family = case.mechanism.removesuffix("-negative")
        counts = by_mechanism[family]
        counts["cases"] += 1
        counts["right"] += ok
        counts["links"] += got != NONE
        counts["right links"] += ok and got != NONE
        counts["names something"] += case.expected != NONE
        if not ok:
            failures.append(f"  {case.mechanism}: {case.mention!r} -> {got} (want {case.expected})")
    total: Counter[str] = sum(by_mechanism.values(), Counter())
    print(f"## {name} ({total['cases']} cases)\n")
    print("| mechanism | cases | right | precision | recall |")
    print("|---|---|---|---|---|")
    for name, counts in [*sorted(by_mechanism.items()), ("all", total)]:
        precision = counts["right links"] / max(1, counts["links"])
        recall = counts["right links"] / max(1, counts["names something"])
        print(
            f"| {name} | {counts['cases']} | {counts['right']} | {precision:.1%} | {recall:.1%} |"
        )
    print("\nwrong:\n" + ("\n".join(failures) or "  none"))


def old_linker_module() -> object:
    source = subprocess.run(
        ["git", "show", f"{OLD_LINKER_COMMIT}:kgraph/link.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "kgraph_link_v1.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("kgraph_link_v1", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def nodes(facts: list[object]) -> dict[str, set[str]]:
    """Entity key -> the surface forms linked to it."""
    forms: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        for entity, form in fact.surface_forms:  # type: ignore[attr-defined]
            forms[entity.key].add(form)
        for entity in (fact.subject, fact.object, fact.speaker, fact.about):  # type: ignore[attr-defined]
            if isinstance(entity, Entity):
                forms[entity.key]
    return forms


def seed_corpus(nlp: object, linker: Linker) -> None:
    ontology = linker.ontology
    old = old_linker_module()
    old_linker = old.Linker(ontology)  # type: ignore[attr-defined]
    before: list[object] = []
    after: list[object] = []
    articles = list(iter_articles([ROOT / "data"], ontology.boilerplate))
    for article, doc in parse(nlp, articles):
        triples = tuple(extract_triples(doc, ontology, article.published))
        parsed = ParsedArticle(article, sentence_spans(doc), triples)
        before.extend(old.link_article(old_linker, parsed))  # type: ignore[attr-defined]
        after.extend(link_article(linker, extract_article(article, doc, ontology)))
    both = {id(f.surface) for f in before} & {id(f.surface) for f in after}  # type: ignore[attr-defined]
    old_nodes = nodes([f for f in before if id(f.surface) in both])  # type: ignore[attr-defined]
    new_nodes = nodes([f for f in after if id(f.surface) in both])  # type: ignore[attr-defined]
    catalog = {e.key for e in ontology.entities}
    stored, stored_facts = _store_counts()
    print(f"\n## Seed corpus ({len(articles)} articles, the same extracted triples)\n")
    print(
        f"facts linked: first release {len(before)}, today {len(after)} "
        f"(pronoun subjects and objects now resolve); {len(both)} linked by both\n"
    )
    print("| linker | entities in the facts both link | with the catalog |")
    print("|---|---|---|")
    print(
        f"| first release ({OLD_LINKER_COMMIT}) | {len(old_nodes)} | "
        f"{len(set(old_nodes) | catalog)} |"
    )
    print(f"| today | {len(new_nodes)} | {len(set(new_nodes) | catalog)} |")
    print(
        f"\n`kgraph build data/` today: {stored_facts} entities in facts, {stored} entity nodes "
        "with the catalog"
    )
    _examples(before, after, both)


def _store_counts() -> tuple[int, int]:
    with tempfile.TemporaryDirectory() as folder:
        build([ROOT / "data"], Path(folder) / "kg", workers=1)
        with KGStore.open(Path(folder) / "kg", read_only=True) as kg:
            graph, prefix = kg.iris.entities_graph, f"{kg.iris.base}entity/"
            every = (
                "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE "
                f"{{ GRAPH <{graph}> {{ ?e rdfs:label ?l }} "
                f"FILTER(STRSTARTS(STR(?e), '{prefix}')) }}"
            )
            in_facts = (
                "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?f a rdf:Statement . "
                "{ ?f rdf:subject ?e } UNION { ?f rdf:object ?e } "
                f"FILTER(STRSTARTS(STR(?e), '{prefix}')) }}"
            )
            count = [int(next(iter(rows(kg.query(q))))["n"].value) for q in (every, in_facts)]
    return count[0], count[1]


def _examples(before: list[object], after: list[object], both: set[int]) -> None:
    """Forms now one node that were apart, and forms linked elsewhere, by method."""
    old_key = {}
    for fact in before:
        if id(fact.surface) in both:  # type: ignore[attr-defined]
            for role in ("subject", "object"):
                entity = getattr(fact, role)
                if isinstance(entity, Entity):
                    old_key[(id(fact.surface), role)] = entity.key  # type: ignore[attr-defined]
    moved: dict[str, Counter[str]] = defaultdict(Counter)
    merged: dict[str, set[str]] = defaultdict(set)
    for fact in after:
        for role in ("subject", "object"):
            entity = getattr(fact, role)
            key = (id(fact.surface), role)  # type: ignore[attr-defined]
            if not isinstance(entity, Entity) or key not in old_key:
                continue
            merged[entity.key].add(old_key[key])
            if old_key[key] != entity.key:
                method = getattr(fact, f"{role}_method").value
                text = getattr(fact.surface, role).text  # type: ignore[attr-defined]
                moved[method][f"{text!r}: {old_key[key]} -> {entity.key}"] += 1
    print("\nnodes that now hold mentions that were apart:")
    for key, keys in sorted(merged.items()):
        if len(keys) > 1:
            print(f"  {key} <- {sorted(keys)}")
    print("\nmentions linked elsewhere than before, by method:")
    for method, changes in sorted(moved.items()):
        print(f"  {method} ({sum(changes.values())}):")
        for change, count in changes.most_common(6):
            print(f"    {change}" + (f" (x{count})" if count > 1 else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="spaCy model (default: kgraph's choice)")
    parser.add_argument(
        "--only",
        choices=("table", "heldout", "corpus"),
        action="append",
        help="run only these parts (repeatable; default: all three)",
    )
    args = parser.parse_args()
    parts = set(args.only or ("table", "heldout", "corpus"))
    nlp = load_pipeline(args.model)
    linker = Linker(load_ontology())
    if "table" in parts:
        table(nlp, linker, CASES, "Resolution table (tests/resolution_cases.py)")
    if "heldout" in parts:
        from tests.resolution_heldout import HELDOUT

        table(nlp, linker, HELDOUT, "Held-out table (tests/resolution_heldout.py)")
    if "corpus" in parts:
        seed_corpus(nlp, linker)


if __name__ == "__main__":
    main()
