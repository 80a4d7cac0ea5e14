"""A store folder's marker file, ``kgraph-store.json``: format, engine, base IRI, rules.

It is written whole or not at all (a temporary file renamed over it).
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Any

from kgraph import __version__
from kgraph.errors import ConfigError, StoreError
from kgraph.vocab import Iris

__all__ = [
    "MARKER",
    "StoreKind",
    "check_same",
    "check_writable",
    "explain_missing",
    "make_folder",
    "read_marker",
    "write_marker",
]

MARKER = "kgraph-store.json"
_FORMAT = "kgraph-store"
#: Version 2: article ids are made from the identity (URL, else id, else a relative origin).
_FORMAT_VERSION = 2
#: Versions this kgraph reads; only the current one is written to.
_READ_VERSIONS = (1, 2)


class StoreKind(str, Enum):
    """The storage engine of a store folder."""

    OXIGRAPH = "oxigraph"
    MEMORY = "memory"


def check_same(
    path: Path, meta: dict[str, Any], base_iri: str | None, kind: StoreKind | None
) -> None:
    if base_iri and Iris(base_iri).base != meta["base_iri"]:
        raise ConfigError(
            f"store {path} was built with base IRI {meta['base_iri']!r}, not {base_iri!r}; "
            "drop --base-iri or build into a new folder"
        )
    have = meta.get("backend", StoreKind.OXIGRAPH.value)
    if kind and kind.value != have:
        raise ConfigError(
            f"store {path} uses the {have} engine, not {kind.value}; "
            "drop --store or build into a new folder"
        )


def read_marker(path: Path) -> dict[str, Any]:
    try:
        meta: dict[str, Any] = json.loads((path / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path / MARKER} is unreadable ({exc}); the store is damaged") from exc
    if meta.get("format") != _FORMAT or meta.get("version") not in _READ_VERSIONS:
        raise StoreError(
            f"{path} holds a store of format {meta.get('format')!r} version "
            f"{meta.get('version')!r}; this kgraph reads {_FORMAT!r} versions "
            f"{', '.join(map(str, _READ_VERSIONS))}"
        )
    return meta


def check_writable(path: Path, meta: dict[str, Any]) -> None:
    """Refuse to update a store whose article ids an older kgraph made differently."""
    if meta["version"] != _FORMAT_VERSION:
        raise StoreError(
            f"store {path} was built by an older kgraph (store version {meta['version']}), "
            "whose article ids differ from today's: an update would add edited articles "
            "beside their old versions. Rebuild it into a new folder "
            "(kgraph build SOURCES --out NEW_FOLDER); query, export, view and serve "
            "still read it as it is"
        )


def explain_missing(path: Path) -> None:
    if not path.exists():
        raise StoreError(f"no store at {path}; build one with 'kgraph build DATA --out {path}'")
    raise StoreError(
        f"{path} is not a kgraph store (it has no {MARKER}); "
        f"point at a folder made by 'kgraph build DATA --out FOLDER'"
    )


def make_folder(path: Path, base_iri: str, kind: StoreKind) -> dict[str, Any]:
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise StoreError(
            f"{path} exists and is not a kgraph store (it has no {MARKER}); "
            "choose a new or empty folder for --out"
        )
    base = Iris(base_iri).base  # raises ConfigError before anything is written
    path.mkdir(parents=True, exist_ok=True)
    meta = {
        "format": _FORMAT,
        "version": _FORMAT_VERSION,
        "backend": kind.value,
        "base_iri": base,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "created_by": f"kgraph {__version__}",
    }
    write_marker(path, meta)
    return meta


def write_marker(folder: Path, meta: dict[str, Any]) -> None:
    staged = folder / (MARKER + ".tmp")
    staged.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    os.replace(staged, folder / MARKER)  # never a half-written marker
