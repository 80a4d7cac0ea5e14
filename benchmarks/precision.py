"""Precision of kgraph's facts on the dev corpora, from blind verdicts (docs/evaluation.md).

Builds each corpus from scratch with ``kgraph build``, draws the fixed-seed
samples (asserted facts, counts, dated facts), matches them to the stored
verdicts of ``benchmarks/judged/*.jsonl`` and reports, per corpus, strict
precision, CORRECT + PARTIAL, yield (correct facts per 100 sentences), the
confidence AUC and the share of correct counts and times. Sampled facts with
no verdict yet are written to ``benchmarks/judged/pending/CORPUS-SAMPLE.jsonl``
for a blind judge.

    pip download --no-deps gensim -d /tmp/gensim
    python benchmarks/precision.py --abc /tmp/gensim --wikinews ../shared/benchmarks/timeline

``--write`` puts the report into the Results section of docs/evaluation.md;
``--keep DIR`` keeps the built stores (and every fact, as ``DIR/CORPUS.facts.jsonl``).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from common import DATA, ROOT, machine, markdown_table, write_jsonl
from corpora import DEFAULT_ABC, DEFAULT_WIKINEWS, HOW_TO_GET_ABC, abc_corpus, wikinews_corpus

from kgraph.link.trust import FactView
from kgraph.ontology import default_ontology_dir
from kgraph.vocab import KG_NS

#: The fitted trust model, whose rounds of verdicts the AUC leaves out.
TRUST_PATH = default_ontology_dir() / "trust.json"

JUDGED = ROOT / "benchmarks" / "judged"
PENDING = JUDGED / "pending"
#: WRONG facts that a build once stopped making, and the articles they come from.
GONE = JUDGED / "gone.jsonl"
ARTICLES = JUDGED / "articles.jsonl"
#: One row per judged build that ``--write`` reported: how the table moved over the rounds.
HISTORY = JUDGED / "history.jsonl"
_KEY = ("corpus", "sample", "article", "sentence", "fact")
EVALUATION = ROOT / "docs" / "evaluation.md"
#: Sample sizes (issue 14): asserted facts, counts, dated facts.
SAMPLES = {"asserted": 100, "quantity": 30, "time": 30}
SEED = 14
VERDICTS = ("CORRECT", "PARTIAL", "WRONG")
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+")
_RESULTS = "## Results"

_ARTICLES = """
SELECT ?article ?id ?sentences ?text ?title ?date WHERE {
  GRAPH ?article { ?article a kg:Article ; dcterms:identifier ?id ; kg:sentenceCount ?sentences ;
                            kg:text ?text .
    OPTIONAL { ?article dcterms:title ?title } OPTIONAL { ?article dcterms:issued ?date } }
}
"""
_FACTS = """
SELECT * WHERE {
  GRAPH ?article {
    ?fact a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
          kg:sentence ?sentence ; kg:sentenceStart ?sentence_start ;
          kg:subjectText ?subject_text ; kg:relationText ?relation_text ;
          kg:objectText ?object_text ; kg:confidence ?confidence ; kg:extractor ?rule ;
          kg:subjectLink ?subject_link ; kg:objectLink ?object_link .
    OPTIONAL { ?fact kg:extractionConfidence ?extraction }
    OPTIONAL { ?fact a kg:Quantity . BIND(true AS ?quantity) }
    OPTIONAL { ?fact kg:count ?count } OPTIONAL { ?fact kg:quantityKind ?kind }
    OPTIONAL { ?fact kg:qualifier ?qualifier } OPTIONAL { ?fact kg:about ?about }
    OPTIONAL { ?fact kg:time ?time } OPTIONAL { ?fact kg:timeText ?time_text }
    OPTIONAL { ?fact kg:timeStart ?time_start } OPTIONAL { ?fact kg:timeEnd ?time_end }
    OPTIONAL { ?fact prov:wasAttributedTo ?speaker } OPTIONAL { ?fact kg:attributionCue ?cue }
    OPTIONAL { ?fact kg:modality ?modality }
    BIND(EXISTS { ?s ?p ?o } AS ?asserted)
  }
}
"""
_NODES = """
SELECT ?node ?label ?class WHERE {
  ?node rdfs:label ?label . OPTIONAL { ?node a ?class FILTER(STRSTARTS(STR(?class), STR(kg:))) }
}
"""


@dataclass(frozen=True)
class Fact:
    """A built fact as a judge sees it, and what the report needs of it."""

    corpus: str
    sample: str  # asserted | quantity | time | other
    article: str  # dcterms:identifier
    title: str
    date: str
    context: str  # the two sentences before
    sentence: str
    fact: str  # the fact as text (docs/evaluation.md, "How a fact is shown")
    confidence: float
    start: int  # sentence offset, for ordering
    view: FactView | None = None  # what the trust model reads (kgraph.link.trust)

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.corpus, self.sample, self.article, self.sentence, self.fact)

    @property
    def held_out(self) -> bool:
        """Whether the fact's article is in the half whose verdicts never fit the trust model."""
        return held_out(self.corpus, self.article)

    def rank(self, seed: int = SEED) -> str:
        """The fact's place in the uniform random sample: a hash of the seed and its key."""
        return hashlib.sha256(json.dumps([seed, *self.key]).encode()).hexdigest()


def unseen(fact: Fact, verdict: dict) -> bool:
    """Whether the trust model of ``ontology/trust.json`` was fitted without this verdict.

    A model written by today's ``fit_trust.py`` names the rounds it was fitted on (all
    their verdicts); an older one was fitted on the articles that are not :func:`held_out`.
    """
    rounds = fitted_rounds()
    if rounds is None:
        return fact.held_out
    return verdict["round"] not in rounds


@functools.cache
def fitted_rounds() -> frozenset[str] | None:
    """The rounds of verdicts ``ontology/trust.json`` was fitted on (None: not recorded)."""
    rounds = json.loads(TRUST_PATH.read_text(encoding="utf-8")).get("rounds")
    return None if rounds is None else frozenset(rounds)


def held_out(corpus: str, article: str) -> bool:
    """Half of the articles, by a hash: their verdicts test the trust model, never fit it."""
    return hashlib.sha256(f"{corpus}/{article}".encode()).digest()[0] % 2 == 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--abc", type=Path, default=DEFAULT_ABC, help="gensim wheel or folder")
    parser.add_argument("--wikinews", type=Path, default=DEFAULT_WIKINEWS)
    parser.add_argument("--corpus", nargs="+", default=["seed", "wikinews", "abc"])
    parser.add_argument("--keep", type=Path, help="keep the stores and facts in this folder")
    parser.add_argument("--write", action="store_true", help="update docs/evaluation.md")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--no-build", action="store_true", help="read the stores of --keep DIR as they are"
    )
    args = parser.parse_args()
    if args.no_build and not args.keep:
        parser.error("--no-build reads the stores of --keep DIR")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for name in args.corpus:
            source = corpus_source(name, args, work)
            store = work / f"{name}.kg"
            if not args.no_build:
                build(source, store, args.workers)
            sentences, facts = read_facts(name, store)
            if args.keep:
                write_jsonl((asdict(f) for f in facts), work / f"{name}.facts.jsonl")
            results.append(evaluate(name, sentences, facts))
            record_gone(name, facts, source)
    commit = build_commit(work, built=not args.no_build)
    report = render(results, commit)
    if args.write:
        report += "\n" + render_history(record_history(results, commit)) + "\n"
        write_results(report)
    print(report)


def corpus_source(name: str, args: argparse.Namespace, work: Path) -> Path:
    """The path ``kgraph build`` reads for a corpus (a JSONL file made for ABC and Wikinews)."""
    if name == "seed":
        return DATA
    if name == "abc":
        if not args.abc.exists():
            sys.exit(f"{args.abc}: not found; {HOW_TO_GET_ABC}")
        return write_jsonl(abc_corpus(args.abc), work / "abc.jsonl")
    if name == "wikinews":
        return write_jsonl(wikinews_corpus(args.wikinews), work / "wikinews.jsonl")
    sys.exit(f"unknown corpus {name!r}: seed, wikinews or abc")


def build(source: Path, store: Path, workers: int) -> None:
    """``kgraph build SOURCE --out STORE`` from scratch, as a user runs it."""
    if store.exists():
        shutil.rmtree(store)
    kgraph = str(Path(sys.executable).with_name("kgraph"))
    command = [kgraph, "build", str(source), "--out", str(store), "--workers", str(workers)]
    subprocess.run([*command, "--quiet"], check=True)


def read_facts(corpus: str, path: Path) -> tuple[int, list[Fact]]:
    """The store's sentence count and every fact, shown as docs/evaluation.md says."""
    from kgraph.graph import KGStore, rows

    with KGStore.open(path, read_only=True) as kg:
        articles = {r["article"].value: r for r in rows(kg.query(_ARTICLES))}
        nodes: dict[str, tuple[str, str]] = {}
        for r in rows(kg.query(_NODES)):
            label, cls = r["label"].value, _local(r.get("class"))
            old = nodes.get(r["node"].value)
            if old is None or (label, cls) < old:  # one deterministic label and class
                nodes[r["node"].value] = (label, cls)
        facts = [
            fact
            for r in rows(kg.query(_FACTS))
            if r["article"].value in articles
            for fact in _facts(corpus, r, articles[r["article"].value], nodes)
        ]
    sentences = sum(int(a["sentences"].value) for a in articles.values())
    unique = {f.key: f for f in sorted(facts, key=lambda f: (f.article, f.start, f.fact))}
    return sentences, list(unique.values())


def _facts(corpus: str, r: dict, article: dict, nodes: dict[str, tuple[str, str]]) -> list[Fact]:
    """The fact of a row, and the same fact in the time sample when it has a time."""

    def node(term, text: str) -> str:
        if term.__class__.__name__ == "Literal":
            return f'"{term.value}"  (text: "{text}")'
        label, cls = nodes.get(term.value, (term.value.rpartition("/")[2], ""))
        return f'{label} [{cls}]  (text: "{text}")' if cls else f'{label}  (text: "{text}")'

    relation = _local(r["p"])
    quantity = r.get("quantity") is not None
    lines = [
        f"subject:  {node(r['s'], r['subject_text'].value)}",
        f'relation: {relation}  (text: "{r["relation_text"].value}")',
    ]
    if quantity:
        qualifier = _value(r.get("qualifier"))
        about = nodes.get(_value(r.get("about")), ("", ""))[0]
        lines = [
            f"count:    {(qualifier + ' ') if qualifier else ''}{_value(r.get('count'))}",
            f"kind:     {_value(r.get('kind'))}",
            f"counted:  {node(r['s'], r['subject_text'].value)}",
            *([f"about:    {about}"] if about else []),
            # a hedged, planned or demanded count says so ("may have died")
            *([f"modality: {_value(r.get('modality'))}"] if r.get("modality") else []),
        ]
    else:
        lines.append(f"object:   {node(r['o'], r['object_text'].value)}")
    if r.get("speaker") is not None:
        speaker = nodes.get(r["speaker"].value, (r["speaker"].value, ""))
        lines.append(f'said by:  {speaker[0]} [{speaker[1]}]  (cue: "{_value(r.get("cue"))}")')
    sample = "quantity" if quantity else "asserted" if _true(r.get("asserted")) else "other"
    timed = any(r.get(k) is not None for k in ("time", "time_start", "time_end"))
    text = "\n".join(lines)
    start = int(r["sentence_start"].value)
    entity_object = r["o"].__class__.__name__ != "Literal"
    view = FactView(
        rule=r["rule"].value,
        extraction=float((r.get("extraction") or r["confidence"]).value),
        subject_link=r["subject_link"].value,
        object_link=r["object_link"].value if entity_object else "literal",
        canonical=r["p"].value.startswith(str(KG_NS)),
        subject_text=r["subject_text"].value,
        object_text=r["object_text"].value,
        relation=_local(r["p"]),
        subject_label=nodes.get(r["s"].value, ("", ""))[0],
        object_label=nodes.get(r["o"].value, ("", ""))[0] if entity_object else r["o"].value,
        sentence=r["sentence"].value,
    )
    made = [
        Fact(
            corpus,
            sample,
            article["id"].value,
            _value(article.get("title")),
            _value(article.get("date")),
            _context(article["text"].value, start),
            r["sentence"].value,
            text,
            float(r["confidence"].value),
            start,
            view,
        )
    ]
    if timed:  # the same fact in the time sample, with its time
        shown = f'{text}\ntime:     {_time(r)}  (text: "{_value(r.get("time_text"))}")'
        made.append(dataclasses.replace(made[0], sample="time", fact=shown))
    return made


def _time(r: dict) -> str:
    """A fact's time as a judge reads it: a point, or a span with its ends ("from 1994,
    open end", "until 2020", "from 2009 to 2011")."""
    start, end = _value(r.get("time_start")), _value(r.get("time_end"))
    if not (start or end):
        return r["time"].value
    if start and end:
        return f"from {start} to {end}"
    return f"from {start}, open end" if start else f"until {end}, open start"


def _context(text: str, start: int) -> str:
    before = [s for s in _SENTENCE_END.split(text[:start].strip()) if s.strip()]
    return " ".join(before[-2:])


def _local(term) -> str:
    if term is None:
        return ""
    return re.split(r"[#/]", term.value)[-1]


def _value(term) -> str:
    return "" if term is None else str(term.value)


def _true(term) -> bool:
    return term is not None and term.value in ("true", "1")


# ---------------------------------------------------------------- verdicts


def load_verdicts(folder: Path = JUDGED) -> dict[tuple[str, ...], dict]:
    """Every stored verdict by (corpus, sample, article, sentence, fact); the first one wins."""
    found: dict[tuple[str, ...], dict] = {}
    for path in sorted(folder.glob("round-*.jsonl")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            v = json.loads(line)
            if v.get("verdict") not in VERDICTS:
                sys.exit(f"{path}:{lineno}: verdict must be one of {', '.join(VERDICTS)}")
            key = (v["corpus"], v["sample"], v["article"], v["sentence"], v["fact"])
            found.setdefault(key, {**v, "round": path.stem})
    return found


def read_keys(path: Path) -> list[tuple[str, ...]]:
    """The fact keys of a JSONL file of (corpus, sample, article, sentence, fact) records."""
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [tuple(json.loads(line)[k] for k in _KEY) for line in lines if line.strip()]


def record_gone(corpus: str, facts: list[Fact], source: Path) -> None:
    """Add the WRONG facts this build no longer makes to ``judged/gone.jsonl`` (append-only).

    ``tests/test_verdicts.py`` fails when one of them comes back. The articles they
    come from are kept in ``judged/articles.jsonl`` so the test can rebuild them.
    """
    built = {f.key for f in facts}
    known = set(read_keys(GONE))
    gone = [
        key
        for key, v in load_verdicts().items()
        if key[0] == corpus and v["verdict"] == "WRONG" and key not in built and key not in known
    ]
    if not gone:
        return
    with GONE.open("a", encoding="utf-8") as handle:
        for key in sorted(gone):
            handle.write(json.dumps(dict(zip(_KEY, key, strict=True)), ensure_ascii=False) + "\n")
    if source.suffix != ".jsonl":
        return  # the seed corpus: the test builds data/ itself
    kept = {(r["corpus"], r["id"]) for r in _records(ARTICLES)}
    wanted = {key[2] for key in gone}
    with ARTICLES.open("a", encoding="utf-8") as handle:
        for line in source.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["id"] in wanted and (corpus, record["id"]) not in kept:
                handle.write(json.dumps({"corpus": corpus, **record}, ensure_ascii=False) + "\n")


def _records(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def sample(facts: Iterable[Fact], kind: str, size: int) -> list[Fact]:
    """The fixed-seed uniform sample of one kind: the ``size`` facts of smallest rank."""
    return sorted((f for f in facts if f.sample == kind), key=Fact.rank)[:size]


def auc(scores: list[tuple[float, bool]]) -> float | None:
    """The probability that a CORRECT fact has a higher confidence than another (ties: half)."""
    pos = [s for s, ok in scores if ok]
    neg = [s for s, ok in scores if not ok]
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def evaluate(corpus: str, sentences: int, facts: list[Fact]) -> dict:
    """The corpus's figures from its verdicts; writes the unjudged sampled facts to pending/."""
    verdicts = load_verdicts()
    out: dict = {"corpus": corpus, "sentences": sentences}
    out["asserted_total"] = sum(f.sample == "asserted" for f in facts)
    pending: list[Fact] = []
    for kind, size in SAMPLES.items():
        drawn = sample(facts, kind, size)
        judged = [(f, verdicts[f.key]) for f in drawn if f.key in verdicts]
        pending += [f for f in drawn if f.key not in verdicts]
        counts = {v: sum(j["verdict"] == v for _, j in judged) for v in VERDICTS}
        categories: dict[str, int] = {}
        for _, j in judged:
            if j["verdict"] != "CORRECT":
                category = j.get("category") or "other"
                categories[category] = categories.get(category, 0) + 1
        out[kind] = {
            "drawn": len(drawn),
            "judged": len(judged),
            **counts,
            "categories": dict(sorted(categories.items(), key=lambda kv: -kv[1])),
            "unseen": [
                (f.confidence, j["verdict"] == "CORRECT") for f, j in judged if unseen(f, j)
            ],
        }
        out[kind]["auc"] = auc(out[kind]["unseen"])
    PENDING.mkdir(parents=True, exist_ok=True)
    for kind in SAMPLES:
        path = PENDING / f"{corpus}-{kind}.jsonl"
        mine = [f for f in pending if f.sample == kind]
        if mine:
            write_jsonl((_for_judge(f) for f in mine), path)
        elif path.exists():
            path.unlink()
    out["pending"] = len(pending)
    return out


def _for_judge(fact: Fact) -> dict:
    """What a blind judge sees of a fact (no confidence, no rule)."""
    shown = asdict(fact)
    for hidden in ("confidence", "start", "view"):
        shown.pop(hidden)
    return shown


# ---------------------------------------------------------------- report


def render(results: list[dict], commit: str) -> str:
    header = [
        "corpus",
        "asserted judged",
        "correct",
        "partial",
        "wrong",
        "precision",
        "correct+partial",
        "yield /100 sent.",
        "conf. AUC",
        "quantities correct",
        "times correct",
        "unjudged",
    ]
    rows, notes = [], []
    for r in results:
        a = r["asserted"]
        n = a["judged"] or 1
        precision = a["CORRECT"] / n
        per100 = 100 * r["asserted_total"] / max(r["sentences"], 1)
        rows.append(
            [
                r["corpus"],
                f"{a['judged']}/{a['drawn']}",
                a["CORRECT"],
                a["PARTIAL"],
                a["WRONG"],
                f"{precision:.2f}",
                f"{(a['CORRECT'] + a['PARTIAL']) / n:.2f}",
                f"{per100 * precision:.0f} (of {per100:.0f})",
                "-" if a["auc"] is None else f"{a['auc']:.2f}",
                _share(r["quantity"]),
                _share(r["time"]),
                r["pending"],
            ]
        )
        for kind in SAMPLES:
            cats = ", ".join(f"{k} {v}" for k, v in r[kind]["categories"].items())
            if cats:
                notes.append(f"- {r['corpus']} {kind}: {cats}")
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"Build of {commit}, {stamp}. Machine: {machine()}\n\n"
        + markdown_table(header, rows)
        + "\n\n"
        + auc_note(results)
        + "\n\nErrors by category (PARTIAL and WRONG):\n\n"
        + "\n".join(notes)
        + "\n"
    )


def auc_note(results: list[dict]) -> str:
    """What the "conf. AUC" column is measured on: only verdicts the trust model never saw."""
    rounds = fitted_rounds()
    fitted = "an unrecorded set of" if rounds is None else _round_span(rounds)
    pooled = [s for r in results for s in r["asserted"]["unseen"]]
    each = ", ".join(f"{r['corpus']} {len(r['asserted']['unseen'])}" for r in results)
    score = auc(pooled)
    said = "no AUC (one class only)" if score is None else f"pooled AUC {score:.2f}"
    return (
        f"The confidence AUC is on the asserted verdicts that `ontology/trust.json` was not "
        f"fitted on (it was fitted on {fitted}): {each} facts; {said} on {len(pooled)} "
        f"({sum(ok for _, ok in pooled)} of them CORRECT). Under about 50 facts it says little."
    )


def _round_span(rounds: frozenset[str]) -> str:
    numbers = sorted(int(r.rsplit("-", 1)[-1]) for r in rounds if r.rsplit("-", 1)[-1].isdigit())
    if numbers and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"rounds {numbers[0]} to {numbers[-1]}"
    return "rounds " + ", ".join(sorted(rounds))


def record_history(results: list[dict], commit: str) -> list[dict]:
    """Add (or replace) this build's row of the history, and return all rows."""
    rows = _records(HISTORY) if HISTORY.exists() else []
    last_round = max((int(p.stem.split("-")[1]) for p in JUDGED.glob("round-*.jsonl")), default=0)
    row = {"build": commit, "rounds": f"1-{last_round}"}
    for r in results:
        a = r["asserted"]
        n = a["judged"] or 1
        per100 = 100 * r["asserted_total"] / max(r["sentences"], 1)
        row[r["corpus"]] = {
            "precision": round(a["CORRECT"] / n, 2),
            "correct_partial": round((a["CORRECT"] + a["PARTIAL"]) / n, 2),
            "yield": round(per100 * a["CORRECT"] / n),
        }
    rows = [r for r in rows if r["build"] != commit] + [row]
    write_jsonl(rows, HISTORY)
    return rows


def render_history(rows: list[dict]) -> str:
    corpora = ["seed", "wikinews", "abc"]
    table = [
        [f"{r['build']} ({'rounds' if '-' in r['rounds'] else 'round'} {r['rounds']})"]
        + [
            "-"
            if c not in r
            else f"{r[c]['precision']:.2f} / {r[c]['correct_partial']:.2f} / {r[c]['yield']}"
            for c in corpora
        ]
        for r in rows
    ]
    return (
        "How the table moved over the rounds (strict precision / CORRECT + PARTIAL / yield; the "
        "build each round judged; `benchmarks/judged/history.jsonl`):\n\n"
        + markdown_table(["build", *corpora], table)
    )


def build_commit(work: Path, built: bool) -> str:
    """The commit the stores of ``work`` were built at (kept in ``work/build-commit.txt``)."""
    noted = work / "build-commit.txt"
    if built or not noted.exists():
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        if built:
            noted.write_text(head + "\n", encoding="utf-8")
        return head
    return noted.read_text(encoding="utf-8").strip()


def _share(figures: dict) -> str:
    if not figures["judged"]:
        return f"-/{figures['drawn']}"
    return f"{figures['CORRECT'] / figures['judged']:.2f} ({figures['judged']})"


def write_results(report: str) -> None:
    text = EVALUATION.read_text(encoding="utf-8")
    head = text.split(_RESULTS)[0]
    command = "python benchmarks/precision.py " + " ".join(sys.argv[1:])
    EVALUATION.write_text(f"{head}{_RESULTS}\n\n`{command}`\n\n{report}", encoding="utf-8")


if __name__ == "__main__":
    main()
