"""kgraph.timeline and ``kgraph timeline``: a tiny hand-built store, no model."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.errors import ConfigError
from kgraph.graph import KGStore, rows
from kgraph.timeline import TIMELINE_QUERY, entity_timeline, find_entities

from .analysis_corpus import Corpus

ROOT = Path(__file__).resolve().parent.parent
_ALT = "<http://www.w3.org/2004/02/skos/core#altLabel>"


def _corpus() -> Corpus:
    c = Corpus()
    c.article("a1", title="A380 unveiled", publisher="Wire One", issued="2005-01-18")
    c.article("a2", title="A380 flies", url="http://news.test/a380", issued="2005-04-27")
    c.article("a3", title="Looking back", publisher="Wire Three", issued="2007-10-20")
    a380 = c.entity("Airbus_A380", "Airbus A380", "Work")
    short = c.entity("a380", "A380", "Work")
    first = c.entity("first_airbus_a380", "first Airbus A380", "Work")
    plans = c.entity("plans_for_the_a380", "plans for the A380", "Concept")
    airbus = c.entity("Airbus", "Airbus", "Organization")
    sia = c.entity("Singapore_Airlines", "Singapore Airlines", "Organization")
    c.graphs["graph/entities"].append(f'{a380} {_ALT} "superjumbo"@en .')
    c.fact("unveil", "a1", airbus, "kg:unveils", a380, sentence="Airbus unveiled the A380.")
    c.fact("plans", "a1", airbus, "kg:unveils", plans, sentence="Airbus unveiled plans.")
    c.fact("fly1", "a2", short, "kgrel:fly", '"first"', sentence="The A380 flew.", time="2005-04")
    c.fact("fly3", "a3", a380, "kgrel:fly", '"first"', sentence="It flew in 2005.", time="2005-06")
    c.fact(
        "deliver", "a3", first, "kg:delivers", sia, sentence="It was delivered.", time="2007-10-15"
    )
    c.fact(
        "said",
        "a3",
        sia,
        "kgrel:carry",
        '"passengers"',
        sentence="SIA said it flies.",
        speaker=a380,
        cue="say",
    )
    c.fact("sold", "a2", a380, "kgrel:sell", '"well"', sentence="It sold.", negated=True)
    c.fact("undated", "a2", a380, "kgrel:need", '"pilots"', sentence="It needs pilots.")
    c.graphs["article/a2"].append('<fact/undated> kg:extractor "svo" .')
    c.graphs["article/a2"].append(
        "<fact/role> a rdf:Statement ; rdf:subject <entity/Airbus_A380> ;"
        ' rdf:predicate kg:role ; rdf:object "plane" ;'
        ' prov:wasDerivedFrom <article/a2> ; kg:sentence "A plane." ;'
        ' kg:extractor "apposition" .'
    )
    c.graphs["graph/analysis"].append(
        "<conflict/c1> a kg:Conflict ; kg:involves <fact/deliver>, <fact/fly1> ;"
        ' rdfs:comment "delivered twice"@en .'
    )
    return c


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("timeline") / "kg"
    _corpus().store(path).close()
    return path


@pytest.fixture()
def kg(store_path: Path) -> Iterator[KGStore]:
    with KGStore.open(store_path, read_only=True) as store:
        yield store


def _labels(kg: KGStore, name: str, **options: object) -> list[tuple[str, str]]:
    return [(e.date, e.label) for e in entity_timeline(kg, name, **options).events]


def test_timeline_finds_label_alias_short_and_modified_names(kg):
    label, iris = find_entities(kg, "superjumbo")
    assert label == "Airbus A380"
    names = {iri.rpartition("/")[2] for iri in iris}
    assert names == {"Airbus_A380", "a380", "first_airbus_a380"}
    assert find_entities(kg, "airbus a380")[0] == "Airbus A380"
    assert "plans_for_the_a380" in {
        i.rpartition("/")[2] for i in find_entities(kg, "Airbus A380", mentioned=True)[1]
    }


def test_timeline_unknown_entity_is_a_clear_error(kg):
    with pytest.raises(ConfigError, match="did you mean 'Airbus A380'"):
        entity_timeline(kg, "Airbus A38")


def test_timeline_orders_events_and_anchors_them(kg):
    events = entity_timeline(kg, "Airbus A380").events
    assert [(e.date, e.anchor, e.label) for e in events] == [
        # no time of its own: the article's date
        ("2005-01-18", "article", "Airbus unveils Airbus A380"),
        ("2005-04", "fact", "A380 fly first"),  # a short name, dated by its sentence
        ("2005-04-27", "article", "Airbus A380 sell well"),  # negated, still listed
        ("2005-04-27", "article", "Airbus A380 need pilots"),
        ("2005-06", "fact", "Airbus A380 fly first"),  # another article's date of the flight
        ("2007-10-15", "fact", "first Airbus A380 delivers Singapore Airlines"),
        ("2007-10-20", "article", "Airbus A380 say: Singapore Airlines carry passengers"),
    ]


def test_timeline_marks_disputes_and_stances(kg):
    events = {e.label: e for e in entity_timeline(kg, "Airbus A380").events}
    flew = [e for label, e in events.items() if "fly" in label]
    assert len(flew) == 2 and all("date it differently" in " ".join(e.disputed) for e in flew)
    delivered = next(e for label, e in events.items() if "deliver" in label)
    assert "delivered twice" in delivered.disputed
    sold = next(e for label, e in events.items() if "sell" in label)
    assert sold.mentions[0].stance == "negated"
    said = next(e for e in events.values() if e.mentions[0].role == "speaker")
    assert said.label.startswith("Airbus A380 say:")


def test_timeline_groups_one_event_of_several_articles(tmp_path):
    c = _corpus()
    c.fact(
        "unveil2",
        "a2",
        "<entity/Airbus>",
        "kg:unveils",
        "<entity/Airbus_A380>",
        sentence="Airbus had unveiled it.",
        time="2005-01-18",
    )
    with c.store(tmp_path / "kg") as kg:
        events = entity_timeline(kg, "Airbus A380").events
    unveiled = [e for e in events if "unveils" in e.label or "unveil" in e.label]
    assert len(unveiled) == 1
    assert unveiled[0].sources == ("Wire One", "news.test")
    assert unveiled[0].anchor == "fact"


def test_timeline_takes_facts_whose_mention_is_written_as_the_name(tmp_path):
    c = _corpus()
    iphone = c.entity("iPhone", "iPhone", "Work")  # the linker took "iPhone 4" for the iPhone
    c.fact(
        "antenna",
        "a2",
        iphone,
        "kgrel:drop",
        '"calls"',
        sentence="The iPhone 4 drops calls.",
        subject_text="The iPhone 4",
    )
    c.fact(
        "other",
        "a2",
        iphone,
        "kgrel:sell",
        '"well"',
        sentence="The iPhone sells.",
        subject_text="The iPhone",
    )
    c.entity("iPhone_4", "iPhone 4", "Work")
    with c.store(tmp_path / "kg") as kg:
        events = entity_timeline(kg, "iPhone 4").events
    assert [e.mentions[0].fact.rpartition("/")[2] for e in events] == ["antenna"]


def test_timeline_leaves_out_descriptions_unless_asked(kg):
    assert not any(
        m.extractor == "apposition"
        for e in entity_timeline(kg, "Airbus A380").events
        for m in e.mentions
    )
    kept = entity_timeline(kg, "Airbus A380", descriptions=True).events
    assert any(m.extractor == "apposition" for e in kept for m in e.mentions)


@pytest.mark.parametrize(
    ("options", "dates"),
    [
        ({"start": "2005-04", "end": "2005-04"}, ["2005-04", "2005-04-27", "2005-04-27"]),
        ({"start": "2007"}, ["2007-10-15", "2007-10-20"]),
        ({"source": "wire three"}, ["2005-06", "2007-10-15", "2007-10-20"]),
    ],
)
def test_timeline_filters(kg, options, dates):
    assert [e.date for e in entity_timeline(kg, "Airbus A380", **options).events] == dates


@pytest.mark.parametrize("bad", ["2005-13", "05-01", "2005-1-1"])
def test_timeline_rejects_bad_dates(kg, bad):
    with pytest.raises(ConfigError, match="is not YYYY"):
        entity_timeline(kg, "Airbus A380", start=bad)


def test_timeline_cli_formats(store_path):
    runner = CliRunner()
    table = runner.invoke(cli, ["timeline", str(store_path), "Airbus A380"])
    assert table.exit_code == 0, table.output
    assert "disputed" in table.output and "(published)" in table.output
    data = json.loads(
        runner.invoke(cli, ["timeline", str(store_path), "A380", "-f", "json"]).output
    )
    assert data["entity"] == "A380" and data["events"][0]["mentions"][0]["title"]
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        output = runner.invoke(cli, ["timeline", str(store_path), "Airbus A380", "-f", fmt]).output
        table_rows = list(csv.DictReader(io.StringIO(output), delimiter=delimiter))
        assert {r["event_date"] for r in table_rows} >= {"2005-04", "2007-10-15"}
    missing = runner.invoke(cli, ["timeline", str(store_path), "Boeing"])
    assert missing.exit_code == 1 and "no entity named 'Boeing'" in missing.output


def test_timeline_documented_query_is_the_library_query_and_runs(kg):
    doc = (ROOT / "docs" / "timeline.md").read_text(encoding="utf-8")
    query = re.search(r"```sparql\n(.*?)```", doc, re.DOTALL)
    assert query is not None and query.group(1) == TIMELINE_QUERY
    found = list(rows(kg.query(query.group(1))))
    facts = {r["fact"].value.rpartition("/")[2] for r in found}
    assert facts == {"unveil", "fly3", "said", "sold", "undated", "role"}  # by label: not "A380"
    whens = [r["when"].value for r in found]
    assert whens == sorted(whens)


# ---------------------------------------------------------------- the page in a browser


def test_timeline_page_offline_evidence_on_click_and_source_filter(store_path, browser, tmp_path):
    output = tmp_path / "t.html"
    result = CliRunner().invoke(
        cli, ["timeline", str(store_path), "Airbus A380", "--html", "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    errors: list[str] = []
    requests: list[str] = []
    context = browser.new_context(viewport={"width": 1400, "height": 700})
    try:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(output.resolve().as_uri())
        page.wait_for_function("() => window.kgraphTimeline && window.kgraphTimeline.ready")
        assert page.evaluate("kgraphTimeline.visibleCount()") == 7
        page.locator("#axis .mark").first.click()
        evidence = page.locator("#evidence").inner_text()
        assert "Airbus unveiled the A380." in evidence and "Wire One" in evidence
        page.locator("#axis .mark.disputed").first.click()
        assert "disputed:" in page.locator("#evidence").inner_text()
        page.locator("#sources input[value='Wire Three']").uncheck()
        assert page.evaluate("kgraphTimeline.visibleCount()") == 4
        page.screenshot(path=str(tmp_path / "timeline.png"))
        assert (tmp_path / "timeline.png").stat().st_size > 1000
        assert errors == []
        assert requests == [output.resolve().as_uri()]
    finally:
        context.close()


def test_timeline_label_index_is_kept_and_remade_for_a_new_generation(tmp_path):
    from kgraph.graph.generations import mark_generation
    from kgraph.timeline.labels import INDEX_FILE, LabelIndex

    path = tmp_path / "kg"
    _corpus().store(path).close()
    with KGStore.open(path, read_only=True) as store:
        index = LabelIndex.of(store)
        assert (path / INDEX_FILE).is_file()
        names = dict(index.containing("A380") or [])
        assert set(names.values()) >= {"Airbus A380", "A380", "first Airbus A380"}
        assert "Airbus" not in names.values()  # not every word: all of them
        assert index.containing("a-380") == [] and index.containing("--") is None
        assert index.lowered("airbus a380") == [store.iris.base + "entity/Airbus_A380"]
        kept = (path / INDEX_FILE).stat().st_mtime_ns
        LabelIndex.of(store)
        assert (path / INDEX_FILE).stat().st_mtime_ns == kept  # the same generation: read
        mark_generation(path)
        LabelIndex.of(store)
        assert (path / INDEX_FILE).stat().st_mtime_ns != kept  # a new one: made again


def test_timeline_label_index_in_memory_when_the_folder_is_read_only(tmp_path, monkeypatch):
    from kgraph.timeline import labels

    path = tmp_path / "kg"
    _corpus().store(path).close()

    def refuse(*args: object, **kwargs: object) -> Path:
        raise PermissionError("read-only folder")

    monkeypatch.setattr(labels, "_write", refuse)
    with KGStore.open(path, read_only=True) as store:
        assert find_entities(store, "superjumbo")[0] == "Airbus A380"
    assert not (path / labels.INDEX_FILE).exists()


# ---------------------------------------------------------------- the index follows the store


def _write(path: Path, corpus: Corpus, replaces: tuple[str, ...] = ()) -> None:
    """Write ``corpus``'s graphs into the store at ``path`` (replacing the named article
    graphs), as a build does: one writer, a new generation when it closes."""
    import pyoxigraph as ox

    with KGStore.open(path) as store:
        quads = list(ox.parse(corpus.trig(), format=ox.RdfFormat.TRIG))
        old = [ox.NamedNode(store.iris.base + f"article/{key}") for key in replaces]
        store.backend.replace(old, quads) if old else store.backend.extend(quads)


def _facts_of(path: Path, name: str) -> list[str]:
    found = entity_timeline(path, name, descriptions=True).events
    return sorted(m.fact.rpartition("/")[2] for e in found for m in e.mentions)


def test_timeline_index_follows_added_replaced_and_removed_articles(tmp_path):
    from kgraph.timeline.labels import INDEX_FILE, refresh_index

    path = tmp_path / "kg"
    _corpus().store(path).close()
    before = ["deliver", "fly1", "fly3", "role", "said", "sold", "undated", "unveil"]
    assert _facts_of(path, "Airbus A380") == before
    assert (path / INDEX_FILE).is_file()

    added = Corpus()  # a new article: a new fact of the A380, another of a new name
    added.article("a4", title="Sold out", publisher="Wire Four", issued="2008-02-01")
    a380 = added.entity("Airbus_A380", "Airbus A380", "Work")
    emirates = added.entity("Emirates", "Emirates", "Organization")
    added.fact("order", "a4", emirates, "kgrel:order", a380, sentence="Emirates ordered it.")
    added.graphs["article/a4"].append('<article/a4> kg:sha256 "a4" .')  # for kgraph remove
    _write(path, added)
    assert _facts_of(path, "Airbus A380") == sorted([*before, "order"])
    assert _facts_of(path, "Emirates") == ["order"]

    replaced = Corpus()  # a2 again, without its flight and with a new fact
    replaced.article("a2", title="A380 flies", issued="2005-04-28")
    replaced.fact("land", "a2", a380, "kgrel:land", '"Toulouse"', sentence="It landed.")
    _write(path, replaced, replaces=("a2",))
    assert refresh_index(path) and not refresh_index(path)  # remade once, then fresh
    assert not refresh_index(tmp_path)  # no index: none made
    events = entity_timeline(path, "Airbus A380").events
    facts = sorted(m.fact.rpartition("/")[2] for e in events for m in e.mentions)
    assert facts == ["deliver", "fly3", "land", "order", "said", "unveil"]
    assert next(e.date for e in events if "land" in e.label) == "2005-04-28"

    removed = CliRunner().invoke(cli, ["remove", str(path), "a4"])  # remakes the index
    assert removed.exit_code == 0 and "remade the timeline index" in removed.output
    assert not refresh_index(path)
    assert "order" not in _facts_of(path, "Airbus A380")
    with pytest.raises(ConfigError, match="no entity named 'Emirates'"):  # only a4 named it
        entity_timeline(path, "Emirates")
