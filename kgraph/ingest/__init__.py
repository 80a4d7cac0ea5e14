"""Read news articles from files and folders, without the web-page boilerplate.

Formats: ``.txt`` (text copied from a web page), ``.html``/``.htm`` (a saved
page; trafilatura finds the main text and metadata) and ``.jsonl`` (one JSON
object per line with ``text`` and optional ``url``, ``title``, ``published``,
``source``). Bad input never stops a run: it is recorded in an
:class:`IngestReport` and the remaining articles are still read.

>>> text, meta = clean_text('''No menu items!
... May 31, 2023
... New conflict in Nagorno-Karabakh
...
... Azerbaijan and Armenia are involved in a new conflict.
... New conflict in Nagorno-Karabakh. (Photo Internet reproduction)
... Leave a Reply''')
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

from kgraph.errors import InputError
from kgraph.ingest.clean import clean_text
from kgraph.ingest.formats import SUPPORTED_SUFFIXES, read_file, read_into, unsupported_reason
from kgraph.model import Article

__all__ = ["SUPPORTED_SUFFIXES", "IngestReport", "clean_text", "iter_articles", "read_file"]

logger = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What :func:`iter_articles` could not use, for the user to fix or ignore.

    Attributes:
        problems: one error per bad file or bad JSONL line, in the order met.
        skipped: files passed over (unsupported suffix, hidden), each with the reason.
        duplicates: origins of articles dropped as identical to an earlier one.
    """

    problems: list[InputError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


def iter_articles(
    paths: Iterable[str | Path], report: IngestReport | None = None
) -> Iterator[Article]:
    """Every article under the given files and folders.

    Folders are walked recursively in sorted order; hidden files and folders are
    skipped. Bad input is recorded in ``report.problems`` (an :class:`InputError`
    naming the file, and line for JSONL) and never stops the iteration; a path
    that does not exist is a problem too. Identical articles (same cleaned text)
    are yielded once; the origins of later copies go to ``report.duplicates``.
    """
    report = report if report is not None else IngestReport()
    first_origin: dict[str, str | None] = {}
    for path in _walk(paths, report):
        for article in _read(path, report):
            first = first_origin.setdefault(article.sha256, article.origin)
            if first != article.origin:
                logger.info("%s: same text as %s; skipped", article.origin, first)
                report.duplicates.append(str(article.origin))
            else:
                yield article


def _read(path: Path, report: IngestReport) -> list[Article]:
    """The articles of one file; its problems are logged and go to ``report``."""
    met = len(report.problems)
    try:
        articles = read_into(path, report.problems)
    except InputError as error:
        report.problems.append(error)
        articles = []
    for problem in report.problems[met:]:
        logger.info("%s", problem)
    return articles


def _walk(paths: Iterable[str | Path], report: IngestReport) -> Iterator[Path]:
    """The article files among ``paths``, folders expanded; the rest goes to ``report``."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk_folder(path, report, visited=set())
        elif not path.exists():
            message = "no such file or folder; check the path"
            report.problems.append(InputError(message, source=str(given)))
            logger.info("%s", report.problems[-1])
        elif _supported(path, report):
            yield path


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
