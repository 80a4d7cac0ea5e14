"""Shared pieces of the benchmark scripts: the machine, the report, a synthetic corpus.

The synthetic corpus recombines real sentences of the sample articles under
``data/`` and varies the names in them, so that parsing does real work on
news-shaped text while the graph grows with new entities.
"""

from __future__ import annotations

import json
import os
import platform
import random
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
REPORT = ROOT / "docs" / "performance.md"

_SENTENCE_END = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“])")
#: Names in the seed sentences that the generator swaps for others.
_SWAPPABLE = {
    "country": ["Azerbaijan", "Armenia", "Russia", "Turkey", "France", "Ukraine", "Iran"],
    "city": ["Stepanakert", "Khankendi", "Baku", "Yerevan", "Moscow"],
    "person": ["Nikol Pashinyan", "Pashinyan", "Ruben Vardanyan", "Vardanyan", "Putin"],
}
_COUNTRIES = [
    "Arvenia",
    "Borduria",
    "Caledonia",
    "Drovnia",
    "Elbonia",
    "Freedonia",
    "Genovia",
    "Halvetia",
    "Illyria",
    "Jarvonia",
    "Kravia",
    "Latveria",
    "Molvania",
    "Novistrana",
    "Orsinia",
    "Pottsylvania",
    "Qumran",
    "Ruritania",
    "Sokovia",
    "Tazbekistan",
]
_CITIES = [
    "Amberg",
    "Belvoir",
    "Corvale",
    "Dunmere",
    "Estoria",
    "Falkirk",
    "Gorlan",
    "Harrow",
    "Istvan",
    "Jorvik",
    "Kestrel",
    "Lindor",
    "Marrow",
    "Norwick",
    "Osgard",
    "Pellham",
]
_FIRST = [
    "Anna",
    "Boris",
    "Carmen",
    "Davit",
    "Elena",
    "Farid",
    "Gohar",
    "Hasan",
    "Irina",
    "Jalal",
    "Karen",
    "Leyla",
    "Mher",
    "Nigar",
    "Oleg",
    "Parviz",
    "Rustam",
    "Sona",
    "Tigran",
    "Zaur",
]
_LAST = [
    "Aliyeva",
    "Babayan",
    "Mammadov",
    "Grigoryan",
    "Huseynov",
    "Karapetyan",
    "Guliyev",
    "Sargsyan",
    "Ismayilov",
    "Petrosyan",
    "Rzayev",
    "Hakobyan",
    "Abbasov",
    "Manukyan",
]


def machine() -> str:
    """A one-paragraph description of this machine and the software versions."""
    import pyoxigraph
    import rdflib
    import spacy

    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        names = [
            ln.split(":", 1)[1].strip()
            for ln in cpuinfo.read_text().splitlines()
            if ln.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB RAM, {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}, spaCy {spacy.__version__}, "
        f"pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}; "
        f"kgraph {_git_revision()}"
    )


def _git_revision() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "(unknown revision)"


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def report(title: str, table: str, notes: str = "") -> None:
    """Print the table and append it, with the machine and command, to docs/performance.md."""
    print(table)
    if notes:
        print(notes)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    script = Path(sys.argv[0]).resolve()
    shown = script.relative_to(ROOT) if script.is_relative_to(ROOT) else script
    command = " ".join(["python", str(shown), *sys.argv[1:]])
    section = f"\n## {title}, {stamp}\n\n`{command}`\n\nMachine: {machine()}\n\n{table}\n" + (
        f"\n{notes}\n" if notes else ""
    )
    if not REPORT.exists():
        REPORT.write_text(
            "# Performance\n\nMeasured by the scripts under `benchmarks/`; "
            "each run appends its table here.\n",
            encoding="utf-8",
        )
    with REPORT.open("a", encoding="utf-8") as handle:
        handle.write(section)


def seed_sentences() -> list[str]:
    """The sentences of the sample articles (after ingest's cleaning)."""
    from kgraph.ingest import iter_articles
    from kgraph.ontology import load_ontology

    sentences = []
    for article in iter_articles([DATA], load_ontology().boilerplate):
        for paragraph in article.text.split("\n\n"):
            sentences += [s for s in _SENTENCE_END.split(paragraph) if len(s.split()) >= 6]
    return sentences


def synthetic_corpus(count: int, *, seed: int = 7, sentences: int = 12) -> list[dict[str, str]]:
    """``count`` JSONL records of recombined seed sentences with varied names."""
    pool = seed_sentences()
    rng = random.Random(seed)
    records = []
    for i in range(count):
        names = _names(rng)
        picked = [_rename(rng.choice(pool), names) for _ in range(sentences)]
        paragraphs = [" ".join(picked[k : k + 3]) for k in range(0, len(picked), 3)]
        records.append(
            {
                "url": f"https://synthetic.example/{seed}/{i}",
                "title": f"Report {i}",
                "published": f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "source": "Synthetic News",
                "text": "\n\n".join(paragraphs),
            }
        )
    return records


def write_jsonl(records: Iterable[dict[str, str]], path: Path) -> Path:
    """Write records one JSON object per line."""
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def words(records: Iterable[dict[str, str]]) -> int:
    """Whitespace-separated words in the records' texts."""
    return sum(len(r["text"].split()) for r in records)


def _names(rng: random.Random) -> dict[str, str]:
    mapping = {}
    for name in _SWAPPABLE["country"]:
        mapping[name] = rng.choice(_COUNTRIES)
    for name in _SWAPPABLE["city"]:
        mapping[name] = rng.choice(_CITIES)
    for name in _SWAPPABLE["person"]:
        mapping[name] = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    return mapping


def _rename(sentence: str, names: dict[str, str]) -> str:
    for old in sorted(names, key=len, reverse=True):
        sentence = sentence.replace(old, names[old])
    return sentence
