"""Finding federated queries (``SERVICE``) before the engine runs them.

Oxigraph's engine evaluates ``SERVICE <url> { ... }`` by calling ``url`` over
HTTP, from the server's network: an endpoint open to the public would fetch
any address for anyone. pyoxigraph has no switch to turn that off, so the
endpoint refuses such queries unless ``--allow-service`` is given.

The check reads the query the way a SPARQL lexer does (comments, string
literals, IRIs and prefixed names are not keywords) and errs on the side of
refusing: it also reads the text with ``\\u`` escapes decoded (rdflib decodes
them before parsing), and reads again as code the inside of any ``<...>``
that holds a parenthesis, since ``FILTER(?x<1)SERVICE?s#>`` lexes as an IRI
here but as ``<`` and a SERVICE to Oxigraph's parser.

>>> uses_service("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
True
>>> uses_service('SELECT * WHERE { ?s rdfs:label "Federal Security Service"@en }')
False
"""

from __future__ import annotations

import re

__all__ = ["uses_service"]

#: A percent escape or a backslash escape in a prefixed name's local part.
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PN_END = rf"(?:[\w:\-]|{_PLX})"
_PN_MIDDLE = rf"(?:[\w.:\-]|{_PLX})"
_TOKENS = re.compile(
    rf"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
               |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'
               |"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
    | (?P<variable>[?$]\w+)
    | (?P<pname>(?:[^\W\d_](?:[\w.\-]*[\w\-])?)?:(?:{_PN_END}(?:{_PN_MIDDLE}*{_PN_END})?)?)
    | (?P<word>\w+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def uses_service(query: str) -> bool:
    """Whether ``query`` may hold a ``SERVICE`` clause (a federated query)."""
    return any(_has_keyword(text, "SERVICE") for text in {query, _unescape(query)})


def _has_keyword(text: str, keyword: str) -> bool:
    for match in _TOKENS.finditer(text):
        token = match.group()
        if match.lastgroup == "word" and token.upper() == keyword:
            return True
        ambiguous = match.lastgroup == "iri" and ("(" in token or ")" in token)
        if ambiguous and _has_keyword(token[1:-1], keyword):
            return True
    return False


def _unescape(text: str) -> str:
    """The text with SPARQL's ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes decoded."""

    def decode(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()

    return _UNICODE_ESCAPE.sub(decode, text)
