"""Corroboration on the cluster: a Dask DataFrame group-by over the shards' fact tables.

A local build counts, for each fact node, the distinct articles and sources of
the facts that share its key (:mod:`kgraph.graph.analysis.corroboration`) by
reading every fact of the store in one process. Here the facts come from the
shards' ``KEY.facts.parquet`` tables instead, read by the workers:

1. the rows of this build's shards, of the articles the store holds (same IRI,
   same content hash);
2. their subjects and objects renamed as this build's short-name merging renamed
   the store's;
3. each row's key by the local rule (:func:`~kgraph.graph.analysis.corroboration.fact_key`)
   and its article's source (:func:`~kgraph.graph.analysis.corroboration.article_sources`);
4. a group-by of the key: its distinct articles and sources; a fact takes the
   counts of its least key, as in a local build.

The result is the local build's (``tests/test_cluster.py`` compares the
stores). When the store holds articles of earlier builds (whose facts the
merges of those builds renamed), the store's own corroboration runs instead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from rdflib import URIRef

from kgraph.cluster.shards import FACT_COLUMNS
from kgraph.graph.analysis.copies import copy_groups
from kgraph.graph.analysis.corroboration import (
    FactRow,
    Support,
    article_sources,
    corroboration,
    fact_key,
)
from kgraph.graph.results import rows
from kgraph.graph.store import KGStore

__all__ = ["ClusterCorroboration", "renaming"]

log = logging.getLogger(__name__)

_LIVE = "SELECT ?a ?sha WHERE { GRAPH ?a { ?a a kg:Article ; kg:sha256 ?sha } }"
_SEP = "\x00"  # joins a key's parts: the joined strings sort as the tuples do


def renaming(merges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each merged IRI to the IRI it finally became (merges of merges followed).

    >>> renaming([("a", "b"), ("b", "c"), ("d", "c")])
    {'a': 'c', 'b': 'c', 'd': 'c'}
    """
    step = dict(merges)
    final = {}
    for iri in step:
        seen, target = {iri}, step[iri]
        while target in step and target not in seen:
            seen.add(target)
            target = step[target]
        final[iri] = target
    return final


class ClusterCorroboration:
    """The ``corroborate`` of :func:`~kgraph.graph.analysis.refresh_analysis` for a
    cluster build that loaded the shards ``keys`` of ``folder``; ``merges``: what its
    short-name merging did (short, full IRIs). ``on_cluster`` tells, once called,
    whether the counts came from the shards (else from the store)."""

    def __init__(self, folder: str, keys: list[str], merges: list[tuple[str, str]]) -> None:
        self.folder, self.keys, self.merges = folder, keys, merges
        self.on_cluster = False

    def __call__(self, store: KGStore, specific: frozenset[str]) -> list[Support]:
        live = {str(row["a"].value): str(row["sha"].value) for row in rows(store.query(_LIVE))}
        facts = _live_facts(self.folder, self.keys, live)
        if facts is None:
            log.info("the store has articles of earlier builds: corroboration over the store")
            return corroboration(store, specific)
        self.on_cluster = True
        sources = article_sources(store, copy_groups(store))
        return _counts(facts, specific, sources, renaming(self.merges))


def _live_facts(folder: str, keys: list[str], live: dict[str, str]) -> Any:
    """The fact rows of the store's articles in the shards ``keys`` (a Dask DataFrame),
    or None if some article of the store is in none of them."""
    import dask.dataframe as dd
    import pandas as pd

    if not keys:
        return None
    articles = dd.read_parquet(
        [f"{folder}/{key}.articles.parquet" for key in keys], columns=["iri", "sha256", "error"]
    )
    done = articles[articles["error"].isna()][["iri", "sha256"]].compute()
    if not set(live.items()) <= set(zip(done["iri"], done["sha256"], strict=True)):
        return None
    wanted = pd.DataFrame({"article": list(live), "sha256": list(live.values())})
    facts = dd.read_parquet(
        [f"{folder}/{key}.facts.parquet" for key in keys], columns=list(FACT_COLUMNS)
    )
    return facts.merge(wanted, on=["article", "sha256"]).drop_duplicates()


def _counts(
    facts: Any, specific: frozenset[str], sources: dict[str, str], renamed: dict[str, str]
) -> list[Support]:
    """Each fact's distinct articles and sources of its least key (group-bys on the cluster)."""
    meta = {"fact": str, "article": str, "key": str, "source": str}
    keyed = facts.map_partitions(_keyed, specific, sources, renamed, meta=meta)
    articles = keyed[["key", "article"]].drop_duplicates().groupby("key").size()
    distinct = keyed[["key", "source"]].drop_duplicates().groupby("key").size()
    per_key = articles.to_frame("articles").join(distinct.to_frame("sources"))
    least = keyed.groupby("fact")["key"].min().to_frame("key")
    found = least.merge(per_key, left_on="key", right_index=True).compute()
    return [
        Support(URIRef(fact), int(row.articles), int(row.sources))
        for fact, row in sorted(found.iterrows())
    ]


def _keyed(
    part: Any, specific: frozenset[str], sources: dict[str, str], renamed: dict[str, str]
) -> Any:
    """A partition's facts with their key (its parts joined) and their article's source."""
    import pandas as pd

    keys, own = [], []
    for record in part.itertuples(index=False):
        row = FactRow(
            record.fact,
            renamed.get(record.s, record.s),
            record.p,
            record.o if record.literal else renamed.get(record.o, record.o),
            bool(record.literal),
            record.article,
            record.stance,
        )
        keys.append(_SEP.join(fact_key(row, specific)))
        own.append(sources[row.article])
    columns = {"fact": part["fact"], "article": part["article"]}
    return pd.DataFrame(
        {**{c: v.to_numpy() for c, v in columns.items()}, "key": keys, "source": own}
    )
