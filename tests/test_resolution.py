"""Entity resolution over the hand-written table of tests/resolution_cases.py (real model)."""

from __future__ import annotations

from typing import Any

import pytest

from kgraph.extract import sentence_spans
from kgraph.extract.mentions import name_mentions
from kgraph.link import ArticleContext, Link, Linker
from kgraph.model import LinkMethod, Mention
from tests.resolution_cases import CASES, NEW, NONE, Case

#: Cases the rules get wrong today, each with the reason (counted in the figures).
KNOWN_FAILURES: dict[int, str] = {
    10: "Interfaks/Interfax scores 88.9, under the fuzzy threshold of 90; a lower threshold "
    "would merge Georgiana with Georgia (87.5)",
}


def resolve_case(nlp: Any, linker: Linker, case: Case) -> Link | None:
    """Parse the case's text, collect its context and resolve the mention in it."""
    doc = nlp(case.text)
    starts = [i for i in range(len(case.text)) if case.text.startswith(case.mention, i)]
    assert starts, f"{case.mention!r} not in {case.text!r}"
    start = starts[case.occurrence]
    end = start + len(case.mention)
    span = doc.char_span(start, end, alignment_mode="expand")
    ner = next((e.label_ for e in doc.ents if (e.start_char, e.end_char) == (start, end)), None)
    if ner is None and span is not None:
        ner = span.root.ent_type_ or None
    mention = Mention(case.mention, start, end, ner=ner)
    context = ArticleContext.collect(linker, case.text, sentence_spans(doc), name_mentions(doc))
    subject = span is not None and span.root.dep_ in ("nsubj", "nsubjpass")
    return linker.resolve(mention, context, actor=case.role in ("actor", "object"), subject=subject)


def outcome(link: Link | None) -> str:
    """What a link says: a known entity's key, NEW or NONE."""
    if link is None:
        return NONE
    if link.method in (LinkMethod.NEW, LinkMethod.NER):
        return f"{NEW}:{link.entity.key}"
    return link.entity.key


def correct(case: Case, got: str) -> bool:
    if case.expected == NEW:
        return got.startswith(NEW)
    if got.startswith(NEW):
        return got == f"{NEW}:{case.expected}"
    return got == case.expected


#: Every mechanism of issue 7; all but the catalog and "distinct" have negative cases too.
MECHANISMS = (
    "fuzzy",
    "gazetteer",
    "text-alias",
    "short-name",
    "metonymy",
    "demonym",
    "coreference",
)


def test_the_table_covers_every_mechanism_with_positive_and_negative_cases() -> None:
    assert len(CASES) >= 80
    mechanisms = {c.mechanism for c in CASES}
    assert {"catalog", "distinct", *MECHANISMS} <= mechanisms
    assert {f"{name}-negative" for name in MECHANISMS} <= mechanisms


@pytest.mark.parametrize("index", range(len(CASES)), ids=lambda i: f"{i}-{CASES[i].mechanism}")
def test_resolution_case(nlp: Any, linker: Linker, index: int) -> None:
    case = CASES[index]
    if index in KNOWN_FAILURES:
        pytest.xfail(KNOWN_FAILURES[index])
    got = outcome(resolve_case(nlp, linker, case))
    assert correct(case, got), f"{case.mention!r} in {case.text!r}: got {got}, want {case.expected}"


#: Precision and recall the held-out table must keep (both were 89.1 % when it was written,
#: before any rule was changed for it); a change that loses links or makes wrong ones fails.
HELDOUT_FLOOR = 0.87


def test_resolution_heldout_precision_and_recall(nlp: Any, linker: Linker) -> None:
    from tests.resolution_heldout import HELDOUT

    links = right_links = named = 0
    for case in HELDOUT:
        got = outcome(resolve_case(nlp, linker, case))
        links += got != NONE
        named += case.expected != NONE
        right_links += got != NONE and correct(case, got)
    precision, recall = right_links / links, right_links / named
    print(f"held-out table: {len(HELDOUT)} cases; P {precision:.3f} R {recall:.3f}")
    assert len(HELDOUT) >= 100
    assert precision >= HELDOUT_FLOOR and recall >= HELDOUT_FLOOR
