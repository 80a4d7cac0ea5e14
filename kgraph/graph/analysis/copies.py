"""Syndicated copies: articles whose texts share most of their long passages.

Two copies of one wire story (the same story in two papers, or a story and its
update) are one source for corroboration, however many publishers print them.
Each text becomes the set of its 8-word shingles; `datasketch
<https://ekzhu.com/datasketch/>`_'s MinHash LSH finds the pairs whose estimated
Jaccard similarity is at least :data:`THRESHOLD`, and copies of copies form one
group (networkx's union-find). datasketch (and the scipy it imports) loads only when
copies are looked for, so commands that read a store's analysis do not pay for it.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from networkx.utils import UnionFind

from kgraph.graph.results import rows
from kgraph.graph.store import KGStore

__all__ = [
    "SHINGLE",
    "THRESHOLD",
    "article_texts",
    "copies_and_neighbours",
    "copy_groups",
    "text_copies",
]

#: Words per shingle: a passage this long is rarely shared by independent writers.
SHINGLE = 8
#: Estimated Jaccard similarity of two texts' shingles that makes them copies.
THRESHOLD = 0.5
_PERMUTATIONS = 128
_WORD = re.compile(r"\w+")
_TEXTS = "SELECT ?a ?text WHERE { ?a a kg:Article ; kg:text ?text }"


def copy_groups(store: KGStore) -> dict[str, str]:
    """Each article that is a copy of another, mapped to its group's first article IRI
    (articles that are nobody's copy are left out)."""
    return text_copies(article_texts(store))


def article_texts(store: KGStore) -> dict[str, str]:
    """Each article's text, by IRI."""
    return {row["a"].value: str(row["text"].value) for row in rows(store.query(_TEXTS))}


def text_copies(texts: dict[str, str]) -> dict[str, str]:
    """Group near-identical texts: each key that has a copy -> its group's least key.

    >>> story = " ".join(f"word{i}" for i in range(60))
    >>> text_copies({"a": story, "b": story + " Updated.", "c": "another story entirely"})
    {'a': 'a', 'b': 'a'}
    """
    return copies_and_neighbours(texts, {})[0]


def copies_and_neighbours(
    texts: dict[str, str], others: dict[str, str]
) -> tuple[dict[str, str], frozenset[str]]:
    """:func:`text_copies` of ``texts``, and the keys of ``texts`` that are copies of one
    of ``others`` (texts that are gone: a removed article's copies may now group apart).

    >>> story = " ".join(f"word{i}" for i in range(60))
    >>> copies_and_neighbours({"b": story, "c": "another story"}, {"a": story + " Updated."})
    ({}, frozenset({'b'}))
    """
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=_PERMUTATIONS, params=_bands())
    hashes = _minhashes(texts)
    for key, digest in hashes.items():
        lsh.insert(key, digest)
    groups = UnionFind(hashes)
    for key, digest in hashes.items():
        groups.union(key, *lsh.query(digest))
    copies = dict(
        sorted((key, min(group)) for group in groups.to_sets() if len(group) > 1 for key in group)
    )
    neighbours = {key for digest in _minhashes(others).values() for key in lsh.query(digest)}
    return copies, frozenset(neighbours)


@functools.cache
def _bands() -> tuple[int, int]:
    """datasketch's optimal (bands, rows per band) for :data:`THRESHOLD`, found once.

    ``MinHashLSH`` finds them by numerical integration over every split of the
    permutations each time one is made (~1,400 calls of scipy's ``quad``, 34 ms); they
    depend only on the threshold and the number of permutations.
    """
    from datasketch import MinHashLSH

    found = MinHashLSH(threshold=THRESHOLD, num_perm=_PERMUTATIONS)
    return found.b, found.r


def _minhashes(texts: dict[str, str]) -> dict[str, Any]:
    """Each text's MinHash (one set of permutations for all: the same digests, faster)."""
    from datasketch import MinHash

    template = MinHash(num_perm=_PERMUTATIONS)
    permutations, scheme = template.permutations, template.scheme
    hashes: dict[str, Any] = {}
    for key in sorted(texts):
        shingles = _shingles(texts[key])
        if shingles:
            digest = MinHash(_PERMUTATIONS, permutations=permutations, scheme=scheme)
            digest.update_batch([s.encode() for s in shingles])
            hashes[key] = digest
    return hashes


def _shingles(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
