from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import cli

COMMANDS = sorted(cli.commands)


def run(*args: str | Path) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and f"kgraph {command}" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_is_documented(command: str) -> None:
    docs = (Path(__file__).parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"## kgraph {command}" in docs


def test_cli_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and "kgraph" in result.output


@pytest.mark.model
def test_cli_query_table(built_store: Path) -> None:
    result = run(
        "query",
        built_store,
        "SELECT ?label WHERE { ?e a kg:Country ; rdfs:label ?label } ORDER BY ?label",
    )
    assert result.exit_code == 0, result.output
    assert "Azerbaijan" in result.output and "rows" in result.output


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "xml"])
def test_cli_query_formats(built_store: Path, fmt: str) -> None:
    result = run(
        "query", built_store, "SELECT ?l WHERE { ?e a kg:Country ; rdfs:label ?l }", "--format", fmt
    )
    assert result.exit_code == 0
    if fmt == "json":
        rows = json.loads(result.output)["results"]["bindings"]
        assert {"l"} <= set(rows[0])
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.output)))
        assert rows[0] == ["l"] and len(rows) > 3
    else:
        assert "Azerbaijan" in result.output


@pytest.mark.model
def test_cli_query_ask_and_construct(built_store: Path) -> None:
    assert run("query", built_store, "ASK { ?s kg:initiates ?o }").output.strip() == "true"
    result = run(
        "query",
        built_store,
        "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a kg:Country ; rdfs:label ?l }",
    )
    assert result.exit_code == 0 and "Azerbaijan" in result.output


@pytest.mark.model
def test_cli_query_from_file(built_store: Path, tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text("ASK { ?a a kg:Article }")
    assert run("query", built_store, f"@{query}").output.strip() == "true"


@pytest.mark.model
def test_cli_invalid_sparql_exits_2_with_position(built_store: Path) -> None:
    result = CliRunner().invoke(cli, ["query", str(built_store), "SELEC ?x"])
    assert result.exit_code == 2
    assert "invalid SPARQL" in result.output and "1:" in result.output


def test_cli_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("x")
    result = CliRunner().invoke(cli, ["stats", str(tmp_path)])
    assert result.exit_code == 1 and "not a kgraph store" in result.output


def test_cli_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["query", str(tmp_path / "kg"), "ASK {}"])
    assert result.exit_code == 1 and "kgraph build" in result.output


@pytest.mark.model
def test_cli_stats(built_store: Path) -> None:
    result = run("stats", built_store)
    assert result.exit_code == 0
    for word in ("articles", "sentences", "facts", "entities", "relation"):
        assert word in result.output
    counts = json.loads(run("stats", built_store, "--json").output)
    assert counts["articles"] == 5 and counts["facts"] > 0


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["trig", "nq", "nt", "ttl", "jsonld", "xml"])
def test_cli_export_to_file_and_stdout(built_store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"kg.{fmt}"
    assert run("export", built_store, "--format", fmt, "-o", out).exit_code == 0
    assert out.stat().st_size > 1000
    stdout = run("export", built_store, "--format", fmt)
    assert stdout.exit_code == 0
    assert stdout.stdout_bytes == out.read_bytes()


@pytest.mark.model
def test_cli_export_guesses_format_from_extension(built_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "kg.nq"
    assert run("export", built_store, "-o", out).exit_code == 0
    assert out.read_text().splitlines()[0].rstrip().endswith("> .")


@pytest.mark.model
def test_cli_build_reports_and_fails_only_when_nothing_built(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Azerbaijan launched a military operation in Karabakh.\n")
    (corpus / "bad.jsonl").write_text('{"text": "Russia brokered a ceasefire."}\nnot json\n')
    result = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(tmp_path / "kg")])
    assert result.exit_code == 0, result.output
    assert "bad.jsonl:2" in result.output and "2 articles added" in result.output
    result = CliRunner().invoke(
        cli, ["build", str(tmp_path / "nothing"), "-o", str(tmp_path / "kg2")]
    )
    assert result.exit_code == 1
    assert "nothing" in result.output and "no article could be built" in result.output
