"""Reading SPARQL text before an engine runs it: a lexer, and the query's dataset.

The lexer reads a query the way a SPARQL lexer does: comments, string
literals, IRIs, variables and prefixed names are tokens of their own, and a
number is split from a word glued to it (``1SERVICE`` is ``1`` and
``SERVICE``, as Oxigraph reads it). It is used to find keywords (``FROM``, and
``SERVICE`` in :mod:`kgraph.serve.policy`) and prefixed names in error messages.

A query names its own dataset with ``FROM`` and ``FROM NAMED``; a request to
the endpoint may name one instead (:class:`QueryDataset`, from the protocol's
``default-graph-uri`` and ``named-graph-uri``), which wins. Without either, the
default graph is the union of all graphs.

>>> [t.text for t in tokens("SELECT*{?s ?p 1e5SERVICE}") if t.kind == "word"]
['SELECT', 'SERVICE']
>>> has_dataset_clause("SELECT * FROM <urn:a> WHERE { ?s ?p ?o }")
True
>>> has_dataset_clause("SELECT ?from WHERE { ?from rdfs:label 'FROM' } # FROM <x>")
False
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["QueryDataset", "Token", "has_dataset_clause", "has_keyword", "tokens", "unescape"]

#: A percent escape or a backslash escape in a prefixed name's local part.
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PN_END = rf"(?:[\w:\-]|{_PLX})"
_PN_MIDDLE = rf"(?:[\w.:\-]|{_PLX})"
_EXPONENT = r"[eE][+-]?\d+"
_TOKENS = re.compile(
    rf"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
               |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'
               |"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
    | (?P<variable>[?$]\w+)
    | (?P<bnode>_:\w(?:[\w.\-]*[\w\-])?)
    | (?P<pname>(?:[^\W\d_](?:[\w.\-]*[\w\-])?)?:(?:{_PN_END}(?:{_PN_MIDDLE}*{_PN_END})?)?)
    | (?P<number>\d+\.\d*(?:{_EXPONENT})?|\.\d+(?:{_EXPONENT})?|\d+(?:{_EXPONENT})?)
    | (?P<word>\w+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class Token(NamedTuple):
    """A token: its kind (``word``, ``pname``, ``iri``, ``number``, ...), text and offset."""

    kind: str
    text: str
    start: int


@dataclass(frozen=True)
class QueryDataset:
    """The RDF dataset a request names (SPARQL 1.1 Protocol, section 2.1.4).

    The default graph is the merge of ``default_graphs`` (empty if there are
    none); ``named_graphs`` are the only graphs ``GRAPH`` sees. A graph the
    store does not hold is empty.
    """

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def tokens(text: str) -> Iterator[Token]:
    """The tokens of ``text``, whitespace left out."""
    for match in _TOKENS.finditer(text):
        if match.lastgroup != "other" or not match.group().isspace():
            yield Token(match.lastgroup or "other", match.group(), match.start())


def has_keyword(text: str, keyword: str) -> bool:
    """Whether ``keyword`` is a word of ``text`` (any case)."""
    return any(t.kind == "word" and t.text.upper() == keyword for t in tokens(text))


def has_dataset_clause(query: str) -> bool:
    """Whether a query names its dataset (``FROM`` or ``FROM NAMED``).

    ``FROM`` is a keyword only in a dataset clause, which only the outer query has.
    """
    return has_keyword(query, "FROM")


def unescape(text: str) -> str:
    """The text with SPARQL's ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes decoded."""

    def decode(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()

    return _UNICODE_ESCAPE.sub(decode, text)
