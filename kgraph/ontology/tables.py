"""The word tables of extraction, read from ``ontology/`` and checked at load.

- ``modality_cues.csv``: modality cue words by kind (:class:`ModalityCues`);
- ``speech_cues.csv``: reporting words, their ``kg:`` relation and denial (:class:`SpeechCue`);
- ``quantities.json``: qualifiers, kinds of count, non-counts, scales (:class:`QuantityTable`);
- ``confidence.json``: the fitted weights of the fact confidence (:class:`ConfidenceWeights`).

Each loader raises :class:`~kgraph.errors.OntologyError` naming the file (and
line) when the file is missing or malformed.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kgraph.errors import OntologyError

__all__ = [
    "ConfidenceWeights",
    "ModalityCues",
    "QuantityTable",
    "SpeechCue",
    "read_confidence",
    "read_modality_cues",
    "read_quantities",
    "read_speech_cues",
]

#: The kinds of reporting word of ``speech_cues.csv``.
_SPEECH_KINDS = frozenset({"verb", "noun", "phrase"})
_BOOLEANS = {"true": True, "false": False}


@dataclass(frozen=True)
class ModalityCues:
    """The modality cue words (lowercase lemmas or words) of each kind."""

    aux: frozenset[str]  # may, might, could
    verb: frozenset[str]  # threaten (to), plan (to)
    adverb: frozenset[str]  # possibly, reportedly
    adjective: frozenset[str]  # likely (to)
    passive: frozenset[str]  # (is) said (to)
    condition: frozenset[str]  # if, unless
    interrogative: frozenset[str]  # whether, if (a clause asked), ? (a question)
    purpose: frozenset[str]  # to (do X), so (that), lest
    modifier: frozenset[str]  # alleged, suspected (on the fact's subject)
    noun: frozenset[str]  # indications (that S), the possibility (of S): S is not stated
    future: frozenset[str]  # will, shall: planned or projected, not happened
    content_verb: frozenset[str] = frozenset()  # hope, demand, appear (that S): S is not stated


@dataclass(frozen=True)
class SpeechCue:
    """A reporting word: its lemma, kind (verb, noun, phrase), kg: relation and denial."""

    lemma: str
    kind: str
    relation: str
    denial: bool


@dataclass(frozen=True)
class QuantityTable:
    """The word tables of counts (:mod:`kgraph.extract.numbers`)."""

    qualifiers: Mapping[str, str]  # "at least", "no fewer than" -> "at least"
    event_kinds: Mapping[str, str]  # counted noun lemma -> kind of count
    predicate_kinds: Mapping[str, str]  # governing verb or noun lemma -> kind of count
    noun_kinds: Mapping[str, str]  # counted noun lemma -> kind of count
    not_counts: frozenset[str]  # words that never make a count
    scales: Mapping[str, int]  # "million" -> 1000000


@dataclass(frozen=True)
class ConfidenceWeights:
    """A logistic regression over named fact features: its bias and weights."""

    bias: float
    weights: Mapping[str, float]


def read_modality_cues(path: Path) -> ModalityCues:
    """The cues of ``modality_cues.csv`` (columns ``word``, ``kind``)."""
    kinds: dict[str, set[str]] = {f.name: set() for f in fields(ModalityCues)}
    for lineno, row in _rows(path, ("word", "kind")):
        word, kind = row["word"], row["kind"]
        _check(path, lineno, kind in kinds, f"unknown kind {kind!r}", _options(kinds))
        _check(path, lineno, bool(word) and word == word.lower(), f"word {word!r}", "lowercase")
        kinds[kind].add(word)
    return ModalityCues(**{kind: frozenset(words) for kind, words in kinds.items()})


def read_speech_cues(path: Path, relations: Collection[str]) -> Mapping[tuple[str, str], SpeechCue]:
    """The reporting words of ``speech_cues.csv`` by (lemma, kind)."""
    cues: dict[tuple[str, str], SpeechCue] = {}
    for lineno, row in _rows(path, ("cue", "kind", "relation", "denial")):
        cue, kind, relation, denial = row["cue"], row["kind"], row["relation"], row["denial"]
        _check(
            path, lineno, kind in _SPEECH_KINDS, f"unknown kind {kind!r}", _options(_SPEECH_KINDS)
        )
        _check(
            path,
            lineno,
            relation in relations,
            f"unknown relation {relation!r}",
            "a relation of relations.ttl",
        )
        _check(path, lineno, denial in _BOOLEANS, f"denial {denial!r}", "true or false")
        _check(path, lineno, (cue, kind) not in cues, f"cue {cue!r} ({kind}) repeated", "once")
        cues[(cue, kind)] = SpeechCue(cue, kind, relation, _BOOLEANS[denial])
    return MappingProxyType(cues)


def read_quantities(path: Path) -> QuantityTable:
    """The tables of ``quantities.json``: string maps, a list of words and integer scales."""
    raw = _json(path)
    strings = {"qualifiers", "event_kinds", "predicate_kinds", "noun_kinds"}
    tables: dict[str, Any] = {}
    for name in sorted(strings):
        tables[name] = MappingProxyType(_mapping(path, raw, name, str))
    scales = _mapping(path, raw, "scales", int)
    words = raw.get("not_counts")
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise OntologyError(f"{path}: 'not_counts' must be a list of words")
    return QuantityTable(**tables, not_counts=frozenset(words), scales=MappingProxyType(scales))


def read_confidence(path: Path) -> ConfidenceWeights:
    """The weights of ``confidence.json`` (``bias`` and ``weights``, as fitted by
    ``benchmarks/carb/fit_confidence.py``)."""
    raw = _json(path)
    bias = raw.get("bias")
    if isinstance(bias, bool) or not isinstance(bias, (int, float)):
        raise OntologyError(f"{path}: 'bias' must be a number; refit with fit_confidence.py")
    weights = _mapping(path, raw, "weights", float)
    return ConfidenceWeights(float(bias), MappingProxyType(weights))


def _json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise OntologyError(f"{path}: missing from the ontology folder")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise OntologyError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from exc
    if not isinstance(raw, dict):
        raise OntologyError(f"{path}: must hold a JSON object of tables")
    return raw


def _mapping(path: Path, raw: Mapping[str, Any], name: str, kind: type) -> dict[str, Any]:
    """The table ``name`` of ``raw``: an object whose values are all of ``kind``."""
    table = raw.get(name)
    what = {str: "strings", int: "integers", float: "numbers"}[kind]
    if not isinstance(table, dict):
        raise OntologyError(f"{path}: needs the table {name!r} (an object of {what})")
    for key, value in table.items():
        ok = isinstance(value, (int, float) if kind is float else kind)
        if not ok or isinstance(value, bool):
            raise OntologyError(f"{path}: {name}[{key!r}] is {value!r}; it must be one of {what}")
    return {key: kind(value) for key, value in table.items()}


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise OntologyError(f"{path}: missing from the ontology folder")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(columns) - set(reader.fieldnames or ())
        if missing:
            raise OntologyError(f"{path}: needs the columns {', '.join(columns)}")
        for lineno, row in enumerate(reader, start=2):
            yield lineno, {key: (value or "").strip() for key, value in row.items() if key}


def _check(path: Path, lineno: int, ok: bool, problem: str, fix: str) -> None:
    if not ok:
        raise OntologyError(f"{path}:{lineno}: {problem}; it must be {fix}")


def _options(allowed: Collection[str]) -> str:
    return "one of " + ", ".join(sorted(allowed))
