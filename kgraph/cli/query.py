"""Commands that read a store: query, export and stats."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click

from kgraph.cli._shell import cli, err, out, print_result, read_query, short_iri, table


@cli.command()
@click.argument("store", type=click.Path(path_type=Path))
@click.argument("sparql")
@click.option(
    "-f",
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "json", "csv", "tsv", "xml", "ttl", "nt"]),
    help="Output format (ttl/nt for CONSTRUCT and DESCRIBE).",
)
def query(store: Path, sparql: str, fmt: str) -> None:
    """Run a SPARQL query over STORE (SPARQL text, @FILE, or - for stdin).

    The default graph is the union of all graphs, unless the query names its
    dataset (FROM <graph>, FROM NAMED <graph>); the prefixes kg:, kgrel:, rdf:,
    rdfs:, owl:, xsd:, skos:, prov:, dcterms: and wd: are predeclared.

    \b
    Example:
      kgraph query kg/ 'SELECT ?label WHERE { ?e a kg:Country ; rdfs:label ?label }'
      kgraph query kg/ @queries/facts.rq --format csv
    """
    from kgraph.graph import KGStore

    text = read_query(sparql)
    with KGStore.open(store, read_only=True) as kg:
        result = kg.query(text)
        print_result(result, fmt, kg.iris.base)


@cli.command(name="export")
@click.argument("store", type=click.Path(path_type=Path))
@click.option(
    "-f",
    "--format",
    "fmt",
    default=None,
    help="trig, nq, jsonld, ttl, nt, xml, graphml, gexf or csv "
    "(default: from -o's extension, else trig).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="File to write (default: standard output).",
)
@click.option("--article", metavar="ID_OR_IRI", help="Only this article's graph (or facts).")
@click.option("--construct", metavar="QUERY", help="The result of this CONSTRUCT query (or @FILE).")
def export_cmd(
    store: Path, fmt: str | None, output: Path | None, article: str | None, construct: str | None
) -> None:
    """Write STORE in a standard RDF format, as an entity graph, or its facts as CSV.

    TriG, N-Quads and JSON-LD keep each article's named graph; Turtle, N-Triples
    and RDF/XML hold the union of all graphs. GraphML and GEXF (for Gephi) hold
    the entity graph; CSV every fact with its provenance.

    \b
    Example:
      kgraph export kg/ --format trig -o kg.trig
      kgraph export kg/ --format nt | wc -l
      kgraph export kg/ --article 4ee822216b98f0fe -o entities.gexf
    """
    from kgraph.export import ExportFormat, export
    from kgraph.export.files import atomic_output, check_output
    from kgraph.graph import KGStore

    chosen = ExportFormat.parse(fmt or (output.suffix if output and output.suffix else "trig"))
    query_text = read_query(construct) if construct else None
    if output is not None:
        check_output(output)  # before the store is read
    with KGStore.open(store, read_only=True) as kg:
        if output is None:
            export(kg, sys.stdout.buffer, chosen, article=article, construct=query_text)
            sys.stdout.buffer.flush()
            return
        with atomic_output(output) as handle:
            export(kg, handle, chosen, article=article, construct=query_text)
    err.print(f"wrote {output} ({chosen.value})", markup=False)


@cli.command()
@click.argument("store", type=click.Path(path_type=Path))
@click.option("--top", default=10, show_default=True, help="How many relations to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(store: Path, top: int, as_json: bool) -> None:
    """Count articles, sentences, facts, entities by class and top relations in STORE.

    \b
    Example:
      kgraph stats kg/
      kgraph stats kg/ --json
    """
    from kgraph.graph import KGStore, graph_stats

    with KGStore.open(store, read_only=True) as kg:
        counts = graph_stats(kg, top=top)
    if as_json:
        out.print_json(json.dumps(asdict(counts)))
        return
    out.print(
        f"articles   {counts.articles}\nsentences  {counts.sentences}\n"
        f"facts      {counts.facts} ({counts.negated_facts} negated, "
        f"{counts.held_back_facts} held back under --min-confidence)\n"
        f"entities   {counts.entities} ({counts.entities_in_facts} in facts)\n"
        f"copies     {counts.syndicated_copies} (articles that repeat another's text)\n"
        f"quads      {counts.quads}"
    )
    out.print(table(["class", "entities"], counts.entities_by_class.items()))
    relations = ((short_iri(iri, ""), label, n) for iri, label, n in counts.top_relations)
    out.print(table(["relation", "label", "facts"], relations))
