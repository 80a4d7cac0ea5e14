"""Files that appear whole or not at all, with errors that say how to fix the path.

Every file a command writes (``export -o``, ``view -o``, ``--svg``, ``--png``)
is written into a temporary file in the target's folder and renamed over the
target when complete (:func:`os.replace`, atomic on POSIX), so an error, a
full disk or Ctrl-C leaves the old file or nothing, never a partial or empty
one. A target that exists and is not a regular file (``/dev/null``,
``/dev/stdout``, a FIFO) is written in place. Operating-system errors become
:class:`~kgraph.errors.OutputError` naming the path and the fix.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     with atomic_output(Path(tmp) / "out.txt") as handle:
...         _ = handle.write(b"whole")
...     (Path(tmp) / "out.txt").read_bytes(), sorted(p.name for p in Path(tmp).iterdir())
(b'whole', ['out.txt'])
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from kgraph.errors import KGraphError, OutputError

__all__ = ["atomic_output", "check_output", "write_files"]


def check_output(path: Path, option: str = "-o") -> None:
    """Fail early when ``path`` cannot be a file to write: it is a folder, or its folder is missing.

    Raises:
        OutputError: the path is a folder, or its folder does not exist or is not a folder.
    """
    try:
        _check(path, option)
    except OutputError:
        raise
    except OSError as exc:  # a folder on the way may not be read
        raise OutputError(_explain(path, exc, option)) from exc


def _check(path: Path, option: str) -> None:
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give a file name, e.g. {option} {path / 'FILE'}")
    parent = path.parent
    if not parent.exists():
        raise OutputError(
            f"folder {parent} does not exist; create it (mkdir -p {parent}) or choose another "
            f"{option}"
        )
    if not parent.is_dir():
        raise OutputError(
            f"{parent} is not a folder, so {path} cannot be written; choose another {option}"
        )


@contextlib.contextmanager
def atomic_output(path: str | Path, option: str = "-o") -> Iterator[IO[bytes]]:
    """A binary file handle whose content becomes ``path`` only if the block succeeds.

    Raises:
        OutputError: the file cannot be written (its folder is missing or
            forbidden, the disk is full, ...); nothing is left behind.
    """
    path = Path(path)
    check_output(path, option)
    target = Path(os.path.realpath(path))  # write through a symbolic link, not over it
    try:
        if target.exists() and not target.is_file():  # a device or FIFO: no rename over it
            with target.open("wb") as handle:
                yield handle
            return
        with _temporary(target) as handle:
            yield handle
    except KGraphError:
        raise
    except OSError as exc:
        raise OutputError(_explain(path, exc, option)) from exc


def write_files(files: list[tuple[Path, str, bytes]]) -> None:
    """Write each ``(path, option, content)``: all of them, or none if one fails.

    Every content is written and flushed before the first rename.

    Raises:
        OutputError: one of the files cannot be written.
    """
    with contextlib.ExitStack() as stack:
        handles = [stack.enter_context(atomic_output(path, option)) for path, option, _ in files]
        for handle, (_, _, content) in zip(handles, files, strict=True):
            handle.write(content)


@contextlib.contextmanager
def _temporary(target: Path) -> Iterator[IO[bytes]]:
    mode = _mode(target)
    descriptor, name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".part"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, mode)
        os.replace(name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


def _mode(target: Path) -> int:
    """The permissions of the file replaced, else the usual ones for a new file (umask applied)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _explain(path: Path, exc: OSError, option: str) -> str:
    folder = path.parent
    reason = exc.strerror or str(exc)
    if exc.errno in {errno.EACCES, errno.EPERM}:
        return (
            f"cannot write {path}: permission denied in folder {folder}; "
            f"choose a folder you may write to with {option}, or change its permissions"
        )
    if exc.errno == errno.ENOSPC:
        return (
            f"cannot write {path}: no space left on its device; "
            f"free some space or choose another {option}"
        )
    if exc.errno == errno.EROFS:
        return (
            f"cannot write {path}: folder {folder} is on a read-only file system; "
            f"choose another {option}"
        )
    if exc.errno == errno.ENOENT:
        return f"cannot create files in folder {folder} ({reason}); choose another {option}"
    return f"cannot write {path}: {reason}; choose another {option}"
