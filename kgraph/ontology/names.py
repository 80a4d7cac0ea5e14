"""Name normalisation: the lookup key of a name, shared by the catalog and the linking rules.

>>> normalize_name("the U.S.'s"), normalize_name("Nagorno-Karabakh"), normalize_name("Armenia’s")
('us', 'nagorno karabakh', 'armenia')
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["normalize_name"]

_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_DROP = re.compile(r"[.'’`\"“”]")
_SPACE_OUT = re.compile(r"[^\w]+")


@functools.lru_cache(maxsize=1 << 16)  # bounded: the same names recur in every article
def normalize_name(name: str) -> str:
    """The lookup key of a name: case, punctuation, possessive and leading article ignored."""
    text = unicodedata.normalize("NFKC", name).strip().casefold()
    text = _POSSESSIVE.sub("", text)
    text = _DROP.sub("", text)
    text = _SPACE_OUT.sub(" ", text).strip()
    return _LEADING_ARTICLE.sub("", text)
