"""Turn text copied from a news web page into body paragraphs and metadata.

Every non-empty line is a paragraph candidate. The rules run in this order,
each a small function over the list of lines; the phrases they look for are data,
``ontology/boilerplate.toml``, which arrive compiled as a
:class:`~kgraph.ontology.Boilerplate` (``load_ontology().boilerplate``):

1. **header**: among the first lines, a date line becomes ``published``, a
   bare URL line ``url``, and a headline-like line ``title`` (metadata, not text);
2. **footer cut**: at the first footer marker (comment form, "Learn more",
   "Related", "Check out our other content") in the second half whose
   following lines are all short, the marker and everything after it go; a
   "learn/read more" link also takes the short teaser lines just before it;
3. **boilerplate lines**: short lines matching a paywall, comment-form, menu,
   share, newsletter, cookie or photo-credit pattern, bylines, lines without
   letters;
4. **headings and captions**: a short line without sentence-final punctuation;
5. **repeats**: a line repeating the title, or an earlier line, exactly.

>>> from kgraph.ontology import load_ontology
>>> rules = load_ontology().boilerplate
>>> raw = "Border clashes resume\\nMay 31, 2023\\nTroops exchanged fire.\\nLeave a Reply"
>>> clean_text(raw, rules)
('Troops exchanged fire.', {'title': 'Border clashes resume', 'published': '2023-05-31'})
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kgraph.ontology import Boilerplate

__all__ = ["clean_text", "iso_date", "strip_controls", "strip_html_controls"]

_MAX_BOILERPLATE_WORDS = 30  # a longer line is body text, whatever it contains
_MAX_HEADING_WORDS = 20  # a shorter line without final punctuation is a heading or caption
_MAX_TITLE_WORDS = 25
_HEADER_LINES = 4  # title and date are looked for among this many first lines
_TEASER_LINES = 3  # at most this many short lines before "Learn more" are a teaser
_TEASER_WORDS = 15

_FLAGS = re.IGNORECASE
_SPACES = re.compile(r"\s+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
#: C0 controls but tab, LF and CR; DEL and C1 controls: each becomes a space.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Bidirectional embeddings, overrides and isolates, the noncharacters XML 1.0 forbids
#: (U+FFFE, U+FFFF) and lone surrogates: each is dropped.
_NOT_TEXT = re.compile("[\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")
_EITHER = re.compile(f"{_CONTROLS.pattern}|{_NOT_TEXT.pattern}")
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
_C0_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_URL_LINE = re.compile(
    r"(?:(?:source|url|link|original(?:ly published at)?)\s*:\s*)?(https?://\S+)", _FLAGS
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_PREFIX = (
    r"(?:(?:published|updated|posted|last updated)(?: on)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
)
_MONTH = (
    r"(?P<month>(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?)"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = (
    r"(?:\s*(?:[,|•·–-]|at)?\s*\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*[a-z]{2,5}[+-]?\d*)?)?"  # "10:15 AM EDT", "at 10.15 GMT+4"
)
_ISO_TIME = r"(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?"
_DATE_LINES = [
    re.compile(_PREFIX + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _TIME, _FLAGS),
    re.compile(_PREFIX + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + _TIME, _FLAGS),
    re.compile(_PREFIX + r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)" + _ISO_TIME, _FLAGS),
]
_PARTIAL_ISO = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


def clean_text(raw: str, rules: Boilerplate) -> tuple[str, dict[str, str]]:
    """Raw copy-pasted web text -> (body paragraphs joined by ``"\\n\\n"``, metadata found).

    The metadata may hold ``"title"``, ``"published"`` (ISO date) and ``"url"``;
    the title is not repeated in the text. ``rules`` is the ontology's boilerplate
    table (``load_ontology().boilerplate``).

    >>> from kgraph.ontology import load_ontology
    >>> rules = load_ontology().boilerplate
    >>> clean_text("Share this\\n\\nTalks resumed in Brussels.\\nReporting by Jane Roe", rules)
    ('Talks resumed in Brussels.', {})
    """
    return clean(raw, rules)


def clean(raw: str, rules: Boilerplate, title: str | None = None) -> tuple[str, dict[str, str]]:
    """:func:`clean_text` for a text whose ``title`` is already known (HTML, JSONL)."""
    meta: dict[str, str] = {}
    lines = _take_header(_paragraphs(raw), meta, rules, known_title=title is not None)
    lines = _cut_footer(lines, rules)
    lines = [line for line in lines if not (_is_boilerplate(line, rules) or _is_heading(line))]
    lines = _drop_repeats(lines, title or meta.get("title"), rules)
    return "\n\n".join(lines), meta


def strip_controls(text: str) -> tuple[str, list[str]]:
    r"""``text`` without control characters, and the characters taken out, in order.

    C0 controls (but tab, line feed and carriage return), DEL and C1 controls
    become spaces, so words stay apart; bidirectional embeddings, overrides and
    isolates (U+202A-U+202E, U+2066-U+2069), U+FFFE, U+FFFF and lone surrogates
    are dropped. None of them is text, XML 1.0 cannot hold most of them, and the
    bidirectional ones make a label display differently from what it says. Ingest
    calls this before anything computes an offset.

    >>> strip_controls("Baku\x1b[0m said\x07 \u202eno\u202c.")
    ('Baku [0m said  no.', ['\x1b', '\x07', '\u202e', '\u202c'])
    """
    found = _EITHER.findall(text)
    if not found:
        return text, []
    return _NOT_TEXT.sub("", _CONTROLS.sub(" ", text)), found


def strip_html_controls(page: bytes) -> tuple[bytes, list[str]]:
    r"""A saved web page without the characters :func:`strip_controls` takes out of text.

    Character references to them go too: ``&#x1b;`` makes the HTML parser give up on
    the whole page. A UTF-8 page loses every one of them here; a page in another
    encoding (trafilatura reads its declaration) its C0 controls and character
    references, and its text loses the rest after extraction.

    >>> strip_html_controls(b"<p>Baku&#x1b;[0m said&#7; no\x07.</p>")
    (b'<p>Baku[0m said no .</p>', ['\x1b', '\x07', '\x07'])
    """
    found: list[str] = []

    def reference(match: re.Match[bytes]) -> bytes:
        code = int(match[1], 16) if match[1] else int(match[2])
        if code > 0x10FFFF or _EITHER.fullmatch(chr(code)):
            found.append(chr(min(code, 0xFFFF)))
            return b""
        return match[0]

    page = _CHAR_REF.sub(reference, page)
    try:
        text = page.decode("utf-8")
    except UnicodeDecodeError:
        found += [chr(byte[0]) for byte in _C0_BYTES.findall(page)]
        return _C0_BYTES.sub(b" ", page), found
    text, removed = strip_controls(text)
    return text.encode("utf-8"), found + removed


def iso_date(value: str) -> str | None:
    """``value`` as an ISO 8601 date (``"2023"``, ``"2023-09"``, ...) or date-time, else None.

    >>> iso_date("2023-09"), iso_date("2023-09-19T10:15:00Z"), iso_date("19/09/2023")
    ('2023-09', '2023-09-19T10:15:00+00:00', None)
    """
    value = value.strip()
    match = _PARTIAL_ISO.fullmatch(value)
    try:
        if match:
            year, month, day = match.groups()
            dt.date(int(year), int(month or 1), int(day or 1))
            return value
        return dt.datetime.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _paragraphs(raw: str) -> list[str]:
    """Non-empty lines with whitespace normalised; a lowercase continuation line is rejoined."""
    lines: list[str] = []
    after_blank = True
    for line in _INVISIBLE.sub("", raw).splitlines():
        line = _SPACES.sub(" ", line).strip()
        if not line:
            after_blank = True
            continue
        if lines and not after_blank and _continues(lines[-1], line):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
        after_blank = False
    return lines


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` goes on the sentence of ``previous`` (a hard-wrapped paragraph)."""
    return line[0].islower() and not _is_sentence(previous) and not _URL_LINE.fullmatch(line)


def _take_header(
    lines: list[str], meta: dict[str, str], rules: Boilerplate, known_title: bool
) -> list[str]:
    """Move a date, URL and title from the first lines into ``meta``."""
    kept: list[str] = []
    looked = 0
    for index, line in enumerate(lines):
        furniture = _is_boilerplate(line, rules)
        if looked >= _HEADER_LINES or (_is_sentence(line) and not furniture):
            return kept + lines[index:]
        looked += not furniture
        date, url = _date_line(line), _URL_LINE.fullmatch(line)
        if date and "published" not in meta:
            meta["published"] = date
        elif url and "url" not in meta:
            meta["url"] = url.group(1)
        elif not known_title and "title" not in meta and _is_headline(line, rules):
            meta["title"] = line
        else:
            kept.append(line)
    return kept


def _cut_footer(lines: list[str], rules: Boilerplate) -> list[str]:
    """Drop the footer: the first marker in the second half that only short lines follow."""
    for index in range(len(lines) // 2, len(lines)):
        line = lines[index]
        more_link = rules.more_link.search(line)
        if not (more_link or rules.footer.search(line)):
            continue
        if any(_words(after) > _MAX_BOILERPLATE_WORDS for after in lines[index + 1 :]):
            continue
        if more_link:
            index = _teaser_start(lines, index)
        return lines[:index]
    return lines


def _teaser_start(lines: list[str], link: int) -> int:
    """Index of the teaser card before a "more" link: short unfinished lines (headline,
    author), or a one-sentence blurb just above a single author line."""
    start = link
    while start > max(0, link - _TEASER_LINES) and _words(lines[start - 1]) < _TEASER_WORDS:
        if _is_sentence(lines[start - 1]):
            return start - 1 if link - start == 1 else start
        start -= 1
    return start


def _drop_repeats(lines: list[str], title: str | None, rules: Boilerplate) -> list[str]:
    """Drop lines that repeat the title (maybe with a photo credit) or an earlier line."""
    title_core = _core(title, rules) if title else None
    seen: set[str] = set()
    kept = []
    for line in lines:
        if line not in seen and _core(line, rules) != title_core:
            kept.append(line)
        seen.add(line)
    return kept


def _core(line: str, rules: Boilerplate) -> str:
    """A line without a trailing photo credit and punctuation, casefolded, for comparisons."""
    return rules.credit_tail.sub("", line).rstrip(" .!?:;,–—-").casefold()


def _is_boilerplate(line: str, rules: Boilerplate) -> bool:
    """A line without letters, or a short one the rules call furniture (a byline unless a
    sentence)."""
    if not any(char.isalpha() for char in line):
        return True
    if _words(line) > _MAX_BOILERPLATE_WORDS:
        return False
    return bool(rules.line.search(line)) or (
        bool(rules.byline.search(line)) and not _is_sentence(line)
    )


def _is_heading(line: str) -> bool:
    """A short line that is not a sentence: a heading, caption, byline or date."""
    return _words(line) <= _MAX_HEADING_WORDS and not _is_sentence(line)


def _is_headline(line: str, rules: Boilerplate) -> bool:
    return (
        _words(line) <= _MAX_TITLE_WORDS
        and not _is_sentence(line)
        and (line[0].isupper() or line[0].isdigit())
        and not _is_boilerplate(line, rules)
    )


def _is_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def _words(line: str) -> int:
    return len(line.split())


def _date_line(line: str) -> str | None:
    """The ISO date of a line that is only a date ("Sept. 19, 2023 10:15 AM"), else None."""
    for pattern in _DATE_LINES:
        match = pattern.fullmatch(line)
        if match:
            year, month, day = match.group("year", "month", "day")
            number = int(month) if month.isdigit() else _MONTHS.index(month[:3].lower()) + 1
            try:
                return dt.date(int(year), number, int(day)).isoformat()
            except ValueError:
                return None
    return None
