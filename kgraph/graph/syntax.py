"""Explaining a SPARQL query that does not parse: where, the line with a caret, the likely fix.

Oxigraph's parser reports the furthest point it reached and every token it
would have accepted there ("expected CONSTRUCT" for a misspelt ``SELECT``, a
wall of Unicode ranges for an unknown prefix). Both engines' errors go through
:func:`explain`, which looks at the query itself for the usual mistakes: a
query that does not start with a query form, an undeclared prefix, a misspelt
keyword, an unclosed bracket. Otherwise the parser's list is cut to its words.

>>> print(explain("SELEC * WHERE { ?s ?p ?o }", 1, 10, "expected CONSTRUCT", {"kg": "urn:kg#"}))
invalid SPARQL: error at 1:1: expected SELECT, CONSTRUCT, ASK or DESCRIBE at the start of the \
query (after any PREFIX and BASE), not 'SELEC'; did you mean SELECT?
  SELEC * WHERE { ?s ?p ?o }
  ^
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from kgraph.graph.sparql import Token, tokens

__all__ = ["explain"]

_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
_KEYWORDS = set(_FORMS) | {
    "BASE", "PREFIX", "WHERE", "FROM", "NAMED", "DISTINCT", "REDUCED", "AS", "GROUP", "BY",
    "HAVING", "ORDER", "ASC", "DESC", "LIMIT", "OFFSET", "VALUES", "UNDEF", "OPTIONAL", "GRAPH",
    "SERVICE", "SILENT", "BIND", "MINUS", "UNION", "FILTER", "EXISTS", "NOT", "IN", "LATERAL",
    "A", "TRUE", "FALSE", "STR", "LANG", "LANGMATCHES", "DATATYPE", "BOUND", "IRI", "URI",
    "BNODE", "RAND", "ABS", "CEIL", "FLOOR", "ROUND", "CONCAT", "STRLEN", "UCASE", "LCASE",
    "ENCODE_FOR_URI", "CONTAINS", "STRSTARTS", "STRENDS", "STRBEFORE", "STRAFTER", "YEAR",
    "MONTH", "DAY", "HOURS", "MINUTES", "SECONDS", "TIMEZONE", "TZ", "NOW", "UUID", "STRUUID",
    "MD5", "SHA1", "SHA256", "SHA384", "SHA512", "COALESCE", "IF", "STRLANG", "STRDT",
    "SAMETERM", "ISIRI", "ISURI", "ISBLANK", "ISLITERAL", "ISNUMERIC", "REGEX", "SUBSTR",
    "REPLACE", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", "SEPARATOR",
    "TRIPLE", "SUBJECT", "PREDICATE", "OBJECT", "ISTRIPLE", "LANGDIR", "HASLANG", "HASLANGDIR",
    "STRLANGDIR", "DATA", "DEFAULT", "ALL", "INTO", "TO", "USING",
}  # fmt: skip
_BRACKETS = {"{": "}", "(": ")", "[": "]"}
_CHARACTER_CLASS = re.compile(r"\[[^\]]*\]")
_MAX_EXPECTED = 8
_LINE_CHARS = 100


class _Hint(NamedTuple):
    """What is likely wrong, and where (an offset into the query, or None)."""

    offset: int | None
    text: str


def explain(
    query: str, line: int | None, column: int | None, detail: str, prefixes: Mapping[str, str]
) -> str:
    """The message for ``query``, which a parser refused at ``line``:``column`` with ``detail``."""
    offset = _offset(query, line, column) if line and column else None
    found = list(tokens(query))
    hint = (
        _query_form(found, len(query))
        or _unknown_prefix(found, prefixes)
        or _unclosed_string(found)
        or _misspelt_word(found, offset)
        or _short_triple(found)
        or _unclosed(found, offset, len(query.rstrip()))
        or _Hint(offset, _short(detail))
    )
    if hint.offset is None:
        return f"invalid SPARQL: {hint.text}"
    where = _line_column(query, hint.offset)
    return f"invalid SPARQL: error at {where}: {hint.text}\n{_caret(query, hint.offset)}"


def _query_form(found: list[Token], end: int) -> _Hint | None:
    """A query that does not start (after PREFIX and BASE) with SELECT, CONSTRUCT, ASK, DESCRIBE."""
    code = iter(t for t in found if t.kind != "comment")
    for token in code:
        word = token.text.upper() if token.kind == "word" else ""
        if word in _FORMS:
            return None
        if word == "BASE":
            next(code, None)
        elif word == "PREFIX":
            name = next(code, None)
            if name is None or name.kind != "pname" or not name.text.endswith(":"):
                where = name.start if name else token.start
                return _Hint(where, "PREFIX takes a name ending in ':' and an IRI: PREFIX x: <...>")
            next(code, None)
        elif word in _UPDATES:
            return _Hint(token.start, f"{token.text!r} starts an update; only queries run here")
        else:
            close = difflib.get_close_matches(word, _FORMS, n=1, cutoff=0.6)
            fix = f"; did you mean {close[0]}?" if close else ""
            return _Hint(token.start, f"{_EXPECTED_FORM}, not {token.text!r}{fix}")
    return _Hint(end, f"the query is empty: {_EXPECTED_FORM}")


_EXPECTED_FORM = (
    "expected SELECT, CONSTRUCT, ASK or DESCRIBE at the start of the query "
    "(after any PREFIX and BASE)"
)


def _unknown_prefix(found: list[Token], prefixes: Mapping[str, str]) -> _Hint | None:
    declared = set(prefixes)
    for before, token in _with_previous(found):
        if token.kind != "pname":
            continue
        name = token.text.split(":", 1)[0]
        if before is not None and before.kind == "word" and before.text.upper() == "PREFIX":
            declared.add(name)
        elif name not in declared:
            known = ", ".join(prefixes)
            return _Hint(
                token.start,
                f"unknown prefix '{name}:'; declare it with PREFIX {name}: <...> "
                f"(predeclared: {known})",
            )
    return None


def _unclosed_string(found: list[Token]) -> _Hint | None:
    quote = next((t for t in found if t.kind == "other" and t.text in "'\""), None)
    if quote is None:
        return None
    return _Hint(
        quote.start,
        f"this string is not closed; end it with {quote.text} on the same line "
        f"(or write a long string as {quote.text * 3}...{quote.text * 3})",
    )


def _misspelt_word(found: list[Token], offset: int | None) -> _Hint | None:
    """The last word before the error, if it is no SPARQL keyword (a language tag is not a word)."""
    if offset is None:
        return None
    words = [
        token
        for before, token in _with_previous(found)
        if token.kind == "word" and token.start <= offset and not (before and before.text == "@")
    ]
    if not words or words[-1].text.upper() in _KEYWORDS:
        return None
    word = words[-1]
    close = difflib.get_close_matches(word.text.upper(), _KEYWORDS, n=1, cutoff=0.75)
    fix = (
        f"did you mean {close[0]}?"
        if close
        else "variables start with ?, IRIs are written <...>, prefixed names prefix:name"
    )
    return _Hint(word.start, f"{word.text!r} is not a SPARQL keyword; {fix}")


def _short_triple(found: list[Token]) -> _Hint | None:
    """A triple pattern with one or two of its three terms (``{ ?x ?y }``)."""
    for index, token in enumerate(found):
        values = index >= 2 and found[index - 2].text.upper() == "VALUES"
        if token.text not in _PATTERN_STARTS or values:
            continue
        terms = list(itertools.takewhile(_is_term, found[index + 1 :]))
        after = index + 1 + len(terms)
        if 0 < len(terms) < 3 and after < len(found) and found[after].text in _PATTERN_ENDS:
            return _Hint(
                terms[0].start,
                f"this triple pattern has {len(terms)} of its 3 parts (subject, predicate, object)",
            )
    return None


_PATTERN_STARTS = {"{", ".", "}"}
_PATTERN_ENDS = {"}", "."}
_TERM_KINDS = {"variable", "iri", "pname", "string", "number", "bnode"}


def _is_term(token: Token) -> bool:
    return token.kind in _TERM_KINDS or token.text in {"a", "true", "false"}


def _unclosed(found: list[Token], offset: int | None, end: int) -> _Hint | None:
    """A bracket never closed (the query ends early) or a closing bracket with no opening."""
    opened: list[Token] = []
    for token in found:
        if token.text in _BRACKETS:
            opened.append(token)
        elif token.text in _BRACKETS.values():
            if not opened or _BRACKETS[opened[-1].text] != token.text:
                return _Hint(token.start, f"this '{token.text}' closes nothing; remove it")
            opened.pop()
    if opened and (offset is None or offset >= end):
        first = opened[-1]
        return _Hint(
            end, f"the query ends before '{first.text}' is closed; add '{_BRACKETS[first.text]}'"
        )
    return None


def _with_previous(found: list[Token]) -> Iterator[tuple[Token | None, Token]]:
    previous = None
    for token in found:
        yield previous, token
        previous = token


def _short(detail: str) -> str:
    """The parser's message with character ranges left out and long lists cut."""
    head, found, listed = detail.partition("expected one of ")
    if not found:
        head, found, listed = detail.partition("expected ")
    if not found:
        return detail.strip()
    items = [i.strip() for i in _CHARACTER_CLASS.sub("", listed).split(", ") if i.strip()]
    if not items:
        return f"{head}unexpected character here".strip()
    more = ", ..." if len(items) > _MAX_EXPECTED else ""
    return f"{head}expected {', '.join(items[:_MAX_EXPECTED])}{more}".strip()


def _offset(query: str, line: int, column: int) -> int:
    """The character offset of a 1-based line and column (the end of the query past it)."""
    lines = query.splitlines(keepends=True)
    start = sum(len(text) for text in lines[: line - 1])
    return min(start + column - 1, len(query))


def _line_column(query: str, offset: int) -> str:
    line = query.count("\n", 0, offset) + 1
    column = offset - (query.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{column}"


def _caret(query: str, offset: int) -> str:
    """The line holding ``offset`` and a caret under it (a window of a long line)."""
    start = query.rfind("\n", 0, offset) + 1
    end = query.find("\n", offset)
    text = query[start : end if end >= 0 else len(query)].replace("\t", " ").rstrip("\r")
    column = offset - start
    left = max(0, min(column - _LINE_CHARS // 2, len(text) - _LINE_CHARS))
    shown = text[left : left + _LINE_CHARS]
    return f"  {shown}\n  {' ' * (column - left)}^"
