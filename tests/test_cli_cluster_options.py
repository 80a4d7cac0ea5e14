"""`kgraph build` options that only make sense with or without --cluster are refused."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kgraph.cli import cli


def test_cli_build_refuses_workers_with_a_cluster(tmp_path: Path) -> None:
    out = str(tmp_path / "kg")
    args = ["build", "data", "--out", out, "--cluster", "tcp://127.0.0.1:1", "--workers", "2"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "--workers" in result.output and "dask worker" in result.output
    assert not (tmp_path / "kg").exists()


def test_cli_build_refuses_cluster_options_without_a_cluster(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", "data", "--out", str(tmp_path / "kg"), "--partition-size", "8"]
    )
    assert result.exit_code == 2
    assert "need --cluster" in result.output
