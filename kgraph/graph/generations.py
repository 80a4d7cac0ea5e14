"""A store's generation: a counter bumped each time a writer (a build, a removal) closes it.

``kgraph-generation.json`` in the store folder holds the number and when it was
written. It is replaced atomically after the engine has flushed and released the
store, so a reader that sees generation ``n`` sees every write of the writers
that made it. Long-running readers (``kgraph serve``) stat the file to notice a
completed build cheaply; see ``docs/decisions/0010-serve-generations-and-streaming.md``.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> read_generation(folder).number, mark_generation(folder).number, read_generation(folder).number
(0, 1, 1)
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

__all__ = [
    "GENERATION_FILE",
    "Generation",
    "generation_stamp",
    "mark_generation",
    "read_generation",
]

GENERATION_FILE = "kgraph-generation.json"


@dataclass(frozen=True)
class Generation:
    """A completed state of a store: its number (0: never marked) and when it was completed."""

    number: int = 0
    completed: str | None = None


def read_generation(folder: Path) -> Generation:
    """The store's current generation (0 for a store no writer has marked yet)."""
    try:
        data = json.loads((folder / GENERATION_FILE).read_text(encoding="utf-8"))
        return Generation(int(data["generation"]), str(data["completed"]))
    except (OSError, ValueError, KeyError, TypeError):
        return Generation()


def mark_generation(folder: Path) -> Generation:
    """Record a new completed state: the next number, now. The file is replaced atomically."""
    now = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
    new = Generation(read_generation(folder).number + 1, now)
    text = json.dumps({"generation": new.number, "completed": new.completed}) + "\n"
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".generation-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, folder / GENERATION_FILE)
    except OSError:
        Path(temp).unlink(missing_ok=True)
        raise
    return new


def generation_stamp(folder: Path) -> tuple[int, int, int] | None:
    """A cheap identity of the generation file (one ``stat``): it changes when a writer marks."""
    try:
        info = os.stat(folder / GENERATION_FILE)
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns, info.st_size
