"""The web-page furniture of ``ontology/boilerplate.toml``, compiled and checked at load.

:func:`read_boilerplate` reads the file into a frozen :class:`Boilerplate`
(``Ontology.boilerplate``), which :mod:`kgraph.ingest` receives: the phrases a
newsroom or site template adds (menus, paywalls, share buttons, bylines, footer
markers, photo credits). The structure of a page (line lengths, headings, dates,
URLs) stays in the code.

>>> from kgraph.ontology import load_ontology
>>> rules = load_ontology().boilerplate
>>> bool(rules.line.search("Leave a Reply")), bool(rules.line.search("Troops left."))
(True, False)
>>> bool(rules.byline.search("By Jane Roe")), bool(rules.byline.search("by jane roe"))
(True, False)
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from kgraph.errors import OntologyError

__all__ = ["Boilerplate", "read_boilerplate"]

#: The tables of the file and the keys each must have (``lines`` takes any kind name).
_KEYS = {"bylines": ("patterns",), "footer": ("more_links", "markers"), "credit_tail": ("words",)}
_TABLES = ("lines", *_KEYS)
#: Lines a pattern must not match with an empty match: it would drop every line.
_PROBES = ("", "Troops exchanged fire.")


@dataclass(frozen=True)
class Boilerplate:
    """The compiled patterns of ``boilerplate.toml``; each is one alternation of its entries."""

    line: re.Pattern[str]  # any pattern of [lines]: a short line that is furniture
    byline: re.Pattern[str]  # [bylines], case-sensitive: furniture unless a sentence
    more_link: re.Pattern[str]  # [footer] more_links: closes a teaser card
    footer: re.Pattern[str]  # [footer] markers: opens the footer
    credit_tail: re.Pattern[str]  # "(Photo: ...)" at the end of a line, with the space before


def read_boilerplate(path: Path) -> Boilerplate:
    """The patterns of ``boilerplate.toml``, each compiled and checked.

    Raises:
        OntologyError: the file is missing, not TOML, lacks a table or key, has an
            unknown one, or holds a pattern that is not a regular expression or that
            matches the empty string; the message names the file, line and key.
    """
    text = _read_text(path)
    raw = _parse(path, text)
    kinds = _table(path, raw, "lines")
    if not kinds:
        raise OntologyError(f"{path}: [lines] is empty; give at least one kind of pattern")
    lines = [p for kind in kinds for p in _patterns(path, text, kinds, "lines", kind)]
    words = _strings(path, _table(path, raw, "credit_tail"), "credit_tail", "words")
    tail = r"[\s.]*\((?:" + "|".join(re.escape(w) for w in words) + r")\b[^)]*\)$"

    def alternation(name: str, key: str, flags: int) -> re.Pattern[str]:
        return _compile(path, _patterns(path, text, _table(path, raw, name), name, key), flags)

    return Boilerplate(
        line=_compile(path, lines, re.IGNORECASE),
        byline=alternation("bylines", "patterns", 0),
        more_link=alternation("footer", "more_links", re.IGNORECASE),
        footer=alternation("footer", "markers", re.IGNORECASE),
        credit_tail=re.compile(tail, re.IGNORECASE),
    )


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise OntologyError(f"{path}: missing from the ontology folder")
    return path.read_text(encoding="utf-8")


def _parse(path: Path, text: str) -> dict[str, Any]:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise OntologyError(f"{path}: not valid TOML: {exc}") from exc
    unknown = sorted(set(raw) - set(_TABLES))
    if unknown:
        raise OntologyError(
            f"{path}: unknown table [{unknown[0]}]; the tables are {', '.join(_TABLES)}"
        )
    return raw


def _table(path: Path, raw: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    """The table ``name``, with exactly the keys it needs (any keys for ``lines``)."""
    table = raw.get(name)
    if not isinstance(table, dict):
        raise OntologyError(f"{path}: needs the table [{name}]; see the shipped boilerplate.toml")
    needed = _KEYS.get(name)
    if needed is not None:
        unknown = sorted(set(table) - set(needed))
        if unknown:
            keys = ", ".join(needed)
            raise OntologyError(f"{path}: [{name}] has the unknown key {unknown[0]!r}; use {keys}")
    return table


def _strings(path: Path, table: Mapping[str, Any], name: str, key: str) -> list[str]:
    """``table[key]``: a non-empty list of non-empty strings."""
    value = table.get(key)
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        raise OntologyError(
            f"{path}: [{name}] {key} must be a non-empty list of non-empty strings, "
            f"e.g. {key} = ['^read more\\b']"
        )
    return value


def _patterns(path: Path, text: str, table: Mapping[str, Any], name: str, key: str) -> list[str]:
    """The patterns of ``table[key]``, each checked to compile and to match no empty string."""
    patterns = _strings(path, table, name, key)
    for index, pattern in enumerate(patterns):
        where = f"{path}{_line_of(text, pattern)}: [{name}] {key}[{index}] {pattern!r}"
        try:
            re.compile(pattern)
            compiled = re.compile(f"(?:{pattern})")  # as it is joined with the others
        except re.error as exc:
            position = (exc.pos or 0) - (0 if exc.pattern == pattern else len("(?:"))
            raise OntologyError(
                f"{where} is not a regular expression ({exc.msg} at position {position}); "
                "fix it, or write a literal ( [ ? + * . \\ with a backslash before it"
            ) from exc
        if any(_empty_match(compiled, probe) for probe in _PROBES):
            raise OntologyError(
                f"{where} matches the empty string, so it would drop every line; "
                "make it match at least one character"
            )
    return patterns


def _empty_match(pattern: re.Pattern[str], probe: str) -> bool:
    found = pattern.search(probe)
    return found is not None and found.start() == found.end()


def _line_of(text: str, pattern: str) -> str:
    """``":N"``, the line of ``text`` that holds ``pattern`` as written, or ``""``."""
    for lineno, line in enumerate(text.splitlines(), start=1):
        if f"'{pattern}'" in line or f'"{pattern}"' in line:
            return f":{lineno}"
    return ""


def _compile(path: Path, patterns: list[str], flags: int) -> re.Pattern[str]:
    """One pattern that matches where any of ``patterns`` does."""
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), flags)
    except re.error as exc:  # each compiles alone: a group name is used twice
        raise OntologyError(
            f"{path}: two patterns of one table do not compile together ({exc.msg}); "
            "give each named group its own name"
        ) from exc
