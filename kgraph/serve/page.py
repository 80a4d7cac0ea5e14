"""The query page at ``/``: a form, example queries, results as a table. No external files.

Everything put into the page is HTML-escaped here, and the page's script
writes results with ``textContent`` only.

>>> "&lt;b&gt;" in render("<b>")
True
"""

from __future__ import annotations

import html
from importlib import resources

__all__ = ["CONTENT_SECURITY_POLICY", "EXAMPLES", "PAGE_ROWS", "render"]

#: The page loads nothing from elsewhere and talks only to its own endpoint.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)

#: (title, query) pairs offered on the page; the first fills the editor.
EXAMPLES = (
    (
        "Who initiated what, according to which article",
        """SELECT ?who ?what ?title WHERE {
  GRAPH ?article { ?s kg:initiates ?o }
  ?s rdfs:label ?who . ?o rdfs:label ?what .
  OPTIONAL { ?article dcterms:title ?title }
}""",
    ),
    (
        "Everything said about Azerbaijan, best first, with the sentence",
        """SELECT ?relation ?other ?sentence ?confidence WHERE {
  ?e rdfs:label "Azerbaijan"@en .
  ?f rdf:subject ?e ; rdf:predicate ?p ; rdf:object ?o ;
     kg:sentence ?sentence ; kg:confidence ?confidence .
  OPTIONAL { ?p rdfs:label ?relation } OPTIONAL { ?o rdfs:label ?other }
} ORDER BY DESC(?confidence) LIMIT 50""",
    ),
    (
        "Facts per relation",
        """SELECT ?p (COUNT(?f) AS ?facts) WHERE { ?f a rdf:Statement ; rdf:predicate ?p }
GROUP BY ?p ORDER BY DESC(?facts)""",
    ),
    (
        "Articles",
        """SELECT ?article ?title ?date WHERE {
  ?article a kg:Article .
  OPTIONAL { ?article dcterms:title ?title } OPTIONAL { ?article dcterms:issued ?date }
}""",
    ),
    (
        "Entities by class",
        """SELECT ?class (COUNT(?e) AS ?entities) WHERE { ?e a ?class ; rdfs:label [] }
GROUP BY ?class ORDER BY DESC(?entities)""",
    ),
    (
        "Is there a fact with kg:initiates? (ASK)",
        "ASK { ?s kg:initiates ?o }",
    ),
    (
        "The countries and their names (CONSTRUCT)",
        """CONSTRUCT { ?e rdfs:label ?label ; skos:altLabel ?alias }
WHERE { ?e a kg:Country ; rdfs:label ?label OPTIONAL { ?e skos:altLabel ?alias } }""",
    ),
)


#: Result rows the page shows at a time (a table of 100,000 rows would freeze the tab).
PAGE_ROWS = 500


def render(title: str, *, token: bool = False) -> str:
    """The page's HTML, for a store called ``title``; with ``token``, it asks for the token."""
    template = resources.files("kgraph.serve").joinpath("page.html").read_text(encoding="utf-8")
    options = "\n".join(
        f'<option value="{html.escape(query)}">{html.escape(name)}</option>'
        for name, query in EXAMPLES
    )
    return (
        template.replace("<!--TITLE-->", html.escape(title))
        .replace("<!--EXAMPLES-->", options)
        .replace("<!--FIRST-->", html.escape(EXAMPLES[0][1]))
        .replace("/*PAGE_ROWS*/500", str(PAGE_ROWS))
        .replace("<!--TOKEN-->", "" if token else "hidden")
    )
