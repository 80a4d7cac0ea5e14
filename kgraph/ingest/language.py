"""Which language an article is written in, guessed offline: kgraph's rules are for English.

The guess is py3langid's (the langid.py model of 97 languages, shipped inside
the package; nothing is downloaded), over the first few thousand characters.
A guess counts only when the model is sure (probability at least
:data:`SURE`) and the text has a few words: headlines and short snippets stay
undetermined rather than wrong. An article that is surely not English gets a
warning naming it, since its facts may be wrong; the build records every sure
guess as ``dcterms:language`` on the article.

The model (about 0.8 s to load) is loaded once per process, on first use.

>>> detect_language("Le gouvernement a annoncé mardi une nouvelle réforme des retraites.").code
'fr'
>>> detect_language("Baku said so.") is None
True
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Any

from kgraph.model import Article

__all__ = ["ENGLISH", "SURE", "Language", "detect_language", "warn_if_not_english"]

logger = logging.getLogger(__name__)

ENGLISH = "en"
#: The least probability of a guess that counts.
SURE = 0.9
_MIN_WORDS = 5
_SAMPLE = 3000  # characters read: enough for a sure guess, and quick for long articles


@dataclass(frozen=True)
class Language:
    """A sure guess: an ISO 639-1 code and the model's probability for it."""

    code: str
    probability: float


def detect_language(text: str) -> Language | None:
    """The language ``text`` is written in, or None when too short or unsure."""
    sample = text[:_SAMPLE]
    if len(sample.split()) < _MIN_WORDS:
        return None
    code, probability = _identifier().classify(sample)
    if probability < SURE:
        return None
    return Language(str(code), round(float(probability), 3))


def warn_if_not_english(article: Article) -> Language | None:
    """The article's language; a warning naming the article when it is surely not English."""
    found = detect_language(article.text)
    if found is not None and found.code != ENGLISH:
        name = article.origin or article.title or article.id
        logger.warning(
            "article %s looks like it is not English (detected: %s); kgraph's rules are for "
            "English: its facts may be wrong",
            name,
            found.code,
        )
    return found


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
