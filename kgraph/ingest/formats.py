"""Read one article file: plain text, a saved HTML page, or JSON Lines records."""

from __future__ import annotations

import codecs
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import trafilatura

from kgraph.errors import InputError
from kgraph.ingest.clean import clean, iso_date, strip_controls, strip_html_controls
from kgraph.ingest.origins import origin_of, record_origin
from kgraph.model import Article, make_article_id

if TYPE_CHECKING:
    from kgraph.ontology import Boilerplate

__all__ = ["SUPPORTED_SUFFIXES", "iter_into", "read_file", "read_into", "unsupported_reason"]

logger = logging.getLogger(__name__)

#: File name suffixes read as articles (compared in lower case).
SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".txt", ".html", ".htm", ".jsonl"})

_NOTHING_LEFT = (
    "empty article: nothing is left after removing web boilerplate (menus, captions, "
    "headings, comment forms); check that the file holds the article body"
)
_JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
_JSONL_EXAMPLE = '{"url": "https://...", "title": "...", "published": "2023-09-19", "text": "..."}'


def read_file(path: Path, boilerplate: Boilerplate) -> list[Article]:
    """The articles of one file (one, or one per JSONL record), its origin :func:`origin_of` it.

    ``boilerplate`` is the ontology's table of web-page furniture
    (``load_ontology().boilerplate``), taken out of the text. Bad JSONL records are
    logged as warnings and skipped; to collect them, use
    :func:`kgraph.ingest.iter_articles` with an :class:`~kgraph.ingest.IngestReport`.

    Raises:
        InputError: the file is missing, unreadable, binary, not UTF-8, empty,
            in an unsupported format, or (HTML) has no article text.
    """
    problems: list[InputError] = []
    articles = read_into(Path(path), boilerplate, problems)
    for problem in problems:
        logger.warning("%s", problem)
    return articles


def read_into(
    path: Path, boilerplate: Boilerplate, problems: list[InputError], origin: str | None = None
) -> list[Article]:
    """:func:`read_file`, appending bad JSONL records to ``problems`` instead of logging them.

    ``origin`` is what the articles record as their origin (default: ``origin_of(path)``);
    messages name ``path`` as given.
    """
    return list(iter_into(path, boilerplate, problems, origin))


def iter_into(
    path: Path, boilerplate: Boilerplate, problems: list[InputError], origin: str | None = None
) -> Iterator[Article]:
    """:func:`read_into` as a stream: a JSONL file is read one line at a time, never whole.

    A JSONL file found binary or not UTF-8 at some line raises there, after the
    records of the lines before it.
    """
    where = _Where(str(path), origin or origin_of(path))
    reason = unsupported_reason(path)
    if reason:
        raise InputError(reason, source=where.path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl_articles(_jsonl_lines(path, where.path), where, boilerplate, problems)
        return
    data = _read_bytes(path)
    if suffix == ".txt":
        yield _text_article(_decode(data, where.path), where, boilerplate)
    else:
        yield _html_article(data, where, boilerplate)


@dataclass(frozen=True)
class _Where:
    """Where an article comes from: ``path`` as given (for messages), ``origin`` for the graph."""

    path: str
    origin: str

    def line(self, number: int) -> _Where:
        """The record on line ``number`` of this JSONL file."""
        return _Where(f"{self.path}:{number}", record_origin(self.origin, number))


def unsupported_reason(path: Path) -> str | None:
    """Why ``path`` is not read as an article file, or None when its suffix is supported."""
    suffix = path.suffix.lower()
    if suffix in SUPPORTED_SUFFIXES:
        return None
    supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
    return f"not an article format ({suffix or 'no suffix'}); supported: {supported}"


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file or folder; check the path", source=str(path)) from None
    except OSError as error:
        message = f"cannot read the file ({error.strerror}); check that it is a readable file"
        raise InputError(message, source=str(path)) from error


def _jsonl_lines(path: Path, origin: str) -> Iterator[str]:
    """The lines of a JSONL file (split at ``\\n`` only: U+2028 is JSON), decoded one by one."""
    try:
        file = path.open("rb")
    except OSError:
        _read_bytes(path)  # raises the InputError that explains it
        raise
    with file:
        offset = 0
        for raw in file:
            yield _decode(raw, origin, offset).removesuffix("\n")
            offset += len(raw)


def _decode(data: bytes, origin: str, offset: int = 0) -> str:
    """UTF-8 text (a BOM is accepted); binary or otherwise encoded data raises InputError.

    ``offset`` is where ``data`` starts in its file (a line of a JSONL file), for the message.
    """
    _check_not_binary(data, origin, offset)
    try:
        return data.decode("utf-8-sig" if offset == 0 else "utf-8")
    except UnicodeDecodeError as error:
        byte = error.object[error.start]
        message = (
            f"not UTF-8 text (byte 0x{byte:02x} at offset {offset + error.start}); re-save the "
            "file as UTF-8, e.g. iconv -f cp1252 -t utf-8"
        )
        raise InputError(message, source=origin) from None


def _check_not_binary(data: bytes, origin: str, offset: int = 0) -> None:
    if offset == 0 and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        message = "UTF-16 text; re-save the file as UTF-8, e.g. iconv -f utf-16 -t utf-8"
        raise InputError(message, source=origin)
    if b"\x00" in data:
        at = offset + data.index(b"\x00")
        message = f"binary data, not text (NUL byte at offset {at}); give a text file"
        raise InputError(message, source=origin)


def _text_article(text: str, where: _Where, boilerplate: Boilerplate) -> Article:
    if not text.strip():
        raise InputError("empty article: the file has no text; add the article text", where.path)
    text = _without_controls({"text": text}, where)["text"]
    body, meta = clean(text, boilerplate)
    if not body:
        raise InputError(_NOTHING_LEFT, source=where.path)
    return _article(body, meta, where)


def _html_article(data: bytes, where: _Where, boilerplate: Boilerplate) -> Article:
    """The main text and metadata of a saved web page, found by trafilatura."""
    _check_not_binary(data, where.path)  # the encoding is trafilatura's: pages declare their own
    data, removed = strip_html_controls(data)
    found = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=False
    )
    fields: dict[str, Any] = {}
    if found is not None:
        fields = found if isinstance(found, dict) else found.as_dict()
    if not (fields.get("text") or "").strip():
        message = (
            "no article text found in the HTML; save the complete article page "
            "(File > Save Page As), or copy its text into a .txt file"
        )
        raise InputError(message, source=where.path)
    fields = _without_controls(fields, where, removed)
    body, meta = clean(fields["text"], boilerplate, title=fields.get("title"))
    if not body:
        raise InputError(_NOTHING_LEFT, source=where.path)
    found_meta = {
        "title": fields.get("title"),
        "url": fields.get("url"),
        "published": iso_date(fields.get("date") or "") or meta.get("published"),
        "source": fields.get("sitename") or fields.get("hostname"),
    }
    return _article(body, meta | {k: v for k, v in found_meta.items() if v}, where)


def _jsonl_articles(
    lines: Iterable[str], where: _Where, boilerplate: Boilerplate, problems: list[InputError]
) -> Iterator[Article]:
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record = where.line(lineno)
        try:
            yield _record_article(json.loads(line), record, boilerplate)
        except json.JSONDecodeError as error:
            message = f"not valid JSON ({error.msg}, column {error.colno}); write one JSON "
            message += f"object per line, e.g. {_JSONL_EXAMPLE}"
            problems.append(InputError(message, source=record.path))
        except InputError as error:
            problems.append(error)


def _record_article(record: object, where: _Where, boilerplate: Boilerplate) -> Article:
    """One JSONL record as an article; the record's metadata wins over what the text shows.

    A record's ``id`` (a string or an integer) is its identity when it has no ``url``.
    """
    if not isinstance(record, dict):
        kind = _JSON_TYPES.get(type(record), "number")
        raise InputError(f"a JSON {kind} is not an article; write {_JSONL_EXAMPLE}", where.path)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        message = f'no "text" (a non-empty string is required); write {_JSONL_EXAMPLE}'
        raise InputError(message, source=where.path)
    record = _without_controls(record, where)
    title = _string_field(record, "title", where.path)
    body, meta = clean(record["text"], boilerplate, title=title)
    if not body:
        raise InputError(_NOTHING_LEFT, source=where.path)
    published = _string_field(record, "published", where.path)
    if published and not iso_date(published):
        logger.warning("%s: published %r is not an ISO date; dropped", where.path, published)
    found_meta = {
        "title": title,
        "url": _string_field(record, "url", where.path),
        "published": iso_date(published or "") or meta.get("published"),
        "source": _string_field(record, "source", where.path),
        "record_id": _id_field(record, where.path),
    }
    return _article(body, meta | {k: v for k, v in found_meta.items() if v}, where)


def _string_field(record: dict[str, Any], key: str, origin: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return (value.strip() or None) if value else None
    logger.warning("%s: %r should be a string, not %r; ignored", origin, key, value)
    return None


def _id_field(record: dict[str, Any], origin: str) -> str | None:
    """A record's ``id``: a string, or an integer written as one."""
    value = record.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _string_field(record, "id", origin)


def _without_controls(
    fields: dict[str, Any], where: _Where, removed: list[str] | None = None
) -> dict[str, Any]:
    """``fields`` with control characters out of every string value; warns once, naming it.

    ``removed`` are control characters already taken out of the article's file.
    """
    found = list(removed or [])
    kept: dict[str, Any] = {}
    for key, value in fields.items():
        if isinstance(value, str):
            value, removed = strip_controls(value)
            found += removed
        kept[key] = value
    if found:
        codes = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(found))
        logger.warning(
            "%s: removed %d control character%s (%s); they are not part of the text, and "
            "XML outputs cannot hold most of them",
            where.path,
            len(found),
            "" if len(found) == 1 else "s",
            codes,
        )
    return kept


def _article(body: str, meta: dict[str, str], where: _Where) -> Article:
    url, record_id = meta.get("url"), meta.get("record_id")
    return Article(
        id=make_article_id(url, body, record_id=record_id, origin=where.origin),
        text=body,
        title=meta.get("title"),
        url=url,
        published=meta.get("published"),
        source=meta.get("source"),
        origin=where.origin,
        record_id=record_id,
    )
