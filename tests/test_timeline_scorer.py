"""The TimeLine task's scorer, reader and writer (benchmarks/timeline): exact small inputs."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpora import CatDocument, CatToken, cat_document  # noqa: E402
from timeline.scorer import (  # noqa: E402
    BEFORE,
    SIMULTANEOUS,
    Closure,
    Line,
    Timeline,
    format_timeline,
    micro,
    ordered,
    read_timeline,
    relations,
    score,
)
from timeline.writer import Placer, _ids, lead_dates  # noqa: E402

from kgraph.timeline import Mention  # noqa: E402

GOLD = read_timeline(
    "Airbus A380\n"
    "0\tXXXX-XX-XX\t1-5-sales\n"
    "1\t2005-01-18\t1-0-launches\t2-3-launched\n"
    "2\t2005-04-27\t3-2-flight\n"
    "2\t2005-04-27\t3-4-landed\n"
    "3\t2007-10-15\t4-1-delivered\n"
)


def _moved(timeline, event, order, date):
    kept_events = [tuple(e for e in x.events if e != event) for x in timeline.lines]
    lines = [
        Line(x.order, x.date, events) for x, events in zip(timeline.lines, kept_events, strict=True)
    ]
    kept = (*(x for x in lines if x.events), Line(order, date, (event,)))
    return Timeline(timeline.entity, kept)


def test_timeline_scorer_gold_against_gold_is_one():
    result = score(GOLD, GOLD)
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)


def test_timeline_scorer_relations_of_a_timeline():
    found = set(relations(GOLD))
    assert ("e:1-0-launches", "e:2-3-launched", SIMULTANEOUS) in found
    assert ("e:2-3-launched", "e:3-2-flight", BEFORE) in found
    assert ("e:1-5-sales", "t:XXXX-XX-XX", SIMULTANEOUS) in found
    # only the next position is listed; the closure gives the later ones
    assert ("e:1-0-launches", "e:4-1-delivered", BEFORE) not in found
    assert Closure(found).holds(("e:1-0-launches", "e:4-1-delivered", BEFORE))
    assert not Closure(found).holds(("e:4-1-delivered", "e:1-0-launches", BEFORE))
    # an undated event is related to nothing but the unknown anchor
    assert {r for r in found if "e:1-5-sales" in r} == {
        ("e:1-5-sales", "t:XXXX-XX-XX", SIMULTANEOUS)
    }


def test_timeline_scorer_dropping_an_event_lowers_recall_only():
    dropped = read_timeline(format_timeline(GOLD).replace("\t2-3-launched", ""))
    result = score(dropped, GOLD)
    assert result.precision == 1.0
    # launched: its anchor, SIMULTANEOUS with launches, BEFORE flight and landed: 4 of 14
    assert result.recall == pytest.approx(10 / 14)


def test_timeline_scorer_adding_an_event_lowers_precision_only():
    added = read_timeline(format_timeline(GOLD) + "3\t2007-10-15\t9-9-extra\n")
    result = score(added, GOLD)
    assert result.recall == 1.0
    # extra: its anchor, SIMULTANEOUS with delivered, BEFORE from flight and landed: 4 of 18
    assert result.precision == pytest.approx(14 / 18)


def test_timeline_scorer_moving_an_event_lowers_both():
    moved = _moved(GOLD, "4-1-delivered", 1, "2005-01-18")
    result = score(moved, GOLD)
    assert result.precision < 1.0 and result.recall < 1.0
    assert 0.0 < result.f1 < 1.0


def test_timeline_scorer_micro_average_sums_the_counts():
    one, two = score(GOLD, GOLD), score(read_timeline("X\n1\t2005\ta-1-b\n"), GOLD)
    total = micro([one, two])
    assert total.system == one.system + two.system
    assert total.precision == pytest.approx(one.verified_system / (one.system + two.system))


def test_timeline_scorer_ordered_puts_coarse_dates_first_and_undated_at_zero():
    timeline = ordered("X", [("2005-01-18", ("d-2-b",)), ("", ("d-3-c",)), ("2005", ("d-1-a",))])
    assert [(line.order, line.date) for line in timeline.lines] == [
        (0, "XXXX-XX-XX"),
        (1, "2005-XX-XX"),
        (2, "2005-01-18"),
    ]


@pytest.mark.parametrize("bad", ["", "X\nfirst\t2005\ta-1-b", "X\n1\t2005"])
def test_timeline_scorer_rejects_malformed_timelines(bad):
    with pytest.raises(ValueError):
        read_timeline(bad)


def test_timeline_cat_reader_places_tokens_in_the_record_text(tmp_path):
    xml = (
        '<?xml version="1.0" ?><Document doc_id="42" src_url="http://x.test/a">'
        '<token number="0" sentence="0">Airbus</token><token number="1" sentence="0">flies</token>'
        '<token number="2" sentence="1">January</token><token number="3" sentence="1">18</token>'
        '<token number="4" sentence="1">,</token><token number="5" sentence="1">2005</token>'
        '<token number="6" sentence="2">The</token><token number="7" sentence="2">A380</token>'
        '<token number="8" sentence="2">flew</token><token number="9" sentence="2">.</token>'
        '<token number="10" sentence="3">It</token><token number="11" sentence="3">landed</token>'
        '<Markables><TIMEX3 functionInDocument="CREATION_TIME" value="2005-01-18"/></Markables>'
        "</Document>"
    )
    path = tmp_path / "42_a.xml"
    path.write_text(xml, encoding="utf-8")
    doc = cat_document(path)
    assert doc.record == {
        "id": "wikinews-42",
        "url": "http://x.test/a",
        "title": "Airbus flies",
        "published": "2005-01-18",
        "text": "The A380 flew. It landed",
    }
    landed = next(t for t in doc.tokens if t.text == "landed")
    assert (landed.sentence, landed.number) == (3, 11)
    assert doc.record["text"][landed.start : landed.end] == "landed"
    assert all(t.start == -1 for t in doc.tokens if t.sentence in (0, 1))
    assert Placer(doc).event_id(doc.record["text"].index("flew"), 14) == "42-2-flew"
    titled = cat_document(path, title_in_text=True)
    assert titled.record["title"] == ""
    assert titled.record["text"] == "Airbus flies.\n\nThe A380 flew. It landed"
    flies = next(t for t in titled.tokens if t.text == "flies")
    assert (flies.sentence, titled.record["text"][flies.start : flies.end]) == (0, "flies")
    landed = next(t for t in titled.tokens if t.text == "landed")
    assert titled.record["text"][landed.start : landed.end] == "landed"


def test_timeline_writer_skips_auxiliaries_and_finds_reporting_words():
    doc = CatDocument(
        "7",
        "",
        "",
        {},
        (
            CatToken(3, 0, "Jobs", 0, 4),
            CatToken(3, 1, "has", 5, 8),
            CatToken(3, 2, "said", 9, 13),
            CatToken(3, 3, "it", 14, 16),
        ),
    )
    placer = Placer(doc)
    assert placer.event_id(5, 13) == "7-3-said"
    assert placer.cue_id(0, 16, "say") == "7-3-said"
    assert placer.cue_id(0, 16, "announce") is None


def test_timeline_writer_lead_date_is_the_first_day_of_the_week_before_publication():
    rows = [
        ("a", 300, "2010-06-05", "2010-06-08"),  # later in the text
        ("a", 120, "2010-06-07", "2010-06-08"),  # the lead's "on Monday"
        ("a", 10, "2009", "2010-06-08"),  # a year: no day
        ("a", 5, "2010-05-01", "2010-06-08"),  # over a week before
        ("b", 5, "2010-06-09", "2010-06-08"),  # after publication
    ]
    assert lead_dates(rows) == {"a": "2010-06-07"}


def _placer(doc_id: str, sentence: int, text: str) -> tuple[Placer, list[int]]:
    words = text.split()
    starts = [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
    tokens = tuple(
        CatToken(sentence, i, w, a, a + len(w))
        for i, (w, a) in enumerate(zip(words, starts, strict=True))
    )
    return Placer(CatDocument(doc_id, "", "", {"id": doc_id, "text": text}, tokens)), starts


def _mention(**fields) -> Mention:
    base = dict(fact="f", entity="e", role="subject", subject="Boeing", relation="r", object="o")
    base |= dict(predicate="p", other="o", date="", anchor="undated", time_text="", article="a")
    base |= dict(identifier="7", title="", url="", source="", issued="", sentence_start=0)
    base |= dict(relation_text="", relation_start=0, relation_end=0)
    return Mention(**(base | fields))


def test_timeline_writer_infinitives_of_a_relation_are_events():
    placer, at = _placer("7", 2, "Jobs has chosen to step down to the board")
    assert placer.infinitive_ids(at[1], at[7] + 2) == ["7-2-step_down"]
    assert placer.infinitive_ids(at[1], at[3]) == []  # "to" with nothing after it in the span


def test_timeline_writer_counts_speak_through_their_source_and_negations_are_no_events():
    text = "Boeing says they have 800 orders and did not fly"
    placer, at = _placer("7", 1, text)
    placers, texts = {"7": placer}, {"a": text}
    count = _mention(role="speaker", extractor="quantity", cue="say", sentence=text)
    assert list(_ids([count], placers, texts)) == ["7-1-says"]
    assert list(_ids([replace(count, role="subject")], placers, texts)) == []  # a count alone
    flew = dict(relation_start=at[7], relation_end=at[9] + 3, sentence=text)
    assert list(_ids([_mention(**flew)], placers, texts)) == ["7-1-fly"]
    assert list(_ids([_mention(**flew, stance="negated")], placers, texts)) == []
