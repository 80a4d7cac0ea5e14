"""Expectations shared by several test modules: the sample corpus, what it must give, and a
helper to compare stores."""

from __future__ import annotations

from pathlib import Path

from kgraph.graph import KGStore

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
#: A fixed build time (reproducible builds), so two builds give identical graphs.
EPOCH = "1695081600"  # 2023-09-19T00:00:00Z

#: The corpus' main entities (issue 2) and their classes; None where the class is a judgement call.
REQUIRED = {
    "Azerbaijan": "Country",
    "Armenia": "Country",
    "Russia": "Country",
    "Turkey": "Country",
    "Lachin Corridor": "Route",
    "Nagorno-Karabakh": "Region",
    "Stepanakert": "City",
    "Baku": "City",
    "Yerevan": "City",
    "Moscow": "City",
    "Republic of Artsakh": None,
    "European Union": "Organization",
    "United States": "Country",
    "France": "Country",
    "United Nations": "Organization",
    "Nikol Pashinyan": "Person",
    "Ilham Aliyev": "Person",
    "Vladimir Putin": "Person",
}
#: Wikidata IDs checked against public sources (see ontology/README.md).
VERIFIED_WIKIDATA = {
    "Azerbaijan": "Q227",
    "Armenia": "Q399",
    "Russia": "Q159",
    "Turkey": "Q43",
    "France": "Q142",
    "United States": "Q30",
    "Baku": "Q9248",
    "Yerevan": "Q1953",
    "Moscow": "Q649",
    "Republic of Artsakh": "Q244165",
    "European Union": "Q458",
    "United Nations": "Q1065",
    "Nikol Pashinyan": "Q7035479",
    "Vladimir Putin": "Q7747",
}

#: Web boilerplate of the seed articles that must never reach the graph.
BOILERPLATE = [
    "Subscribe",
    "free article",
    "Leave a Reply",
    "Learn More",
    "No menu items",
    "Photo Internet reproduction",
    "Written by staff",
    "Jean Harris",
    "email address",
    "Required fields",
    "war time pictures",
    "Fair Use",
    "Check out our other content",
    "×",
    "Cracks in the alliance",
]


def store_quads(path: Path, graph: str | None = None) -> set[str]:
    """The quads of the store at ``path`` (or of one of its graphs), as N-Quads lines."""
    with KGStore.open(path, read_only=True) as store:
        return {str(q) for q in store.quads() if graph is None or q.graph_name.value == graph}
