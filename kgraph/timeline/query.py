"""The SPARQL of an entity's timeline: the facts it takes part in, with time and provenance.

:data:`TIMELINE_QUERY` is the query docs/timeline.md documents; :func:`timeline_query` fills in
the entities. Each row is one fact (one mention of an event in one article). The library reads
the same rows from the store's index (:mod:`kgraph.timeline.facts`) instead, a store lookup
per row and field being too slow for a busy entity of a large store.

Each OPTIONAL holds one triple pattern (or a path): Oxigraph evaluates an OPTIONAL of two
patterns over the whole store before joining it, ten seconds on a store of 10,000 articles.
"""

from __future__ import annotations

from collections.abc import Iterable

#: The entity's facts as subject, object, participant (``kg:about``) or speaker (the one the fact
#: is attributed to: the event is then the speech act), each with its time, its
#: article's date and source, its sentence and offsets, its attribution and its stance.
#: The first line picks the entity by name; :func:`timeline_query` puts the entities' IRIs there.
TIMELINE_QUERY = """\
PREFIX kg: <https://w3id.org/kgraph/ns#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?e ?fact ?role ?s ?subject ?p ?relation ?o ?object ?time ?timeText ?when ?anchor
       ?article ?identifier ?title ?url ?publisher ?issued
       ?sentence ?sentenceStart ?relationText ?relationStart ?relationEnd ?objectStart ?objectEnd
       ?speaker ?cue ?negated ?modality ?denied ?confidence ?extractor ?conflict
WHERE {
  ?e rdfs:label|skos:altLabel "Airbus A380"@en .
  { ?fact rdf:subject ?e . BIND("subject" AS ?role) }
  UNION { ?fact rdf:object ?e . BIND("object" AS ?role) }
  UNION { ?fact kg:about ?e . BIND("participant" AS ?role) }
  UNION { ?fact prov:wasAttributedTo ?e . BIND("speaker" AS ?role) }
  ?fact a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
        prov:wasDerivedFrom ?article ; kg:sentence ?sentence .
  OPTIONAL { ?fact kg:sentenceStart ?sentenceStart }
  OPTIONAL { ?fact kg:relationText ?relationText }
  OPTIONAL { ?fact kg:relationStart ?relationStart }
  OPTIONAL { ?fact kg:relationEnd ?relationEnd }
  OPTIONAL { ?fact kg:objectStart ?objectStart }
  OPTIONAL { ?fact kg:objectEnd ?objectEnd }
  OPTIONAL { ?s rdfs:label ?subjectLabel }
  OPTIONAL { ?p rdfs:label ?relationLabel }
  OPTIONAL { ?o rdfs:label ?objectLabel }
  BIND(COALESCE(?subjectLabel, STR(?s)) AS ?subject)
  BIND(COALESCE(?relationLabel, ?relationText, STR(?p)) AS ?relation)
  BIND(COALESCE(?objectLabel, STR(?o)) AS ?object)
  OPTIONAL { ?fact kg:time ?time }
  OPTIONAL { ?fact kg:timeText ?timeText }
  OPTIONAL { ?article dcterms:issued ?issued }
  OPTIONAL { ?article dcterms:identifier ?identifier }
  OPTIONAL { ?article dcterms:title ?title }
  OPTIONAL { ?article dcterms:source ?url }
  OPTIONAL { ?article dcterms:publisher ?publisher }
  OPTIONAL { ?fact prov:wasAttributedTo/rdfs:label ?speaker }
  OPTIONAL { ?fact kg:attributionCue ?cue }
  OPTIONAL { ?fact kg:negated ?negated }
  OPTIONAL { ?fact kg:modality ?modality }
  OPTIONAL { ?fact kg:denied ?denied }
  OPTIONAL { ?fact kg:confidence ?confidence }
  OPTIONAL { ?fact kg:extractor ?extractor }
  OPTIONAL { ?fact ^kg:involves/rdfs:comment ?conflict }
  BIND(IF(BOUND(?time), "fact", IF(BOUND(?issued), "article", "undated")) AS ?anchor)
  BIND(COALESCE(STR(?time), STR(?issued), "") AS ?when)
}
ORDER BY ?when ?article ?sentenceStart ?relationStart
"""

_BY_NAME = '?e rdfs:label|skos:altLabel "Airbus A380"@en .'


def timeline_query(entities: Iterable[str]) -> str:
    """:data:`TIMELINE_QUERY` for entities given by IRI.

    >>> "<https://example.org/kgraph/entity/Airbus>" in timeline_query(
    ...     ["https://example.org/kgraph/entity/Airbus"])
    True
    """
    values = " ".join(f"<{iri}>" for iri in entities)
    return TIMELINE_QUERY.replace(_BY_NAME, f"VALUES ?e {{ {values} }}")
