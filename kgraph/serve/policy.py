"""Finding federated queries (``SERVICE``) before the engine runs them.

Oxigraph's engine (and rdflib's, behind ``--store memory``) evaluates
``SERVICE <url> { ... }`` by calling ``url`` over HTTP, from the server's
network: an endpoint open to the public would fetch any address for anyone.
pyoxigraph has no switch to turn that off, so the endpoint refuses such
queries unless ``--allow-service`` is given.

The decision is taken on the parsed query, with two layers that must both
pass, and errs on the side of refusing where parsers may disagree:

- **The parse tree.** rdflib's SPARQL parser reads the query and every node of
  the tree is searched for a SERVICE pattern: in subqueries, ``EXISTS`` and
  ``NOT EXISTS``, ``MINUS``, ``OPTIONAL``, ``UNION``, ``GRAPH``, anywhere. A
  query rdflib cannot parse is refused if its text, with ``\\u`` escapes
  decoded and case folded, holds ``service`` anywhere.
- **The words.** The query is also read with kgraph's SPARQL lexer
  (:mod:`kgraph.graph.sparql`), as written and with ``\\u`` escapes decoded.
  A word holding ``SERVICE`` is refused: Oxigraph does not need a space after
  a number or ``true`` (``1SERVICE``, ``1e5SERVICE`` and ``trueSERVICE`` are
  two tokens to it). The inside of any ``<...>`` that holds a parenthesis is
  read again as code, since ``FILTER(?x<1)SERVICE?s#>`` lexes as an IRI here
  but as ``<`` and a SERVICE to Oxigraph's parser.

Parsing a large query takes time: the endpoint calls :func:`uses_service` in
its query workers, where the time limit applies.

>>> uses_service("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
True
>>> uses_service("SELECT * WHERE { ?s ?p 1SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
True
>>> uses_service('SELECT * WHERE { ?s rdfs:label "Federal Security Service"@en }')
False
"""

from __future__ import annotations

from typing import Any

from kgraph.graph.sparql import tokens, unescape

__all__ = ["SERVICE_REFUSED", "uses_service"]

#: The answer to a refused query (HTTP 403).
SERVICE_REFUSED = (
    "federated queries (SERVICE) are disabled on this endpoint: they would make the server "
    "fetch other addresses; start it with 'kgraph serve --allow-service' to allow them"
)
_KEYWORD = "SERVICE"
_PATTERN = "ServiceGraphPattern"


def uses_service(query: str) -> bool:
    """Whether ``query`` may hold a ``SERVICE`` clause (a federated query)."""
    words = any(_has_service_word(text) for text in {query, unescape(query)})
    return words or _parses_to_service(query)


def _has_service_word(text: str) -> bool:
    for token in tokens(text):
        if token.kind == "word" and _KEYWORD in token.text.upper():
            return True
        ambiguous = token.kind == "iri" and ("(" in token.text or ")" in token.text)
        if ambiguous and _has_service_word(token.text[1:-1]):
            return True
    return False


def _parses_to_service(query: str) -> bool:
    """Whether rdflib's parse tree of ``query`` has a SERVICE pattern (or does not parse)."""
    from rdflib.plugins.sparql.parser import parseQuery  # slow to import: only when asked

    try:
        tree = parseQuery(query)
    except Exception:  # pyparsing's ParseException, RecursionError on deep nesting, ...
        return _KEYWORD.casefold() in unescape(query).casefold()
    return _has_pattern(tree)


def _has_pattern(node: Any) -> bool:
    """Whether a node of rdflib's parse tree is or holds a SERVICE pattern."""
    stack = [node]
    while stack:
        item = stack.pop()
        if getattr(item, "name", None) == _PATTERN:
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)) or hasattr(item, "as_list"):
            stack.extend(item)
    return False
