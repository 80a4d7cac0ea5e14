"""The states of the store that the endpoint serves: one snapshot per completed build.

A read-only open of an Oxigraph store is a view of RocksDB at the moment it
opens, and two processes that open it at different moments may see different
states. So the workers never open the store itself: the server takes a
snapshot (:meth:`KGStore.snapshot`, a RocksDB checkpoint made of hard links)
whenever the store's generation file says a writer has finished, and every
worker answers from the same snapshot folder. A worker started later (after a
timeout killed one) opens the same folder and sees the same state. See
``docs/decisions/0010-serve-generations-and-streaming.md``.

Snapshots live in a folder ``.kgraph-serve-PID-*`` inside the store (so the
checkpoint can hard-link), or in the system's temporary folder when the store
folder is not writable (then the checkpoint copies). The folder is removed when
the server stops; ones left by a server that was killed are removed by the next.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from kgraph.errors import KGraphError, StoreError
from kgraph.graph import KGStore
from kgraph.graph.generations import Generation, generation_stamp, read_generation

__all__ = ["Snapshot", "Snapshots"]

logger = logging.getLogger(__name__)

_PREFIX = ".kgraph-serve-"


@dataclass(frozen=True)
class Snapshot:
    """One served state: its folder, the store's generation, and when it was taken."""

    path: Path
    generation: Generation
    stamp: tuple[int, int, int] | None
    taken: str = field(
        default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="milliseconds")
    )


class Snapshots:
    """Takes snapshots of the store at ``store`` and removes them when they are retired."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self._root: Path | None = None
        self._numbers = itertools.count(1)

    def changed(self, current: Snapshot) -> bool:
        """Whether a writer has marked a new generation since ``current`` (one ``stat``)."""
        return generation_stamp(self.store) != current.stamp

    def take(self) -> Snapshot:
        """A snapshot of the store's state now.

        Raises:
            StoreError: the store cannot be opened or copied.
        """
        stamp = generation_stamp(self.store)  # before the copy: a later mark means a newer copy
        generation = read_generation(self.store)
        target = self._folder() / f"{generation.number}-{next(self._numbers)}"
        try:
            with KGStore.open(self.store, read_only=True) as kg:
                kg.snapshot(target)
        except (KGraphError, OSError) as exc:
            shutil.rmtree(target, ignore_errors=True)
            raise StoreError(f"cannot take a snapshot of {self.store} to serve: {exc}") from exc
        return Snapshot(target, generation, stamp)

    def retire(self, snapshot: Snapshot) -> None:
        """Remove a snapshot no worker has open any more."""
        shutil.rmtree(snapshot.path, ignore_errors=True)

    def close(self) -> None:
        """Remove every snapshot (the workers must have stopped)."""
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None

    def _folder(self) -> Path:
        if self._root is None:
            _remove_abandoned(self.store)
            prefix = f"{_PREFIX}{os.getpid()}-"
            try:
                self._root = Path(tempfile.mkdtemp(prefix=prefix, dir=self.store))
            except OSError:
                self._root = Path(tempfile.mkdtemp(prefix=prefix))
                logger.warning(
                    "%s is not writable: snapshots are full copies in %s", self.store, self._root
                )
        return self._root


def _remove_abandoned(store: Path) -> None:
    """Remove the snapshot folders of servers that were killed before they could."""
    for folder in store.glob(f"{_PREFIX}*"):
        pid = folder.name[len(_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            with contextlib.suppress(OSError):
                shutil.rmtree(folder)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
