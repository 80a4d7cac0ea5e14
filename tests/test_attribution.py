"""Tests of attribution (who says a fact): a sentence table through the real model, and RDF.

Each row names one target fact by (subject words, relation lemma, object words)
and the attribution expected on it: (speaker head, cue, kg relation, denial,
quoted words) or None for a fact the article states itself.
``test_attribution_table_figures`` measures precision and recall of attribution
detection over the whole table, known failures included.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from kgraph.extract import extract_triples, sentence_spans
from kgraph.graph import KGStore
from kgraph.model import Article, SurfaceTriple
from kgraph.ontology import Ontology
from kgraph.vocab import Iris

from .stores import linker_of, write_facts

Expected = tuple[str, str, str, bool, str | None] | None


class Row(NamedTuple):
    text: str
    target: tuple[str, str, str]
    expected: Expected


_ROWS = [
    # -------------------------------------------------------------- attributed
    Row(
        "The defense ministry said that Armenian forces shelled the village of Sotk.",
        ("Armenian forces", "shell", "village"),
        ("defense ministry", "say", "states", False, None),
    ),
    Row(
        "Armenian troops opened fire on the border post, the ministry said.",
        ("Armenian troops", "open fire on", "border post"),
        ("ministry", "say", "states", False, None),
    ),
    Row(
        "Armenian forces shelled the village, said the ministry.",
        ("Armenian forces", "shell", "village"),
        ("ministry", "say", "states", False, None),
    ),
    Row(
        "According to the Kremlin, Russian peacekeepers evacuated the village.",
        ("Russian peacekeepers", "evacuate", "village"),
        ("Kremlin", "according to", "states", False, None),
    ),
    Row(
        "Armenian forces shelled the village, according to the ministry.",
        ("Armenian forces", "shell", "village"),
        ("ministry", "according to", "states", False, None),
    ),
    Row(
        "Yerevan denied that its soldiers had crossed the border.",
        ("soldiers", "cross", "border"),
        ("Yerevan", "deny", "denies", True, None),
    ),
    Row(
        "Azerbaijan claimed that Armenian units had mined the road.",
        ("Armenian units", "mine", "road"),
        ("Azerbaijan", "claim", "claims", False, None),
    ),
    Row(
        '"Azerbaijani drones struck a bus near Lachin," the ombudsman said.',
        ("Azerbaijani drones", "strike", "bus"),
        ("ombudsman", "say", "states", False, "Azerbaijani drones struck a bus near Lachin"),
    ),
    Row(
        "President Ilham Aliyev announced that Azerbaijani troops had recaptured Shusha.",
        ("Azerbaijani troops", "recapture", "Shusha"),
        ("Ilham Aliyev", "announce", "states", False, None),
    ),
    Row(
        "The Armenian government warned that Azerbaijan was massing troops near the border.",
        ("Azerbaijan", "mass", "troops"),
        ("Armenian government", "warn", "warns", False, None),
    ),
    Row(
        "The ministry issued a statement saying that Armenian sappers had cleared the road.",
        ("Armenian sappers", "clear", "road"),
        ("ministry", "say", "states", False, None),
    ),
    Row(
        "Armenia rejected claims that its forces had shelled Tartar.",
        ("forces", "shell", "Tartar"),
        ("Armenia", "reject", "denies", True, None),
    ),
    Row(
        "The ministry dismissed reports that Russian peacekeepers had left Lachin.",
        ("Russian peacekeepers", "leave", "Lachin"),
        ("ministry", "dismiss", "denies", True, None),
    ),
    Row(
        'Russia\'s statement: "Russian peacekeepers escorted the convoy to Goris."',
        ("Russian peacekeepers", "escort", "convoy"),
        (
            "Russia",
            "statement",
            "states",
            False,
            "Russian peacekeepers escorted the convoy to Goris.",
        ),
    ),
    Row(
        "Azerbaijan claimed to have destroyed an Armenian tank.",
        ("Azerbaijan", "destroy", "tank"),
        ("Azerbaijan", "claim", "claims", False, None),
    ),
    Row(
        "Reuters reported that Armenian police detained the protesters in Yerevan.",
        ("Armenian police", "detain", "protesters"),
        ("Reuters", "report", "states", False, None),
    ),
    Row(
        "Nikol Pashinyan arrived in Moscow on Monday. "
        "He told reporters that Armenia would not leave the alliance.",
        ("Armenia", "leave", "alliance"),
        ("Nikol Pashinyan", "tell", "states", False, None),
    ),
    Row(  # nested: the innermost speaker wins
        "Armenia said that Azerbaijan claimed that Armenian troops shelled the town.",
        ("Armenian troops", "shell", "town"),
        ("Azerbaijan", "claim", "claims", False, None),
    ),
    Row(  # a quotation over two sentences
        '"Azerbaijani forces entered the village. The soldiers burned the school," the mayor said.',
        ("Azerbaijani forces", "enter", "village"),
        (
            "mayor",
            "say",
            "states",
            False,
            "Azerbaijani forces entered the village. The soldiers burned the school",
        ),
    ),
    Row(
        "Baku's claim that Armenian troops remained in Karabakh was disputed by Yerevan.",
        ("Armenian troops", "remain in", "Karabakh"),
        ("Baku", "claim", "claims", False, None),
    ),
    Row(
        "The ombudsman, citing witnesses, said that Azerbaijani troops looted the houses.",
        ("Azerbaijani troops", "loot", "houses"),
        ("ombudsman", "say", "states", False, None),
    ),
    Row(
        "Armenian officials say the blockade has caused severe shortages.",
        ("blockade", "cause", "shortages"),
        ("Armenian officials", "say", "states", False, None),
    ),
    pytest.param(
        *Row(
            "As the ministry noted, Armenian forces shelled the village.",
            ("Armenian forces", "shell", "village"),
            ("ministry", "note", "states", False, None),
        ),
        marks=pytest.mark.xfail(reason="'as X noted' (an advcl) is not read", strict=True),
    ),
    # ------------------------------------------------- stated by the article
    Row(
        "Azerbaijani forces shelled the village of Sotk on Tuesday.",
        ("Azerbaijani forces", "shell", "village"),
        None,
    ),
    Row("The minister said goodbye to the delegation.", ("minister", "say", "goodbye"), None),
    Row(
        "The spokesman's statement was published on the ministry's website.",
        ("statement", "be publish on", "website"),
        None,
    ),
    Row("Armenia denied the allegations.", ("Armenia", "deny", "allegations"), None),
    Row(
        "Russian peacekeepers, who said they were neutral, escorted the convoy to Goris.",
        ("Russian peacekeepers", "escort", "convoy"),
        None,
    ),
    Row(  # hearsay without a speaker: no attribution (a modality, see test_modality)
        "It was reported that Azerbaijani troops crossed the border.",
        ("Azerbaijani troops", "cross", "border"),
        None,
    ),
    Row(
        'The so-called "humanitarian corridor" was closed by Azerbaijan.',
        ("Azerbaijan", "close", "corridor"),
        None,
    ),
    Row(
        "The envoy met officials in Baku and later told the press about the talks.",
        ("envoy", "meet", "officials"),
        None,
    ),
    Row("Baku accused Yerevan of shelling its positions.", ("Baku", "accuse", "Yerevan"), None),
    Row(
        "The ministry's spokesman told reporters about the talks in Brussels.",
        ("spokesman", "tell", "reporters"),
        None,
    ),
]


def _params(row: Any) -> tuple[str, tuple[str, str, str], Expected]:
    values = row.values if hasattr(row, "values") else row
    return values[0], values[1], values[2]


def _observed(triple: SurfaceTriple | None) -> Expected:
    if triple is None or triple.attribution is None:
        return None
    a = triple.attribution
    quote = a.quote.text if a.quote is not None else None
    return (a.speaker.key_span.text, a.cue, a.relation, a.denial, quote)


@pytest.mark.parametrize(("text", "target", "expected"), _ROWS)
def test_attribution_sentence_table(
    nlp: Any, ontology: Ontology, text: str, target: tuple[str, str, str], expected: Expected
) -> None:
    doc = nlp(text)
    triples = list(extract_triples(doc, ontology))
    triple = find_triple(triples, target)
    assert triple is not None, f"no fact {target} in {text!r}"
    assert _observed(triple) == expected
    if triple.attribution is not None:
        speaker = triple.attribution.speaker
        assert doc.text[speaker.start : speaker.end] == speaker.text
        quote = triple.attribution.quote
        assert quote is None or doc.text[quote.start : quote.end] == quote.text
    if expected is not None and expected[3]:
        assert not triple.asserted  # a denied fact is never a plain triple


def test_attribution_table_figures(
    nlp: Any, ontology: Ontology, capsys: pytest.CaptureFixture[str]
) -> None:
    """Precision and recall of attribution detection (right speaker and cue) over the table."""
    gold = predicted = correct = 0
    for row in _ROWS:
        text, target, expected = _params(row)
        found = _observed(find_triple(list(extract_triples(nlp(text), ontology)), target))
        gold += expected is not None
        predicted += found is not None
        correct += found is not None and expected is not None and found[:2] == expected[:2]
    precision, recall = correct / predicted, correct / gold
    figures = f"P {precision:.2f} R {recall:.2f} ({correct}/{predicted}, {correct}/{gold})"
    with capsys.disabled():
        print(f"\nattribution table: {len(_ROWS)} rows, {gold} attributed; {figures}")
    assert len(_ROWS) >= 30 and gold >= 15
    assert precision >= 0.9 and recall >= 0.85


def test_attribution_cues_are_canonical_relations(ontology: Ontology) -> None:
    relations = {cue.relation for cue in ontology.speech_cues.values()}
    assert relations <= set(ontology.relations)
    assert {"states", "claims", "denies", "accuses"} <= relations
    assert all(cue.denial == (cue.relation == "denies") for cue in ontology.speech_cues.values())


_RDF_TEXT = (
    "Azerbaijan claimed that Armenian forces shelled Tartar. "
    "Armenia denied that Armenian troops attacked Goris. "
    '"Azerbaijani drones struck Stepanakert," Armenia said. '
    "Russian peacekeepers escorted the convoy."
)


def find_triple(triples: list[SurfaceTriple], target: tuple[str, str, str]) -> SurfaceTriple | None:
    """The triple whose subject and object contain the target's words and whose lemma is it."""
    subject, lemma, obj = target
    found = (
        t for t in triples
        if subject in t.subject.text and t.relation.lemma == lemma and obj in t.object.text
    )  # fmt: skip
    return next(found, None)


@contextmanager
def article_store(nlp: Any, ontology: Ontology, text: str, folder: Path) -> Iterator[KGStore]:
    """A store holding one article of ``text``, extracted, linked and written as a build does."""
    article = Article.from_text(text, title="T", published="2023-09-19")
    doc = nlp(text)
    linker = linker_of(ontology)
    triples = extract_triples(doc, ontology, article.published)
    facts = [f for t in triples if (f := linker.fact(t, article.id)) is not None]
    with KGStore.open(folder / "kg", create=True) as store:
        store.replace_graph(store.iris.ontology_graph, ontology.graph)
        write_facts(store, article, sentence_spans(doc), facts)
        yield store


@pytest.fixture(scope="module")
def claims_store(
    nlp: Any, ontology: Ontology, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[KGStore]:
    with article_store(nlp, ontology, _RDF_TEXT, tmp_path_factory.mktemp("claims")) as store:
        yield store


def test_attribution_rdf_what_does_azerbaijan_claim(claims_store: KGStore) -> None:
    rows = list(
        claims_store.query("""
        SELECT ?p ?o ?cue WHERE {
          ?speaker rdfs:label "Azerbaijan"@en ; kg:claims ?fact .
          ?fact rdf:predicate ?p ; rdf:object [ rdfs:label ?o ] ; kg:attributionCue ?cue ;
                prov:wasAttributedTo ?speaker . }""")
    )
    assert [(r["p"].value, r["o"].value, r["cue"].value) for r in rows] == [
        (str(Iris.relation("attacks")), "Tartar", "claim")
    ]
    # a claim is asserted: the plain triple is there, attributed through its node
    assert claims_store.query('ASK { ?s kg:attacks ?o . ?o rdfs:label "Tartar"@en }')


def test_attribution_rdf_denied_fact_is_not_asserted(claims_store: KGStore) -> None:
    assert not claims_store.query('ASK { ?s kg:attacks ?o . ?o rdfs:label "Goris"@en }')
    assert claims_store.query("""ASK {
        ?armenia rdfs:label "Armenia"@en ; kg:denies ?f .
        ?f rdf:predicate kg:attacks ; rdf:object ?goris ; kg:denied true ;
           kg:attributionCue "deny" ; prov:wasAttributedTo ?armenia .
        ?goris rdfs:label "Goris"@en }""")


def test_attribution_rdf_quote_and_unattributed_fact(claims_store: KGStore) -> None:
    rows = claims_store.query("""SELECT ?q ?who WHERE {
        ?f kg:quote ?q ; prov:wasAttributedTo ?w . ?w rdfs:label ?who }""")
    assert [(r["q"].value, r["who"].value) for r in rows] == [
        ("Azerbaijani drones struck Stepanakert", "Armenia")
    ]
    assert claims_store.query('ASK { ?f kg:objectText "the convoy" }')
    assert not claims_store.query("""ASK { ?f kg:objectText "the convoy" .
        { ?f prov:wasAttributedTo ?who } UNION { ?f kg:attributionCue ?cue } }""")
