"""The corpus as a stream: one version of each article, read twice, never held whole.

A build must not hold the corpus in memory (issue 19): :func:`latest_stream`
yields the same articles, in the same order, as
:func:`kgraph.ingest.latest_versions` returns them, but reads the sources twice
instead of keeping every article until the end. The first pass
(:func:`count_versions`) keeps one count per article identity, the second
yields each article at its last version; what stays in memory is a hash and a
count per article, never a text.

>>> from kgraph.model import Article
>>> [list(c) for c in chunks(range(5), 2)]
[[0, 1], [2, 3], [4]]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kgraph.ingest import IngestReport, iter_articles, note_superseded
from kgraph.model import Article

if TYPE_CHECKING:
    from kgraph.ontology import Boilerplate

__all__ = ["chunks", "count_versions", "latest_stream"]

T = TypeVar("T")


def count_versions(paths: Iterable[str | Path], boilerplate: Boilerplate) -> Counter[str]:
    """How many versions of each article (by id) the sources hold: the first pass."""
    return Counter(article.id for article in iter_articles(paths, boilerplate, IngestReport()))


def latest_stream(
    paths: Iterable[str | Path],
    boilerplate: Boilerplate,
    report: IngestReport,
    versions: Counter[str],
) -> Iterator[Article]:
    """Each article at its last version, in the order of :func:`~kgraph.ingest.latest_versions`.

    ``versions`` comes from :func:`count_versions` over the same sources; the
    origins of earlier versions go to ``report.superseded`` (and ``report`` gets
    the problems and duplicates of this second reading).
    """
    left = Counter(versions)
    earlier: dict[str, str | None] = {}  # origins of versions met, for articles met again
    for article in iter_articles(paths, boilerplate, report):
        left[article.id] -= 1
        if article.id in earlier:
            note_superseded(earlier.pop(article.id), article, report)
        if left[article.id] > 0:
            earlier[article.id] = article.origin
        else:
            del left[article.id]
            yield article


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk
