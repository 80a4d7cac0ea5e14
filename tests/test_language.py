"""Articles that are not English are named in a warning and their language is recorded."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from kgraph.graph import KGStore, rows
from kgraph.ingest.language import detect_language, warn_if_not_english
from kgraph.model import Article

FRENCH = (
    "Le gouvernement français a annoncé mardi une nouvelle réforme des retraites, malgré les "
    "protestations des syndicats. Le Premier ministre a défendu le projet devant l'Assemblée "
    "nationale et promis un dialogue avec les partenaires sociaux."
)
GERMAN = (
    "Die Bundesregierung hat am Dienstag ein neues Gesetz beschlossen, das die Energiepreise "
    "senken soll. Der Kanzler sagte, die Entlastung komme noch vor dem Winter bei den "
    "Haushalten an."
)
ENGLISH = (
    "Azerbaijan launched a military operation in Nagorno-Karabakh on Tuesday, the defence "
    "ministry in Baku said. Armenia accused its neighbour of ethnic cleansing and called on "
    "Russian peacekeepers to intervene."
)


@pytest.mark.parametrize(("text", "code"), [(FRENCH, "fr"), (GERMAN, "de"), (ENGLISH, "en")])
def test_language_detect(text: str, code: str) -> None:
    found = detect_language(text)
    assert found is not None and found.code == code and found.probability >= 0.9


@pytest.mark.parametrize("text", ["", "Baku said so.", "Putin met Erdogan"])
def test_language_short_text_is_undetermined(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize(("text", "code"), [(FRENCH, "fr"), (GERMAN, "de")])
def test_language_warns_naming_the_article(
    caplog: pytest.LogCaptureFixture, text: str, code: str
) -> None:
    article = Article.from_text(text, origin="feeds/europe.jsonl:3")
    with caplog.at_level(logging.WARNING):
        assert warn_if_not_english(article) is not None
    assert (
        f"article feeds/europe.jsonl:3 looks like it is not English (detected: {code}); "
        "kgraph's rules are for English: its facts may be wrong"
    ) in caplog.text


def test_language_english_gives_no_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert warn_if_not_english(Article.from_text(ENGLISH)).code == "en"  # type: ignore[union-attr]
    assert caplog.text == ""


@pytest.mark.model
def test_language_build_warns_and_records_dcterms_language(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from kgraph.pipeline import build

    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": code, "text": text}
        for code, text in (("fr", FRENCH), ("de", GERMAN), ("en", ENGLISH))
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        report = build([feed], tmp_path / "kg", workers=1)
    assert len(report.added) == 3
    assert "feed.jsonl:1 looks like it is not English (detected: fr)" in caplog.text
    assert "feed.jsonl:2 looks like it is not English (detected: de)" in caplog.text
    assert "feed.jsonl:3" not in caplog.text
    query = "SELECT ?id ?language WHERE { ?a dcterms:identifier ?id ; dcterms:language ?language }"
    with KGStore.open(tmp_path / "kg", read_only=True) as kg:
        found = {row["id"].value: row["language"].value for row in rows(kg.query(query))}
    assert found == {"fr": "fr", "de": "de", "en": "en"}
