from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kgraph.errors import OntologyError
from kgraph.ontology import (
    Linking,
    Ontology,
    default_ontology_dir,
    load_ontology,
    normalize_name,
)

from .expected import REQUIRED, VERIFIED_WIKIDATA

REQUIRED_CLASSES = {
    "Country",
    "Region",
    "City",
    "Person",
    "Organization",
    "GovernmentBody",
    "MilitaryForce",
    "Route",
    "Event",
    "Group",
}


@pytest.mark.parametrize(("label", "cls"), REQUIRED.items())
def test_ontology_catalog_has_the_corpus_entities(
    ontology: Ontology, label: str, cls: str | None
) -> None:
    entity = ontology.lookup(label)
    assert entity is not None, f"{label} missing from ontology/entities.csv"
    assert entity.label == label
    if cls:
        assert entity.cls == cls
    if label in VERIFIED_WIKIDATA:
        assert entity.wikidata == VERIFIED_WIKIDATA[label]


def test_ontology_has_the_required_classes(ontology: Ontology) -> None:
    assert ontology.classes >= REQUIRED_CLASSES


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Khankendi", "Stepanakert"),
        ("the U.S.", "United States"),
        ("UN", "United Nations"),
        ("Pashinyan", "Nikol Pashinyan"),
        ("lachin corridor", "Lachin Corridor"),
        ("Armenia’s", "Armenia"),
        ("the European Union", "European Union"),
    ],
)
def test_ontology_lookup_by_alias(ontology: Ontology, name: str, label: str) -> None:
    entity = ontology.lookup(name)
    assert entity is not None and entity.label == label


@pytest.mark.parametrize("name", ["Armenians", "Armenian", "military operation", ""])
def test_ontology_lookup_misses(ontology: Ontology, name: str) -> None:
    found = ontology.lookup(name)
    assert found is None or found.cls == "Group"
    if name in {"Armenian", "Armenians"} and found is not None:
        assert found.label != "Armenia"


@pytest.mark.parametrize(
    ("phrase", "relation"),
    [
        ("launch", "initiates"),
        ("initiate", "initiates"),
        ("unleash", "initiates"),
        ("commence", "initiates"),
        ("call on", "urges"),
    ],
)
def test_ontology_verb_table(ontology: Ontology, phrase: str, relation: str) -> None:
    assert ontology.relation_for(phrase) == relation
    assert relation in ontology.relations


def test_ontology_verb_table_leaves_unknown_phrases_open(ontology: Ontology) -> None:
    assert ontology.relation_for("juggle with") is None


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("The Lachin Corridor", "lachin corridor"),
        ("Azerbaijan’s", "azerbaijan"),
        ("U.S.", "us"),
        ("  Nagorno  Karabakh ", "nagorno karabakh"),
        ("an enclave", "enclave"),
    ],
)
def test_ontology_normalize_name(name: str, key: str) -> None:
    assert normalize_name(name) == key


@pytest.fixture()
def ontology_copy(tmp_path: Path) -> Path:
    target = tmp_path / "ontology"
    shutil.copytree(default_ontology_dir(), target)
    return target


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


@pytest.mark.parametrize(
    ("file", "line", "message"),
    [
        ("entities.csv", "Narnia,Narnia,Kingdom,,", "unknown class 'Kingdom'"),
        ("entities.csv", "Baku2,Baku Two,City,,Khankendi", "belongs to both"),
        ("entities.csv", "bad key,X,City,,", "not IRI-safe"),
        ("verbs.csv", "juggle,juggles", "unknown relation 'juggles'"),
        ("ner_classes.csv", "MONSTER,Monster", "unknown class 'Monster'"),
        ("modality_cues.csv", "wish,hope", r"modality_cues\.csv:214: unknown kind 'hope'"),
        ("modality_cues.csv", "Maybe,adverb", r"modality_cues\.csv:214: word 'Maybe'.*lowercase"),
        ("speech_cues.csv", "yell,verb,shouts,false", r":71: unknown relation 'shouts'"),
        ("speech_cues.csv", "yell,verb,states,maybe", r":71: denial 'maybe'.*true or false"),
        ("speech_cues.csv", "say,verb,states,false", r":71: cue 'say' \(verb\) repeated"),
        ("speech_cues.csv", "yell,shout,states,false", r":71: unknown kind 'shout'"),
    ],
)
def test_ontology_malformed_files_are_named(
    ontology_copy: Path, file: str, line: str, message: str
) -> None:
    _append(ontology_copy / file, line)
    with pytest.raises(OntologyError, match=message) as info:
        load_ontology(ontology_copy)
    assert file in str(info.value)


def test_ontology_bad_turtle_is_named(ontology_copy: Path) -> None:
    _append(ontology_copy / "relations.ttl", "kg:broken a ;")
    with pytest.raises(OntologyError, match=r"relations\.ttl"):
        load_ontology(ontology_copy)


def test_ontology_missing_file_is_named(ontology_copy: Path) -> None:
    (ontology_copy / "verbs.csv").unlink()
    with pytest.raises(OntologyError, match=r"verbs\.csv"):
        load_ontology(ontology_copy)


@pytest.mark.parametrize(
    ("file", "edit", "message"),
    [
        ("quantities.json", lambda t: t.replace('"scales": {', '"scales": {"gazillion": "many",'),
         r"scales\['gazillion'\] is 'many'; it must be one of integers"),
        ("quantities.json", lambda t: t.replace('"qualifiers"', '"qualifier"'),
         r"needs the table 'qualifiers'"),
        ("quantities.json", lambda t: t.replace('"not_counts": [', '"not_counts": [1,'),
         r"'not_counts' must be a list of words"),
        ("quantities.json", lambda t: t.rstrip().rstrip("}"),
         r"quantities\.json:\d+: not valid JSON"),
        ("confidence.json", lambda t: t.replace('"bias": 0.4421', '"bias": "high"'),
         r"'bias' must be a number"),
        ("confidence.json", lambda t: t.replace('"args": 0.6018', '"args": null'),
         r"weights\['args'\] is None"),
    ],
)  # fmt: skip
def test_ontology_malformed_tables_are_named(
    ontology_copy: Path, file: str, edit: Callable[[str], str], message: str
) -> None:
    path = ontology_copy / file
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(OntologyError, match=message) as info:
        load_ontology(ontology_copy)
    assert file in str(info.value)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t + '\n[descriptions."the kingdom"]\nclass = "Kingdom"\n',
         "unknown class 'Kingdom'"),
        (lambda t: t + '\n[groups.realms]\nclass = ["Realm"]\n', "unknown class 'Realm'"),
        (lambda t: t + "\n[fuzzy\n", "not valid TOML"),
    ],
)  # fmt: skip
def test_ontology_malformed_linking_is_named(
    ontology_copy: Path, edit: Callable[[str], str], message: str
) -> None:
    path = ontology_copy / "linking.toml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(OntologyError, match=message) as info:
        load_ontology(ontology_copy)
    assert "linking.toml" in str(info.value)


def test_ontology_linking_is_parsed_once_into_a_frozen_record(ontology: Ontology) -> None:
    rules = ontology.linking
    assert isinstance(rules, Linking)
    stripped = rules.strip_title("Prime Minister Nikol Pashinyan")
    assert stripped == ("Nikol Pashinyan", "Prime Minister")
    with pytest.raises(TypeError):
        rules.heads["army"] = "Group"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rules.pronoun_window = 9  # type: ignore[misc]


@pytest.mark.parametrize(
    "file", ["modality_cues.csv", "speech_cues.csv", "quantities.json", "confidence.json"]
)
def test_ontology_missing_table_is_named(ontology_copy: Path, file: str) -> None:
    (ontology_copy / file).unlink()
    with pytest.raises(OntologyError, match=rf"{file}: missing from the ontology folder"):
        load_ontology(ontology_copy)


def test_ontology_tables_are_typed_and_frozen(ontology: Ontology) -> None:
    assert "may" in ontology.modality_cues.aux and "if" in ontology.modality_cues.condition
    said = ontology.speech_cues[("say", "verb")]
    assert (said.relation, said.denial) == ("states", False)
    assert ontology.quantities.scales["million"] == 1_000_000
    assert ontology.quantities.qualifiers["no fewer than"] == "at least"
    assert isinstance(ontology.confidence.bias, float) and ontology.confidence.weights
    with pytest.raises(TypeError):
        ontology.quantities.scales["zillion"] = 1  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        ontology.modality_cues.aux = frozenset()  # type: ignore[misc]


def test_ontology_subclasses_of_follow_the_class_tree(ontology: Ontology) -> None:
    assert ontology.subclasses_of("Place") == {
        "Place",
        "Country",
        "Region",
        "City",
        "Route",
        "Facility",
    }
    assert ontology.subclasses_of("Person") == {"Person"}
    assert ontology.subclasses_of("Entity") >= ontology.subclasses_of("Organization")


def test_ontology_subclasses_of_an_unknown_class_is_named(ontology: Ontology) -> None:
    with pytest.raises(OntologyError, match="unknown class 'Kingdom'; the classes are"):
        ontology.subclasses_of("Kingdom")
