"""Where an article was read from, as the graph records it: never an absolute path.

An origin is the path from the folder of the build's source argument, that
folder's own name included, so the same corpus gives the same origins from any
working directory and any place on disk, and two folders given to one build
(``kgraph build monday tuesday``) keep their files apart:

>>> origin_of(Path("/home/alice/news/2023/a.txt"), Path("/home/alice/news/"))
'news/2023/a.txt'

A file given on its own counts as a member of its folder, so a file has one
origin whether it is given by a relative or an absolute path or via its folder:

>>> origin_of(Path("/home/alice/news/a.txt"))
'news/a.txt'
"""

from __future__ import annotations

import os
from pathlib import Path

from kgraph.ingest.clean import strip_controls

__all__ = ["origin_of", "record_origin"]


def origin_of(path: Path, folder: Path | None = None) -> str:
    """The origin of the file ``path``, found under the folder ``folder`` the build was given.

    ``folder`` is None for a file given on its own: then its own folder counts.
    Relative paths are taken from the working directory, without following
    symbolic links. Control characters of file names are dropped, as they are
    from texts.
    """
    top = Path(os.path.abspath(folder if folder is not None else Path(path).parent))
    relative = Path(os.path.abspath(path)).relative_to(top.parent)
    return strip_controls(relative.as_posix())[0]


def record_origin(file_origin: str, line: int) -> str:
    """The origin of the JSONL record on ``line`` (from 1) of a file: ``news/feed.jsonl:3``.

    >>> record_origin("news/feed.jsonl", 3)
    'news/feed.jsonl:3'
    """
    return f"{file_origin}:{line}"
