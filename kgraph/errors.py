"""kgraph's exceptions.

Every error kgraph raises on purpose derives from :class:`KGraphError`, and each
subclass also inherits the nearest built-in so callers can catch either::

    KGraphError
    ├── InputError(KGraphError, ValueError)      bad article input (file, line, format)
    ├── ConfigError(KGraphError, ValueError)     bad option, missing model, bad base IRI
    ├── OntologyError(KGraphError, ValueError)   malformed files under ontology/
    ├── StoreError(KGraphError, OSError)         not a kgraph store, store locked, I/O
    ├── OutputError(KGraphError, OSError)        a file to write (-o) cannot be written
    ├── QueryError(KGraphError, ValueError)      SPARQL that does not parse or run
    └── RemoteError(KGraphError, OSError)        another triple store refused or failed a request

Messages name the bad value and say how to fix it.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "InputError",
    "KGraphError",
    "OntologyError",
    "OutputError",
    "QueryError",
    "RemoteError",
    "StoreError",
]


class KGraphError(Exception):
    """Root of every error kgraph raises on purpose."""


class InputError(KGraphError, ValueError):
    """An article file (or one line of it) cannot be read as news text.

    Args:
        message: what is wrong and how to fix it.
        source: the file, or ``file:line`` for one JSONL record.
    """

    def __init__(self, message: str, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class ConfigError(KGraphError, ValueError):
    """An option or setting has a value kgraph cannot use."""


class OntologyError(KGraphError, ValueError):
    """A file under ``ontology/`` is malformed."""


class StoreError(KGraphError, OSError):
    """A store folder is missing, not a kgraph store, or cannot be opened."""


class OutputError(KGraphError, OSError):
    """A file kgraph was asked to write (``export -o``, ``view -o``) cannot be written."""


class QueryError(KGraphError, ValueError):
    """A SPARQL query does not parse or cannot be evaluated."""


class RemoteError(KGraphError, OSError):
    """Another triple store (``kgraph push``) cannot be reached or refused a request."""
