from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.graph import KGStore
from kgraph.graph.analysis import has_analysis, read_candidates, read_conflicts, refresh_analysis
from kgraph.graph.analysis.conflicts import Quantity, disagree
from kgraph.graph.results import rows
from kgraph.ontology import load_ontology
from kgraph.vocab import Iris
from kgraph.vocab import slugify as slug

from .analysis_corpus import BASE, Corpus

F = BASE + "fact/"
#: The rules every analysis here runs by (the session fixture cannot reach a module constant).
RULES = load_ontology()

# (first count, second count, expected conflict); each count is
# (article, counted, kind, value, qualifier, extra keyword arguments). Unless a case says
# otherwise, both counts are of one event (kg:about "mine explosion") in articles of one story
# (both name Azerbaijan): issue 15 wants the population, the event and the time window
# established before two counts conflict.
_A = ("a1", "Russian peacekeepers", "troops")
_B = ("a2", "Russian peacekeepers", "troops")
_NO_EVENT = {"about": None}
_ARMENIAN = "According to Armenian authorities"
_WEEKEND = "In Azerbaijan, the weekend suicide attacks by militants left 26 Azerbaijanis dead."
_RAID = "In Azerbaijan, militants killed 10 Azerbaijanis in the Lachin road raid."
COUNT_CASES = [
    ("same value", (*_A, 2000, None, {}), (*_B, 2000, None, {}), False),
    ("different values", (*_A, 2000, None, {}), (*_B, 3000, None, {}), True),
    ("at least below", (*_A, 2, "at least", {}), (*_B, 5, None, {}), False),
    ("at least above", (*_A, 5, "at least", {}), (*_B, 2, None, {}), True),
    ("two lower bounds", (*_A, 2, "at least", {}), (*_B, 5, "at least", {}), False),
    ("about within 10 %", (*_A, 2000, "about", {}), (*_B, 1960, None, {}), False),
    ("about, far apart", (*_A, 2000, "about", {}), (*_B, 3000, "about", {}), True),
    ("almost, a close exact figure", (*_A, 10000, "about", {}), (*_B, 9870, None, {}), False),
    ("a round figure, a close exact one", (*_A, 2000, None, {}), (*_B, 1960, None, {}), False),
    ("up to, above", (*_A, 10, "up to", {}), (*_B, 12, None, {}), True),
    ("up to, below", (*_A, 10, "up to", {}), (*_B, 8, None, {}), False),
    ("over is inclusive", (*_A, 100, "over", {}), (*_B, 100, None, {}), False),
    ("same article", (*_A, 2000, None, {}), ("a1", *_B[1:], 3000, None, {}), False),
    ("different kinds", ("a1", "civilians", "deaths", 2, None, {}),
     ("a2", "civilians", "injuries", 23, None, {}), False),
    ("different subjects", ("a1", "civilians", "deaths", 2, None, {}),
     ("a2", "soldiers", "deaths", 23, None, {}), False),
    ("different sides", ("a1", "Armenian soldiers", "deaths", 2, None, {}),
     ("a2", "Azerbaijani soldiers", "deaths", 23, None, {}), False),
    ("the side of one is not known", (*_A, 2000, None, {}),
     ("a2", "peacekeepers", "troops", 3000, None, {}), False),
    ("the side from the article's context", (*_A, 2000, None, {}),
     ("a2", "peacekeepers", "troops", 3000, None,
      {"text": "Russian peacekeepers arrived. Later 3000 peacekeepers were deployed."}), True),
    ("sentence text and its head", ("a1", "peacekeeping forces", "troops", 2000, None,
     {"subject_text": "Russian peacekeepers"}), ("a2", "Russian peacekeepers", "troops", 3000,
     None, {}), True),
    ("label and text both differ", ("a1", "peacekeeping forces", "troops", 2000, None,
     {"subject_text": "Russian troops"}), ("a2", "peacekeepers", "troops", 3000, None, {}), False),
    ("generic subjects, nobody's", ("a1", "injuries", "injuries", 23, None, {}),
     ("a2", "people", "injuries", 80, None, {}), False),
    ("generic subjects, the speakers' side", ("a1", "injuries", "injuries", 23, None,
     {"speaker": "Armenian authorities"}), ("a2", "people", "injuries", 80, None,
     {"speaker": "Armenian state news"}), True),
    ("people against a group", ("a1", "Armenian soldiers", "deaths", 6, None, {}),
     ("a2", "Armenians", "deaths", 11, None, {}), False),
    ("different days", (*_A, 2000, None, {"time": "2022-09-13"}),
     (*_B, 3000, None, {"time": "2023-09-19"}), False),
    ("one time missing", (*_A, 2000, None, {"time": "2023-09-19"}), (*_B, 3000, None, {}), True),
    ("month and day", (*_A, 2000, None, {"time": "2023-09"}),
     (*_B, 3000, None, {"time": "2023-09-19"}), True),
    ("different events", (*_A, 2000, None, {"about": "mine explosion"}),
     (*_B, 3000, None, {"about": "shelling"}), False),
    ("one event missing", (*_A, 2000, None, {}), (*_B, 3000, None, _NO_EVENT), False),
    ("one event, a people and some of them", ("a1", "Azerbaijanis", "deaths", 6, None, {}),
     ("a2", "Azerbaijani police and civilians", "deaths", 11, None, {}), True),
    ("one event, different people", ("a1", "Armenian soldiers", "deaths", 2, None, {}),
     ("a2", "Armenian civilians", "deaths", 5, None, {}), False),
    ("a people and some of them, no event", ("a1", "Azerbaijanis", "deaths", 6, None,
     _NO_EVENT), ("a2", "Azerbaijani police and civilians", "deaths", 11, None, _NO_EVENT),
     False),
    ("a cumulative count", (*_A, 2000, None, {"sentence": "So far 2000 have arrived."}),
     (*_B, 3000, None, {}), False),
    ("undated tolls of two incidents", ("a1", "Azerbaijanis", "deaths", 26, None,
     {**_NO_EVENT, "sentence": _WEEKEND}), ("a2", "Azerbaijanis", "deaths", 10, None,
     {**_NO_EVENT, "sentence": _RAID}),
     False),
    ("undated tolls of one incident, named alike", ("a1", "Azerbaijanis", "deaths", 26, None,
     {**_NO_EVENT, "sentence": _WEEKEND}), ("a2", "Azerbaijanis", "deaths", 25, None,
     {**_NO_EVENT, "sentence": "The weekend suicide bombings that killed 25 Azerbaijanis."}),
     True),
    ("undated tolls, no incident named", ("a1", "Azerbaijanis", "deaths", 26, None,
     {**_NO_EVENT, "sentence": "26 Azerbaijanis died."}), ("a2", "Azerbaijanis", "deaths", 25,
     None, {**_NO_EVENT, "sentence": "25 Azerbaijanis died."}), False),
    ("a toll of one incident and another", ("a1", "Azerbaijanis", "deaths", 6, None, {}),
     ("a2", "Azerbaijani police and civilians", "deaths", 11, None, {"sentence": "The loss of "
      "eleven Azerbaijani police and civilians in a mine blast and another incident."}), False),
    ("a qualifier shared by coordinated counts", ("a1", "injuries", "injuries", 23, None,
     {"speaker": "Armenian authorities", "sentence": f"{_ARMENIAN}, the action has resulted in "
      "at least two civilian deaths and 23 injuries."}), ("a2", "people", "injuries", 80, None,
     {"speaker": "Armenian state news"}), False),
    ("negated count", (*_A, 2000, None, {}), (*_B, 3000, None, {"negated": True}), False),
    ("modal count", (*_A, 2000, None, {}), (*_B, 3000, None, {"modality": "may"}), False),
    ("denied count", (*_A, 2000, None, {}), (*_B, 3000, None, {"denied": True}), False),
]  # fmt: skip


@pytest.fixture(params=["oxigraph", "memory"])
def engine(request: pytest.FixtureRequest) -> str:
    """Both storage engines: Oxigraph's SPARQL and rdflib's must agree."""
    return str(request.param)


def _count_store(tmp_path: Path, first: tuple, second: tuple, engine: str = "oxigraph") -> KGStore:  # type: ignore[type-arg]
    corpus = Corpus()
    baku = corpus.entity("Azerbaijan", "Azerbaijan", "Country")
    for country in ("Russia", "Armenia"):
        corpus.entity(country, country, "Country")  # the store's names of sides
    for name, (article, counted, kind, value, qualifier, extra) in zip(
        ("q1", "q2"), (first, second), strict=True
    ):
        marks = {"about": "mine explosion", **extra}
        corpus.article(article, title=f"Article {article}", text=marks.pop("text", None))
        if "speaker" in marks:
            marks["speaker"] = corpus.entity(slug(marks["speaker"]), marks["speaker"], "Group")
        corpus.fact(f"story-{name}", article, baku, "kg:initiates", baku)  # one story
        corpus.quantity(name, article, counted, kind, value, qualifier, **marks)
    return corpus.store(tmp_path / "kg", engine)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [case[1:] for case in COUNT_CASES],
    ids=[case[0] for case in COUNT_CASES],
)
def test_conflicts_count(
    tmp_path: Path,
    engine: str,
    first: tuple,  # type: ignore[type-arg]
    second: tuple,  # type: ignore[type-arg]
    expected: bool,
) -> None:
    with _count_store(tmp_path, first, second, engine) as kg:
        report = refresh_analysis(kg, RULES)
        found = read_conflicts(kg)
    assert report.conflicts["count"] == int(expected)
    assert [c.kind for c in found] == (["count"] if expected else [])
    if expected:
        assert {f.iri for f in found[0].facts} == {F + "q1", F + "q2"}


def test_conflicts_count_repeated_in_one_article_is_one_conflict(tmp_path: Path) -> None:
    corpus = Corpus()
    for article in ("a1", "a2"):
        corpus.article(article, title=f"Article {article}")
    corpus.entity("Azerbaijan", "Azerbaijan", "Country")  # "Azerbaijanis" are its side
    corpus.quantity("q1", "a1", "Azerbaijanis", "deaths", 6, about="mine explosion")
    corpus.quantity("q2", "a1", "Azerbaijanis", "deaths", 6, about="mine explosion")
    corpus.quantity("q3", "a2", "Azerbaijanis", "deaths", 11, about="mine explosion")
    with corpus.store(tmp_path / "kg") as kg:
        report = refresh_analysis(kg, RULES)
    assert report.conflicts["count"] == 1


def test_conflicts_count_bounds_table() -> None:
    def q(value: float, qualifier: str = "") -> Quantity:
        return Quantity("f", "a", "s", "x", "deaths", value, qualifier)

    assert q(2000, "about").bounds == (1800.0, 2200.0)
    assert q(5, "at least").bounds == (5, float("inf"))
    assert q(5, "up to").bounds == (0.0, 5)
    assert q(7).bounds == (7, 7)
    assert disagree(q(2, "at least"), q(1)) and not disagree(q(2, "about"), q(2.1))


def _opposed_corpus(case: str) -> Corpus:
    corpus = Corpus()
    for key in ("a1", "a2"):
        corpus.article(key, title=f"Article {key}", publisher=f"Wire {key}")
    armenia = corpus.entity("Armenia", "Armenia", "Country")
    baku = corpus.entity("Azerbaijan", "Azerbaijan", "Country")
    # issue 15: only facts over specific nodes contradict; "casualties" of two articles differ
    casualties = (
        corpus.entity("casualties", "casualties")
        if "generic" in case
        else corpus.entity("Karabakh_casualties", "Karabakh casualties")
    )
    soldiers = corpus.entity("soldiers", "soldiers")
    report = "kgrel:report"
    plain = {"speaker": baku, "cue": "claim"} if case.startswith("claimed") else {}
    second = "a1" if case.endswith("same article") else "a2"
    other = soldiers if case == "negation, other object" else casualties
    corpus.fact("f1", "a1", armenia, report, casualties, sentence="Armenia reported casualties.",
                modality="may" if case == "negation, modal" else None, **plain)  # fmt: skip
    negative = {"denied": True} if "denial" in case else {"negated": True}
    if case in {"both negated"}:
        corpus.fact("f0", "a1", armenia, report, casualties, negated=True)
    if case == "denial vs negation":
        corpus.fact("f0", "a1", armenia, report, casualties, negated=True)
        negative = {"denied": True}
        corpus.graphs["article/a1"] = [
            line for line in corpus.graphs["article/a1"] if not line.startswith("<fact/f1>")
        ]
    said = "Armenia no longer reports casualties." if "no longer" in case else None
    corpus.fact("f2", second, armenia, report, other,
                sentence=said or "Armenia did not report casualties.",
                speaker=armenia if "denial" in case else None,
                cue="deny" if "denial" in case else None, **negative)  # fmt: skip
    return corpus


OPPOSED_CASES = [
    ("negation", ["negation"]),
    ("negation, same article", []),
    ("negation, other object", []),
    ("negation, modal", []),
    ("negation, generic object", []),
    ("negation, no longer", []),  # a change, not a contradiction
    ("denial, generic object", []),
    ("both negated", ["negation"]),  # f0 and f2 are both negated; f1 (plain) conflicts with f2
    ("claimed, denial", ["denial"]),
    ("denial", ["denial"]),
    ("denial, same article", []),
]


@pytest.mark.parametrize(("case", "kinds"), OPPOSED_CASES, ids=[c[0] for c in OPPOSED_CASES])
def test_conflicts_negation_and_denial(
    tmp_path: Path, engine: str, case: str, kinds: list[str]
) -> None:
    with _opposed_corpus(case).store(tmp_path / "kg", engine) as kg:
        refresh_analysis(kg, RULES)
        found = read_conflicts(kg)
    assert [c.kind for c in found] == kinds
    for conflict in found:
        assert {f.iri for f in conflict.facts} == {F + "f1", F + "f2"}
        assert "Article a1" in conflict.comment and "Article a2" in conflict.comment


def test_conflicts_plain_fact_and_negation_only_in_the_same_article_is_none(
    tmp_path: Path,
) -> None:
    corpus = _opposed_corpus("denial vs negation")  # f0 negated (a1), f2 denied (a2): no plain one
    with corpus.store(tmp_path / "kg") as kg:
        refresh_analysis(kg, RULES)
        assert read_conflicts(kg) == []


def _support_corpus() -> Corpus:
    corpus = Corpus()
    corpus.article("a1", title="One", publisher="Example News", url="https://www.example.com/1")
    corpus.article("a2", title="Two", publisher="example news")
    corpus.article("a3", title="Three", url="https://www.other.org/3")
    corpus.article("a4", title="Four")
    corpus.article("a5", title="Five")
    baku = corpus.entity("Azerbaijan", "Azerbaijan", "Country")
    op = corpus.entity("Operation_Iron_Fist", "Operation Iron Fist", "Event")
    for key in ("a1", "a2", "a3", "a4"):
        corpus.fact(f"x{key}", key, baku, "kg:initiates", op)
    corpus.fact("x1b", "a1", baku, "kg:initiates", op, sentence="again")  # same article twice
    corpus.fact("neg", "a5", baku, "kg:initiates", op, negated=True)
    corpus.fact("mod", "a5", baku, "kg:initiates", op, modality="may")
    return corpus


def _support(kg: KGStore) -> dict[str, tuple[int, int]]:
    query = """SELECT ?f ?n ?m WHERE { ?f kg:supportingArticles ?n ; kg:supportingSources ?m }"""
    return {
        r["f"].value[len(F) :]: (int(r["n"].value), int(r["m"].value))
        for r in rows(kg.query(query))
    }


def test_conflicts_corroboration_counts(tmp_path: Path, engine: str) -> None:
    with _support_corpus().store(tmp_path / "kg", engine) as kg:
        refresh_analysis(kg, RULES)
        support = _support(kg)
    affirmed = (4, 3)  # a1, a2 share a publisher; a3 is other.org; a4 is itself
    assert support == {
        "xa1": affirmed, "xa2": affirmed, "xa3": affirmed, "xa4": affirmed, "x1b": affirmed,
        "neg": (1, 1), "mod": (1, 1),
    }  # fmt: skip


def test_conflicts_corroboration_uses_url_host_without_www(tmp_path: Path, engine: str) -> None:
    corpus = Corpus()
    corpus.article("a1", url="https://www.example.com/1")
    corpus.article("a2", url="http://example.com/2")
    baku, op = corpus.entity("Azerbaijan", "Azerbaijan"), corpus.entity("Op", "Op")
    corpus.fact("x1", "a1", baku, "kg:initiates", op)
    corpus.fact("x2", "a2", baku, "kg:initiates", op)
    with corpus.store(tmp_path / "kg", engine) as kg:
        refresh_analysis(kg, RULES)
        assert _support(kg) == {"x1": (2, 1), "x2": (2, 1)}


def _analysis_quads(kg: KGStore) -> set[str]:
    return {str(q) for q in kg.quads(kg.iris.analysis_graph)}


def test_conflicts_iris_are_stable(tmp_path: Path) -> None:
    corpus = _opposed_corpus("negation")
    with corpus.store(tmp_path / "one") as one, corpus.store(tmp_path / "two") as two:
        refresh_analysis(one, RULES)
        first = _analysis_quads(one)
        refresh_analysis(one, RULES)
        refresh_analysis(two, RULES)
        assert _analysis_quads(one) == first == _analysis_quads(two)
        [conflict] = read_conflicts(one)
    iris = Iris(BASE)
    expected = iris.conflict("negation", F + "f2", F + "f1")
    assert conflict.iri == str(expected) == str(iris.conflict("negation", F + "f1", F + "f2"))


def test_conflicts_refresh_drops_stale_conflicts(tmp_path: Path) -> None:
    with _opposed_corpus("negation").store(tmp_path / "kg") as kg:
        refresh_analysis(kg, RULES)
        assert len(read_conflicts(kg)) == 1
        kg.remove_article(kg.iris.article("a2"))
        refresh_analysis(kg, RULES)
        assert read_conflicts(kg) == []
        assert has_analysis(kg)


def test_conflicts_has_analysis_only_after_refresh(tmp_path: Path) -> None:
    with Corpus().store(tmp_path / "kg") as kg:
        assert not has_analysis(kg)
        report = refresh_analysis(kg, RULES)
        assert has_analysis(kg) and report.conflicts == {"count": 0, "negation": 0, "denial": 0}


def test_conflicts_analysis_of_older_rules_is_no_analysis(tmp_path: Path) -> None:
    from rdflib import Literal, URIRef

    from kgraph.graph.analysis import ANALYSIS_VERSION
    from kgraph.vocab import KG

    with Corpus().store(tmp_path / "kg") as kg:
        graph = URIRef(kg.iris.analysis_graph)
        kg.replace_graph(graph, [(graph, KG.analysisVersion, Literal(ANALYSIS_VERSION - 1))])
        assert not has_analysis(kg)  # kgraph conflicts then asks for --refresh
        refresh_analysis(kg, RULES)
        assert has_analysis(kg)


def test_conflicts_the_view_marks_conflicting_facts_contested(tmp_path: Path) -> None:
    from kgraph.view.subgraph import facts

    with _count_store(tmp_path, (*_A, 2000, None, {}), (*_B, 3000, None, {})) as kg:
        refresh_analysis(kg, RULES)
        contested = {f.iri for f in facts(kg) if f.contested}
    assert contested == {F + "q1", F + "q2"}


# ------------------------------------------------------------------ CLI


def _cli(*args: str | Path) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture()
def conflict_store(tmp_path: Path) -> Path:
    corpus = _opposed_corpus("claimed, denial")
    corpus.article("a3", title="Article a3", issued="2023-09-20")
    corpus.entity("Russia", "Russia", "Country")
    armenia = "<entity/Armenia>"
    corpus.fact("story", "a3", armenia, "kgrel:border", "<entity/Russia>")
    corpus.quantity("q1", "a1", "Russian peacekeepers", "troops", 2000, "about", about="shelling")
    corpus.quantity("q2", "a3", "Russian peacekeepers", "troops", 3000, "approximately",
                    about="shelling", subject_text="Russian peacekeepers")  # fmt: skip
    with corpus.store(tmp_path / "kg") as kg:
        refresh_analysis(kg, RULES)
    return tmp_path / "kg"


def test_conflicts_cli_text(conflict_store: Path) -> None:
    result = _cli("conflicts", conflict_store)
    assert result.exit_code == 0, result.output
    text = result.output
    assert "count" in text and "denial" in text and "2 conflicts" in text
    assert "about 2,000 troops of Russian peacekeepers" in text
    assert "approximately 3,000 troops of Russian peacekeepers" in text
    assert "Article a3 (2023-09-20)" in text and "Article a1 (Wire a1)" in text
    assert (
        "attributed to Azerbaijan (claim)" in text and "Armenia did not report casualties." in text
    )


def test_conflicts_cli_json_and_kind(conflict_store: Path) -> None:
    result = _cli("conflicts", conflict_store, "--kind", "denial", "--format", "json")
    found = json.loads(result.output)
    assert [c["kind"] for c in found] == ["denial"]
    facts = {f["iri"][len(F) :]: f for f in found[0]["facts"]}
    assert facts["f2"]["denied"] and facts["f2"]["speaker"] == "Armenia"
    assert facts["f1"]["cue"] == "claim" and facts["f1"]["supporting_articles"] == 1


def test_conflicts_cli_csv(conflict_store: Path) -> None:
    result = _cli("conflicts", conflict_store, "--format", "csv")
    table = list(csv.DictReader(io.StringIO(result.output)))
    assert len(table) == 4 and {r["kind"] for r in table} == {"count", "denial"}
    assert {r["fact_title"] for r in table} == {"Article a1", "Article a2", "Article a3"}


def test_conflicts_cli_without_analysis_says_how_to_compute_it(tmp_path: Path) -> None:
    with _opposed_corpus("negation").store(tmp_path / "kg"):
        pass
    result = CliRunner().invoke(cli, ["conflicts", str(tmp_path / "kg")])
    assert result.exit_code == 1 and "--refresh" in result.output
    result = _cli("conflicts", tmp_path / "kg", "--refresh")
    assert result.exit_code == 0 and "1 conflict" in result.output


def test_conflicts_cli_none(tmp_path: Path) -> None:
    with _opposed_corpus("negation, modal").store(tmp_path / "kg") as kg:
        refresh_analysis(kg, RULES)
    assert "no conflicts" in _cli("conflicts", tmp_path / "kg").output


# ------------------------------------------------------------------ the sample corpus


def _counts(conflict: object) -> set[str]:
    return {f.value.split(" of ")[0] for f in conflict.facts}  # type: ignore[attr-defined]


@pytest.mark.model
def test_conflicts_sample_corpus(kg: KGStore) -> None:
    assert has_analysis(kg)
    found = read_conflicts(kg)
    counts = [_counts(c) for c in found if c.kind == "count"]
    assert {"about 2,000 troops", "about 3,000 troops"} in counts  # peacekeepers: 003 vs 002
    # no conflict (judged blind, benchmarks/conflicts/judged-dev-1.jsonl; table t002, t003):
    # "at least two civilian deaths and 23 injuries" (000) allows CNN's 80 (004), and the
    # eleven police and civilians of "a mine blast and another incident" (002) sum two
    # incidents, the six Azerbaijanis (000) one: that pair is a candidate
    assert {"23 injuries", "80 injuries"} not in counts
    assert {"6 deaths", "11 deaths"} not in counts
    near = [{f.value.split(" of ")[0] for f in c.facts} for c in read_candidates(kg, RULES)]
    assert {"6 deaths", "11 deaths"} in near
    assert len(counts) == len({frozenset(c) for c in counts})  # each disagreement once
    for conflict in found:
        assert len({f.article for f in conflict.facts}) == 2


@pytest.mark.model
def test_conflicts_sample_corpus_every_fact_is_corroborated(kg: KGStore) -> None:
    query = """SELECT (COUNT(?f) AS ?n) WHERE { ?f a rdf:Statement
      FILTER NOT EXISTS { ?f kg:supportingArticles ?a ; kg:supportingSources ?s } }"""
    assert next(rows(kg.query(query)))["n"].value == "0"


@pytest.mark.model
def test_conflicts_cli_sample_corpus(built_store: Path) -> None:
    result = _cli("conflicts", built_store, "--kind", "count")
    assert result.exit_code == 0 and "about 3,000 troops" in result.output  # peacekeepers
    assert "New conflict in Nagorno-Karabakh (2023-05-31)" in result.output  # its source


def test_conflicts_cli_candidates(tmp_path: Path) -> None:
    side_unknown = next(c for c in COUNT_CASES if c[0] == "the side of one is not known")
    with _count_store(tmp_path, side_unknown[1], side_unknown[2]) as kg:
        refresh_analysis(kg, RULES)
    assert "no conflicts" in _cli("conflicts", tmp_path / "kg").output
    text = _cli("conflicts", tmp_path / "kg", "--candidates").output
    assert "1 candidate" in text and "the side" in text and "Article a2" in text
    found = json.loads(_cli("conflicts", tmp_path / "kg", "--candidates", "-f", "json").output)
    assert [c["kind"] for c in found] == ["candidate"] and found[0]["reasons"]
    assert {f["iri"][len(F) :] for f in found[0]["facts"]} == {"q1", "q2"}


def test_conflicts_corroboration_copies_are_one_source(tmp_path: Path) -> None:
    story = " ".join(f"word{i}" for i in range(80))
    corpus = Corpus()
    corpus.article("a1", publisher="Paper One", text=story)
    corpus.article("a2", publisher="Paper Two", text=story + " An update.")
    corpus.article("a3", publisher="Paper Three", text="Another story, written apart.")
    baku, op = corpus.entity("Azerbaijan", "Azerbaijan"), corpus.entity("Op", "Op")
    people = corpus.entity("a1.people", "people")  # an article's own node: generic
    for key in ("a1", "a2", "a3"):
        corpus.fact(f"x{key}", key, baku, "kg:initiates", op)
        corpus.fact(f"p{key}", key, people, "kg:initiates", op)
    with corpus.store(tmp_path / "kg") as kg:
        refresh_analysis(kg, RULES)
        support = _support(kg)
        from kgraph.graph import graph_stats

        assert graph_stats(kg).syndicated_copies == 1
    assert support["xa1"] == support["xa3"] == (3, 2)  # a1 and a2 are one wire story
    assert support["pa1"] == support["pa2"] == (1, 1)  # "people" corroborate nothing
