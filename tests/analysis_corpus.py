"""Hand-built stores for the conflict and corroboration tests, following the issue 8 contract."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kgraph.graph import KGStore

BASE = "https://example.org/kgraph/"
_PREFIXES = f"""@base <{BASE}> .
@prefix kg: <https://w3id.org/kgraph/ns#> .
@prefix kgrel: <https://w3id.org/kgraph/rel/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""
_SPEECH_ACTS = {"claim": "claims", "deny": "denies", "accuse": "accuses"}
_TIME_TYPES = {4: "xsd:gYear", 7: "xsd:gYearMonth", 10: "xsd:date"}


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class Corpus:
    """Articles, entities and fact nodes, written as TriG into a memory store."""

    graphs: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def article(
        self,
        key: str,
        title: str | None = None,
        publisher: str | None = None,
        url: str | None = None,
        issued: str | None = None,
        text: str | None = None,
    ) -> str:
        lines = [f"<article/{key}> a kg:Article ; dcterms:identifier {_q(key)}"]
        if text:
            lines.append(f"kg:text {_q(text)}")
        if title:
            lines.append(f"dcterms:title {_q(title)}")
        if publisher:
            lines.append(f"dcterms:publisher {_q(publisher)}")
        if url:
            lines.append(f"dcterms:source <{url}>")
        if issued:
            lines.append(f"dcterms:issued {_q(issued)}^^{_TIME_TYPES[len(issued)]}")
        self.graphs[f"article/{key}"].append(" ;\n  ".join(lines) + " .")
        return key

    def entity(self, key: str, label: str, cls: str = "Entity") -> str:
        entry = f"<entity/{key}> a kg:{cls} ; rdfs:label {_q(label)}@en ."
        if entry not in self.graphs["graph/entities"]:
            self.graphs["graph/entities"].append(entry)
        return f"<entity/{key}>"

    def fact(
        self,
        name: str,
        article: str,
        subject: str,
        predicate: str,
        obj: str,
        *,
        sentence: str = "",
        negated: bool = False,
        denied: bool = False,
        modality: str | None = None,
        speaker: str | None = None,
        cue: str | None = None,
        time: str | None = None,
        subject_text: str | None = None,
        asserted: bool = True,
    ) -> str:
        """A fact node (``obj`` is Turtle: ``<entity/x>`` or a literal)."""
        node = f"<fact/{name}>"
        lines = [
            f"{node} a rdf:Statement ; rdf:subject {subject} ; rdf:predicate {predicate}",
            f"rdf:object {obj} ; prov:wasDerivedFrom <article/{article}>",
            f"kg:sentence {_q(sentence or name)}",
        ]
        if subject_text:
            lines.append(f"kg:subjectText {_q(subject_text)}")
        if negated:
            lines.append("kg:negated true")
        if denied:
            lines.append("kg:denied true")
        if modality:
            lines.append(f"kg:modality {_q(modality)}")
        if speaker:
            lines.append(f"prov:wasAttributedTo {speaker}")
            act = _SPEECH_ACTS.get(cue or "", "states")
            self.graphs[f"article/{article}"].append(f"{speaker} kg:{act} {node} .")
        if cue:
            lines.append(f"kg:attributionCue {_q(cue)}")
        if time:
            lines.append(f"kg:time {_q(time)}^^{_TIME_TYPES[len(time)]} ; kg:timeText {_q(time)}")
        graph = self.graphs[f"article/{article}"]
        graph.append(" ;\n  ".join(lines) + " .")
        if asserted and not (negated or denied or modality):
            graph.append(f"{subject} {predicate} {obj} .")
        return node

    def quantity(
        self,
        name: str,
        article: str,
        counted: str,
        kind: str,
        count: float,
        qualifier: str | None = None,
        *,
        about: str | None = None,
        **marks: object,
    ) -> str:
        """A kg:Quantity fact node counting the entity labelled ``counted``."""
        subject = self.entity(counted.replace(" ", "_").replace("/", "_"), counted)
        number = str(count)
        node = self.fact(name, article, subject, "kg:count", number, asserted=False, **marks)
        extra = [f"a kg:Quantity ; kg:count {number} ; kg:quantityKind {_q(kind)}"]
        if qualifier:
            extra.append(f"kg:qualifier {_q(qualifier)}")
        if about:
            extra.append(f"kg:about {self.entity(about.replace(' ', '_'), about, 'Event')}")
        self.graphs[f"article/{article}"].append(f"{node} " + " ;\n  ".join(extra) + " .")
        return node

    def trig(self) -> str:
        blocks = [_PREFIXES]
        for graph, lines in self.graphs.items():
            blocks.append(f"<{graph}> {{\n" + "\n".join(lines) + "\n}")
        return "\n".join(blocks)

    def store(self, path: Path, engine: str = "oxigraph") -> KGStore:
        """A new store at ``path`` holding the corpus (open; close it)."""
        kg = KGStore.open(path, create=True, base_iri=BASE, kind=engine)
        kg.backend.extend(list(ox.parse(self.trig(), format=ox.RdfFormat.TRIG)))
        return kg
