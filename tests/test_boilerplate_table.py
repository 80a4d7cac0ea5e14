"""The web-page furniture of ingest is data: ontology/boilerplate.toml, checked at load."""

from __future__ import annotations

import dataclasses
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kgraph.errors import OntologyError
from kgraph.ingest import IngestReport, clean_text, iter_articles
from kgraph.ontology import Boilerplate, Ontology, default_ontology_dir, load_ontology
from kgraph.pipeline import build

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FILE = "boilerplate.toml"
CLEAN_PY = Path(__file__).resolve().parent.parent / "kgraph" / "ingest" / "clean.py"


@pytest.fixture()
def ontology_copy(tmp_path: Path) -> Path:
    target = tmp_path / "ontology"
    shutil.copytree(default_ontology_dir(), target)
    return target


def _edit(folder: Path, edit: Callable[[str], str]) -> Path:
    path = folder / FILE
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def test_boilerplate_table_is_compiled_into_a_frozen_record(ontology: Ontology) -> None:
    rules = ontology.boilerplate
    assert isinstance(rules, Boilerplate)
    assert all(isinstance(getattr(rules, f.name), re.Pattern) for f in dataclasses.fields(rules))
    with pytest.raises(dataclasses.FrozenInstanceError):
        rules.line = re.compile("x")  # type: ignore[misc]


@pytest.mark.parametrize(
    ("field", "line", "matches"),
    [
        ("line", "Subscribe now for unlimited access", True),
        ("line", "LEAVE A REPLY", True),  # case is ignored
        ("line", "Troops exchanged fire near the border.", False),
        ("byline", "By Jane Roe", True),
        ("byline", "by the river", False),  # bylines keep their case: "By" and a name
        ("more_link", "Read more →", True),
        ("more_link", "Readers want more.", False),
        ("footer", "Related", True),
        ("footer", "The talks are related to the border.", False),
        ("credit_tail", "Big News. (Photo: AFP)", True),
        ("credit_tail", "Big News (in Baku)", False),
    ],
)
def test_boilerplate_table_patterns(
    ontology: Ontology, field: str, line: str, matches: bool
) -> None:
    pattern: re.Pattern[str] = getattr(ontology.boilerplate, field)
    assert bool(pattern.search(line)) is matches


def test_boilerplate_table_holds_the_phrases_not_the_code() -> None:
    table = tomllib.loads((default_ontology_dir() / FILE).read_text(encoding="utf-8"))
    phrases = [p for kind in table["lines"].values() for p in kind] + table["footer"]["markers"]
    code = CLEAN_PY.read_text(encoding="utf-8")
    assert [p for p in phrases if p in code] == []


def test_boilerplate_table_edits_change_what_ingest_drops(ontology_copy: Path) -> None:
    raw = "Troops exchanged fire.\nListen to this story in our app."
    shipped = load_ontology(ontology_copy).boilerplate
    assert clean_text(raw, shipped)[0] == raw.replace("\n", "\n\n")
    _edit(ontology_copy, lambda t: t.replace("[lines]\n", "[lines]\napp = ['^listen to this']\n"))
    edited = load_ontology(ontology_copy).boilerplate
    assert clean_text(raw, edited)[0] == "Troops exchanged fire."


def test_boilerplate_table_reaches_ingest_in_the_build(ontology_copy: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Listen to this story in our app.\n", encoding="utf-8")
    report = IngestReport()
    assert len(list(iter_articles([corpus], load_ontology().boilerplate, report))) == 1
    _edit(ontology_copy, lambda t: t.replace("[lines]\n", "[lines]\napp = ['^listen to this']\n"))
    built = build([corpus], tmp_path / "kg", ontology_dir=ontology_copy)  # no article: no model
    (problem,) = built.ingest.problems
    assert "a.txt" in str(problem) and "nothing is left" in str(problem)


def test_boilerplate_table_is_checked_before_ingest(ontology_copy: Path, tmp_path: Path) -> None:
    _edit(ontology_copy, lambda t: t.replace("'^By [A-Z]'", "'^By [A-Z'"))
    with pytest.raises(OntologyError, match=FILE):
        build([tmp_path / "nothing here"], tmp_path / "kg", ontology_dir=ontology_copy)
    assert not (tmp_path / "kg").exists()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("'unlimited access'", "'unlimited (access'",
         r"\[lines\] paywall\[2\] 'unlimited \(access' is not a regular expression "
         r"\(missing \), unterminated subpattern at position 10\); fix it"),
        ("'^By [A-Z]'", "'^By [A-Z'",
         r"\[bylines\] patterns\[0\] '\^By \[A-Z' is not a regular expression"),
        ("'^continue reading\\b'", "'(?i)^continue reading\\b'",
         r"\[footer\] more_links\[1\] .* is not a regular expression \(global flags"),
        ("'toggle navigation'", "'(toggle navigation)?'",
         r"\[lines\] menu\[3\] .* matches the empty string, so it would drop every line"),
        ("'getty images'", "'\\b'", r"\[lines\] credit\[2\] '\\\\b' matches the empty string"),
    ],
)  # fmt: skip
def test_boilerplate_table_bad_pattern_is_named_with_its_line(
    ontology_copy: Path, old: str, new: str, message: str
) -> None:
    path = _edit(ontology_copy, lambda t: t.replace(old, new))
    lines = path.read_text(encoding="utf-8").splitlines()
    lineno = next(n for n, line in enumerate(lines, start=1) if new in line)
    with pytest.raises(OntologyError, match=rf"{re.escape(str(path))}:{lineno}: {message}"):
        load_ontology(ontology_copy)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t + "\n[lines\n", "not valid TOML"),
        (lambda t: t + "\n[sidebar]\nwords = ['x']\n",
         r"unknown table \[sidebar\]; the tables are lines, bylines, footer, credit_tail"),
        (lambda t: t.replace("more_links = [", "more_link = ["),
         r"\[footer\] has the unknown key 'more_link'; use more_links, markers"),
        (lambda t: t.replace("[bylines]\npatterns", "[bylines]\n_patterns"),
         r"\[bylines\] has the unknown key '_patterns'"),
        (lambda t: t.replace('words = ["photo"', 'words = [1, "photo"'),
         r"\[credit_tail\] words must be a non-empty list of non-empty strings"),
        (lambda t: t.replace("'^sign up\\b',", "'',"),
         r"\[lines\] newsletter must be a non-empty list of non-empty strings"),
        (lambda t: t.replace("[credit_tail]", "[credit_tails]"),
         r"unknown table \[credit_tails\]"),
        (lambda t: re.sub(r"\[bylines\]\npatterns = \[.*?\]\n", "", t, flags=re.DOTALL),
         r"needs the table \[bylines\]"),
        (lambda t: t.replace("'^staff (?:writer|reporter)$',", "'^(?P<x>a)', '^(?P<x>b)',"),
         r"two patterns of one table do not compile together \(redefinition of group name"),
    ],
)  # fmt: skip
def test_boilerplate_table_malformed_file_is_named(
    ontology_copy: Path, edit: Callable[[str], str], message: str
) -> None:
    path = _edit(ontology_copy, edit)
    with pytest.raises(OntologyError, match=message) as info:
        load_ontology(ontology_copy)
    assert str(path) in str(info.value)


def test_boilerplate_table_missing_file_is_named(ontology_copy: Path) -> None:
    (ontology_copy / FILE).unlink()
    with pytest.raises(OntologyError, match=rf"{FILE}: missing from the ontology folder"):
        load_ontology(ontology_copy)
