"""Read news articles from files and folders, without the web-page boilerplate.

Formats: ``.txt`` (text copied from a web page), ``.html``/``.htm`` (a saved
page; trafilatura finds the main text and metadata) and ``.jsonl`` (one JSON
object per line with ``text`` and optional ``id``, ``url``, ``title``,
``published``, ``source``). Bad input never stops a run: it is recorded in an
:class:`IngestReport` and the remaining articles are still read.

Ingest makes what later stages rely on: each article's origin, relative to the
source argument (:func:`origin_of`, never an absolute path); its identity
(:func:`kgraph.model.article_identity`: URL, else id, else origin); and text
and metadata without control characters (:func:`strip_controls`), removed
before anything computes an offset. What counts as web-page boilerplate is the
ontology's table ``boilerplate.toml`` (:class:`~kgraph.ontology.Boilerplate`),
which every reader receives.

>>> from kgraph.ontology import load_ontology
>>> rules = load_ontology().boilerplate
>>> text, meta = clean_text('''No menu items!
... May 31, 2023
... New conflict in Nagorno-Karabakh
...
... Azerbaijan and Armenia are involved in a new conflict.
... New conflict in Nagorno-Karabakh. (Photo Internet reproduction)
... Leave a Reply''', rules)
>>> text
'Azerbaijan and Armenia are involved in a new conflict.'
>>> meta
{'published': '2023-05-31', 'title': 'New conflict in Nagorno-Karabakh'}
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph.errors import InputError
from kgraph.ingest.clean import clean_text, strip_controls
from kgraph.ingest.formats import SUPPORTED_SUFFIXES, iter_into, read_file, unsupported_reason
from kgraph.ingest.origins import origin_of
from kgraph.model import Article

if TYPE_CHECKING:
    from kgraph.ontology import Boilerplate

__all__ = [
    "SUPPORTED_SUFFIXES",
    "IngestReport",
    "clean_text",
    "iter_articles",
    "latest_versions",
    "note_superseded",
    "origin_of",
    "read_file",
    "strip_controls",
]

logger = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What :func:`iter_articles` could not use, for the user to fix or ignore.

    Attributes:
        problems: one error per bad file or bad JSONL line, in the order met.
        skipped: files passed over (unsupported suffix, hidden), each with the reason.
        duplicates: origins of articles dropped as identical to an earlier one.
        superseded: origins of articles dropped for a later version (same identity).
    """

    problems: list[InputError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)


def iter_articles(
    paths: Iterable[str | Path], boilerplate: Boilerplate, report: IngestReport | None = None
) -> Iterator[Article]:
    """Every article under the given files and folders, without the web-page furniture
    of ``boilerplate`` (the ontology's table: ``load_ontology().boilerplate``).

    Folders are walked recursively in sorted order; hidden files and folders are
    skipped. Bad input is recorded in ``report.problems`` (an :class:`InputError`
    naming the file, and line for JSONL) and never stops the iteration; a path
    that does not exist is a problem too. Identical articles (same cleaned text)
    are yielded once; the origins of later copies go to ``report.duplicates``.
    Each article's origin is relative to the path it was found under (:func:`origin_of`).
    """
    report = report if report is not None else IngestReport()
    first_origin: dict[str, str | None] = {}
    for path, origin in _walk(paths, report):
        for article in _read(path, origin, boilerplate, report):
            first = first_origin.setdefault(article.sha256, article.origin)
            if first != article.origin:
                logger.info("%s: same text as %s; skipped", article.origin, first)
                report.duplicates.append(str(article.origin))
            else:
                yield article


def latest_versions(articles: Iterable[Article], report: IngestReport) -> list[Article]:
    """One version of each article: the last one met (same id, i.e. the same identity).

    A corrected record in a later feed file wins over the earlier one, whatever the
    store holds, so building both again changes nothing. The origins of the
    versions dropped go to ``report.superseded``.
    """
    latest: dict[str, Article] = {}
    for article in articles:
        earlier = latest.pop(article.id, None)
        if earlier is not None:
            note_superseded(earlier.origin, article, report)
        latest[article.id] = article
    return list(latest.values())


def note_superseded(origin: str | None, later: Article, report: IngestReport) -> None:
    """Record that the version of ``later``'s article read from ``origin`` is dropped for it."""
    if origin == later.origin:
        logger.warning(
            "two files have the origin %s (folders of the same name?); only the last one "
            "read is built: give the folders distinct names",
            origin,
        )
    else:
        logger.info("%s: a later version is %s; skipped", origin, later.origin)
    report.superseded.append(str(origin))


def _read(
    path: Path, origin: str, boilerplate: Boilerplate, report: IngestReport
) -> Iterator[Article]:
    """The articles of one file, as read; its problems are logged and go to ``report``."""
    met = len(report.problems)
    try:
        yield from iter_into(path, boilerplate, report.problems, origin)
    except InputError as error:
        report.problems.append(error)
    for problem in report.problems[met:]:
        logger.info("%s", problem)


def _walk(paths: Iterable[str | Path], report: IngestReport) -> Iterator[tuple[Path, str]]:
    """The article files among ``paths`` with their origins, folders expanded; the rest
    goes to ``report``."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for found in _walk_folder(path, report, visited=set()):
                yield found, origin_of(found, path)
        elif not path.exists():
            message = "no such file or folder; check the path"
            report.problems.append(InputError(message, source=str(given)))
            logger.info("%s", report.problems[-1])
        elif _supported(path, report):
            yield path, origin_of(path)


def _walk_folder(folder: Path, report: IngestReport, visited: set[Path]) -> Iterator[Path]:
    real = folder.resolve()
    if real in visited:  # a symbolic link back up the tree
        return
    visited.add(real)
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        message = f"cannot list the folder ({error.strerror}); check its permissions"
        report.problems.append(InputError(message, source=str(folder)))
        logger.info("%s", report.problems[-1])
        return
    for entry in entries:
        if entry.name.startswith("."):
            kind = "folder" if entry.is_dir() else "file"
            report.skipped.append(f"{entry}: hidden {kind}")
        elif entry.is_dir():
            yield from _walk_folder(entry, report, visited)
        elif _supported(entry, report):
            yield entry


def _supported(path: Path, report: IngestReport) -> bool:
    reason = unsupported_reason(path)
    if reason:
        report.skipped.append(f"{path}: {reason}")
    return reason is None
