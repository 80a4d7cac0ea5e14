"""Files a command writes appear whole or not at all, and bad paths get a clear message."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.errors import OutputError
from kgraph.export.files import atomic_output
from kgraph.graph import KGStore


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("files") / "kg"
    KGStore.open(path, create=True).close()
    return path


def _left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


#: (where to write, relative to tmp_path or absolute; what the message says)
BAD_PATHS = [
    ("missing/out.{ext}", r"folder .*missing does not exist; create it \(mkdir -p .*missing\)"),
    ("folder", r"folder is a folder; give a file name"),
    ("/sys/kgraph-out.{ext}", r"permission denied in folder /sys"),
    ("/proc/kgraph-out.{ext}", r"cannot create files in folder /proc"),
    ("/dev/full", r"no space left on its device"),
]


def _run(command: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, command)
    return result.exit_code, result.output


def _command(command: str, store: Path, target: Path, page: Path) -> list[str]:
    if command == "export":
        return ["export", str(store), "--format", "nq", "-o", str(target)]
    if command == "view":
        return ["view", str(store), "-o", str(target)]
    return ["view", str(store), "-o", str(page), "--svg", str(target)]


@pytest.mark.parametrize("command", ["export", "view", "svg"])
@pytest.mark.parametrize(("where", "message"), BAD_PATHS, ids=[w for w, _ in BAD_PATHS])
def test_files_bad_output_paths_fail_cleanly(
    empty_store: Path, tmp_path: Path, command: str, where: str, message: str
) -> None:
    (tmp_path / "folder").mkdir()
    relative = where.format(ext={"view": "html"}.get(command, command))
    target = Path(relative) if relative.startswith("/") else tmp_path / relative
    existed = target.exists()
    store = _store_with_a_triple(tmp_path) if command == "export" else empty_store
    before = _left(tmp_path)
    code, output = _run(_command(command, store, target, tmp_path / "page.html"))
    assert code == 1, output
    assert "Traceback" not in output
    assert re.search(message, output), output
    assert target.exists() == existed and not target.is_file()  # no partial or empty file
    assert _left(tmp_path) == before  # nor a temporary one, nor the page of --svg
    if relative.startswith("/") and target.parent.is_dir():
        assert not [p for p in target.parent.glob(f".{target.name}.*")]


def _store_with_a_triple(tmp_path: Path) -> Path:
    path = tmp_path / "one"
    with KGStore.open(path, create=True) as kg:
        kg.replace_graph(
            kg.iris.runs_graph, [(kg.iris.run("x"), kg.iris.run("y"), kg.iris.run("z"))]
        )
    return path


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a folder of mode 000")
def test_files_forbidden_folder(empty_store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0)
    try:
        code, output = _run(["export", str(empty_store), "-o", str(folder / "kg.nq")])
    finally:
        folder.chmod(0o755)
    assert code == 1 and "permission denied" in output and "Traceback" not in output
    assert _left(folder) == []


def test_files_failed_export_leaves_the_old_file(empty_store: Path, tmp_path: Path) -> None:
    output = tmp_path / "kg.nq"
    output.write_text("old\n", encoding="utf-8")
    code, text = _run(["export", str(empty_store), "--article", "nope", "-o", str(output)])
    assert code == 1 and "no article 'nope'" in text and "Traceback" not in text
    assert output.read_text(encoding="utf-8") == "old\n"
    assert _left(tmp_path) == ["kg.nq"]


def test_files_failed_export_leaves_no_empty_file(empty_store: Path, tmp_path: Path) -> None:
    code, _ = _run(
        ["export", str(empty_store), "--construct", "SELECT * {}", "-o", str(tmp_path / "x.ttl")]
    )
    assert code == 2
    assert _left(tmp_path) == []


def test_files_export_replaces_a_file_keeping_its_mode(empty_store: Path, tmp_path: Path) -> None:
    output = tmp_path / "kg.trig"
    output.write_text("old\n", encoding="utf-8")
    output.chmod(0o640)
    code, text = _run(["export", str(empty_store), "-o", str(output)])
    assert code == 0, text
    assert output.read_text(encoding="utf-8") == "" and (output.stat().st_mode & 0o777) == 0o640
    assert _left(tmp_path) == ["kg.trig"]


def test_files_export_to_dev_null_writes_in_place(empty_store: Path) -> None:
    code, text = _run(["export", str(empty_store), "-o", "/dev/null"])
    assert code == 0, text
    assert Path("/dev/null").is_char_device()


def test_files_atomic_output_through_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("old", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    with atomic_output(tmp_path / "link.txt") as handle:
        handle.write(b"new")
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real.txt").read_text(encoding="utf-8") == "new"


def test_files_atomic_output_leaves_nothing_on_an_error(tmp_path: Path) -> None:
    with pytest.raises(KeyboardInterrupt), atomic_output(tmp_path / "x.nq") as handle:
        handle.write(b"partial")
        raise KeyboardInterrupt
    assert _left(tmp_path) == []
    with pytest.raises(OutputError, match="is a folder"), atomic_output(tmp_path):
        pass


@pytest.mark.parametrize("command", ["export", "view"])
def test_files_paths_are_shown_as_text(empty_store: Path, tmp_path: Path, command: str) -> None:
    missing = tmp_path / "no[/]such\x1b[31m"
    code, output = _run(_command(command, empty_store, missing / "x.out", tmp_path / "p.html"))
    assert code == 1 and "Traceback" not in output, output
    assert "folder " in output and "no[/]such\\x1b[31m does not exist" in output
    assert "\x1b" not in output
    written = tmp_path / "[bold]ok"
    written.mkdir()
    code, output = _run(_command(command, empty_store, written / "x.out", tmp_path / "p.html"))
    assert code == 0, output
    assert f"wrote {written / 'x.out'}" in output
