"""The dev corpora as kgraph JSONL records: ABC news (Lee corpus), Wikinews (SemEval-2015 TimeLine).

These are benchmark readers, not kgraph input formats:

- :func:`abc_corpus`: the 300 + 50 ABC news articles of the Lee corpus
  (``lee_background.cor`` and ``lee.cor``, one article a line, Latin-1), which
  ship inside gensim's wheel. Get them with
  ``pip download --no-deps gensim -d /tmp/gensim`` and give the wheel or the
  folder it was unzipped in. Duplicate texts are kept once.
- :func:`wikinews_corpus`: the 60 Wikinews articles (CC-BY) of the SemEval-2015
  TimeLine data (a folder with ``*/docs/*.xml`` in CAT XML): the tokens of
  each sentence joined with spaces (no space before closing punctuation),
  sentence 0 as the title, the creation time as the date, the source URL.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

from common import ROOT

#: Where the shared TimeLine data sits beside a checkout (``../shared/benchmarks/timeline``).
DEFAULT_WIKINEWS = ROOT.parent / "shared" / "benchmarks" / "timeline"
#: Where ``pip download --no-deps gensim -d /tmp/gensim`` puts the wheel.
DEFAULT_ABC = Path("/tmp/gensim")

_LEE = ("lee_background.cor", "lee.cor")
_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "'s", "n't", "%", "'", '"'}
_DATELINE = re.compile(r"[A-Z][a-z]+ \d{1,2}, \d{4}")
HOW_TO_GET_ABC = (
    "the ABC corpus is lee_background.cor and lee.cor of gensim's test data: get them with "
    "'pip download --no-deps gensim -d /tmp/gensim' and pass --abc /tmp/gensim"
)


def abc_corpus(source: Path) -> list[dict[str, str]]:
    """The Lee corpus's ABC articles (distinct texts) from a gensim wheel or a folder."""
    wheels = [source] if source.suffix == ".whl" else sorted(source.glob("gensim-*.whl"))
    lines: list[str] = []
    for name in _LEE:
        if wheels:
            with zipfile.ZipFile(wheels[0]) as wheel:
                raw = wheel.read(f"gensim/test/test_data/{name}")
        else:
            found = sorted(source.rglob(name)) if source.is_dir() else []
            if not found:
                sys.exit(f"no {name} under {source}: {HOW_TO_GET_ABC}")
            raw = found[0].read_bytes()
        lines += [ln.strip() for ln in raw.decode("latin-1").splitlines() if ln.strip()]
    texts = list(dict.fromkeys(lines))
    return [{"id": f"abc-{i:03d}", "text": text} for i, text in enumerate(texts)]


def wikinews_corpus(folder: Path) -> list[dict[str, str]]:
    """The TimeLine data's Wikinews articles, their text rebuilt from the CAT tokens."""
    records = [cat_document(path).record for path in sorted(folder.glob("*/docs/*.xml"))]
    if not records:
        sys.exit(f"no */docs/*.xml under {folder} (the SemEval-2015 TimeLine data)")
    return records


def _creation(timex: ET.Element) -> bool:
    return timex.get("functionInDocument") == "CREATION_TIME"


def _detokenize(tokens: list[str]) -> str:
    """The sentence as written: "$ 40" is "$40", "Wal - Mart" is "Wal-Mart", "# 13" is "£13"
    (the data lost its pound signs)."""
    return _detokenize_spans(tokens)[0]


def _detokenize_spans(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """:func:`_detokenize`'s sentence and each token's (start, end) in it."""
    text, spans = "", []
    for token in tokens:
        if token == "#":
            token = "£"
        glue = not text or token in _NO_SPACE_BEFORE or token == "-"
        glue = glue or text.endswith(("(", "[", "$", "£", "-"))
        text += token if glue else " " + token
        spans.append((len(text) - len(token), len(text)))
    return text, spans


@dataclass(frozen=True)
class CatToken:
    """One ``<token>`` of a CAT XML document, placed in its record's text."""

    sentence: int
    number: int
    text: str
    #: Character offsets in the record's ``text``; -1 for the title's and the dateline's tokens.
    start: int
    end: int


@dataclass(frozen=True)
class CatDocument:
    """A CAT XML article: its id, URL, creation date, kgraph record and tokens."""

    doc_id: str
    url: str
    created: str
    record: dict[str, str]
    tokens: tuple[CatToken, ...]


def cat_document(path: Path, title_in_text: bool = False) -> CatDocument:
    """Read one CAT XML file of the TimeLine data (the record :func:`wikinews_corpus` gives).

    The record's text is sentence 1 on (without a dateline sentence) joined with spaces;
    each token keeps its sentence and token number and its offsets in that text. With
    ``title_in_text`` the text starts with the title, as a paragraph of its own ending with a
    full stop, and the record's ``title`` is empty (so that kgraph reads the title as text too).
    """
    root = ET.parse(path).getroot()
    sentences: dict[int, list[ET.Element]] = {}
    for token in root.iter("token"):
        sentences.setdefault(int(token.get("sentence", 0)), []).append(token)
    placed: list[CatToken] = []
    lines: list[str] = []
    offset = 0
    for index, (number, elements) in enumerate(sorted(sentences.items())):
        line, spans = _detokenize_spans([t.text or "" for t in elements])
        dateline = index == 1 and _DATELINE.fullmatch(line)
        body = not dateline and (index > 0 or title_in_text)
        for element, (start, end) in zip(elements, spans, strict=True):
            start, end = (offset + start, offset + end) if body else (-1, -1)
            word = element.text or ""
            placed.append(CatToken(number, int(element.get("number", 0)), word, start, end))
        if index == 0 and title_in_text and not line.endswith((".", "!", "?")):
            line += "."  # a sentence, not a headline that kgraph's cleaning takes out of the text
        if body:
            offset += len(line) + (2 if index == 0 else 1)
        if not dateline:
            lines.append(line)
    created = [t.get("value", "") for t in root.iter("TIMEX3")]
    created = [t.get("value", "") for t in root.iter("TIMEX3") if _creation(t)] or created
    doc_id = root.get("doc_id", path.stem)
    body = " ".join(lines[1:])
    record = {
        "id": f"wikinews-{doc_id}",
        "url": root.get("src_url", ""),
        "title": "" if title_in_text else lines[0],
        "published": created[0][:10] if created else "",
        "text": f"{lines[0]}\n\n{body}" if title_in_text else body,
    }
    return CatDocument(doc_id, record["url"], record["published"], record, tuple(placed))
