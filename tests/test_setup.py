"""Set-up as a new user meets it: the README's two commands, .ci/run, optional tools missing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _setup_commands() -> list[str]:
    """The shell blocks of the README's "Set up" section."""
    section = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL)]


def test_setup_readme_has_two_commands_in_a_virtual_environment() -> None:
    install, tests = _setup_commands()
    assert install.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install -e .")
    assert "kgraph build data/ --out kg/" in install
    assert tests.startswith(". .venv/bin/activate && ") and tests.endswith("python -m pytest")
    assert re.search(r"Python 3\.\d+ or newer", README)


def test_setup_ci_runs_the_readme_test_command_in_a_venv() -> None:
    _, tests = _setup_commands()
    lines = [line.strip() for line in CI.splitlines() if not line.lstrip().startswith("#")]
    assert lines[-1] == tests, "the last step of .ci/run is the README's test command"
    assert "python3 -m venv .venv" in lines
    assert any(re.match(r"timeout \d+ apt-get update", line) for line in lines)
    assert "chromium-driver" not in CI
    assert "ruff check kgraph tests benchmarks" in lines
    assert "mypy kgraph" in lines


def test_setup_browser_tests_skip_without_playwright(tmp_path: Path) -> None:
    blocked = tmp_path / "playwright"
    blocked.mkdir()
    (blocked / "__init__.py").write_text("raise ImportError('playwright is not installed')\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}
    test = "tests/test_view.py::test_view_page_loads_offline_with_the_graphs_counts"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", test],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 skipped" in done.stdout and "Playwright is not installed" in done.stdout


def test_setup_carb_benchmark_says_what_is_missing(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/carb/run.py", "--carb-dir", str(tmp_path / "no-carb")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"CaRB is not at {tmp_path / 'no-carb'}" in done.stderr
    assert "test.txt" in done.stderr and "--carb-dir" in done.stderr


def test_setup_an_unmarked_test_cannot_load_the_model() -> None:
    """-m "not model" skips every model load: an unmarked test that loads one fails, saying why."""
    import pytest
    import spacy

    from kgraph.nlp import MODEL_PREFERENCE, load_pipeline

    installed = [name for name in MODEL_PREFERENCE if spacy.util.is_package(name)]
    with pytest.raises(pytest.fail.Exception, match=r"without @pytest.mark.model: mark it"):
        spacy.load(installed[0])
    with pytest.raises(pytest.fail.Exception, match=r"without @pytest.mark.model"):
        load_pipeline()
    assert spacy.blank("en").pipe_names == []  # a blank pipeline loads no model


def test_setup_tests_using_the_model_fixtures_are_model_tests() -> None:
    from types import SimpleNamespace

    from . import conftest

    items = [SimpleNamespace(fixturenames=names, marks=[]) for names in (["nlp"], ["tmp_path"])]
    for item in items:
        item.add_marker = item.marks.append  # type: ignore[attr-defined]
    conftest.pytest_collection_modifyitems(items)  # type: ignore[arg-type]
    assert [[m.name for m in item.marks] for item in items] == [["model"], []]
