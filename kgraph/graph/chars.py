"""Characters some outputs cannot carry: those XML 1.0 forbids, and a terminal's control codes.

Literals may hold control characters (ESC, BEL, U+0001…) even when ingest
cleans them: stores built before, data loaded from elsewhere, CONSTRUCT
results. The lossless formats (N-Quads, TriG, Turtle, N-Triples, JSON-LD,
CSV) escape or carry them and round-trip exactly. XML 1.0 cannot carry most
C0 controls (nor U+FFFE, U+FFFF), not even as ``&#x1b;``, so the XML writers
(RDF/XML, SPARQL XML results, GraphML, GEXF, SVG) replace each with U+FFFD
and log a warning (:class:`XmlSafeWriter`, :func:`xml_safe`). Text shown on a
terminal gets its control and bidirectional-override characters as visible
escapes (:func:`visible`).

>>> xml_safe("a\\x1bb\\u202ec")
'a\\ufffdb\\u202ec'
>>> visible("red\\x1b[31m \\u202eevil")
'red\\\\x1b[31m \\\\u202eevil'
"""

from __future__ import annotations

import codecs
import logging
import re
from typing import IO

__all__ = ["REPLACEMENT", "XmlSafeWriter", "visible", "warn_replaced", "xml_safe", "xml_unsafe"]

logger = logging.getLogger(__name__)

#: What XML outputs hold in place of a character XML 1.0 cannot carry.
REPLACEMENT = "\ufffd"
#: Characters outside XML 1.0's Char production (tab, LF and CR are allowed).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: C0 controls but LF, DEL, C1 controls, the bidirectional controls (Trojan Source), U+FFFE/F.
_INVISIBLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)
_CONTEXT = 24  # characters either side of the first replaced one, in the warning


def xml_unsafe(text: str) -> int:
    """How many characters of ``text`` XML 1.0 cannot carry."""
    return len(_NOT_XML.findall(text))


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 cannot carry replaced by U+FFFD."""
    return _NOT_XML.sub(REPLACEMENT, text)


def visible(text: str) -> str:
    r"""``text`` with control and bidi-override characters as ``\x1b``/``\u202e`` escapes."""
    return _INVISIBLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class XmlSafeWriter:
    """A binary stream that passes UTF-8 XML on to ``output``, minus what XML 1.0 forbids.

    Each forbidden character becomes U+FFFD; :meth:`close` (or leaving a
    ``with`` block) logs one warning saying how many were replaced, where the
    first was, and which formats keep them. ``output`` is left open.

    >>> import io
    >>> buffer = io.BytesIO()
    >>> with XmlSafeWriter(buffer, "RDF/XML") as safe:
    ...     _ = safe.write("<a>\\x1b</a>".encode())
    >>> buffer.getvalue().decode()
    '<a>\\ufffd</a>'
    """

    def __init__(self, output: IO[bytes], what: str) -> None:
        self._output = output
        self._what = what
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.replaced = 0
        self._first = ""

    def write(self, data: bytes) -> int:
        """Pass ``data`` on, with forbidden characters replaced."""
        self._pass(self._decoder.decode(bytes(data)))
        return len(data)

    def _pass(self, text: str) -> None:
        if text:
            found = _NOT_XML.search(text)
            if found is not None:
                if not self.replaced:
                    start = max(found.start() - _CONTEXT, 0)
                    self._first = text[start : found.end() + _CONTEXT]
                self.replaced += xml_unsafe(text)
                text = _NOT_XML.sub(REPLACEMENT, text)
            self._output.write(text.encode("utf-8"))

    def flush(self) -> None:
        """Flush ``output``."""
        self._output.flush()

    def close(self) -> None:
        """Pass on what is left and warn once about what was replaced."""
        self._pass(self._decoder.decode(b"", final=True))
        if self.replaced:
            warn_replaced(self._what, self.replaced, self._first)
        self.replaced = 0

    def __enter__(self) -> XmlSafeWriter:
        return self

    def __exit__(self, exc_type: object, *exc_info: object) -> None:
        if exc_type is None:  # after an error, write nothing more
            self.close()


def warn_replaced(what: str, count: int, example: str) -> None:
    """Log that ``count`` characters XML 1.0 cannot carry were written as U+FFFD in ``what``."""
    found = _NOT_XML.search(example)
    if found is not None:
        example = example[max(found.start() - _CONTEXT, 0) : found.end() + _CONTEXT]
    logger.warning(
        "%s: %d character%s that XML 1.0 cannot carry (control characters) written as U+FFFD, "
        'first in "%s"; N-Quads, TriG, Turtle, JSON-LD and CSV keep them exactly',
        what,
        count,
        "s" if count != 1 else "",
        visible(example),
    )
